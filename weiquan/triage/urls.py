from django.urls import path

from . import views

app_name = "triage"
urlpatterns = [
    path("<str:number>/", views.panel, name="panel"),
    path("<str:number>/confirm/", views.confirm, name="confirm"),
    path("<str:number>/recompute/", views.recompute, name="recompute"),
]
