"""Every write to votes: create, open, cast, roll call, show-of-hands totals, close, publish,
correct, and the appointment of substitutes. One transaction each, logged.

Integrity: a ballot is written while the vote's row is locked (``select_for_update``), so
that no ballot lands after the vote closed; one ballot per voter is a unique constraint of
the database (a second attempt, even concurrent, fails on it and is answered clearly).

Secrecy: a secret ballot adds its voter to the participations and one to a count
(``SecretTally``); nothing else. See ``_count_secret_ballot`` for why every count of the
vote is rewritten by every ballot, and docs/votes.md for what remains visible to whom.
"""

import datetime as dt
from fractions import Fraction
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from tripartite.accounts.models import User
from tripartite.common.services import PermissionDeniedError, ServiceError, log_action
from tripartite.constituents.models import Person
from tripartite.delegations.models import Nomination
from tripartite.meetings.models import AgendaItem, Committee, Session
from tripartite.rules import voting as rules
from tripartite.rules import weighting
from tripartite.rules.weighting import fraction_text as _number
from tripartite.votes import electorate as electorate_module
from tripartite.votes import permissions
from tripartite.votes.models import (
    Ballot,
    Body,
    Choice,
    MajorityKind,
    Method,
    QuorumSource,
    Result,
    ResultCorrection,
    SecretTally,
    ShowOfHandsTotals,
    SubstituteAppointment,
    Vote,
    VoteParticipation,
    VoteState,
)


def _require_manager(actor: User) -> None:
    if not permissions.can_manage_votes(actor):
        raise PermissionDeniedError


def _locked(vote: Vote) -> Vote:
    """The vote's row, locked until the transaction ends (its session read with it)."""
    return Vote.objects.select_for_update(of=("self",)).select_related("session").get(
        pk=vote.pk)


def _require_state(vote: Vote, *states: str) -> None:
    if vote.state not in states:
        messages: dict[str, str] = {
            VoteState.DRAFT: _("This vote has not been opened yet."),
            VoteState.OPEN: _("This vote is open: close it first."),
            VoteState.CLOSED: _("This vote is closed."),
            VoteState.PUBLISHED: _("This vote's result is published and final."),
        }
        raise ServiceError(messages[vote.state], code=f"vote_{vote.state}", status=409)


# --- preparing and opening -------------------------------------------------------------------

@transaction.atomic
def vote_create(*, actor: User, session: Session, subject_en: str, method: str,
                majority: str = "simple", body: str = Body.PLENARY, subject_fr: str = "",
                subject_es: str = "", agenda_item: AgendaItem | None = None,
                committee: Committee | None = None,
                quorum_source: str = QuorumSource.ATTENDANCE,
                quorum_fixed: int | None = None) -> Vote:
    _require_manager(actor)
    if not (subject_en or "").strip():
        raise ServiceError(_("Say what is voted on, in English at least."), field="subject_en")
    if agenda_item is not None and agenda_item.session_id != session.pk:
        raise ServiceError(_("The agenda item belongs to another session."),
                           field="agenda_item")
    if body == Body.COMMITTEE:
        if committee is None:
            raise ServiceError(_("Choose the committee that votes."), field="committee")
        if committee.session_id != session.pk:
            raise ServiceError(_("The committee belongs to another session."),
                               field="committee")
        if majority == MajorityKind.ADMISSION:
            raise ServiceError(_("Only the Conference admits a Member (Constitution art. "
                                 "1(4)); a committee cannot vote on it."), field="majority")
    elif committee is not None:
        raise ServiceError(_("Only a committee vote names a committee."), field="committee")
    if body == Body.GOVERNING_BODY and majority == MajorityKind.ADMISSION:
        raise ServiceError(_("Only the Conference admits a Member (Constitution art. 1(4))."),
                           field="majority")
    if method == Method.SECRET and majority == MajorityKind.ADMISSION:
        raise ServiceError(_("The admission of a Member needs the Government delegates' votes "
                             "to be known: it cannot be taken by secret ballot."),
                           field="method")
    if quorum_source == QuorumSource.FIXED and quorum_fixed is None:
        raise ServiceError(_("Enter the quorum fixed by the Credentials Committee."),
                           field="quorum_fixed")
    if quorum_source == QuorumSource.ATTENDANCE:
        quorum_fixed = None
    vote = Vote(session=session, agenda_item=agenda_item, committee=committee, body=body,
                subject_en=subject_en.strip(), subject_fr=(subject_fr or "").strip(),
                subject_es=(subject_es or "").strip(), method=method, majority=majority,
                quorum_source=quorum_source, quorum_fixed=quorum_fixed, created_by=actor)
    vote.full_clean()
    vote.save()
    log_action(actor=actor, action="votes.vote.created", obj=vote, data={
        "subject": subject_en.strip(), "method": method, "majority": majority, "body": body,
        "quorum_source": quorum_source, "quorum_fixed": quorum_fixed})
    return vote


def quorum_preview(vote: Vote, at: dt.datetime | None = None) -> dict[str, Any]:
    """The quorum the vote would have if it opened at ``at`` (now): shown before opening."""
    at = at or timezone.now()
    base = electorate_module.quorum_base(vote, at)
    if vote.quorum_source == QuorumSource.FIXED:
        quorum = vote.quorum_fixed
    else:
        quorum = rules.quorum_from_entitled(base["total"])
    return {"quorum": quorum, "base": base, "source": vote.quorum_source}


@transaction.atomic
def vote_open(*, actor: User, vote: Vote, at: dt.datetime | None = None) -> Vote:
    _require_manager(actor)
    vote = _locked(vote)
    _require_state(vote, VoteState.DRAFT)
    at = at or timezone.now()
    preview = quorum_preview(vote, at)
    vote.quorum, vote.quorum_base = preview["quorum"], preview["base"]
    vote.state, vote.opened_at, vote.opened_by = VoteState.OPEN, at, actor
    vote.save(update_fields=["quorum", "quorum_base", "state", "opened_at", "opened_by",
                             "updated_at"])
    if vote.method == Method.SECRET:
        weights = {elector.weight for elector in electorate_module.electorate(vote, at).values()}
        if vote.body != Body.COMMITTEE:
            weights.add(Fraction(1))
        for weight in sorted(weights):
            _secret_tallies_for(vote, weight)
    log_action(actor=actor, action="votes.vote.opened", obj=vote,
               data={"quorum": vote.quorum, "base": vote.quorum_base})
    return vote


# --- substitutes ------------------------------------------------------------------------------

@transaction.atomic
def substitute_appoint(*, actor: User, session: Session, delegate: Nomination,
                       substitute: Nomination, document_reference: str, vote: Vote | None = None,
                       appointed_at: dt.datetime | None = None) -> SubstituteAppointment:
    """Record a delegate's written appointment of an adviser of the same delegation to act and
    vote in their place (Constitution art. 3(8)), for one vote or for the session."""
    _require_manager(actor)
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


# --- casting ----------------------------------------------------------------------------------

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


def _secret_tallies_for(vote: Vote, weight: Fraction) -> None:
    """The counts of ``vote`` for every choice with ``weight``, made together if missing.

    ``vote_open`` makes them for every weight of the electorate; a weight first met during the
    vote (a committee whose membership changed) gets its three rows from the ballot that
    brings it, all at once and in the same order, so the insertion tells that weight (the
    voter's group, already public on the participation) and never the choice."""
    if SecretTally.objects.filter(vote=vote, weight_numerator=weight.numerator,
                                  weight_denominator=weight.denominator).exists():
        return
    SecretTally.objects.bulk_create([
        SecretTally(vote=vote, choice=choice, weight_numerator=weight.numerator,
                    weight_denominator=weight.denominator) for choice in Choice.values])


def _count_secret_ballot(vote: Vote, *, choice: str, weight: Fraction) -> None:
    """Add one to the count of ``choice`` with ``weight``, under the vote's row lock.

    One UPDATE rewrites every count of the vote (``+ 1`` on the chosen row, ``+ 0`` on the
    others): on PostgreSQL each row gets a new version with this transaction's ``xmin`` and a
    new ``ctid``, on SQLite each cell is rewritten, whatever the choice, so neither the system
    columns nor the physical order tell which count moved. On SQLite, ``secure_delete`` makes
    the page forget the bytes of a cell that grew (the old count would stay in free space)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = FAST")
    _secret_tallies_for(vote, weight)
    chosen = When(choice=choice, weight_numerator=weight.numerator,
                  weight_denominator=weight.denominator, then=Value(1))
    SecretTally.objects.filter(vote=vote).update(
        count=F("count") + Case(chosen, default=Value(0)))


def _store_ballot(vote: Vote, *, elector: electorate_module.Elector, cast_by_id: int,
                  choice: str, at: dt.datetime, entered_by: User | None = None
                  ) -> Ballot | None:
    weight = elector.weight
    try:
        with transaction.atomic():
            if vote.method == Method.SECRET:
                VoteParticipation.objects.create(vote=vote, voter_id=elector.person_id,
                                                 cast_by_id=cast_by_id, group=elector.group)
                _count_secret_ballot(vote, choice=choice, weight=weight)
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
    delegate whose recorded appointment they hold, ``voter_id``). Rights are checked now;
    the vote's row is locked so that it cannot close in between."""
    _check_choice(choice)
    person = getattr(actor, "person", None)
    if person is None:
        raise ServiceError(_("Your login is not linked to a delegate: ask the secretariat to "
                             "link it to your nomination before you vote."),
                           code="no_person", status=400)
    at = at or timezone.now()
    locked = _locked(vote)
    if locked.state == VoteState.DRAFT:
        raise ServiceError(_("This vote is not open yet."), code="vote_not_open", status=409)
    if locked.state != VoteState.OPEN:
        raise ServiceError(_("This vote is closed: no more ballots are accepted."),
                           code="vote_closed", status=409)
    if locked.method == Method.SHOW_OF_HANDS and hasattr(locked, "totals"):
        raise ServiceError(_("The totals of this show of hands were entered by the "
                             "secretariat."), code="totals_entered", status=409)
    elector, appointment = _elector_for(locked, person, voter_id, at)
    ballot = _store_ballot(locked, elector=elector, cast_by_id=person.pk, choice=choice, at=at)
    if locked.method == Method.SECRET:
        # Logged at close, in one entry, without order or time (``_log_participants``): a
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
    _require_manager(actor)
    _check_choice(choice)
    at = at or timezone.now()
    locked = _locked(vote)
    _require_state(locked, VoteState.OPEN)
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
    _require_manager(actor)
    locked = _locked(vote)
    _require_state(locked, VoteState.OPEN)
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
        raise ServiceError(_("%(total)s votes are more than the %(entitled)s voters entitled "
                             "to vote when the vote opened.") % {"total": total,
                                                                "entitled": entitled},
                           field="yes")
    totals, _created = ShowOfHandsTotals.objects.update_or_create(
        vote=locked, defaults={"yes": yes, "no": no, "abstain": abstain,
                               "government_yes": government_yes,
                               "government_no": government_no, "entered_by": actor})
    log_action(actor=actor, action="votes.totals.entered", obj=locked, data={
        "yes": yes, "no": no, "abstain": abstain, "government_yes": government_yes,
        "government_no": government_no})
    return totals


# --- closing, publishing, correcting ----------------------------------------------------------

def tally(vote: Vote) -> dict[str, Any]:
    """The counts of a vote from its ballots or totals: yes/no/abstain (weighted for a
    committee), the Government delegates' yes/no, the members who voted for or against."""
    counts = {"yes": Fraction(0), "no": Fraction(0), "abstain": Fraction(0)}
    government = {"yes": 0, "no": 0}
    heads = {"yes": 0, "no": 0, "abstain": 0}
    totals = getattr(vote, "totals", None) if vote.method == Method.SHOW_OF_HANDS else None
    if totals is not None:
        return {"yes": Fraction(totals.yes), "no": Fraction(totals.no),
                "abstain": Fraction(totals.abstain), "government_yes": totals.government_yes or 0,
                "government_no": totals.government_no or 0, "members_voting":
                totals.yes + totals.no, "ballots": totals.yes + totals.no + totals.abstain}
    if vote.method == Method.SECRET:
        tallies = vote.secret_tallies.values_list("choice", "weight_numerator",
                                                  "weight_denominator", "count")
        rows = [(choice, "", num, den, count) for choice, num, den, count in tallies]
        if vote.majority == MajorityKind.ADMISSION:
            # Secret admission votes would need the group with the choice: refused at close.
            raise ServiceError(_("The admission of a Member cannot be decided by a secret "
                                 "ballot: the Government delegates' votes must be known."),
                               code="secret_admission")
    else:
        rows = [(*row, 1) for row in vote.ballots.values_list(
            "choice", "group", "weight_numerator", "weight_denominator")]
    for choice, group, num, den, count in rows:
        counts[choice] += Fraction(num, den) * count
        heads[choice] += count
        if group == "government" and choice in government:
            government[choice] += count
    return {**counts, "government_yes": government["yes"], "government_no": government["no"],
            "members_voting": heads["yes"] + heads["no"], "ballots": sum(heads.values())}


def compute_result(vote: Vote, counts: dict[str, Any]
                   ) -> rules.VoteResult | weighting.WeightedVoteResult:
    """The rules' answer for ``vote`` on ``counts`` (see ``tally``)."""
    quorum = vote.quorum or 0
    if vote.weighted:
        return weighting.weighted_vote_outcome(
            counts["yes"], counts["no"], counts["abstain"],
            members_voting=counts["members_voting"], quorum=quorum,
            majority=rules.Majority(vote.majority))
    yes, no, abstain = (int(counts[key]) for key in ("yes", "no", "abstain"))
    try:
        if vote.majority == MajorityKind.ADMISSION:
            return rules.admission_vote_outcome(
                yes, no, abstain, quorum=quorum,
                attending=(vote.quorum_base or {}).get("total", 0),
                government_yes=counts["government_yes"], government_no=counts["government_no"])
        return rules.vote_outcome(yes, no, abstain, majority=vote.majority, quorum=quorum)
    except ValueError as error:
        raise ServiceError(_("The figures cannot be decided on: %(reason)s.")
                           % {"reason": error}, code="impossible_figures") from error


def _explanation(result: rules.VoteResult | weighting.WeightedVoteResult
                 ) -> list[dict[str, Any]]:
    return [{"rule": f.rule, "provision": f.provision, "severity": str(f.severity),
             "message": dict(f.message)} for f in result.findings]


def _required_text(result: rules.VoteResult | weighting.WeightedVoteResult) -> str:
    if isinstance(result, weighting.WeightedVoteResult):
        return (f">{_number(result.required)}" if result.required_strictly_more
                else f"≥{_number(result.required)}")
    return str(result.required)


def _seal_secret_tallies(vote: Vote) -> None:
    """Rewrite the counts in the closing transaction: afterwards their ``xmin`` (PostgreSQL)
    is the close's, not the last ballot's, so they point at no participation at all."""
    SecretTally.objects.filter(vote=vote).update(count=F("count"))


def _log_participants(actor: User, vote: Vote) -> None:
    """One entry for who took part in a secret ballot, by person id: not one per ballot,
    whose ids and times would give the order and the moment of each participation."""
    voters = list(VoteParticipation.objects.filter(vote=vote).order_by("voter_id")
                  .values_list("voter_id", "cast_by_id"))
    log_action(actor=actor, action="votes.secret_ballot.participants", obj=vote, data={
        "voters": [{"voter": voter, "cast_by": cast_by} for voter, cast_by in voters]})


@transaction.atomic
def vote_close(*, actor: User, vote: Vote, at: dt.datetime | None = None) -> Result:
    """Close the vote (no ballot is accepted after this) and keep its result."""
    _require_manager(actor)
    locked = _locked(vote)
    _require_state(locked, VoteState.OPEN)
    at = at or timezone.now()
    counts = tally(locked)
    outcome = compute_result(locked, counts)
    result = Result.objects.create(
        vote=locked, yes=_number(outcome.yes), no=_number(outcome.no),
        abstain=_number(counts["abstain"]), cast=_number(outcome.cast), quorum=outcome.quorum,
        required=_required_text(outcome), outcome=str(outcome.outcome),
        ballots=counts["ballots"], explanation=_explanation(outcome), computed_at=at)
    locked.state, locked.closed_at, locked.closed_by = VoteState.CLOSED, at, actor
    locked.save(update_fields=["state", "closed_at", "closed_by", "updated_at"])
    if locked.method == Method.SECRET:
        _seal_secret_tallies(locked)
        _log_participants(actor, locked)
    log_action(actor=actor, action="votes.vote.closed", obj=locked, data={
        "yes": result.yes, "no": result.no, "abstain": result.abstain, "cast": result.cast,
        "quorum": result.quorum, "required": result.required, "outcome": result.outcome})
    return result


@transaction.atomic
def vote_publish(*, actor: User, vote: Vote, at: dt.datetime | None = None) -> Vote:
    _require_manager(actor)
    locked = _locked(vote)
    _require_state(locked, VoteState.CLOSED)
    locked.state, locked.published_at, locked.published_by = (
        VoteState.PUBLISHED, at or timezone.now(), actor)
    locked.save(update_fields=["state", "published_at", "published_by", "updated_at"])
    log_action(actor=actor, action="votes.vote.published", obj=locked,
               data={"outcome": locked.result.outcome})
    return locked


@transaction.atomic
def result_correct(*, actor: User, vote: Vote, yes: int, no: int, abstain: int, reason: str,
                   government_yes: int | None = None, government_no: int | None = None,
                   at: dt.datetime | None = None) -> ResultCorrection:
    """A correction of a closed or published result: new figures, decided again by the
    rules, kept beside the original with the reason; the original is never changed."""
    _require_manager(actor)
    locked = _locked(vote)
    _require_state(locked, VoteState.CLOSED, VoteState.PUBLISHED)
    if locked.weighted:
        raise ServiceError(_("A weighted committee vote is corrected by correcting its "
                             "ballots, not its totals."), code="weighted_vote")
    if not (reason or "").strip():
        raise ServiceError(_("Give the reason for the correction."), field="reason")
    for name, value in (("yes", yes), ("no", no), ("abstain", abstain)):
        if value is None or value < 0:
            raise ServiceError(_("Enter a whole number, zero or more."), field=name)
    counts = {"yes": yes, "no": no, "abstain": abstain, "government_yes": government_yes or 0,
              "government_no": government_no or 0}
    outcome = compute_result(locked, counts)
    correction = ResultCorrection.objects.create(
        result=locked.result, yes=_number(yes), no=_number(no), abstain=_number(abstain),
        cast=_number(outcome.cast), quorum=outcome.quorum, required=_required_text(outcome),
        outcome=str(outcome.outcome), explanation=_explanation(outcome),
        reason=reason.strip(), corrected_at=at or timezone.now(), corrected_by=actor)
    log_action(actor=actor, action="votes.result.corrected", obj=locked, data={
        "correction": correction.pk, "yes": yes, "no": no, "abstain": abstain,
        "outcome": correction.outcome, "reason": correction.reason})
    return correction
