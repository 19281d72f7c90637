"""The data migration that replaces ISO names by the official ones keeps staff corrections."""

import importlib

import pytest
from django.apps import apps

from tripartite.constituents.models import MemberState

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "tripartite.constituents.migrations.0003_official_member_state_names")


def test_iso_names_become_official_and_corrected_names_stay():
    russia, bolivia = MemberState.objects.get(iso2="RU"), MemberState.objects.get(iso2="BO")
    MemberState.objects.filter(pk=russia.pk).update(
        name_en="Russian Federation", name_fr="Russie, Fédération de",
        name_es="Federación Rusa")
    MemberState.objects.filter(pk=bolivia.pk).update(
        name_en="Bolivia, Plurinational State of", name_fr="Bolivie (corrigé à la main)",
        name_es="Bolivia, Estado plurinacional de")

    migration.official_names(apps, None)

    russia.refresh_from_db()
    bolivia.refresh_from_db()
    assert (russia.name_en, russia.name_fr, russia.name_es) == (
        "Russian Federation", "Fédération de Russie", "Federación de Rusia")
    assert bolivia.name_fr == "Bolivie (corrigé à la main)"
    assert (bolivia.name_en, bolivia.name_es) == (
        "Bolivia (Plurinational State of)", "Bolivia (Estado Plurinacional de)")


def test_reversing_puts_the_untouched_iso_names_back():
    migration.iso_names(apps, None)
    assert MemberState.objects.get(iso2="RU").name_fr == "Russie, Fédération de"
    migration.official_names(apps, None)
    assert MemberState.objects.get(iso2="RU").name_fr == "Fédération de Russie"
