"""Every write to accounts: preferences and API tokens."""

from django.db import transaction
from django.utils import timezone

from tripartite.accounts.models import ApiToken, User
from tripartite.common.services import PermissionDeniedError, ServiceError, log_action


@transaction.atomic
def user_set_language(*, user: User, language: str) -> User:
    from django.conf import settings

    if language not in dict(settings.LANGUAGES):
        raise ServiceError("Unknown language.", field="language")
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
        log_action(actor=user, action="accounts.user.language_set", obj=user,
                   data={"language": language})
    return user


@transaction.atomic
def api_token_create(*, user: User, actor: User, name: str) -> tuple[ApiToken, str]:
    """Create a token for ``user``; returns it with the secret, shown once and never stored."""
    if actor.pk != user.pk:
        raise PermissionDeniedError
    name = name.strip()
    if not name:
        from django.utils.translation import gettext

        raise ServiceError(gettext("Give the token a name."), field="name", code="required")
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(user=user, name=name[:100], prefix=secret[3:11],
                                    digest=ApiToken.digest_of(secret))
    log_action(actor=actor, action="accounts.api_token.created", obj=user,
               data={"token": token.pk, "name": token.name})
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


def user_for_api_token(secret: str) -> User | None:
    """The active user a token secret belongs to, or None. Records when it was last used."""
    token = (ApiToken.objects.select_related("user")
             .filter(digest=ApiToken.digest_of(secret), revoked_at__isnull=True).first())
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
