from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from tripartite.accounts import services
from tripartite.accounts.models import ApiToken, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "member_state", "group",
                    "is_active")
    list_filter = ("role", "group", "is_active")
    fieldsets = (*DjangoUserAdmin.fieldsets,
                 (_("Role and scope"), {"fields": ("role", "member_state", "group",
                                                   "language")}))

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            # A deactivated account keeps no way in: no token, no calendar address.
            services.user_credentials_revoke(user=obj, actor=request.user,
                                             reason=services.DEACTIVATED)

    @transaction.atomic
    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        # Saved: a redirect to the user's page (a refused form redirects to itself).
        saved = (request.method == "POST" and response.status_code == 302
                 and response["Location"] != request.get_full_path())
        if saved:
            services.user_credentials_revoke(user=User.objects.get(pk=id), actor=request.user,
                                             reason=services.PASSWORD_CHANGED)
        return response


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "expires_at", "last_used_at",
                    "revoked_at")
    readonly_fields = ("user", "name", "prefix", "created_at", "expires_at", "last_used_at")

    def has_add_permission(self, request):
        return False
