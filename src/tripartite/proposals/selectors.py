"""Reads that the pages, the API and the services share, and the one place where a proposal in
the database becomes the plain values the rules take (``proposal_facts``)."""

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from tripartite.meetings.calendar import local_days
from tripartite.meetings.models import MeetingType, Session
from tripartite.proposals.models import (
    Consultation,
    Funding,
    MeetingProposal,
    ProposalRuleSetting,
    StateChange,
)
from tripartite.rules import proposals as rules
from tripartite.rules.findings import Severity

OFFICIAL_TYPES = (MeetingType.ILC, MeetingType.GB)


def proposals_with_facts() -> QuerySet[MeetingProposal]:
    """Proposals with everything the rules and the pages read, in a fixed few queries."""
    return MeetingProposal.objects.select_related("country").prefetch_related(
        Prefetch("financing", queryset=Funding.objects.order_by("position", "id")),
        "coverage",
        Prefetch("consultations", queryset=Consultation.objects.select_related("recorded_by")),
    )


def proposal_for_detail(pk: int) -> MeetingProposal:
    return proposals_with_facts().select_related("batch", "session", "created_by").prefetch_related(
        Prefetch("state_changes", queryset=StateChange.objects.select_related("actor"))
    ).get(pk=pk)


def rule_settings() -> dict[str, rules.RuleSetting]:
    """The secretariat's settings (the defaults for rules without a row)."""
    return {row.rule: rules.RuleSetting(enabled=row.enabled,
                                        severity=Severity(row.severity),
                                        parameter=row.parameter)
            for row in ProposalRuleSetting.objects.all()}


def official_sessions(first: dt.date | None = None, last: dt.date | None = None
                      ) -> list[rules.OfficialSession]:
    """Sessions of the Conference and of the Governing Body (one query), by local days;
    narrowed to those that may overlap ``first`` to ``last`` when given."""
    sessions = Session.objects.filter(meeting__type__in=OFFICIAL_TYPES).order_by("opens_at")
    if first is not None:
        sessions = sessions.filter(closes_at__gte=dt.datetime.combine(
            first - dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC))
    if last is not None:
        sessions = sessions.filter(opens_at__lte=dt.datetime.combine(
            last + dt.timedelta(days=2), dt.time(), tzinfo=dt.UTC))
    result = []
    for session in sessions:
        opens, closes = local_days(session)
        result.append(rules.OfficialSession(name=session.title, start=opens, end=closes))
    return result


def coverage_codes(proposal: MeetingProposal) -> list[str]:
    """The ISO codes of the coverage: read in bulk by ``pipeline`` (``_coverage_codes``), or
    from the prefetched member States."""
    codes = getattr(proposal, "_coverage_codes", None)
    return codes if codes is not None else [state.iso2 for state in proposal.coverage.all()]


def _attach_coverage_codes(proposals: list[MeetingProposal]) -> None:
    """One query of (proposal, code) pairs: lists need the codes only, and building a
    member State (with its three names) for each pair costs more than the rules."""
    codes: dict[int, list[str]] = {proposal.pk: [] for proposal in proposals}
    links = MeetingProposal.coverage.through.objects.filter(
        meetingproposal_id__in=codes).values_list("meetingproposal_id", "memberstate__iso2")
    for proposal_id, iso2 in links:
        codes[proposal_id].append(iso2)
    for proposal in proposals:
        # read by ``coverage_codes``: an attribute of this list's instances only
        proposal._coverage_codes = codes[proposal.pk]  # type: ignore[attr-defined]


def proposal_facts(proposal: MeetingProposal, *,
                   sessions: Iterable[rules.OfficialSession] = ()) -> rules.Proposal:
    """The rules' view of ``proposal`` (from proposals_with_facts: no further query)."""
    consulted = {c.group: c.consulted_on for c in proposal.consultations.all()}
    # title_en, purpose_en, standards_relevance_en: modeltranslation's fields, unknown to the
    # stubs
    return rules.Proposal(
        type=rules.MeetingType(proposal.type) if proposal.type else None,
        title=proposal.title_en or "",  # type: ignore[attr-defined]
        purpose=proposal.purpose_en or "",  # type: ignore[attr-defined]
        standards_relevance=proposal.standards_relevance_en or "",  # type: ignore[attr-defined]
        start=proposal.start, end=proposal.end, submitted_on=proposal.submitted_on,
        place=rules.Place(country=proposal.country.iso2 if proposal.country else None,
                          city=proposal.city, online=proposal.online),
        coverage=tuple(sorted(coverage_codes(proposal))),
        tripartite=proposal.tripartite,
        composition=rules.Composition(**{name: getattr(proposal, name)
                                         for name in rules.COMPOSITION_FIELDS}),
        financing=tuple(rules.Funding(source=rules.FundingSource(line.source),
                                      amount=line.amount,
                                      currency=line.currency, donor=line.donor)
                        for line in proposal.financing.all()),
        languages=tuple(proposal.languages or ()),
        consulted_employers=consulted.get("employers"),
        consulted_workers=consulted.get("workers"),
        decided_on=proposal.decided_on if proposal.decision != "deferred" else None,
        responsible_unit=proposal.unit, responsible_officer=proposal.responsible_officer,
        concept_note=bool(proposal.concept_note),
        official_sessions=tuple(s for s in sessions if proposal.start and proposal.end
                                and s.start <= proposal.end and proposal.start <= s.end),
    )


def today() -> dt.date:
    return timezone.localdate()


def evaluate(proposal: MeetingProposal, *, settings: dict[str, rules.RuleSetting] | None = None,
             sessions: Iterable[rules.OfficialSession] | None = None,
             as_of: dt.date | None = None) -> rules.ProposalVerdict:
    """The rules' verdict on one proposal today (or ``as_of``), with the secretariat's
    settings. Pass ``settings`` and ``sessions`` when evaluating many proposals."""
    if sessions is None:
        sessions = official_sessions(proposal.start, proposal.end) if proposal.start else []
    settings = rule_settings() if settings is None else settings
    decided = proposal.state in ("approved", "not_approved", "report_received")
    return rules.evaluate_proposal(proposal_facts(proposal, sessions=sessions),
                                   settings=settings, as_of=None if decided else
                                   (as_of or today()))


@dataclass
class PipelineRow:
    proposal: MeetingProposal
    verdict: rules.ProposalVerdict
    age: dt.timedelta

    @property
    def errors(self) -> int:
        return len(self.verdict.errors)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.verdict.findings if f.severity == "warning")

    @property
    def age_days(self) -> int:
        return self.age.days


def pipeline(queryset: QuerySet[MeetingProposal] | None = None, *, state: str = "",
             unit: str = "") -> list[PipelineRow]:
    """Every proposal of ``queryset`` with its verdict and its age in its state; the number
    of queries does not grow with the number of proposals."""
    proposals = (queryset if queryset is not None else MeetingProposal.objects.all())
    proposals = proposals.select_related("country").prefetch_related(
        Prefetch("financing", queryset=Funding.objects.order_by("position", "id")),
        "consultations").order_by("start", "id")
    if state:
        proposals = proposals.filter(state=state)
    if unit:
        proposals = proposals.filter(unit=unit)
    rows = list(proposals)
    _attach_coverage_codes(rows)
    settings = rule_settings()
    starts = [p.start for p in rows if p.start]
    ends = [p.end for p in rows if p.end]
    sessions = official_sessions(min(starts), max(ends)) if starts and ends else []
    now = timezone.now()
    return [PipelineRow(proposal=p, verdict=evaluate(p, settings=settings, sessions=sessions),
                        age=now - p.state_since) for p in rows]


def time_in_states(proposal: MeetingProposal, *,
                   now: dt.datetime | None = None) -> list[tuple[str, dt.timedelta]]:
    """How long the proposal stayed in each state it went through, in order (the current
    state counts up to ``now``). Reads the prefetched ``state_changes``."""
    now = now or timezone.now()
    changes = list(proposal.state_changes.all())
    spans: list[tuple[str, dt.timedelta]] = []
    for change, following in zip(changes, [*changes[1:], None], strict=True):
        spans.append((change.to_state, (following.at if following else now) - change.at))
    return spans


@dataclass
class Dashboard:
    states: list[str]
    by_unit: list[tuple[str, list[int], int]]  # unit, count per state (in ``states`` order), total
    totals: list[int]
    decided: int
    median_days: float | None  # submission to decision
    longest_days: int | None
    longest: MeetingProposal | None
    submitted: int
    returned: int
    frequent_findings: list[tuple[str, int]]  # rule, number of proposals where it finds

    @property
    def returned_share(self) -> Fraction | None:
        return Fraction(self.returned, self.submitted) if self.submitted else None


def dashboard(queryset: QuerySet[MeetingProposal] | None = None) -> Dashboard:
    """Proposals by state and unit, processing times (first submission to the Officers'
    decision), the share returned for changes and the rules that find most, in a fixed number
    of queries."""
    from statistics import median

    from django.db.models import Count, Min

    from tripartite.proposals.models import ProposalState

    proposals = queryset if queryset is not None else MeetingProposal.objects.all()
    states = list(ProposalState.values)
    cells: Counter[tuple[str, str]] = Counter()
    for unit, state, count in (proposals.values_list("unit", "state")
                               .annotate(n=Count("id")).order_by()):
        cells[unit, state] = count
    units = sorted({unit for unit, _state in cells})
    by_unit = [(unit, [cells[unit, state] for state in states],
                sum(cells[unit, state] for state in states)) for unit in units]
    totals = [sum(cells[unit, state] for unit in units) for state in states]

    changes = StateChange.objects.filter(proposal__in=proposals)
    first_submitted = dict(changes.filter(to_state=ProposalState.SUBMITTED)
                           .values_list("proposal").annotate(first=Min("at")).order_by())
    returned = changes.filter(to_state=ProposalState.RETURNED).values(
        "proposal").distinct().count()
    decided = list(proposals.filter(decision__in=("approved", "not_approved"),
                                    decided_on__isnull=False))
    spans: list[tuple[int, MeetingProposal]] = []
    for proposal in decided:
        submitted = first_submitted.get(proposal.pk)
        if submitted is not None and proposal.decided_on is not None:  # not null: filtered
            spans.append(((proposal.decided_on - timezone.localtime(submitted).date()).days,
                          proposal))
    longest = max(spans, key=lambda span: span[0]) if spans else None

    found: Counter[str] = Counter()
    for row in pipeline(proposals.exclude(state=ProposalState.DRAFT)):
        found.update({finding.rule for finding in row.verdict.findings})
    return Dashboard(
        states=states, by_unit=by_unit, totals=totals, decided=len(spans),
        median_days=median(days for days, _p in spans) if spans else None,
        longest_days=longest[0] if longest else None, longest=longest[1] if longest else None,
        submitted=len(first_submitted), returned=returned,
        frequent_findings=found.most_common(5))
