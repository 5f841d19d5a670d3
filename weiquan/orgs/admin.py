"""Django admin for organisations, users (with organisation and role) and API tokens."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, Organisation, User, hash_token


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("indented_name", "code", "kind", "parent", "region", "active")
    list_filter = ("kind", "active")
    search_fields = ("code", "name")
    list_select_related = ("parent", "region")
    raw_id_fields = ("parent", "region")
    filter_horizontal = ("jurisdiction", "zones")
    readonly_fields = ("path",)
    ordering = ("path",)
    show_full_result_count = False

    @admin.display(description=_("name"), ordering="path")
    def indented_name(self, obj):
        depth = max(obj.path.count("/") - 2, 0)
        return format_html('<span style="padding-left:{}em">{}</span>', depth * 1.5, obj.name)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "jurisdiction":
            from weiquan.regions.models import Region

            kwargs["queryset"] = Region.objects.filter(level__gte=Region.Level.CITY).order_by("code")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "last_name", "organisation", "role", "is_staff", "is_active")
    list_filter = ("role", "is_staff", "is_superuser", "is_active")
    list_select_related = ("organisation",)
    raw_id_fields = ("organisation",)
    fieldsets = (
        *BaseUserAdmin.fieldsets[:1],
        (_("Organisation and role"), {"fields": ("organisation", "role")}),
        *BaseUserAdmin.fieldsets[1:],
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "usable_password", "password1", "password2")}),
        (_("Organisation and role"), {"fields": ("organisation", "role")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are created here (the raw value is shown once, in a message) and revoked, never edited."""

    list_display = ("user", "name", "prefix", "created_at", "last_used_at", "revoked")
    list_filter = ("revoked",)
    search_fields = ("user__username", "name", "prefix")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    readonly_fields = ("prefix", "created_at", "last_used_at")
    actions = ("revoke",)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("user", "name")
        return ("user", "name", "prefix", "created_at", "last_used_at", "revoked")

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return ("user", "name", "prefix", "created_at", "last_used_at")

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the token stays on record with its last use

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        import secrets

        raw = "wq_" + secrets.token_urlsafe(32)
        obj.prefix, obj.digest = raw[:8], hash_token(raw)
        super().save_model(request, obj, form, change)
        messages.warning(request, format_html(
            gettext("New API token for {user}: <code>{raw}</code> — copy it now, it will not be shown again."),
            user=obj.user, raw=raw))

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        count = queryset.filter(revoked=False).update(revoked=True)
        messages.info(request, gettext("%(n)d token(s) revoked.") % {"n": count})
