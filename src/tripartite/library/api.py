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
from tripartite.library.models import Document, DocumentFile
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
