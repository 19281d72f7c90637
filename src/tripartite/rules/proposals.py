"""Proposals for symposia, seminars, workshops and similar meetings (MTG-2, MTG-3, GEN-4).

Such meetings are approved by the Officers of the Governing Body and reported to the Governing
Body in an information document ("Approved symposia, seminars, workshops and similar
meetings"). A proposal is checked against the rules below before it goes to the Officers; each
rule can be switched off, given another severity or another parameter by the secretariat
(``RuleSetting``), and an ``error`` blocks the submission to the Officers.

| rule | default | parameter |
|---|---|---|
| MTG-3-COMPLETE | error | |
| MTG-2-PARITY | error | |
| MTG-2-CONSULTED | error | |
| MTG-3-LEAD-TIME | error | weeks before the start (8) |
| MTG-3-DECIDED | error | |
| MTG-3-CLASH | warning | |
| MTG-3-FINANCING | error | |
| MTG-3-LANGUAGE | error | |
| GEN-4-RESOURCE | warning | per cent of women among resource persons (30) |

Everything comes in as frozen values; the date of the evaluation (``as_of``) is passed in,
never read from the clock; the country codes that exist are passed in too (the caller knows
them: the member States in the database, or the list shipped with the package).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from tripartite.rules import dates
from tripartite.rules.catalogue import text
from tripartite.rules.findings import Finding, Severity


class MeetingType(StrEnum):
    SYMPOSIUM = "symposium"
    SEMINAR = "seminar"
    WORKSHOP = "workshop"
    COLLOQUIUM = "colloquium"
    TECHNICAL_MEETING = "technical_meeting"
    MEETING_OF_EXPERTS = "meeting_of_experts"
    SIMILAR_MEETING = "similar_meeting"


MEETING_TYPE_NAMES = {
    MeetingType.SYMPOSIUM: text("Symposium"),
    MeetingType.SEMINAR: text("Seminar"),
    MeetingType.WORKSHOP: text("Workshop"),
    MeetingType.COLLOQUIUM: text("Colloquium"),
    MeetingType.TECHNICAL_MEETING: text("Technical meeting"),
    MeetingType.MEETING_OF_EXPERTS: text("Meeting of experts"),
    MeetingType.SIMILAR_MEETING: text("Similar meeting"),
}


class FundingSource(StrEnum):
    REGULAR_BUDGET = "regular_budget"
    EXTRA_BUDGETARY = "extra_budgetary"
    OTHER = "other"


FUNDING_SOURCE_NAMES = {
    FundingSource.REGULAR_BUDGET: text("ILO regular budget"),
    FundingSource.EXTRA_BUDGETARY: text("Extra-budgetary resources"),
    FundingSource.OTHER: text("Other"),
}


# The languages of the Organization's documents and interpretation (GEN-3), named in the
# three languages of the information document; any other code is shown as it is.
LANGUAGE_NAMES = {
    "en": text("English"),
    "fr": text("French"),
    "es": text("Spanish"),
    "ar": text("Arabic"),
    "zh": text("Chinese"),
    "ru": text("Russian"),
    "de": text("German"),
    "pt": text("Portuguese"),
}


# ---------------------------------------------------------------------------------------------
# Rule ids, their provisions and defaults

COMPLETE = "MTG-3-COMPLETE"
PARITY = "MTG-2-PARITY"
CONSULTED = "MTG-2-CONSULTED"
LEAD_TIME = "MTG-3-LEAD-TIME"
DECIDED = "MTG-3-DECIDED"
CLASH = "MTG-3-CLASH"
FINANCING = "MTG-3-FINANCING"
LANGUAGE = "MTG-3-LANGUAGE"
WOMEN_RESOURCE_PERSONS = "GEN-4-RESOURCE"

PROVISIONS = {
    COMPLETE: "GB Officers' approval of symposia, seminars, workshops and similar meetings; "
              "contents of each entry of the information document (e.g. GB.349/INS/INF/1)",
    PARITY: "Standing Orders for technical meetings and meetings of experts (GB.334, 2018): "
            "equal numbers for the Employers' and Workers' groups",
    CONSULTED: "Standing Orders for technical meetings and meetings of experts (GB.334, "
               "2018): consultation of the Employers' and Workers' groups",
    LEAD_TIME: "Office practice for proposals to the Officers of the Governing Body "
               "(lead time set by the secretariat)",
    DECIDED: "Approval by the Officers of the Governing Body before the meeting",
    CLASH: "Programme of meetings approved by the Officers of the Governing Body",
    FINANCING: "Information document on approved meetings: financing, source and amount "
               "(e.g. GB.349/INS/INF/1)",
    LANGUAGE: "Information document on approved meetings: working languages "
              "(e.g. GB.349/INS/INF/1)",
    WOMEN_RESOURCE_PERSONS: "Gender balance: at least 30 % women (Governing Body, 332nd "
                            "Session, March 2018; ILC resolutions on gender equality)",
}

RULES = tuple(PROVISIONS)

RULE_TITLES = {
    COMPLETE: text("Every field of the proposal is filled in"),
    PARITY: text("Employers' and Workers' participants in equal numbers (tripartite meeting)"),
    CONSULTED: text("Both group secretariats consulted before the Officers"),
    LEAD_TIME: text("Submitted early enough before the meeting (weeks)"),
    DECIDED: text("Decided before the meeting starts"),
    CLASH: text("No overlap with a session of the Conference or the Governing Body"),
    FINANCING: text("Financing with a positive amount, and a donor if extra-budgetary"),
    LANGUAGE: text("At least one working language"),
    WOMEN_RESOURCE_PERSONS: text("Share of women among resource persons (per cent)"),
}


@dataclass(frozen=True)
class RuleSetting:
    """What the secretariat chose for one rule: on or off, its severity, its parameter."""

    enabled: bool = True
    severity: Severity = Severity.ERROR
    parameter: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "severity", Severity(self.severity))


DEFAULT_SETTINGS: dict[str, RuleSetting] = {
    COMPLETE: RuleSetting(),
    PARITY: RuleSetting(),
    CONSULTED: RuleSetting(),
    LEAD_TIME: RuleSetting(parameter=8),
    DECIDED: RuleSetting(),
    CLASH: RuleSetting(severity=Severity.WARNING),
    FINANCING: RuleSetting(),
    LANGUAGE: RuleSetting(),
    WOMEN_RESOURCE_PERSONS: RuleSetting(severity=Severity.WARNING, parameter=30),
}

# The rules whose parameter means something, with the range it may take.
PARAMETER_RANGES = {LEAD_TIME: (0, 104), WOMEN_RESOURCE_PERSONS: (0, 100)}

# The rules about the proposal's own content: an error among them keeps a unit from
# submitting (the others concern the pipeline: consultation, lead time, the decision).
CONTENT_RULES = frozenset({COMPLETE, PARITY, FINANCING, LANGUAGE})


# ---------------------------------------------------------------------------------------------
# The values a proposal is evaluated on


@dataclass(frozen=True)
class Place:
    country: str | None = None  # ISO 3166-1 alpha-2
    city: str = ""
    online: bool = False


@dataclass(frozen=True)
class Composition:
    """Numbers of participants; None where the proposal does not say yet."""

    government: int | None = None
    employers: int | None = None
    workers: int | None = None
    resource_persons: int | None = None
    resource_persons_women: int | None = None
    observers: int | None = None


COMPOSITION_FIELDS = ("government", "employers", "workers", "resource_persons",
                      "resource_persons_women", "observers")


@dataclass(frozen=True)
class Funding:
    source: FundingSource
    amount: Decimal | None = None
    currency: str = ""
    donor: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "source", FundingSource(self.source))


@dataclass(frozen=True)
class OfficialSession:
    """A session of the Conference or of the Governing Body (for the clash check)."""

    name: str
    start: date
    end: date


@dataclass(frozen=True)
class Proposal:
    type: MeetingType | None = None
    title: str = ""
    purpose: str = ""
    standards_relevance: str = ""
    start: date | None = None
    end: date | None = None
    submitted_on: date | None = None
    place: Place = field(default_factory=Place)
    coverage: tuple[str, ...] = ()
    tripartite: bool | None = None
    composition: Composition = field(default_factory=Composition)
    financing: tuple[Funding, ...] = ()
    languages: tuple[str, ...] = ()
    consulted_employers: date | None = None
    consulted_workers: date | None = None
    decided_on: date | None = None
    # Known only in the database: who answers for the meeting, and its concept note.
    # None means "not asked" (the command leaves them out); "" or False means missing.
    responsible_unit: str | None = None
    responsible_officer: str | None = None
    concept_note: bool | None = None
    official_sessions: tuple[OfficialSession, ...] = ()

    def __post_init__(self) -> None:
        if self.type is not None:
            object.__setattr__(self, "type", MeetingType(self.type))


@dataclass(frozen=True)
class ProposalVerdict:
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == Severity.ERROR)

    @property
    def ready_for_officers(self) -> bool:
        """True when no error remains: the proposal may go to the Officers."""
        return not self.errors

    @property
    def ready_to_submit(self) -> bool:
        """True when no error of the proposal's own content remains (CONTENT_RULES)."""
        return not any(f.rule in CONTENT_RULES for f in self.errors)


# ---------------------------------------------------------------------------------------------
# The rules


# What each field is called in a message, in the three languages.
FIELD_NAMES = {
    "type": text("type of meeting"),
    "title": text("title"),
    "purpose": text("purpose"),
    "standards_relevance": text("relevance to international labour standards"),
    "start": text("start date"),
    "end": text("end date"),
    "place": text("place (country and city, or online)"),
    "coverage": text("geographical coverage"),
    "tripartite": text("whether the meeting is tripartite"),
    "government": text("number of Government participants"),
    "employers": text("number of Employers' participants"),
    "workers": text("number of Workers' participants"),
    "resource_persons": text("number of resource persons"),
    "resource_persons_women": text("number of women among the resource persons"),
    "observers": text("number of observers"),
    "financing": text("financing"),
    "amount": text("amount of the financing"),
    "currency": text("currency of the financing"),
    "responsible_unit": text("responsible unit"),
    "responsible_officer": text("responsible officer"),
    "concept_note": text("concept note"),
}


def missing_fields(proposal: Proposal) -> tuple[str, ...]:
    """The fields a complete proposal must fill in and this one does not, in form order."""
    missing = []
    for name in ("type", "title", "purpose", "standards_relevance", "start", "end"):
        value = getattr(proposal, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            missing.append(name)
    place = proposal.place
    if not place.online and not (place.country and place.city.strip()):
        missing.append("place")
    if not proposal.coverage:
        missing.append("coverage")
    if proposal.tripartite is None:
        missing.append("tripartite")
    missing += [name for name in COMPOSITION_FIELDS
                if getattr(proposal.composition, name) is None]
    if not proposal.financing:
        missing.append("financing")
    for funding in proposal.financing:
        if funding.amount is None and "amount" not in missing:
            missing.append("amount")
        if not funding.currency and "currency" not in missing:
            missing.append("currency")
    for name in ("responsible_unit", "responsible_officer", "concept_note"):
        value = getattr(proposal, name)
        if value is not None and not (value.strip() if isinstance(value, str) else value):
            missing.append(name)
    return tuple(missing)


def completeness(proposal: Proposal, setting: RuleSetting) -> list[Finding]:
    """MTG-3: every entry of the information document needs these fields; one finding per
    missing field, naming it."""
    return [
        Finding(COMPLETE, PROVISIONS[COMPLETE], setting.severity, text(
            "Missing: %(field)s.",
            field=FIELD_NAMES[name]))
        for name in missing_fields(proposal)
    ]


def parity(proposal: Proposal, setting: RuleSetting) -> list[Finding]:
    """MTG-2: a tripartite meeting has as many Employers' as Workers' participants."""
    employers, workers = proposal.composition.employers, proposal.composition.workers
    if not proposal.tripartite or employers is None or workers is None or employers == workers:
        return []
    return [Finding(PARITY, PROVISIONS[PARITY], setting.severity, text(
        "The meeting is tripartite but its Employers' and Workers' participants differ in number "
        "(Employers: %(employers)s, Workers: %(workers)s): the two groups must be equal in "
        "number.",
        employers=employers, workers=workers))]


def consultation(proposal: Proposal, setting: RuleSetting) -> list[Finding]:
    """MTG-2: the Employers' and Workers' group secretariats are consulted before the
    proposal goes to the Officers."""
    findings = []
    names = {"employers": text("Employers' group"),
             "workers": text("Workers' group")}
    for group, consulted in (("employers", proposal.consulted_employers),
                             ("workers", proposal.consulted_workers)):
        if consulted is None:
            findings.append(Finding(CONSULTED, PROVISIONS[CONSULTED], setting.severity, text(
                "The secretariat of the %(group)s has not been consulted yet.",
                group=names[group])))
    return findings


def lead_time(proposal: Proposal, setting: RuleSetting, as_of: date | None) -> list[Finding]:
    """Submitted at least ``parameter`` weeks (default 8) before the meeting starts; a
    proposal not yet submitted is measured on ``as_of``."""
    weeks = setting.parameter if setting.parameter is not None else 8
    on = proposal.submitted_on or as_of
    if proposal.start is None or on is None:
        return []
    latest = dates.days_before(proposal.start, weeks=weeks)
    if on <= latest:
        return []
    days = (proposal.start - on).days
    verb = text("was submitted") if proposal.submitted_on \
        else text("is being prepared")
    return [Finding(LEAD_TIME, PROVISIONS[LEAD_TIME], setting.severity, text(
        "The proposal %(verb)s %(days)s days before the meeting starts; it should have been "
        "submitted at least %(weeks)s weeks before, by %(latest)s.",
        verb=verb, days=days, weeks=weeks, latest=dates.written(latest)))]


def decided_in_time(proposal: Proposal, setting: RuleSetting,
                    as_of: date | None) -> list[Finding]:
    """The Officers decide before the meeting starts: the decision's date, or, while no
    decision is recorded, the date of the evaluation, must come before the start."""
    if proposal.start is None:
        return []
    if proposal.decided_on is not None:
        if proposal.decided_on < proposal.start:
            return []
        return [Finding(DECIDED, PROVISIONS[DECIDED], setting.severity, text(
            "The Officers decided on %(decided_on)s, not before the meeting started on %(start)s.",
            decided_on=dates.written(proposal.decided_on), start=dates.written(proposal.start)))]
    if as_of is None or as_of < proposal.start:
        return []
    return [Finding(DECIDED, PROVISIONS[DECIDED], setting.severity, text(
        "The meeting starts on %(start)s and the Officers have not decided: they can no longer "
        "decide before it starts.",
        start=dates.written(proposal.start)))]


def clash(proposal: Proposal, setting: RuleSetting) -> list[Finding]:
    """No overlap with a session of the Conference or of the Governing Body (dates
    inclusive: a meeting that ends on the day a session opens overlaps it)."""
    if proposal.start is None or proposal.end is None:
        return []
    return [
        Finding(CLASH, PROVISIONS[CLASH], setting.severity, text(
            "The meeting (%(start)s to %(end)s) overlaps %(session)s (%(session_start)s to "
            "%(session_end)s).",
            start=dates.written(proposal.start), end=dates.written(proposal.end),
            session=session.name,
            session_start=dates.written(session.start),
            session_end=dates.written(session.end)))
        for session in proposal.official_sessions
        if session.start <= proposal.end and proposal.start <= session.end
    ]


def financing(proposal: Proposal, setting: RuleSetting) -> list[Finding]:
    """Each source of financing has a positive amount; extra-budgetary funds name a donor."""
    findings = []
    for number, funding in enumerate(proposal.financing, start=1):
        source = FUNDING_SOURCE_NAMES[funding.source]
        if funding.amount is not None and funding.amount <= 0:
            findings.append(Finding(FINANCING, PROVISIONS[FINANCING], setting.severity, text(
                "Financing %(number)s (%(source)s) has no positive amount: %(amount)s.",
                number=number, source=source, amount=str(funding.amount))))
        if funding.source == FundingSource.EXTRA_BUDGETARY and not funding.donor.strip():
            findings.append(Finding(FINANCING, PROVISIONS[FINANCING], setting.severity, text(
                "Financing %(number)s is extra-budgetary: name the donor.",
                number=number)))
    return findings


def working_language(proposal: Proposal, setting: RuleSetting) -> list[Finding]:
    if proposal.languages:
        return []
    return [Finding(LANGUAGE, PROVISIONS[LANGUAGE], setting.severity, text(
        "No working language is given."))]


def women_resource_persons(proposal: Proposal, setting: RuleSetting) -> list[Finding]:
    """GEN-4: a share of women among the resource persons below ``parameter`` per cent
    (default 30) is flagged; exactly at it is not."""
    target = setting.parameter if setting.parameter is not None else 30
    persons = proposal.composition.resource_persons
    women = proposal.composition.resource_persons_women
    if not persons or women is None or Fraction(women, persons) >= Fraction(target, 100):
        return []
    share = women * 100 // persons
    return [Finding(WOMEN_RESOURCE_PERSONS, PROVISIONS[WOMEN_RESOURCE_PERSONS],
                    setting.severity, text(
                        "%(women)s of the %(persons)s resource persons are women (%(share)s %%), "
                        "below the target of %(target)s %%.",
                        women=women, persons=persons, share=share, target=target))]


def settings_with_defaults(settings: Mapping[str, RuleSetting] | None) -> dict[str, RuleSetting]:
    """The secretariat's settings, the defaults for every rule it has not set."""
    merged = dict(DEFAULT_SETTINGS)
    for rule, setting in (settings or {}).items():
        if rule not in DEFAULT_SETTINGS:
            raise ValueError(f"unknown rule: {rule}")
        if setting.parameter is None and DEFAULT_SETTINGS[rule].parameter is not None:
            setting = replace(setting, parameter=DEFAULT_SETTINGS[rule].parameter)
        merged[rule] = setting
    return merged


def evaluate_proposal(proposal: Proposal, *, settings: Mapping[str, RuleSetting] | None = None,
                      as_of: date | None = None) -> ProposalVerdict:
    """Apply every enabled rule with its severity and parameter; ``as_of`` is the date of the
    evaluation (lead time and decision of a proposal not yet submitted or decided)."""
    chosen = settings_with_defaults(settings)
    checks: tuple[tuple[str, Callable[[RuleSetting], list[Finding]]], ...] = (
        (COMPLETE, lambda s: completeness(proposal, s)),
        (PARITY, lambda s: parity(proposal, s)),
        (CONSULTED, lambda s: consultation(proposal, s)),
        (LEAD_TIME, lambda s: lead_time(proposal, s, as_of)),
        (DECIDED, lambda s: decided_in_time(proposal, s, as_of)),
        (CLASH, lambda s: clash(proposal, s)),
        (FINANCING, lambda s: financing(proposal, s)),
        (LANGUAGE, lambda s: working_language(proposal, s)),
        (WOMEN_RESOURCE_PERSONS, lambda s: women_resource_persons(proposal, s)),
    )
    findings: list[Finding] = []
    for rule, check in checks:
        if chosen[rule].enabled:
            findings += check(chosen[rule])
    return ProposalVerdict(findings=tuple(findings))
