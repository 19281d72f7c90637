"""Every write to accounts: preferences, API tokens and calendar feed keys."""

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from tripartite.accounts.models import ApiToken, User
from tripartite.common.services import PermissionDeniedError, ServiceError, log_action


class ApiTokenExpiredError(Exception):
    """A token that is known and not revoked, but whose lifetime is over."""

    def __init__(self, expired_at: datetime):
        super().__init__(expired_at)
        self.expired_at = expired_at


# Why a user's tokens and feed key were revoked, as written in the action log.
PASSWORD_CHANGED = "password_changed"
PASSWORD_RESET = "password_reset"
DEACTIVATED = "deactivated"
REVOCATION_REASONS = {PASSWORD_CHANGED, PASSWORD_RESET, DEACTIVATED}


@transaction.atomic
def user_set_language(*, user: User, language: str) -> User:
    if language not in dict(settings.LANGUAGES):
        raise ServiceError("Unknown language.", field="language")
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
        log_action(actor=user, action="accounts.user.language_set", obj=user,
                   data={"language": language})
    return user


def _valid_days(value: int | str) -> int:
    """The lifetime asked for, in days: a whole number from 1 to ApiToken.MAX_VALID_DAYS."""
    try:
        days = int(value)
    except (TypeError, ValueError):
        days = 0
    if not 1 <= days <= ApiToken.MAX_VALID_DAYS:
        raise ServiceError(
            gettext("A token is valid for 1 to %(max)s days.") % {"max": ApiToken.MAX_VALID_DAYS},
            field="valid_days", code="invalid")
    return days


@transaction.atomic
def api_token_create(*, user: User, actor: User, name: str,
                     valid_days: int | str = ApiToken.DEFAULT_VALID_DAYS) -> tuple[ApiToken, str]:
    """Create a token for ``user``; returns it with the secret, shown once and never stored."""
    if actor.pk != user.pk:
        raise PermissionDeniedError
    name = name.strip()
    if not name:
        raise ServiceError(gettext("Give the token a name."), field="name", code="required")
    days = _valid_days(valid_days)
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(user=user, name=name[:100], prefix=secret[3:11],
                                    digest=ApiToken.digest_of(secret),
                                    expires_at=timezone.now() + timedelta(days=days))
    log_action(actor=actor, action="accounts.api_token.created", obj=user,
               data={"token": token.pk, "name": token.name, "valid_days": days,
                     "expires_at": token.expires_at.isoformat()})
    return token, secret


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    if actor.pk != token.user_id:
        raise PermissionDeniedError
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        log_action(actor=actor, action="accounts.api_token.revoked", obj=token.user,
                   data={"token": token.pk})
    return token


@transaction.atomic
def calendar_feed_key_replace(*, user: User, actor: User) -> User:
    """Give ``user`` a new calendar feed key: every feed address given out before stops working."""
    if actor.pk != user.pk:
        raise PermissionDeniedError
    _new_feed_nonce(user)
    log_action(actor=actor, action="accounts.calendar_feed_key.replaced", obj=user)
    return user


def _new_feed_nonce(user: User) -> None:
    user.calendar_feed_nonce = secrets.token_urlsafe(12)
    User.objects.filter(pk=user.pk).update(calendar_feed_nonce=user.calendar_feed_nonce)


@transaction.atomic
def user_credentials_revoke(*, user: User, actor: User | None, reason: str) -> list[int]:
    """Revoke every live API token of ``user`` and replace their calendar feed key.

    Called when the password changes (by the user, by a reset link, by the secretariat) and
    when the account is deactivated: whoever learnt the old password may have made a token or
    copied the feed address, and neither must outlive it. Returns the ids of the tokens revoked.
    """
    if reason not in REVOCATION_REASONS:
        raise ValueError(f"Unknown reason {reason!r}.")
    live = ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True)
    revoked = sorted(live.values_list("pk", flat=True))
    ApiToken.objects.filter(pk__in=revoked).update(revoked_at=timezone.now())
    _new_feed_nonce(user)
    log_action(actor=actor, action="accounts.credentials.revoked", obj=user,
               data={"reason": reason, "tokens": revoked})
    return revoked


def user_for_api_token(secret: str) -> User | None:
    """The active user a token secret belongs to, or None. Records when it was last used.

    Raises ApiTokenExpiredError for a token whose lifetime is over, so that the client can be
    told to make a new one rather than that its token is unknown.
    """
    token = (ApiToken.objects.select_related("user")
             .filter(digest=ApiToken.digest_of(secret), revoked_at__isnull=True).first())
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.has_expired(now):
        raise ApiTokenExpiredError(token.expires_at)
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
