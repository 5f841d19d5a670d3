from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import JsonResponse
from django.urls import include, path, re_path
from django.views.i18n import set_language

from weiquan.api.main import api
from weiquan.api.main import not_found as api_not_found


def healthz(request):
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    re_path(r"^api/", api_not_found),  # any other /api/ URL: JSON 404, not the HTML page
    path("staff/", include("weiquan.intake.urls")),
    path("staff/", include("weiquan.staff.urls")),
    path("", include("weiquan.public.urls")),
]
