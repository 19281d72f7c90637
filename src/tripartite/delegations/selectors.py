"""Reads of delegations, with the joins that lists and evaluations need."""

from django.db.models import Count, Prefetch, Q

from tripartite.accounts import permissions
from tripartite.delegations.models import (
    ArrearsStatus,
    CredentialsSettings,
    Delegation,
    Nomination,
)
from tripartite.meetings.models import AgendaItem

ACTIVE = Q(withdrawn_in_amendment__isnull=True)


def nominations_queryset():
    return (Nomination.objects.filter(ACTIVE)
            .select_related("person", "organisation", "adviser_to__person")
            .prefetch_related("agenda_items"))


def delegations_for_evaluation(session):
    """Every delegation of ``session`` with all the evaluation needs, in a fixed few queries."""
    return (Delegation.objects.filter(session=session)
            .select_related("member_state", "session")
            .prefetch_related(
                Prefetch("nominations", queryset=nominations_queryset()),
                Prefetch("session__agenda_items",
                         queryset=AgendaItem.objects.order_by("position", "id")))
            .order_by("member_state__name_en"))


def delegations_visible_to(user, session):
    delegations = delegations_for_evaluation(session)
    visible = permissions.visible_member_state_ids(user)
    if visible is not None:
        delegations = delegations.filter(member_state_id__in=visible)
    return delegations.annotate(
        nomination_count=Count("nominations", distinct=True,
                               filter=Q(nominations__withdrawn_in_amendment=None)),
        open_queries=Count("queries", distinct=True,
                           filter=Q(queries__answered_at__isnull=True)))


def arrears_by_state(session) -> dict[int, ArrearsStatus]:
    return {a.member_state_id: a for a in ArrearsStatus.objects.filter(session=session)}


def credentials_settings(session) -> CredentialsSettings | None:
    return CredentialsSettings.objects.filter(session=session).first()
