from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "weiquan.cases"
    label = "cases"
