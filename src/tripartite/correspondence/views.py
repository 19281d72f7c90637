"""Pages of the official correspondence: the register, letters and replies, templates, the
address book, mail-merge batches (check, preview, generate, download, send, remind).

Reading needs ``can_view_correspondence`` (secretariat, senior officials, observers); every
write needs ``can_manage_correspondence`` (the secretariat) and goes through a service.
"""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tripartite.common import exports, fonts
from tripartite.common.forms import add_service_error
from tripartite.common.services import ServiceError
from tripartite.correspondence import documents, merge, selectors
from tripartite.correspondence.forms import (
    AddressBookEntryForm,
    BatchForm,
    GenerateForm,
    LetterForm,
    RegisterFilterForm,
    ReminderForm,
    ReplyForm,
    TemplateForm,
    VersionUploadForm,
)
from tripartite.correspondence.models import (
    AddressBookEntry,
    BatchStatus,
    IncomingReply,
    Letter,
    LetterTemplate,
    MailMergeBatch,
    RecipientKind,
    TemplateVersion,
)
from tripartite.correspondence.permissions import (
    can_manage_correspondence,
    can_view_correspondence,
)
from tripartite.correspondence.placeholders import PLACEHOLDERS
from tripartite.correspondence.services import batches, replies, sending, templates
from tripartite.jobs import permissions as job_permissions
from tripartite.jobs import selectors as job_selectors
from tripartite.meetings.models import Session

PAGE_SIZE = 50
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _read(request):
    if not can_view_correspondence(request.user):
        raise PermissionDenied


def _manage(request):
    if not can_manage_correspondence(request.user):
        raise PermissionDenied


def _context(request, **values):
    return {"can_manage": can_manage_correspondence(request.user), **values}


def _file(field_file, name: str, content_type: str | None = None):
    handle = field_file.open("rb")
    return FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)


def _service(request, call, success: str | None = None) -> bool:
    """Run a service from a POST; a refusal becomes an error message."""
    try:
        call()
    except ServiceError as error:
        if error.status == 403:
            raise PermissionDenied from error
        messages.error(request, error.message)
        return False
    if success:
        messages.success(request, success)
    return True


# --- the register --------------------------------------------------------------------------------

@login_required
def register(request):
    _read(request)
    filters = RegisterFilterForm(request.GET or None)
    letters = selectors.register(**filters.values())
    page = Paginator(letters, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "correspondence/register.html", _context(
        request, filters=filters, page=page, letters=page.object_list))


EXPORT_COLUMNS = ("reference", "date", "subject", "recipient", "member_state", "language",
                  "signatory", "status", "channel", "sent_at", "reply_deadline", "replies",
                  "template", "template_version")


def export_rows(letters):
    """One plain row per letter, in EXPORT_COLUMNS order (one query for the whole export)."""
    rows = letters.annotate(reply_count=Count("replies")).values_list(
        "reference", "letter_date", "subject", "recipient_name", "member_state__iso2",
        "language", "signatory", "status", "channel", "sent_at", "reply_deadline",
        "reply_count", "template_version__template__code", "template_version__number")
    for row in rows.iterator():
        yield [value if value is not None else "" for value in row]


@login_required
def register_export(request, fmt):
    _read(request)
    letters = selectors.register(**RegisterFilterForm(request.GET or None).values()).order_by(
        "letter_date", "number")
    if fmt == "csv":
        writer = exports.CsvWriter()
        writer.writerow(EXPORT_COLUMNS)
        writer.writerows(export_rows(letters))
        return exports.csv_response(writer, "outgoing-register.csv")
    workbook = exports.XlsxWriter()
    sheet = workbook.sheet(_("Outgoing register"))
    workbook.append(sheet, EXPORT_COLUMNS)
    for row in export_rows(letters):
        workbook.append(sheet, row)
    return exports.xlsx_response(workbook, "outgoing-register.xlsx")


@login_required
def awaiting(request):
    _read(request)
    letters = selectors.awaiting_reply()
    page = Paginator(letters, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "correspondence/awaiting.html", _context(
        request, page=page, letters=page.object_list))


# --- one letter ----------------------------------------------------------------------------------

@login_required
def letter_detail(request, pk):
    _read(request)
    letter = get_object_or_404(Letter.objects.select_related(
        "recipient", "member_state", "batch__template", "template_version__template",
        "reminder_of", "created_by"), pk=pk)
    letter_form = LetterForm(initial={"status": letter.status, "channel": letter.channel})
    reply_form = ReplyForm()
    if request.method == "POST":
        _manage(request)
        if request.POST.get("action") == "reply":
            reply_form = ReplyForm(request.POST, request.FILES)
            if reply_form.is_valid():
                data = reply_form.cleaned_data
                try:
                    replies.reply_log(actor=request.user, letter=letter,
                                       received_on=data["received_on"],
                                       summary=data["summary"], uploaded_file=data["file"])
                except (ServiceError, ValidationError) as error:
                    add_service_error(reply_form, error)
                else:
                    messages.success(request, _("The reply was logged."))
                    return redirect("correspondence:letter_detail", pk=letter.pk)
        else:
            letter_form = LetterForm(request.POST)
            if letter_form.is_valid() and _service(request, lambda: replies.letter_update(
                    actor=request.user, letter=letter, changes=letter_form.cleaned_data),
                    _("The letter was updated.")):
                return redirect("correspondence:letter_detail", pk=letter.pk)
    return render(request, "correspondence/letter_detail.html", _context(
        request, letter=letter, replies=list(letter.replies.select_related("logged_by")),
        reminders=list(letter.reminders.all()), letter_form=letter_form,
        reply_form=reply_form))


@login_required
def letter_file(request, pk, kind):
    _read(request)
    letter = get_object_or_404(Letter.objects.select_related("member_state"), pk=pk)
    field_file = letter.pdf_file if kind == "pdf" else letter.word_file
    if not field_file:
        messages.error(request, _("This letter has no PDF file."))
        return redirect("correspondence:letter_detail", pk=letter.pk)
    name = f"{merge.letter_file_stem(letter)}.{kind if kind == 'pdf' else 'docx'}"
    return _file(field_file, name, "application/pdf" if kind == "pdf" else DOCX)


@login_required
def reply_file(request, pk):
    _read(request)
    reply = get_object_or_404(IncomingReply, pk=pk)
    if not reply.file:
        messages.error(request, _("This reply has no file."))
        return redirect("correspondence:letter_detail", pk=reply.letter_id)
    return _file(reply.file, reply.original_name or reply.file.name.rsplit("/", 1)[-1])


# --- templates -----------------------------------------------------------------------------------

@login_required
def template_list(request):
    _read(request)
    if request.method == "POST":
        _manage(request)
        _service(request, lambda: templates.starter_templates_install(actor=request.user),
                 _("The starter templates are in the library."))
        return redirect("correspondence:template_list")
    library = LetterTemplate.objects.prefetch_related("versions").order_by("name_en")
    rows = []
    for template in library:
        latest = {}
        for version in sorted(template.versions.all(), key=lambda v: -v.number):
            latest.setdefault(version.language, version)
        rows.append((template, [latest.get(code) for code in merge.LANGUAGE_ORDER]))
    return render(request, "correspondence/template_list.html", _context(
        request, rows=rows, placeholders=PLACEHOLDERS))


@login_required
def template_create(request):
    _manage(request)
    form = TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            template = templates.template_create(actor=request.user, data=form.cleaned_data)
        except (ServiceError, ValidationError) as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The template was created: upload its Word files."))
            return redirect("correspondence:template_detail", pk=template.pk)
    return render(request, "correspondence/form.html", _context(
        request, form=form, heading=_("New letter template")))


@login_required
def template_detail(request, pk):
    _read(request)
    template = get_object_or_404(LetterTemplate, pk=pk)
    form = VersionUploadForm()
    if request.method == "POST":
        _manage(request)
        form = VersionUploadForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                version = templates.template_version_upload(
                    actor=request.user, template=template, language=data["language"],
                    uploaded_file=data["file"], note=data["note"])
            except ServiceError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Version %(number)s was uploaded.") % {
                    "number": version.number})
                return redirect("correspondence:template_detail", pk=template.pk)
    versions = list(template.versions.select_related("uploaded_by")
                    .order_by("language", "-number"))
    return render(request, "correspondence/template_detail.html", _context(
        request, template=template, versions=versions, form=form, placeholders=PLACEHOLDERS))


@login_required
def template_version_file(request, pk):
    _read(request)
    version = get_object_or_404(TemplateVersion.objects.select_related("template"), pk=pk)
    return _file(version.file, f"{version.template.code}.{version.language}.v{version.number}"
                               ".docx", DOCX)


# --- the address book ----------------------------------------------------------------------------

@login_required
def address_book(request):
    _read(request)
    entries = selectors.entries().order_by("name", "id")
    query = request.GET.get("q", "").strip()
    if query:
        entries = entries.filter(Q(name__icontains=query) | Q(addressee__icontains=query)
                                 | Q(member_state__name_en__icontains=query)
                                 | Q(member_state__iso2__iexact=query))
    kind = request.GET.get("kind", "")
    if kind:
        entries = entries.filter(kind=kind)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "correspondence/address_book.html", _context(
        request, page=page, entries=page.object_list, query=query, kind=kind,
        kinds=RecipientKind.choices))


def _entry_form(request, entry=None):
    _manage(request)
    # A copy: validating a model form writes the posted values onto its instance, and the
    # service must see the entry as it was to find (save and log) the changes.
    form = AddressBookEntryForm(request.POST or None,
                                instance=copy.copy(entry) if entry else None)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            if entry is None:
                entry = templates.address_book_entry_create(actor=request.user, data=data)
            else:
                templates.address_book_entry_update(actor=request.user, entry=entry,
                                                   changes=data)
        except (ServiceError, ValidationError) as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The address book entry was saved."))
            return redirect("correspondence:address_book")
    heading = entry.name if entry else _("New address book entry")
    return render(request, "correspondence/form.html", _context(
        request, form=form, heading=heading, object=entry))


@login_required
def entry_create(request):
    return _entry_form(request)


@login_required
def entry_edit(request, pk):
    _manage(request)
    return _entry_form(request, get_object_or_404(AddressBookEntry, pk=pk))


# --- batches -------------------------------------------------------------------------------------

@login_required
def batch_list(request):
    _read(request)
    listed = (MailMergeBatch.objects.select_related("template", "session", "created_by")
               .annotate(recipient_count=Count("recipients", distinct=True),
                         letter_count=Count("letters", distinct=True))
               .order_by("-created_at", "-id"))
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "correspondence/batch_list.html", _context(
        request, page=page, batches=page.object_list))


@login_required
def batch_create(request):
    _manage(request)
    form = BatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            batch = batches.batch_create(
                actor=request.user, template=data["template"], selection=data["selection"],
                audience=data["audience"], region=data["region"], session=data["session"],
                hand_picked=[entry.pk for entry in data["recipients"]],
                signatory=data["signatory"], signatory_title=data["signatory_title"],
                letter_date=data["letter_date"], reply_deadline=data["reply_deadline"])
        except (ServiceError, ValidationError) as error:
            add_service_error(form, error)
        else:
            return redirect("correspondence:batch_detail", pk=batch.pk)
    return render(request, "correspondence/batch_form.html", _context(request, form=form))


def _batch(pk):
    return get_object_or_404(MailMergeBatch.objects.select_related(
        "template", "session__meeting", "reminder_of", "created_by"), pk=pk)


BATCH_ACTIONS = ("generate", "abandon", "refresh", "pdf", "send", "remind")


def _batch_action(request, batch):
    action = request.POST.get("action")
    user = request.user
    if action == "generate":
        form = GenerateForm(request.POST)
        pdf_files = form.is_valid() and form.cleaned_data["pdf_files"]
        started = []
        if _service(request, lambda: started.append(batches.batch_generation_start(
                actor=user, batch=batch, pdf_files=pdf_files,
                back_url=reverse("correspondence:batch_detail", args=[batch.pk])))):
            return redirect("jobs:job_detail", pk=started[0].pk)
    elif action == "abandon":
        _service(request, lambda: batches.batch_generation_abandon(actor=user, batch=batch),
                 _("The generation was abandoned: the batch is a draft again."))
    elif action == "refresh":
        _service(request, lambda: batches.batch_refresh_recipients(actor=user, batch=batch),
                 _("The recipients were read again from the address book."))
    elif action == "pdf":
        started = []
        if _service(request, lambda: started.append(batches.batch_generation_start(
                actor=user, batch=batch, pdf_files=True,
                back_url=reverse("correspondence:batch_detail", args=[batch.pk])))):
            return redirect("jobs:job_detail", pk=started[0].pk)
    elif action == "send":
        started = []
        if _service(request, lambda: started.append(sending.batch_send_start(
                actor=user, batch=batch,
                back_url=reverse("correspondence:batch_detail", args=[batch.pk])))):
            return redirect("jobs:job_detail", pk=started[0].pk)
    elif action == "remind":
        form = ReminderForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose the reminder template and the new deadline."))
        else:
            made = []
            if _service(request, lambda: made.append(replies.reminder_batch_create(
                    actor=user, batch=batch, template=form.cleaned_data["template"],
                    reply_deadline=form.cleaned_data["reply_deadline"]))):
                return redirect("correspondence:batch_detail", pk=made[0].pk)
    return redirect("correspondence:batch_detail", pk=batch.pk)


@login_required
def batch_detail(request, pk):
    _read(request)
    batch = _batch(pk)
    if request.method == "POST":
        _manage(request)
        return _batch_action(request, batch)
    check = merge.check_batch(batch) if batch.status == BatchStatus.DRAFT else None
    letters = list(batch.letters.select_related("member_state", "recipient")
                   .prefetch_related("replies").order_by("number"))
    languages = []
    if check:
        # Its PDF letters (LibreOffice) would print empty boxes for a script without its font.
        fonts.warn_missing(request, (text for row in check.rows for text in (
            row.entry.name, row.entry.addressee, row.entry.other_title,
            row.entry.addressee_title, row.entry.postal_address)))
        languages = [code for code in merge.LANGUAGE_ORDER
                     if code in check.versions and any(r.language == code for r in check.rows)]
    return render(request, "correspondence/batch_detail.html", _context(
        request, batch=batch, check=check, letters=letters, preview_languages=[
            (code, merge.language_name(code)) for code in languages],
        sent=sum(1 for letter in letters if letter.sent_at),
        generation_stale=batches.generation_is_stale(batch),
        job=_visible_job(request, batch),
        replied=sum(1 for letter in letters if letter.replies.all()),
        generate_form=GenerateForm(initial={"pdf_files": True}),
        reminder_form=ReminderForm(initial={"template": LetterTemplate.objects.filter(
            kind="reminder", active=True).order_by("pk").first()})))


def _visible_job(request, batch):
    """The batch's latest generation job, if this user may follow it (its owner)."""
    job = job_selectors.latest_job("correspondence.batch", batch=batch.pk)
    return job if job is not None and job_permissions.can_view_job(request.user, job) else None


@login_required
def batch_preview(request, pk, language):
    _manage(request)
    batch = _batch(pk)
    try:
        found = batches.preview_language(batch, language)
    except ServiceError as error:  # a template the checks refuse now is never filled in
        messages.error(request, error.message)
        return redirect("correspondence:batch_detail", pk=batch.pk)
    if found is None:
        messages.error(request, _("No letter of this batch is in that language."))
        return redirect("correspondence:batch_detail", pk=batch.pk)
    row, content = found
    if request.GET.get("format") == "docx":
        response = HttpResponse(content, content_type=DOCX)
        response["Content-Disposition"] = (
            f'attachment; filename="preview-{batch.template.code}-{language}.docx"')
        return response
    return render(request, "correspondence/batch_preview.html", _context(
        request, batch=batch, row=row, language=language,
        language_name=merge.language_name(language),
        paragraphs=documents.docx_paragraphs(content)))


@login_required
def batch_zip(request, pk):
    _read(request)
    batch = _batch(pk)
    if not batch.letters.exists():
        messages.error(request, _("This batch has no letters yet."))
        return redirect("correspondence:batch_detail", pk=batch.pk)
    return FileResponse(merge.batch_zip(batch), as_attachment=True,
                        filename=merge.zip_name(batch), content_type="application/zip")


@login_required
@require_POST
def credentials_reminder(request, session_pk):
    """From a session's credentials page: the reminder to every State whose credentials have
    not been received, as a draft batch ready to check, preview and generate."""
    _manage(request)
    session = get_object_or_404(Session, pk=session_pk)
    made = []
    if _service(request, lambda: made.append(replies.credentials_reminder_create(
            actor=request.user, session=session))):
        count = made[0].recipients.count()
        messages.success(request, ngettext(
            "The reminder batch is ready for %(count)s Permanent Mission: check it, preview it "
            "and generate it.",
            "The reminder batch is ready for %(count)s Permanent Missions: check it, preview it "
            "and generate it.", count) % {"count": count})
        return redirect("correspondence:batch_detail", pk=made[0].pk)
    return redirect("delegations:review_overview", session_pk=session.pk)
