"""Demo correspondence: the starter letter templates, and an address book with a Permanent
Mission in Geneva for every member State, and each State's ministry and employers' and
workers' organizations, in the State's language of correspondence (French or Spanish for the
States of the demo's French- and Spanish-speaking lists, English otherwise).

Written in bulk (a few queries for all 187 States) and without entries in the action log:
the demo load is one action by no one, recorded once by the loader.
"""

import unicodedata

from django.db.models import Q

from tripartite.constituents.models import ConstituentOrganisation, MemberState, Person
from tripartite.correspondence.install import install_starter_templates
from tripartite.correspondence.models import AddressBookEntry, RecipientKind
from tripartite.demo import names

GENEVA = {"en": "Geneva", "fr": "Genève", "es": "Ginebra"}
MISSION = {
    "en": "Permanent Mission of {of} to the United Nations Office and other international "
          "organizations in Geneva",
    "fr": "Mission permanente {of} auprès de l'Office des Nations Unies et des autres "
          "organisations internationales à Genève",
    "es": "Misión Permanente {of} ante la Oficina de las Naciones Unidas y otros organismos "
          "internacionales en Ginebra",
}
# Forms of address typed in place of the one the title gives ("Excellence", "Excelentísima
# Señora", "Sir or Madam"): French letters address an ambassador or a minister by function.
EXCELLENCY = {"fr": {"f": "Madame l'Ambassadrice", "m": "Monsieur l'Ambassadeur"}}
MINISTER = {"fr": {"f": "Madame la Ministre", "m": "Monsieur le Ministre"},
            "es": {"f": "Excelentísima Señora Ministra", "m": "Excelentísimo Señor Ministro"}}
AMBASSADOR = {"en": {"f": "Ambassador and Permanent Representative",
                     "m": "Ambassador and Permanent Representative",
                     "x": "Ambassador and Permanent Representative"},
              "fr": {"f": "Ambassadrice, Représentante permanente",
                     "m": "Ambassadeur, Représentant permanent",
                     "x": "Ambassadeur·rice, Représentant·e permanent·e"},
              "es": {"f": "Embajadora, Representante Permanente",
                     "m": "Embajador, Representante Permanente",
                     "x": "Embajador/a, Representante Permanente"}}
# The courtesy title of an excellency by gender (each letter writes it in its language).
COURTESY = {"f": "ms", "m": "mr", "x": ""}

# French: States named without an article, masculine names ending in -e, plural names.
_FR_BARE = {"Cuba", "Madagascar", "Malte", "Chypre", "Singapour", "Monaco", "Bahreïn", "Oman",
            "Haïti", "Sri Lanka", "Maurice", "Djibouti", "Kiribati", "Nauru", "Tuvalu",
            "Vanuatu", "Samoa", "Israël", "Brunéi Darussalam", "Antigua-et-Barbuda",
            "Trinité-et-Tobago", "Sao Tomé-et-Principe", "Saint-Kitts-et-Nevis",
            "Sainte-Lucie", "Saint-Vincent-et-les Grenadines", "Saint-Marin", "Tonga",
            "Palaos", "Cabo Verde", "El Salvador"}
_FR_MASCULINE = {"Mexique", "Cambodge", "Mozambique", "Zimbabwe", "Belize", "Suriname",
                 "Soudan du Sud", "Yémen", "Libéria", "Honduras", "Timor-Leste"}
_FR_PLURAL_STARTS = ("Îles", "États", "Émirats", "Pays-Bas", "Philippines", "Comores",
                     "Maldives", "Seychelles", "Bahamas", "Fidji", "Salomon")


def _reordered(name: str) -> str:
    """A name as it reads in a sentence: the official "Iran (République islamique d')" (and
    ISO's "Iran, République islamique d'") → "République islamique d'Iran"."""
    name = name.strip('"')
    if name.endswith(")") and " (" in name:
        head, _paren, tail = name[:-1].partition(" (")
    else:
        head, _comma, tail = name.partition(", ")
    if not tail:
        return head
    joined = f"{tail}{head}" if tail.endswith("'") else f"{tail} {head}"
    return joined[0].upper() + joined[1:]


def french_of(name: str) -> str:
    """``de la France``, ``du Kenya``, ``de l'Italie``, ``des Pays-Bas``, ``de Cuba``."""
    name = _reordered(name)
    if name in _FR_BARE:
        return f"d'{name}" if _starts_with_vowel(name) else f"de {name}"
    if name.startswith(_FR_PLURAL_STARTS):
        return f"des {name}"
    if _starts_with_vowel(name):
        return f"de l'{name}"
    if name.startswith(("Royaume", "État ")):
        return f"du {name}" if name.startswith("Royaume") else f"de l'{name}"
    if (name.endswith("e") and name not in _FR_MASCULINE
            or name.startswith(("République", "Guinée", "Macédoine", "Fédération"))):
        return f"de la {name}"
    return f"du {name}"


def _starts_with_vowel(name: str) -> bool:
    first = unicodedata.normalize("NFKD", name[0])[0].lower()
    return first in "aeiou" or name.startswith("Haï")


def english_of(name: str) -> str:
    from tripartite.demo.loader import english_state_name

    return english_state_name(name)


def language_of(iso2: str) -> str:
    if iso2 in names.STATE_IN_FRENCH:
        return "fr"
    if iso2 in names.STATE_IN_SPANISH:
        return "es"
    return "en"


def state_phrase(state: MemberState, language: str) -> str:
    if language == "fr":
        return french_of(state.name_fr)
    if language == "es":
        return names.STATE_IN_SPANISH.get(state.iso2, f"de {_reordered(state.name_es)}")
    return english_of(state.name_en)


def _starts_with(prefixes: tuple[str, ...]) -> Q:
    """The persons whose function starts with one of ``prefixes`` (in any language)."""
    condition = Q()
    for prefix in prefixes:
        condition |= Q(function__startswith=prefix)
    return condition


def _delegates(states) -> dict[tuple[str, str], Person]:
    """The demo's Ambassador and Minister of each State that has demo people."""
    found = {}
    for person in Person.objects.filter(member_state__in=states).filter(
            _starts_with(names.AMBASSADOR_PREFIXES)).select_related("member_state"):
        found.setdefault((person.member_state.iso2, "ambassador"), person)
    for person in Person.objects.filter(member_state__in=states, title__startswith="H.E.").filter(
            _starts_with(names.MINISTER_PREFIXES)).select_related("member_state"):
        found.setdefault((person.member_state.iso2, "minister"), person)
    return found


def _addressed(person: Person | None) -> dict[str, object]:
    """The person addressed (an excellency) and their title from the list."""
    if person is None:
        return {}
    return {"addressee": person.name_latin,
            "courtesy_title": COURTESY.get(person.gender, ""),
            "addressee_gender": person.gender}


def create_address_book() -> int:
    """Address book entries for every member State; returns how many were written."""
    states = list(MemberState.objects.order_by("iso2"))
    people = _delegates(states)
    entries = []
    for state in states:
        language = language_of(state.iso2)
        ambassador = people.get((state.iso2, "ambassador"))
        gender = ambassador.gender if ambassador else "x"
        entries.append(AddressBookEntry(
            kind=RecipientKind.PERMANENT_MISSION, member_state=state, language=language,
            name=MISSION[language].format(of=state_phrase(state, language)),
            **_addressed(ambassador), excellency=True,
            addressee_title=AMBASSADOR[language][gender] if ambassador else "",
            form_of_address=EXCELLENCY.get(language, {}).get(gender, ""),
            postal_address=f"Case postale\n1211 {GENEVA[language]}",
            email=f"mission.{state.iso2.lower()}@example.org"))
    for organisation in ConstituentOrganisation.objects.select_related("member_state").order_by(
            "member_state__iso2", "kind"):
        state = organisation.member_state
        language = language_of(state.iso2)
        if organisation.kind == "ministry":
            minister = people.get((state.iso2, "minister"))
            entries.append(AddressBookEntry(
                kind=RecipientKind.MINISTRY, member_state=state, organisation=organisation,
                language=language, name=organisation.name, **_addressed(minister),
                excellency=True, addressee_title=minister.function if minister else "",
                form_of_address=MINISTER.get(language, {}).get(
                    minister.gender if minister else "x", ""),
                email=organisation.email))
        else:
            entries.append(AddressBookEntry(
                kind=RecipientKind.ORGANISATION, member_state=state, organisation=organisation,
                language=language, name=str(organisation), email=organisation.email))
    AddressBookEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)


def create_correspondence() -> dict[str, int]:
    """The starter templates and the address book (the loader calls this once)."""
    templates = install_starter_templates(actor=None, log=False)
    return {"letter templates": len(templates), "address book entries": create_address_book()}
