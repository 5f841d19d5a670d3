from django.contrib import admin

from .models import HotlineOrder, ImportedRow, Outbox


@admin.register(HotlineOrder)
class HotlineOrderAdmin(admin.ModelAdmin):
    list_display = ("external_id", "integration", "case", "returned", "reason", "received_at")
    list_filter = ("returned", "integration")
    search_fields = ("external_id",)
    raw_id_fields = ("case",)
    readonly_fields = ("integration", "external_id", "case", "returned", "reason", "suggested_channel",
                       "limit_working_days", "payload", "received_at")


@admin.register(Outbox)
class OutboxAdmin(admin.ModelAdmin):
    list_display = ("case", "integration", "attempts", "next_attempt_at", "delivered_at", "last_error")
    list_filter = ("integration",)
    raw_id_fields = ("case",)
    readonly_fields = ("integration", "case", "payload", "created_at")


@admin.register(ImportedRow)
class ImportedRowAdmin(admin.ModelAdmin):
    list_display = ("key", "case", "source", "imported_at")
    search_fields = ("key",)
    raw_id_fields = ("case",)
    readonly_fields = ("key", "case", "source", "imported_at")
