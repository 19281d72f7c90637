"""Counting, closing, publishing and correcting a vote's result, with its arithmetic shown."""

import datetime as dt
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tripartite.accounts.models import User
from tripartite.common.services import PermissionDeniedError, ServiceError, log_action
from tripartite.jobs.models import Job
from tripartite.jobs.services import job_queue
from tripartite.rules import decisions, weighting
from tripartite.rules import voting as rules
from tripartite.rules.weighting import fraction_text as _number
from tripartite.votes import permissions
from tripartite.votes.models import (
    MajorityKind,
    Method,
    Result,
    ResultCorrection,
    Vote,
    VoteState,
)
from tripartite.votes.services.base import lock_vote, require_manager, require_state
from tripartite.votes.services.secrecy import log_participants, seal_secret_tallies


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
    """The rules' answer for ``vote`` on ``counts`` (see ``tally``), citing for its majority
    the provision of the vote's kind of decision."""
    quorum = vote.quorum or 0
    if vote.majority != MajorityKind.ADMISSION:
        provision = decisions.majority_provision(vote.decision, vote.majority)
    if vote.weighted:
        return weighting.weighted_vote_outcome(
            counts["yes"], counts["no"], counts["abstain"],
            members_voting=counts["members_voting"], quorum=quorum,
            majority=rules.Majority(vote.majority), provision=provision)
    yes, no, abstain = (int(counts[key]) for key in ("yes", "no", "abstain"))
    try:
        if vote.majority == MajorityKind.ADMISSION:
            return rules.admission_vote_outcome(
                yes, no, abstain, quorum=quorum,
                attending=(vote.quorum_base or {}).get("total", 0),
                government_yes=counts["government_yes"], government_no=counts["government_no"])
        return rules.vote_outcome(yes, no, abstain, majority=vote.majority, quorum=quorum,
                                  provision=provision)
    except ValueError as error:
        raise ServiceError(_("The figures cannot be decided on: %(reason)s.")
                           % {"reason": error}, code="impossible_figures") from error


def explanation(result: rules.VoteResult | weighting.WeightedVoteResult
                 ) -> list[dict[str, Any]]:
    return [{"rule": f.rule, "provision": f.provision, "severity": str(f.severity),
             "message": dict(f.message)} for f in result.findings]


def required_text(result: rules.VoteResult | weighting.WeightedVoteResult) -> str:
    if isinstance(result, weighting.WeightedVoteResult):
        return (f">{_number(result.required)}" if result.required_strictly_more
                else f"≥{_number(result.required)}")
    return str(result.required)


@transaction.atomic
def vote_close(*, actor: User, vote: Vote, at: dt.datetime | None = None) -> Result:
    """Close the vote (no ballot is accepted after this) and keep its result."""
    require_manager(actor)
    locked = lock_vote(vote)
    require_state(locked, VoteState.OPEN)
    at = at or timezone.now()
    counts = tally(locked)
    outcome = compute_result(locked, counts)
    result = Result.objects.create(
        vote=locked, yes=_number(outcome.yes), no=_number(outcome.no),
        abstain=_number(counts["abstain"]), cast=_number(outcome.cast), quorum=outcome.quorum,
        required=required_text(outcome), outcome=str(outcome.outcome),
        ballots=counts["ballots"], explanation=explanation(outcome), computed_at=at)
    locked.state, locked.closed_at, locked.closed_by = VoteState.CLOSED, at, actor
    locked.save(update_fields=["state", "closed_at", "closed_by", "updated_at"])
    if locked.method == Method.SECRET:
        seal_secret_tallies(locked)
        log_participants(actor, locked)
    log_action(actor=actor, action="votes.vote.closed", obj=locked, data={
        "yes": result.yes, "no": result.no, "abstain": result.abstain, "cast": result.cast,
        "quorum": result.quorum, "required": result.required, "outcome": result.outcome})
    return result


@transaction.atomic
def vote_publish(*, actor: User, vote: Vote, at: dt.datetime | None = None) -> Vote:
    require_manager(actor)
    locked = lock_vote(vote)
    require_state(locked, VoteState.CLOSED)
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
    require_manager(actor)
    locked = lock_vote(vote)
    require_state(locked, VoteState.CLOSED, VoteState.PUBLISHED)
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
        cast=_number(outcome.cast), quorum=outcome.quorum, required=required_text(outcome),
        outcome=str(outcome.outcome), explanation=explanation(outcome),
        reason=reason.strip(), corrected_at=at or timezone.now(), corrected_by=actor)
    log_action(actor=actor, action="votes.result.corrected", obj=locked, data={
        "correction": correction.pk, "yes": yes, "no": no, "abstain": abstain,
        "outcome": correction.outcome, "reason": correction.reason})
    return correction


RESULTS_SHEET_TASK = "tripartite.votes.tasks.make_results_sheet"
SHEET_LANGUAGES = ("en", "fr", "es")


def results_sheet_queue(*, actor: User, vote: Vote, language: str, back_url: str = "") -> Job:
    """Queue the results sheet (PDF) of a closed record vote in ``language``, as a job of
    ``actor``'s (who may read the result; the worker checks it again when it makes it)."""
    if not permissions.can_view_result(actor, vote):
        raise PermissionDeniedError
    if vote.method != Method.RECORD or vote.state not in (VoteState.CLOSED,
                                                          VoteState.PUBLISHED):
        raise ServiceError(_("Only a closed record vote has a results sheet."),
                           code="no_results_sheet", status=404)
    if language not in SHEET_LANGUAGES:
        language = "en"
    return job_queue(owner=actor, kind="votes.results_sheet", task=RESULTS_SHEET_TASK,
                     title=_("Results sheet of %(vote)s (%(language)s)") % {
                         "vote": vote, "language": language.upper()},
                     params={"vote": vote.pk, "language": language}, total=1,
                     back_url=back_url)
