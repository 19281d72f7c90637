"""The governance library in the JSON API: documents (list, one, add a language version by
multipart upload) and the search. The same predicates as the pages decide who sees what
(``library.permissions``); every write goes through ``library.services``."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from tripartite.common.api import Count, Day, Id, LimitOffset
from tripartite.common.services import ServiceError
from tripartite.library import permissions, search, selectors, services
from tripartite.library.models import (
    Decision,
    Document,
    DocumentFile,
    FollowUpStatus,
    RulesText,
)
from tripartite.meetings.models import AgendaItem, Session

router = Router()


class FileOut(Schema):
    id: int
    language: str
    format: str = Field(description="pdf or docx")
    size: int
    pages: int | None
    text: str = Field(description="ready (searchable), pending (being extracted), no_text "
                                   "(a PDF without a text layer: not searchable) or failed.")
    url: str = Field(description="The file, after the permission check.")


class DocumentOut(Schema):
    id: int
    symbol: str
    base_symbol: str = Field(description="Without revision, addendum and corrigendum.")
    organ: str
    session_number: str
    section: str
    number: str
    revision: int
    addendum: int
    corrigendum: int
    title_en: str
    title_fr: str
    title_es: str
    type: str
    date: date
    session: int | None
    agenda_items: list[int]
    supersedes: int | None = Field(description="The earlier revision this one replaces.")
    files: list[FileOut]


class HitOut(Schema):
    document: int
    symbol: str
    title: str
    file: int
    language: str
    score: float
    snippet: str = Field(description="HTML: the words found inside <mark>, the rest escaped.")


class SearchOut(Schema):
    count: Count
    symbol: str | None = Field(description="The symbol the query was read as, if any.")
    items: list[HitOut]


class DocumentFilters(Schema):
    organ: str = Field("", max_length=10)
    session: Id | None = None
    type: str = Field("", max_length=30)
    date_from: Day | None = None
    date_to: Day | None = None


class SearchQuery(Schema):
    q: str = Field("", max_length=300)
    organ: str = Field("", max_length=10)
    session: Id | None = None
    type: str = Field("", max_length=30)
    language: str = Field("", max_length=5)
    date_from: Day | None = None
    date_to: Day | None = None
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=100_000)


def _file_out(file: DocumentFile) -> dict:
    return {"id": file.pk, "language": file.language, "format": file.kind, "size": file.size,
            "pages": file.pages, "text": file.text_status,
            "url": reverse("library:file_download", kwargs={"pk": file.pk})}


def _out(document: Document) -> dict:
    return {
        **{name: getattr(document, name) for name in (
            "symbol", "base_symbol", "organ", "session_number", "section", "number",
            "revision", "addendum", "corrigendum", "title_en", "type", "date")},
        "id": document.pk, "title_fr": document.title_fr or "",
        "title_es": document.title_es or "", "session": document.session_id,
        "agenda_items": sorted(item.pk for item in document.agenda_items.all()),
        "supersedes": document.supersedes_id,
        "files": [_file_out(file) for file in document.files.all()],
    }


def _document(request, id: int) -> Document:
    try:
        return selectors.document_detail(request.user, id)
    except Document.DoesNotExist:
        if Document.objects.filter(pk=id).exists():
            raise PermissionDenied from None
        raise


@router.get("/library/documents", response=list[DocumentOut], operation_id="document_list",
            summary="Documents of the library")
@paginate(LimitOffset)
def document_list(request, filters: Query[DocumentFilters]):
    """The documents the user may read, latest first."""
    if not permissions.can_view_library(request.user):
        raise PermissionDenied
    documents = selectors.filtered_documents(request.user, selectors.Filters(
        organ=filters.organ, session=filters.session, type=filters.type,
        date_from=filters.date_from, date_to=filters.date_to))
    documents = documents.prefetch_related("files", "agenda_items").order_by("-date", "symbol")
    return [_out(document) for document in documents]


@router.get("/library/documents/{id}", response=DocumentOut, operation_id="document_detail",
            summary="One document, with its language versions")
def document_detail(request, id: Id):
    return _out(_document(request, id))


@router.post("/library/documents", response={201: DocumentOut},
             operation_id="document_add", summary="Add a document or a language version")
def document_add(request, file: File[UploadedFile] = None, symbol: Form[str] = "",
                 language: Form[str] = "", title_en: Form[str] = "", title_fr: Form[str] = "",
                 title_es: Form[str] = "", type: Form[str] = "", date: Form[Day | None] = None,
                 session: Form[Id | None] = None, agenda_items: Form[list[Id]] = None):
    """Multipart: the ``file`` (PDF or .docx) and its ``symbol`` and ``language``; for a new
    document also ``title_en``, ``type`` and ``date`` (and optionally the other titles, the
    ``session`` and its ``agenda_items``). A symbol already in the library adds a language
    version; a language it already has is refused (409). A big file's text is extracted in
    the background (``text``: ``pending``)."""
    if not permissions.can_manage_library(request.user):
        raise PermissionDenied
    if file is None:
        raise ServiceError(_("Send the file as the multipart field \"file\"."),
                           code="required", field="file")
    the_session = Session.objects.filter(pk=session).first() if session else None
    if session and the_session is None:
        raise ServiceError(_("There is no such session."), code="unknown_reference",
                           field="session")
    items = list(AgendaItem.objects.filter(pk__in=agenda_items or []))
    if len(items) != len(set(agenda_items or [])):
        raise ServiceError(_("There is no such agenda item."), code="unknown_reference",
                           field="agenda_items")
    added = services.document_add(
        actor=request.user, symbol=symbol, language=language, uploaded_file=file,
        title_en=title_en, title_fr=title_fr, title_es=title_es, type=type, date=date,
        session=the_session, agenda_items=items)
    return Status(201, _out(_document(request, added.document.pk)))


@router.get("/library/search", response=SearchOut, operation_id="library_search",
            summary="Search the library")
def library_search(request, query: Query[SearchQuery]):
    """Words (accents and case ignored), "exact phrases" in double quotes, or a symbol
    (``GB.356/INS/3`` finds every revision); filtered, ranked, with highlighted snippets;
    only what the user may read."""
    if not permissions.can_view_library(request.user):
        raise PermissionDenied
    results = search.search(request.user, query.q, search.Filters(
        organ=query.organ, session=query.session, type=query.type, language=query.language,
        date_from=query.date_from, date_to=query.date_to), limit=query.limit,
        offset=query.offset)
    return {"count": results.total,
            "symbol": results.symbol.text if results.symbol else None,
            "items": [{"document": hit.file.document_id, "symbol": hit.file.document.symbol,
                       "title": getattr(hit.file.document, f"title_{hit.file.language}", "")
                       or hit.file.document.title_en, "file": hit.file.pk,
                       "language": hit.file.language, "score": hit.score,
                       "snippet": str(hit.snippet)} for hit in results.hits]}


# ---------------------------------------------------------------------------------------------
# Decisions and their follow-up


class DecisionOut(Schema):
    id: int
    agenda_item: int | None = Field(description="Empty for a session older than the "
                                                "meetings in Tripartite (see document).")
    session: int | None = Field(description="The session of the agenda item.")
    date: date
    outcome: str = Field(description="adopted, adopted_as_amended, deferred, referred, noted, "
                                     "or empty.")
    text_en: str
    text_fr: str
    text_es: str
    document: int | None
    paragraph: str
    requests: str = Field(description="What the decision asks.")
    addressed_to: str = Field(description="Of whom it asks it.")
    unit: str = Field(description="The unit responsible for the follow-up.")
    deadline: date | None
    report_session: int | None = Field(description="The session to report back to.")
    status: str = Field(description="pending, in_progress, reported or closed.")
    from_sitting: int | None = Field(description="The sitting whose Chair recorded it at the "
                                                 "console, if so.")


class DecisionQuery(Schema):
    status: str = Field("", max_length=20, description="pending, in_progress, reported, "
                        "closed, or all; empty: awaiting follow-up (pending or in progress).")
    unit: str = Field("", max_length=100)
    session: Id | None = None


class DecisionIn(Schema):
    agenda_item: Id | None = Field(None, description="Required unless document is given.")
    date: Day
    text_en: str = Field(max_length=20_000)
    text_fr: str = Field("", max_length=20_000)
    text_es: str = Field("", max_length=20_000)
    document: Id | None = None
    paragraph: str = Field("", max_length=40)
    requests: str = Field("", max_length=20_000)
    addressed_to: str = Field("", max_length=200)
    unit: str = Field("", max_length=100)
    deadline: Day | None = None
    report_session: Id | None = None


class FollowUpIn(Schema):
    status: str = Field(max_length=20, description="pending, in_progress, reported or closed.")
    unit: str = Field("", max_length=100)
    deadline: Day | None = None
    report_session: Id | None = None
    note: str = Field("", max_length=2000, description="What was done: kept in the history.")


def _decision_out(decision: Decision) -> dict:
    return {
        **{name: getattr(decision, name) for name in (
            "date", "outcome", "text_en", "paragraph", "requests", "addressed_to", "unit",
            "deadline", "status")},
        "id": decision.pk, "agenda_item": decision.agenda_item_id,
        "session": decision.agenda_item.session_id if decision.agenda_item else None,
        "text_fr": decision.text_fr or "",
        "text_es": decision.text_es or "", "document": decision.document_id,
        "report_session": decision.report_session_id,
        "from_sitting": decision.item_record.sitting_id if decision.item_record else None,
    }


def _decision(request, id: int) -> Decision:
    if not permissions.can_view_decisions(request.user):
        raise PermissionDenied
    return selectors.decision_detail(request.user, id)


def _referenced(model, pk: int | None, field: str, message: str):
    if not pk:
        return None
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise ServiceError(message, code="unknown_reference", field=field)
    return found


@router.get("/library/decisions", response=list[DecisionOut], operation_id="decision_list",
            summary="Decisions and their follow-up")
@paginate(LimitOffset)
def decision_list(request, filters: Query[DecisionQuery]):
    """Decisions awaiting follow-up (or of a ``status``), the nearest deadline (or session to
    report to) first; by ``unit`` and by the ``session`` they were taken at."""
    if not permissions.can_view_decisions(request.user):
        raise PermissionDenied
    if filters.status not in ("", "all", *FollowUpStatus.values):
        raise ServiceError(_("Choose the status of the follow-up."), code="invalid",
                           field="status")
    return [_decision_out(decision) for decision in selectors.decisions(
        request.user, selectors.DecisionFilters(status=filters.status, unit=filters.unit,
                                                session=filters.session))
        .select_related("item_record")]


@router.get("/library/decisions/{id}", response=DecisionOut, operation_id="decision_detail",
            summary="One decision and its follow-up")
def decision_detail(request, id: Id):
    return _decision_out(_decision(request, id))


@router.post("/library/decisions", response={201: DecisionOut},
             operation_id="decision_create", summary="Record a decision")
def decision_create(request, payload: DecisionIn):
    """A decision taken on an agenda item (those recorded at the Chair's console are already
    in the library), its follow-up pending. The secretariat only."""
    if not permissions.can_manage_decisions(request.user):
        raise PermissionDenied
    item = _referenced(AgendaItem, payload.agenda_item, "agenda_item",
                       _("There is no such agenda item."))
    document = None
    if payload.document:
        document = selectors.visible_documents(request.user).filter(
            pk=payload.document).first()
        if document is None:
            raise ServiceError(_("There is no such document."), code="unknown_reference",
                               field="document")
    decision = services.decision_record(
        actor=request.user, agenda_item=item, date=payload.date, text_en=payload.text_en,
        text_fr=payload.text_fr, text_es=payload.text_es, document=document,
        paragraph=payload.paragraph, requests=payload.requests,
        addressed_to=payload.addressed_to, unit=payload.unit, deadline=payload.deadline,
        report_session=_referenced(Session, payload.report_session, "report_session",
                                   _("There is no such session.")))
    return Status(201, _decision_out(_decision(request, decision.pk)))


@router.patch("/library/decisions/{id}/follow-up", response=DecisionOut,
              operation_id="decision_follow_up_update", summary="Update a decision's follow-up")
def decision_follow_up_update(request, id: Id, payload: FollowUpIn):
    """Set the follow-up's ``status``, ``unit``, ``deadline`` and ``report_session`` (all of
    them: an omitted one is emptied), with an optional ``note``; logged in the history."""
    decision = _decision(request, id)
    if not permissions.can_manage_decisions(request.user):
        raise PermissionDenied
    services.decision_follow_up_update(
        actor=request.user, decision=decision, status=payload.status, unit=payload.unit,
        deadline=payload.deadline,
        report_session=_referenced(Session, payload.report_session, "report_session",
                                   _("There is no such session.")), note=payload.note)
    return _decision_out(_decision(request, id))


# ---------------------------------------------------------------------------------------------
# The rules' texts


class RulesTextVersionOut(Schema):
    instrument: str = Field(description="constitution, ilc_standing_orders or "
                                        "gb_standing_orders")
    version_date: date
    languages: list[str]


class ProvisionOut(Schema):
    article: str
    paragraph: str = Field(description="Empty for the article's unnumbered text.")
    heading: str
    text: str
    anchor: str = Field(description="Its anchor on the text's page, e.g. art-4-2.")


class RulesTextOut(Schema):
    instrument: str
    version_date: date
    language: str
    source_name: str
    imported_at: str
    url: str = Field(description="The text's page.")
    provisions: list[ProvisionOut]


def _rules_text_out(text: RulesText) -> dict:
    return {"instrument": text.instrument, "version_date": text.version_date,
            "language": text.language, "source_name": text.source_name,
            "imported_at": text.imported_at.isoformat(),
            "url": reverse("library:rules_text_version", kwargs={
                "instrument": text.instrument, "version": text.version_date.isoformat()})
            + f"?language={text.language}",
            "provisions": [{"article": provision.article, "paragraph": provision.paragraph,
                            "heading": provision.heading, "text": provision.body,
                            "anchor": provision.anchor}
                           for provision in text.provisions.all()]}


@router.get("/library/texts", response=list[RulesTextVersionOut],
            operation_id="rules_text_list", summary="The rules' texts loaded")
def rules_text_list(request):
    """Each instrument's versions loaded, the latest first, with their languages."""
    if not permissions.can_view_rules_texts(request.user):
        raise PermissionDenied
    return [{"instrument": instrument, "version_date": version, "languages": languages}
            for instrument, versions in selectors.rules_text_versions().items()
            for version, languages in versions]


@router.get("/library/texts/{instrument}/{version_date}/{language}", response=RulesTextOut,
            operation_id="rules_text_detail", summary="One rules text, article by article")
def rules_text_detail(request, instrument: str, version_date: Day, language: str):
    if not permissions.can_view_rules_texts(request.user):
        raise PermissionDenied
    text = selectors.rules_text(instrument, version_date, language)
    if text is None:
        raise RulesText.DoesNotExist
    return _rules_text_out(text)


@router.post("/library/texts", response={200: RulesTextOut, 201: RulesTextOut},
             operation_id="rules_text_import", summary="Import a rules text")
def rules_text_import(request, file: File[UploadedFile] = None, instrument: Form[str] = "",
                      language: Form[str] = "", version_date: Form[Day | None] = None):
    """Multipart: the ``file`` (.docx or plain text, split by article and paragraph: see
    docs/library.md), its ``instrument``, ``language`` and ``version_date``. 201 when new; 200
    when it replaces the same instrument, version and language. A file in which no article is
    found is refused (400) and nothing is stored."""
    if not permissions.can_manage_rules_texts(request.user):
        raise PermissionDenied
    if file is None:
        raise ServiceError(_("Send the file as the multipart field \"file\"."),
                           code="required", field="file")
    if version_date is None:
        raise ServiceError(_("Give the date of the version."), code="required",
                           field="version_date")
    imported = services.rules_text_import(actor=request.user, instrument=instrument,
                                          language=language, version_date=version_date,
                                          uploaded_file=file)
    text = selectors.rules_text(imported.text.instrument, imported.text.version_date,
                                imported.text.language)
    assert text is not None
    return Status(200 if imported.replaced else 201, _rules_text_out(text))
