"""The per-session options of the credentials procedure, set by the secretariat."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from tripartite.accounts.models import User
from tripartite.common.services import (
    PermissionDeniedError,
    ServiceError,
    create_logged,
    update_logged,
)
from tripartite.delegations import permissions
from tripartite.delegations.models import CredentialsSettings
from tripartite.meetings.models import Session

SETTINGS_FIELDS = ("deadline", "arrears_scope", "list_language")


@transaction.atomic
def credentials_settings_update(*, actor: User, session: Session, changes: dict[str, object],
                                seen_updated_at: dt.datetime | None = None) -> CredentialsSettings:
    """Create the session's settings the first time, then update them; logged either way."""
    if not permissions.can_review_credentials(actor):
        raise PermissionDeniedError
    unknown = set(changes) - set(SETTINGS_FIELDS)
    if unknown:
        raise ServiceError(f"Unknown fields: {', '.join(sorted(unknown))}",
                           code="unknown_field")
    deadline = changes.get("deadline")
    if deadline is not None and deadline >= session.local_opens_at.date():
        raise ServiceError(_("The credentials deadline must fall before the opening."),
                           field="deadline")
    existing = CredentialsSettings.objects.select_for_update().filter(session=session).first()
    if existing is None:
        return create_logged(CredentialsSettings(session=session, **changes), actor=actor,
                             action="delegations.credentials_settings.created")
    return update_logged(existing, changes=changes, fields=SETTINGS_FIELDS, actor=actor,
                         action="delegations.credentials_settings.updated",
                         seen_updated_at=seen_updated_at)
