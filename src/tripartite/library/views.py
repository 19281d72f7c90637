"""Pages of the governance library: the search (its home), a document with its language
versions and revisions, the file of a language version (after the permission check), and
the secretariat's upload. Thin: permission first, then a selector or a service."""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tripartite.common import l10n
from tripartite.common.exports import safe_filename
from tripartite.common.forms import save_with_service
from tripartite.common.views import require
from tripartite.library import permissions, search, selectors, services
from tripartite.library.forms import (
    DecisionFilterForm,
    DecisionForm,
    DocumentUploadForm,
    FollowUpForm,
    RulesTextImportForm,
    SearchForm,
)
from tripartite.library.models import (
    RESTRICTED_TYPES,
    Decision,
    Document,
    DocumentFile,
    DocumentType,
    Instrument,
)

PAGE_SIZE = 20
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _types(user) -> list[tuple[str, str]]:
    if permissions.can_view_restricted(user):
        return list(DocumentType.choices)
    return [(value, label) for value, label in DocumentType.choices
            if value not in RESTRICTED_TYPES]


def filters_of(data) -> search.Filters:
    """A valid search form's filters."""
    session = data.get("session")
    return search.Filters(organ=data.get("organ") or "",
                          session=session.pk if session else None,
                          type=data.get("type") or "", language=data.get("language") or "",
                          date_from=data.get("date_from"), date_to=data.get("date_to"))


@login_required
def index(request):
    require(permissions.can_view_library(request.user))
    form = SearchForm(request.GET or None, organs=selectors.organs(),
                      types=_types(request.user))
    query, filters = "", search.Filters()
    if form.is_bound and form.is_valid():
        query, filters = form.cleaned_data["q"], filters_of(form.cleaned_data)
    try:
        number = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        number = 1
    results = search.search(request.user, query, filters, limit=PAGE_SIZE,
                            offset=(number - 1) * PAGE_SIZE)
    page = Paginator(range(results.total), PAGE_SIZE).get_page(number)
    if page.number != number:
        results = search.search(request.user, query, filters, limit=PAGE_SIZE,
                                offset=(page.number - 1) * PAGE_SIZE)
    return render(request, "library/index.html", {
        "form": form, "query": query, "results": results, "page": page,
        "searched": bool(query), "can_add": permissions.can_manage_library(request.user),
        # within two clicks of home (tests/site/test_navigation.py)
        "can_record_decisions": permissions.can_manage_decisions(request.user),
        "can_import_texts": permissions.can_manage_rules_texts(request.user)})


@login_required
def document_detail(request, pk):
    try:
        document = selectors.document_detail(request.user, pk)
    except Document.DoesNotExist:
        if permissions.can_view_library(request.user) and Document.objects.filter(
                pk=pk).exists():
            require(False)  # an internal paper, for the Office's staff
        raise Http404 from None
    return render(request, "library/document_detail.html", {
        "document": document, "files": list(document.files.all()),
        "revisions": list(selectors.revisions(document, request.user)),
        "can_add": permissions.can_manage_library(request.user)})


@login_required
def file_download(request, pk):
    """A language version's file, streamed from the storage after the permission check
    (never a public address of the store)."""
    file = get_object_or_404(DocumentFile.objects.select_related("document"), pk=pk)
    require(permissions.can_view_document(request.user, file.document))
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    try:
        handle = default_storage.open(file.file.name, "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    name = f"{file.document.symbol}-{file.language}.{file.kind}"
    return FileResponse(handle, as_attachment=True, filename=safe_filename(name),
                        content_type=CONTENT_TYPES.get(file.kind, "application/octet-stream"))


@login_required
def upload(request):
    require(permissions.can_manage_library(request.user))
    form = DocumentUploadForm(request.POST or None, request.FILES or None,
                              initial={"language": request.LANGUAGE_CODE or "en",
                                       "symbol": request.GET.get("symbol", "")[:120]})
    added = {}

    def save(data):
        added["result"] = services.document_add(actor=request.user,
                                                uploaded_file=data.pop("file"), **data)

    if save_with_service(request, form, save):
        result = added["result"]
        if result.new_document:
            messages.success(request, _("%(symbol)s is in the library.") % {
                "symbol": result.document.symbol})
        else:
            messages.success(request, _("The %(language)s version of %(symbol)s is in the "
                                        "library.") % {
                "language": result.file.get_language_display(),
                "symbol": result.document.symbol})
        if result.warning:
            messages.warning(request, result.warning)
        if result.job is not None:
            messages.info(request, _("The file is large: its text is being extracted in the "
                                     "background, and search will find it once done."))
        return redirect("library:document_detail", pk=result.document.pk)
    return render(request, "library/upload.html", {"form": form})


# ---------------------------------------------------------------------------------------------
# Decisions and their follow-up

DECISIONS_PAGE_SIZE = 50


@login_required
def decision_list(request):
    """Decisions awaiting follow-up by due date (or any status), by unit."""
    require(permissions.can_view_decisions(request.user))
    form = DecisionFilterForm(request.GET or None, units=selectors.decision_units())
    filters = selectors.DecisionFilters()
    if form.is_bound and form.is_valid():
        filters = selectors.DecisionFilters(status=form.cleaned_data["status"],
                                            unit=form.cleaned_data["unit"])
    page = Paginator(selectors.decisions(request.user, filters),
                     DECISIONS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "library/decision_list.html", {
        "form": form, "page": page, "decisions": page.object_list,
        "today": timezone.localdate(),
        "can_manage": permissions.can_manage_decisions(request.user)})


@login_required
def decision_detail(request, pk):
    require(permissions.can_view_decisions(request.user))
    try:
        decision = selectors.decision_detail(request.user, pk)
    except Decision.DoesNotExist:
        raise Http404 from None
    document = decision.document
    return render(request, "library/decision_detail.html", {
        "decision": decision, "votes": selectors.item_votes(decision),
        "history": selectors.follow_up_history(decision),
        "document_visible": document is not None and permissions.can_view_document(
            request.user, document),
        "can_manage": permissions.can_manage_decisions(request.user)})


@login_required
def decision_add(request):
    require(permissions.can_manage_decisions(request.user))
    form = DecisionForm(request.POST or None,
                        documents=selectors.visible_documents(request.user).order_by(
                            "-date", "symbol"))
    saved = {}

    def save(data):
        saved["decision"] = services.decision_record(actor=request.user, **data)

    if save_with_service(request, form, save):
        messages.success(request, _("The decision is recorded."))
        return redirect("library:decision_detail", pk=saved["decision"].pk)
    return render(request, "library/decision_form.html", {"form": form})


@login_required
def decision_follow_up(request, pk):
    require(permissions.can_manage_decisions(request.user))
    decision = get_object_or_404(Decision.objects.select_related(
        "agenda_item__session", "document", "report_session"), pk=pk)
    form = FollowUpForm(request.POST or None, initial={
        "status": decision.status, "unit": decision.unit, "deadline": decision.deadline,
        "report_session": decision.report_session})

    def save(data):
        services.decision_follow_up_update(actor=request.user, decision=decision, **data)

    if save_with_service(request, form, save):
        messages.success(request, _("The follow-up is updated."))
        return redirect("library:decision_detail", pk=decision.pk)
    return render(request, "library/follow_up_form.html", {"form": form,
                                                            "decision": decision})


# ---------------------------------------------------------------------------------------------
# The rules' texts


@login_required
def rules_texts(request):
    """The instruments loaded: their versions and languages."""
    require(permissions.can_view_rules_texts(request.user))
    versions = selectors.rules_text_versions()
    return render(request, "library/rules_texts.html", {
        "instruments": [(value, label, versions.get(value, []))
                        for value, label in Instrument.choices],
        "can_import": permissions.can_manage_rules_texts(request.user)})


def _language_names(codes) -> list[tuple[str, str]]:
    names = dict(settings.LANGUAGES)
    return [(code, str(names[code])) for code in codes if code in names]


@login_required
def rules_text(request, instrument, version=None):
    """An instrument article by article (anchors ``#art-4-2``), in the reader's language when
    it is loaded (or the language asked for); else the page says which languages exist."""
    require(permissions.can_view_rules_texts(request.user))
    if instrument not in Instrument.values:
        raise Http404
    versions = selectors.rules_text_versions().get(instrument, [])
    if version is not None:
        try:
            version = dt.date.fromisoformat(version)
        except ValueError:
            raise Http404 from None
    chosen = next(((date, languages) for date, languages in versions
                   if version is None or date == version), None)
    if chosen is None:
        raise Http404
    version, languages = chosen
    asked = request.GET.get("language", "")
    language = asked if asked in languages else (request.LANGUAGE_CODE or "en")
    text = selectors.rules_text(instrument, version, language) if language in languages else None
    return render(request, "library/rules_text.html", {
        "instrument": instrument, "instrument_label": Instrument(instrument).label,
        "version": version, "text": text, "language": language,
        "languages": _language_names(languages),
        "versions": [date for date, _languages in versions],
        "can_import": permissions.can_manage_rules_texts(request.user)})


@login_required
def rules_text_import(request):
    require(permissions.can_manage_rules_texts(request.user))
    form = RulesTextImportForm(request.POST or None, request.FILES or None, initial={
        "language": request.LANGUAGE_CODE or "en",
        "instrument": request.GET.get("instrument", "")[:30]})
    imported = {}

    def save(data):
        imported["result"] = services.rules_text_import(
            actor=request.user, instrument=data["instrument"], language=data["language"],
            version_date=data["version_date"], uploaded_file=data["file"])

    if save_with_service(request, form, save):
        result = imported["result"]
        text = result.text
        message = (_("%(instrument)s (%(language)s, version of %(version)s) replaced: "
                     "%(articles)s articles, %(provisions)s provisions.") if result.replaced
                   else _("%(instrument)s (%(language)s, version of %(version)s) imported: "
                          "%(articles)s articles, %(provisions)s provisions."))
        messages.success(request, message % {
            "instrument": text.get_instrument_display(), "language": text.get_language_display(),
            "version": l10n.long_date(text.version_date), "articles": result.articles,
            "provisions": result.provisions})
        return redirect(reverse("library:rules_text_version", kwargs={
            "instrument": text.instrument, "version": text.version_date.isoformat()})
            + f"?language={text.language}")
    return render(request, "library/rules_text_import.html", {"form": form})
