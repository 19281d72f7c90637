"""Demo data: the 114th Session of the Conference, two Governing Body sessions, a regional
meeting and a meeting of experts; three constituent organisations per member State; people
from every region in their own scripts; one login per role.

Deterministic: every random choice comes from ``random.Random`` seeded from :data:`SEED`,
so two loads produce the same names in the same order. Loaded once: the load writes the
action ``demo.loaded``; while that entry exists, loading again changes nothing (and so does
any database that already holds an International Labour Conference). To change the scale,
start from an empty database. The whole load is one transaction: all or nothing.

The load writes directly, in bulk, rather than through the per-object services: it is one
action by no one, recorded once in the action log.
"""

import datetime as dt
import random
import re
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import translation

from tripartite.accounts.models import Role, User
from tripartite.common.models import ActionLogEntry, Group
from tripartite.common.services import log_action
from tripartite.constituents.models import (
    ConstituentOrganisation,
    MemberState,
    OrganisationKind,
    Person,
)
from tripartite.demo import names
from tripartite.demo.attendance import create_attendance
from tripartite.demo.clock import REFERENCE_DAY, clock
from tripartite.demo.correspondence import create_correspondence
from tripartite.demo.delegations import create_delegations
from tripartite.demo.library import create_library
from tripartite.demo.membership import create_membership
from tripartite.demo.proposals import create_proposals
from tripartite.demo.registration import create_registrations
from tripartite.demo.votes import create_votes
from tripartite.jobs import notifications
from tripartite.meetings import places
from tripartite.meetings.models import (
    AgendaItem,
    Committee,
    Meeting,
    MeetingType,
    Officer,
    OfficerRole,
    Session,
)

SEED = 2026
DEMO_PASSWORD = "tripartite-demo"
LOADED_ACTION = "demo.loaded"
SCALES = {"small": 300, "ilc": 6000}  # people in all
SMALL_SCALE_STATES = ("BR", "CH", "CN", "FR", "GR", "IN", "JP", "KE", "NG", "RU", "SA", "US")
MIN_PEOPLE_PER_STATE = 8
WOMEN_SHARE = 0.38
KINDS = (OrganisationKind.MINISTRY, OrganisationKind.EMPLOYERS, OrganisationKind.WORKERS)
GROUP_OF_KIND = {OrganisationKind.MINISTRY: Group.GOVERNMENT,
                 OrganisationKind.EMPLOYERS: Group.EMPLOYERS,
                 OrganisationKind.WORKERS: Group.WORKERS}


def _codes(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Large delegations and very small ones; the others are in between.
LARGE_DELEGATIONS = _codes("AR BR CA CN DE EG ES ET FR GB ID IN IR IT JP KE KR MX NG PH PK RU "
                           "SA TR US ZA")
SMALL_DELEGATIONS = _codes("AG BB BN BS BZ CK CV DJ DM GD GQ GW IS KI KM KN LC LU MH MT MV PW "
                           "SC SM SB ST TL TO TV VC VU WS")

# The unit of each demo unit officer (the office that drafts meeting proposals).
DEMO_UNITS = {"unit": "SECTOR"}
# (username, first name, last name, role, member State, group, language)
DEMO_USERS = (
    ("secretariat", "Hélène", "Marchetti", Role.SECRETARIAT, None, "", "en"),
    ("credentials", "Rafael", "Ortega", Role.CREDENTIALS_COMMITTEE, None, "", "es"),
    ("focal.fr", "Camille", "Lefèvre", Role.FOCAL_POINT, "FR", "", "fr"),
    ("focal.ke", "Wanjiru", "Kamau", Role.FOCAL_POINT, "KE", "", "en"),
    ("employers", "Thomas", "Becker", Role.GROUP_SECRETARIAT, None, Group.EMPLOYERS, "en"),
    ("workers", "Ana", "Ferreira", Role.GROUP_SECRETARIAT, None, Group.WORKERS, "en"),
    ("officer", "Kwame", "Mensah", Role.MEETING_OFFICER, None, "", "en"),
    ("delegate", "Priya", "Nair", Role.DELEGATE, None, "", "en"),
    ("senior", "Jonas", "Lindqvist", Role.SENIOR_OFFICIAL, None, "", "en"),
    ("observer", "Mei", "Chen", Role.OBSERVER, None, "", "en"),
    ("desk", "Lucía", "Romero", Role.REGISTRATION_DESK, None, "", "es"),
    ("door", "Samuel", "Okoro", Role.CHECKIN_STAFF, None, "", "en"),
    ("unit", "Ingrid", "Solberg", Role.UNIT_OFFICER, None, "", "en"),
)


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, role, password) of every demo login; the role in the active language,
    with its scope: "Member State focal point (FR)", "Group secretariat (Employers)"."""
    logins = []
    for username, _first, _last, role, iso2, group, _language in DEMO_USERS:
        scope = iso2 or (str(Group(group).label) if group else "")
        label = f"{Role(role).label} ({scope})" if scope else str(Role(role).label)
        logins.append((username, label, DEMO_PASSWORD))
    return logins


def is_demo_loaded() -> bool:
    return ActionLogEntry.objects.filter(action=LOADED_ACTION).exists()


@dataclass(frozen=True)
class DemoResult:
    loaded: bool
    message: str
    counts: dict = field(default_factory=dict)


def load_demo(*, scale: str = "small", if_empty: bool = False,
              today: dt.date = REFERENCE_DAY) -> DemoResult:
    """Load the demo at ``scale`` ("small" or "ilc") unless it, or other meetings, are there,
    its calendar placed so that ``today`` is the Conference's 11th day (``demo/clock.py``;
    the command passes the real today, the tests the reference day)."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}")
    if is_demo_loaded():
        return DemoResult(False, "The demo data is already loaded: nothing changed.")
    if if_empty and Meeting.objects.exists():
        return DemoResult(False, "The database already holds meetings: demo data not loaded.")
    if Meeting.objects.filter(type=MeetingType.ILC).exists():
        return DemoResult(False, "The database already holds an International Labour "
                                 "Conference: demo data not loaded.")
    started = time.perf_counter()
    clock.load_on(today)
    try:
        # The demo's acts are history, not requests: nobody is mailed for them.
        with translation.override("en"), notifications.suppressed(), transaction.atomic():
            counts = _load(scale)
    finally:
        clock.load_on(REFERENCE_DAY)
    seconds = time.perf_counter() - started
    return DemoResult(True, f"Demo data loaded ({scale} scale) in {seconds:.1f} s.", counts)


def _load(scale: str) -> dict:
    states = {state.iso2: state for state in MemberState.objects.all()}
    organisations = _create_organisations(states)
    plans, people = _create_people(states, organisations, scale)
    sessions = _create_meetings(states)
    items = _create_agenda_items(sessions)
    committees = _create_committees(sessions, items)
    officers = _create_officers(sessions, committees, plans, people)
    users = _create_users(states)
    delegations = create_delegations(sessions["ILC"])
    delegations.update(create_registrations(sessions["ILC"]))
    delegations.update(create_attendance(sessions["ILC"]))
    delegations.update(create_membership(sessions, committees))
    delegations.update(create_votes(sessions["ILC"]))
    delegations.update(create_proposals(sessions))
    delegations.update(create_correspondence())
    delegations.update(create_library(scale, sessions, items))
    log_action(actor=None, action=LOADED_ACTION, obj=sessions["ILC"],
               data={"scale": scale, "people": len(people)})
    return {"member States": len(states), "organisations": len(organisations),
            "people": len(people), "meetings": Meeting.objects.count(),
            "sessions": Session.objects.count(), "agenda items": len(items),
            "committees": len(committees), "officers": len(officers), "users": len(users),
            **delegations}


# --- planning: pure functions over plain values ------------------------------------------------

@dataclass(frozen=True)
class StateInfo:
    iso2: str
    name_en: str


@dataclass(frozen=True)
class OrganisationPlan:
    iso2: str
    kind: str
    name: str
    acronym: str
    email: str


@dataclass(frozen=True)
class PersonPlan:
    iso2: str
    kind: str
    name: str
    name_latin: str
    gender: str
    title: str
    function: str
    email: str
    family_name: str = ""


def rng_for(purpose: str) -> random.Random:
    """An independent, reproducible random stream for one part of the demo."""
    return random.Random(f"{SEED}:{purpose}")


def plan_organisations(states: Iterable[StateInfo]) -> list[OrganisationPlan]:
    rng = rng_for("organisations")
    plans = []
    for state in sorted(states, key=lambda s: s.iso2):
        language, of = _organisation_language(state)
        # The ministry in the State's language when it is French or Spanish.
        if language in names.MINISTRY_NAMES_IN:
            ministry = rng.choice(names.MINISTRY_NAMES_IN[language]).format(of=of)
        else:
            ministry = f"{rng.choice(names.MINISTRY_NAMES)} of {english_state_name(state.name_en)}"
        plans.append(OrganisationPlan(
            state.iso2, OrganisationKind.MINISTRY, ministry, "",
            f"international.affairs@labour-{state.iso2.lower()}.example.org"))
        for kind in (OrganisationKind.EMPLOYERS, OrganisationKind.WORKERS):
            name = rng.choice(names.ORGANISATION_NAMES[language][kind]).format(of=of)
            acronym = acronym_of(name)
            plans.append(OrganisationPlan(state.iso2, kind, name, acronym,
                                          f"secretariat@{acronym.lower()}.example.org"))
    return plans


def plan_people(states: Iterable[StateInfo], scale: str,
                ministries: dict[str, str]) -> list[PersonPlan]:
    """The people of the demo; ``ministries`` maps a State's ISO code to its ministry name."""
    rng = rng_for("people")
    chosen = sorted((s for s in states if scale == "ilc" or s.iso2 in SMALL_SCALE_STATES),
                    key=lambda s: s.iso2)
    sizes = delegation_sizes([s.iso2 for s in chosen], SCALES[scale], rng)
    people: list[PersonPlan] = []
    for state in chosen:
        for position, gender in enumerate(_genders(sizes[state.iso2], rng)):
            people.append(_plan_person(state.iso2, position, gender, len(people) + 1,
                                       ministries[state.iso2], rng))
    return people


def delegation_sizes(codes: list[str], total: int, rng: random.Random) -> dict[str, int]:
    """Split ``total`` people over the States: at least the minimum each, the rest by size."""
    weights = {code: rng.randint(70, 100) if code in LARGE_DELEGATIONS
               else rng.randint(1, 6) if code in SMALL_DELEGATIONS
               else rng.randint(12, 35) for code in codes}
    spare = total - MIN_PEOPLE_PER_STATE * len(codes)
    shares = {code: spare * weight / sum(weights.values()) for code, weight in weights.items()}
    sizes = {code: MIN_PEOPLE_PER_STATE + int(share) for code, share in shares.items()}
    by_remainder = sorted(codes, key=lambda code: (int(shares[code]) - shares[code], code))
    for code in by_remainder[:total - sum(sizes.values())]:
        sizes[code] += 1
    return sizes


def _genders(size: int, rng: random.Random) -> list[str]:
    women = round(size * WOMEN_SHARE)
    other = 1 if size >= 50 else 0
    genders = ["f"] * women + ["x"] * other + ["m"] * (size - women - other)
    rng.shuffle(genders)
    return genders


def _plan_person(iso2: str, position: int, gender: str, number: int, ministry: str,
                 rng: random.Random) -> PersonPlan:
    """Positions 0–3 are the delegates: the Minister, the Ambassador, Employers, Workers."""
    kind = KINDS[(0, 0, 1, 2)[position]] if position < 4 else rng.choices(KINDS, (2, 1, 1))[0]
    culture = names.CULTURES[_pick_culture(iso2, rng)]
    name, name_latin, family_name = person_name(culture, gender, rng)
    title, function = _title_and_function(kind, position, gender, ministry, rng,
                                          function_language(iso2))
    email = f"{ascii_slug(name_latin)}.{number}@example.org"
    return PersonPlan(iso2, kind, name, name_latin, gender, title, function, email,
                      family_name)


def _pick_culture(iso2: str, rng: random.Random) -> str:
    mix = names.STATE_CULTURES[iso2]
    return rng.choices([key for key, _w in mix], [weight for _k, weight in mix])[0]


def function_language(iso2: str) -> str:
    """The language of a State's ministry and of its people's functions: French or Spanish
    for the States that speak it, English otherwise."""
    return ("fr" if iso2 in names.STATE_IN_FRENCH else "es" if iso2 in names.STATE_IN_SPANISH
            else "en")


def _title_and_function(kind: str, position: int, gender: str, ministry: str,
                        rng: random.Random, language: str = "en") -> tuple[str, str]:
    courtesy = {"f": "Ms", "m": "Mr", "x": "Mx"}[gender]
    form = "f" if gender == "f" else "m"
    if position == 0:
        word, minister = names.MINISTER_OF[language]
        return f"H.E. {courtesy}", ministry.replace(word, minister[form], 1)
    if position == 1:
        return f"H.E. {courtesy}", names.AMBASSADOR_FUNCTION[language][form]
    functions = names.FUNCTIONS_IN.get(language, {}).get(kind)

    def in_language(index: int) -> str:
        return functions[index][form == "f"] if functions else names.FUNCTIONS[kind][index]

    if position in (2, 3):
        return courtesy, in_language(0)
    title = "Dr" if rng.random() < 0.12 else courtesy
    return title, in_language(rng.randrange(len(names.FUNCTIONS[kind])))


def person_name(culture: names.Culture, gender: str,
                rng: random.Random) -> tuple[str, str, str]:
    """(name, name in Latin script, family name in Latin script) in the culture's order and
    script; no family name where the culture has none (Burmese)."""
    feminine = gender == "f" or (gender == "x" and rng.random() < 0.5)
    given = _forms(rng.choice(culture.female if feminine else culture.male), culture, feminine)
    family = [_forms(entry, culture, feminine)
              for entry in rng.sample(culture.family, culture.family_names)]
    if culture.patronym:
        connector = culture.patronym[1 if feminine else 0]
        family = [(f"{connector} {native}", f"{connector} {latin}") for native, latin in family]
    parts = [*family, given] if culture.family_first else [given, *family]
    native = culture.native_joiner.join(native for native, _latin in parts)
    latin = " ".join(latin for _native, latin in parts)
    family_name = "" if culture.no_family_name else " ".join(latin for _native, latin in family)
    return (unicodedata.normalize("NFC", native), unicodedata.normalize("NFC", latin),
            unicodedata.normalize("NFC", family_name))


def _forms(entry, culture: names.Culture, feminine: bool) -> tuple[str, str]:
    native, latin = entry if isinstance(entry, tuple) else (entry, None)
    native = _gendered(native, feminine)
    if latin is None:
        return native, culture.latin(native) if culture.latin else native
    return native, _gendered(latin, feminine)


def _gendered(text: str, feminine: bool) -> str:
    masculine, _bar, feminine_form = text.partition("|")
    return feminine_form if feminine and feminine_form else masculine


_ASCII_FOLDS = str.maketrans({"đ": "d", "ð": "d", "þ": "th", "ø": "o", "æ": "ae", "œ": "oe",
                              "ß": "ss", "ł": "l", "ı": "i", "ə": "e"})


def ascii_slug(text: str) -> str:
    """``"Đorđe Ilić"`` → ``"dorde.ilic"``: lowercase ASCII words joined by dots."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(_ASCII_FOLDS))
    plain = folded.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", ".", plain).strip(".")


_NEEDS_THE = {"Republic", "Kingdom", "States", "State", "Federation", "Islands", "Emirates",
              "Netherlands", "Philippines", "Bahamas", "Gambia", "Maldives", "Seychelles",
              "Comoros", "Congo"}


def english_state_name(name: str) -> str:
    """The State as it reads after "of": "Iran (Islamic Republic of)" (or ISO's "Korea,
    Republic of") → "the Islamic Republic of Iran"."""
    if name.endswith(")") and " (" in name:
        head, _paren, tail = name[:-1].partition(" (")
    else:
        head, _comma, tail = name.partition(", ")
    phrase = f"{tail} {head}" if tail else name
    if phrase.lower().startswith("the "):
        return "the " + phrase[4:]
    return f"the {phrase}" if _NEEDS_THE & set(phrase.split()) else phrase


def acronym_of(name: str) -> str:
    """Initials of the significant words: "Conseil national du patronat du Sénégal" → CNPS."""
    letters = []
    for word in re.split(r"[\s\-]+", name):
        word = re.sub(r"^[dlDL]'", "", word)
        if word and word.lower() not in names.ACRONYM_SMALL_WORDS and word[0].isalpha():
            letters.append(word[0])
    plain = unicodedata.normalize("NFKD", "".join(letters).upper())
    return plain.encode("ascii", "ignore").decode()[:30]


def _organisation_language(state: StateInfo) -> tuple[str, str]:
    for language, table in (("fr", names.STATE_IN_FRENCH), ("es", names.STATE_IN_SPANISH),
                            ("pt", names.STATE_IN_PORTUGUESE)):
        if state.iso2 in table:
            return language, table[state.iso2]
    return "en", english_state_name(state.name_en)


def plan_officers(people: list[PersonPlan]) -> list[tuple[str, str | None, str, int]]:
    """(session, committee or None, officer role, index in ``people``) for the officers.

    The President of the Conference is a Minister; each officer comes from another State.
    """
    rng = rng_for("officers")
    used: set[str] = set()

    def pick(kind: str, minister: bool = False) -> int:
        pool = [i for i, p in enumerate(people) if p.kind == kind and p.iso2 not in used
                and (not minister or names.is_minister(p.function))]
        index = rng.choice(pool)
        used.add(people[index].iso2)
        return index

    president = pick(OrganisationKind.MINISTRY, minister=True)
    officers = [("ILC", None, OfficerRole.CHAIR, president)]
    officers += [("ILC", None, OfficerRole.VICE_CHAIR, pick(kind)) for kind in KINDS]
    officers += [("ILC", "credentials", OfficerRole.CHAIR, pick(OrganisationKind.MINISTRY))]
    officers += [("ILC", "credentials", OfficerRole.VICE_CHAIR, pick(kind)) for kind in KINDS[1:]]
    gb_officers = [(OfficerRole.CHAIR, pick(OrganisationKind.MINISTRY))]
    gb_officers += [(OfficerRole.VICE_CHAIR, pick(kind)) for kind in KINDS[1:]]
    for session in ("GB356", "GB357"):
        officers += [(session, None, role, index) for role, index in gb_officers]
    return officers


# --- writing ------------------------------------------------------------------------------------

def _state_infos(states: dict[str, MemberState]) -> list[StateInfo]:
    return [StateInfo(iso2, state.name_en) for iso2, state in states.items()]


def _create_organisations(states: dict[str, MemberState]) -> dict[tuple[str, str], object]:
    plans = plan_organisations(_state_infos(states))
    created = ConstituentOrganisation.objects.bulk_create(
        ConstituentOrganisation(member_state=states[p.iso2], kind=p.kind, name=p.name,
                                acronym=p.acronym, email=p.email,
                                most_representative=p.kind != OrganisationKind.MINISTRY)
        for p in plans)
    return {(org.member_state.iso2, org.kind): org for org in created}


def _create_people(states, organisations, scale: str) -> tuple[list[PersonPlan], list[Person]]:
    ministries = {iso2: org.name for (iso2, kind), org in organisations.items()
                  if kind == OrganisationKind.MINISTRY}
    plans = plan_people(_state_infos(states), scale, ministries)
    people = Person.objects.bulk_create(
        Person(name=p.name, name_latin=p.name_latin, family_name=p.family_name,
               title=p.title, gender=p.gender,
               email=p.email, function=p.function, member_state=states[p.iso2],
               organisation=organisations[(p.iso2, p.kind)])
        for p in plans)
    if people and people[0].pk is None:  # a database that cannot return ids from bulk inserts
        ids = dict(Person.objects.filter(email__in=[p.email for p in plans])
                   .values_list("email", "pk"))
        for person in people:
            person.pk = ids[person.email]
    return plans, people


def _create_meetings(states: dict[str, MemberState]) -> dict[str, Session]:
    meetings = {key: Meeting.objects.create(type=kind, acronym=acronym, title_en=en,
                                            title_fr=fr, title_es=es)
                for key, (kind, acronym, (en, fr, es)) in names.MEETINGS.items()}
    sessions = {}
    for key, (meeting, number, (en, fr, es), opens, closes, zone, venue, city, country,
              languages) in names.SESSIONS.items():
        sessions[key] = Session.objects.create(
            meeting=meetings[meeting], number=number, title_en=en, title_fr=fr, title_es=es,
            opens_at=_local(opens, zone), closes_at=_local(closes, zone), time_zone=zone,
            **_place_names("venue", venue), **_place_names("city", city),
            country=states[country], working_languages=languages)
    return sessions


def _place_names(field: str, english: str) -> dict[str, str]:
    """A venue or city in the three languages ("Geneva", "Genève", "Ginebra")."""
    return {f"{field}_en": english,
            **{f"{field}_{code}": name for code, name in places.translations(english).items()}}


def _local(parts: tuple[int, int, int, int], zone: str) -> dt.datetime:
    """A session's local opening or closing, moved to the load day (``demo/clock.py``): the
    local hour stays, whatever the change of daylight saving time between the two days."""
    year, month, day, hour = parts
    moved = clock.date(year, month, day)
    return dt.datetime(moved.year, moved.month, moved.day, hour, tzinfo=ZoneInfo(zone))


def _create_agenda_items(sessions: dict[str, Session]) -> dict[tuple[str, str], AgendaItem]:
    items = {}
    for key, entries in names.AGENDA.items():
        for position, (number, technical, (en, fr, es)) in enumerate(entries, start=1):
            items[key, number] = AgendaItem.objects.create(
                session=sessions[key], number=number, position=position, technical=technical,
                title_en=en, title_fr=fr, title_es=es)
    return items


def _create_committees(sessions, items) -> dict[str, Committee]:
    return {key: Committee.objects.create(
                session=sessions["ILC"], kind=kind, name_en=en, name_fr=fr, name_es=es,
                agenda_item=items["ILC", item] if item else None)
            for key, (kind, item, (en, fr, es)) in names.ILC_COMMITTEES.items()}


def _create_officers(sessions, committees, plans: list[PersonPlan],
                     people: list[Person]) -> list[Officer]:
    return Officer.objects.bulk_create(
        Officer(session=sessions[session], role=role, person=people[index],
                committee=committees[committee] if committee else None,
                group=GROUP_OF_KIND[plans[index].kind])
        for session, committee, role, index in plan_officers(plans))


def _create_users(states: dict[str, MemberState]) -> list[User]:
    password = make_password(DEMO_PASSWORD)  # hashed once: the same hash serves every login
    return User.objects.bulk_create(
        User(username=username, first_name=first, last_name=last, role=role,
             email=f"{username}@example.org", member_state=states[iso2] if iso2 else None,
             group=group, language=language, password=password,
             unit=DEMO_UNITS.get(username, ""),
             is_staff=role == Role.SECRETARIAT, is_superuser=role == Role.SECRETARIAT)
        for username, first, last, role, iso2, group, language in DEMO_USERS)
