from django.urls import path, re_path

from weiquan.api import open311

from . import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("submit/send-code/", views.send_code, name="send_code"),
    path("submit/businesses/", views.business_lookup, name="business_lookup"),
    path("submit/<slug:kind>/", views.submit, name="submit"),
    path("submitted/", views.done, name="done"),
    path("track/", views.track, name="track"),
    path("track/<str:number>/", views.track_case, name="track_case"),
    path("track/<str:number>/withdraw/", views.withdraw, name="withdraw"),
    path("track/<str:number>/rate/", views.rate, name="rate"),
    path("attachments/<str:key>/", views.attachment, name="attachment"),
    re_path(r"^open311/v2/services\.(?P<fmt>json|xml)$", open311.services_view, name="open311_services"),
    re_path(r"^open311/v2/requests\.(?P<fmt>json|xml)$", open311.requests, name="open311_requests"),
    re_path(r"^open311/v2/requests/(?P<request_id>[^/]{1,40})\.(?P<fmt>json|xml)$", open311.request_detail,
            name="open311_request"),
]
