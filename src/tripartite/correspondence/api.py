"""The official correspondence in the JSON API: the outgoing register, and mail-merge batches
(create, check, generate, send). Readers: the secretariat, senior officials and observers;
every write is the secretariat's and goes through ``correspondence.services``."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from tripartite.common.api import Day, Id, InputSchema, LimitOffset, Year, plain, unknown_reference
from tripartite.correspondence import merge, selectors
from tripartite.correspondence.models import (
    Audience,
    BatchStatus,
    Letter,
    LetterStatus,
    LetterTemplate,
    MailMergeBatch,
    Selection,
)
from tripartite.correspondence.permissions import (
    can_manage_correspondence,
    can_view_correspondence,
)
from tripartite.correspondence.services import batches, sending
from tripartite.meetings.models import Session

router = Router()


def _require_reader(request):
    if not can_view_correspondence(request.user):
        raise PermissionDenied


def _require_manager(request):
    if not can_manage_correspondence(request.user):
        raise PermissionDenied


class LetterOut(Schema):
    id: int
    reference: str
    letter_date: date
    subject: str
    recipient: int
    recipient_name: str
    member_state: str | None = Field(description="ISO 3166-1 alpha-2 code.")
    language: str
    signatory: str
    status: str
    channel: str
    sent_at: datetime | None
    sent_to: str
    reply_deadline: date | None
    replies: int
    batch: int | None
    template: str = Field(description="The template's code.")
    template_version: int = Field(description="The version's number in its language.")
    word_url: str
    pdf_url: str | None


def _letter(letter: Letter, replies: int) -> dict:
    return {
        "id": letter.pk, "reference": letter.reference, "letter_date": letter.letter_date,
        "subject": letter.subject, "recipient": letter.recipient_id,
        "recipient_name": letter.recipient_name,
        "member_state": letter.member_state.iso2 if letter.member_state_id else None,
        "language": letter.language, "signatory": letter.signatory, "status": letter.status,
        "channel": letter.channel, "sent_at": letter.sent_at, "sent_to": letter.sent_to,
        "reply_deadline": letter.reply_deadline, "replies": replies,
        "batch": letter.batch_id, "template": letter.template_version.template.code,
        "template_version": letter.template_version.number,
        "word_url": reverse("correspondence:letter_file", kwargs={"pk": letter.pk,
                                                                  "kind": "word"}),
        "pdf_url": reverse("correspondence:letter_file", kwargs={"pk": letter.pk,
                                                                 "kind": "pdf"})
        if letter.pdf_file else None,
    }


def _letters(queryset):
    return queryset.select_related("member_state", "template_version__template").annotate(
        reply_count=Count("replies"))


@router.get("/correspondence/letters", response=list[LetterOut], operation_id="letter_list",
            summary="The outgoing register")
@paginate(LimitOffset)
def letter_list(request, q: str = "", status: LetterStatus | None = None,
                year: Year | None = None, member_state: str = "", awaiting: bool = False):
    """Letters, the latest first. ``q`` searches reference, subject, recipient and signatory;
    ``awaiting`` keeps the letters that expect a reply and have none, by deadline."""
    _require_reader(request)
    letters = _letters(selectors.register(query=q.strip(), status=plain(status) or "",
                                          year=year, member_state=member_state,
                                          awaiting=awaiting))
    return [_letter(letter, letter.reply_count) for letter in letters]


@router.get("/correspondence/letters/{id}", response=LetterOut, operation_id="letter_detail",
            summary="A letter of the register")
def letter_detail(request, id: Id):
    _require_reader(request)
    letter = get_object_or_404(_letters(Letter.objects.all()), pk=id)
    return _letter(letter, letter.reply_count)


class MissingOut(Schema):
    recipient: int
    recipient_name: str
    language: str
    missing: list[str] = Field(description="Placeholder names without a value.")


class BatchOut(Schema):
    id: int
    template: str
    selection: str
    audience: str
    region: str
    session: int | None
    reminder_of: int | None
    letter_date: date
    reply_deadline: date | None
    signatory: str
    status: str
    status_label: str
    recipients: int
    ready: bool | None = Field(description="For a draft: whether it can be generated.")
    problems: list[str] = Field(description="For a draft: every problem that stops it.")
    missing: list[MissingOut] = Field(description="For a draft: each recipient lacking a "
                                                  "field, and which.")
    letters: int
    sent: int
    pdf_problem: str = Field(description="Why PDF files were not made, as a code: "
                                         "libreoffice_missing, libreoffice_not_started, "
                                         "libreoffice_timed_out, libreoffice_incomplete.")
    pdf_problem_text: str = Field(description="The same, in the caller's language.")
    problem: str = Field(description="What went wrong last (generation or sending).")
    job: int | None = Field(None, description="The generation's or the sending's job "
                                              "(`/api/jobs/{id}`), when the caller started it.")


def _batch(batch: MailMergeBatch) -> dict:
    check = merge.check_batch(batch) if batch.status == BatchStatus.DRAFT else None
    letters = list(batch.letters.values_list("sent_at", flat=True))
    return {
        "id": batch.pk, "template": batch.template.code, "selection": batch.selection,
        "audience": batch.audience, "region": batch.region, "session": batch.session_id,
        "reminder_of": batch.reminder_of_id, "letter_date": batch.letter_date,
        "reply_deadline": batch.reply_deadline, "signatory": batch.signatory,
        "status": batch.status, "status_label": str(batch.get_status_display()),
        "recipients": batch.recipients.count(),
        "ready": check.ok if check else None,
        "problems": check.problems() if check else [],
        "missing": [{"recipient": row.entry.pk, "recipient_name": row.entry.name,
                     "language": row.language, "missing": row.missing}
                    for row in check.rows_missing] if check else [],
        "letters": len(letters), "sent": sum(1 for sent in letters if sent),
        "pdf_problem": batch.pdf_problem, "pdf_problem_text": batch.pdf_problem_text,
        "problem": batch.problem,
    }


def _batch_or_404(id: int) -> MailMergeBatch:
    return get_object_or_404(MailMergeBatch.objects.select_related("template", "session"),
                             pk=id)


@router.get("/correspondence/batches/{id}", response=BatchOut, operation_id="batch_detail",
            summary="A mail-merge batch, its check and where it stands")
def batch_detail(request, id: Id):
    _require_reader(request)
    return _batch(_batch_or_404(id))


class BatchIn(InputSchema):
    template: str = Field(description="The template's code, e.g. credentials-reminder.")
    selection: Selection
    audience: Audience = Audience.PERMANENT_MISSION
    region: str = Field("", description="For selection=region: an ILO region.")
    session: Id | None = None
    recipients: list[Id] = Field([], description="For selection=hand_picked: ids of "
                                                  "address book entries.")
    signatory: str = ""
    signatory_title: str = ""
    letter_date: Day | None = Field(None, description="Today when left out.")
    reply_deadline: Day | None = None


@router.post("/correspondence/batches", response={201: BatchOut}, operation_id="batch_create",
             summary="Create a draft mail-merge batch")
def batch_create(request, payload: BatchIn):
    """Recipients are read from the address book now; the answer carries the check."""
    _require_manager(request)
    template = LetterTemplate.objects.filter(code=payload.template).first()
    if template is None:
        raise unknown_reference(("body", "template"), "No template has this code.")
    session = None
    if payload.session is not None:
        session = Session.objects.filter(pk=payload.session).first()
        if session is None:
            raise unknown_reference(("body", "session"), "No session has this id.")
    batch = batches.batch_create(
        actor=request.user, template=template, selection=plain(payload.selection),
        audience=plain(payload.audience), region=payload.region, session=session,
        hand_picked=payload.recipients, signatory=payload.signatory,
        signatory_title=payload.signatory_title, letter_date=payload.letter_date,
        reply_deadline=payload.reply_deadline)
    return Status(201, _batch(_batch_or_404(batch.pk)))


class GenerateIn(InputSchema):
    pdf_files: bool = Field(True, description="Also convert the letters to PDF.")


@router.post("/correspondence/batches/{id}/generate", response=BatchOut,
             operation_id="batch_generate", summary="Generate the letters of a draft batch")
def batch_generate(request, id: Id, payload: GenerateIn):
    """Refused (400, code ``batch_incomplete``) with every problem when any recipient lacks
    a field. The worker generates the letters: the batch answers ``generating`` until done,
    and ``job`` names the job whose progress ``/api/jobs/{job}`` gives (then the zip of the
    letters at ``/api/jobs/{job}/file``). For a generated batch: the PDF files it lacks."""
    _require_manager(request)
    job = batches.batch_generation_start(actor=request.user, batch=_batch_or_404(id),
                                         pdf_files=payload.pdf_files)
    return {**_batch(_batch_or_404(id)), "job": job.pk}


class SendIn(InputSchema):
    pass


@router.post("/correspondence/batches/{id}/send", response=BatchOut, operation_id="batch_send",
             summary="Send (or resume sending) a batch by e-mail")
def batch_send(request, id: Id, payload: SendIn):
    """Queues the sending of the letters not sent yet, each with its PDF attached: the worker
    sends them, the batch answers ``sending`` until done, and ``job`` names the job whose
    progress ``/api/jobs/{job}`` gives (letters sent of the batch's letters). Refused (400,
    ``cannot_send``) when a letter cannot go. When the mail server fails part-way the job
    fails saying where it stopped, the batch is ``interrupted``, and sending it again (or
    retrying the job) sends only the rest."""
    _require_manager(request)
    job = sending.batch_send_start(actor=request.user, batch=_batch_or_404(id))
    return {**_batch(_batch_or_404(id)), "job": job.pk}
