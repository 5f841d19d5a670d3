from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "weiquan.cases"
    label = "cases"

    def ready(self):
        from weiquan import lookups

        lookups.register()  # `field__any_of`, used by every app that looks cases up in bulk
