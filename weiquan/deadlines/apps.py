from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "weiquan.deadlines"
    label = "deadlines"
