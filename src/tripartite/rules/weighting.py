"""CTTE-1: weighted voting in the committees of the Conference, and its outcome.

Each group has equal voting strength in a committee: the members of each group hold as many
votes as make the groups' totals equal (SO-2021 art. 42(3)). Every result carries the numbers it
was decided on and findings that explain the arithmetic. Who is entitled to vote is
``membership.committee_voters``; the majority and the quorum are those of ``voting``.
"""

from dataclasses import dataclass
from fractions import Fraction
from math import lcm

from tripartite.rules.catalogue import text, text_n
from tripartite.rules.findings import Finding, Severity
from tripartite.rules.voting import (
    MAJORITY_SIMPLE,
    MAJORITY_TWO_THIRDS,
    QUORUM,
    Majority,
    Outcome,
    check_counts,
    met_or_not,
    outcome_in_words,
)

WEIGHTING = "ILC Standing Orders (2008) art. 65(1); SO-2021 art. 42(3)"

# ---------------------------------------------------------------------------------------------
# CTTE-1: weighted voting in committees of the Conference

GROUP_NAMES = {
    "government": text("Government members"),
    "employers": text("Employer members"),
    "workers": text("Worker members"),
}


@dataclass(frozen=True)
class Weights:
    government: int  # members entitled to vote in each group
    employers: int
    workers: int
    common_multiple: int  # L = lcm of the non-empty groups; 0 when every group is empty
    government_votes: int  # votes each member of the group holds; 0 for an empty group
    employers_votes: int
    workers_votes: int
    findings: tuple[Finding, ...]

    def votes(self) -> dict[str, int]:
        return {"government": self.government_votes, "employers": self.employers_votes,
                "workers": self.workers_votes}

    def totals(self) -> dict[str, int]:
        return {"government": self.government * self.government_votes,
                "employers": self.employers * self.employers_votes,
                "workers": self.workers * self.workers_votes}


def committee_weights(government: int, employers: int, workers: int) -> Weights:
    """CTTE-1, SO-2021 art. 42(3): each group has equal voting strength. With L = lcm(g, e, w)
    of the members entitled to vote (deputy Government members only when replacing a regular
    member, CTTE-2; not Members in arrears), each Government member holds L/g votes, each
    Employer member L/e, each Worker member L/w.

    A group with no member entitled to vote cannot be weighted: its votes are 0 and L is taken
    over the other groups, which stay equal among themselves; a finding says so.
    """
    check_counts(government=government, employers=employers, workers=workers)
    sizes = {"government": government, "employers": employers, "workers": workers}
    present = [n for n in sizes.values() if n]
    common = lcm(*present) if present else 0
    votes = {group: common // n if n else 0 for group, n in sizes.items()}
    findings = [Finding("CTTE-1", WEIGHTING, Severity.INFO, text_n(
        "Weighting: %(government)s Government, %(employers)s Employer and %(workers)s Worker "
        "members entitled to vote; least common multiple %(common)s: each Government member holds "
        "%(count)s vote, each Employer member %(votes_employers)s, each Worker member "
        "%(votes_workers)s.",
        "Weighting: %(government)s Government, %(employers)s Employer and %(workers)s Worker "
        "members entitled to vote; least common multiple %(common)s: each Government member holds "
        "%(count)s votes, each Employer member %(votes_employers)s, each Worker member "
        "%(votes_workers)s.",
        votes['government'], government=government, employers=employers, workers=workers,
        common=common, votes_employers=votes['employers'], votes_workers=votes['workers']))]
    findings += [
        Finding("CTTE-1", WEIGHTING, Severity.WARNING, text(
            "No %(group)s are entitled to vote: the group cannot be weighted and holds no votes, "
            "so the three groups do not have equal voting strength.",
            group=GROUP_NAMES[group]))
        for group, n in sizes.items() if n == 0
    ]
    return Weights(government, employers, workers, common, votes["government"],
                   votes["employers"], votes["workers"], tuple(findings))


# ---------------------------------------------------------------------------------------------
# CTTE-1: the outcome of a weighted committee vote


@dataclass(frozen=True)
class WeightedVoteResult:
    majority: Majority
    yes: Fraction  # weighted totals
    no: Fraction
    abstentions: Fraction
    cast: Fraction
    members_voting: int  # members who voted for or against (heads, not weights)
    quorum: int  # in members (heads)
    quorum_met: bool
    required: Fraction  # the weighted votes for needed: more than it (simple), at least it
    required_strictly_more: bool  # True for the simple majority: yes must exceed required
    outcome: Outcome
    findings: tuple[Finding, ...]


def fraction_text(value: Fraction | int) -> str:
    """A weighted total as people read it: 12, or 25/3 when it is not whole."""
    value = Fraction(value)
    return str(value.numerator) if value.denominator == 1 else (
        f"{value.numerator}/{value.denominator}")


def weighted_vote_outcome(yes: Fraction, no: Fraction, abstentions: Fraction = Fraction(0), *,
                          members_voting: int, quorum: int,
                          majority: Majority | str = Majority.SIMPLE,
                          provision: str | None = None) -> WeightedVoteResult:
    """CTTE-1 (SO-2021 art. 42(3)): a committee decides on the weighted totals, each member's
    ballot counting the votes its group's weight gives it. The majority (ILC-2) is taken on
    the weighted votes cast: simple, yes > no; two-thirds, 3*yes >= 2*(yes + no). The quorum of
    a committee (CTTE-3) is not confirmed by the sources: it is taken here, when one is set,
    on the members who voted for or against (heads, not weights), abstentions excluded as in
    the plenary (ILC-3). ``provision`` is the provision that requires the majority, when the
    committee's decision has one of its own (``rules.decisions.majority_provision``)."""
    yes, no, abstentions = Fraction(yes), Fraction(no), Fraction(abstentions)
    for name, value in (("yes", yes), ("no", no), ("abstentions", abstentions)):
        if value < 0:
            raise ValueError(f"{name} cannot be negative: {fraction_text(value)}")
    check_counts(members_voting=members_voting, quorum=quorum)
    majority = Majority(majority)
    cast = yes + no
    met = members_voting >= quorum
    if majority is Majority.SIMPLE:
        required, strictly = cast / 2, True
        reached = yes > required
        provision = f"{WEIGHTING}; {provision or MAJORITY_SIMPLE}"
        rule = text(
            "more than half of the weighted votes cast, %(required)s",
            required=fraction_text(required))
    else:
        required, strictly = cast * 2 / 3, False
        reached = yes >= required and yes > 0
        provision = f"{WEIGHTING}; {provision or MAJORITY_TWO_THIRDS}"
        rule = text(
            "at least two-thirds of the weighted votes cast, %(required)s",
            required=fraction_text(required))
    verdict = text("reached") if reached else text("not reached")
    y, n, c, a = (fraction_text(v) for v in (yes, no, cast, abstentions))
    # The count is a weighted (fractional) number: its form follows its value, shown as a
    # fraction.
    findings = [Finding("CTTE-1", provision, Severity.INFO, text_n(
        "Weighted votes cast: %(yes)s for + %(no)s against = %(cast)s (%(count)s weighted "
        "abstention is not a vote cast); the majority requires %(rule)s: majority %(verdict)s.",
        "Weighted votes cast: %(yes)s for + %(no)s against = %(cast)s (%(count)s weighted "
        "abstentions are not votes cast); the majority requires %(rule)s: majority %(verdict)s.",
        abstentions, yes=y, no=n, cast=c, count=a, rule=rule, verdict=verdict))]
    if quorum:
        severity = Severity.INFO if met else Severity.WARNING
        findings.append(Finding("CTTE-3", QUORUM, severity, text(
            "Quorum (not confirmed by the sources for committees): %(members_voting)s members "
            "voted for or against, quorum %(quorum)s: %(met)s.",
            members_voting=members_voting, quorum=quorum, met=met_or_not(met))))
    if not met:
        outcome = Outcome.VOID_NO_QUORUM
    else:
        outcome = Outcome.ADOPTED if reached else Outcome.REJECTED
    findings.append(_weighted_outcome_finding(outcome, provision))
    return WeightedVoteResult(majority, yes, no, abstentions, cast, members_voting, quorum, met,
                              required, strictly, outcome, tuple(findings))


def _weighted_outcome_finding(outcome: Outcome, provision: str) -> Finding:
    return Finding("CTTE-1", provision, Severity.INFO, text(
        "Outcome of the weighted vote: %(words)s.", words=outcome_in_words(outcome)))
