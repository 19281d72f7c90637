"""Data: the decisions the Chairs recorded at the console before the library kept decisions
become the library's, as ``services.decision_from_record`` makes them now (pending follow-up,
on the item's one report for decision if it has one). Not logged: a migration is no one's
action. Backwards: nothing to do (the table goes with 0003)."""

import zoneinfo

from django.db import migrations


def copy_decisions(apps, schema_editor):
    ItemRecord = apps.get_model("sittings", "ItemRecord")
    Decision = apps.get_model("library", "Decision")
    Document = apps.get_model("library", "Document")
    records = (ItemRecord.objects.exclude(outcome="").filter(library_decision__isnull=True)
               .select_related("agenda_item__session"))
    for record in records.iterator():
        item = record.agenda_item
        zone = zoneinfo.ZoneInfo(item.session.time_zone)
        date = (record.decided_at or record.updated_at).astimezone(zone).date()
        papers = list(Document.objects.filter(agenda_items=item.pk,
                                              type="decision_paper")[:2])
        texts = {code: getattr(record, f"decision_text_{code}") or ""
                 for code in ("en", "fr", "es")}
        Decision.objects.create(
            agenda_item=item, item_record=record, date=date, outcome=record.outcome,
            document=papers[0] if len(papers) == 1 else None,
            text=texts["en"] or record.decision_text or "", text_en=texts["en"]
            or record.decision_text or "", text_fr=texts["fr"], text_es=texts["es"],
            status="pending")


class Migration(migrations.Migration):

    dependencies = [
        ("library", "0003_decisions_and_follow_up"),
    ]

    operations = [
        migrations.RunPython(copy_decisions, migrations.RunPython.noop),
    ]
