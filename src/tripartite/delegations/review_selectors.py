"""Reads for the Office's review and the Credentials Committee, in a fixed number of queries.

Every delegation of a session is evaluated by the rules once per page, through
``evaluation.evaluate``: the overview, the review page and the Committee's figures all read
the same verdicts, so they cannot disagree with each other or with ``tripartite rules``.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch

from tripartite.common.text import sort_key
from tripartite.constituents.models import MemberState
from tripartite.delegations import evaluation, selectors
from tripartite.delegations.models import (
    ArrearsStatus,
    CredentialsSettings,
    Delegation,
    DelegationQuery,
    DelegationStatus,
    Nomination,
)
from tripartite.meetings.models import AgendaItem, Session
from tripartite.rules import delegations as rules
from tripartite.rules.findings import Severity


@dataclass
class EvaluatedDelegation:
    """A delegation with what the rules concluded on it."""

    delegation: Delegation
    facts: rules.Delegation
    verdict: rules.DelegationVerdict
    arrears: ArrearsStatus | None
    late: bool
    open_queries: int = 0

    @property
    def errors(self) -> int:
        return sum(1 for f in self.verdict.findings if f.severity == Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.verdict.findings if f.severity == Severity.WARNING)

    @property
    def persons(self) -> int:
        return len(self.facts.persons)

    @property
    def submitted(self) -> bool:
        return self.delegation.submitted


@dataclass
class SessionReview:
    """Everything the session-wide pages need, read once."""

    session: Session
    settings: CredentialsSettings | None
    deadline: date
    arrears: dict[int, ArrearsStatus]
    delegations: list[EvaluatedDelegation] = field(default_factory=list)

    @property
    def arrears_scope(self) -> str:
        return self.settings.arrears_scope if self.settings else "government"


def session_review(session: Session) -> SessionReview:
    """Every delegation of ``session``, evaluated: six queries whatever their number."""
    settings = selectors.credentials_settings(session)
    arrears = selectors.arrears_by_state(session)
    deadline = evaluation.credentials_deadline(session, settings)
    open_queries = dict(
        DelegationQuery.objects.filter(delegation__session=session, answered_at__isnull=True)
        .order_by().values("delegation_id").annotate(n=Count("id"))
        .values_list("delegation_id", "n"))
    scope = settings.arrears_scope if settings else "government"
    evaluated = []
    for delegation in selectors.session_delegations_for_evaluation(session):
        status = arrears.get(delegation.member_state_id)
        facts = evaluation.delegation_facts(delegation, arrears=status, settings=settings)
        evaluated.append(EvaluatedDelegation(
            delegation=delegation, facts=facts,
            # evaluation.evaluate() would rebuild the facts: evaluate them directly.
            verdict=rules.evaluate_delegation(facts, arrears_scope=scope),
            arrears=status,
            late=rules.credentials_late(delegation.received_on, deadline),
            open_queries=open_queries.get(delegation.pk, 0),
        ))
    return SessionReview(session=session, settings=settings, deadline=deadline,
                         arrears=arrears, delegations=evaluated)


# --- the overview: every member State, with or without a delegation -------------------------

@dataclass
class OverviewRow:
    member_state: MemberState
    evaluated: EvaluatedDelegation | None

    @property
    def delegation(self) -> Delegation | None:
        return self.evaluated.delegation if self.evaluated else None

    @property
    def status(self) -> str:
        return self.delegation.status if self.delegation else DelegationStatus.NOT_RECEIVED

    @property
    def status_label(self) -> str:
        return str(DelegationStatus(self.status).label)

    @property
    def in_preparation(self) -> bool:
        """Opened by the focal point, not yet submitted."""
        return bool(self.evaluated and not self.evaluated.submitted
                    and self.evaluated.persons)


SORTS = ("name", "-name", "received", "-received")


def overview_rows(review: SessionReview, *, status: str = "", region: str = "",
                  late: bool = False, with_errors: bool = False,
                  sort: str = "name") -> list[OverviewRow]:
    """One row per member State (one query for the States, on top of ``review``)."""
    by_state = {e.delegation.member_state_id: e for e in review.delegations}
    states = MemberState.objects.all()
    if region:
        states = states.filter(ilo_region=region)
    rows = [OverviewRow(state, by_state.get(state.pk)) for state in states]
    if status:
        rows = [row for row in rows if row.status == status]
    if late:
        rows = [row for row in rows if row.evaluated and row.evaluated.late]
    if with_errors:
        rows = [row for row in rows if row.evaluated and row.evaluated.errors]
    if sort.lstrip("-") == "received":
        # Not received last, whichever the direction.
        dated = [(r.delegation.received_on, r) for r in rows
                 if r.delegation and r.delegation.received_on]
        received = [r for _on, r in sorted(
            dated, key=lambda pair: (pair[0], sort_key(str(pair[1].member_state))),
            reverse=sort.startswith("-"))]
        rest = [r for r in rows if not (r.delegation and r.delegation.received_on)]
        return received + sorted(rest, key=lambda r: sort_key(str(r.member_state)))
    return sorted(rows, key=lambda r: sort_key(str(r.member_state)),
                  reverse=sort.startswith("-"))


# --- one delegation --------------------------------------------------------------------------

def delegation_for_review(pk: int) -> Delegation:
    """A delegation with everything its review page shows, withdrawn nominations included."""
    return (Delegation.objects.select_related("member_state", "session__meeting")
            .prefetch_related(
                Prefetch("nominations", to_attr="all_nominations", queryset=(
                    Nomination.objects.select_related("person", "organisation",
                                                      "adviser_to__person")
                    .prefetch_related(Prefetch("agenda_items",
                                               queryset=AgendaItem.objects.order_by(
                                                   "position", "id"))))),
                Prefetch("nominations", queryset=selectors.nominations_queryset()),
                Prefetch("session__agenda_items",
                         queryset=AgendaItem.objects.order_by("position", "id")),
                Prefetch("queries", queryset=DelegationQuery.objects.select_related(
                    "asked_by", "answered_by")),
                "letters")
            .get(pk=pk))


@dataclass(frozen=True)
class DelegateVote:
    """Whether one delegate votes, and the rules' reasons, ready to show."""

    nomination: Nomination
    votes: bool
    reasons: list[dict[str, str]]  # rule, provision, severity, message


def delegate_votes(nominations: Iterable[Nomination], verdict: rules.DelegationVerdict,
                   language: str) -> list[DelegateVote]:
    """The delegates among ``nominations``, each with the vote and reasons the verdict gives.

    Nominations the verdict does not know (withdrawn ones, non-delegates) are left out.
    """
    by_person = {vote.person: vote for vote in verdict.delegates}
    return [DelegateVote(nomination, vote.votes,
                         [finding.as_dict(language) for finding in vote.reasons])
            for nomination in nominations
            if (vote := by_person.get(nomination.pk)) is not None]
