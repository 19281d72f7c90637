"""Data migration: the 187 member States of the ILO from the reference CSV, under their ISO
short names (the official UN/ILO names are set by 0003_official_member_state_names)."""

import csv
from pathlib import Path

from django.db import migrations

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "ilo-member-states.csv"


def load_member_states(apps, schema_editor):
    MemberState = apps.get_model("constituents", "MemberState")
    with CSV_PATH.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    existing = set(MemberState.objects.values_list("iso2", flat=True))
    MemberState.objects.bulk_create([
        MemberState(
            iso2=row["iso2"], iso3=row["iso3"],
            name=row["iso_name_en"], name_en=row["iso_name_en"], name_fr=row["iso_name_fr"],
            name_es=row["iso_name_es"], iso_name_en=row["iso_name_en"],
            iso_name_fr=row["iso_name_fr"], iso_name_es=row["iso_name_es"],
            ilo_region=row["ilo_region"],
            chief_industrial_importance=row["chief_industrial_importance"].strip().lower()
            in {"yes", "true", "1", "x", "y"},
        )
        for row in rows if row["iso2"] not in existing
    ])


def unload_member_states(apps, schema_editor):
    apps.get_model("constituents", "MemberState").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("constituents", "0001_member_states_organisations_people")]
    operations = [migrations.RunPython(load_member_states, unload_member_states)]
