from django.urls import include, path

from . import calendar_views, case_views, intake_views, views

app_name = "staff"
urlpatterns = [
    path("", views.my_work, name="my_work"),
    path("calendar/", calendar_views.calendar_year, name="calendar"),
    path("calendar/<int:year>/", calendar_views.calendar_year, name="calendar_year"),
    path("work/<slug:key>/", views.worklist, name="worklist"),
    path("intake/", intake_views.intake, name="intake"),
    path("cases/", views.search, name="search"),
    path("cases/<str:number>/", case_views.case_page, name="case"),
    path("cases/<str:number>/act/", case_views.case_action, name="case_action"),
    path("triage/", include("weiquan.triage.urls")),
]
