"""Django admin for division codes (with their history) and development zones."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import DevelopmentZone, Region


class CurrentFilter(admin.SimpleListFilter):
    title = _("in use")
    parameter_name = "current"

    def lookups(self, request, model_admin):
        return [("yes", _("current")), ("no", _("abolished"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(valid_to__isnull=True)
        if self.value() == "no":
            return queryset.filter(valid_to__isnull=False)
        return queryset


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent", "valid_from", "valid_to", "successor")
    list_filter = ("level", CurrentFilter)
    search_fields = ("code", "name", "short_name")
    list_select_related = ("parent", "successor")
    raw_id_fields = ("parent", "successor")
    ordering = ("code",)
    show_full_result_count = False


@admin.register(DevelopmentZone)
class DevelopmentZoneAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "region")
    search_fields = ("code", "name", "region__name")
    list_select_related = ("region",)
    raw_id_fields = ("region",)
