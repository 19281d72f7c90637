"""A delegation to the Conference: who may vote, and what its credentials must respect.

Rules CON-1, CON-2, CON-3b, CON-4, CON-6, CRED-1 and GEN-4 of
``../shared/domain/ilo-rules.md``. Everything comes in as frozen values, nothing is read from
the clock, and every conclusion is a Finding citing its provision in English, French and Spanish.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from tripartite.rules import dates
from tripartite.rules.catalogue import text
from tripartite.rules.findings import Finding, Severity


class Group(StrEnum):
    GOVERNMENT = "government"
    EMPLOYERS = "employers"
    WORKERS = "workers"


class Role(StrEnum):
    DELEGATE = "delegate"
    SUBSTITUTE_DELEGATE = "substitute_delegate"
    ADVISER = "adviser"
    ADVISER_SUBSTITUTE_DELEGATE = "adviser_substitute_delegate"
    MINISTER = "minister"
    ACCOMPANYING_MINISTER = "accompanying_minister"
    # Constitution art. 3(3): an additional adviser to a delegate, for a non-metropolitan
    # territory whose international relations the Member is responsible for.
    TERRITORY_ADVISER = "territory_adviser"
    # Admitted to the sittings besides delegates and advisers (Standing Orders, art. 2).
    STATE_REPRESENTATIVE = "state_representative"  # of a State or province of a federal State
    OBSERVER = "observer"  # a person of a State or body invited as an observer
    OTHER = "other"


class Gender(StrEnum):
    FEMALE = "f"
    MALE = "m"
    OTHER = "x"


PersonId = str | int

# Constitution art. 3(7): a substitute delegate is one of the delegate's advisers named as
# substitute, so all three roles count towards the limit of advisers of art. 3(2).
LIMITED_ADVISER_ROLES = frozenset({Role.ADVISER, Role.SUBSTITUTE_DELEGATE,
                                   Role.ADVISER_SUBSTITUTE_DELEGATE})
# Art. 3(3) adds the advisers for non-metropolitan territories *to* that limit: advisers who
# accompany a delegate and count in the gender balance, but not against art. 3(2).
ADVISER_ROLES = LIMITED_ADVISER_ROLES | {Role.TERRITORY_ADVISER}
# Not delegates nor advisers, admitted to the sittings as persons of the Member's Government
# (CON-3b): Ministers whose departments deal with the questions discussed, the persons
# accompanying them, and the representatives of a State or province of a federal State.
GOVERNMENT_ONLY_ROLES = frozenset({Role.MINISTER, Role.ACCOMPANYING_MINISTER,
                                   Role.STATE_REPRESENTATIVE})
# The roles whose nomination names what the person represents: a territory (art. 3(3)(a),
# or the territories advised on, 3(3)(b)), a State or a province of a federal State.
REPRESENTING_ROLES = frozenset({Role.TERRITORY_ADVISER, Role.STATE_REPRESENTATIVE})
NON_GOVERNMENT = (Group.EMPLOYERS, Group.WORKERS)
SEATS = {Group.GOVERNMENT: 2, Group.EMPLOYERS: 1, Group.WORKERS: 1}
ADVISERS_PER_AGENDA_ITEM = 2
CREDENTIALS_DAYS_BEFORE_OPENING = 21
WOMEN_TARGET = Fraction(3, 10)
ARREARS_SCOPES = ("government", "delegation")

CONSTITUTION_3_1 = "Constitution art. 3(1)"
CONSTITUTION_3_2 = "Constitution art. 3(2); SO-2021 art. 1(2)"
CONSTITUTION_3_3 = "Constitution art. 3(3)"
ADMISSION_TO_SITTINGS = "Constitution arts 12(2), 18; SO-2021 art. 2"
CONSTITUTION_4_1 = "Constitution art. 4(1)"
CONSTITUTION_4_2 = "Constitution art. 4(2)"
CONSTITUTION_4_3 = "Constitution art. 4(3)"
CONSTITUTION_13_4 = "Constitution art. 13(4)"
CREDENTIALS_DEADLINE = "ILC Standing Orders (2008) art. 26; practice"
GENDER_BALANCE = ("Governing Body, 332nd Session (March 2018); "
                  "ILC resolutions on gender equality")

# How each group's delegates are named in the messages, singular then plural.
DELEGATE_OF = {
    Group.GOVERNMENT: text("Government delegate"),
    Group.EMPLOYERS: text("Employers' delegate"),
    Group.WORKERS: text("Workers' delegate"),
}
DELEGATES_OF = {
    Group.GOVERNMENT: text("Government delegates"),
    Group.EMPLOYERS: text("Employers' delegates"),
    Group.WORKERS: text("Workers' delegates"),
}



# ---------------------------------------------------------------------------------------------
# The values a delegation is evaluated on


@dataclass(frozen=True)
class Member:
    code: str
    in_arrears: bool = False
    vote_restored: bool = False  # the Conference restored the vote under art. 13(4)


@dataclass(frozen=True)
class SessionFacts:
    opening: date
    agenda_items: int  # the items that entitle advisers, the standing item included
    credentials_deadline: date | None = None  # the session's own, when it sets one

    def __post_init__(self) -> None:
        if self.agenda_items < 0:
            raise ValueError(f"agenda_items cannot be negative: {self.agenda_items}")


@dataclass(frozen=True)
class Person:
    id: PersonId
    group: Group
    role: Role
    gender: Gender
    agenda_items: tuple[int, ...] = ()
    adviser_to: PersonId | None = None
    admitted: bool = True  # False once the Conference refuses admission (art. 3(9))
    # The territory, State or province the person represents (REPRESENTING_ROLES).
    represents: str = ""

    def __post_init__(self) -> None:
        # Accept the plain strings the database and JSON hold; refuse anything unknown.
        object.__setattr__(self, "group", Group(self.group))
        object.__setattr__(self, "role", Role(self.role))
        object.__setattr__(self, "gender", Gender(self.gender))
        object.__setattr__(self, "agenda_items", tuple(self.agenda_items))

    @property
    def is_delegate(self) -> bool:
        return self.role is Role.DELEGATE

    @property
    def is_adviser(self) -> bool:
        """Any adviser: those of art. 3(2) and the additional advisers of art. 3(3)."""
        return self.role in ADVISER_ROLES

    @property
    def counts_against_adviser_limit(self) -> bool:
        return self.role in LIMITED_ADVISER_ROLES


@dataclass(frozen=True)
class Delegation:
    member: Member
    session: SessionFacts
    persons: tuple[Person, ...]
    received_on: date | None = None  # when the credentials reached the Office


@dataclass(frozen=True)
class Votes:
    government: int = 0
    employers: int = 0
    workers: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"government": self.government, "employers": self.employers,
                "workers": self.workers}


@dataclass(frozen=True)
class DelegateVote:
    """Whether one delegate votes, and the findings that say why.

    For a delegate without a vote, the findings that take it away (refused admission, too
    many delegates of the group, an incomplete delegation, arrears); for one who votes, the
    provision that gives the vote (each delegate votes individually, or the vote restored).
    """

    person: PersonId
    group: Group
    votes: bool
    reasons: tuple[Finding, ...]


@dataclass(frozen=True)
class DelegationVerdict:
    votes: Votes
    voters: tuple[PersonId, ...]
    findings: tuple[Finding, ...]
    # Every delegate nominated (refused ones included), in the order of the list.
    delegates: tuple[DelegateVote, ...] = ()


@dataclass(frozen=True)
class _Outcome:
    """What one voting rule concluded: its findings and the groups it leaves without a vote."""

    findings: tuple[Finding, ...] = ()
    without_vote: frozenset[Group] = frozenset()


# ---------------------------------------------------------------------------------------------
# The delegation as a whole


def evaluate_delegation(delegation: Delegation, *,
                        arrears_scope: str = "government") -> DelegationVerdict:
    """Who in the delegation may vote, and every finding on its composition and credentials.

    ``arrears_scope`` says whom art. 13(4) disqualifies: "government" (the default, the
    practice) or "delegation" (every delegate).
    """
    if arrears_scope not in ARREARS_SCOPES:
        raise ValueError(f"arrears_scope must be one of {ARREARS_SCOPES}: {arrears_scope!r}")
    persons = _first_occurrences(delegation.persons)
    # A delegate refused admission counts as not nominated (art. 4(3)) for every rule below.
    delegates = tuple(p for p in persons if p.is_delegate and p.admitted)
    shape = delegation_shape(delegates)
    incomplete = incomplete_delegation(delegates)
    arrears_outcome = arrears(delegation.member, arrears_scope)
    without_vote = shape.without_vote | incomplete.without_vote | arrears_outcome.without_vote
    voters = [d for d in delegates if d.group not in without_vote]
    outcomes = (shape, incomplete, arrears_outcome)
    findings = (
        *duplicate_persons(delegation.persons),
        *shape.findings,
        *adviser_limits(persons, delegation.session.agenda_items),
        *territory_advisers(persons),
        *persons_admitted_to_sittings(persons),
        *refused_delegates(persons),
        *incomplete.findings,
        *arrears_outcome.findings,
        *credentials_timeliness(delegation.received_on, delegation.session),
        *gender_balance(persons),
    )
    return DelegationVerdict(votes=_votes(voters), voters=_sorted_ids(v.id for v in voters),
                             findings=findings,
                             delegates=_delegate_votes(persons, outcomes, arrears_outcome))


def _delegate_votes(persons: tuple[Person, ...], outcomes: tuple[_Outcome, ...],
                    arrears_outcome: _Outcome) -> tuple[DelegateVote, ...]:
    """Each delegate's vote and its reasons, from the outcomes ``evaluate_delegation`` used
    (so the reasons cannot disagree with the voters)."""
    # For a Member in arrears the arrears rule says who keeps the vote (all, when restored;
    # the Employers' and Workers' delegates, under the practice); otherwise art. 4(1) does.
    kept = arrears_outcome.findings or (Finding("CON-4", CONSTITUTION_4_1, Severity.INFO, text(
        "Each delegate votes individually.")),)
    votes = []
    for person in (p for p in persons if p.is_delegate):
        if not person.admitted:
            reasons = tuple(refused_delegates((person,)))
        else:
            reasons = tuple(finding for outcome in outcomes
                            if person.group in outcome.without_vote
                            for finding in outcome.findings)
        votes.append(DelegateVote(person.id, person.group, votes=not reasons,
                                  reasons=reasons or kept))
    return tuple(votes)


def _votes(voters: list[Person]) -> Votes:
    counts = Counter(voter.group for voter in voters)
    return Votes(government=counts[Group.GOVERNMENT], employers=counts[Group.EMPLOYERS],
                 workers=counts[Group.WORKERS])


def _sorted_ids(ids: Iterable[PersonId]) -> tuple[PersonId, ...]:
    # Ids may be numbers or strings; numbers first, so that a mixed list still sorts.
    return tuple(sorted(ids, key=lambda person_id: (isinstance(person_id, str), person_id)))


def _first_occurrences(persons: tuple[Person, ...]) -> tuple[Person, ...]:
    # A person listed twice is reported by duplicate_persons; counting them once keeps one
    # delegate from holding two votes meanwhile.
    seen: set[PersonId] = set()
    kept = []
    for person in persons:
        if person.id not in seen:
            seen.add(person.id)
            kept.append(person)
    return tuple(kept)


def duplicate_persons(persons: tuple[Person, ...]) -> list[Finding]:
    """The same person twice in a delegation is an error of the list, not of a provision."""
    counts = Counter(person.id for person in persons)
    return [
        Finding("DATA-1", "Integrity of the list of delegations", Severity.ERROR, text(
            "Person %(person)s appears %(count)s times in the delegation; only the first entry is "
            "taken into account.",
            person=person_id, count=count))
        for person_id, count in counts.items() if count > 1
    ]


# ---------------------------------------------------------------------------------------------
# CON-1, CON-4, CON-6: who may vote


def delegation_shape(delegates: tuple[Person, ...]) -> _Outcome:
    """CON-1, Constitution art. 3(1): two Government delegates, one Employers', one Workers'.

    When a group has too many delegates the rules cannot tell which of them the Member meant,
    so none of that group votes until the credentials are corrected.
    """
    counts = Counter(delegate.group for delegate in delegates)
    over = [group for group in Group if counts[group] > SEATS[group]]
    findings = tuple(
        Finding("CON-1", CONSTITUTION_3_1, Severity.ERROR, text(
            "%(count)s %(delegates)s are nominated; the Constitution allows at most %(seats)s. "
            "None of them may vote until the credentials are corrected.",
            count=counts[g], delegates=DELEGATES_OF[g], seats=SEATS[g]))
        for g in over
    )
    return _Outcome(findings, frozenset(over))


def refused_delegates(persons: tuple[Person, ...]) -> list[Finding]:
    """CON-4, Constitution art. 4(3): a delegate refused admission counts as not nominated."""
    return [
        Finding("CON-4", CONSTITUTION_4_3, Severity.INFO, text(
            "Delegate %(delegate)s was refused admission and counts as not nominated.",
            delegate=p.id))
        for p in persons if p.is_delegate and not p.admitted
    ]


def incomplete_delegation(delegates: tuple[Person, ...]) -> _Outcome:
    """CON-4, Constitution art. 4(1)-(2): a lone Employers' or Workers' delegate does not vote.

    Each delegate votes individually (4(1)), so the Government delegates are unaffected.
    """
    present = [group for group in NON_GOVERNMENT if any(d.group is group for d in delegates)]
    if len(present) == 2:
        return _Outcome()
    if not present:
        return _Outcome((Finding("CON-4", CONSTITUTION_4_1, Severity.WARNING, text(
            "Incomplete delegation: neither an Employers' nor a Workers' delegate is nominated. "
            "The Government delegates keep their votes, since each delegate votes "
            "individually.")),))
    (lone,) = present
    missing = Group.WORKERS if lone is Group.EMPLOYERS else Group.EMPLOYERS
    return _Outcome((Finding("CON-4", CONSTITUTION_4_2, Severity.WARNING, text(
        "Incomplete delegation: no %(missing)s is nominated, so the %(lone)s may sit and speak "
        "but may not vote.",
        missing=DELEGATE_OF[missing], lone=DELEGATE_OF[lone])),), frozenset({lone}))


def arrears(member: Member, scope: str) -> _Outcome:
    """CON-6, Constitution art. 13(4): a Member in arrears has no vote unless restored.

    Practice applies the loss to the Government delegates only, the Employers' and Workers'
    delegates voting individually (art. 4(1)); ``scope="delegation"`` extends it to all.
    """
    if not member.in_arrears:
        return _Outcome()
    code = member.code
    if member.vote_restored:
        return _Outcome((Finding("CON-6", CONSTITUTION_13_4, Severity.INFO, text(
            "%(code)s is in arrears of contributions, but the Conference has restored its right "
            "to vote: its delegates keep their votes.",
            code=code)),))
    if scope == "delegation":
        return _Outcome((Finding("CON-6", CONSTITUTION_13_4, Severity.WARNING, text(
            "%(code)s is in arrears of contributions: none of its delegates may vote.",
            code=code)),), frozenset(Group))
    return _Outcome((Finding("CON-6", CONSTITUTION_13_4, Severity.WARNING, text(
        "%(code)s is in arrears of contributions: its Government delegates may not vote. The "
        "Employers' and Workers' delegates, who vote individually, keep their votes.",
        code=code)),), frozenset({Group.GOVERNMENT}))


def in_arrears(arrears_amount: Decimal | int,
               contributions_due_preceding_two_years: Decimal | int) -> bool:
    """CON-6, Constitution art. 13(4): the vote is lost when the arrears equal or exceed the
    contributions due for the preceding two full years.

    A Member that owes nothing is never in arrears, even when nothing was due.
    """
    if arrears_amount < 0 or contributions_due_preceding_two_years < 0:
        raise ValueError("amounts cannot be negative")
    return arrears_amount > 0 and arrears_amount >= contributions_due_preceding_two_years


# ---------------------------------------------------------------------------------------------
# CON-2: advisers


def adviser_limits(persons: tuple[Person, ...], agenda_items: int) -> list[Finding]:
    """CON-2, Constitution art. 3(2): at most two advisers per agenda item for each delegate.

    Every adviser accompanies a delegate, the additional advisers of art. 3(3) too ("to each
    of its delegates"); but those are additional: they are counted apart, never against the
    limit.
    """
    delegates = [p for p in persons if p.is_delegate]
    accompanying: dict[PersonId, list[Person]] = defaultdict(list)
    findings: list[Finding] = []
    for adviser in (p for p in persons if p.is_adviser and p.admitted):
        delegate_id = _accompanied_delegate(adviser, delegates, findings)
        if delegate_id is not None and adviser.counts_against_adviser_limit:
            accompanying[delegate_id].append(adviser)
    for delegate_id, advisers in accompanying.items():
        findings += _advisers_over_limit(delegate_id, advisers, agenda_items)
        findings += _advisers_over_limit_per_item(delegate_id, advisers)
    return findings


def _accompanied_delegate(adviser: Person, delegates: list[Person],
                          findings: list[Finding]) -> PersonId | None:
    """The delegate an adviser counts against; a finding instead when there is none to name."""
    if adviser.adviser_to is not None:
        if any(d.id == adviser.adviser_to for d in delegates):
            return adviser.adviser_to
        findings.append(Finding("CON-2", CONSTITUTION_3_2, Severity.ERROR, text(
            "Adviser %(adviser)s accompanies %(delegate)s, who is not among the delegation's "
            "delegates.",
            adviser=adviser.id, delegate=adviser.adviser_to)))
        return None
    # Without adviser_to, an adviser of a group with a single delegate accompanies that one.
    of_group = [d for d in delegates if d.group is adviser.group]
    if len(of_group) == 1:
        return of_group[0].id
    if of_group:
        findings.append(Finding("CON-2", CONSTITUTION_3_2, Severity.WARNING, text(
            "Say which delegate adviser %(adviser)s accompanies (adviser_to): otherwise the limit "
            "of advisers per delegate cannot be checked.",
            adviser=adviser.id)))
    else:
        findings.append(Finding("CON-2", CONSTITUTION_3_2, Severity.WARNING, text(
            "Adviser %(adviser)s belongs to a group with no delegate to accompany.",
            adviser=adviser.id)))
    return None


def _advisers_over_limit(delegate_id: PersonId, advisers: list[Person],
                         agenda_items: int) -> list[Finding]:
    limit = ADVISERS_PER_AGENDA_ITEM * agenda_items
    if len(advisers) <= limit:
        return []
    return [Finding("CON-2", CONSTITUTION_3_2, Severity.ERROR, text(
        "Advisers accompanying delegate %(delegate_id)s: %(advisers)s; the limit is %(limit)s "
        "(two per agenda item; the session has %(agenda_items)s).",
        delegate_id=delegate_id, advisers=len(advisers), limit=limit, agenda_items=agenda_items))]


def _advisers_over_limit_per_item(delegate_id: PersonId,
                                  advisers: list[Person]) -> list[Finding]:
    # Only advisers who say which items they follow can be counted item by item.
    per_item = Counter(item for adviser in advisers for item in set(adviser.agenda_items))
    return [
        Finding("CON-2", CONSTITUTION_3_2, Severity.ERROR, text(
            "Advisers accompanying delegate %(delegate_id)s for agenda item %(item)s: %(count)s; "
            "the limit is 2 per item.",
            delegate_id=delegate_id, item=item, count=count))
        for item, count in sorted(per_item.items()) if count > ADVISERS_PER_AGENDA_ITEM
    ]


# ---------------------------------------------------------------------------------------------
# CON-2: the additional advisers for non-metropolitan territories; CON-3b: the other persons


def territory_advisers(persons: tuple[Person, ...]) -> list[Finding]:
    """CON-2, Constitution art. 3(3): a Member responsible for the international relations of
    non-metropolitan territories may appoint additional advisers to each of its delegates, as
    representatives of such a territory (a) or to advise on matters concerning
    non-self-governing territories (b).

    Each says which territory (or territories) it is for; and since only such a Member may
    appoint them, the finding asks the Office to check that it is one (the rules do not know
    which Members are).
    """
    findings = []
    for adviser in (p for p in persons if p.role is Role.TERRITORY_ADVISER and p.admitted):
        if not adviser.represents.strip():
            findings.append(Finding("CON-2", CONSTITUTION_3_3, Severity.WARNING, text(
                "Additional adviser %(adviser)s: say which non-metropolitan territory they "
                "represent or advise on.",
                adviser=adviser.id)))
        else:
            findings.append(Finding("CON-2", CONSTITUTION_3_3, Severity.INFO, text(
                "Additional adviser %(adviser)s for %(territory)s: not counted against the "
                "limit of advisers. Only a Member responsible for the international relations "
                "of that territory may appoint them.",
                adviser=adviser.id, territory=adviser.represents.strip())))
    return findings


def persons_admitted_to_sittings(persons: tuple[Person, ...]) -> list[Finding]:
    """CON-3b (Constitution arts 12(2), 18; SO-2021 art. 2): besides delegates and
    advisers, the sittings admit Ministers who are not delegates and the persons
    accompanying them, and the representatives of a State or province of a federal State.
    They speak and vote as neither delegates nor advisers; they come with the Member's
    Government, so they are listed in the Government group; a representative names the State
    or province represented.
    """
    findings = []
    for person in (p for p in persons if p.admitted):
        if person.role in GOVERNMENT_ONLY_ROLES and person.group is not Group.GOVERNMENT:
            findings.append(Finding("CON-3b", ADMISSION_TO_SITTINGS, Severity.WARNING, text(
                "%(person)s is admitted to the sittings with the Member's Government (a "
                "Minister, a person accompanying a Minister, or a representative of a State or "
                "province of a federal State): list them in the Government group.",
                person=person.id)))
        if person.role is Role.STATE_REPRESENTATIVE and not person.represents.strip():
            findings.append(Finding("CON-3b", ADMISSION_TO_SITTINGS, Severity.WARNING, text(
                "Representative %(person)s: say which State or province of the federal State "
                "they represent.",
                person=person.id)))
    return findings


# ---------------------------------------------------------------------------------------------
# CRED-1: the deposit of credentials; GEN-4: gender balance


def credentials_deadline(opening: date, own_deadline: date | None = None) -> date:
    """CRED-1 (ILC Standing Orders (2008) art. 26; practice): credentials are due 21 days
    before the opening, unless the session sets its own deadline."""
    if own_deadline is not None:
        return own_deadline
    return dates.days_before(opening, days=CREDENTIALS_DAYS_BEFORE_OPENING)


def credentials_late(received_on: date | None, deadline: date) -> bool:
    """CRED-1: received after the deadline (credentials not yet received are not late)."""
    return received_on is not None and received_on > deadline


def credentials_timeliness(received_on: date | None, session: SessionFacts) -> list[Finding]:
    """CRED-1: credentials received after the deadline are reported as late."""
    due = credentials_deadline(session.opening, session.credentials_deadline)
    deadline = dates.written(due)  # in words, in each language's own order
    if received_on is None:
        return [Finding("CRED-1", CREDENTIALS_DEADLINE, Severity.INFO, text(
            "Credentials not yet received; they are due by %(deadline)s.",
            deadline=deadline))]
    if not credentials_late(received_on, due):
        return []
    basis = (text("the session's own deadline")
             if session.credentials_deadline is not None else
             text("21 days before the opening"))
    received = dates.written(received_on)
    return [Finding("CRED-1", CREDENTIALS_DEADLINE, Severity.WARNING, text(
        "Credentials received late: on %(received)s, after the deadline of %(deadline)s "
        "(%(basis)s).",
        received=received, deadline=deadline, basis=basis))]


def _women_and_total(persons: tuple[Person, ...]) -> tuple[int, int]:
    # The target counts the accredited delegates and advisers; a refused person is not.
    counted = [p for p in persons if p.admitted and (p.is_delegate or p.is_adviser)]
    return sum(p.gender is Gender.FEMALE for p in counted), len(counted)


def women_share(persons: tuple[Person, ...]) -> Fraction | None:
    """GEN-4: the share of women among the admitted delegates and advisers; None if none."""
    women, total = _women_and_total(persons)
    return Fraction(women, total) if total else None


def gender_balance(persons: tuple[Person, ...]) -> list[Finding]:
    """GEN-4: the Governing Body's target is at least 30 % women in each delegation."""
    women, total = _women_and_total(persons)
    if not total or Fraction(women, total) >= WOMEN_TARGET:
        return []
    # Round down, so that a delegation short of the target never reads as "30%".
    percent = women * 100 // total
    return [Finding("GEN-4", GENDER_BALANCE, Severity.WARNING, text(
        "Women are %(percent)s%% of the delegates and advisers (%(women)s of %(total)s); the "
        "target is at least 30%%.",
        percent=percent, women=women, total=total))]
