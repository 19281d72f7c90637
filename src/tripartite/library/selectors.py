"""Reads of the library: what a user may see (filtered), a document with its versions and
revisions."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet

from tripartite.accounts.permissions import AnyUser
from tripartite.library import permissions
from tripartite.library.models import RESTRICTED_TYPES, Document, DocumentFile


@dataclass(frozen=True)
class Filters:
    """What the search page, the search API and the list of documents narrow by; empty
    values narrow by nothing. ``language`` is a file's: ``filtered_documents`` ignores it."""

    organ: str = ""
    session: int | None = None
    type: str = ""
    language: str = ""
    date_from: date | None = None
    date_to: date | None = None


def visible_documents(user: AnyUser) -> QuerySet[Document]:
    """The documents ``user`` may read: none without a login; the Office's internal papers
    only for its staff."""
    if not permissions.can_view_library(user):
        return Document.objects.none()
    documents = Document.objects.all()
    if not permissions.can_view_restricted(user):
        documents = documents.exclude(type__in=RESTRICTED_TYPES)
    return documents


def filtered_documents(user: AnyUser, filters: Filters) -> QuerySet[Document]:
    """The documents ``user`` may read within ``filters``' organ (any case), session, type
    and dates (both ends included)."""
    documents = visible_documents(user)
    if filters.organ:
        documents = documents.filter(organ=filters.organ.upper())
    if filters.session:
        documents = documents.filter(session_id=filters.session)
    if filters.type:
        documents = documents.filter(type=filters.type)
    if filters.date_from:
        documents = documents.filter(date__gte=filters.date_from)
    if filters.date_to:
        documents = documents.filter(date__lte=filters.date_to)
    return documents


def visible_files(user: AnyUser, filters: Filters | None = None) -> QuerySet[DocumentFile]:
    """The language versions of the documents ``user`` may read, within ``filters`` (the
    documents' and the language)."""
    filters = filters or Filters()
    files = DocumentFile.objects.filter(document__in=filtered_documents(user, filters))
    if filters.language:
        files = files.filter(language=filters.language)
    return files.select_related("document__session")


def document_detail(user: AnyUser, pk: int) -> Document:
    """One visible document with its language versions, agenda items and revisions (the
    caller turns DoesNotExist into a 404)."""
    return (visible_documents(user)
            .select_related("session__meeting", "supersedes", "superseded_by", "added_by")
            .prefetch_related(Prefetch("files", DocumentFile.objects.order_by("language")),
                              "agenda_items")
            .get(pk=pk))


def revisions(document: Document, user: AnyUser) -> QuerySet[Document]:
    """Every version of the paper (same base symbol) the user may see, oldest first."""
    return (visible_documents(user).filter(base_symbol=document.base_symbol)
            .select_related("superseded_by")
            .order_by("addendum", "corrigendum", "is_decision", "revision"))


def organs() -> list[str]:
    return list(Document.objects.order_by("organ").values_list("organ", flat=True).distinct())
