from django import forms
from django.core.exceptions import ValidationError

from tripartite.common.services import ServiceError


class SeenVersionField(forms.DateTimeField):
    """Hidden: the ``updated_at`` the user was shown, sent back to detect edit conflicts."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)


def seen_version_initial(instance) -> str:
    return instance.updated_at.isoformat() if instance and instance.pk else ""


def add_service_error(form: forms.Form, error: Exception) -> None:
    """Show a service's refusal on the form, on its field when it names one."""
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            form.add_error(None, error.messages)
        return
    if isinstance(error, ServiceError):
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return
    raise error


def save_with_service(request, form: forms.Form, save) -> bool:
    """Call ``save(form.cleaned_data)`` when the form is valid; on refusal, show why.

    Returns True when the service saved. A refusal (a ServiceError or the model's own
    validation) lands on the form, so the user keeps what they typed.
    """
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except (ServiceError, ValidationError) as error:
        add_service_error(form, error)
        return False
    return True
