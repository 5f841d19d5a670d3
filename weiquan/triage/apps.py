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
        try:
            from weiquan.intake.signals import cases_imported, import_started
        except ImportError:  # an installation without the intake app
            return
        from .batch import on_cases_imported
        from .importing import on_import_started

        cases_imported.connect(on_cases_imported, dispatch_uid="weiquan.triage.on_cases_imported")
        import_started.connect(on_import_started, dispatch_uid="weiquan.triage.on_import_started")
