"""Reads of the library: what a user may see (filtered), a document with its versions and
revisions."""

from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Prefetch, QuerySet
from django.db.models.functions import Coalesce, TruncDate

from tripartite.accounts.permissions import AnyUser
from tripartite.common.history import HistoryLine, history_lines
from tripartite.common.models import ActionLogEntry
from tripartite.library import permissions
from tripartite.library.models import (
    AWAITING,
    RESTRICTED_TYPES,
    Decision,
    Document,
    DocumentFile,
    RulesText,
)
from tripartite.votes.models import Vote, VoteState


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


@dataclass(frozen=True)
class DecisionFilters:
    """The list of decisions' filters: ``status`` one of ``FollowUpStatus``, ``"all"``, or
    empty for those awaiting follow-up (pending or in progress); ``unit`` exact."""

    status: str = ""
    unit: str = ""
    session: int | None = None


def decisions(user: AnyUser, filters: DecisionFilters | None = None) -> QuerySet[Decision]:
    """The decisions ``user`` may read within ``filters``, by their due date (the deadline,
    else the opening of the session to report to; those with neither last), then date.
    Everything a row of the list shows is selected with it: the query count does not grow
    with the rows."""
    if not permissions.can_view_decisions(user):
        return Decision.objects.none()
    filters = filters or DecisionFilters()
    rows = Decision.objects.select_related(
        "agenda_item__session", "document", "report_session")
    if filters.status == "all":
        pass
    elif filters.status:
        rows = rows.filter(status=filters.status)
    else:
        rows = rows.filter(status__in=AWAITING)
    if filters.unit:
        rows = rows.filter(unit=filters.unit)
    if filters.session:
        rows = rows.filter(agenda_item__session_id=filters.session)
    rows = rows.annotate(due=Coalesce("deadline", TruncDate("report_session__opens_at")))
    return rows.order_by(F("due").asc(nulls_last=True), "-date", "id")


def decision_detail(user: AnyUser, pk: int) -> Decision:
    """One decision with what its page shows (DoesNotExist for a reader who may not)."""
    if not permissions.can_view_decisions(user):
        raise Decision.DoesNotExist
    return (Decision.objects.select_related(
        "agenda_item__session__meeting", "document", "report_session", "recorded_by",
        "item_record__sitting").get(pk=pk))


def item_votes(decision: Decision) -> list[Vote]:
    """The published votes on the decision's agenda item, with their results."""
    return list(Vote.objects.filter(agenda_item_id=decision.agenda_item_id,
                                    state=VoteState.PUBLISHED)
                .select_related("result").order_by("published_at", "id"))


def decision_units() -> list[str]:
    return list(Decision.objects.exclude(unit="").order_by("unit")
                .values_list("unit", flat=True).distinct())


def follow_up_history(decision: Decision) -> list[HistoryLine]:
    """The decision's log in words, oldest first: how it was recorded and each change of its
    follow-up, with the values before and after and the note given with it."""
    entries = (ActionLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Decision, for_concrete_model=False),
        object_id=str(decision.pk)).select_related("actor", "content_type")
        .order_by("at", "id"))
    return history_lines(entries)


# ---------------------------------------------------------------------------------------------
# The rules' texts


def rules_text_versions() -> dict[str, list[tuple[date, list[str]]]]:
    """Each instrument's versions loaded, the latest first, with their languages."""
    versions: dict[str, dict[date, list[str]]] = {}
    for instrument, version, language in RulesText.objects.order_by(
            "instrument", "-version_date", "language").values_list(
            "instrument", "version_date", "language"):
        versions.setdefault(instrument, {}).setdefault(version, []).append(language)
    return {instrument: list(by_version.items()) for instrument, by_version in versions.items()}


def rules_text(instrument: str, version: date, language: str) -> RulesText | None:
    """One language of one version, with its provisions in their order."""
    return (RulesText.objects.filter(instrument=instrument, version_date=version,
                                     language=language)
            .select_related("imported_by").prefetch_related("provisions").first())
