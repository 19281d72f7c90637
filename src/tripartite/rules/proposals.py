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

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from tripartite.rules.findings import Finding, Severity


def _text(en: str, fr: str, es: str) -> dict[str, str]:
    return {"en": en, "fr": fr, "es": es}


def _codes(text: str) -> frozenset[str]:
    return frozenset(text.split())


class MeetingType(StrEnum):
    SYMPOSIUM = "symposium"
    SEMINAR = "seminar"
    WORKSHOP = "workshop"
    COLLOQUIUM = "colloquium"
    TECHNICAL_MEETING = "technical_meeting"
    MEETING_OF_EXPERTS = "meeting_of_experts"
    SIMILAR_MEETING = "similar_meeting"


MEETING_TYPE_NAMES = {
    MeetingType.SYMPOSIUM: _text("Symposium", "Colloque", "Simposio"),
    MeetingType.SEMINAR: _text("Seminar", "Séminaire", "Seminario"),
    MeetingType.WORKSHOP: _text("Workshop", "Atelier", "Taller"),
    MeetingType.COLLOQUIUM: _text("Colloquium", "Colloque", "Coloquio"),
    MeetingType.TECHNICAL_MEETING: _text("Technical meeting", "Réunion technique",
                                         "Reunión técnica"),
    MeetingType.MEETING_OF_EXPERTS: _text("Meeting of experts", "Réunion d'experts",
                                          "Reunión de expertos"),
    MeetingType.SIMILAR_MEETING: _text("Similar meeting", "Réunion analogue",
                                       "Reunión similar"),
}


class FundingSource(StrEnum):
    REGULAR_BUDGET = "regular_budget"
    EXTRA_BUDGETARY = "extra_budgetary"
    OTHER = "other"


FUNDING_SOURCE_NAMES = {
    FundingSource.REGULAR_BUDGET: _text("ILO regular budget", "Budget ordinaire du BIT",
                                        "Presupuesto ordinario de la OIT"),
    FundingSource.EXTRA_BUDGETARY: _text("Extra-budgetary resources",
                                         "Ressources extrabudgétaires",
                                         "Recursos extrapresupuestarios"),
    FundingSource.OTHER: _text("Other", "Autre", "Otra fuente"),
}

# ISO 4217 codes of currencies in circulation (2025), plus the SDR (XDR). Fund codes
# (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW), precious metals, bond units and the codes
# for testing or "no currency" are left out: nobody finances a meeting in them.
CURRENCIES = _codes("""
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP
BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP
GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR
KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK
MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR
SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS
UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD XCG XDR XOF XPF YER ZAR ZMW ZWG
""")

# ISO 639-1 language codes.
LANGUAGE_CODES = _codes("""
aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da
de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy
hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg
li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or
os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta
te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
""")

# The languages of the Organization's documents and interpretation (GEN-3), named in the
# three languages of the information document; any other code is shown as it is.
LANGUAGE_NAMES = {
    "en": _text("English", "anglais", "inglés"),
    "fr": _text("French", "français", "francés"),
    "es": _text("Spanish", "espagnol", "español"),
    "ar": _text("Arabic", "arabe", "árabe"),
    "zh": _text("Chinese", "chinois", "chino"),
    "ru": _text("Russian", "russe", "ruso"),
    "de": _text("German", "allemand", "alemán"),
    "pt": _text("Portuguese", "portugais", "portugués"),
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
    COMPLETE: _text("Every field of the proposal is filled in",
                    "Tous les champs de la proposition sont remplis",
                    "Todos los campos de la propuesta están completos"),
    PARITY: _text("Employers' and Workers' participants in equal numbers (tripartite meeting)",
                  "Participants des employeurs et des travailleurs en nombre égal (réunion "
                  "tripartite)",
                  "Participantes de los empleadores y de los trabajadores en igual número "
                  "(reunión tripartita)"),
    CONSULTED: _text("Both group secretariats consulted before the Officers",
                     "Secrétariats des deux groupes consultés avant le bureau",
                     "Secretarías de ambos grupos consultadas antes de la Mesa"),
    LEAD_TIME: _text("Submitted early enough before the meeting (weeks)",
                     "Soumise suffisamment tôt avant la réunion (semaines)",
                     "Presentada con suficiente antelación (semanas)"),
    DECIDED: _text("Decided before the meeting starts",
                   "Décision prise avant le début de la réunion",
                   "Decisión adoptada antes del inicio de la reunión"),
    CLASH: _text("No overlap with a session of the Conference or the Governing Body",
                 "Pas de chevauchement avec une session de la Conférence ou du Conseil "
                 "d'administration",
                 "Sin superposición con una reunión de la Conferencia o del Consejo de "
                 "Administración"),
    FINANCING: _text("Financing with a positive amount, and a donor if extra-budgetary",
                     "Financement d'un montant positif, avec un donateur s'il est "
                     "extrabudgétaire",
                     "Financiación por un importe positivo, con donante si es "
                     "extrapresupuestaria"),
    LANGUAGE: _text("At least one working language", "Au moins une langue de travail",
                    "Al menos un idioma de trabajo"),
    WOMEN_RESOURCE_PERSONS: _text("Share of women among resource persons (per cent)",
                                  "Proportion de femmes parmi les personnes-ressources "
                                  "(pour cent)",
                                  "Proporción de mujeres entre las personas de recursos "
                                  "(por ciento)"),
}


@dataclass(frozen=True)
class RuleSetting:
    """What the secretariat chose for one rule: on or off, its severity, its parameter."""

    enabled: bool = True
    severity: Severity = Severity.ERROR
    parameter: int | None = None

    def __post_init__(self):
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

    def __post_init__(self):
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

    def __post_init__(self):
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
# Bad input: refused outright, never a finding


@dataclass(frozen=True)
class Problem:
    field: str
    message: dict[str, str]

    def message_in(self, language: str) -> str:
        return self.message.get(language) or self.message["en"]


def input_problems(proposal: Proposal, *, known_countries: Iterable[str] | None = None
                   ) -> list[Problem]:
    """What makes the proposal unacceptable even as a draft: an end before the start, a
    negative number or amount, an unknown currency, an unknown country. ``known_countries``
    (ISO 3166-1 alpha-2) is None when the caller does not check countries."""
    problems = []
    if proposal.start and proposal.end and proposal.end < proposal.start:
        problems.append(Problem("end", _text(
            f"The meeting ends ({proposal.end.isoformat()}) before it starts "
            f"({proposal.start.isoformat()}).",
            f"La réunion se termine ({proposal.end.isoformat()}) avant de commencer "
            f"({proposal.start.isoformat()}).",
            f"La reunión termina ({proposal.end.isoformat()}) antes de empezar "
            f"({proposal.start.isoformat()}).")))
    composition = proposal.composition
    for name in COMPOSITION_FIELDS:
        value = getattr(composition, name)
        if value is not None and value < 0:
            problems.append(Problem(name, _text(
                f"A number of participants cannot be negative ({name}: {value}).",
                f"Un nombre de participants ne peut être négatif ({name}\u00a0: {value}).",
                f"Un número de participantes no puede ser negativo ({name}: {value}).")))
    women, persons = composition.resource_persons_women, composition.resource_persons
    if women is not None and persons is not None and women > persons:
        problems.append(Problem("resource_persons_women", _text(
            f"{women} women among {persons} resource persons is impossible.",
            f"{women} femmes parmi {persons} personnes-ressources, c'est impossible.",
            f"{women} mujeres entre {persons} personas de recursos es imposible.")))
    for funding in proposal.financing:
        if funding.amount is not None and funding.amount < 0:
            problems.append(Problem("amount", _text(
                f"An amount cannot be negative: {funding.amount}.",
                f"Un montant ne peut être négatif\u00a0: {funding.amount}.",
                f"Un importe no puede ser negativo: {funding.amount}.")))
        if funding.currency and funding.currency not in CURRENCIES:
            problems.append(Problem("currency", _text(
                f"Unknown currency: {funding.currency} (an ISO 4217 code such as USD, EUR "
                "or CHF is expected).",
                f"Monnaie inconnue\u00a0: {funding.currency} (un code ISO 4217 tel que USD, "
                "EUR ou CHF est attendu).",
                f"Moneda desconocida: {funding.currency} (se espera un código ISO 4217 como "
                "USD, EUR o CHF).")))
    unknown_languages = [code for code in proposal.languages if code not in LANGUAGE_CODES]
    if unknown_languages:
        codes = ", ".join(unknown_languages)
        problems.append(Problem("languages", _text(
            f"Unknown language code: {codes} (ISO 639-1, e.g. en, fr, es).",
            f"Code de langue inconnu\u00a0: {codes} (ISO 639-1, p. ex. en, fr, es).",
            f"Código de idioma desconocido: {codes} (ISO 639-1, p. ej. en, fr, es).")))
    if known_countries is not None:
        known = set(known_countries)
        if proposal.place.country and proposal.place.country not in known:
            problems.append(Problem("country", _unknown_countries([proposal.place.country])))
        unknown = [code for code in proposal.coverage if code not in known]
        if unknown:
            problems.append(Problem("coverage", _unknown_countries(unknown)))
    return problems


def _unknown_countries(codes: list[str]) -> dict[str, str]:
    listed = ", ".join(codes)
    return _text(f"Unknown country: {listed} (an ISO 3166-1 alpha-2 code of a member State "
                 "is expected).",
                 f"Pays inconnu\u00a0: {listed} (un code ISO 3166-1 alpha-2 d'un État Membre "
                 "est attendu).",
                 f"País desconocido: {listed} (se espera un código ISO 3166-1 alfa-2 de un "
                 "Estado Miembro).")


# ---------------------------------------------------------------------------------------------
# The rules


# What each field is called in a message, in the three languages.
FIELD_NAMES = {
    "type": _text("type of meeting", "type de réunion", "tipo de reunión"),
    "title": _text("title", "titre", "título"),
    "purpose": _text("purpose", "objet", "objetivo"),
    "standards_relevance": _text("relevance to international labour standards",
                                 "intérêt pour les normes internationales du travail",
                                 "pertinencia para las normas internacionales del trabajo"),
    "start": _text("start date", "date de début", "fecha de inicio"),
    "end": _text("end date", "date de fin", "fecha de clausura"),
    "place": _text("place (country and city, or online)", "lieu (pays et ville, ou en ligne)",
                   "lugar (país y ciudad, o en línea)"),
    "coverage": _text("geographical coverage", "couverture géographique",
                      "cobertura geográfica"),
    "tripartite": _text("whether the meeting is tripartite",
                        "caractère tripartite ou non de la réunion",
                        "carácter tripartito o no de la reunión"),
    "government": _text("number of Government participants",
                        "nombre de participants gouvernementaux",
                        "número de participantes gubernamentales"),
    "employers": _text("number of Employers' participants",
                       "nombre de participants des employeurs",
                       "número de participantes de los empleadores"),
    "workers": _text("number of Workers' participants",
                     "nombre de participants des travailleurs",
                     "número de participantes de los trabajadores"),
    "resource_persons": _text("number of resource persons", "nombre de personnes-ressources",
                              "número de personas de recursos"),
    "resource_persons_women": _text("number of women among the resource persons",
                                    "nombre de femmes parmi les personnes-ressources",
                                    "número de mujeres entre las personas de recursos"),
    "observers": _text("number of observers", "nombre d'observateurs",
                       "número de observadores"),
    "financing": _text("financing", "financement", "financiación"),
    "amount": _text("amount of the financing", "montant du financement",
                    "importe de la financiación"),
    "currency": _text("currency of the financing", "monnaie du financement",
                      "moneda de la financiación"),
    "responsible_unit": _text("responsible unit", "unité responsable", "unidad responsable"),
    "responsible_officer": _text("responsible officer", "fonctionnaire responsable",
                                 "funcionario responsable"),
    "concept_note": _text("concept note", "note conceptuelle", "nota conceptual"),
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
        Finding(COMPLETE, PROVISIONS[COMPLETE], setting.severity, _text(
            f"Missing: {FIELD_NAMES[name]['en']}.",
            f"Manquant\u00a0: {FIELD_NAMES[name]['fr']}.",
            f"Falta: {FIELD_NAMES[name]['es']}."))
        for name in missing_fields(proposal)
    ]


def parity(proposal: Proposal, setting: RuleSetting) -> list[Finding]:
    """MTG-2: a tripartite meeting has as many Employers' as Workers' participants."""
    employers, workers = proposal.composition.employers, proposal.composition.workers
    if not proposal.tripartite or employers is None or workers is None or employers == workers:
        return []
    return [Finding(PARITY, PROVISIONS[PARITY], setting.severity, _text(
        f"The meeting is tripartite but has {employers} Employers' and {workers} Workers' "
        "participants: the two groups must be equal in number.",
        f"La réunion est tripartite mais compte {employers} participants des employeurs et "
        f"{workers} des travailleurs\u00a0: les deux groupes doivent être en nombre égal.",
        f"La reunión es tripartita pero cuenta con {employers} participantes de los "
        f"empleadores y {workers} de los trabajadores: ambos grupos deben ser iguales en "
        "número."))]


def consultation(proposal: Proposal, setting: RuleSetting) -> list[Finding]:
    """MTG-2: the Employers' and Workers' group secretariats are consulted before the
    proposal goes to the Officers."""
    findings = []
    names = {"employers": _text("Employers' group", "groupe des employeurs",
                                "Grupo de los Empleadores"),
             "workers": _text("Workers' group", "groupe des travailleurs",
                              "Grupo de los Trabajadores")}
    for group, consulted in (("employers", proposal.consulted_employers),
                             ("workers", proposal.consulted_workers)):
        if consulted is None:
            findings.append(Finding(CONSULTED, PROVISIONS[CONSULTED], setting.severity, _text(
                f"The secretariat of the {names[group]['en']} has not been consulted yet.",
                f"Le secrétariat du {names[group]['fr']} n'a pas encore été consulté.",
                f"La secretaría del {names[group]['es']} aún no ha sido consultada.")))
    return findings


def lead_time(proposal: Proposal, setting: RuleSetting, as_of: date | None) -> list[Finding]:
    """Submitted at least ``parameter`` weeks (default 8) before the meeting starts; a
    proposal not yet submitted is measured on ``as_of``."""
    weeks = setting.parameter if setting.parameter is not None else 8
    on = proposal.submitted_on or as_of
    if proposal.start is None or on is None:
        return []
    latest = proposal.start - timedelta(weeks=weeks)
    if on <= latest:
        return []
    days = (proposal.start - on).days
    verb = _text("was submitted", "a été soumise", "fue presentada") if proposal.submitted_on \
        else _text("is being prepared", "est en préparation", "se está preparando")
    return [Finding(LEAD_TIME, PROVISIONS[LEAD_TIME], setting.severity, _text(
        f"The proposal {verb['en']} {days} days before the meeting starts; it should have "
        f"been submitted at least {weeks} weeks before, by {latest.isoformat()}.",
        f"La proposition {verb['fr']} {days} jours avant le début de la réunion\u00a0; elle "
        f"aurait dû être soumise au moins {weeks} semaines avant, au plus tard le "
        f"{latest.isoformat()}.",
        f"La propuesta {verb['es']} {days} días antes del inicio de la reunión; debería "
        f"haberse presentado al menos {weeks} semanas antes, a más tardar el "
        f"{latest.isoformat()}."))]


def decided_in_time(proposal: Proposal, setting: RuleSetting,
                    as_of: date | None) -> list[Finding]:
    """The Officers decide before the meeting starts: the decision's date, or, while no
    decision is recorded, the date of the evaluation, must come before the start."""
    if proposal.start is None:
        return []
    if proposal.decided_on is not None:
        if proposal.decided_on < proposal.start:
            return []
        return [Finding(DECIDED, PROVISIONS[DECIDED], setting.severity, _text(
            f"The Officers decided on {proposal.decided_on.isoformat()}, not before the "
            f"meeting started on {proposal.start.isoformat()}.",
            f"Le bureau a décidé le {proposal.decided_on.isoformat()}, et non avant le début "
            f"de la réunion le {proposal.start.isoformat()}.",
            f"La Mesa decidió el {proposal.decided_on.isoformat()}, y no antes del inicio de "
            f"la reunión el {proposal.start.isoformat()}."))]
    if as_of is None or as_of < proposal.start:
        return []
    return [Finding(DECIDED, PROVISIONS[DECIDED], setting.severity, _text(
        f"The meeting starts on {proposal.start.isoformat()} and the Officers have not "
        "decided: they can no longer decide before it starts.",
        f"La réunion commence le {proposal.start.isoformat()} et le bureau n'a pas "
        "décidé\u00a0: il ne peut plus décider avant son début.",
        f"La reunión empieza el {proposal.start.isoformat()} y la Mesa no ha decidido: ya no "
        "puede decidir antes de su inicio."))]


def clash(proposal: Proposal, setting: RuleSetting) -> list[Finding]:
    """No overlap with a session of the Conference or of the Governing Body (dates
    inclusive: a meeting that ends on the day a session opens overlaps it)."""
    if proposal.start is None or proposal.end is None:
        return []
    return [
        Finding(CLASH, PROVISIONS[CLASH], setting.severity, _text(
            f"The meeting ({proposal.start.isoformat()} to {proposal.end.isoformat()}) "
            f"overlaps {session.name} ({session.start.isoformat()} to "
            f"{session.end.isoformat()}).",
            f"La réunion (du {proposal.start.isoformat()} au {proposal.end.isoformat()}) "
            f"chevauche {session.name} (du {session.start.isoformat()} au "
            f"{session.end.isoformat()}).",
            f"La reunión (del {proposal.start.isoformat()} al {proposal.end.isoformat()}) "
            f"coincide con {session.name} (del {session.start.isoformat()} al "
            f"{session.end.isoformat()})."))
        for session in proposal.official_sessions
        if session.start <= proposal.end and proposal.start <= session.end
    ]


def financing(proposal: Proposal, setting: RuleSetting) -> list[Finding]:
    """Each source of financing has a positive amount; extra-budgetary funds name a donor."""
    findings = []
    for number, funding in enumerate(proposal.financing, start=1):
        source = FUNDING_SOURCE_NAMES[funding.source]
        if funding.amount is not None and funding.amount <= 0:
            findings.append(Finding(FINANCING, PROVISIONS[FINANCING], setting.severity, _text(
                f"Financing {number} ({source['en']}) has no positive amount: "
                f"{funding.amount}.",
                f"Le financement {number} ({source['fr']}) n'a pas de montant "
                f"positif\u00a0: {funding.amount}.",
                f"La financiación {number} ({source['es']}) no tiene un importe positivo: "
                f"{funding.amount}.")))
        if funding.source == FundingSource.EXTRA_BUDGETARY and not funding.donor.strip():
            findings.append(Finding(FINANCING, PROVISIONS[FINANCING], setting.severity, _text(
                f"Financing {number} is extra-budgetary: name the donor.",
                f"Le financement {number} est extrabudgétaire\u00a0: indiquez le donateur.",
                f"La financiación {number} es extrapresupuestaria: indique el donante.")))
    return findings


def working_language(proposal: Proposal, setting: RuleSetting) -> list[Finding]:
    if proposal.languages:
        return []
    return [Finding(LANGUAGE, PROVISIONS[LANGUAGE], setting.severity, _text(
        "No working language is given.", "Aucune langue de travail n'est indiquée.",
        "No se indica ningún idioma de trabajo."))]


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
                    setting.severity, _text(
        f"{women} of the {persons} resource persons are women ({share} %), below the target "
        f"of {target} %.",
        f"{women} des {persons} personnes-ressources sont des femmes ({share}\u00a0%), en "
        f"dessous de l'objectif de {target}\u00a0%.",
        f"{women} de las {persons} personas de recursos son mujeres ({share} %), por debajo "
        f"del objetivo del {target} %."))]


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
    checks = (
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
