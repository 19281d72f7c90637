"""Writing to the action log, and the small helpers every service uses."""

import datetime as dt
from typing import Any, TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import DataError, IntegrityError, models, transaction
from django.db.models import ProtectedError, RestrictedError

from tripartite.common.models import ActionLogEntry

# Who acts: a user, anonymous (refused by the checks), or nobody (installation, migrations).
Actor = AbstractBaseUser | AnonymousUser | None
# The JSON data of a log entry, and the differences of an update.
LogData = dict[str, Any]
Instance = TypeVar("Instance", bound=models.Model)


class ServiceError(Exception):
    """A write was refused: the message is for the user, in their language.

    ``code`` is stable and machine-readable (the API returns it); ``field`` names the
    input at fault when there is one.
    """

    def __init__(self, message: str, *, code: str = "invalid", field: str | None = None,
                 status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field
        self.status = status


class PermissionDeniedError(ServiceError):
    def __init__(self, message: str | None = None, *, code: str = "forbidden") -> None:
        from django.utils.translation import gettext

        super().__init__(message or gettext("You are not allowed to do this."),
                         code=code, status=403)


class EditConflictError(ServiceError):
    def __init__(self) -> None:
        from django.utils.translation import gettext

        super().__init__(
            gettext("This record was changed by someone else since you opened it. "
                    "Reload it to see their change, then make yours again."),
            code="conflict", status=409)


def log_action(*, actor: Actor, action: str, obj: models.Model,
               data: LogData | None = None) -> ActionLogEntry:
    """Record ``action`` (dotted, e.g. ``meetings.session.created``) on ``obj``."""
    signed_in = actor is not None and actor.is_authenticated
    return ActionLogEntry.objects.create(
        actor_id=actor.pk if signed_in and actor is not None else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        data=data or {},
    )


def apply_changes(instance: models.Model, changes: LogData, *,
                  fields: tuple[str, ...]) -> LogData:
    """Set the allowed ``fields`` found in ``changes``; return {field: [old, new]} for the log."""
    diff = {}
    for name in fields:
        if name not in changes:
            continue
        old, new = getattr(instance, name), changes[name]
        if old != new:
            setattr(instance, name, new)
            diff[name] = [_loggable(old), _loggable(new)]
    return diff


def check_not_stale(instance: models.Model, seen_updated_at: dt.datetime | None) -> None:
    """Lock ``instance``'s row for the rest of the transaction, then refuse to overwrite a
    change made since the user loaded the record.

    Forms and the API send back the ``updated_at`` they were shown; any other value in
    the database means someone saved in between. The row lock (SELECT … FOR UPDATE) makes
    the check and the save that follows one step: a second editor waits for the first to
    commit, then reads the new ``updated_at`` and gets the conflict. A plain read would let
    both pass the check and the second silently overwrite the first.
    """
    current = _locked_updated_at(instance)
    if seen_updated_at is not None and current is not None and current != seen_updated_at:
        raise EditConflictError


def _require_transaction() -> None:
    if not transaction.get_connection().in_atomic_block:
        # A programming error, not the user's: the lock would be released at once.
        raise RuntimeError("Run this inside the service's transaction (@transaction.atomic).")


def _locked_updated_at(instance: models.Model) -> dt.datetime | None:
    """Lock the row of ``instance``; its stored ``updated_at`` (None when it has none)."""
    _require_transaction()
    model = type(instance)
    has_stamp = any(field.name == "updated_at" for field in model._meta.concrete_fields)
    # Without the model's default order: an order through a relation joins its table, and
    # PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
    rows = model._base_manager.select_for_update(of=("self",)).filter(pk=instance.pk).order_by()
    if not has_stamp:
        rows.values_list("pk", flat=True).first()
        return None
    return rows.values_list("updated_at", flat=True).first()


def _loggable(value: object) -> object:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple)):
        return [_loggable(item) for item in value]
    return value


def create_logged(instance: Instance, *, actor: Actor, action: str,
                  data: LogData | None = None) -> Instance:
    """Validate, save and log a new ``instance`` (call inside the service's transaction)."""
    instance.full_clean()
    instance.save()
    log_action(actor=actor, action=action, obj=instance, data=data or _snapshot(instance))
    return instance


def update_logged(instance: Instance, *, changes: LogData, fields: tuple[str, ...],
                  actor: Actor, action: str,
                  seen_updated_at: dt.datetime | None = None) -> Instance:
    """Apply the allowed ``changes``, validate, save the changed columns and log the
    difference. Call inside the service's transaction.

    The row is locked first and the changed fields' stored values are read again under
    the lock, so the log shows what is really replaced; only those columns (and
    ``updated_at``) are written, so a field another service changed meanwhile is not
    reverted by a stale copy. Nothing is saved when nothing changed. Refuses with a
    conflict when the record changed since the user saw it (``seen_updated_at``).
    """
    unknown = set(changes) - set(fields)
    if unknown:
        raise ServiceError(f"Unknown fields: {', '.join(sorted(unknown))}", code="unknown_field")
    check_not_stale(instance, seen_updated_at)
    asked = [name for name in fields if name in changes]
    if asked:
        instance.refresh_from_db(fields=asked)
    diff = apply_changes(instance, changes, fields=fields)
    if diff:
        instance.full_clean()
        instance.save(update_fields=_columns_to_write(instance, diff))
        log_action(actor=actor, action=action, obj=instance, data=diff)
    return instance


def _columns_to_write(instance: models.Model, diff: LogData) -> list[str]:
    names = set(diff)
    if any(field.name == "updated_at" for field in instance._meta.concrete_fields):
        names.add("updated_at")  # auto_now stamps it only when it is saved
    return sorted(names)


def delete_logged(instance: models.Model, *, actor: Actor, action: str) -> None:
    """Log and delete ``instance``; a 409 naming what still uses it if it is protected."""
    try:
        with transaction.atomic():
            log_action(actor=actor, action=action, obj=instance, data=_snapshot(instance))
            instance.delete()
    except (ProtectedError, RestrictedError) as error:
        raise InUseError(instance, error) from error


class InUseError(ServiceError):
    """A delete refused because other records point to the object (on_delete=PROTECT)."""

    # Enough to tell the user where to look; a long list says no more.
    SHOWN = 5

    def __init__(self, instance: models.Model | None, error: ProtectedError | RestrictedError):
        from django.utils.translation import gettext

        users = list(error.protected_objects if isinstance(error, ProtectedError)
                     else error.restricted_objects)
        names = [f"{obj._meta.verbose_name} “{obj}”" for obj in users[:self.SHOWN]]
        if len(users) > self.SHOWN:
            names.append(gettext("%(count)s more") % {"count": len(users) - self.SHOWN})
        values = {"object": str(instance), "users": "; ".join(names)}
        message = (gettext("%(object)s cannot be deleted: it is used by %(users)s. Remove or "
                           "change those first.") if instance is not None else
                   gettext("This cannot be deleted: it is used by %(users)s. Remove or change "
                           "those first."))
        super().__init__(message % values, code="in_use", status=409)


def refusal_for_database_error(error: Exception) -> ServiceError | None:
    """The client's fault behind an error the database raised, as a refusal; else None.

    The services validate what they save; this is the net under them, so that a value
    the database cannot hold or a protected record answers 4xx, never 500, in pages and API.
    """
    from django.utils.translation import gettext

    if isinstance(error, (ProtectedError, RestrictedError)):
        return InUseError(None, error)
    if isinstance(error, IntegrityError):
        return ServiceError(gettext("This conflicts with what is already recorded (a duplicate, "
                                    "or a record that another one needs); nothing was changed."),
                            code="conflict", status=409)
    if isinstance(error, (DataError, OverflowError)):
        return ServiceError(gettext("A value sent is outside what can be stored (too long, too "
                                    "large or malformed); nothing was changed."),
                            code="invalid_value", status=422)
    return None


def _snapshot(instance: models.Model) -> LogData:
    """The instance's own field values, for the log of a creation or deletion."""
    values = {}
    for field in instance._meta.concrete_fields:
        if field.primary_key or field.name in {"created_at", "updated_at"}:
            continue
        values[field.attname] = _loggable(getattr(instance, field.attname))
    return values
