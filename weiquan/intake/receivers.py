"""Listeners: a closed 12345 case puts its result in the outbox, in the closing transaction."""

from __future__ import annotations

from django.dispatch import receiver

from weiquan.cases.signals import case_transitioned
from weiquan.lib import workflow


@receiver(case_transitioned, dispatch_uid="intake.hotline_outbox")
def on_transition(sender, case, action, **kwargs):
    if case.channel != "12345" or case.state != workflow.CLOSED:
        return
    from .hotline import result_payload
    from .models import HotlineOrder, Outbox

    order = HotlineOrder.objects.filter(case=case).first()
    if order is not None:
        Outbox.objects.create(integration=order.integration, case=case, payload=result_payload(order, case))
