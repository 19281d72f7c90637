from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from tripartite.accounts.models import ApiToken, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "member_state", "group",
                    "is_active")
    list_filter = ("role", "group", "is_active")
    fieldsets = (*DjangoUserAdmin.fieldsets,
                 (_("Role and scope"), {"fields": ("role", "member_state", "group",
                                                   "language")}))


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("user", "name", "prefix", "created_at", "last_used_at")

    def has_add_permission(self, request):
        return False
