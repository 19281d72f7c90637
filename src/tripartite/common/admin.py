from django.contrib import admin

from tripartite.common.models import ActionLogEntry


@admin.register(ActionLogEntry)
class ActionLogEntryAdmin(admin.ModelAdmin):
    """Read-only: nothing edits or deletes the action log, not even a superuser."""

    list_display = ("at", "actor", "action", "object_repr")
    list_filter = ("action",)
    search_fields = ("action", "object_repr")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
