"""Names of well-known venues and cities in English, French and Spanish.

A session's venue and city are stored in the three languages (``venue_en``, ``venue_fr``…,
see translation.py); when a session is created with its English names only, the French and
Spanish ones are taken from here if the place is known. A proposed meeting's city (free text
in the proposal) is shown through the same table in the information document. Anything not
known is written as it was typed, in every language.

The forms are the usual ones in United Nations and ILO texts (e.g. "Genève", "Ginebra";
"Turin", "Turín"; "Addis-Abeba", "Addis Abeba").
"""

import unicodedata

# English -> (French, Spanish)
PLACES: dict[str, tuple[str, str]] = {
    # cities
    "Geneva": ("Genève", "Ginebra"),
    "Turin": ("Turin", "Turín"),
    "Bangkok": ("Bangkok", "Bangkok"),
    "Abidjan": ("Abidjan", "Abiyán"),
    "Lima": ("Lima", "Lima"),
    "Addis Ababa": ("Addis-Abeba", "Addis Abeba"),
    "Dakar": ("Dakar", "Dakar"),
    "Nairobi": ("Nairobi", "Nairobi"),
    "Cairo": ("Le Caire", "El Cairo"),
    "Beirut": ("Beyrouth", "Beirut"),
    "New Delhi": ("New Delhi", "Nueva Delhi"),
    "Jakarta": ("Jakarta", "Yakarta"),
    "Manila": ("Manille", "Manila"),
    "Singapore": ("Singapour", "Singapur"),
    "Moscow": ("Moscou", "Moscú"),
    "Brussels": ("Bruxelles", "Bruselas"),
    "Vienna": ("Vienne", "Viena"),
    "Rome": ("Rome", "Roma"),
    "London": ("Londres", "Londres"),
    "Paris": ("Paris", "París"),
    "New York": ("New York", "Nueva York"),
    "Washington": ("Washington", "Washington"),
    "Mexico City": ("Mexico", "Ciudad de México"),
    "Santiago": ("Santiago", "Santiago"),
    "Buenos Aires": ("Buenos Aires", "Buenos Aires"),
    "Montevideo": ("Montevideo", "Montevideo"),
    "Panama City": ("Panama", "Ciudad de Panamá"),
    "Port of Spain": ("Port-d'Espagne", "Puerto España"),
    "Brasilia": ("Brasília", "Brasilia"),
    "Algiers": ("Alger", "Argel"),
    "Yaoundé": ("Yaoundé", "Yaundé"),
    "Kinshasa": ("Kinshasa", "Kinshasa"),
    "Pretoria": ("Pretoria", "Pretoria"),
    "Harare": ("Harare", "Harare"),
    "Lusaka": ("Lusaka", "Lusaka"),
    "Beijing": ("Beijing", "Beijing"),
    "Tokyo": ("Tokyo", "Tokio"),
    "Budapest": ("Budapest", "Budapest"),
    "Istanbul": ("Istanbul", "Estambul"),
    "Copenhagen": ("Copenhague", "Copenhague"),
    "The Hague": ("La Haye", "La Haya"),
    "Lisbon": ("Lisbonne", "Lisboa"),
    "Athens": ("Athènes", "Atenas"),
    "Warsaw": ("Varsovie", "Varsovia"),
    "Online": ("En ligne", "En línea"),
    # venues
    "International Labour Office": ("Bureau international du Travail",
                                    "Oficina Internacional del Trabajo"),
    "Palais des Nations": ("Palais des Nations", "Palacio de las Naciones"),
    "United Nations Conference Centre": ("Centre de conférences des Nations Unies",
                                         "Centro de Conferencias de las Naciones Unidas"),
    "International Training Centre of the ILO": ("Centre international de formation de l'OIT",
                                                 "Centro Internacional de Formación de la OIT"),
    "Geneva International Conference Centre": ("Centre international de conférences Genève",
                                               "Centro Internacional de Conferencias de Ginebra"),
}

_LANGUAGE_INDEX = {"fr": 0, "es": 1}


def place_in(name: str, language: str) -> str:
    """``name`` (English, as stored) in ``language``; as it is when the place is unknown."""
    name = (name or "").strip()
    index = _LANGUAGE_INDEX.get(language)
    if index is None or name not in PLACES:
        return name
    return PLACES[name][index]


def translations(name: str) -> dict[str, str]:
    """{"fr": …, "es": …} for a known place, {} otherwise."""
    name = (name or "").strip()
    if name not in PLACES:
        return {}
    french, spanish = PLACES[name]
    return {"fr": french, "es": spanish}


def _key(name: str) -> str:
    """How a name is compared: case, accents, hyphens and spaces aside ("addis-abeba")."""
    text = unicodedata.normalize("NFKD", name.replace("-", " ").casefold())
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


# Every form of a known place (English first, so that it wins) -> its English name.
_ENGLISH: dict[str, str] = {}
for _english, _others in PLACES.items():
    _ENGLISH.setdefault(_key(_english), _english)
for _english, _others in PLACES.items():
    for _other in _others:
        _ENGLISH.setdefault(_key(_other), _english)


def english_name(name: str) -> str:
    """The English name (as stored) of a known place typed in English, French or Spanish, in
    any case and with or without accents ("Genève", "ginebra" -> "Geneva"); any other name as
    typed, its spaces tidied."""
    name = " ".join((name or "").split())
    return _ENGLISH.get(_key(name), name)
