"""Mail that asks someone to act: a query to a focal point, a proposal awaiting a group
secretariat's opinion, an objection before the Credentials Committee (docs/background-jobs.md).

A feature's service calls :func:`notify` with the people concerned and the feature's task.
Nothing is sent inside the request: once the transaction commits, one task per recipient is
queued for the background worker (a transaction that rolls back queues nothing). The worker
writes each mail in its recipient's language (the profile's, else the site's) and sends it
with :func:`send_notice`. A recipient deactivated, or left without an address, meanwhile gets
nothing.
"""

import contextlib
import contextvars
import functools
import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks.base import Task

from tripartite.accounts.models import User

logger = logging.getLogger(__name__)

# What a feature's task writes for a recipient, in the language active while it is called:
# the subject and the body of the mail.
Writer = Callable[[User], tuple[str, str]]

_suppressed = contextvars.ContextVar("notifications_suppressed", default=False)


@contextlib.contextmanager
def suppressed() -> Iterator[None]:
    """No mail for the acts done inside (loading the demo's data: nobody is asked anything)."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def notify(recipients: Iterable[User], task: Task[Any, Any], *args: Any,
           exclude: User | None = None) -> list[int]:
    """Queue ``task(user_id, *args)`` for each active recipient with an address (but
    ``exclude``, who asked for the act), after the current transaction commits. Returns the
    ids of the recipients, in order (none while :func:`suppressed`)."""
    if _suppressed.get():
        return []
    ids = sorted({user.pk for user in recipients
                  if user.is_active and user.email
                  and (exclude is None or user.pk != exclude.pk)})
    for user_id in ids:
        # robust: the act is committed; a queue that refuses the mail must not turn it
        # into an error page (the failure is logged).
        transaction.on_commit(functools.partial(task.enqueue, user_id, *args), robust=True)
    return ids


def absolute_url(view_name: str, *args: Any) -> str:
    """The address of a page, for a mail (SITE_URL, the address the site is served at)."""
    return settings.SITE_URL + reverse(view_name, args=args)


def send_notice(user_id: int, write: Writer,
                concerned: Callable[[User], bool] | None = None) -> bool:
    """Write the mail in the recipient's language and send it; False if there is nobody to
    send it to any more (deactivated, no address, no longer ``concerned``: another State's
    focal point now, say) or the mail server refused it."""
    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None or (concerned is not None and not concerned(user)):
        return False
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject, body = write(user)
        body += "\n-- \n" + _("Sent by Tripartite. Please do not reply to this message.") + "\n"
    sent = send_mail(subject=" ".join(subject.split()), message=body, from_email=None,
                     recipient_list=[user.email])
    if not sent:
        logger.warning("Mail to user %s not sent: %r.", user.pk, subject)
    return bool(sent)
