"""Committee and Governing Body membership in the JSON API.

The same predicates as the pages decide who may read (``can_view_membership``) and write
(``can_manage_membership``, checked before the body's references are looked up); every write
goes through ``membership.services``; who votes and with how many votes comes from
``membership.selectors``, the functions the pages and the votes use. Votes are exact fractions
written as text: "2", or "3/2" were one ever not whole.
"""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from tripartite.common.api import Id, InputSchema, Moment, plain, unknown_reference
from tripartite.common.models import Group
from tripartite.common.text import current_language
from tripartite.constituents.api import member_state_from
from tripartite.constituents.models import Person
from tripartite.delegations.models import Nomination
from tripartite.meetings.models import Committee, MeetingType, Session
from tripartite.membership import permissions, selectors, services
from tripartite.membership.models import (
    CommitteeMembership,
    CommitteeSeat,
    GoverningBodyMembership,
    WeightSnapshot,
)

router = Router()
GROUPS = ("government", "employers", "workers")


def _require_reader(user):
    if not permissions.can_view_membership(user):
        raise PermissionDenied


def _require_writer(user):
    if not permissions.can_manage_membership(user):
        raise PermissionDenied


def _committee(pk: int) -> Committee:
    return get_object_or_404(Committee.objects.select_related("session"), pk=pk)


def _moment(at, session):
    return at if at is not None else selectors.default_moment(session, timezone.now())


# --- answers -------------------------------------------------------------------------------

class FindingOut(Schema):
    rule: str
    provision: str
    severity: str
    message: str = Field(description="In the language of the request.")


class CommitteeMembershipOut(Schema):
    id: int
    committee: int
    person: int
    name: str
    group: str
    kind: str = Field(description="regular or deputy (Government members only).")
    member_state: str | None = Field(description="ISO 3166-1 alpha-2 code.")
    nomination: int | None
    valid_from: datetime = Field(description="Included.")
    valid_until: datetime | None = Field(description="Excluded; null while still a member.")


class GroupNumbersOut(Schema):
    government: str
    employers: str
    workers: str


class GroupCountsOut(Schema):
    government: int
    employers: int
    workers: int


class VoterOut(Schema):
    person: int
    group: str
    votes: str = Field(description="Exact, as text: \"2\" or \"3/2\".")
    in_place_of: int | None = Field(description="The regular member's person id, for a deputy "
                                                "voting in their place (CTTE-2).")


class SnapshotOut(Schema):
    id: int
    effective_at: datetime
    published_at: datetime
    reason: str
    subject: str
    weighted: bool
    counts: GroupCountsOut
    votes: GroupNumbersOut = Field(description="Votes each member of the group holds.")
    totals: GroupNumbersOut


class WeightsOut(Schema):
    committee: int
    at: datetime
    weighted: bool = Field(description="False for the Finance and General Affairs "
                                       "Committees: one vote each.")
    counts: GroupCountsOut = Field(description="Members entitled to vote in each group.")
    votes: GroupNumbersOut = Field(description="Votes each member of the group holds, by the "
                                               "rules now (CTTE-1).")
    totals: GroupNumbersOut
    voters: list[VoterOut]
    findings: list[FindingOut]
    published: SnapshotOut | None = Field(description="The weights published and in force at "
                                                      "that moment.")
    published_matches: bool = Field(description="Whether the published weights are what the "
                                                "rules give now (false e.g. after a change of "
                                                "arrears: publish again).")


class GoverningBodyMemberOut(Schema):
    id: int
    person: int
    name: str
    group: str
    seat: str = Field(description="titular or deputy.")
    member_state: str | None
    term_from: date
    term_until: date | None = Field(description="Excluded; null while the term runs.")
    votes: bool = Field(description="Entitled to vote at that moment.")
    without_vote: str | None = Field(description="Why not: deputy, replaced or arrears.")
    in_place_of: int | None = Field(description="For a deputy voting: the titular member's "
                                                "person id.")


class GoverningBodyReplacementOut(Schema):
    id: int
    session: int
    titular: int = Field(description="Id of the titular membership.")
    deputy: int = Field(description="Id of the deputy membership.")
    valid_from: datetime
    valid_until: datetime | None
    recorded_by: str | None


def _membership(m: CommitteeMembership) -> dict:
    return {"id": m.pk, "committee": m.committee_id, "person": m.person_id,
            "name": m.person.name, "group": m.group, "kind": m.kind,
            "member_state": m.member_state.iso2 if m.member_state else None,
            "nomination": m.nomination_id, "valid_from": m.valid_from,
            "valid_until": m.valid_until}


def _snapshot(s: WeightSnapshot) -> dict:
    return {"id": s.pk, "effective_at": s.effective_at, "published_at": s.published_at,
            "reason": s.reason, "subject": s.subject, "weighted": s.weighted,
            "counts": {g: getattr(s, g) for g in GROUPS},
            "votes": {g: getattr(s, f"{g}_votes") for g in GROUPS},
            "totals": {g: getattr(s, f"{g}_total") for g in GROUPS}}


# --- committees ----------------------------------------------------------------------------

@router.get("/committees/{id}/memberships", response=list[CommitteeMembershipOut],
            operation_id="committee_membership_list", summary="A committee's memberships")
def committee_membership_list(request, id: int, at: Moment | None = None):
    """Every membership row of the committee, oldest first: its whole history. With ``at``,
    only the members at that moment (``valid_from`` included, ``valid_until`` excluded)."""
    _require_reader(request.user)
    committee = _committee(id)
    rows = (selectors.committee_members_at(committee, at).order_by("valid_from", "id")
            if at is not None else selectors.committee_history(committee))
    return [_membership(row) for row in rows]


class CommitteeMembershipIn(InputSchema):
    person: Id | None = Field(None, description="Id of the person; or give nomination.")
    nomination: Id | None = Field(None, description="Id of the person's nomination in their "
                                                     "delegation to the session: gives the "
                                                     "person, group and member State.")
    group: Group | None = Field(None, description="Needed without a nomination.")
    kind: CommitteeSeat = CommitteeSeat.REGULAR
    member_state: str | None = Field(None, description="ISO code; needed for a Government "
                                                       "member without a nomination.")
    at: Moment = Field(description="When the person becomes a member.")


@router.post("/committees/{id}/memberships", response={201: CommitteeMembershipOut},
             operation_id="committee_membership_add", summary="Add a member to a committee")
def committee_membership_add(request, id: Id, payload: CommitteeMembershipIn):
    """The person joins at ``at``; the weights are recomputed and published (CTTE-1)."""
    _require_writer(request.user)
    committee = _committee(id)
    nomination = person = None
    if payload.nomination is not None:
        nomination = (Nomination.objects.select_related("delegation__member_state", "person")
                      .filter(pk=payload.nomination).first())
        if nomination is None:
            raise unknown_reference(("body", "nomination"), _(
                "No nomination has the id %(id)s.") % {"id": payload.nomination})
        person = nomination.person
    if payload.person is not None:
        person = Person.objects.filter(pk=payload.person).first()
        if person is None:
            raise unknown_reference(("body", "person"), _("No person has the id %(id)s.")
                                    % {"id": payload.person})
    if person is None:
        raise unknown_reference(("body", "person"), _("Give the person or their nomination."))
    group = plain(payload.group) if payload.group is not None else (
        nomination.group if nomination else None)
    if group is None:
        raise unknown_reference(("body", "group"), _("Give the member's group."))
    member_state = (member_state_from(payload.member_state, location=("body", "member_state"))
                    if payload.member_state else None)
    membership = services.committee_member_add(
        actor=request.user, committee=committee, person=person, group=group,
        kind=plain(payload.kind), member_state=member_state, nomination=nomination,
        at=payload.at)
    return Status(201, _membership(membership))


class EndIn(InputSchema):
    at: Moment = Field(description="When the membership ends (excluded).")


@router.post("/committee-memberships/{id}/end", response=CommitteeMembershipOut,
             operation_id="committee_membership_end", summary="A member leaves a committee")
def committee_membership_end(request, id: Id, payload: EndIn):
    """Closes the membership at ``at`` (and any replacement it is part of); the weights are
    recomputed and published."""
    _require_writer(request.user)
    membership = get_object_or_404(CommitteeMembership.objects.select_related("committee"),
                                   pk=id)
    services.committee_member_remove(actor=request.user, membership=membership, at=payload.at)
    membership = CommitteeMembership.objects.select_related("person", "member_state").get(
        pk=membership.pk)
    return _membership(membership)


@router.get("/committees/{id}/weights", response=WeightsOut, operation_id="committee_weights",
            summary="A committee's weights at a moment")
def committee_weights(request, id: int, at: Moment | None = None):
    """Who votes at ``at`` (by default now, kept within the session) and with how many votes,
    by the rules (CTTE-1, CTTE-2, CON-6); and the weights published and in force then."""
    _require_reader(request.user)
    committee = _committee(id)
    at = _moment(at, committee.session)
    voting = selectors.committee_voting(committee, at)
    counts = dict.fromkeys(GROUPS, 0)
    for group, _weight in voting.voters.values():
        counts[group] += 1
    each = voting.weights.votes() if voting.weighted else dict.fromkeys(GROUPS, 1)
    instead = {deputy: replaced for replaced, deputy in voting.replaced.items()}
    published = selectors.weights_at(committee, at)
    voters = {str(person): [group, str(weight)]
              for person, (group, weight) in voting.voters.items()}
    return {
        "committee": committee.pk, "at": at, "weighted": voting.weighted, "counts": counts,
        "votes": {g: str(each[g]) if counts[g] else "0" for g in GROUPS},
        "totals": {g: str(total) for g, total in voting.totals().items()},
        "voters": [{"person": person, "group": group, "votes": str(weight),
                    "in_place_of": instead.get(person)}
                   for person, (group, weight) in sorted(voting.voters.items())],
        "findings": [f.as_dict(current_language()) for f in voting.findings],
        "published": _snapshot(published) if published else None,
        "published_matches": published is not None and published.voters == voters,
    }


@router.get("/committees/{id}/weight-snapshots", response=list[SnapshotOut],
            operation_id="committee_weight_snapshots", summary="A committee's published weights")
def committee_weight_snapshots(request, id: Id):
    """Every publication of the committee's weights, most recent effective moment first."""
    _require_reader(request.user)
    return [_snapshot(s) for s in selectors.weight_snapshots(_committee(id))]


# --- the Governing Body --------------------------------------------------------------------

def _gb_session(pk: int) -> Session:
    session = get_object_or_404(Session.objects.select_related("meeting"), pk=pk)
    if session.meeting.type != MeetingType.GB:
        raise unknown_reference(("path", "id"), _("This session is not a session of the "
                                                  "Governing Body."))
    return session


@router.get("/sessions/{id}/governing-body-members", response=list[GoverningBodyMemberOut],
            operation_id="gb_member_list", summary="The Governing Body's members at a session")
def gb_member_list(request, id: int, at: Moment | None = None):
    """Titular and deputy members whose term covers ``at`` (by default now, kept within the
    session), each with whether they vote then: titular members, a deputy replacing one, no
    vote for a State in arrears (GB-1, GB-4, CON-6)."""
    _require_reader(request.user)
    session = _gb_session(id)
    at = _moment(at, session)
    voting = selectors.gb_voting(session, at)
    instead = {deputy: replaced for replaced, deputy in voting.replaced.items()}
    members: list[GoverningBodyMembership] = list(selectors.gb_members_at(session, at))
    return [{"id": m.pk, "person": m.person_id, "name": m.person.name, "group": m.group,
             "seat": m.seat, "member_state": m.member_state.iso2 if m.member_state else None,
             "term_from": m.term_from, "term_until": m.term_until,
             "votes": m.person_id in voting.groups,
             "without_vote": voting.without_vote.get(m.person_id),
             "in_place_of": instead.get(m.person_id)}
            for m in members]


class GoverningBodyReplacementIn(InputSchema):
    titular: Id = Field(description="Id of the titular membership replaced.")
    deputy: Id = Field(description="Id of the deputy membership voting instead.")
    valid_from: Moment
    valid_until: Moment | None = None


@router.post("/sessions/{id}/governing-body-replacements",
             response={201: GoverningBodyReplacementOut}, operation_id="gb_replacement_add",
             summary="A deputy replaces a titular member of the Governing Body")
def gb_replacement_add(request, id: Id, payload: GoverningBodyReplacementIn):
    _require_writer(request.user)
    session = _gb_session(id)
    found = {}
    for name in ("titular", "deputy"):
        pk = getattr(payload, name)
        found[name] = GoverningBodyMembership.objects.filter(pk=pk).first()
        if found[name] is None:
            raise unknown_reference(("body", name), _("No Governing Body membership has the "
                                                      "id %(id)s.") % {"id": pk})
    replacement = services.gb_replacement_record(
        actor=request.user, session=session, titular=found["titular"],
        deputy=found["deputy"], valid_from=payload.valid_from, valid_until=payload.valid_until)
    return Status(201, {"id": replacement.pk, "session": session.pk,
                        "titular": replacement.titular_id, "deputy": replacement.deputy_id,
                        "valid_from": replacement.valid_from,
                        "valid_until": replacement.valid_until,
                        "recorded_by": str(replacement.recorded_by)
                        if replacement.recorded_by else None})
