from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "weiquan.deadlines"
    label = "deadlines"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the time-limit system check)
