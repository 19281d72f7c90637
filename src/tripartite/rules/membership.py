"""Who votes in a committee of the Conference, and in the Governing Body, at a given moment.

Rules CTTE-1, CTTE-2, GB-1, GB-4 and CON-6 of ``../shared/domain/ilo-rules.md``. Memberships
come in as frozen values with their periods; nothing is read from the clock or the database.
A period is half-open: a member is a member from ``valid_from`` (included) until
``valid_until`` (excluded), so that a change at a moment closes one row and opens the next
without overlap. The weights themselves are ``tripartite.rules.weighting.committee_weights``;
arrears are ``tripartite.rules.delegations.arrears``.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction

from tripartite.rules.catalogue import text
from tripartite.rules.delegations import ARREARS_SCOPES, CONSTITUTION_13_4, Member, arrears
from tripartite.rules.findings import Finding, Severity
from tripartite.rules.weighting import Weights, committee_weights

DEPUTIES_IN_COMMITTEES = "SO-2021 art. 36(2); ILC Standing Orders (2008) art. 56(5)"
GOVERNING_BODY = "Constitution art. 7; Governing Body practice"
UNWEIGHTED = "ILC Standing Orders (2008) art. 65(1); SO-2021 art. 42(3); practice"

GROUPS = ("government", "employers", "workers")


class Kind(StrEnum):
    """A seat: regular or deputy (committees), titular or deputy (the Governing Body)."""

    REGULAR = "regular"
    TITULAR = "titular"
    DEPUTY = "deputy"



def in_period(valid_from: date, valid_until: date | None, at: date) -> bool:
    """Half-open period: ``valid_from <= at < valid_until``; no end means still running.

    Dates or datetimes (a datetime is a date), as long as all three are of the same kind."""
    return valid_from <= at and (valid_until is None or at < valid_until)


def periods_overlap(start_a: date, end_a: date | None, start_b: date,
                    end_b: date | None) -> bool:
    """Whether two half-open periods share a moment (an open end runs for ever)."""
    return (end_b is None or start_a < end_b) and (end_a is None or start_b < end_a)


@dataclass(frozen=True)
class Seat:
    """One membership: ``id`` is the membership's, ``person`` the person who holds it."""

    id: int
    person: int
    group: str
    kind: Kind
    member: Member | None = None  # the member State, with its arrears; None for no State

    def __post_init__(self) -> None:
        if self.group not in GROUPS:
            raise ValueError(f"unknown group: {self.group!r}")
        object.__setattr__(self, "kind", Kind(self.kind))
        if self.group == "government" and self.member is None:
            raise ValueError("a Government member needs a member State")


@dataclass(frozen=True)
class Replacement:
    """A deputy (``deputy``, a seat id) votes in place of ``replaced`` (a seat id)."""

    replaced: int
    deputy: int


@dataclass(frozen=True)
class Voters:
    groups: dict[int, str]  # person -> group, of everyone entitled to vote
    replaced: dict[int, int]  # person replaced -> person voting in their place
    without_vote: dict[int, str]  # person -> why not ("arrears", "deputy", "replaced")
    findings: tuple[Finding, ...]


def _arrears_of(seat: Seat, scope: str) -> str | None:
    """The code of the seat's State when its arrears take the seat's vote; None otherwise."""
    if seat.member is None or seat.group not in arrears(seat.member, scope).without_vote:
        return None
    return seat.member.code


def voters(seats: tuple[Seat, ...], replacements: tuple[Replacement, ...] = (), *,
           arrears_scope: str = "government", voting_kind: Kind = Kind.REGULAR) -> Voters:
    """The persons entitled to vote among the current ``seats``.

    CTTE-2 (committees) and GB-1 (Governing Body): the members of ``voting_kind`` (regular,
    titular) vote; a deputy votes only in place of a member of the same group who is replaced
    (each ``Replacement`` is one such, current at the moment considered). CON-6: a member whose
    State is in arrears has no vote (the Government members, or everyone with
    ``arrears_scope="delegation"``), and cannot pass on a vote it does not hold; a deputy whose
    State is in arrears cannot vote in anyone's place either.
    """
    if arrears_scope not in ARREARS_SCOPES:
        raise ValueError(f"arrears_scope must be one of {ARREARS_SCOPES}: {arrears_scope!r}")
    by_id = {seat.id: seat for seat in seats}
    persons = [seat.person for seat in seats]
    if len(set(persons)) != len(persons):
        raise ValueError("a person holds two seats at the same time")
    standing_in: dict[int, Seat] = {}
    for replacement in replacements:
        replaced, deputy = by_id.get(replacement.replaced), by_id.get(replacement.deputy)
        if replaced is None or deputy is None:
            raise ValueError("a replacement names a seat that is not current")
        if replaced.kind is not voting_kind or deputy.kind is not Kind.DEPUTY:
            raise ValueError(f"a deputy replaces a {voting_kind} member")
        if replaced.group != deputy.group:
            raise ValueError("a deputy replaces a member of the same group")
        if replaced.id in standing_in or deputy.id in {s.id for s in standing_in.values()}:
            raise ValueError("a member is replaced by one deputy at a time")
        standing_in[replaced.id] = deputy
    groups: dict[int, str] = {}
    without: dict[int, str] = {}
    replaced_by: dict[int, int] = {}
    findings: list[Finding] = []
    arrears_states: set[str] = set()
    for seat in seats:
        if seat.kind is Kind.DEPUTY:
            if seat.person not in groups:
                without.setdefault(seat.person, "deputy")
            continue
        state_in_arrears = _arrears_of(seat, arrears_scope)
        if state_in_arrears is not None:
            without[seat.person] = "arrears"
            arrears_states.add(state_in_arrears)
            continue
        deputy = standing_in.get(seat.id)
        if deputy is None:
            groups[seat.person] = seat.group
            continue
        without[seat.person] = "replaced"
        state_in_arrears = _arrears_of(deputy, arrears_scope)
        if state_in_arrears is not None:
            without[deputy.person] = "arrears"
            arrears_states.add(state_in_arrears)
            continue
        groups[deputy.person] = deputy.group
        without.pop(deputy.person, None)
        replaced_by[seat.person] = deputy.person
    for code in sorted(arrears_states):
        findings.append(Finding("CON-6", CONSTITUTION_13_4, Severity.WARNING, text(
            "%(code)s is in arrears of contributions: its members concerned may not vote, nor may "
            "a deputy vote in their place.",
            code=code)))
    if replaced_by:
        rule, provision = (("CTTE-2", DEPUTIES_IN_COMMITTEES) if voting_kind is Kind.REGULAR
                           else ("GB-1", GOVERNING_BODY))
        findings.append(Finding(rule, provision, Severity.INFO, text(
            "%(deputies)s deputy members vote in place of the members they replace.",
            deputies=len(replaced_by))))
    return Voters(groups, replaced_by, without, tuple(findings))


@dataclass(frozen=True)
class CommitteeVoters:
    voters: dict[int, tuple[str, Fraction]]  # person -> (group, votes the person holds)
    weights: Weights
    weighted: bool
    without_vote: dict[int, str]
    findings: tuple[Finding, ...]
    replaced: dict[int, int]  # person replaced -> deputy voting in their place (CTTE-2)

    def totals(self) -> dict[str, Fraction]:
        totals = {group: Fraction(0) for group in GROUPS}
        for group, weight in self.voters.values():
            totals[group] += weight
        return totals


def committee_voters(seats: tuple[Seat, ...], replacements: tuple[Replacement, ...] = (), *,
                     arrears_scope: str = "government",
                     weighted: bool = True) -> CommitteeVoters:
    """CTTE-1 and CTTE-2: who votes in a committee of the Conference, and with how many votes.

    The weights are computed over the members entitled to vote (regular Government members,
    or the deputies voting in their place; Employer and Worker members; not the members whose
    State is in arrears). A committee that is not weighted (the Finance Committee, the General
    Affairs Committee) gives every voter one vote.
    """
    chosen = voters(seats, replacements, arrears_scope=arrears_scope, voting_kind=Kind.REGULAR)
    counts = dict.fromkeys(GROUPS, 0)
    for group in chosen.groups.values():
        counts[group] += 1
    weights = committee_weights(counts["government"], counts["employers"], counts["workers"])
    if weighted:
        votes = {group: Fraction(n) for group, n in weights.votes().items()}
        findings = (*weights.findings, *chosen.findings)
    else:
        votes = {group: Fraction(1) for group in GROUPS}
        findings = (Finding("CTTE-1", UNWEIGHTED, Severity.INFO, text(
            "This committee does not vote with weights: each member entitled to vote holds one "
            "vote.")), *chosen.findings)
    return CommitteeVoters({person: (group, votes[group])
                            for person, group in chosen.groups.items()},
                           weights, weighted, chosen.without_vote, findings, chosen.replaced)


def governing_body_voters(seats: tuple[Seat, ...], replacements: tuple[Replacement, ...] = (), *,
                          arrears_scope: str = "government") -> Voters:
    """GB-1, GB-4, CON-6: the titular members vote, a deputy in place of a titular member of its
    group who is replaced, nobody for a State in arrears (its Government members by default)."""
    return voters(seats, replacements, arrears_scope=arrears_scope, voting_kind=Kind.TITULAR)


__all__ = ["CommitteeVoters", "Kind", "Replacement", "Seat", "Voters",
           "committee_voters", "governing_body_voters", "in_period", "periods_overlap",
           "voters"]
