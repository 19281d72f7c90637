"""Data migration: the member States' official short names (UN/ILO) in English, French and
Spanish, from the reference CSV, in place of the ISO names loaded by 0002.

A name the secretariat has already corrected (one that no longer equals the ISO name) is
kept: only names still as ISO wrote them are replaced. Reversing puts the ISO names back
where the official ones are still untouched.
"""

import csv
from pathlib import Path

from django.db import migrations

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "ilo-member-states.csv"
LANGUAGES = ("en", "fr", "es")


def _rows():
    with CSV_PATH.open(encoding="utf-8") as handle:
        return {row["iso2"]: row for row in csv.DictReader(handle)}


def _replace(apps, old_prefix: str, new_prefix: str):
    MemberState = apps.get_model("constituents", "MemberState")
    rows = _rows()
    changed = []
    for state in MemberState.objects.filter(iso2__in=rows):
        row = rows[state.iso2]
        touched = False
        for language in LANGUAGES:
            field = f"name_{language}"
            current = getattr(state, field)
            if not current or current == row[f"{old_prefix}name_{language}"]:
                new = row[f"{new_prefix}name_{language}"]
                if current != new:
                    setattr(state, field, new)
                    touched = True
        if touched:
            state.name = state.name_en
            changed.append(state)
    MemberState.objects.bulk_update(changed, ["name", "name_en", "name_fr", "name_es"])


def official_names(apps, schema_editor):
    _replace(apps, "iso_", "")


def iso_names(apps, schema_editor):
    _replace(apps, "", "iso_")


class Migration(migrations.Migration):
    dependencies = [("constituents", "0002_load_member_states")]
    operations = [migrations.RunPython(official_names, iso_names)]
