from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "weiquan.triage"
    label = "triage"
    verbose_name = _("triage")

    def ready(self):
        from weiquan.cases.signals import case_registered

        from .receivers import on_case_registered

        case_registered.connect(on_case_registered, dispatch_uid="weiquan.triage.on_case_registered")
