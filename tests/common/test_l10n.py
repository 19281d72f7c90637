"""Dates and amounts as each language writes them (common/l10n.py and its template tags)."""

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from tripartite.common import l10n

JUNE_1, JUNE_12 = dt.date(2026, 6, 1), dt.date(2026, 6, 12)


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "1–12 June 2026"),
    ("fr", "du 1er au 12 juin 2026"),
    ("es", "del 1 al 12 de junio de 2026"),
])
def test_a_range_within_a_month(language, expected):
    assert l10n.date_range(JUNE_1, JUNE_12, language) == expected


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "30 June – 2 July 2026"),
    ("fr", "du 30 juin au 2 juillet 2026"),
    ("es", "del 30 de junio al 2 de julio de 2026"),
])
def test_a_range_across_months_says_the_year_once(language, expected):
    assert l10n.date_range(dt.date(2026, 6, 30), dt.date(2026, 7, 2), language) == expected


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "30 December 2026 – 2 January 2027"),
    ("fr", "du 30 décembre 2026 au 2 janvier 2027"),
    ("es", "del 30 de diciembre de 2026 al 2 de enero de 2027"),
])
def test_a_range_across_years(language, expected):
    assert l10n.date_range(dt.date(2026, 12, 30), dt.date(2027, 1, 2), language) == expected


def test_one_day_the_first_of_the_month_and_a_capital():
    assert l10n.date_range(JUNE_1, JUNE_1, "fr") == "1er juin 2026"
    assert l10n.long_date(dt.date(2026, 7, 1), "fr") == "1er juillet 2026"
    assert l10n.weekday_date(JUNE_1, "es") == "lunes 1 de junio de 2026"
    assert l10n.date_range(JUNE_1, JUNE_12, "fr", capital=True) == "Du 1er au 12 juin 2026"


def test_the_active_language_is_the_default():
    with translation.override("fr"):
        assert l10n.date_range(JUNE_1, JUNE_12) == "du 1er au 12 juin 2026"


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "45,000.00 USD"), ("fr", "45\u00a0000,00 USD"), ("es", "45\u00a0000,00 USD"),
])
def test_amounts_carry_the_languages_separators(language, expected):
    assert l10n.amount(Decimal("45000"), "USD", language) == expected


def test_templates_write_ranges_and_dates_in_the_active_language_without_a_load():
    zone = zoneinfo.ZoneInfo("Europe/Zurich")
    opens = dt.datetime(2026, 6, 1, 8, 0, tzinfo=dt.UTC)
    closes = dt.datetime(2026, 6, 12, 16, 0, tzinfo=dt.UTC)
    template = Template('{% date_range opens closes zone %} | {% local_time opens zone "date" %}'
                        ' | {% local_time opens zone %} | {{ day|long_date:"weekday" }}'
                        ' | {{ sum|amount:"USD" }}')
    context = Context({"opens": opens, "closes": closes, "zone": zone,
                       "day": dt.date(2026, 7, 1), "sum": Decimal("45000")})
    with translation.override("fr"):
        assert template.render(context) == (
            "du 1er au 12 juin 2026 | 1er juin 2026 | 1er juin 2026, 10:00"
            " | mercredi 1er juillet 2026 | 45\u00a0000,00 USD")
    with translation.override("es"):
        assert template.render(context).startswith("del 1 al 12 de junio de 2026 | ")


@pytest.mark.parametrize("day", [dt.date(2026, 6, 1), dt.date(2027, 3, 15), dt.date(2026, 12, 31)])
def test_the_rules_write_a_date_with_the_same_words_as_the_pages(day):
    from tripartite.rules.dates import written
    assert written(day) == {language: l10n.long_date(day, language)
                            for language in ("en", "fr", "es")}
