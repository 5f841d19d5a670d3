from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "weiquan.intake"
    label = "intake"
    verbose_name = _("intake channels")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the 12345 outbox to case_transitioned)
