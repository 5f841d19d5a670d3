"""Django admin for the holiday calendar (edits recompute open clocks) and a read-only view of clocks."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import ngettext

from .calendar import forget_cache
from .clocks import recompute_open_clocks
from .models import CalendarYear, Clock, HolidayDay


def _after_calendar_change(request, years) -> None:
    """Make other processes notice the change (CalendarYear.updated_at), then recompute open clocks."""
    for year in CalendarYear.objects.filter(year__in=set(years)):
        year.save(update_fields=["updated_at"])
    forget_cache()
    changed = recompute_open_clocks()
    messages.info(request, ngettext("%(n)d open clock was recomputed.", "%(n)d open clocks were recomputed.",
                                    changed) % {"n": changed})


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ("year", "source", "published_note", "updated_at")
    readonly_fields = ("updated_at",)
    search_fields = ("year",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        _after_calendar_change(request, [obj.year])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        _after_calendar_change(request, [])

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        _after_calendar_change(request, [])


@admin.register(HolidayDay)
class HolidayDayAdmin(admin.ModelAdmin):
    list_display = ("date", "is_working_day", "name")
    list_filter = ("is_working_day",)
    search_fields = ("name", "date")
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        _after_calendar_change(request, [obj.date.year])

    def delete_model(self, request, obj):
        year = obj.date.year
        super().delete_model(request, obj)
        _after_calendar_change(request, [year])

    def delete_queryset(self, request, queryset):
        years = list(queryset.values_list("date__year", flat=True).distinct())
        super().delete_queryset(request, queryset)
        _after_calendar_change(request, years)


@admin.register(Clock)
class ClockAdmin(admin.ModelAdmin):
    list_display = ("case", "kind", "start", "due", "provisional", "state", "org")
    list_filter = ("kind", "state", "provisional")
    search_fields = ("case__number",)
    list_select_related = ("case", "org")
    raw_id_fields = ("case", "org")
    date_hierarchy = "due"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
