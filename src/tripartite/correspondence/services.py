"""Every write of the correspondence: templates and versions, the address book, batches
(create, generate, PDF, send), letters, replies and reminders.

Generation is all-or-nothing: the references, the Word files and the letters of a batch are
made in one transaction, which also holds the lock on the reference counter, so a failure
part-way leaves no letter and no used number. PDF files are made afterwards (LibreOffice may
be missing: the batch then says so and its Word letters stand). Sending commits each letter's
``sent_at`` as soon as its message is handed to the mail server, so a batch interrupted
part-way is resumed by sending only the letters not yet sent.
"""

import contextlib
import datetime as dt
import hashlib
import io
import logging
import uuid
import zipfile

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage, get_connection
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tripartite.common import office
from tripartite.common.archives import check_office_archive
from tripartite.common.services import (
    PermissionDeniedError,
    ServiceError,
    create_logged,
    log_action,
    update_logged,
)
from tripartite.correspondence import documents, merge, references, selectors, staging
from tripartite.correspondence.models import (
    AddressBookEntry,
    Audience,
    BatchStatus,
    Channel,
    IncomingReply,
    Letter,
    LetterKind,
    LetterStatus,
    LetterTemplate,
    MailMergeBatch,
    RegisterSettings,
    Selection,
    TemplateVersion,
)
from tripartite.correspondence.permissions import can_manage_correspondence

logger = logging.getLogger(__name__)

PDF_CHUNK = 200  # Word files converted by one LibreOffice run
MAX_REPLY_SIZE = 20 * 1024 * 1024
CREDENTIALS_REMINDER_CODE = "credentials-reminder"
REMINDER_CODE = "reply-reminder"
UNFINISHED = (BatchStatus.DRAFT, BatchStatus.GENERATING)
SENDING_TIMEOUT = dt.timedelta(minutes=15)
# A generation's Word transaction takes seconds for 187 letters; one "being generated" for
# longer than this has lost its job (killed worker, server restarted) and may start again.
GENERATION_TIMEOUT = dt.timedelta(minutes=15)


def _require_manager(actor):
    if not can_manage_correspondence(actor):
        raise PermissionDeniedError


def _read_upload(uploaded_file) -> bytes:
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    if hasattr(uploaded_file, "chunks"):
        return b"".join(uploaded_file.chunks())
    return uploaded_file.read()


# --- register settings --------------------------------------------------------------------------

@transaction.atomic
def register_settings_update(*, actor, reference_pattern: str) -> RegisterSettings:
    _require_manager(actor)
    references.check_pattern(reference_pattern)
    row, _created = RegisterSettings.objects.get_or_create(pk=1)
    return update_logged(row, changes={"reference_pattern": reference_pattern},
                         fields=("reference_pattern",), actor=actor,
                         action="correspondence.register_settings.updated")


# --- templates ---------------------------------------------------------------------------------

TEMPLATE_FIELDS = ("code", "kind", "name_en", "name_fr", "name_es", "subject_en", "subject_fr",
                   "subject_es", "active")


def _check_subjects(data: dict) -> None:
    for language in ("en", "fr", "es"):
        if data.get(f"subject_{language}"):
            try:
                documents.check_subject(data[f"subject_{language}"])
            except ServiceError as error:
                error.field = f"subject_{language}"
                raise


@transaction.atomic
def template_create(*, actor, data: dict) -> LetterTemplate:
    _require_manager(actor)
    _check_subjects(data)
    template = LetterTemplate(**{key: data[key] for key in TEMPLATE_FIELDS if key in data})
    return create_logged(template, actor=actor, action="correspondence.template.created")


@transaction.atomic
def template_update(*, actor, template: LetterTemplate, changes: dict,
                    seen_updated_at=None) -> LetterTemplate:
    _require_manager(actor)
    _check_subjects(changes)
    return update_logged(template, changes=changes, fields=TEMPLATE_FIELDS[1:], actor=actor,
                         action="correspondence.template.updated",
                         seen_updated_at=seen_updated_at)


@transaction.atomic
def template_version_upload(*, actor, template: LetterTemplate, language: str, uploaded_file,
                            note: str = "") -> TemplateVersion:
    """A new version of ``template`` in ``language``, checked by content and placeholders."""
    _require_manager(actor)
    if language not in ("en", "fr", "es"):
        raise ServiceError(_("Choose English, French or Spanish."), field="language")
    content = _read_upload(uploaded_file)
    scan = documents.scan_template(content)
    # Lock the template: two uploads at once still get distinct version numbers.
    LetterTemplate.objects.select_for_update().get(pk=template.pk)
    last = (TemplateVersion.objects.filter(template=template, language=language)
            .order_by("-number").values_list("number", flat=True).first() or 0)
    version = TemplateVersion(
        template=template, language=language, number=last + 1,
        original_name=(getattr(uploaded_file, "name", "") or "template.docx")[-255:],
        sha256=hashlib.sha256(content).hexdigest(), size=len(content),
        placeholders=scan.as_json(), note=note, uploaded_by=actor)
    version.file.save("template.docx", ContentFile(content), save=False)
    version.save()
    log_action(actor=actor, action="correspondence.template.version_uploaded", obj=template,
               data={"language": language, "version": version.number,
                     "sha256": version.sha256, "placeholders": scan.as_json()})
    return version


# --- the address book ----------------------------------------------------------------------------

ENTRY_FIELDS = ("kind", "member_state", "organisation", "name", "addressee", "addressee_title",
                "form_of_address", "language", "postal_address", "email", "active")


@transaction.atomic
def address_book_entry_create(*, actor, data: dict) -> AddressBookEntry:
    _require_manager(actor)
    entry = AddressBookEntry(**{key: data[key] for key in ENTRY_FIELDS if key in data})
    return create_logged(entry, actor=actor, action="correspondence.address_book.created")


@transaction.atomic
def address_book_entry_update(*, actor, entry: AddressBookEntry, changes: dict,
                              seen_updated_at=None) -> AddressBookEntry:
    _require_manager(actor)
    return update_logged(entry, changes=changes, fields=ENTRY_FIELDS, actor=actor,
                         action="correspondence.address_book.updated",
                         seen_updated_at=seen_updated_at)


# --- batches -------------------------------------------------------------------------------------

def _recipient_set(*, selection, audience, region, session, hand_picked):
    if selection == Selection.REGION and not region:
        raise ServiceError(_("Choose a region."), field="region", code="region_required")
    if selection == Selection.NO_CREDENTIALS and session is None:
        raise ServiceError(_("Choose the session whose credentials are awaited."),
                           field="session", code="session_required")
    if selection == Selection.HAND_PICKED and not hand_picked:
        raise ServiceError(_("Pick at least one recipient."), field="recipients",
                           code="recipients_required")
    chosen = selectors.recipients_for(selection=selection, audience=audience, region=region,
                                      session=session, hand_picked=hand_picked)
    if not chosen.recipients and not chosen.states_without_entry:
        raise ServiceError(_("Nobody matches this choice of recipients."), field="selection",
                           code="no_recipients")
    return chosen


@transaction.atomic
def batch_create(*, actor, template: LetterTemplate, selection: str,
                 audience: str = Audience.PERMANENT_MISSION, region: str = "", session=None,
                 hand_picked=(), signatory: str = "", signatory_title: str = "",
                 letter_date: dt.date | None = None,
                 reply_deadline: dt.date | None = None) -> MailMergeBatch:
    """A draft batch whose recipients are read from the address book now."""
    _require_manager(actor)
    if selection == Selection.NON_REPLIERS:
        raise ServiceError(_("A reminder batch is made from the batch it reminds."),
                           field="selection")
    chosen = _recipient_set(selection=selection, audience=audience, region=region,
                            session=session, hand_picked=hand_picked)
    batch = MailMergeBatch(
        template=template, selection=selection, audience=audience,
        region=region if selection == Selection.REGION else "", session=session,
        signatory=signatory, signatory_title=signatory_title,
        letter_date=letter_date or timezone.localdate(), reply_deadline=reply_deadline,
        created_by=actor)
    batch.full_clean()
    batch.save()
    batch.recipients.set(chosen.recipients)
    log_action(actor=actor, action="correspondence.batch.created", obj=batch,
               data={"template": template.code, "selection": selection, "audience": audience,
                     "region": batch.region, "session": session.pk if session else None,
                     "recipients": len(chosen.recipients)})
    return batch


def _require_draft(batch: MailMergeBatch) -> None:
    if batch.status != BatchStatus.DRAFT:
        raise ServiceError(_("This batch was generated already: its letters are in the "
                             "register."), code="batch_generated", status=409)


@transaction.atomic
def batch_update(*, actor, batch: MailMergeBatch, changes: dict) -> MailMergeBatch:
    """Correct a draft batch's signatory, dates or session before generating it."""
    _require_manager(actor)
    batch = MailMergeBatch.objects.select_for_update().get(pk=batch.pk)
    _require_draft(batch)
    return update_logged(batch, changes=changes, actor=actor,
                         fields=("signatory", "signatory_title", "letter_date",
                                 "reply_deadline", "session"),
                         action="correspondence.batch.updated")


@transaction.atomic
def batch_refresh_recipients(*, actor, batch: MailMergeBatch) -> MailMergeBatch:
    """Read a draft batch's recipients from the address book again (after corrections)."""
    _require_manager(actor)
    batch = MailMergeBatch.objects.select_for_update().get(pk=batch.pk)
    _require_draft(batch)
    if batch.selection in (Selection.HAND_PICKED, Selection.NON_REPLIERS):
        return batch
    chosen = selectors.recipients_for(selection=batch.selection, audience=batch.audience,
                                      region=batch.region, session=batch.session)
    batch.recipients.set(chosen.recipients)
    log_action(actor=actor, action="correspondence.batch.recipients_refreshed", obj=batch,
               data={"recipients": len(chosen.recipients)})
    return batch


def _problems_error(check: merge.BatchCheck) -> ServiceError:
    error = ServiceError(
        _("Nothing was generated. %(problems)s") % {"problems": " ".join(check.problems())},
        code="batch_incomplete")
    error.problems = check.problems()
    return error


def generation_is_stale(batch: MailMergeBatch, now=None) -> bool:
    """A batch left "being generated" by a job that died: started GENERATION_TIMEOUT ago."""
    started = batch.generation_started_at or batch.updated_at
    return (batch.status == BatchStatus.GENERATING
            and started <= (now or timezone.now()) - GENERATION_TIMEOUT)


def _locked_batch(batch: MailMergeBatch) -> MailMergeBatch:
    """The batch's row, locked; a job generating it holds that lock for its whole Word
    transaction, so finding it taken means the job is alive (PostgreSQL; SQLite has one
    writer at a time anyway)."""
    try:
        return MailMergeBatch.objects.select_for_update(nowait=True).get(pk=batch.pk)
    except DatabaseError as error:
        raise _being_generated() from error


def _being_generated() -> ServiceError:
    return ServiceError(
        _("This batch is being generated right now. If the work has stopped, the batch can "
          "be generated again %(minutes)s minutes after it started, or abandoned now.") % {
            "minutes": int(GENERATION_TIMEOUT.total_seconds() // 60)},
        code="being_generated", status=409)


def _forget_attempt(batch: MailMergeBatch) -> None:
    """Remove the files a dead attempt left in its temporary folder."""
    if batch.generation_attempt:
        staging.Staging(batch.generation_attempt).discard()


@transaction.atomic
def batch_generation_queue(*, actor, batch: MailMergeBatch) -> MailMergeBatch:
    """Check a draft batch and mark it as being generated (the work is a task).

    A batch left "being generated" by a job that died (GENERATION_TIMEOUT after it started)
    is queued again: the dead job's transaction was rolled back by the database, its
    references with it, and the files it had written are removed here."""
    _require_manager(actor)
    batch = _locked_batch(batch)
    if batch.status == BatchStatus.GENERATING:
        if not generation_is_stale(batch):
            raise _being_generated()
        _forget_attempt(batch)
        log_action(actor=actor, action="correspondence.batch.generation_resumed", obj=batch,
                   data={"attempt": batch.generation_attempt,
                         "started_at": batch.generation_started_at})
    else:
        _require_draft(batch)
    check = merge.check_batch(batch)
    if not check.ok:
        raise _problems_error(check)
    batch.status = BatchStatus.GENERATING
    batch.generation_attempt = uuid.uuid4().hex
    batch.generation_started_at = timezone.now()
    batch.problem = ""
    batch.save(update_fields=["status", "generation_attempt", "generation_started_at",
                              "problem", "updated_at"])
    return batch


@transaction.atomic
def batch_generation_abandon(*, actor, batch: MailMergeBatch) -> MailMergeBatch:
    """Give up a generation (its job died, or will never run): the batch is a draft again.

    Refused while a job holds the batch (it is generating now). Nothing of the attempt
    stays: its letters and references were never committed, and its files are removed."""
    _require_manager(actor)
    batch = _locked_batch(batch)
    if batch.status != BatchStatus.GENERATING:
        raise ServiceError(_("This batch is not being generated."), code="not_generating",
                           status=409)
    _forget_attempt(batch)
    log_action(actor=actor, action="correspondence.batch.generation_abandoned", obj=batch,
               data={"attempt": batch.generation_attempt,
                     "started_at": batch.generation_started_at})
    batch.status = BatchStatus.DRAFT
    batch.problem = _("The generation was abandoned; nothing was kept. Generate the batch "
                      "again.")
    batch.generation_attempt = ""
    batch.generation_started_at = None
    batch.save(update_fields=["status", "problem", "generation_attempt",
                              "generation_started_at", "updated_at"])
    return batch


def batch_generate(*, actor, batch: MailMergeBatch, pdf_files: bool = True,
                   attempt: str | None = None) -> MailMergeBatch:
    """Generate every letter of ``batch`` (Word), then their PDF files.

    ``attempt`` is the token :func:`batch_generation_queue` gave (the task passes it on);
    without one the batch is queued here first. A job whose attempt was abandoned or
    replaced meanwhile does nothing. On any failure nothing is kept and the batch is a
    draft again, with the problem written on it. Runs its own transactions: not to be
    called inside another one.
    """
    _require_manager(actor)
    if attempt is None:
        try:
            attempt = batch_generation_queue(actor=actor, batch=batch).generation_attempt
        except ServiceError as error:
            MailMergeBatch.objects.filter(pk=batch.pk, status=BatchStatus.DRAFT).update(
                problem=error.message)
            raise
    ours = MailMergeBatch.objects.filter(pk=batch.pk, status=BatchStatus.GENERATING,
                                         generation_attempt=attempt)
    try:
        batch = _generate_word(actor=actor, batch=batch, attempt=attempt)
    except ServiceError as error:
        ours.update(status=BatchStatus.DRAFT, problem=error.message, generation_attempt="",
                    generation_started_at=None)
        raise
    except Exception as error:
        logger.exception("Generating batch %s failed", batch.pk)
        message = _("Nothing was generated: %(error)s") % {"error": error}
        ours.update(status=BatchStatus.DRAFT, problem=message, generation_attempt="",
                    generation_started_at=None)
        raise ServiceError(message, code="generation_failed") from error
    _place_letter_files(batch.pk)
    if pdf_files:
        batch_pdfs_make(actor=actor, batch=batch)
    return batch


def _claim(batch: MailMergeBatch, attempt: str) -> MailMergeBatch:
    """The batch, locked for the Word transaction, if ``attempt`` is still its generation."""
    batch = (MailMergeBatch.objects.select_for_update(of=("self",))
             .select_related("template", "session__meeting", "reminder_of").get(pk=batch.pk))
    if batch.status != BatchStatus.GENERATING:
        _require_draft(batch)
    if batch.generation_attempt != attempt:
        raise ServiceError(_("This generation was abandoned or started again: nothing was "
                             "made by it."), code="generation_superseded", status=409)
    return batch


def _generate_word(*, actor, batch: MailMergeBatch, attempt: str) -> MailMergeBatch:
    """References, Word files and letters in one transaction. The files are written to the
    attempt's temporary folder and moved to their names when the transaction commits; if
    it rolls back they are removed, and the references go back to the counter with it."""
    files = staging.Staging(attempt)
    try:
        with transaction.atomic():
            batch = _claim(batch, attempt)
            check = merge.check_batch(batch)
            if not check.ok:
                raise _problems_error(check)
            sources = {language: merge.read_file(version.file)
                       for language, version in check.versions.items()}
            facts = merge.batch_facts(batch)
            allocated = references.allocate(len(check.rows), year=batch.letter_date.year)
            letters = []
            for row, reference in zip(check.rows, allocated, strict=True):
                values = merge.values_for(batch, row, facts, reference.text)
                letter = Letter(
                    reference=reference.text, series=reference.series, number=reference.number,
                    batch=batch, template_version=check.versions[row.language],
                    recipient=row.entry, member_state=row.entry.member_state,
                    recipient_name=row.entry.name[:300], language=row.language,
                    subject=values["subject"][:500], signatory=batch.signatory,
                    letter_date=batch.letter_date, reply_deadline=batch.reply_deadline,
                    reminder_of=row.original, created_by=actor)
                letter.word_file.name = letter.word_file.field.generate_filename(
                    letter, f"{reference.number}.docx")
                files.write(letter.word_file.name, documents.render_docx(
                    sources[row.language], values))
                letters.append(letter)
            Letter.objects.bulk_create(letters)
            batch.status = BatchStatus.GENERATED
            batch.generated_at = timezone.now()
            batch.generation_started_at = None
            batch.problem = ""
            batch.save(update_fields=["status", "generated_at", "generation_started_at",
                                      "problem", "updated_at"])
            log_action(actor=actor, action="correspondence.batch.generated", obj=batch,
                       data={"letters": len(letters),
                             "references": [allocated[0].text, allocated[-1].text]})
            transaction.on_commit(lambda pk=batch.pk: _place_letter_files(pk))
    except Exception:
        files.discard()  # the transaction rolled back: its files go too
        raise
    return batch


def _place_letter_files(batch_pk: int) -> None:
    """Move the Word files of a committed generation from its temporary folder to their
    names, then forget the attempt. Run when the generation commits, and again after it
    (it does nothing the second time): a process stopped between the commit and the move
    leaves the attempt on the batch, and the next PDF run of the batch finishes the move."""
    attempt = (MailMergeBatch.objects.filter(pk=batch_pk).exclude(status__in=UNFINISHED)
               .values_list("generation_attempt", flat=True).first())
    if not attempt:
        return
    letters = dict(Letter.objects.filter(batch_id=batch_pk).values_list("word_file", "pk"))
    for final_name, pk in letters.items():
        _remove_orphan(final_name, letter_pk=pk)
    renamed = staging.Staging(attempt).place(letters)
    for final_name, used in renamed.items():
        Letter.objects.filter(pk=letters[final_name]).update(word_file=used)
    MailMergeBatch.objects.filter(pk=batch_pk, generation_attempt=attempt).update(
        generation_attempt="")


def batch_pdfs_make(*, actor, batch: MailMergeBatch) -> MailMergeBatch:
    """PDF files for the letters of ``batch`` that have none, by LibreOffice."""
    _require_manager(actor)
    _place_letter_files(batch.pk)
    letters = list(batch.letters.filter(pdf_file="").order_by("number"))
    problem = ""
    made = 0
    for start in range(0, len(letters), PDF_CHUNK):
        chunk = letters[start:start + PDF_CHUNK]
        try:
            pdfs = office.convert({str(letter.pk): merge.read_file(letter.word_file)
                                for letter in chunk})
        except office.PdfUnavailable as error:
            problem = str(error)
            break
        saved = []
        try:
            with transaction.atomic():
                for letter in chunk:
                    _remove_orphan(letter.pdf_file.field.generate_filename(
                        letter, f"{letter.number}.pdf"))
                    letter.pdf_file.save(f"{letter.number}.pdf",
                                         ContentFile(pdfs[str(letter.pk)]), save=False)
                    saved.append(letter.pdf_file.name)
                    Letter.objects.filter(pk=letter.pk).update(pdf_file=letter.pdf_file.name,
                                                               updated_at=timezone.now())
        except Exception:
            for name in saved:  # rolled back: no letter names these files
                default_storage.delete(name)
            raise
        made += len(chunk)
    with transaction.atomic():
        MailMergeBatch.objects.filter(pk=batch.pk).update(pdf_problem=problem,
                                                          updated_at=timezone.now())
        log_action(actor=actor, action="correspondence.batch.pdf_made", obj=batch,
                   data={"pdf_files": made, "problem": problem})
    batch.pdf_problem = problem
    return batch


def _remove_orphan(name: str, *, letter_pk: int | None = None) -> None:
    """A file under a letter's name that no (other) letter points at was left by a run
    killed before its commit: remove it, so the letter takes its own name and no stray
    stays. A file another letter points at is kept (the new one takes another name)."""
    if default_storage.exists(name) and not Letter.objects.filter(
            Q(word_file=name) | Q(pdf_file=name)).exclude(pk=letter_pk).exists():
        default_storage.delete(name)


# --- sending -------------------------------------------------------------------------------------

EMAIL_BODY = {
    # In the letter's language; the letter itself is the attached PDF.
    "en": "Please find attached the letter {reference} of the International Labour Office: "
          "{subject}.",
    "fr": "Veuillez trouver ci-joint la lettre {reference} du Bureau international du Travail : "
          "{subject}.",
    "es": "Sírvanse encontrar adjunta la carta {reference} de la Oficina Internacional del "
          "Trabajo: {subject}.",
}


def _unsendable(letters: list[Letter]) -> list[str]:
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


def batch_send(*, actor, batch: MailMergeBatch, connection=None) -> MailMergeBatch:
    """Send each letter of ``batch`` not sent yet by e-mail, its PDF attached.

    Nothing starts unless every letter can go (an e-mail address, a PDF). Each letter's
    ``sent_at`` is committed as soon as the mail server took it; when the server fails
    part-way the batch is "interrupted" and sending it again sends only the rest.
    """
    _require_manager(actor)
    with transaction.atomic():
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
        problems = _unsendable(pending)
        if problems:
            raise ServiceError(_("Nothing was sent. %(problems)s") % {
                "problems": " ".join(problems)}, code="cannot_send")
        batch.status = BatchStatus.SENDING
        batch.save(update_fields=["status", "updated_at"])
    connection = connection or get_connection()
    sent = 0
    try:
        connection.open()
        for letter in pending:
            connection_sent = connection.send_messages([letter_email(letter)])
            if connection_sent != 1:
                raise RuntimeError(_("The mail server did not accept the message to %(to)s.")
                                   % {"to": letter.recipient.email})
            Letter.objects.filter(pk=letter.pk).update(
                sent_at=timezone.now(), sent_to=letter.recipient.email,
                status=LetterStatus.SENT, channel=Channel.EMAIL, updated_at=timezone.now())
            sent += 1
    except Exception as error:  # the mail server: refused, down, timed out…
        logger.warning("Sending batch %s stopped after %s letters: %s", batch.pk, sent, error)
        message = _("Sending stopped after %(sent)s of %(total)s letters: %(error)s. Send the "
                    "batch again to send the rest; nobody receives a letter twice.") % {
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
    with transaction.atomic():
        now = timezone.now()
        MailMergeBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.SENT, problem="",
                                                          sent_at=now, updated_at=now)
        log_action(actor=actor, action="correspondence.batch.sent", obj=batch,
                   data={"sent": sent})
    batch.refresh_from_db()
    return batch


# --- letters, replies, reminders ------------------------------------------------------------

@transaction.atomic
def letter_update(*, actor, letter: Letter, changes: dict, seen_updated_at=None) -> Letter:
    """Change a letter's status (draft, signed, sent) and channel; a letter marked sent by
    post or by hand records when."""
    _require_manager(actor)
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
def reply_log(*, actor, letter: Letter, received_on: dt.date, summary: str = "",
              uploaded_file=None) -> IncomingReply:
    """Log a reply received to ``letter``, with its file when there is one."""
    _require_manager(actor)
    reply = IncomingReply(letter=letter, received_on=received_on, summary=summary,
                          logged_by=actor)
    if uploaded_file is not None:
        content = _read_upload(uploaded_file)
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


def template_by_code(code: str) -> LetterTemplate:
    template = LetterTemplate.objects.filter(code=code).first()
    if template is None:
        raise ServiceError(_("The template “%(code)s” is not in the library: install the "
                             "starter templates first.") % {"code": code},
                           code="template_missing")
    return template


@transaction.atomic
def reminder_batch_create(*, actor, batch: MailMergeBatch, template: LetterTemplate | None = None,
                          reply_deadline: dt.date | None = None,
                          letter_date: dt.date | None = None) -> MailMergeBatch:
    """A draft batch reminding the recipients of ``batch`` who have not replied."""
    _require_manager(actor)
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
def credentials_reminder_create(*, actor, session, letter_date: dt.date | None = None,
                                signatory: str = "",
                                signatory_title: str = "") -> MailMergeBatch:
    """The reminder to every State whose credentials for ``session`` have not been received:
    a draft batch of the credentials reminder template to their Permanent Missions."""
    _require_manager(actor)
    template = template_by_code(CREDENTIALS_REMINDER_CODE)
    previous = (MailMergeBatch.objects.exclude(signatory="").order_by("-created_at")
                .values("signatory", "signatory_title").first() or {})
    return batch_create(
        actor=actor, template=template, selection=Selection.NO_CREDENTIALS,
        audience=Audience.PERMANENT_MISSION, session=session,
        signatory=signatory or previous.get("signatory", ""),
        signatory_title=signatory_title or previous.get("signatory_title", ""),
        letter_date=letter_date)


def preview_language(batch: MailMergeBatch, language: str):
    """The first letter in ``language``: (recipient row, Word bytes), or None."""
    with translation.override(language):
        return merge.preview(batch, language)


def starter_templates_install(*, actor) -> list[LetterTemplate]:
    """The starter set into the library (templates already there are kept as they are)."""
    _require_manager(actor)
    from tripartite.correspondence.install import install_starter_templates

    return install_starter_templates(actor=actor)
