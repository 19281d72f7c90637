"""The outgoing register's reference pattern, changed by the secretariat here; each change goes
through ``register_settings_update`` (checked and logged). Numbers given are never changed."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from tripartite.common.services import ServiceError
from tripartite.correspondence import references
from tripartite.correspondence.models import RegisterSettings
from tripartite.correspondence.permissions import can_manage_correspondence
from tripartite.correspondence.services import templates


class RegisterSettingsForm(forms.ModelForm):
    class Meta:
        model = RegisterSettings
        fields = ("reference_pattern",)

    def clean_reference_pattern(self):
        pattern = self.cleaned_data["reference_pattern"]
        try:
            return references.check_pattern(pattern)
        except ServiceError as error:
            raise ValidationError(error.message) from error


@admin.register(RegisterSettings)
class RegisterSettingsAdmin(admin.ModelAdmin):
    form = RegisterSettingsForm
    list_display = ("reference_pattern",)

    def has_add_permission(self, request):
        return can_manage_correspondence(request.user) and not RegisterSettings.objects.exists()

    def has_change_permission(self, request, obj=None):
        return can_manage_correspondence(request.user)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        saved = templates.register_settings_update(
            actor=request.user, reference_pattern=form.cleaned_data["reference_pattern"])
        obj.pk = saved.pk
