"""Dates and amounts as each language writes them, for pages and generated documents alike.

One helper for every date range of the product ("1–12 June 2026", "du 1er au 12 juin 2026",
"del 1 al 12 de junio de 2026"): the templates' ``date_range`` tag and filters
(``common/templatetags/tripartite.py``) and the documents (information document, letters,
lists) call these functions, so a page and a document never write the same dates two ways.

The month names are kept here rather than taken from the interface's catalogue: a document
renders in its own language whatever the catalogue says, and Django's abbreviated months
("jui" for both juin and juillet) are never used.
"""

import datetime as dt
from decimal import Decimal

from django.utils import formats, translation

LANGUAGES = ("en", "fr", "es")

MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
}


WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
}


def _language(language: str | None) -> str:
    code = (language or translation.get_language() or "en").split("-")[0]
    return code if code in LANGUAGES else "en"


def _day(day: dt.date, language: str) -> str:
    return "1er" if language == "fr" and day.day == 1 else str(day.day)


def day_month(day: dt.date, language: str | None = None) -> str:
    """"1 June", "1er juin", "1 de junio"."""
    language = _language(language)
    month = MONTHS[language][day.month - 1]
    return f"{_day(day, language)} de {month}" if language == "es" else \
        f"{_day(day, language)} {month}"


def long_date(day: dt.date, language: str | None = None) -> str:
    """"1 June 2026", "1er juin 2026", "1 de junio de 2026"."""
    language = _language(language)
    joiner = " de " if language == "es" else " "
    return f"{day_month(day, language)}{joiner}{day.year}"


def weekday_date(day: dt.date, language: str | None = None) -> str:
    """"Monday 1 June 2026", "lundi 1er juin 2026", "lunes 1 de junio de 2026"."""
    language = _language(language)
    return f"{WEEKDAYS[language][day.weekday()]} {long_date(day, language)}"


def long_datetime(moment: dt.datetime, language: str | None = None, *,
                  weekday: bool = False, year: bool = True) -> str:
    """A moment (already in the zone it is shown in): "1 June 2026, 10:00",
    "1er juin 2026, 10:00", "1 de junio de 2026, 10:00"; ``weekday`` puts the day's name
    first, ``year=False`` leaves the year out ("1er juin, 10:00")."""
    language = _language(language)
    day = moment.date()
    if weekday:
        text = weekday_date(day, language)
    else:
        text = long_date(day, language) if year else day_month(day, language)
    return f"{text}, {moment:%H:%M}"


def date_range(start: dt.date, end: dt.date | None = None, language: str | None = None, *,
               capital: bool = False) -> str:
    """A span of days as the language writes it, the shared parts said once:

    - en: "1–12 June 2026", "30 May – 12 June 2026", "30 December 2026 – 2 January 2027";
    - fr: "du 1er au 12 juin 2026", "du 30 mai au 12 juin 2026";
    - es: "del 1 al 12 de junio de 2026", "del 30 de mayo al 12 de junio de 2026".

    A single day is its long date ("le"/"el" is the sentence's business). ``capital=True``
    for a text that starts with it ("Du 1er au 12 juin 2026").
    """
    language = _language(language)
    if isinstance(start, dt.datetime):
        start = start.date()
    if isinstance(end, dt.datetime):
        end = end.date()
    if end is None or end == start:
        text = long_date(start, language)
    else:
        if start.year != end.year:
            first = long_date(start, language)
        elif start.month != end.month:
            first = day_month(start, language)
        else:
            first = _day(start, language)
        last = long_date(end, language)
        if language == "fr":
            text = f"du {first} au {last}"
        elif language == "es":
            text = f"del {first} al {last}"
        else:
            text = f"{first}–{last}" if first.isdigit() else f"{first} – {last}"
    return text[:1].upper() + text[1:] if capital else text


def amount(value: Decimal | int | float | None, currency: str = "",
           language: str | None = None, *, decimals: int = 2) -> str:
    """A sum with the language's separators and the currency's code after it:
    "45,000.00 USD", "45 000,00 USD", "45.000,00 USD". None gives the code alone."""
    language = _language(language)
    if value is None:
        return currency
    with translation.override(language):
        text = formats.number_format(value, decimal_pos=decimals, use_l10n=True,
                                     force_grouping=True)
    return f"{text} {currency}".strip()


def number(value: Decimal | int | float, language: str | None = None, *,
           decimals: int | None = None) -> str:
    """A count or figure with the language's separators ("6 000", "6,000", "6.000")."""
    language = _language(language)
    with translation.override(language):
        return formats.number_format(value, decimal_pos=decimals, use_l10n=True,
                                     force_grouping=True)
