"""Mail-merge batches: made from a template and a choice of recipients, corrected while a draft,
generated all-or-nothing (references, Word files and letters in one transaction), then their
PDF files by LibreOffice; and the preview of a letter."""

import datetime as dt
import logging
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tripartite.accounts.models import User
from tripartite.common import office
from tripartite.common.services import ServiceError, log_action, update_logged
from tripartite.correspondence import documents, merge, references, selectors, staging
from tripartite.correspondence.models import (
    Audience,
    BatchStatus,
    Letter,
    LetterTemplate,
    MailMergeBatch,
    Selection,
)
from tripartite.correspondence.services.base import require_manager
from tripartite.jobs.models import Job
from tripartite.jobs.services import job_queue
from tripartite.meetings.models import Session

logger = logging.getLogger(__name__)

# progress(done, total): letters written (Word), or PDF files made, so far.
Progress = Callable[[int, int], None]

PDF_CHUNK = 200  # Word files converted (and committed) together, shared among LibreOffice runs
UNFINISHED = (BatchStatus.DRAFT, BatchStatus.GENERATING)
# A generation's Word transaction takes seconds for 187 letters; one "being generated" for
# longer than this has lost its job (killed worker, server restarted) and may start again.
GENERATION_TIMEOUT = dt.timedelta(minutes=15)


def _recipient_set(*, selection: str, audience: str, region: str, session: Session | None,
                   hand_picked: Iterable[int]) -> selectors.RecipientSet:
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
def batch_create(*, actor: User, template: LetterTemplate, selection: str,
                 audience: str = Audience.PERMANENT_MISSION, region: str = "",
                 session: Session | None = None, hand_picked: Iterable[int] = (),
                 signatory: str = "", signatory_title: str = "",
                 letter_date: dt.date | None = None,
                 reply_deadline: dt.date | None = None) -> MailMergeBatch:
    """A draft batch whose recipients are read from the address book now."""
    require_manager(actor)
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
def batch_update(*, actor: User, batch: MailMergeBatch,
                 changes: dict[str, Any]) -> MailMergeBatch:
    """Correct a draft batch's signatory, dates or session before generating it."""
    require_manager(actor)
    batch = MailMergeBatch.objects.select_for_update().get(pk=batch.pk)
    _require_draft(batch)
    return update_logged(batch, changes=changes, actor=actor,
                         fields=("signatory", "signatory_title", "letter_date",
                                 "reply_deadline", "session"),
                         action="correspondence.batch.updated")


@transaction.atomic
def batch_refresh_recipients(*, actor: User, batch: MailMergeBatch) -> MailMergeBatch:
    """Read a draft batch's recipients from the address book again (after corrections)."""
    require_manager(actor)
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


class BatchIncompleteError(ServiceError):
    """Nothing was generated: ``problems`` lists every reason (the check's), for the page."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(_("Nothing was generated. %(problems)s") % {
            "problems": " ".join(problems)}, code="batch_incomplete")
        self.problems = problems


def _problems_error(check: merge.BatchCheck) -> BatchIncompleteError:
    return BatchIncompleteError(check.problems())


def generation_is_stale(batch: MailMergeBatch, now: dt.datetime | None = None) -> bool:
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
def batch_generation_queue(*, actor: User, batch: MailMergeBatch) -> MailMergeBatch:
    """Check a draft batch and mark it as being generated (the work is a task).

    A batch left "being generated" by a job that died (GENERATION_TIMEOUT after it started)
    is queued again: the dead job's transaction was rolled back by the database, its
    references with it, and the files it had written are removed here."""
    require_manager(actor)
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
def batch_generation_resume(*, actor: User, batch: MailMergeBatch,
                            attempt: str) -> MailMergeBatch:
    """Take over generation ``attempt`` after its job's worker died (the job was resumed):
    the dead run's transaction was rolled back, its files are removed here, and the
    generation goes on under a new token, which a late run of the dead one does not have.
    A batch generated or abandoned meanwhile is returned as it is. Refused while a run
    still holds the batch (it was not dead after all)."""
    require_manager(actor)
    batch = _locked_batch(batch)
    if batch.status != BatchStatus.GENERATING or batch.generation_attempt != attempt:
        return batch
    _forget_attempt(batch)
    log_action(actor=actor, action="correspondence.batch.generation_resumed", obj=batch,
               data={"attempt": attempt, "started_at": batch.generation_started_at})
    batch.generation_attempt = uuid.uuid4().hex
    batch.generation_started_at = timezone.now()
    batch.save(update_fields=["generation_attempt", "generation_started_at", "updated_at"])
    return batch


@transaction.atomic
def batch_generation_abandon(*, actor: User, batch: MailMergeBatch) -> MailMergeBatch:
    """Give up a generation (its job died, or will never run): the batch is a draft again.

    Refused while a job holds the batch (it is generating now). Nothing of the attempt
    stays: its letters and references were never committed, and its files are removed."""
    require_manager(actor)
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


GENERATE_TASK = "tripartite.correspondence.tasks.generate_batch"


@transaction.atomic
def batch_generation_start(*, actor: User, batch: MailMergeBatch, pdf_files: bool = True,
                           back_url: str = "") -> Job:
    """Queue the generation of a draft batch as a job of ``actor``'s, or, for a generated
    batch, the PDF files its letters lack: the job's page shows the letters' progress and
    offers the zip of the letters, which then waits under "My downloads"."""
    require_manager(actor)
    batch = MailMergeBatch.objects.select_related("template").get(pk=batch.pk)
    if batch.status in UNFINISHED:
        generation = batch_generation_queue(actor=actor, batch=batch).generation_attempt
        title = _("Letters of mail-merge batch #%(number)s (%(template)s)")
    else:
        generation = ""
        pdf_files = True
        title = _("PDF files of mail-merge batch #%(number)s (%(template)s)")
    return job_queue(owner=actor, kind="correspondence.batch", task=GENERATE_TASK,
                     title=title % {"number": batch.pk, "template": batch.template},
                     params={"batch": batch.pk, "pdf_files": pdf_files,
                             "generation": generation},
                     back_url=back_url)


def batch_generate(*, actor: User, batch: MailMergeBatch, pdf_files: bool = True,
                   attempt: str | None = None, progress: Progress | None = None,
                   pdf_progress: Progress | None = None) -> MailMergeBatch:
    """Generate every letter of ``batch`` (Word), then their PDF files.

    ``attempt`` is the token :func:`batch_generation_queue` gave (the task passes it on);
    without one the batch is queued here first. A job whose attempt was abandoned or
    replaced meanwhile does nothing. On any failure nothing is kept and the batch is a
    draft again, with the problem written on it. Runs its own transactions: not to be
    called inside another one.
    """
    require_manager(actor)
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
        batch = _generate_word(actor=actor, batch=batch, attempt=attempt, progress=progress)
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
        batch_pdfs_make(actor=actor, batch=batch, progress=pdf_progress)
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


def _generate_word(*, actor: User, batch: MailMergeBatch, attempt: str,
                   progress: Progress | None = None) -> MailMergeBatch:
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
                if progress is not None:
                    progress(len(letters), len(check.rows))
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
            placed = batch.pk
            transaction.on_commit(lambda: _place_letter_files(placed))
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


def batch_pdfs_make(*, actor: User, batch: MailMergeBatch,
                    progress: Progress | None = None) -> MailMergeBatch:
    """PDF files for the letters of ``batch`` that have none, by LibreOffice (as many
    processes as the machine has cores). Each chunk's files are committed at once, so a run
    stopped half-way is resumed by converting only the letters still without one."""
    require_manager(actor)
    _place_letter_files(batch.pk)
    letters = list(batch.letters.filter(pdf_file="").order_by("number"))
    problem = ""
    made = 0
    for start in range(0, len(letters), PDF_CHUNK):
        chunk = letters[start:start + PDF_CHUNK]

        def report(count: int, before: int = made) -> None:
            if progress is not None:
                progress(before + count, len(letters))

        try:
            pdfs = office.convert({str(letter.pk): merge.read_file(letter.word_file)
                                   for letter in chunk}, on_progress=report)
        except office.PdfUnavailable as error:
            problem = error.code  # said in each reader's language (MailMergeBatch)
            break
        saved: list[str | None] = []
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
                if name:
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
    others = Letter.objects.filter(Q(word_file=name) | Q(pdf_file=name))
    if letter_pk is not None:
        others = others.exclude(pk=letter_pk)
    if default_storage.exists(name) and not others.exists():
        default_storage.delete(name)


def preview_language(batch: MailMergeBatch, language: str
                     ) -> tuple[merge.RecipientRow, bytes] | None:
    """The first letter in ``language``: (recipient row, Word bytes), or None."""
    with translation.override(language):
        return merge.preview(batch, language)
