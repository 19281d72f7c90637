"""Every write to committee and Governing Body membership, logged in the action log.

A change never edits a past period: it closes the current row at a moment and opens a new one
from that same moment. After each change of a committee its weights are recomputed by the
rules (CTTE-1) and published as a dated ``WeightSnapshot``. Changes are recorded in the order
they happen: none may be dated before the committee's latest recorded change, so that the
published weights stay a true history.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tripartite.accounts.models import User
from tripartite.common.models import Group
from tripartite.common.services import (
    PermissionDeniedError,
    ServiceError,
    create_logged,
    log_action,
    update_logged,
)
from tripartite.constituents.models import MemberState, Person
from tripartite.delegations.models import Nomination
from tripartite.meetings.models import Committee, Meeting, MeetingType, Session
from tripartite.membership import permissions, selectors
from tripartite.membership.models import (
    CommitteeMembership,
    CommitteeReplacement,
    CommitteeSeat,
    GoverningBodyMembership,
    GoverningBodyReplacement,
    GoverningBodySeat,
    SnapshotReason,
    WeightSnapshot,
)
from tripartite.rules.membership import CommitteeVoters, periods_overlap


def _require_writer(actor: User) -> None:
    if not permissions.can_manage_membership(actor):
        raise PermissionDeniedError


def _moment(value: dt.datetime) -> str:
    return date_format(timezone.localtime(value), "DATETIME_FORMAT")


def _lock_committee(committee: Committee) -> Committee:
    """Serialise the changes of one committee (and their snapshots) on its row."""
    return Committee.objects.select_for_update().select_related("session").get(pk=committee.pk)


def _check_in_order(committee: Committee, at: dt.datetime, field: str = "at") -> None:
    last = selectors.last_change_at(committee)
    if last is not None and at < last:
        raise ServiceError(
            _("Changes are recorded in the order they happen: this one cannot be dated before "
              "the committee's latest change, on %(moment)s.") % {"moment": _moment(last)},
            field=field, code="out_of_order")


# --- weights ---------------------------------------------------------------------------------

GROUPS = ("government", "employers", "workers")


def snapshot_build(*, committee: Committee, at: dt.datetime, reason: str,
                   subject: Person | str = "", actor: User | None = None,
                   result: CommitteeVoters | None = None) -> WeightSnapshot:
    """The weights of ``committee`` at ``at`` by the rules, as an unsaved snapshot (``result``:
    the rules' answer when the caller already has it, e.g. the demo's bulk load)."""
    if result is None:
        result = selectors.committee_voting(committee, at)
    counts = dict.fromkeys(GROUPS, 0)
    for group, _weight in result.voters.values():
        counts[group] += 1
    per_member = result.weights.votes() if result.weighted else dict.fromkeys(GROUPS, 1)
    each = {group: str(per_member[group]) if counts[group] else "0" for group in GROUPS}
    totals = {group: str(total) for group, total in result.totals().items()}
    snapshot = WeightSnapshot(
        committee=committee, effective_at=at, weighted=result.weighted,
        government=counts["government"], employers=counts["employers"],
        workers=counts["workers"],
        government_votes=each["government"], employers_votes=each["employers"],
        workers_votes=each["workers"],
        government_total=totals["government"], employers_total=totals["employers"],
        workers_total=totals["workers"],
        voters={str(person): [group, str(weight)]
                for person, (group, weight) in sorted(result.voters.items())},
        findings=[finding.as_dict("en") | {"message": finding.message}
                  for finding in result.findings],
        reason=reason, subject=str(subject)[:300],
        published_by=actor if getattr(actor, "is_authenticated", False) else None)
    return snapshot


def _publish(*, actor: User, committee: Committee, at: dt.datetime, reason: str,
             subject: Person | str = "") -> WeightSnapshot:
    snapshot = snapshot_build(committee=committee, at=at, reason=reason, subject=subject,
                              actor=actor)
    counts = {group: getattr(snapshot, group) for group in GROUPS}
    totals = {group: getattr(snapshot, f"{group}_total") for group in GROUPS}
    snapshot.full_clean()
    snapshot.save()
    log_action(actor=actor, action="membership.weights.published", obj=committee,
               data={"snapshot": snapshot.pk, "effective_at": at.isoformat(), "reason": reason,
                     "counts": counts, "votes": {g: getattr(snapshot, f"{g}_votes")
                                                 for g in counts},
                     "totals": totals})
    return snapshot


@transaction.atomic
def weights_publish(*, actor: User, committee: Committee,
                    at: dt.datetime | None = None) -> WeightSnapshot:
    """Recompute the weights at ``at`` (now by default) and publish them again, e.g. after a
    State's arrears changed."""
    _require_writer(actor)
    committee = _lock_committee(committee)
    at = at or timezone.now()
    return _publish(actor=actor, committee=committee, at=at,
                    reason=SnapshotReason.REPUBLISHED)


# --- committee members -----------------------------------------------------------------------

def _check_member(committee: Committee, *, person: Person, group: str, kind: str,
                  member_state: MemberState | None,
                  nomination: Nomination | None) -> MemberState | None:
    if group not in Group.values:
        raise ServiceError(_("Choose the Government, Employers' or Workers' group."),
                           field="group")
    if kind not in CommitteeSeat.values:
        raise ServiceError(_("Choose a regular or a deputy seat."), field="kind")
    if kind == CommitteeSeat.DEPUTY and group != Group.GOVERNMENT:
        raise ServiceError(_("Only Government members can be deputy members of a committee; "
                             "Employer and Worker members are all regular members."),
                           field="kind", code="deputy_not_government")
    if nomination is not None:
        if nomination.delegation.session_id != committee.session_id:
            raise ServiceError(_("This nomination is to another session."), field="nomination")
        if nomination.person_id != person.pk:
            raise ServiceError(_("This nomination is another person's."), field="nomination")
        if nomination.withdrawn_in_amendment is not None:
            raise ServiceError(_("This nomination was withdrawn from the delegation."),
                               field="nomination")
        if nomination.group != group:
            raise ServiceError(
                _("%(name)s is nominated in the %(nominated)s group, not the %(chosen)s group.")
                % {"name": person, "nominated": nomination.get_group_display(),
                   "chosen": Group(group).label}, field="group", code="group_mismatch")
        state = nomination.delegation.member_state
        if member_state is not None and member_state.pk != state.pk:
            raise ServiceError(_("%(name)s is in the delegation of %(state)s.")
                               % {"name": person, "state": state}, field="member_state")
        member_state = state
    if group == Group.GOVERNMENT and member_state is None:
        raise ServiceError(_("A Government member represents a member State: choose it."),
                           field="member_state")
    return member_state


@transaction.atomic
def committee_member_add(*, actor: User, committee: Committee, person: Person, group: str,
                         at: dt.datetime, kind: str = CommitteeSeat.REGULAR,
                         member_state: MemberState | None = None,
                         nomination: Nomination | None = None) -> CommitteeMembership:
    """``person`` joins ``committee`` at ``at``; the weights are recomputed and published."""
    _require_writer(actor)
    committee = _lock_committee(committee)
    member_state = _check_member(committee, person=person, group=group, kind=kind,
                                 member_state=member_state, nomination=nomination)
    clash = (CommitteeMembership.objects.filter(committee=committee, person=person)
             .exclude(valid_until__lte=at).first())
    if clash is not None:
        raise ServiceError(
            _("%(name)s is already a member of this committee (since %(moment)s).")
            % {"name": person, "moment": _moment(clash.valid_from)},
            field="person", code="already_member")
    _check_in_order(committee, at)
    membership = create_logged(
        CommitteeMembership(committee=committee, person=person, group=group, kind=kind,
                            member_state=member_state, nomination=nomination, valid_from=at),
        actor=actor, action="membership.committee_member.added")
    _publish(actor=actor, committee=committee, at=at, reason=SnapshotReason.ADDED,
             subject=person)
    return membership


def _lock_open(membership: CommitteeMembership) -> CommitteeMembership:
    fresh = (CommitteeMembership.objects.select_for_update().select_related("person")
             .get(pk=membership.pk))
    if fresh.valid_until is not None:
        raise ServiceError(_("%(name)s already left this committee on %(moment)s.")
                           % {"name": fresh.person, "moment": _moment(fresh.valid_until)},
                           code="already_ended")
    return fresh


def _close(membership: CommitteeMembership, *, actor: User, at: dt.datetime,
           action: str) -> None:
    if at <= membership.valid_from:
        raise ServiceError(_("A membership must end after it starts (%(moment)s).")
                           % {"moment": _moment(membership.valid_from)}, field="at",
                           code="ends_before_start")
    running = CommitteeReplacement.objects.filter(
        _running_at(at), Q(replaced=membership) | Q(deputy=membership),
        committee_id=membership.committee_id)
    for replacement in running:
        if replacement.valid_from >= at:
            raise ServiceError(_("End the replacement that starts at that moment first."),
                               field="at", code="replacement_starts_then")
        update_logged(replacement, changes={"valid_until": at}, fields=("valid_until",),
                      actor=actor, action="membership.committee_replacement.ended")
    update_logged(membership, changes={"valid_until": at}, fields=("valid_until",),
                  actor=actor, action=action)


def _running_at(at: dt.datetime) -> Q:
    """Replacements still running at ``at`` (no end, or an end after it)."""
    return Q(valid_until__isnull=True) | Q(valid_until__gt=at)


@transaction.atomic
def committee_member_remove(*, actor: User, membership: CommitteeMembership,
                            at: dt.datetime) -> CommitteeMembership:
    """The member leaves at ``at`` (their row is closed; any replacement they are part of ends
    with it); the weights are recomputed and published."""
    _require_writer(actor)
    committee = _lock_committee(membership.committee)
    membership = _lock_open(membership)
    _check_in_order(committee, at)
    _close(membership, actor=actor, at=at, action="membership.committee_member.removed")
    _publish(actor=actor, committee=committee, at=at, reason=SnapshotReason.REMOVED,
             subject=membership.person)
    return membership


@transaction.atomic
def committee_member_change_seat(*, actor: User, membership: CommitteeMembership,
                                 at: dt.datetime, kind: str) -> CommitteeMembership:
    """A Government member moves between the regular and deputy seats at ``at``: the row is
    closed and a new one opened, so that history keeps both."""
    _require_writer(actor)
    committee = _lock_committee(membership.committee)
    membership = _lock_open(membership)
    if kind == membership.kind:
        raise ServiceError(_("%(name)s already holds this seat.") % {"name": membership.person},
                           field="kind", code="same_seat")
    _check_member(committee, person=membership.person, group=membership.group, kind=kind,
                  member_state=membership.member_state, nomination=None)
    _check_in_order(committee, at)
    _close(membership, actor=actor, at=at, action="membership.committee_member.seat_closed")
    successor = create_logged(
        CommitteeMembership(committee=committee, person=membership.person,
                            group=membership.group, kind=kind,
                            member_state=membership.member_state,
                            nomination=membership.nomination, valid_from=at),
        actor=actor, action="membership.committee_member.seat_opened")
    _publish(actor=actor, committee=committee, at=at, reason=SnapshotReason.CHANGED,
             subject=membership.person)
    return successor


@transaction.atomic
def committee_replacement_record(*, actor: User, replaced: CommitteeMembership,
                                 deputy: CommitteeMembership,
                                 at: dt.datetime) -> CommitteeReplacement:
    """CTTE-2: from ``at``, ``deputy`` (a deputy Government member) votes in place of
    ``replaced`` (a regular Government member), who asked for it in writing."""
    _require_writer(actor)
    committee = _lock_committee(replaced.committee)
    if deputy.committee_id != committee.pk:
        raise ServiceError(_("The deputy member sits in another committee."), field="deputy")
    if replaced.kind != CommitteeSeat.REGULAR:
        raise ServiceError(_("Only a regular member can be replaced."), field="replaced")
    if deputy.kind != CommitteeSeat.DEPUTY:
        raise ServiceError(_("Only a deputy member can replace a regular member."),
                           field="deputy")
    if replaced.group != deputy.group:
        raise ServiceError(_("A deputy member replaces a member of their own group."),
                           field="deputy", code="other_group")
    for member, field in ((replaced, "replaced"), (deputy, "deputy")):
        if not (member.valid_from <= at and (member.valid_until is None
                                             or at < member.valid_until)):
            raise ServiceError(_("%(name)s is not a member of the committee at that moment.")
                               % {"name": member.person}, field=field, code="not_member")
    running = CommitteeReplacement.objects.filter(_running_at(at), committee=committee)
    if running.filter(replaced=replaced).exists():
        raise ServiceError(_("%(name)s is already replaced.") % {"name": replaced.person},
                           field="replaced", code="already_replaced")
    if running.filter(deputy=deputy).exists():
        raise ServiceError(_("%(name)s already replaces another member.")
                           % {"name": deputy.person}, field="deputy", code="already_replacing")
    _check_in_order(committee, at)
    replacement = create_logged(
        CommitteeReplacement(committee=committee, replaced=replaced, deputy=deputy,
                             valid_from=at, recorded_by=actor),
        actor=actor, action="membership.committee_replacement.recorded")
    _publish(actor=actor, committee=committee, at=at, reason=SnapshotReason.REPLACED,
             subject=deputy.person)
    return replacement


@transaction.atomic
def committee_replacement_end(*, actor: User, replacement: CommitteeReplacement,
                              at: dt.datetime) -> CommitteeReplacement:
    _require_writer(actor)
    committee = _lock_committee(replacement.committee)
    replacement = CommitteeReplacement.objects.select_for_update().select_related(
        "deputy__person").get(pk=replacement.pk)
    if replacement.valid_until is not None:
        raise ServiceError(_("This replacement has already ended."), code="already_ended")
    if at <= replacement.valid_from:
        raise ServiceError(_("A replacement must end after it starts."), field="at",
                           code="ends_before_start")
    _check_in_order(committee, at)
    update_logged(replacement, changes={"valid_until": at}, fields=("valid_until",),
                  actor=actor, action="membership.committee_replacement.ended")
    _publish(actor=actor, committee=committee, at=at, reason=SnapshotReason.REPLACEMENT_ENDED,
             subject=replacement.deputy.person)
    return replacement


# --- the Governing Body ---------------------------------------------------------------------

def _check_gb_meeting(meeting: Meeting) -> None:
    if meeting.type != MeetingType.GB:
        raise ServiceError(_("Governing Body members belong to a meeting of the Governing "
                             "Body."), field="meeting", code="not_governing_body")


@transaction.atomic
def gb_member_add(*, actor: User, meeting: Meeting, person: Person, group: str, seat: str,
                  term_from: dt.date, term_until: dt.date | None = None,
                  member_state: MemberState | None = None) -> GoverningBodyMembership:
    """A titular or deputy seat on the Governing Body for a term (GB-1)."""
    _require_writer(actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _check_gb_meeting(meeting)
    if group not in Group.values:
        raise ServiceError(_("Choose the Government, Employers' or Workers' group."),
                           field="group")
    if seat not in GoverningBodySeat.values:
        raise ServiceError(_("Choose a titular or a deputy seat."), field="seat")
    if group == Group.GOVERNMENT and member_state is None:
        raise ServiceError(_("A Government member represents a member State: choose it."),
                           field="member_state")
    if term_until is not None and term_until <= term_from:
        raise ServiceError(_("A term must end after it starts."), field="term_until",
                           code="ends_before_start")
    others = GoverningBodyMembership.objects.filter(meeting=meeting)
    for other in others.filter(person=person):
        if periods_overlap(term_from, term_until, other.term_from, other.term_until):
            raise ServiceError(_("%(name)s already holds a seat for that term (%(seat)s).")
                               % {"name": person, "seat": other}, field="person",
                               code="already_member")
    if group == Group.GOVERNMENT:
        for other in others.filter(member_state=member_state, group=Group.GOVERNMENT):
            if periods_overlap(term_from, term_until, other.term_from, other.term_until):
                raise ServiceError(
                    _("%(state)s already holds a Government seat for that term.")
                    % {"state": member_state}, field="member_state", code="state_has_seat")
    return create_logged(
        GoverningBodyMembership(meeting=meeting, person=person, group=group, seat=seat,
                                member_state=member_state, term_from=term_from,
                                term_until=term_until),
        actor=actor, action="membership.gb_member.added")


@transaction.atomic
def gb_member_end(*, actor: User, membership: GoverningBodyMembership,
                  term_until: dt.date) -> GoverningBodyMembership:
    _require_writer(actor)
    membership = GoverningBodyMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.term_until is not None:
        raise ServiceError(_("This term has already ended."), code="already_ended")
    if term_until <= membership.term_from:
        raise ServiceError(_("A term must end after it starts."), field="term_until",
                           code="ends_before_start")
    return update_logged(membership, changes={"term_until": term_until},
                         fields=("term_until",), actor=actor,
                         action="membership.gb_member.ended")


def _in_term(membership: GoverningBodyMembership, session: Session, at: dt.datetime) -> bool:
    day = at.astimezone(session.zone).date()
    return membership.term_from <= day and (membership.term_until is None
                                            or day < membership.term_until)


@transaction.atomic
def gb_replacement_record(*, actor: User, session: Session, titular: GoverningBodyMembership,
                          deputy: GoverningBodyMembership, valid_from: dt.datetime,
                          valid_until: dt.datetime | None = None) -> GoverningBodyReplacement:
    """At ``session``, ``deputy`` votes in place of the absent ``titular`` member."""
    _require_writer(actor)
    titular = GoverningBodyMembership.objects.select_for_update().get(pk=titular.pk)
    deputy = GoverningBodyMembership.objects.get(pk=deputy.pk)
    if not (titular.meeting_id == deputy.meeting_id == session.meeting_id):
        raise ServiceError(_("Both members must sit on the Governing Body of this session."),
                           field="titular", code="other_meeting")
    if titular.seat != GoverningBodySeat.TITULAR:
        raise ServiceError(_("Only a titular member can be replaced."), field="titular")
    if deputy.seat != GoverningBodySeat.DEPUTY:
        raise ServiceError(_("Only a deputy member can replace a titular member."),
                           field="deputy")
    if titular.group != deputy.group:
        raise ServiceError(
            _("A deputy member replaces a titular member of their own group: %(deputy)s is in "
              "the %(deputy_group)s group, %(titular)s in the %(titular_group)s group.")
            % {"deputy": deputy, "deputy_group": deputy.get_group_display(),
               "titular": titular, "titular_group": titular.get_group_display()},
            field="deputy", code="other_group")
    if valid_until is not None and valid_until <= valid_from:
        raise ServiceError(_("A replacement must end after it starts."), field="valid_until",
                           code="ends_before_start")
    for member, field in ((titular, "titular"), (deputy, "deputy")):
        if not _in_term(member, session, valid_from):
            raise ServiceError(_("%(member)s does not sit on the Governing Body at that time.")
                               % {"member": member}, field=field, code="not_member")
    existing = GoverningBodyReplacement.objects.filter(session=session)
    for other in existing.filter(titular=titular):
        if periods_overlap(valid_from, valid_until, other.valid_from, other.valid_until):
            raise ServiceError(_("%(member)s is already replaced at that time.")
                               % {"member": titular}, field="titular",
                               code="already_replaced")
    for other in existing.filter(deputy=deputy):
        if periods_overlap(valid_from, valid_until, other.valid_from, other.valid_until):
            raise ServiceError(_("%(member)s already replaces another member at that time.")
                               % {"member": deputy}, field="deputy",
                               code="already_replacing")
    return create_logged(
        GoverningBodyReplacement(session=session, titular=titular, deputy=deputy,
                                 valid_from=valid_from, valid_until=valid_until,
                                 recorded_by=actor if getattr(actor, "is_authenticated", False)
                                 else None),
        actor=actor, action="membership.gb_replacement.recorded")


@transaction.atomic
def gb_replacement_end(*, actor: User, replacement: GoverningBodyReplacement,
                       at: dt.datetime) -> GoverningBodyReplacement:
    _require_writer(actor)
    replacement = GoverningBodyReplacement.objects.select_for_update().get(pk=replacement.pk)
    if replacement.valid_until is not None and replacement.valid_until <= at:
        raise ServiceError(_("This replacement has already ended."), code="already_ended")
    if at <= replacement.valid_from:
        raise ServiceError(_("A replacement must end after it starts."), field="at",
                           code="ends_before_start")
    return update_logged(replacement, changes={"valid_until": at}, fields=("valid_until",),
                         actor=actor, action="membership.gb_replacement.ended")
