from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "weiquan.staff"
    label = "staff"
