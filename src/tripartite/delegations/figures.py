"""The figures the Credentials Committee reports (CRED-4), from the rules' verdicts.

Members accredited, delegates and advisers by group, women's share by group and by role
(GEN-4, flagging delegations under 30 %), incomplete delegations (CON-4), late credentials
(CRED-1) and the quorum base (ILC-3). Computed from ``review_selectors.session_review``, so
a fixed number of queries whatever the number of delegations.

Only delegations whose credentials were received count (submitted, at whatever stage of the
Office's review); a delegation still being prepared by its focal point is not accredited.
Persons refused admission (Constitution art. 3(9)) are not counted.
"""

import math
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from django.utils.translation import gettext as _

from tripartite.common import exports
from tripartite.common.text import sort_key
from tripartite.constituents.models import MemberState
from tripartite.delegations.review_selectors import EvaluatedDelegation, session_review
from tripartite.rules import delegations as rules

GROUPS = (rules.Group.GOVERNMENT, rules.Group.EMPLOYERS, rules.Group.WORKERS)


def percent(share: Fraction | None) -> str:
    """A share as a whole percentage, rounded down like the rules' own messages (29.9 → 29)."""
    if share is None:
        return "—"
    return f"{math.floor(share * 100)}%"


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
    others: int  # ministers, persons accompanying them, other persons attending
    under_target: list[ListedDelegation] = field(default_factory=list)
    incomplete: list[ListedDelegation] = field(default_factory=list)
    late: list[ListedDelegation] = field(default_factory=list)
    quorum_base: rules.Votes = field(default_factory=rules.Votes)

    @property
    def quorum_base_total(self) -> int:
        return self.quorum_base.government + self.quorum_base.employers + self.quorum_base.workers

    @property
    def quorum(self) -> int:
        """ILC-3 default: half the delegates entitled to vote, rounded up."""
        return math.ceil(self.quorum_base_total / 2)

    @property
    def quorum_by_group(self) -> list[tuple[str, int]]:
        labels = group_labels()
        return [(labels[g], getattr(self.quorum_base, g.value)) for g in GROUPS]


def group_labels() -> dict[rules.Group, str]:
    return {rules.Group.GOVERNMENT: _("Government"), rules.Group.EMPLOYERS: _("Employers"),
            rules.Group.WORKERS: _("Workers")}


def session_figures(session, *, member_states: int | None = None) -> Figures:
    """The Committee's figures for ``session`` (seven queries, whatever its size)."""
    review = session_review(session)
    labels = group_labels()
    by_group = {group: Headcount(labels[group]) for group in GROUPS}
    everyone = Headcount(_("All groups"))
    others = 0
    under_target, incomplete, late = [], [], []
    votes = dict.fromkeys(GROUPS, 0)
    received = [e for e in review.delegations if e.submitted]
    for evaluated in received:
        counted = [p for p in evaluated.facts.persons if p.admitted]
        for person in counted:
            if person.is_delegate or person.is_adviser:
                by_group[person.group].add(person)
                everyone.add(person)
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
        for group in GROUPS:
            votes[group] += getattr(evaluated.verdict.votes, group.value)

    def by_name(item):
        return sort_key(str(item.member_state))

    return Figures(
        session=session, deadline=review.deadline,
        member_states=(member_states if member_states is not None
                       else MemberState.objects.count()),
        accredited=len(received),
        by_group=list(by_group.values()), all_groups=everyone, others=others,
        under_target=sorted(under_target, key=lambda i: (i.share, by_name(i))),
        incomplete=sorted(incomplete, key=by_name),
        late=sorted(late, key=lambda i: (i.delegation.received_on, by_name(i))),
        quorum_base=rules.Votes(**{g.value: n for g, n in votes.items()}),
    )


def figures_csv(figures: Figures) -> bytes:
    """The figures as CSV: one section per table, headings in the user's language."""
    writer = exports.CsvWriter()
    writer.writerow([_("Credentials Committee — figures"), str(figures.session)])
    writer.writerow([_("Member States accredited"), figures.accredited, figures.member_states])
    writer.writerow([])
    writer.writerow([_("Group"), _("Delegates"), _("Women delegates"),
                     _("Advisers"), _("Women advisers"), _("Total"), _("Women"),
                     _("Share of women (delegates)"), _("Share of women (advisers)"),
                     _("Share of women")])
    for row in [*figures.by_group, figures.all_groups]:
        writer.writerow([row.label, row.delegates, row.women_delegates, row.advisers,
                         row.women_advisers, row.total, row.women, percent(row.share_delegates),
                         percent(row.share_advisers), percent(row.share)])
    writer.writerow([_("Other persons attending"), figures.others])
    writer.writerow([])
    writer.writerow([_("Quorum base: delegates entitled to vote"), figures.quorum_base_total])
    for label, number in figures.quorum_by_group:
        writer.writerow([label, number])
    writer.writerow([_("Quorum (half the delegates entitled to vote)"), figures.quorum])
    writer.writerow([])
    writer.writerow([_("Delegations under 30% women"), _("ISO"), _("Women"), _("Total"),
                     _("Share of women")])
    for item in figures.under_target:
        writer.writerow([str(item.member_state), item.member_state.iso3, item.women,
                         item.total, percent(item.share)])
    writer.writerow([])
    writer.writerow([_("Incomplete delegations"), _("ISO"), _("Missing")])
    for item in figures.incomplete:
        writer.writerow([str(item.member_state), item.member_state.iso3,
                         "; ".join(str(m) for m in item.missing)])
    writer.writerow([])
    writer.writerow([_("Late credentials"), _("ISO"), _("Received on"), _("Deadline")])
    for item in figures.late:
        writer.writerow([str(item.member_state), item.member_state.iso3,
                         item.delegation.received_on.isoformat(), figures.deadline.isoformat()])
    return writer.content()
