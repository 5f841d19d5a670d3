from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "weiquan.demo"
    label = "demo"
