from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "weiquan.regions"
    label = "regions"
