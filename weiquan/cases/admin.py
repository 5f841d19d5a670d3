"""Django admin: businesses are reference data; cases and their events are read-only here, because a
case changes only through the services (weiquan.cases.services), which keep the timeline and clocks."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Business, Case, CaseEvent
from .selectors import search_match


@admin.register(Business)
class BusinessAdmin(admin.ModelAdmin):
    list_display = ("name", "uscc", "region", "is_platform")
    list_filter = ("is_platform",)
    search_fields = ("name", "uscc")
    list_select_related = ("region",)
    raw_id_fields = ("region", "platform", "odr_org")
    show_full_result_count = False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    fields = ("seq", "at", "actor_label", "org", "action", "from_state", "to_state", "payload", "hash")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ("number", "kind", "channel", "state", "received_at", "business_name", "handling_org",
                    "next_due")
    list_filter = ("kind", "state", "channel", "rule_version")
    search_fields = ("=number", "=complainant_phone", "business_name")  # what get_search_results answers
    search_help_text = _("Case number, complainant phone, or the start of the business name (with or without "
                         "its leading division names).")
    list_select_related = ("handling_org",)
    inlines = (CaseEventInline,)
    show_full_result_count = False

    def get_search_results(self, request, queryset, search_term):
        """As the workbench searches, from the indexes: a substring search (the admin's default) reads every
        case on record."""
        term = search_term.strip()
        return (queryset.filter(search_match(term)) if term else queryset), False


@admin.register(CaseEvent)
class CaseEventAdmin(ReadOnlyAdmin):
    list_display = ("case", "seq", "at", "actor_label", "action", "from_state", "to_state")
    list_filter = ("action",)
    search_fields = ("=case__number",)
    list_select_related = ("case",)
    show_full_result_count = False
