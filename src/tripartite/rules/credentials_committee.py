"""CRED-3, CRED-4, CON-5: the Credentials Committee's decisions on an objection or complaint,
and what goes to the Conference.

Rules CRED-3, CRED-4 and CON-5 of ``../shared/domain/ilo-rules.md``. The Committee has three
members, one of each group (a Government, an Employers' and a Workers' delegate). It decides
whether an objection is receivable — the time limits and grounds of ``objections`` are the
rules' advice, not its decision —: a unanimous decision on receivability is final; when the
Committee is divided the question goes to the Conference (ILC Standing Orders (2008)
art. 26bis; the Conference's procedure on it is not confirmed by the sources). It then decides
the outcome of a receivable objection or complaint, by a majority of its members, with the
minority's views in its report (the house's reading: at least two of the three members). The
outcomes are those its reports use; a proposal to invalidate credentials goes to the
Conference, which refuses a delegate or adviser by two-thirds of the votes cast by the
delegates present (Constitution art. 3(9)), and so does a proposal to follow the case up at the
next session (monitoring).
"""

from dataclasses import dataclass
from enum import StrEnum

from tripartite.rules.catalogue import text
from tripartite.rules.findings import Finding, Severity
from tripartite.rules.objections import OBJECTIONS
from tripartite.rules.voting import TWO_THIRDS_DECISIONS

REFUSE_CREDENTIALS = TWO_THIRDS_DECISIONS["refuse_credentials"]  # Constitution art. 3(9)
COMMITTEE = "ILC Standing Orders (2008) art. 26"
MONITORING = "ILC Standing Orders (2008) art. 26quater"
GROUPS = ("government", "employers", "workers")
MEMBERS = {
    "government": text("the Government member"),
    "employers": text("the Employer member"),
    "workers": text("the Worker member"),
}


class Position(StrEnum):
    """A member's vote on a decision of the Committee."""

    FOR = "for"
    AGAINST = "against"


class Outcome(StrEnum):
    """What the Committee decides on a receivable objection or complaint, as its reports say."""

    PROPOSE_INVALIDATION = "propose_invalidation"  # to the Conference, art. 3(9)
    NO_ACTION = "no_action"  # no action, with observations
    REQUEST_INFORMATION = "request_information"
    FOLLOW_UP = "follow_up"  # monitoring at the next session, proposed to the Conference
    REFERRAL = "referral"  # e.g. to the Governing Body's Committee on Freedom of Association
    RECOMMENDATION = "recommendation"


TO_THE_CONFERENCE = {Outcome.PROPOSE_INVALIDATION, Outcome.FOLLOW_UP}


@dataclass(frozen=True)
class CommitteeVote:
    """Each member's position; None when that member did not take part."""

    government: Position | None
    employers: Position | None
    workers: Position | None

    def positions(self) -> dict[str, Position | None]:
        return {"government": self.government, "employers": self.employers,
                "workers": self.workers}

    @property
    def voting(self) -> int:
        return sum(1 for position in self.positions().values() if position is not None)

    @property
    def for_(self) -> int:
        return sum(1 for position in self.positions().values() if position is Position.FOR)

    @property
    def unanimous(self) -> bool:
        """All three members for the decision."""
        return self.for_ == len(GROUPS)


@dataclass(frozen=True)
class CommitteeDecision:
    adopted: bool  # the decision is the Committee's
    unanimous: bool
    final: bool  # nothing goes to the Conference
    to_conference: bool
    findings: tuple[Finding, ...]


def _dissenting(vote: CommitteeVote) -> list[str]:
    return [group for group, position in vote.positions().items()
            if position is not Position.FOR]


def _division(vote: CommitteeVote) -> dict[str, str]:
    """"the Worker member against" (or "did not take part"), joined in each language."""
    parts = []
    for group in _dissenting(vote):
        position = vote.positions()[group]
        parts.append(text("%(member)s against", member=MEMBERS[group])
                     if position is Position.AGAINST else
                     text("%(member)s did not take part", member=MEMBERS[group]))
    return {language: "; ".join(part[language] for part in parts) for language in ("en", "fr",
                                                                                   "es")}


def receivability_decision(*, receivable: bool, vote: CommitteeVote) -> CommitteeDecision:
    """The Committee's decision that an objection is (or is not) receivable: final when its
    three members are for it; otherwise the question of receivability goes to the Conference,
    with the views of the majority and of the minority."""
    found = text("receivable") if receivable else text("irreceivable")
    if vote.unanimous:
        return CommitteeDecision(True, True, True, False, (Finding(
            "CRED-3", OBJECTIONS, Severity.INFO, text(
                "The Committee unanimously found the objection %(found)s: its decision on "
                "receivability is final.", found=found)),))
    return CommitteeDecision(False, False, False, True, (Finding(
        "CRED-3", OBJECTIONS, Severity.WARNING, text(
            "The Committee is divided on whether the objection is %(found)s (%(division)s): "
            "the question of receivability goes to the Conference, with the views of the "
            "majority and of the minority.", found=found, division=_division(vote))),))


def outcome_decision(outcome: Outcome | str, *, vote: CommitteeVote) -> CommitteeDecision:
    """The Committee's decision on a receivable objection or complaint: adopted when at least
    two of its three members are for it. A proposal to invalidate credentials, and one to
    follow the case up at the next session, go to the Conference."""
    outcome = Outcome(outcome)
    if vote.for_ < 2:
        return CommitteeDecision(False, False, False, False, (Finding(
            "CRED-4", COMMITTEE, Severity.ERROR, text(
                "Not a decision of the Committee: %(for_)s of its three members are for it; a "
                "decision needs at least two.", for_=vote.for_)),))
    findings = []
    if vote.unanimous:
        findings.append(Finding("CRED-4", COMMITTEE, Severity.INFO, text(
            "The Committee decided unanimously.")))
    else:
        findings.append(Finding("CRED-4", COMMITTEE, Severity.INFO, text(
            "The Committee decided by a majority (%(division)s): its report gives the views of "
            "the minority.", division=_division(vote))))
    if outcome is Outcome.PROPOSE_INVALIDATION:
        findings.append(Finding("CON-5", REFUSE_CREDENTIALS, Severity.INFO, text(
            "The proposal goes to the Conference, which may refuse to admit the delegate or "
            "adviser by two-thirds of the votes cast by the delegates present.")))
    elif outcome is Outcome.FOLLOW_UP:
        findings.append(Finding("CRED-4", MONITORING, Severity.INFO, text(
            "The proposal to follow the case up at the next session goes to the Conference.")))
    to_conference = outcome in TO_THE_CONFERENCE
    return CommitteeDecision(True, vote.unanimous, not to_conference, to_conference,
                             tuple(findings))
