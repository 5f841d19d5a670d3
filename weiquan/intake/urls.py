from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("handover/", views.handover, name="handover"),
    path("station/", views.station, name="station"),
    path("export/", views.export_cases, name="export"),
]
