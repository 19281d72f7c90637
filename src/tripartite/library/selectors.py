"""Reads of the library: what a user may see, a document with its versions and revisions."""

from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from tripartite.accounts.permissions import AnyUser
from tripartite.library import permissions
from tripartite.library.models import RESTRICTED_TYPES, Document, DocumentFile

if TYPE_CHECKING:
    from tripartite.library.search import Filters


def visible_documents(user: AnyUser) -> QuerySet[Document]:
    """The documents ``user`` may read: none without a login; the Office's internal papers
    only for its staff."""
    if not permissions.can_view_library(user):
        return Document.objects.none()
    documents = Document.objects.all()
    if not permissions.can_view_restricted(user):
        documents = documents.exclude(type__in=RESTRICTED_TYPES)
    return documents


def visible_files(user: AnyUser, filters: "Filters | None" = None) -> QuerySet[DocumentFile]:
    """The language versions of the documents ``user`` may read, within ``filters``."""
    files = DocumentFile.objects.filter(document__in=visible_documents(user))
    if filters is not None:
        if filters.organ:
            files = files.filter(document__organ=filters.organ.upper())
        if filters.session:
            files = files.filter(document__session_id=filters.session)
        if filters.type:
            files = files.filter(document__type=filters.type)
        if filters.language:
            files = files.filter(language=filters.language)
        if filters.date_from:
            files = files.filter(document__date__gte=filters.date_from)
        if filters.date_to:
            files = files.filter(document__date__lte=filters.date_to)
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
