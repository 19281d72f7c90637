"""Sending a batch by e-mail, each letter's PDF attached: each letter's ``sent_at`` is committed
as soon as the mail server took it, so an interrupted batch is resumed by sending the rest.

The pages and the API send through a job (:func:`batch_send_start`; the worker runs
``tripartite.correspondence.tasks.send_batch``): the page shows how many letters went. Before
handing a letter to the mail server the job notes which letter it is about to send; a run
taken up again after its worker died finds that note, and, if the letter is not marked sent,
cannot know whether it went: it does not send it again, and says so (no letter twice).
"""

import contextlib
import datetime as dt
import logging
from collections.abc import Callable

from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tripartite.accounts.models import User
from tripartite.common.services import ServiceError, log_action
from tripartite.correspondence import merge
from tripartite.correspondence.models import (
    BatchStatus,
    Channel,
    Letter,
    LetterStatus,
    MailMergeBatch,
)
from tripartite.correspondence.services.base import require_manager
from tripartite.jobs.models import Job
from tripartite.jobs.runner import JobSuperseded
from tripartite.jobs.services import job_queue

logger = logging.getLogger(__name__)

SENDING_TIMEOUT = dt.timedelta(minutes=15)

EMAIL_BODY = {
    # In the letter's language; the letter itself is the attached PDF.
    "en": "Please find attached the letter {reference} of the International Labour Office: "
          "{subject}.",
    "fr": "Veuillez trouver ci-joint la lettre {reference} du Bureau international du Travail : "
          "{subject}.",
    "es": "Sírvanse encontrar adjunta la carta {reference} de la Oficina Internacional del "
          "Trabajo: {subject}.",
}


def unsendable(letters: list[Letter]) -> list[str]:
    problems = []
    for letter in letters:
        if not letter.recipient.email:
            problems.append(_("%(recipient)s has no e-mail address.") % {
                "recipient": letter.recipient.name})
        elif not letter.pdf_file:
            problems.append(_("%(reference)s has no PDF file.") % {
                "reference": letter.reference})
    return problems


def letter_email(letter: Letter, from_email: str | None = None) -> EmailMessage:
    body = EMAIL_BODY[letter.language].format(reference=letter.reference,
                                              subject=letter.subject)
    message = EmailMessage(subject=f"{letter.reference} — {letter.subject}", body=body,
                           from_email=from_email, to=[letter.recipient.email])
    message.attach(f"{letter.reference.replace('/', '-')}.pdf", merge.read_file(letter.pdf_file),
                   "application/pdf")
    return message


SEND_TASK = "tripartite.correspondence.tasks.send_batch"


def _claim_for_sending(batch: MailMergeBatch) -> list[Letter]:
    """Lock ``batch``, check that it can go, mark it "being sent"; its letters not sent yet.
    Inside the caller's transaction."""
    batch = MailMergeBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status not in (BatchStatus.GENERATED, BatchStatus.INTERRUPTED,
                            BatchStatus.SENDING):
        raise ServiceError(_("Only a generated batch can be sent."), code="not_generated",
                           status=409)
    if (batch.status == BatchStatus.SENDING
            and batch.updated_at > timezone.now() - SENDING_TIMEOUT):
        # Someone is sending it now; a batch left "being sent" by a crash can be resumed
        # once SENDING_TIMEOUT has passed.
        raise ServiceError(_("This batch is being sent right now."), code="being_sent",
                           status=409)
    pending = list(batch.letters.filter(sent_at__isnull=True)
                   .select_related("recipient").order_by("number"))
    problems = unsendable(pending)
    if problems:
        raise ServiceError(_("Nothing was sent. %(problems)s") % {
            "problems": " ".join(problems)}, code="cannot_send")
    batch.status = BatchStatus.SENDING
    batch.save(update_fields=["status", "updated_at"])
    return pending


@transaction.atomic
def batch_send_start(*, actor: User, batch: MailMergeBatch, back_url: str = "") -> Job:
    """Queue the sending of ``batch``'s letters not sent yet, as a job of ``actor``'s (its page
    shows how many went). Nothing is queued unless every letter can go."""
    require_manager(actor)
    pending = _claim_for_sending(batch)
    batch = MailMergeBatch.objects.select_related("template").get(pk=batch.pk)
    return job_queue(owner=actor, kind="correspondence.batch_send", task=SEND_TASK,
                     title=_("Sending mail-merge batch #%(number)s (%(template)s)") % {
                         "number": batch.pk, "template": batch.template},
                     params={"batch": batch.pk}, total=len(pending), back_url=back_url)


def batch_send(*, actor: User, batch: MailMergeBatch,
               connection: BaseEmailBackend | None = None) -> MailMergeBatch:
    """Send each letter of ``batch`` not sent yet by e-mail, its PDF attached, now (the
    pages and the API queue a job instead: :func:`batch_send_start`).

    Nothing starts unless every letter can go (an e-mail address, a PDF). Each letter's
    ``sent_at`` is committed as soon as the mail server took it; when the server fails
    part-way the batch is "interrupted" and sending it again sends only the rest.
    """
    require_manager(actor)
    with transaction.atomic():
        pending = _claim_for_sending(batch)
    return send_pending(actor=actor, batch=batch, pending=pending, connection=connection)


def send_pending(*, actor: User, batch: MailMergeBatch, pending: list[Letter],
                 connection: BaseEmailBackend | None = None,
                 before: Callable[[Letter], None] | None = None,
                 after: Callable[[int], None] | None = None,
                 finish: bool = True) -> MailMergeBatch:
    """Send ``pending`` (letters of ``batch``, being sent), then mark the batch sent.
    ``before(letter)`` is called before each letter goes, ``after(sent)`` after; either may
    raise JobSuperseded to stop the sending where it is, the batch left "being sent" (a job
    whose run was replaced). ``finish=False`` leaves the batch "being sent" (the caller
    knows of a letter still in doubt)."""
    connection = connection or get_connection()
    sent = 0
    try:
        connection.open()
        for letter in pending:
            if before is not None:
                before(letter)
            connection_sent = connection.send_messages([letter_email(letter)])
            if connection_sent != 1:
                raise RuntimeError(_("The mail server did not accept the message to %(to)s.")
                                   % {"to": letter.recipient.email})
            Letter.objects.filter(pk=letter.pk).update(
                sent_at=timezone.now(), sent_to=letter.recipient.email,
                status=LetterStatus.SENT, channel=Channel.EMAIL, updated_at=timezone.now())
            sent += 1
            if after is not None:
                after(sent)
    except JobSuperseded:
        raise  # the job's run was replaced: the run that replaced it goes on
    except Exception as error:  # the mail server: refused, down, timed out…
        logger.warning("Sending batch %s stopped after %s letters: %s", batch.pk, sent, error)
        message = ngettext(
            "Sending stopped after %(sent)s of %(total)s letters: %(error)s. Send the batch "
            "again to send the rest; nobody receives a letter twice.",
            "Sending stopped after %(sent)s of %(total)s letters: %(error)s. Send the batch "
            "again to send the rest; nobody receives a letter twice.", sent) % {
            "sent": sent, "total": len(pending), "error": error}
        with transaction.atomic():
            MailMergeBatch.objects.filter(pk=batch.pk).update(
                status=BatchStatus.INTERRUPTED, problem=message, updated_at=timezone.now())
            log_action(actor=actor, action="correspondence.batch.send_interrupted", obj=batch,
                       data={"sent": sent, "pending": len(pending) - sent,
                             "error": str(error)[:300]})
        raise ServiceError(message, code="send_interrupted", status=502) from error
    finally:
        with contextlib.suppress(Exception):  # closing a broken connection may fail too
            connection.close()
    if not finish:
        return batch
    with transaction.atomic():
        now = timezone.now()
        MailMergeBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.SENT, problem="",
                                                          sent_at=now, updated_at=now)
        log_action(actor=actor, action="correspondence.batch.sent", obj=batch,
                   data={"sent": sent})
    batch.refresh_from_db()
    return batch
