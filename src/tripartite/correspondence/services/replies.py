"""A letter's status and channel, the replies received (with their files), and reminders: to
the recipients of a batch who have not replied, and to the States whose credentials are
awaited."""

import datetime as dt
import hashlib
import io
import zipfile
from typing import Any, BinaryIO

from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tripartite.accounts.models import User
from tripartite.common.archives import check_office_archive
from tripartite.common.services import ServiceError, log_action, update_logged
from tripartite.correspondence import selectors
from tripartite.correspondence.models import (
    Audience,
    BatchStatus,
    IncomingReply,
    Letter,
    LetterKind,
    LetterStatus,
    LetterTemplate,
    MailMergeBatch,
    Selection,
)
from tripartite.correspondence.services.base import read_upload, require_manager
from tripartite.correspondence.services.batches import batch_create
from tripartite.correspondence.services.templates import template_by_code
from tripartite.meetings.models import Session

MAX_REPLY_SIZE = 20 * 1024 * 1024
CREDENTIALS_REMINDER_CODE = "credentials-reminder"
REMINDER_CODE = "reply-reminder"


@transaction.atomic
def letter_update(*, actor: User, letter: Letter, changes: dict[str, Any],
                  seen_updated_at: dt.datetime | None = None) -> Letter:
    """Change a letter's status (draft, signed, sent) and channel; a letter marked sent by
    post or by hand records when."""
    require_manager(actor)
    if changes.get("status") == LetterStatus.SENT and letter.sent_at is None:
        changes = {**changes, "sent_at": timezone.now()}
    return update_logged(letter, changes=changes, fields=("status", "channel", "sent_at"),
                         actor=actor, action="correspondence.letter.updated",
                         seen_updated_at=seen_updated_at)


def check_reply_file(content: bytes) -> str:
    """The extension of an acceptable reply (a PDF or a Word file, by content)."""
    if len(content) > MAX_REPLY_SIZE:
        raise ServiceError(_("The file is larger than 20 MB."), field="file",
                           code="file_too_large")
    if content.startswith(b"%PDF-"):
        return "pdf"
    check_office_archive(content)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if "word/document.xml" in archive.namelist():
                return "docx"
    except zipfile.BadZipFile:
        pass
    raise ServiceError(_("A reply must be a PDF or a Word (.docx) file."), field="file",
                       code="bad_reply_file")


@transaction.atomic
def reply_log(*, actor: User, letter: Letter, received_on: dt.date, summary: str = "",
              uploaded_file: File[bytes] | BinaryIO | None = None) -> IncomingReply:
    """Log a reply received to ``letter``, with its file when there is one."""
    require_manager(actor)
    reply = IncomingReply(letter=letter, received_on=received_on, summary=summary,
                          logged_by=actor)
    if uploaded_file is not None:
        content = read_upload(uploaded_file)
        if content:
            extension = check_reply_file(content)
            reply.sha256 = hashlib.sha256(content).hexdigest()
            reply.original_name = (getattr(uploaded_file, "name", "") or "")[-255:]
            reply.file.save(f"reply-{reply.sha256[:16]}.{extension}", ContentFile(content),
                            save=False)
    reply.full_clean()
    reply.save()
    log_action(actor=actor, action="correspondence.reply.logged", obj=letter,
               data={"reply": reply.pk, "received_on": received_on,
                     "file": reply.original_name})
    return reply


@transaction.atomic
def reminder_batch_create(*, actor: User, batch: MailMergeBatch,
                          template: LetterTemplate | None = None,
                          reply_deadline: dt.date | None = None,
                          letter_date: dt.date | None = None) -> MailMergeBatch:
    """A draft batch reminding the recipients of ``batch`` who have not replied."""
    require_manager(actor)
    if batch.status not in (BatchStatus.SENT, BatchStatus.GENERATED, BatchStatus.INTERRUPTED):
        raise ServiceError(_("Only a generated batch can be followed by a reminder."),
                           code="not_generated", status=409)
    waiting = selectors.non_repliers(batch)
    if not waiting:
        raise ServiceError(_("Every recipient of this batch has replied: nobody to remind."),
                           code="no_recipients")
    template = template or LetterTemplate.objects.filter(kind=LetterKind.REMINDER,
                                                         active=True).order_by("pk").first()
    if template is None:
        template = template_by_code(REMINDER_CODE)
    reminder = MailMergeBatch(
        template=template, selection=Selection.NON_REPLIERS, audience=batch.audience,
        session=batch.session, reminder_of=batch, signatory=batch.signatory,
        signatory_title=batch.signatory_title, letter_date=letter_date or timezone.localdate(),
        reply_deadline=reply_deadline, created_by=actor)
    reminder.full_clean()
    reminder.save()
    reminder.recipients.set([letter.recipient for letter in waiting])
    log_action(actor=actor, action="correspondence.batch.reminder_created", obj=reminder,
               data={"reminder_of": batch.pk, "recipients": len(waiting)})
    return reminder


@transaction.atomic
def credentials_reminder_create(*, actor: User, session: Session,
                                letter_date: dt.date | None = None,
                                signatory: str = "",
                                signatory_title: str = "") -> MailMergeBatch:
    """The reminder to every State whose credentials for ``session`` have not been received:
    a draft batch of the credentials reminder template to their Permanent Missions."""
    require_manager(actor)
    template = template_by_code(CREDENTIALS_REMINDER_CODE)
    previous = (MailMergeBatch.objects.exclude(signatory="").order_by("-created_at")
                .values_list("signatory", "signatory_title").first() or ("", ""))
    return batch_create(
        actor=actor, template=template, selection=Selection.NO_CREDENTIALS,
        audience=Audience.PERMANENT_MISSION, session=session,
        signatory=signatory or previous[0], signatory_title=signatory_title or previous[1],
        letter_date=letter_date)
