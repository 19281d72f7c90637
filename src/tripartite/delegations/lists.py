"""The lists of delegations: who is on them, in what order, frozen when published, compared.

A list is a sequence of *rows*, plain dictionaries that serialise to JSON unchanged (the
published lists store them in ``PublishedList.rows``)::

    {"state": "FR", "state_iso3": "FRA", "state_en": "France", "state_fr": "France",
     "state_es": "Francia", "person": 12, "title": "Ms", "name": "…", "name_latin": "…",
     "family_name": "…", "gender": "f", "group": "government", "role": "delegate",
     "represents": "", "function": "…", "organisation": "…", "status": "received",
     "position": 1}

(``represents``, the territory, State or province of an additional adviser or a
representative of a federal State, is absent from lists published before it existed; so is
``family_name``, the family name the list writes in capitals: "Hélène MARCHETTI".)

The web page, the PDF and the exports all start from rows, so they cannot disagree. The
headings and role labels are trilingual (English / French / Spanish) whatever the reader's
language: the list of delegations is one document for the whole Conference.
"""

from dataclasses import dataclass, field

from tripartite.common.names import TURKIC, family_in_capitals
from tripartite.common.text import sort_key
from tripartite.common.titles import title_in
from tripartite.delegations.models import (
    CredentialsSettings,
    DelegationStatus,
    Nomination,
    PublishedList,
)

LANGUAGES = ("en", "fr", "es")
DEFAULT_LANGUAGE = "fr"  # the ILO's habit for the trilingual list
SUBMITTED = (DelegationStatus.RECEIVED, DelegationStatus.UNDER_REVIEW,
             DelegationStatus.QUERY_SENT, DelegationStatus.ACCEPTED)

GROUP_ORDER = ("government", "employers", "workers")
# In each group: the Minister first, then the delegates, substitutes and advisers, the
# additional advisers for non-metropolitan territories (Constitution art. 3(3)), and the other
# persons admitted to the sittings.
ROLE_ORDER = ("minister", "accompanying_minister", "delegate", "substitute_delegate",
              "adviser_substitute_delegate", "adviser", "territory_adviser",
              "state_representative", "observer", "other")

# Headings of the three groups, in English, French and Spanish (shared/domain/glossary.md).
GROUP_HEADINGS = {
    "government": ("Government delegates", "Délégués gouvernementaux",
                   "Delegados gubernamentales"),
    "employers": ("Employers' delegates", "Délégués des employeurs",
                  "Delegados de los empleadores"),
    "workers": ("Workers' delegates", "Délégués des travailleurs",
                "Delegados de los trabajadores"),
}

# role -> (English, French {gender: form}, Spanish {gender: form}); "x": not stated.
ROLE_LABELS = {
    "delegate": ("Delegate",
                 {"m": "Délégué", "f": "Déléguée", "x": "Délégué(e)"},
                 {"m": "Delegado", "f": "Delegada", "x": "Delegado/a"}),
    "substitute_delegate": (
        "Substitute delegate",
        {"m": "Délégué suppléant", "f": "Déléguée suppléante", "x": "Délégué(e) suppléant(e)"},
        {"m": "Delegado suplente", "f": "Delegada suplente", "x": "Delegado/a suplente"}),
    "adviser": (
        "Adviser",
        {"m": "Conseiller technique", "f": "Conseillère technique",
         "x": "Conseiller/conseillère technique"},
        {"m": "Consejero técnico", "f": "Consejera técnica", "x": "Consejero/a técnico/a"}),
    "adviser_substitute_delegate": (
        "Adviser and substitute delegate",
        {"m": "Conseiller technique et délégué suppléant",
         "f": "Conseillère technique et déléguée suppléante",
         "x": "Conseiller/conseillère technique et délégué(e) suppléant(e)"},
        {"m": "Consejero técnico y delegado suplente",
         "f": "Consejera técnica y delegada suplente",
         "x": "Consejero/a técnico/a y delegado/a suplente"}),
    "territory_adviser": (
        "Additional adviser for a non-metropolitan territory",
        {"m": "Conseiller technique supplémentaire pour un territoire non métropolitain",
         "f": "Conseillère technique supplémentaire pour un territoire non métropolitain",
         "x": "Conseiller/conseillère technique supplémentaire pour un territoire non "
              "métropolitain"},
        {"m": "Consejero técnico adicional para un territorio no metropolitano",
         "f": "Consejera técnica adicional para un territorio no metropolitano",
         "x": "Consejero/a técnico/a adicional para un territorio no metropolitano"}),
    "state_representative": (
        "Representative of a State or province of a federal State",
        {"m": "Représentant d'un État ou d'une province d'un État fédéral",
         "f": "Représentante d'un État ou d'une province d'un État fédéral",
         "x": "Représentant(e) d'un État ou d'une province d'un État fédéral"},
        dict.fromkeys("mfx", "Representante de un Estado o provincia de un Estado federal")),
    "observer": (
        "Observer",
        {"m": "Observateur", "f": "Observatrice", "x": "Observateur/observatrice"},
        {"m": "Observador", "f": "Observadora", "x": "Observador/a"}),
    "minister": (
        "Minister attending the Conference",
        dict.fromkeys("mfx", "Ministre assistant à la Conférence"),
        {"m": "Ministro que asiste a la Conferencia", "f": "Ministra que asiste a la Conferencia",
         "x": "Ministro/a que asiste a la Conferencia"}),
    "accompanying_minister": (
        "Person accompanying the Minister",
        dict.fromkeys("mfx", "Personne accompagnant le ministre"),
        dict.fromkeys("mfx", "Persona que acompaña al ministro")),
    "other": (
        "Other person attending",
        dict.fromkeys("mfx", "Autre personne assistant à la Conférence"),
        dict.fromkeys("mfx", "Otra persona que asiste a la Conferencia")),
}

LIST_TITLES = {
    "current": ("List of delegations (working copy, not published)",
                "Liste des délégations (document de travail, non publié)",
                "Lista de delegaciones (documento de trabajo, no publicado)"),
    "provisional": ("Provisional list of delegations", "Liste provisoire des délégations",
                    "Lista provisional de delegaciones"),
    "revised": ("Revised list of delegations No. {n}", "Liste révisée des délégations n° {n}",
                "Lista revisada de delegaciones n.º {n}"),
    "final": ("Final list of delegations", "Liste définitive des délégations",
              "Lista definitiva de delegaciones"),
}

ADDED, WITHDRAWN, CHANGED = "added", "withdrawn", "changed"
CHANGE_MARKERS = {
    ADDED: ("+ added", "ajouté", "añadido"),
    WITHDRAWN: ("− withdrawn", "retiré", "retirado"),
    CHANGED: ("changed", "modifié", "modificado"),
}
CHANGE_LEGEND = {
    ADDED: ("added since the previous list", "ajouté depuis la liste précédente",
            "añadido desde la lista anterior"),
    WITHDRAWN: ("withdrawn since the previous list", "retiré depuis la liste précédente",
                "retirado desde la lista anterior"),
    CHANGED: ("changed since the previous list", "modifié depuis la liste précédente",
              "modificado desde la lista anterior"),
}
# What a revised list compares, person by person.
COMPARED_FIELDS = ("group", "role", "represents", "title", "function", "name", "name_latin",
                   "family_name")
# Compared only when both lists have them: a list published before the field existed does not
# say what it was (every person would otherwise show as changed in the next list).
COMPARED_WHEN_KNOWN = frozenset({"family_name"})


def trilingual(parts) -> str:
    return " / ".join(part for part in parts if part)


def group_heading(group: str) -> str:
    return trilingual(GROUP_HEADINGS[group])


def role_label(role: str, gender: str = "x", represents: str = "") -> str:
    """The role in English, French and Spanish, followed by the territory, State or province
    the person represents, if any ("… / … / … — Greenland")."""
    english, french, spanish = ROLE_LABELS[role]
    gender = gender if gender in ("m", "f") else "x"
    label = trilingual((english, french[gender], spanish[gender]))
    return f"{label} — {represents}" if represents else label


def list_title(kind: str, number: int = 1) -> str:
    return trilingual(part.format(n=number) for part in LIST_TITLES[kind])


def change_marker(change: str) -> str:
    return trilingual(CHANGE_MARKERS[change])


def change_legend() -> list[tuple[str, str]]:
    return [(change_marker(change), trilingual(CHANGE_LEGEND[change]))
            for change in (ADDED, WITHDRAWN, CHANGED)]


# --- ordering ------------------------------------------------------------------------------

def list_language(value: str | None, default: str = DEFAULT_LANGUAGE) -> str:
    """The language whose alphabetical order the list follows; unknown values fall back."""
    return value if value in LANGUAGES else (default if default in LANGUAGES
                                             else DEFAULT_LANGUAGE)


def state_name(row: dict, language: str) -> str:
    return row.get(f"state_{language}") or row["state_en"]


def _rank(order: tuple[str, ...], value: str) -> int:
    return order.index(value) if value in order else len(order)


def order_rows(rows, language: str) -> list[dict]:
    """States alphabetically in ``language``; in each, Government, Employers, Workers; then
    the role (the Minister first, then delegates, substitutes, advisers) and the order of
    nomination."""
    def key(row):
        name = state_name(row, language)
        return (sort_key(name), name, row["state"], _rank(GROUP_ORDER, row["group"]),
                _rank(ROLE_ORDER, row["role"]), row.get("position", 0),
                sort_key(row.get("name_latin") or row["name"]), row["person"])

    return sorted(rows, key=key)


# --- the rows --------------------------------------------------------------------------------

# (row key, lookup from Nomination): the row is read as plain values, in one query, without
# building model instances (six thousand persons take a tenth of the time this way).
ROW_FIELDS = (
    ("state", "delegation__member_state__iso2"),
    ("state_iso3", "delegation__member_state__iso3"),
    ("state_en", "delegation__member_state__name_en"),
    ("state_fr", "delegation__member_state__name_fr"),
    ("state_es", "delegation__member_state__name_es"),
    ("person", "person_id"),
    ("title", "person__title"),
    ("name", "person__name"),
    ("name_latin", "person__name_latin"),
    ("family_name", "person__family_name"),
    ("gender", "person__gender"),
    ("group", "group"),
    ("role", "role"),
    ("represents", "represents"),
    ("function", "person__function"),
    ("organisation", "organisation__name"),
    ("person_organisation", "person__organisation__name"),
    ("status", "delegation__status"),
    ("position", "position"),
)


def list_nominations(session):
    """Active nominations of the delegations submitted to ``session``, as tuples in the
    order of ROW_FIELDS: one query."""
    return (Nomination.objects
            .filter(delegation__session=session, delegation__status__in=SUBMITTED,
                    withdrawn_in_amendment__isnull=True)
            .order_by()
            .values_list(*(lookup for _key, lookup in ROW_FIELDS)))


def nomination_row(values) -> dict:
    """A row from one tuple of ``list_nominations``. The organisation is the one the
    nomination names (Employers', Workers'), or else the person's (a ministry)."""
    row = dict(zip((key for key, _lookup in ROW_FIELDS), values, strict=True))
    fallback = row.pop("person_organisation")
    row["organisation"] = row["organisation"] or fallback or ""
    row["state_fr"] = row["state_fr"] or row["state_en"]
    row["state_es"] = row["state_es"] or row["state_en"]
    row["name_latin"] = row["name_latin"] or row["name"]
    row["family_name"] = row["family_name"] or ""
    row["title"] = row["title"] or ""
    row["function"] = row["function"] or ""
    return row


def current_rows(session, language: str | None = None) -> list[dict]:
    """The list as it stands: every active nomination of every submitted delegation."""
    rows = [nomination_row(n) for n in list_nominations(session)]
    return order_rows(rows, language or session_list_language(session))


def session_list_language(session) -> str:
    language = (CredentialsSettings.objects.filter(session=session)
                .values_list("list_language", flat=True).first())
    return list_language(language)


# --- what changed between two lists -----------------------------------------------------------

def _key(row) -> tuple[str, int]:
    return (row["state"], row["person"])


def mark_changes(previous_rows, rows) -> list[dict]:
    """``rows`` with a ``change`` each (None, "added", "changed") and, appended, the rows of
    ``previous_rows`` no longer there, marked "withdrawn". A changed row carries
    ``changed_fields`` and ``before`` (the previous row). Order with ``order_rows``."""
    before = {_key(row): row for row in previous_rows}
    marked = []
    for row in rows:
        old = before.pop(_key(row), None)
        if old is None:
            marked.append({**row, "change": ADDED})
            continue
        # A field a list published before it existed lacks counts as empty, not as changed.
        fields = [name for name in COMPARED_FIELDS
                  if (old.get(name) or "") != (row.get(name) or "")
                  and (name not in COMPARED_WHEN_KNOWN or (name in old and name in row))]
        marked.append({**row, "change": CHANGED if fields else None,
                       "changed_fields": fields, "before": old if fields else None})
    marked.extend({**row, "change": WITHDRAWN} for row in before.values())
    return marked


def previous_list(published: PublishedList) -> PublishedList | None:
    """The list published just before ``published`` in the same session."""
    return (PublishedList.objects.filter(session_id=published.session_id, id__lt=published.pk)
            .order_by("-id").first())


def published_rows(published: PublishedList, language: str) -> tuple[list[dict], bool]:
    """(rows, marked): a published list's rows, marked against the list before it if any."""
    previous = previous_list(published)
    if previous is None:
        return order_rows(published.rows, language), False
    return order_rows(mark_changes(previous.rows, published.rows), language), True


# --- sections, for the page and the PDF ---------------------------------------------------------

@dataclass
class GroupSection:
    group: str
    heading: str
    persons: list[dict] = field(default_factory=list)


@dataclass
class StateSection:
    iso2: str
    name: str
    names: dict
    groups: list[GroupSection] = field(default_factory=list)


def sections(ordered_rows, language: str) -> list[StateSection]:
    """Ordered rows grouped by State, then group; each person gets its trilingual role."""
    states: list[StateSection] = []
    for row in ordered_rows:
        if not states or states[-1].iso2 != row["state"]:
            states.append(StateSection(
                row["state"], state_name(row, language),
                {code: state_name(row, code) for code in LANGUAGES}))
        groups = states[-1].groups
        if not groups or groups[-1].group != row["group"]:
            groups.append(GroupSection(row["group"], group_heading(row["group"])))
        change, before = row.get("change"), row.get("before")
        # Every key the template reads is present: a missing one costs a dir() per lookup.
        groups[-1].persons.append({
            **row, "title": title_in(row.get("title") or "", language, row.get("gender", "")),
            "role_label": role_label(row["role"], row.get("gender", "x"),
                                            row.get("represents") or ""),
            "latin_differs": bool(row.get("name_latin")) and row["name_latin"] != row["name"],
            **display_names(row),
            "change": change, "marker": change_marker(change) if change else "",
            "before_label": (_before_label(before, row["changed_fields"], language) if before
                             else "")})
    return states


def display_names(row: dict) -> dict[str, str]:
    """The name and its Latin form as the list writes them, the family name in capitals
    ("Hélène MARCHETTI"; "王伟" and "WANG Wei"); as written when the row has no family name
    (lists published before it existed) or it is in another script."""
    family, turkic = row.get("family_name") or "", row.get("state") in TURKIC
    return {"display_name": family_in_capitals(row["name"], family, turkic=turkic),
            "display_latin": family_in_capitals(row.get("name_latin") or row["name"], family,
                                                turkic=turkic)}


def _before_label(before: dict, fields: list[str], language: str = "en") -> str:
    """What the changed fields read in the previous list, e.g. "Adviser / … ; Mr"."""
    parts = []
    for name in fields:
        if name in ("role", "represents"):
            label = role_label(before["role"], before.get("gender", "x"),
                               before.get("represents") or "")
            if label not in parts:
                parts.append(label)
        elif name == "group":
            parts.append(group_heading(before["group"]))
        elif name == "family_name":
            written = display_names(before)["display_latin"]
            if written not in parts:
                parts.append(written)
        elif name == "title" and before.get(name):
            parts.append(title_in(before[name], language, before.get("gender", "")))
        elif before.get(name):
            parts.append(before[name])
    return " ; ".join(parts)


def counts(rows) -> dict:
    present = [row for row in rows if row.get("change") != WITHDRAWN]
    return {"states": len({row["state"] for row in present}), "persons": len(present)}
