"""The secretariat switches the rules for meeting proposals on or off, changes their severity
or parameter here; each change goes through ``rule_setting_update`` and is logged."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from tripartite.common.services import ServiceError
from tripartite.proposals import permissions, services
from tripartite.proposals.models import ProposalRuleSetting


class RuleSettingForm(forms.ModelForm):
    class Meta:
        model = ProposalRuleSetting
        fields = ("enabled", "severity", "parameter")

    def clean(self):
        data = super().clean()
        try:
            services.check_parameter(self.instance.rule, data.get("parameter"))
        except ServiceError as error:
            raise ValidationError({"parameter": error.message}) from error
        return data


@admin.register(ProposalRuleSetting)
class ProposalRuleSettingAdmin(admin.ModelAdmin):
    form = RuleSettingForm
    list_display = ("rule", "title", "enabled", "severity", "parameter", "updated_at")
    list_editable = ()
    fields = ("rule", "title", "provision", "enabled", "severity", "parameter")
    readonly_fields = ("rule", "title", "provision")

    def has_add_permission(self, request):
        return False  # one row per rule, made by the data migration

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return permissions.can_run_pipeline(request.user)

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def save_model(self, request, obj, form, change):
        changes = {name: form.cleaned_data[name] for name in services.SETTING_FIELDS
                   if name in form.changed_data}
        setting = ProposalRuleSetting.objects.get(pk=obj.pk)
        services.rule_setting_update(setting=setting, actor=request.user, changes=changes)
