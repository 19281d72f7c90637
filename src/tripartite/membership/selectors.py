"""Reads of committee and Governing Body membership; who votes, decided by the rules.

``committee_voters`` and ``governing_body_voters`` are the contract the votes use: they turn
the rows current at a moment into ``tripartite.rules.membership`` values and return its answer,
so pages, the API and the votes cannot disagree.
"""

from collections.abc import Collection, Iterable, Sequence
from datetime import datetime, timedelta
from fractions import Fraction
from typing import NamedTuple, TypedDict

from django.db.models import Q, QuerySet

from tripartite.constituents.models import MemberState
from tripartite.delegations.models import ArrearsStatus, CredentialsSettings
from tripartite.meetings.models import Committee, CommitteeKind, MeetingType, Session
from tripartite.membership.models import (
    CommitteeMembership,
    CommitteeReplacement,
    GoverningBodyMembership,
    GoverningBodyReplacement,
    WeightSnapshot,
)
from tripartite.rules import delegations as delegation_rules
from tripartite.rules import membership as rules

# CTTE-1: the Finance Committee (Governments only) is not weighted; the General Affairs
# Committee is exempt from weighting.
UNWEIGHTED_KINDS = {CommitteeKind.FINANCE, CommitteeKind.GENERAL_AFFAIRS}


def current(at: datetime) -> Q:
    """Rows whose half-open period [valid_from, valid_until) contains ``at``."""
    return Q(valid_from__lte=at) & (Q(valid_until__isnull=True) | Q(valid_until__gt=at))


def default_moment(session: Session, now: datetime) -> datetime:
    """The moment a page shows by default: ``now`` during the session, its opening before it,
    its last minute after it."""
    if now < session.opens_at:
        return session.opens_at
    if now >= session.closes_at:
        return session.closes_at - timedelta(minutes=1)
    return now


def is_weighted(committee: Committee) -> bool:
    return committee.kind not in UNWEIGHTED_KINDS


def arrears_scope(session: Session) -> str:
    settings = CredentialsSettings.objects.filter(session=session).first()
    return settings.arrears_scope if settings else "government"


def _members(session: Session, state_ids: Collection[int],
             at: datetime) -> dict[int, delegation_rules.Member]:
    """Member State id -> its rules value at ``at``: arrears of ``session``, and a restoration of
    the vote counted from the day of the decision (in the session's time zone)."""
    if not state_ids:
        return {}
    day = at.astimezone(session.zone).date()
    statuses = {state: (in_arrears, restored_on) for state, in_arrears, restored_on in
                ArrearsStatus.objects.filter(session=session, member_state_id__in=state_ids)
                .values_list("member_state_id", "in_arrears", "vote_restored_on")}
    codes = dict(MemberState.objects.filter(pk__in=state_ids).values_list("pk", "iso2"))
    members: dict[int, delegation_rules.Member] = {}
    for state_id in state_ids:
        in_arrears, restored_on = statuses.get(state_id, (False, None))
        members[state_id] = delegation_rules.Member(
            code=codes[state_id], in_arrears=in_arrears,
            vote_restored=bool(restored_on and restored_on <= day))
    return members


class Row(NamedTuple):
    """A membership as the rules need it, read as plain values (no model instance)."""

    pk: int
    person_id: int
    group: str
    kind: str
    member_state_id: int | None


# The rows the rules read: plain values, or the memberships themselves (the demo's bulk load
# holds them in memory already).
SeatRow = Row | CommitteeMembership


def _seats(rows: Iterable[SeatRow],
           members: dict[int, delegation_rules.Member]) -> tuple[rules.Seat, ...]:
    return tuple(rules.Seat(id=row.pk, person=row.person_id, group=row.group,
                            kind=rules.Kind(row.kind),
                            member=(members.get(row.member_state_id)
                                    if row.member_state_id is not None else None))
                 for row in rows)


# --- committees -------------------------------------------------------------------------------

def committee_members_at(committee: Committee,
                         at: datetime) -> QuerySet[CommitteeMembership]:
    return (CommitteeMembership.objects.filter(current(at), committee=committee)
            .select_related("person", "member_state"))


def committee_replacements_at(committee: Committee,
                              at: datetime) -> QuerySet[CommitteeReplacement]:
    return CommitteeReplacement.objects.filter(current(at), committee=committee)


def committee_voting(committee: Committee, at: datetime) -> rules.CommitteeVoters:
    """The rules' full answer for ``committee`` at ``at``: voters, weights, findings."""
    rows = [Row(*values) for values in
            CommitteeMembership.objects.filter(current(at), committee=committee)
            .values_list("id", "person_id", "group", "kind", "member_state_id")]
    pairs = list(committee_replacements_at(committee, at).values_list("replaced_id",
                                                                      "deputy_id"))
    session = committee.session
    members = _members(session, {row.member_state_id for row in rows if row.member_state_id},
                       at)
    return committee_voting_of(committee, rows, pairs, members, arrears_scope(session))


def committee_voting_of(committee: Committee, rows: Sequence[SeatRow],
                        pairs: Iterable[tuple[int, int]],
                        members: dict[int, delegation_rules.Member],
                        scope: str) -> rules.CommitteeVoters:
    """The rules' answer for memberships already read: ``rows`` current at the moment,
    ``pairs`` (replaced id, deputy id) of the replacements then, ``members`` state id -> the
    rules' Member (see ``members_at``)."""
    ids = {row.pk for row in rows}
    replacements = tuple(rules.Replacement(replaced=replaced, deputy=deputy)
                         for replaced, deputy in pairs if replaced in ids and deputy in ids)
    return rules.committee_voters(_seats(rows, members), replacements,
                                  arrears_scope=scope, weighted=is_weighted(committee))


def members_at(session: Session, state_ids: Collection[int],
               at: datetime) -> dict[int, delegation_rules.Member]:
    return _members(session, state_ids, at)


def committee_voters(committee: Committee, at: datetime) -> dict[int, tuple[str, Fraction]]:
    """Person id -> (group, votes held) of every member of ``committee`` entitled to vote at
    ``at``, weighted by CTTE-1 (deputies only in place of a regular member, CTTE-2; no vote for
    a State in arrears, CON-6)."""
    return committee_voting(committee, at).voters


def committee_history(committee: Committee) -> QuerySet[CommitteeMembership]:
    """Every membership row of ``committee``, oldest first: the history of its changes."""
    return (CommitteeMembership.objects.filter(committee=committee)
            .select_related("person", "member_state")
            .order_by("valid_from", "id"))


class Change(TypedDict):
    """A dated change of a committee: ``membership`` starts (joined) or ends (not joined)."""

    at: datetime
    joined: bool
    membership: CommitteeMembership


def committee_changes(committee: Committee) -> list[Change]:
    """The dated changes (a member joins, a member leaves), most recent first."""
    changes: list[Change] = []
    for row in committee_history(committee):
        changes.append({"at": row.valid_from, "joined": True, "membership": row})
        if row.valid_until is not None:
            changes.append({"at": row.valid_until, "joined": False, "membership": row})
    changes.sort(key=lambda change: (change["at"], change["joined"]), reverse=True)
    return changes


def weight_snapshots(committee: Committee) -> QuerySet[WeightSnapshot]:
    return (WeightSnapshot.objects.filter(committee=committee).select_related("published_by")
            .order_by("-effective_at", "-id"))


def weights_at(committee: Committee, at: datetime) -> WeightSnapshot | None:
    """The weights published for ``committee`` in force at ``at``: the latest snapshot whose
    effective moment is not after ``at`` (the last published when two share a moment)."""
    return (WeightSnapshot.objects.filter(committee=committee, effective_at__lte=at)
            .order_by("-effective_at", "-id").first())


def last_change_at(committee: Committee) -> datetime | None:
    """The moment of the committee's latest recorded change, or None."""
    moments = [value for value in (
        CommitteeMembership.objects.filter(committee=committee).order_by("-valid_from")
        .values_list("valid_from", flat=True).first(),
        CommitteeMembership.objects.filter(committee=committee, valid_until__isnull=False)
        .order_by("-valid_until").values_list("valid_until", flat=True).first(),
        CommitteeReplacement.objects.filter(committee=committee).order_by("-valid_from")
        .values_list("valid_from", flat=True).first(),
        CommitteeReplacement.objects.filter(committee=committee, valid_until__isnull=False)
        .order_by("-valid_until").values_list("valid_until", flat=True).first(),
    ) if value is not None]
    return max(moments, default=None)


# --- the Governing Body ------------------------------------------------------------------------

def gb_members_at(session: Session, at: datetime) -> QuerySet[GoverningBodyMembership]:
    """The Governing Body memberships of ``session``'s meeting whose term covers ``at``
    (a day of the session's time zone)."""
    day = at.astimezone(session.zone).date()
    return (GoverningBodyMembership.objects
            .filter(meeting_id=session.meeting_id, term_from__lte=day)
            .filter(Q(term_until__isnull=True) | Q(term_until__gt=day))
            .select_related("person", "member_state"))


def gb_replacements_at(session: Session,
                       at: datetime) -> QuerySet[GoverningBodyReplacement]:
    return GoverningBodyReplacement.objects.filter(current(at), session=session)


def gb_voting(session: Session, at: datetime) -> rules.Voters:
    """The rules' full answer for the Governing Body at ``at``: voters, and why others not."""
    day = at.astimezone(session.zone).date()
    rows = [Row(*values) for values in
            GoverningBodyMembership.objects
            .filter(meeting_id=session.meeting_id, term_from__lte=day)
            .filter(Q(term_until__isnull=True) | Q(term_until__gt=day))
            .values_list("id", "person_id", "group", "seat", "member_state_id")]
    ids = {row.pk for row in rows}
    replacements = tuple(
        rules.Replacement(replaced=titular, deputy=deputy)
        for titular, deputy in gb_replacements_at(session, at).values_list("titular_id",
                                                                          "deputy_id")
        if titular in ids and deputy in ids)
    members = _members(session, {row.member_state_id for row in rows if row.member_state_id},
                       at)
    return rules.governing_body_voters(_seats(rows, members), replacements,
                                       arrears_scope=arrears_scope(session))


def governing_body_voters(session: Session, at: datetime) -> dict[int, str]:
    """Person id -> group of the Governing Body members entitled to vote at ``at``: titular
    members, a deputy in place of a titular member replaced at that moment, nobody for a State
    in arrears at ``session`` (its Government members; CON-6, GB-4)."""
    return gb_voting(session, at).groups


def gb_replacements(session: Session) -> QuerySet[GoverningBodyReplacement]:
    return (GoverningBodyReplacement.objects.filter(session=session)
            .select_related("titular__person", "titular__member_state", "deputy__person",
                            "deputy__member_state", "recorded_by")
            .order_by("valid_from", "id"))


def gb_sessions() -> QuerySet[Session]:
    return (Session.objects.filter(meeting__type=MeetingType.GB).select_related("meeting")
            .order_by("-opens_at"))
