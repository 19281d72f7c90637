"""Names for the demo: people from many cultures and scripts, organisations, and the titles
of the meetings, sessions, agenda items and committees.

The pools of given and family names by culture, and the cultures of each member State, are
data: ``data/names.json``. A pool entry is a plain string when the name is in Latin script
(``name_latin`` is the name itself) or when the culture has a transliterator (Cyrillic, Greek,
Georgian); it is ``("native", "Latin")`` when the Latin form is written by hand (Arabic, Han,
Devanagari…). Family names that change with gender are written ``"masculine|feminine"``.

Everything here is invented demo data: the combinations are random, the people fictitious.
"""

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# --- transliteration ------------------------------------------------------------------------

def _table_transliterator(table: dict[str, str],
                          initial: dict[str, str] | None = None) -> Callable[[str], str]:
    """Letter-by-letter transliteration; ``initial`` overrides letters that start a word."""
    initial = initial or {}

    def transliterate(text: str) -> str:
        out = []
        for index, char in enumerate(text):
            lower = char.lower()
            if lower not in table:
                out.append(char)
                continue
            at_start = index == 0 or not text[index - 1].isalpha()
            latin = initial.get(lower, table[lower]) if at_start else table[lower]
            out.append(latin[:1].upper() + latin[1:] if char.isupper() else latin)
        return "".join(out)

    return transliterate


_RUSSIAN = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
     "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"],
    strict=True))
russian_latin = _table_transliterator(_RUSSIAN)
kazakh_latin = _table_transliterator({
    **_RUSSIAN, "ә": "a", "ғ": "g", "қ": "k", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i"})
tajik_latin = _table_transliterator({
    **_RUSSIAN, "ғ": "gh", "ӣ": "i", "қ": "q", "ӯ": "u", "ҳ": "h", "ҷ": "j"})
mongolian_latin = _table_transliterator({**_RUSSIAN, "ө": "ö", "ү": "ü"})

# Ukrainian: the national system of 2010 (e.g. Андрій → Andrii, Юлія → Yuliia).
ukrainian_latin = _table_transliterator(
    dict(zip("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'",
             ["a", "b", "v", "h", "g", "d", "e", "ie", "zh", "z", "y", "i", "i", "i", "k",
              "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh",
              "shch", "", "iu", "ia", ""], strict=True)),
    initial={"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"})

# Bulgarian: the official streamlined system (Димитър → Dimitar; final -ия → -ia).
_bulgarian_letters = _table_transliterator(dict(zip(
    "абвгдежзийклмнопрстуфхцчшщъьюя",
    ["a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
     "s", "t", "u", "f", "h", "ts", "ch", "sh", "sht", "a", "y", "yu", "ya"], strict=True)))


def bulgarian_latin(text: str) -> str:
    return re.sub(r"iya\b", "ia", _bulgarian_letters(text))


# Serbian Cyrillic has an exact Latin twin (Gaj's alphabet).
serbian_latin = _table_transliterator(dict(zip(
    "абвгдђежзијклљмнњопрстћуфхцчџш",
    ["a", "b", "v", "g", "d", "đ", "e", "ž", "z", "i", "j", "k", "l", "lj", "m", "n", "nj",
     "o", "p", "r", "s", "t", "ć", "u", "f", "h", "c", "č", "dž", "š"], strict=True)))
macedonian_latin = _table_transliterator(dict(zip(
    "абвгдѓежзѕијклљмнњопрстќуфхцчџш",
    ["a", "b", "v", "g", "d", "gj", "e", "zh", "z", "dz", "i", "j", "k", "l", "lj", "m", "n",
     "nj", "o", "p", "r", "s", "t", "kj", "u", "f", "h", "c", "ch", "dzh", "sh"],
    strict=True)))
_georgian_letters = _table_transliterator(dict(zip(
    "აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ",
    ["a", "b", "g", "d", "e", "v", "z", "t", "i", "k", "l", "m", "n", "o", "p", "zh", "r",
     "s", "t", "u", "p", "k", "gh", "q", "sh", "ch", "ts", "dz", "ts", "ch", "kh", "j", "h"],
    strict=True)))


def georgian_latin(text: str) -> str:
    """The national system of 2002; Georgian has no capitals, the Latin form has."""
    return " ".join(word[:1].upper() + word[1:] for word in _georgian_letters(text).split(" "))

_GREEK = dict(zip("αβγδεζηθικλμνξοπρσςτυφχψω",
                  ["a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o",
                   "p", "r", "s", "s", "t", "y", "f", "ch", "ps", "o"], strict=True))
_GREEK_PAIRS = {"ου": "ou", "γγ": "ng", "αι": "ai", "ει": "ei", "οι": "oi"}
_GREEK_VOICELESS = set("θκξπστφχψ")


def greek_latin(text: str) -> str:
    """ELOT 743 in its passport form: Ευάγγελος → Evangelos, Αικατερίνη → Aikaterini."""
    return " ".join(_greek_word(word) for word in text.split(" "))


def _greek_word(word: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFD", word.lower())
                    if not unicodedata.combining(c))
    out, index = [], 0
    while index < len(plain):
        pair, following = plain[index:index + 2], plain[index + 2:index + 3]
        if pair in ("αυ", "ευ"):
            out.append(pair[0].translate(str.maketrans("αε", "ae"))
                       + ("f" if not following or following in _GREEK_VOICELESS else "v"))
        elif pair in ("μπ", "ντ", "γκ") and index == 0:
            out.append({"μπ": "b", "ντ": "d", "γκ": "g"}[pair])
        elif pair in _GREEK_PAIRS or pair in ("μπ", "ντ", "γκ"):
            out.append(_GREEK_PAIRS.get(pair) or {"μπ": "mp", "ντ": "nt", "γκ": "nk"}[pair])
        else:
            out.append(_GREEK.get(plain[index], plain[index]))
            index += 1
            continue
        index += 2
    latin = "".join(out)
    return latin[:1].upper() + latin[1:]


# --- cultures -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Culture:
    female: tuple
    male: tuple
    family: tuple
    latin: Callable[[str], str] | None = None
    family_first: bool = False
    native_joiner: str = " "
    family_names: int = 1                     # Spanish: two family names
    patronym: tuple[str, str] | None = None   # Malay: "bin" / "binti" + the father's name
    no_family_name: bool = False              # Burmese: no family name to write in capitals


TRANSLITERATORS: dict[str, Callable[[str], str]] = {
    "russian": russian_latin, "kazakh": kazakh_latin, "tajik": tajik_latin,
    "mongolian": mongolian_latin, "ukrainian": ukrainian_latin, "bulgarian": bulgarian_latin,
    "serbian": serbian_latin, "macedonian": macedonian_latin, "georgian": georgian_latin,
    "greek": greek_latin,
}


def _entries(values: list) -> tuple:
    """JSON ``"name"`` or ``["native", "Latin"]`` → ``"name"`` or ``("native", "Latin")``."""
    return tuple(value if isinstance(value, str) else tuple(value) for value in values)


def _culture(data: dict) -> Culture:
    patronym = data.get("patronym")
    return Culture(
        female=_entries(data["female"]), male=_entries(data["male"]),
        family=_entries(data["family"]),
        latin=TRANSLITERATORS[data["latin"]] if "latin" in data else None,
        family_first=data.get("family_first", False),
        native_joiner=data.get("native_joiner", " "),
        family_names=data.get("family_names", 1),
        patronym=(patronym[0], patronym[1]) if patronym else None,
        no_family_name=data.get("no_family_name", False))


def _parse_state_cultures(lines: list[str]) -> dict[str, tuple[tuple[str, int], ...]]:
    """``"culture weight, culture weight: ISO codes"`` (no weight: 100) → by ISO code."""
    mapping = {}
    for line in lines:
        mix, _sep, codes = line.partition(":")
        cultures = []
        for part in mix.split(","):
            key, _space, weight = part.strip().partition(" ")
            cultures.append((key, int(weight or 100)))
        for code in codes.split():
            mapping[code] = tuple(cultures)
    return mapping


# --- the pools and who lives where, from data/names.json (read once, at import) --------------

_DATA = json.loads((Path(__file__).parent / "data" / "names.json").read_text(encoding="utf-8"))
CULTURES: dict[str, Culture] = {key: _culture(data) for key, data in _DATA["cultures"].items()}
# A State's people are drawn from its cultures in these proportions.
STATE_CULTURES = _parse_state_cultures(_DATA["states"])
del _DATA


# --- organisations --------------------------------------------------------------------------
# Employers' and workers' organisations are named in the State's language where it is one of
# French, Spanish or Portuguese; ``{of}`` is the State with its preposition in that language.

STATE_IN_FRENCH = {
    "FR": "de France", "BE": "de Belgique", "LU": "du Luxembourg", "CH": "de Suisse",
    "HT": "d'Haïti", "SN": "du Sénégal", "ML": "du Mali", "CI": "de Côte d'Ivoire",
    "BF": "du Burkina Faso", "GN": "de Guinée", "BJ": "du Bénin", "TG": "du Togo",
    "NE": "du Niger", "CM": "du Cameroun", "GA": "du Gabon", "CG": "du Congo",
    "CD": "de la République démocratique du Congo", "CF": "de Centrafrique",
    "TD": "du Tchad", "MG": "de Madagascar", "RW": "du Rwanda", "BI": "du Burundi",
    "DJ": "de Djibouti", "KM": "des Comores", "MR": "de Mauritanie", "DZ": "d'Algérie",
    "MA": "du Maroc", "TN": "de Tunisie", "SC": "des Seychelles", "MU": "de Maurice",
    "LB": "du Liban",
}
STATE_IN_SPANISH = {
    "ES": "de España", "MX": "de México", "AR": "de la Argentina", "BO": "de Bolivia",
    "CL": "de Chile", "CO": "de Colombia", "CR": "de Costa Rica", "CU": "de Cuba",
    "DO": "de la República Dominicana", "EC": "del Ecuador", "SV": "de El Salvador",
    "GT": "de Guatemala", "HN": "de Honduras", "NI": "de Nicaragua", "PA": "de Panamá",
    "PY": "del Paraguay", "PE": "del Perú", "UY": "del Uruguay", "VE": "de Venezuela",
    "GQ": "de Guinea Ecuatorial",
}
STATE_IN_PORTUGUESE = {
    "BR": "do Brasil", "PT": "de Portugal", "AO": "de Angola", "MZ": "de Moçambique",
    "CV": "de Cabo Verde", "GW": "da Guiné-Bissau", "ST": "de São Tomé e Príncipe",
    "TL": "de Timor-Leste",
}

ORGANISATION_NAMES = {
    "en": {
        "employers": ("Employers' Federation of {of}", "Employers' Confederation of {of}",
                      "National Employers' Organization of {of}",
                      "Confederation of Employers and Industries of {of}",
                      "Business Council of {of}"),
        "workers": ("Trade Union Congress of {of}", "Confederation of Trade Unions of {of}",
                    "National Federation of Trade Unions of {of}",
                    "General Confederation of Labour of {of}",
                    "Congress of Free Trade Unions of {of}"),
    },
    "fr": {
        "employers": ("Conseil national du patronat {of}",
                      "Confédération nationale des employeurs {of}",
                      "Fédération des entreprises {of}", "Union patronale {of}"),
        "workers": ("Confédération nationale des travailleurs {of}",
                    "Union nationale des syndicats de travailleurs {of}",
                    "Confédération générale des travailleurs {of}",
                    "Confédération des syndicats libres {of}"),
    },
    "es": {
        "employers": ("Confederación de Empleadores {of}", "Confederación Patronal {of}",
                      "Consejo Nacional de la Empresa Privada {of}",
                      "Cámara Nacional de Empresarios {of}"),
        "workers": ("Confederación General de Trabajadores {of}",
                    "Central Unitaria de Trabajadores {of}",
                    "Confederación Nacional de Sindicatos {of}",
                    "Unión Nacional de Trabajadores {of}"),
    },
    "pt": {
        "employers": ("Confederação Nacional dos Empregadores {of}",
                      "Confederação Empresarial {of}", "Associação Industrial {of}"),
        "workers": ("Central Geral dos Trabalhadores {of}",
                    "União Geral dos Trabalhadores {of}",
                    "Confederação Nacional dos Trabalhadores {of}"),
    },
}
MINISTRY_NAMES = (
    "Ministry of Labour", "Ministry of Labour and Employment",
    "Ministry of Labour and Social Security", "Ministry of Labour and Social Affairs",
    "Ministry of Employment and Labour", "Ministry of Labour, Employment and Social Protection",
    "Ministry of Labour and Social Protection", "Ministry of Labour and Social Welfare",
)
ACRONYM_SMALL_WORDS = {"of", "the", "and", "de", "du", "des", "la", "le", "les", "et", "y",
                       "e", "da", "do", "dos", "das", "del"}

# --- functions ------------------------------------------------------------------------------

FUNCTIONS = {
    "ministry": ("Director, International Labour Affairs", "Labour Attaché, Permanent Mission",
                 "Counsellor, Permanent Mission in Geneva", "Deputy Director-General",
                 "Head of International Relations", "Senior Legal Adviser",
                 "Director of Labour Inspection", "Director of Employment Policy",
                 "First Secretary, Permanent Mission", "Senior Policy Adviser",
                 "Director, Social Security", "Chief Labour Officer"),
    "employers": ("President", "Director-General", "Executive Director",
                  "Head of Social Affairs", "Legal Adviser", "Member of the Board",
                  "Policy Adviser", "Director of Industrial Relations",
                  "Head of International Affairs", "Chief Economist"),
    "workers": ("General Secretary", "President", "International Secretary",
                "Deputy General Secretary", "Head of Education", "Legal Officer",
                "Regional Coordinator", "Gender Equality Officer", "Research Officer",
                "Occupational Safety and Health Officer"),
}

# The ministries and functions of French- and Spanish-speaking States, in their language: the
# same number of each as in English (the demo's random choices stay the same), each function
# as (masculine, feminine). English functions are the same for everyone.
MINISTRY_NAMES_IN = {
    "fr": ("Ministère du Travail {of}", "Ministère du Travail et de l'Emploi {of}",
           "Ministère du Travail et de la Sécurité sociale {of}",
           "Ministère du Travail et des Affaires sociales {of}",
           "Ministère de l'Emploi et du Travail {of}",
           "Ministère du Travail, de l'Emploi et de la Protection sociale {of}",
           "Ministère du Travail et de la Protection sociale {of}",
           "Ministère du Travail et de la Prévoyance sociale {of}"),
    "es": ("Ministerio de Trabajo {of}", "Ministerio de Trabajo y Empleo {of}",
           "Ministerio de Trabajo y Seguridad Social {of}",
           "Ministerio de Trabajo y Asuntos Sociales {of}",
           "Ministerio de Empleo y Trabajo {of}",
           "Ministerio de Trabajo, Empleo y Protección Social {of}",
           "Ministerio de Trabajo y Protección Social {of}",
           "Ministerio de Trabajo y Previsión Social {of}"),
}
# A ministry's name → its minister's function, by language and gender.
MINISTER_OF = {"en": ("Ministry", {"m": "Minister", "f": "Minister"}),
               "fr": ("Ministère", {"m": "Ministre", "f": "Ministre"}),
               "es": ("Ministerio", {"m": "Ministro", "f": "Ministra"})}
AMBASSADOR_FUNCTION = {
    "en": {"m": "Ambassador and Permanent Representative in Geneva",
           "f": "Ambassador and Permanent Representative in Geneva"},
    "fr": {"m": "Ambassadeur, Représentant permanent à Genève",
           "f": "Ambassadrice, Représentante permanente à Genève"},
    "es": {"m": "Embajador, Representante Permanente en Ginebra",
           "f": "Embajadora, Representante Permanente en Ginebra"},
}
# How a minister's and an ambassador's functions start, in every language (the demo finds them
# by it).
MINISTER_PREFIXES = ("Minister", "Ministre", "Ministro", "Ministra")
AMBASSADOR_PREFIXES = ("Ambassador and Permanent Representative", "Ambassadeur, Représentant",
                       "Ambassadrice, Représentante", "Embajador, Representante",
                       "Embajadora, Representante")


def is_minister(function: str) -> bool:
    return function.startswith(MINISTER_PREFIXES)


def _same(*functions: str) -> tuple[tuple[str, str], ...]:
    return tuple((function, function) for function in functions)


FUNCTIONS_IN = {
    "fr": {
        "ministry": (
            ("Directeur des affaires internationales du travail",
             "Directrice des affaires internationales du travail"),
            ("Attaché du travail, Mission permanente", "Attachée du travail, Mission permanente"),
            ("Conseiller, Mission permanente à Genève", "Conseillère, Mission permanente à Genève"),
            ("Directeur général adjoint", "Directrice générale adjointe"),
            ("Chef des relations internationales", "Cheffe des relations internationales"),
            ("Conseiller juridique principal", "Conseillère juridique principale"),
            ("Directeur de l'inspection du travail", "Directrice de l'inspection du travail"),
            ("Directeur de la politique de l'emploi", "Directrice de la politique de l'emploi"),
            ("Premier secrétaire, Mission permanente", "Première secrétaire, Mission permanente"),
            ("Conseiller politique principal", "Conseillère politique principale"),
            ("Directeur de la sécurité sociale", "Directrice de la sécurité sociale"),
            ("Inspecteur général du travail", "Inspectrice générale du travail")),
        "employers": (
            ("Président", "Présidente"), ("Directeur général", "Directrice générale"),
            ("Directeur exécutif", "Directrice exécutive"),
            *_same("Responsable des affaires sociales"),
            ("Conseiller juridique", "Conseillère juridique"),
            *_same("Membre du conseil d'administration"),
            ("Conseiller politique", "Conseillère politique"),
            ("Directeur des relations professionnelles",
             "Directrice des relations professionnelles"),
            *_same("Responsable des affaires internationales", "Économiste en chef")),
        "workers": (
            ("Secrétaire général", "Secrétaire générale"), ("Président", "Présidente"),
            ("Secrétaire international", "Secrétaire internationale"),
            ("Secrétaire général adjoint", "Secrétaire générale adjointe"),
            *_same("Responsable de la formation", "Juriste"),
            ("Coordinateur régional", "Coordinatrice régionale"),
            *_same("Responsable de l'égalité entre femmes et hommes"),
            ("Chargé de recherche", "Chargée de recherche"),
            *_same("Responsable de la sécurité et de la santé au travail")),
    },
    "es": {
        "ministry": (
            ("Director de Asuntos Laborales Internacionales",
             "Directora de Asuntos Laborales Internacionales"),
            ("Agregado laboral, Misión Permanente", "Agregada laboral, Misión Permanente"),
            ("Consejero, Misión Permanente en Ginebra", "Consejera, Misión Permanente en Ginebra"),
            ("Director General Adjunto", "Directora General Adjunta"),
            ("Jefe de Relaciones Internacionales", "Jefa de Relaciones Internacionales"),
            ("Asesor jurídico principal", "Asesora jurídica principal"),
            ("Director de Inspección del Trabajo", "Directora de Inspección del Trabajo"),
            ("Director de Políticas de Empleo", "Directora de Políticas de Empleo"),
            ("Primer Secretario, Misión Permanente", "Primera Secretaria, Misión Permanente"),
            ("Asesor principal de políticas", "Asesora principal de políticas"),
            ("Director de Seguridad Social", "Directora de Seguridad Social"),
            ("Inspector General del Trabajo", "Inspectora General del Trabajo")),
        "employers": (
            ("Presidente", "Presidenta"), ("Director General", "Directora General"),
            ("Director Ejecutivo", "Directora Ejecutiva"),
            ("Jefe de Asuntos Sociales", "Jefa de Asuntos Sociales"),
            ("Asesor jurídico", "Asesora jurídica"), *_same("Miembro del Consejo Directivo"),
            ("Asesor de políticas", "Asesora de políticas"),
            ("Director de Relaciones Laborales", "Directora de Relaciones Laborales"),
            ("Jefe de Asuntos Internacionales", "Jefa de Asuntos Internacionales"),
            *_same("Economista jefe")),
        "workers": (
            ("Secretario General", "Secretaria General"), ("Presidente", "Presidenta"),
            ("Secretario Internacional", "Secretaria Internacional"),
            ("Secretario General Adjunto", "Secretaria General Adjunta"),
            *_same("Responsable de Formación"), ("Abogado", "Abogada"),
            ("Coordinador Regional", "Coordinadora Regional"),
            *_same("Responsable de Igualdad de Género"), ("Investigador", "Investigadora"),
            *_same("Responsable de Seguridad y Salud en el Trabajo")),
    },
}


# --- meetings -------------------------------------------------------------------------------
# Titles in English, French and Spanish. Meetings: key → (type, acronym, titles).

MEETINGS = {
    "ILC": ("ilc", "ILC", ("International Labour Conference",
                           "Conférence internationale du Travail",
                           "Conferencia Internacional del Trabajo")),
    "GB": ("gb", "GB", ("Governing Body", "Conseil d'administration",
                        "Consejo de Administración")),
    "AFRM": ("regional", "AFRM", ("African Regional Meeting", "Réunion régionale africaine",
                                  "Reunión Regional Africana")),
    "MEDWCE": ("experts", "MEDWCE", (
        "Meeting of Experts on Decent Work in the Care Economy",
        "Réunion d'experts sur le travail décent dans l'économie du soin",
        "Reunión de expertos sobre el trabajo decente en la economía del cuidado")),
}

# key: (meeting, number, titles, opens, closes (local), time zone, venue, city, country,
#       working languages)
SESSIONS = {
    "ILC": ("ILC", "114", ("114th Session of the International Labour Conference",
                           "114e session de la Conférence internationale du Travail",
                           "114.ª reunión de la Conferencia Internacional del Trabajo"),
            (2026, 6, 1, 10), (2026, 6, 12, 18), "Europe/Zurich", "Palais des Nations",
            "Geneva", "CH", ["en", "fr", "es"]),
    "GB356": ("GB", "356", ("356th Session of the Governing Body",
                            "356e session du Conseil d'administration",
                            "356.ª reunión del Consejo de Administración"),
              (2026, 3, 9, 10), (2026, 3, 19, 18), "Europe/Zurich",
              "International Labour Office", "Geneva", "CH", ["en", "fr", "es"]),
    "GB357": ("GB", "357", ("357th Session of the Governing Body",
                            "357e session du Conseil d'administration",
                            "357.ª reunión del Consejo de Administración"),
              (2026, 6, 13, 10), (2026, 6, 13, 13), "Europe/Zurich",
              "International Labour Office", "Geneva", "CH", ["en", "fr", "es"]),
    # Invented sessions are marked "(demo)" so that nobody takes them for the real thing.
    "AFRM15": ("AFRM", "15", ("15th African Regional Meeting (demo)",
                              "15e Réunion régionale africaine (démo)",
                              "15.ª Reunión Regional Africana (demo)"),
               (2026, 11, 30, 10), (2026, 12, 3, 18), "Africa/Addis_Ababa",
               "United Nations Conference Centre", "Addis Ababa", "ET", ["en", "fr"]),
    "MEDWCE": ("MEDWCE", "", (
        "Meeting of Experts on Decent Work in the Care Economy (demo)",
        "Réunion d'experts sur le travail décent dans l'économie du soin (démo)",
        "Reunión de expertos sobre el trabajo decente en la economía del cuidado (demo)"),
        (2026, 10, 5, 10), (2026, 10, 9, 17), "Europe/Zurich", "International Labour Office",
        "Geneva", "CH", ["en", "fr", "es"]),
}


# session: (number, technical, (en, fr, es))
AGENDA = {
    "ILC": (
        ("I", False, ("Reports of the Chairperson of the Governing Body and of the "
                      "Director-General",
                      "Rapports du Président du Conseil d'administration et du Directeur "
                      "général",
                      "Informes del Presidente del Consejo de Administración y del Director "
                      "General")),
        ("II", False, ("Programme and budget proposals and other questions",
                       "Propositions de programme et de budget et autres questions",
                       "Propuestas de Programa y Presupuesto y otras cuestiones")),
        ("III", True, ("Information and reports on the application of Conventions and "
                       "Recommendations",
                       "Informations et rapports sur l'application des conventions et "
                       "recommandations",
                       "Informaciones y memorias sobre la aplicación de convenios y "
                       "recomendaciones")),
        ("IV", True, ("Decent work in the platform economy (standard-setting, second "
                      "discussion)",
                      "Le travail décent dans l'économie de plateforme (action normative, "
                      "deuxième discussion)",
                      "El trabajo decente en la economía de plataformas (actividad normativa, "
                      "segunda discusión)")),
        ("V", True, ("Recurrent discussion on the strategic objective of fundamental "
                     "principles and rights at work",
                     "Discussion récurrente sur l'objectif stratégique des principes et droits "
                     "fondamentaux au travail",
                     "Discusión recurrente sobre el objetivo estratégico de los principios y "
                     "derechos fundamentales en el trabajo")),
        ("VI", True, ("Innovative approaches to tackling informality and promoting "
                      "transitions towards formality (general discussion)",
                      "Approches novatrices pour lutter contre l'informalité et promouvoir "
                      "les transitions vers la formalité (discussion générale)",
                      "Enfoques innovadores para hacer frente a la informalidad y promover la "
                      "transición a la formalidad (discusión general)")),
    ),
    "GB356": (
        ("INS/1", False, ("Approval of the minutes of the 355th Session of the Governing Body",
                          "Approbation des procès-verbaux de la 355e session du Conseil "
                          "d'administration",
                          "Aprobación de las actas de la 355.ª reunión del Consejo de "
                          "Administración")),
        ("INS/2", False, ("Agenda of future sessions of the International Labour Conference",
                          "Ordre du jour des futures sessions de la Conférence internationale "
                          "du Travail",
                          "Orden del día de futuras reuniones de la Conferencia Internacional "
                          "del Trabajo")),
        ("POL/2", False, ("Decent work in supply chains: follow-up",
                          "Le travail décent dans les chaînes d'approvisionnement: suivi",
                          "El trabajo decente en las cadenas de suministro: seguimiento")),
        ("LILS/1", False, ("The Standards Review Mechanism Tripartite Working Group",
                           "Le Groupe de travail tripartite du mécanisme d'examen des normes",
                           "El Grupo de Trabajo Tripartito del Mecanismo de Examen de las "
                           "Normas")),
        ("PFA/3", False, ("Programme and Budget for 2026–27: Regular budget account and "
                          "Working Capital Fund",
                          "Programme et budget pour 2026-27: compte du budget ordinaire et "
                          "Fonds de roulement",
                          "Programa y Presupuesto para 2026-2027: cuenta del presupuesto "
                          "ordinario y Fondo de Operaciones")),
    ),
    "GB357": (
        ("INS/1", False, ("Election of the Officers of the Governing Body for 2026–27",
                          "Élection du bureau du Conseil d'administration pour 2026-27",
                          "Elección de la Mesa del Consejo de Administración para "
                          "2026-2027")),
        ("INS/2", False, ("Follow-up to the resolutions adopted by the International Labour "
                          "Conference at its 114th Session",
                          "Suivi des résolutions adoptées par la Conférence internationale du "
                          "Travail à sa 114e session",
                          "Seguimiento de las resoluciones adoptadas por la Conferencia "
                          "Internacional del Trabajo en su 114.ª reunión")),
    ),
}


# key: (kind, ILC agenda item or None, (en, fr, es))
ILC_COMMITTEES = {
    "credentials": ("credentials", None, (
        "Credentials Committee", "Commission de vérification des pouvoirs",
        "Comisión de Verificación de Poderes")),
    "cas": ("standing", "III", (
        "Committee on the Application of Standards", "Commission de l'application des normes",
        "Comisión de Aplicación de Normas")),
    "finance": ("finance", "II", (
        "Finance Committee of Government Representatives",
        "Commission des finances des représentants gouvernementaux",
        "Comisión de Representantes Gubernamentales sobre Cuestiones Financieras")),
    "general": ("general_affairs", None, (
        "General Affairs Committee", "Commission des affaires générales",
        "Comisión de Asuntos Generales")),
    "platform": ("technical", "IV", (
        "Standard-Setting Committee: Decent Work in the Platform Economy",
        "Commission normative: le travail décent dans l'économie de plateforme",
        "Comisión Normativa: el Trabajo Decente en la Economía de Plataformas")),
    "fprw": ("technical", "V", (
        "Committee for the Recurrent Discussion on Fundamental Principles and Rights at Work",
        "Commission de la discussion récurrente sur les principes et droits fondamentaux au "
        "travail",
        "Comisión de la Discusión Recurrente sobre los Principios y Derechos Fundamentales en "
        "el Trabajo")),
    "informality": ("technical", "VI", (
        "General Discussion Committee: Informality",
        "Commission de la discussion générale: l'informalité",
        "Comisión de Discusión General: la Informalidad")),
}
