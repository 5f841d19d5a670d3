"""The doors other than the staff form: 12345 orders and their outbox, imported rows."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class HotlineOrder(models.Model):
    """A work order transferred by an integration (the 12345 hotline), once per external id.

    Either it became a case, or it was returned as not market regulation's business (`returned`)."""

    integration = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    external_id = models.CharField(_("work-order number"), max_length=64)
    case = models.OneToOneField("cases.Case", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="hotline_order")
    returned = models.BooleanField(_("returned"), default=False)
    reason = models.CharField(_("reason for return"), max_length=300, blank=True)
    suggested_channel = models.CharField(_("competent channel"), max_length=100, blank=True)
    limit_working_days = models.PositiveSmallIntegerField(_("12345 limit (working days)"), null=True, blank=True)
    payload = models.JSONField(default=dict, blank=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)

    class Meta:
        verbose_name = _("12345 work order")
        verbose_name_plural = _("12345 work orders")
        constraints = [models.UniqueConstraint(fields=["integration", "external_id"],
                                               name="hotline_order_unique")]

    def __str__(self) -> str:
        return self.external_id


class Outbox(models.Model):
    """A message to an integration (the result of a closed case), delivered with retries."""

    integration = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    payload = models.JSONField(default=dict)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        indexes = [models.Index(fields=["delivered_at", "next_attempt_at"], name="outbox_pending")]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.integration_id} ({self.attempts})"


class ImportedRow(models.Model):
    """One source row imported by `weiquan import`: its stable key makes a re-run import nothing twice.
    Written in the same transaction as the case it produced."""

    key = models.CharField(max_length=80)  # unique by the constraint below (exact look-ups only)
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="imported_row", primary_key=True)
    source = models.CharField(max_length=200, blank=True)
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("imported row")
        verbose_name_plural = _("imported rows")
        constraints = [models.UniqueConstraint(fields=["key"], name="imported_row_key_unique")]

    def __str__(self) -> str:
        return self.key
