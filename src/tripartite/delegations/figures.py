"""The figures of persons *accredited* that the Credentials Committee reports (CRED-4), from
the rules' verdicts.

Members accredited, delegates and advisers by group, Ministers apart from the other persons
attending, women's share by group and by role (GEN-4, flagging delegations under 30 %),
incomplete delegations (CON-4), late credentials (CRED-1) and the accredited delegates
entitled to vote. Computed from ``review_selectors.session_review``, so a fixed number of
queries whatever the number of delegations.

Persons *registered* and the quorum base counted from them (ILC-3) are the registration
app's, a floor above: ``registration.figures.credentials_figures`` builds the Committee's page
from these figures and its own.

Only delegations whose credentials were received count (submitted, at whatever stage of the
Office's review); a delegation still being prepared by its focal point is not accredited.
Persons refused admission (Constitution art. 3(9)) are not counted.
"""

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from django.utils.translation import gettext as _

from tripartite.common.text import sort_key
from tripartite.constituents.models import MemberState
from tripartite.delegations.review_selectors import EvaluatedDelegation, session_review
from tripartite.rules import delegations as rules

GROUPS = (rules.Group.GOVERNMENT, rules.Group.EMPLOYERS, rules.Group.WORKERS)
DELEGATE, ADVISER, MINISTER, OTHER = "delegate", "adviser", "minister", "other"


def role_kind(role: str) -> str:
    """How the Committee's reports count a role: delegates; advisers (substitutes and the
    additional advisers for non-metropolitan territories included); Ministers attending the
    Conference; the other persons attending (persons accompanying a Minister,
    representatives of a State or province of a federal State, observers, others)."""
    person_role = rules.Role(role)
    if person_role is rules.Role.DELEGATE:
        return DELEGATE
    if person_role in rules.ADVISER_ROLES:
        return ADVISER
    return MINISTER if person_role is rules.Role.MINISTER else OTHER


def percent(share: Fraction | None) -> str:
    """A share as a whole percentage, rounded down like the rules' own messages (29.9 → 29)."""
    if share is None:
        return "—"
    return f"{share.numerator * 100 // share.denominator}%"


def _share(women: int, total: int) -> Fraction | None:
    return Fraction(women, total) if total else None


@dataclass
class Headcount:
    """Persons of one group (or of all), delegates and advisers apart."""

    label: str
    delegates: int = 0
    women_delegates: int = 0
    advisers: int = 0
    women_advisers: int = 0

    @property
    def total(self) -> int:
        return self.delegates + self.advisers

    @property
    def women(self) -> int:
        return self.women_delegates + self.women_advisers

    @property
    def share_delegates(self) -> Fraction | None:
        return _share(self.women_delegates, self.delegates)

    @property
    def share_advisers(self) -> Fraction | None:
        return _share(self.women_advisers, self.advisers)

    @property
    def share(self) -> Fraction | None:
        return _share(self.women, self.total)

    def add(self, person: rules.Person) -> None:
        woman = person.gender is rules.Gender.FEMALE
        if person.is_delegate:
            self.delegates += 1
            self.women_delegates += woman
        elif person.is_adviser:
            self.advisers += 1
            self.women_advisers += woman


@dataclass(frozen=True)
class ListedDelegation:
    """A delegation named in one of the Committee's lists, with what puts it there."""

    evaluated: EvaluatedDelegation
    share: Fraction | None = None
    women: int = 0
    total: int = 0
    missing: tuple[str, ...] = ()

    @property
    def delegation(self):
        return self.evaluated.delegation

    @property
    def member_state(self):
        return self.evaluated.delegation.member_state


@dataclass
class Figures:
    session: object
    deadline: date
    member_states: int
    accredited: int
    by_group: list[Headcount]
    all_groups: Headcount
    ministers: int  # Ministers attending the Conference, counted apart
    others: int  # persons accompanying them, representatives of States, observers, others
    under_target: list[ListedDelegation] = field(default_factory=list)
    incomplete: list[ListedDelegation] = field(default_factory=list)
    late: list[ListedDelegation] = field(default_factory=list)
    # The accredited delegates the rules entitle to vote: nomination id -> group.
    voters: dict[int, str] = field(default_factory=dict)

    @property
    def entitled(self) -> rules.Votes:
        """The accredited delegates entitled to vote, by group (registered or not)."""
        groups = list(self.voters.values())
        return rules.Votes(**{g.value: groups.count(g.value) for g in GROUPS})

    @property
    def entitled_total(self) -> int:
        return len(self.voters)


def group_labels() -> dict[rules.Group, str]:
    return {rules.Group.GOVERNMENT: _("Government"), rules.Group.EMPLOYERS: _("Employers"),
            rules.Group.WORKERS: _("Workers")}


def session_figures(session, *, member_states: int | None = None) -> Figures:
    """The Committee's figures for ``session`` (seven queries, whatever its size)."""
    review = session_review(session)
    labels = group_labels()
    by_group = {group: Headcount(labels[group]) for group in GROUPS}
    everyone = Headcount(_("All groups"))
    ministers = others = 0
    under_target, incomplete, late = [], [], []
    voters: dict[int, str] = {}
    received = [e for e in review.delegations if e.submitted]
    for evaluated in received:
        counted = [p for p in evaluated.facts.persons if p.admitted]
        for person in counted:
            kind = role_kind(person.role)
            if kind in (DELEGATE, ADVISER):
                by_group[person.group].add(person)
                everyone.add(person)
            elif kind == MINISTER:
                ministers += 1
            else:
                others += 1
        share = rules.women_share(evaluated.facts.persons)
        if share is not None and share < rules.WOMEN_TARGET:
            listed = [p for p in counted if p.is_delegate or p.is_adviser]
            under_target.append(ListedDelegation(
                evaluated, share=share, total=len(listed),
                women=sum(p.gender is rules.Gender.FEMALE for p in listed)))
        present = {p.group for p in counted if p.is_delegate}
        missing = tuple(labels[g] for g in rules.NON_GOVERNMENT if g not in present)
        if missing:
            incomplete.append(ListedDelegation(evaluated, missing=missing))
        if evaluated.late:
            late.append(ListedDelegation(evaluated))
        groups = {p.id: p.group.value for p in evaluated.facts.persons}
        voters.update({pk: groups[pk] for pk in evaluated.verdict.voters})

    def by_name(item):
        return sort_key(str(item.member_state))

    return Figures(
        session=session, deadline=review.deadline,
        member_states=(member_states if member_states is not None
                       else MemberState.objects.count()),
        accredited=len(received),
        by_group=list(by_group.values()), all_groups=everyone, ministers=ministers,
        others=others,
        under_target=sorted(under_target, key=lambda i: (i.share, by_name(i))),
        incomplete=sorted(incomplete, key=by_name),
        late=sorted(late, key=lambda i: (i.delegation.received_on, by_name(i))),
        voters=voters,
    )

