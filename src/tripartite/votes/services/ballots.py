"""Casting: a delegate's ballot, a substitute's by recorded appointment, the roll call the
secretariat enters, show-of-hands totals.

Integrity: a ballot is written while the vote's row is locked (``select_for_update``), so
that no ballot lands after the vote closed; one ballot per voter is a unique constraint of
the database (a second attempt, even concurrent, fails on it and is answered clearly).
"""

import datetime as dt
from fractions import Fraction

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tripartite.accounts.models import User
from tripartite.common.services import ServiceError, log_action
from tripartite.constituents.models import Person
from tripartite.delegations.models import Nomination
from tripartite.meetings.models import Session
from tripartite.votes import electorate as electorate_module
from tripartite.votes.models import (
    Ballot,
    Body,
    Choice,
    MajorityKind,
    Method,
    ShowOfHandsTotals,
    SubstituteAppointment,
    Vote,
    VoteParticipation,
    VoteState,
)
from tripartite.votes.services.base import lock_vote, require_manager, require_state
from tripartite.votes.services.secrecy import count_secret_ballot


@transaction.atomic
def substitute_appoint(*, actor: User, session: Session, delegate: Nomination,
                       substitute: Nomination, document_reference: str, vote: Vote | None = None,
                       appointed_at: dt.datetime | None = None) -> SubstituteAppointment:
    """Record a delegate's written appointment of an adviser of the same delegation to act and
    vote in their place (Constitution art. 3(8)), for one vote or for the session."""
    require_manager(actor)
    if delegate.delegation.session_id != session.pk:
        raise ServiceError(_("The delegate is not nominated to this session."),
                           field="delegate")
    if delegate.role != "delegate":
        raise ServiceError(_("Only a delegate appoints a substitute."), field="delegate")
    if substitute.delegation_id != delegate.delegation_id or substitute.pk == delegate.pk:
        raise ServiceError(_("The substitute must be another member of the same delegation."),
                           field="substitute")
    if not (document_reference or "").strip():
        raise ServiceError(_("Give the reference of the written appointment."),
                           field="document_reference")
    if vote is not None and vote.session_id != session.pk:
        raise ServiceError(_("The vote belongs to another session."), field="vote")
    appointment = SubstituteAppointment(
        session=session, vote=vote, delegate=delegate, substitute=substitute,
        appointed_at=appointed_at or timezone.now(),
        document_reference=document_reference.strip(), recorded_by=actor)
    appointment.full_clean()
    appointment.save()
    log_action(actor=actor, action="votes.substitute.appointed", obj=appointment, data={
        "delegate": delegate.pk, "substitute": substitute.pk, "vote": vote.pk if vote else None,
        "appointed_at": appointment.appointed_at.isoformat(),
        "document_reference": appointment.document_reference})
    return appointment


def appointments_held(vote: Vote, person: Person,
                      at: dt.datetime) -> list[SubstituteAppointment]:
    """The appointments that let ``person`` vote in another's place in ``vote`` at ``at``."""
    if vote.body != Body.PLENARY:
        return []
    return list(SubstituteAppointment.objects.filter(
        Q(vote__isnull=True) | Q(vote=vote), session=vote.session_id,
        substitute__person=person, appointed_at__lte=at)
        .select_related("delegate__delegation").order_by("appointed_at", "pk"))


def _elector(vote: Vote, person_id: int, at: dt.datetime) -> electorate_module.Elector | None:
    """The voter ``person_id`` is in ``vote`` at ``at``, or None."""
    if vote.body == Body.PLENARY:  # one delegation's verdict, not the whole session's
        return electorate_module.plenary_elector(vote.session, person_id, at)
    return electorate_module.electorate(vote, at).get(person_id)


def _elector_for(vote: Vote, person: Person, voter_id: int | None, at: dt.datetime
                 ) -> tuple[electorate_module.Elector, SubstituteAppointment | None]:
    """(voter elector, cast by person id, appointment) or a refusal: checked at ``at``."""
    def elector_of(person_id: int) -> electorate_module.Elector | None:
        return _elector(vote, person_id, at)

    if voter_id is None or voter_id == person.pk:
        elector = elector_of(person.pk)
        if elector is None:
            raise ServiceError(_("You are not entitled to vote in this vote at this moment: "
                                 "only registered delegates entitled to vote (or members of "
                                 "the voting body) may vote."), code="not_a_voter", status=403)
        return elector, None
    for appointment in appointments_held(vote, person, at):
        delegate = appointment.delegate
        if delegate.person_id != voter_id:
            continue
        elector = elector_of(voter_id)
        if elector is None:
            # The delegate is absent: the substitute votes if the delegate is entitled to
            # vote and the substitute is registered at this moment.
            group = electorate_module.delegation_voters(
                vote.session, delegate.delegation_id).get(delegate.pk)
            present = electorate_module.is_registered(vote.session, appointment.substitute_id,
                                                      at)
            if group is None or not present:
                break
            elector = electorate_module.Elector(
                voter_id, group, Fraction(1), delegate.pk,
                delegate.delegation.member_state_id)
        return elector, appointment
    raise ServiceError(_("You hold no recorded appointment to vote for this delegate in "
                         "this vote, or the delegate is not entitled to vote."),
                       code="no_appointment", status=403)


def _store_ballot(vote: Vote, *, elector: electorate_module.Elector, cast_by_id: int,
                  choice: str, at: dt.datetime, entered_by: User | None = None
                  ) -> Ballot | None:
    weight = elector.weight
    try:
        with transaction.atomic():
            if vote.method == Method.SECRET:
                VoteParticipation.objects.create(vote=vote, voter_id=elector.person_id,
                                                 cast_by_id=cast_by_id, group=elector.group)
                count_secret_ballot(vote, choice=choice, weight=weight)
                return None
            return Ballot.objects.create(
                vote=vote, voter_id=elector.person_id, cast_by_id=cast_by_id,
                nomination_id=elector.nomination_id, member_state_id=elector.member_state_id,
                group=elector.group, choice=choice, weight_numerator=weight.numerator,
                weight_denominator=weight.denominator, cast_at=at, entered_by=entered_by)
    except IntegrityError as error:
        raise ServiceError(_("A ballot has already been cast for this voter in this vote; "
                             "a vote cannot be changed or cast twice."),
                           code="already_voted", status=409) from error


def _check_choice(choice: str) -> None:
    if choice not in Choice.values:
        raise ServiceError(_("Choose yes, no or abstain."), field="choice")


@transaction.atomic
def ballot_cast(*, actor: User, vote: Vote, choice: str, voter_id: int | None = None,
                at: dt.datetime | None = None) -> Ballot | None:
    """The logged-in delegate votes from their own device (for themselves, or for the
    delegate whose recorded appointment they hold, ``voter_id``). Rights are checked now,
    then the vote's row is locked so that it cannot close before the ballot is stored."""
    _check_choice(choice)
    person = getattr(actor, "person", None)
    if person is None:
        raise ServiceError(_("Your login is not linked to a delegate: ask the secretariat to "
                             "link it to your nomination before you vote."),
                           code="no_person", status=400)
    at = at or timezone.now()
    # The right to vote at ``at`` is read before the vote's row is locked: it takes most of a
    # ballot's queries, and under the lock it would make every other ballot of the vote wait.
    # The lock then guards only what can change meanwhile: the vote's state.
    elector, appointment = _elector_for(vote, person, voter_id, at)
    locked = lock_vote(vote)
    if locked.state == VoteState.DRAFT:
        raise ServiceError(_("This vote is not open yet."), code="vote_not_open", status=409)
    if locked.state != VoteState.OPEN:
        raise ServiceError(_("This vote is closed: no more ballots are accepted."),
                           code="vote_closed", status=409)
    if (locked.body, locked.session_id) != (vote.body, vote.session_id):
        # A draft's body may be edited until it opens; the copy the caller read was older.
        elector, appointment = _elector_for(locked, person, voter_id, at)
    if locked.method == Method.SHOW_OF_HANDS and hasattr(locked, "totals"):
        raise ServiceError(_("The totals of this show of hands were entered by the "
                             "secretariat."), code="totals_entered", status=409)
    ballot = _store_ballot(locked, elector=elector, cast_by_id=person.pk, choice=choice, at=at)
    if locked.method == Method.SECRET:
        # Logged at close, in one entry, without order or time (``log_participants``): a
        # log entry's id and ``at`` would time each participation to the microsecond.
        return ballot
    log_action(actor=actor, action="votes.ballot.cast", obj=locked, data={
        "voter": elector.person_id, "cast_by": person.pk,
        "appointment": appointment.pk if appointment else None, "choice": choice})
    return ballot


@transaction.atomic
def roll_call_enter(*, actor: User, vote: Vote, voter: Person, choice: str,
                    at: dt.datetime | None = None) -> Ballot | None:
    """The secretariat records a delegate's vote read aloud in a roll call. The delegate's
    right to vote is checked at this moment, as for an electronic ballot."""
    require_manager(actor)
    _check_choice(choice)
    at = at or timezone.now()
    locked = lock_vote(vote)
    require_state(locked, VoteState.OPEN)
    if locked.method == Method.SECRET:
        raise ServiceError(_("A secret ballot has no roll call."), code="secret_ballot")
    elector = _elector(locked, voter.pk, at)
    if elector is None:
        raise ServiceError(_("%(name)s is not entitled to vote in this vote at this moment.")
                           % {"name": voter.name}, code="not_a_voter", field="voter")
    ballot = _store_ballot(locked, elector=elector, cast_by_id=voter.pk, choice=choice, at=at,
                           entered_by=actor)
    log_action(actor=actor, action="votes.roll_call.entered", obj=locked,
               data={"voter": voter.pk, "choice": choice})
    return ballot


@transaction.atomic
def show_of_hands_totals_enter(*, actor: User, vote: Vote, yes: int, no: int, abstain: int,
                               government_yes: int | None = None,
                               government_no: int | None = None) -> ShowOfHandsTotals:
    require_manager(actor)
    locked = lock_vote(vote)
    require_state(locked, VoteState.OPEN)
    if locked.method != Method.SHOW_OF_HANDS:
        raise ServiceError(_("Totals are entered only for a show of hands."),
                           code="not_show_of_hands")
    if locked.weighted:
        raise ServiceError(_("A committee's weighted vote needs each member's ballot, not "
                             "totals."), code="weighted_vote")
    if locked.ballots.exists():
        raise ServiceError(_("Ballots were already cast electronically in this vote."),
                           code="ballots_cast", status=409)
    for name, value in (("yes", yes), ("no", no), ("abstain", abstain)):
        if value is None or value < 0:
            raise ServiceError(_("Enter a whole number, zero or more."), field=name)
    if locked.majority == MajorityKind.ADMISSION:
        if government_yes is None or government_no is None:
            raise ServiceError(_("The admission of a Member needs the Government delegates' "
                                 "votes for and against."), field="government_yes")
        if government_yes > yes or government_no > no:
            raise ServiceError(_("The Government delegates' votes cannot exceed the totals."),
                               field="government_yes")
    total = yes + no + abstain
    entitled = (locked.quorum_base or {}).get("total")
    if entitled is not None and total > entitled:
        raise ServiceError(ngettext(
            "%(total)s vote is more than the %(entitled)s voters entitled to vote when the vote "
            "opened.",
            "%(total)s votes are more than the %(entitled)s voters entitled to vote when the "
            "vote opened.", total) % {"total": total, "entitled": entitled},
                           field="yes")
    totals, _created = ShowOfHandsTotals.objects.update_or_create(
        vote=locked, defaults={"yes": yes, "no": no, "abstain": abstain,
                               "government_yes": government_yes,
                               "government_no": government_no, "entered_by": actor})
    log_action(actor=actor, action="votes.totals.entered", obj=locked, data={
        "yes": yes, "no": no, "abstain": abstain, "government_yes": government_yes,
        "government_no": government_no})
    return totals
