"""The data migration that copies the decisions recorded at the console before the library
kept decisions (0004)."""

import datetime as dt

import pytest

from tests.factories import AgendaItemFactory
from tests.migrations import migrate_to, schema_back_to_the_latest  # noqa: F401

BEFORE = [("library", "0003_decisions_and_follow_up")]
AFTER = [("library", "0004_decisions_from_earlier_sittings")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("schema_back_to_the_latest")
def test_decisions_recorded_at_the_console_before_become_the_librarys():
    item = AgendaItemFactory(session__time_zone="Europe/Zurich")
    other = AgendaItemFactory(session=item.session, number="9")
    old = migrate_to(BEFORE)
    Sitting = old.get_model("sittings", "Sitting")
    ItemRecord = old.get_model("sittings", "ItemRecord")
    sitting = Sitting.objects.create(session_id=item.session_id, title="First sitting",
                                     date=dt.date(2026, 6, 5), starts_at=dt.time(10),
                                     state="closed")
    decided = ItemRecord.objects.create(
        sitting=sitting, agenda_item_id=item.pk, outcome="adopted",
        decision_text="The report is adopted.", decision_text_en="The report is adopted.",
        decision_text_fr="Le rapport est adopté.", decision_text_es="",
        decided_at=dt.datetime(2026, 6, 5, 22, 30, tzinfo=dt.UTC))  # 6 June in Geneva
    ItemRecord.objects.create(sitting=sitting, agenda_item_id=other.pk, notes="No decision")
    new = migrate_to(AFTER)
    Decision = new.get_model("library", "Decision")
    assert list(Decision.objects.values_list(
        "item_record_id", "agenda_item_id", "date", "outcome", "text_en", "text_fr", "status",
        "document_id")) == [
        (decided.pk, item.pk, dt.date(2026, 6, 6), "adopted", "The report is adopted.",
         "Le rapport est adopté.", "pending", None)]
