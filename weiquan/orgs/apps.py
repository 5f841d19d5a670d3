from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "weiquan.orgs"
    label = "orgs"
