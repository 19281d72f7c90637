"""Votes: majority, quorum, admission of a Member, amendments in force, weighted committee votes.

Rules CON-5, CON-7 to CON-10, ILC-2 to ILC-4 and CTTE-1 of ``../shared/domain/ilo-rules.md``.
Everything is integer arithmetic on plain numbers; every result carries the numbers it was
decided on and findings that explain the arithmetic, citing the provision, in English, French
and Spanish. Abstentions are never votes cast: they count neither for the majority nor for the
quorum. The loss of the vote for arrears (CON-6) is ``delegations.in_arrears``.
"""

from dataclasses import dataclass
from enum import StrEnum

from tripartite.rules.catalogue import text, text_n
from tripartite.rules.findings import Finding, Severity


class Majority(StrEnum):
    SIMPLE = "simple"
    TWO_THIRDS = "two_thirds"


class Outcome(StrEnum):
    ADOPTED = "adopted"
    REJECTED = "rejected"
    VOID_NO_QUORUM = "void_no_quorum"


MAJORITY_ARTICLE = "ILC Standing Orders (2008) art. 21"
MAJORITY_SIMPLE = f"Constitution art. 17(2); {MAJORITY_ARTICLE}"
# Cited only when no kind of decision says which article requires two-thirds
# (``tripartite rules vote`` without one): a vote prepared for a kind of decision cites its own
# article (``rules.decisions``).
MAJORITY_TWO_THIRDS = f"Constitution arts 3(9), 13(4), 16, 19(2), 36; {MAJORITY_ARTICLE}"
QUORUM = "Constitution art. 17(3); ILC Standing Orders (2008) art. 20; SO-2021 art. 22(3)"
ADMISSION = "Constitution art. 1(4)"
AMENDMENT = "Constitution art. 36"

# CON-8 (and CON-5): the decisions the Constitution takes by two-thirds of the votes cast by the
# delegates present, with the article that says so.
TWO_THIRDS_DECISIONS = {
    "refuse_credentials": "Constitution art. 3(9)",
    "move_seat": "Constitution art. 6",
    "financial_arrangements": "Constitution art. 13(2)(c)",
    "restore_vote_in_arrears": "Constitution art. 13(4)",
    "keep_item_objected_to": "Constitution art. 16(2)",
    "new_agenda_item": "Constitution art. 16(3)",
    "adopt_convention_or_recommendation": "Constitution art. 19(2)",
    "abrogate_convention": "Constitution art. 19(9)",
    "adopt_constitutional_amendment": "Constitution art. 36",
}

CHIEF_INDUSTRIAL_IMPORTANCE = 10  # Members of chief industrial importance (art. 7(3))
CHIEF_INDUSTRIAL_REQUIRED = 5  # of which must ratify an amendment (art. 36)



def check_counts(**counts: int) -> None:
    for name, value in counts.items():
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{name} must be a whole number: {value!r}")
        if value < 0:
            raise ValueError(f"{name} cannot be negative: {value}")


def two_thirds_of(n: int) -> int:
    """The smallest whole number at least two-thirds of n: ceil(2n/3), in integers."""
    return -(-2 * n // 3)


def half_of(n: int) -> int:
    """The smallest whole number at least half of n: ceil(n/2), in integers."""
    return -(-n // 2)


# ---------------------------------------------------------------------------------------------
# ILC-2: the majority


@dataclass(frozen=True)
class MajorityResult:
    majority: Majority
    yes: int
    no: int
    cast: int
    required: int  # the yes votes needed, given the votes cast
    reached: bool
    findings: tuple[Finding, ...]


def required_majority(cast: int, majority: Majority | str) -> int:
    """ILC-2: yes votes needed out of ``cast``. Simple: floor(cast/2)+1, so a tie fails;
    two-thirds: ceil(2*cast/3). Nothing is adopted without a single vote in favour, so the
    two-thirds requirement is at least 1 (it is 0 only when no vote is cast)."""
    check_counts(cast=cast)
    if Majority(majority) is Majority.SIMPLE:
        return cast // 2 + 1
    return max(1, two_thirds_of(cast))


def majority_reached(yes: int, no: int, majority: Majority | str, *,
                     provision: str | None = None) -> MajorityResult:
    """ILC-2, Constitution art. 17(2), 19(2): simple majority is yes > no; two-thirds majority
    is 3*yes >= 2*cast. Abstentions are not votes cast and are not taken here.

    ``provision`` is the provision that requires this majority for the decision voted on
    (``rules.decisions.majority_provision``); by default the general one of the majority."""
    check_counts(yes=yes, no=no)
    majority = Majority(majority)
    cast = yes + no
    required = required_majority(cast, majority)
    reached = yes >= required
    if majority is Majority.SIMPLE:
        provision = provision or MAJORITY_SIMPLE
        kind = text("a simple majority")
        formula = text("half of %(cast)s, rounded down, plus one", cast=cast)
    else:
        provision = provision or MAJORITY_TWO_THIRDS
        kind = text("a two-thirds majority")
        formula = text("two-thirds of %(cast)s, rounded up", cast=cast)
    verdict = text("reached") if reached else text("not reached")
    finding = Finding("ILC-2", provision, Severity.INFO, text_n(
        "Votes cast: %(yes)s for + %(no)s against = %(cast)s; %(kind)s requires %(count)s "
        "vote for (%(formula)s): %(yes)s for, majority %(verdict)s.",
        "Votes cast: %(yes)s for + %(no)s against = %(cast)s; %(kind)s requires %(count)s "
        "votes for (%(formula)s): %(yes)s for, majority %(verdict)s.",
        required, yes=yes, no=no, cast=cast, kind=kind, formula=formula, verdict=verdict))
    return MajorityResult(majority, yes, no, cast, required, reached, (finding,))


# ---------------------------------------------------------------------------------------------
# ILC-3 and CON-7: the quorum


@dataclass(frozen=True)
class QuorumResult:
    cast: int
    quorum: int
    met: bool
    findings: tuple[Finding, ...]


def quorum_from_entitled(entitled: int) -> int:
    """ILC-3, CON-7: Q = ceil(N/2) of the registered delegates entitled to vote."""
    check_counts(entitled=entitled)
    return half_of(entitled)


def quorum_met(yes: int, no: int, quorum: int) -> QuorumResult:
    """ILC-3, Constitution art. 17(3): the vote is valid iff the votes cast (yes + no) reach the
    quorum. Abstentions do not count toward the quorum."""
    check_counts(yes=yes, no=no, quorum=quorum)
    cast = yes + no
    met = cast >= quorum
    if met:
        message = text_n(
            "Quorum: %(count)s vote cast (%(yes)s for + %(no)s against) reaches the quorum of "
            "%(quorum)s; abstentions do not count toward it.",
            "Quorum: %(count)s votes cast (%(yes)s for + %(no)s against) reach the quorum of "
            "%(quorum)s; abstentions do not count toward it.",
            cast, yes=yes, no=no, quorum=quorum)
    else:
        message = text_n(
            "Quorum not reached: %(count)s vote cast (%(yes)s for + %(no)s against) is fewer "
            "than the quorum of %(quorum)s; abstentions do not count toward it, so the vote is "
            "void.",
            "Quorum not reached: %(count)s votes cast (%(yes)s for + %(no)s against) are fewer "
            "than the quorum of %(quorum)s; abstentions do not count toward it, so the vote is "
            "void.",
            cast, yes=yes, no=no, quorum=quorum)
    severity = Severity.INFO if met else Severity.WARNING
    return QuorumResult(cast, quorum, met, (Finding("ILC-3", QUORUM, severity, message),))


def _quorum_basis(entitled: int) -> Finding:
    quorum = quorum_from_entitled(entitled)
    return Finding("ILC-3", QUORUM, Severity.INFO, text(
        "The quorum is half of the %(entitled)s registered delegates entitled to vote, rounded "
        "up: %(quorum)s.",
        entitled=entitled, quorum=quorum))


# ---------------------------------------------------------------------------------------------
# ILC-4: the outcome of a vote


@dataclass(frozen=True)
class VoteResult:
    majority: Majority
    yes: int
    no: int
    abstentions: int
    cast: int
    quorum: int
    quorum_met: bool
    required: int
    outcome: Outcome
    findings: tuple[Finding, ...]


def vote_outcome(yes: int, no: int, abstentions: int = 0, *,
                 majority: Majority | str = Majority.SIMPLE, quorum: int | None = None,
                 entitled: int | None = None, provision: str | None = None) -> VoteResult:
    """ILC-4: void without quorum (ILC-3), otherwise adopted iff the majority is reached (ILC-2).

    Give either ``quorum`` (as fixed by the Credentials Committee) or ``entitled`` (the
    registered delegates entitled to vote, from which Q = ceil(N/2)). When ``entitled`` is
    given, the ballots (for, against and abstentions) cannot exceed it. ``provision`` is the
    provision that requires the majority for the decision voted on (see ``majority_reached``).
    """
    check_counts(yes=yes, no=no, abstentions=abstentions)
    majority = Majority(majority)
    if (quorum is None) == (entitled is None):
        raise ValueError("give exactly one of quorum and entitled")
    basis: tuple[Finding, ...] = ()
    if entitled is not None:
        check_counts(entitled=entitled)
        if yes + no + abstentions > entitled:
            raise ValueError(f"{yes + no + abstentions} ballots (for, against, abstentions) "
                             f"exceed the {entitled} delegates entitled to vote")
        quorum = quorum_from_entitled(entitled)
        basis = (_quorum_basis(entitled),)
    assert quorum is not None
    checked_quorum = quorum_met(yes, no, quorum)
    checked_majority = majority_reached(yes, no, majority, provision=provision)
    if not checked_quorum.met:
        outcome = Outcome.VOID_NO_QUORUM
    elif checked_majority.reached:
        outcome = Outcome.ADOPTED
    else:
        outcome = Outcome.REJECTED
    findings = (*basis, *checked_quorum.findings, *checked_majority.findings,
                _outcome_finding(outcome, abstentions, checked_majority.findings[0].provision))
    return VoteResult(majority, yes, no, abstentions, yes + no, quorum, checked_quorum.met,
                      checked_majority.required, outcome, findings)


def outcome_in_words(outcome: Outcome) -> dict[str, str]:
    if outcome is Outcome.ADOPTED:
        return text("adopted")
    if outcome is Outcome.REJECTED:
        return text("rejected")
    return text("void for lack of quorum")


def _outcome_finding(outcome: Outcome, abstentions: int, majority_provision: str) -> Finding:
    return Finding("ILC-4", f"{QUORUM}; {majority_provision}", Severity.INFO, text_n(
        "Outcome: %(words)s (%(count)s abstention, which is not a vote cast).",
        "Outcome: %(words)s (%(count)s abstentions, which are not votes cast).",
        abstentions, words=outcome_in_words(outcome)))


# ---------------------------------------------------------------------------------------------
# CON-9: admission of a Member


@dataclass(frozen=True)
class AdmissionResult:
    yes: int
    attending: int
    required: int  # two-thirds of the delegates attending the session
    government_yes: int
    government_voting: int  # Government delegates present and voting (for + against)
    government_required: int  # two-thirds of them
    outcome: Outcome
    findings: tuple[Finding, ...]


def admission_of_member(yes: int, *, attending: int, government_yes: int,
                        government_no: int) -> AdmissionResult:
    """CON-9, Constitution art. 1(4): the Conference admits a Member by two-thirds of the
    delegates attending the session, including two-thirds of the Government delegates present
    and voting. Two different bases: attendance overall, voters among the Government delegates.
    Each requirement is at least one vote, so that nobody voting cannot admit a Member."""
    check_counts(yes=yes, attending=attending, government_yes=government_yes,
                  government_no=government_no)
    government_voting = government_yes + government_no
    if yes > attending or government_voting > attending:
        raise ValueError(f"more votes than the {attending} delegates attending")
    if government_yes > yes:
        raise ValueError("government_yes cannot exceed yes")
    required = max(1, two_thirds_of(attending))
    government_required = max(1, two_thirds_of(government_voting))
    overall_ok = yes >= required
    government_ok = government_yes >= government_required
    outcome = Outcome.ADOPTED if overall_ok and government_ok else Outcome.REJECTED
    findings = (
        Finding("CON-9", ADMISSION, Severity.INFO, text_n(
            "Delegates attending the session: %(attending)s; two-thirds, rounded up, is "
            "%(required)s: %(count)s vote for, requirement %(met)s.",
            "Delegates attending the session: %(attending)s; two-thirds, rounded up, is "
            "%(required)s: %(count)s votes for, requirement %(met)s.",
            yes, attending=attending, required=required, met=met_or_not(overall_ok))),
        Finding("CON-9", ADMISSION, Severity.INFO, text(
            "Government delegates present and voting: %(government_voting)s (%(government_yes)s "
            "for + %(government_no)s against); two-thirds, rounded up, is "
            "%(government_required)s: requirement %(met)s.",
            government_voting=government_voting, government_yes=government_yes,
            government_no=government_no, government_required=government_required,
            met=met_or_not(government_ok))),
    )
    return AdmissionResult(yes, attending, required, government_yes, government_voting,
                           government_required, outcome, findings)


def met_or_not(ok: bool) -> dict[str, str]:
    return text("met") if ok else text("not met")


# ---------------------------------------------------------------------------------------------
# CON-10: entry into force of an amendment to the Constitution


@dataclass(frozen=True)
class AmendmentResult:
    ratifications: int
    members: int
    required: int  # two-thirds of the Members, rounded up
    chief_industrial: int  # ratifications among the Members of chief industrial importance
    chief_industrial_required: int
    in_force: bool
    more_needed: int  # further ratifications needed, the chief industrial ones included
    chief_industrial_more_needed: int
    findings: tuple[Finding, ...]


def amendment_in_force(ratifications: int, *, members: int,
                       chief_industrial: int) -> AmendmentResult:
    """CON-10, Constitution art. 36: an amendment comes into force when ratified or accepted by
    two-thirds of the Members, including five of the ten Members of chief industrial
    importance. A chief industrial ratification counts toward both requirements."""
    check_counts(ratifications=ratifications, members=members,
                  chief_industrial=chief_industrial)
    if ratifications > members:
        raise ValueError(f"{ratifications} ratifications exceed the {members} Members")
    if chief_industrial > min(ratifications, CHIEF_INDUSTRIAL_IMPORTANCE):
        raise ValueError("chief_industrial cannot exceed the ratifications nor "
                         f"{CHIEF_INDUSTRIAL_IMPORTANCE}")
    required = two_thirds_of(members)
    cii_more = max(0, CHIEF_INDUSTRIAL_REQUIRED - chief_industrial)
    more = max(required - ratifications, cii_more)
    in_force = more == 0
    if in_force:
        message = text_n(
            "In force: %(count)s ratification of %(members)s Members reaches two-thirds, "
            "%(required)s, and includes %(chief_industrial)s of the %(chief_members)s Members of "
            "chief industrial importance (at least %(chief_required)s).",
            "In force: %(count)s ratifications of %(members)s Members reach two-thirds, "
            "%(required)s, and include %(chief_industrial)s of the %(chief_members)s Members of "
            "chief industrial importance (at least %(chief_required)s).",
            ratifications, members=members, required=required,
            chief_industrial=chief_industrial, chief_members=CHIEF_INDUSTRIAL_IMPORTANCE,
            chief_required=CHIEF_INDUSTRIAL_REQUIRED)
    else:
        message = text_n(
            "Not in force: %(count)s ratification of %(members)s Members, "
            "%(chief_industrial)s of them of chief industrial importance; two-thirds is "
            "%(required)s, including at least %(chief_required)s of the %(chief_members)s Members "
            "of chief industrial importance: %(more)s more needed, including at least "
            "%(chief_more)s of chief industrial importance.",
            "Not in force: %(count)s ratifications of %(members)s Members, "
            "%(chief_industrial)s of them of chief industrial importance; two-thirds is "
            "%(required)s, including at least %(chief_required)s of the %(chief_members)s Members "
            "of chief industrial importance: %(more)s more needed, including at least "
            "%(chief_more)s of chief industrial importance.",
            ratifications, members=members, chief_industrial=chief_industrial,
            required=required, chief_required=CHIEF_INDUSTRIAL_REQUIRED,
            chief_members=CHIEF_INDUSTRIAL_IMPORTANCE, more=more, chief_more=cii_more)
    return AmendmentResult(ratifications, members, required, chief_industrial,
                           CHIEF_INDUSTRIAL_REQUIRED, in_force, more, cii_more,
                           (Finding("CON-10", AMENDMENT, Severity.INFO, message),))


# ---------------------------------------------------------------------------------------------
# CON-9 with the quorum (ILC-3): a vote on the admission of a Member, as a whole


def admission_vote_outcome(yes: int, no: int, abstentions: int = 0, *, quorum: int,
                           attending: int, government_yes: int,
                           government_no: int) -> VoteResult:
    """A vote on the admission of a Member (CON-9) taken in the Conference: void without the
    quorum of votes cast (ILC-3, Constitution art. 17(3)); otherwise admitted iff two-thirds of
    the delegates attending the session voted for, including two-thirds of the Government
    delegates present and voting. ``required`` is the overall requirement (two-thirds of
    ``attending``); the Government requirement is in the findings."""
    check_counts(yes=yes, no=no, abstentions=abstentions, quorum=quorum)
    checked_quorum = quorum_met(yes, no, quorum)
    admission = admission_of_member(yes, attending=attending, government_yes=government_yes,
                                    government_no=government_no)
    outcome = Outcome.VOID_NO_QUORUM if not checked_quorum.met else admission.outcome
    findings = (*checked_quorum.findings, *admission.findings,
                _outcome_finding(outcome, abstentions, ADMISSION))
    return VoteResult(Majority.TWO_THIRDS, yes, no, abstentions, yes + no, quorum,
                      checked_quorum.met, admission.required, outcome, findings)
