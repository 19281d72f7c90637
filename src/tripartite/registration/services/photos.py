"""The participant's photo: keeping the one the uploader confirmed.

Checking, cleaning and cropping happen before, in ``registration.photos`` (no write there);
this keeps the result.
"""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from tripartite.accounts.models import User
from tripartite.common.services import PermissionDeniedError, log_action
from tripartite.registration import permissions
from tripartite.registration.models import Registration


@transaction.atomic
def photo_set(*, actor: User, registration: Registration, content: bytes) -> Registration:
    """Keep the confirmed photo (JPEG bytes from ``photos.process_photo``)."""
    if not permissions.can_upload_photo(actor, registration):
        raise PermissionDeniedError
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    old = registration.photo.name if registration.photo else ""
    registration.photo.save("photo.jpg", ContentFile(content), save=False)
    registration.photo_confirmed_at = timezone.now()
    registration.save(update_fields=["photo", "photo_confirmed_at", "updated_at"])
    log_action(actor=actor, action="registration.photo.set", obj=registration,
               data={"bytes": len(content), "replaced": bool(old)})
    if old:
        storage = registration.photo.storage
        transaction.on_commit(lambda: storage.delete(old))
    return registration
