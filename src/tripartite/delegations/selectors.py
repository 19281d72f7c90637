"""Reads of delegations, with the joins that lists and evaluations need."""

from collections import defaultdict

from django.db.models import Count, Prefetch, Q, QuerySet

from tripartite.accounts.models import User
from tripartite.constituents import permissions
from tripartite.delegations.evaluation import evaluate
from tripartite.delegations.models import (
    ArrearsStatus,
    CredentialsSettings,
    Delegation,
    DelegationStatus,
    Nomination,
)
from tripartite.meetings.models import AgendaItem, Session

ACTIVE = Q(withdrawn_in_amendment__isnull=True)


def nominations_queryset() -> QuerySet[Nomination]:
    return (Nomination.objects.filter(ACTIVE)
            .select_related("person", "organisation", "adviser_to__person")
            .prefetch_related("agenda_items"))


def delegations_for_evaluation(session: Session) -> QuerySet[Delegation]:
    """Every delegation of ``session`` with all the evaluation needs, in a fixed few queries."""
    return (Delegation.objects.filter(session=session)
            .select_related("member_state", "session")
            .prefetch_related(
                Prefetch("nominations", queryset=nominations_queryset()),
                Prefetch("session__agenda_items",
                         queryset=AgendaItem.objects.order_by("position", "id")))
            .order_by("member_state__name_en"))


def session_delegations_for_evaluation(session: Session) -> list[Delegation]:
    """Every delegation of ``session``, ready to evaluate, in five queries whatever their number.

    Lighter than ``delegations_for_evaluation`` for thousands of nominations: only the
    person is joined, and each nomination's agenda items arrive as plain ids
    (``agenda_item_ids``) read from the link table in one query, instead of one
    AgendaItem instance per link.
    """
    nominations = (Nomination.objects.filter(ACTIVE).select_related("person")
                   .only("id", "delegation", "group", "role", "adviser_to", "admitted",
                         "represents", "withdrawn_in_amendment", "person__gender"))
    delegations = list(
        Delegation.objects.filter(session=session)
        .select_related("member_state", "session")
        .prefetch_related(Prefetch("nominations", queryset=nominations),
                          Prefetch("session__agenda_items",
                                   queryset=AgendaItem.objects.order_by("position", "id")))
        .order_by("member_state__name_en"))
    links: defaultdict[int, list[int]] = defaultdict(list)
    for nomination_id, item_id in Nomination.agenda_items.through.objects.filter(
            nomination__delegation__session=session).values_list("nomination_id",
                                                                  "agendaitem_id"):
        links[nomination_id].append(item_id)
    for delegation in delegations:
        for nomination in delegation.nominations.all():
            # Read by evaluation.person_facts in place of the prefetched agenda items.
            nomination.agenda_item_ids = links.get(nomination.pk, [])  # type: ignore[attr-defined]
    return delegations


def delegations_visible_to(user: User, session: Session) -> QuerySet[Delegation]:
    delegations = delegations_for_evaluation(session)
    visible = permissions.visible_member_state_ids(user)
    if visible is not None:
        delegations = delegations.filter(member_state_id__in=visible)
    return delegations.annotate(
        nomination_count=Count("nominations", distinct=True,
                               filter=Q(nominations__withdrawn_in_amendment=None)),
        open_queries=Count("queries", distinct=True,
                           filter=Q(queries__answered_at__isnull=True)))


def arrears_by_state(session: Session) -> dict[int, ArrearsStatus]:
    return {a.member_state_id: a for a in ArrearsStatus.objects.filter(session=session)}


def credentials_settings(session: Session) -> CredentialsSettings | None:
    return CredentialsSettings.objects.filter(session=session).first()


def session_voters(session: Session) -> dict[int, str]:
    """Nomination id -> group of every delegate entitled to vote at ``session``.

    Only delegations whose credentials reached the Office count; within them the rules
    decide (arrears, incomplete delegations, refused admission), as everywhere else.
    """
    arrears = arrears_by_state(session)
    settings = credentials_settings(session)
    voters: dict[int, str] = {}
    for delegation in session_delegations_for_evaluation(session):
        if delegation.status == DelegationStatus.NOT_RECEIVED:
            continue
        verdict = evaluate(delegation, arrears=arrears.get(delegation.member_state_id),
                           settings=settings)
        groups = {nomination.pk: nomination.group for nomination in delegation.nominations.all()}
        voting = set(verdict.voters)
        voters.update({pk: groups[pk] for pk in sorted(groups.keys() & voting)})
    return voters
