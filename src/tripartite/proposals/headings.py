"""The headings the information document groups its meetings under, as the Governing Body's
papers do: the department at headquarters that organizes a meeting, or, for a meeting of a
field office, the region of that office.

A proposal names its responsible unit in free text ("SECTOR", "ACTRAV", "ILO Lima"). A unit
known here gets its department's name in the document's language; an office ("ILO <city>")
known here gets its region; an office not known here gets the region of the member State the
meeting is held in; anything else is its own heading, as written. The order: the departments
(alphabetically in the document's language), then the five regions in the Office's order,
then the other units.
"""

from dataclasses import dataclass

from tripartite.common.text import sort_key

# unit -> (English, French, Spanish)
DEPARTMENTS = {
    "SECTOR": ("Sectoral Policies Department", "Département des politiques sectorielles",
               "Departamento de Políticas Sectoriales"),
    "ACTRAV": ("Bureau for Workers' Activities", "Bureau des activités pour les travailleurs",
               "Oficina de Actividades para los Trabajadores"),
    "ACT/EMP": ("Bureau for Employers' Activities", "Bureau des activités pour les employeurs",
                "Oficina de Actividades para los Empleadores"),
    "NORMES": ("International Labour Standards Department",
               "Département des normes internationales du travail",
               "Departamento de Normas Internacionales del Trabajo"),
    "GOVERNANCE": ("Governance and Tripartism Department",
                   "Département de la gouvernance et du tripartisme",
                   "Departamento de Gobernanza y Tripartismo"),
    "EMPLOYMENT": ("Employment Policy Department", "Département des politiques de l'emploi",
                   "Departamento de Política de Empleo"),
    "SOCPRO": ("Social Protection Department", "Département de la protection sociale",
               "Departamento de Protección Social"),
    "WORKQUALITY": ("Conditions of Work and Equality Department",
                    "Département des conditions de travail et de l'égalité",
                    "Departamento de Condiciones de Trabajo e Igualdad"),
    "ENTERPRISES": ("Enterprises Department", "Département des entreprises",
                    "Departamento de Empresas"),
    "RESEARCH": ("Research Department", "Département de la recherche",
                 "Departamento de Investigaciones"),
    "STATISTICS": ("Department of Statistics", "Département de statistique",
                   "Departamento de Estadística"),
}
DEPARTMENTS["ACTEMP"] = DEPARTMENTS["ACT/EMP"]

# The Office's five regions (GEN-2), in its order.
REGIONS = {
    "africa": ("Africa", "Afrique", "África"),
    "americas": ("Americas", "Amériques", "Américas"),
    "arab_states": ("Arab States", "États arabes", "Estados Árabes"),
    "asia_pacific": ("Asia and the Pacific", "Asie et Pacifique", "Asia y el Pacífico"),
    "europe": ("Europe and Central Asia", "Europe et Asie centrale", "Europa y Asia Central"),
}
REGION_ORDER = tuple(REGIONS)

# Field offices ("ILO <city>") -> region.
OFFICES = {
    **dict.fromkeys(("Abidjan", "Abuja", "Addis Ababa", "Algiers", "Antananarivo", "Cairo",
                     "Dakar", "Dar es Salaam", "Harare", "Kinshasa", "Lusaka", "Pretoria",
                     "Yaoundé"), "africa"),
    **dict.fromkeys(("Brasilia", "Buenos Aires", "Lima", "Mexico", "Port of Spain",
                     "San José", "Santiago"), "americas"),
    **dict.fromkeys(("Beirut",), "arab_states"),
    **dict.fromkeys(("Bangkok", "Beijing", "Colombo", "Dhaka", "Hanoi", "Islamabad",
                     "Jakarta", "Kathmandu", "Manila", "New Delhi", "Suva", "Tokyo"),
                    "asia_pacific"),
    **dict.fromkeys(("Ankara", "Berlin", "Brussels", "Budapest", "Lisbon", "Madrid", "Moscow",
                     "Paris", "Rome"), "europe"),
}
# The member States' regions as the constituents app records them -> the Office's regions.
STATE_REGIONS = {"Africa": "africa", "Americas": "americas", "Arab States": "arab_states",
                 "Asia and the Pacific": "asia_pacific", "Europe and Central Asia": "europe"}
INDEX = {"en": 0, "fr": 1, "es": 2}


@dataclass(frozen=True)
class Heading:
    rank: tuple  # where the heading goes in the document
    text: str


def heading_of(unit: str, state_region: str | None, language: str) -> Heading:
    """The heading of a meeting of ``unit`` held in a State of ``state_region`` (the member
    State's ``ilo_region``, or None)."""
    index = INDEX[language]
    unit = (unit or "").strip()
    department = DEPARTMENTS.get(unit.upper())
    if department is not None:
        return Heading((0, sort_key(department[index])), department[index])
    region = None
    if unit.upper().startswith("ILO "):
        region = OFFICES.get(unit[4:].strip()) or STATE_REGIONS.get(state_region or "")
    if region is not None:
        return Heading((1, REGION_ORDER.index(region)), REGIONS[region][index])
    return Heading((2, sort_key(unit)), unit)
