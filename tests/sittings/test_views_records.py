"""The pages of the console's decisions, votes and notes, of editing a planned sitting, of the
records and of the figures (with their Excel and CSV exports)."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import user_with_role
from tests.jobs.helpers import job_of
from tests.sittings.factories import opened, secretariat, sitting_with_delegates
from tripartite.accounts.models import Role
from tripartite.sittings import services
from tripartite.sittings.models import ItemRecord, Sitting
from tripartite.votes.models import Vote

pytestmark = pytest.mark.django_db


def test_the_secretariat_edits_a_planned_sitting_on_the_shared_form(client):
    sitting, _, _, _ = sitting_with_delegates()
    client.force_login(secretariat())
    url = reverse("sittings:sitting_edit", args=[sitting.pk])
    page = client.get(url).content.decode()
    assert 'value="First sitting"' in page and "id_spokesperson_limit_seconds" in page
    response = client.post(url, {"title": "Morning sitting", "date": "2026-06-02",
                                 "starts_at": "09:00", "ordering": "request_order",
                                 "time_limit_seconds": "300", "reply_limit_seconds": "90",
                                 "agenda_items": [sitting.current_item_id]})
    assert response.status_code == 302
    sitting.refresh_from_db()
    assert (sitting.title, sitting.reply_limit_seconds) == ("Morning sitting", 90)
    services.sitting_step(actor=secretariat(), sitting=sitting, step="open")
    response = client.post(url, {"title": "Too late", "date": "2026-06-02",
                                 "starts_at": "09:00", "ordering": "request_order"})
    assert "only a planned sitting can be edited" in response.content.decode()
    assert Sitting.objects.get(pk=sitting.pk).title == "Morning sitting"


def test_the_console_records_the_decision_on_the_item_under_discussion(client):
    sitting, _, chair, _ = opened()
    client.force_login(chair)
    url = reverse("sittings:console", args=[sitting.pk])
    page = client.get(url).content.decode()
    assert "Record the decision" in page
    # the Chair does not prepare votes: told whom to ask, no vote form
    assert "Only the secretariat prepares votes" in page and 'name="vote-method"' not in page
    response = client.post(url, {"action": "decision", "decision-outcome": "deferred",
                                 "decision-text_en": "Deferred to the next session.",
                                 "decision-text_fr": "Reporté à la prochaine session."})
    assert response.status_code == 302
    record = ItemRecord.objects.get()
    assert (record.outcome, record.decision_text_fr) == ("deferred",
                                                         "Reporté à la prochaine session.")
    # no English text: nothing saved, the form says why
    response = client.post(url, {"action": "decision", "decision-outcome": "noted"})
    assert response.status_code == 200
    assert ItemRecord.objects.get().outcome == "deferred"


def test_the_secretariat_opens_a_vote_on_the_item_and_lands_on_the_vote(client):
    sitting, _, _, _ = opened()
    client.force_login(secretariat())
    page = client.get(reverse("sittings:console", args=[sitting.pk])).content.decode()
    assert sitting.current_item.title in page and 'name="vote-method"' in page
    response = client.post(reverse("sittings:item_vote", args=[sitting.pk]), {
        "vote-method": "show_of_hands", "vote-decision": "other",
        "vote-subject_en": "The draft conclusions"})
    vote = Vote.objects.get()
    assert response["Location"] == reverse("votes:vote_manage", args=[vote.pk])
    assert (vote.agenda_item, vote.subject_en) == (sitting.current_item, "The draft conclusions")


def test_notes_are_saved_with_htmx_and_without_javascript(client):
    sitting, delegates, _, secretary = opened()
    speech = services.floor_request(actor=secretary, sitting=sitting,
                                    person=delegates["FR"][0].person)
    services.floor_give(actor=secretary, sitting=sitting)
    client.force_login(secretary)
    console = client.get(reverse("sittings:console", args=[sitting.pk])).content.decode()
    assert f'name="speaker" value="{speech.pk}"' in console  # a notes form for the speech
    url = reverse("sittings:notes", args=[sitting.pk])
    answer = client.post(url, {"speaker": speech.pk, "text": "Supports the text."},
                         HTTP_HX_REQUEST="true")
    assert answer.status_code == 200 and "Notes saved at" in answer.content.decode()
    speech.refresh_from_db()
    assert speech.notes == "Supports the text."
    answer = client.post(url, {"item": sitting.current_item_id, "text": "Debate."})
    assert answer.status_code == 302
    assert ItemRecord.objects.get().notes == "Debate."
    assert client.get(url).status_code == 405
    client.force_login(user_with_role(Role.DELEGATE))
    assert client.post(url, {"speaker": speech.pk, "text": "Mine"}).status_code == 403


def test_the_record_page_shows_the_draft_and_queues_its_file(client):
    sitting, delegates, _, secretary = opened()
    services.floor_request(actor=secretary, sitting=sitting, person=delegates["FR"][0].person)
    services.floor_give(actor=secretary, sitting=sitting)
    services.decision_record(actor=secretary, sitting=sitting, item=sitting.current_item,
                             outcome="noted", text_en="The Conference took note.")
    client.force_login(secretary)
    url = reverse("sittings:record", args=[sitting.pk])
    page = client.get(url).content.decode()
    assert delegates["FR"][0].person.name in page and "The Conference took note." in page
    job = job_of(client.post(url, {"language": "es", "format": "pdf"}))
    assert (job.kind, job.params) == ("sittings.proceedings", {
        "sitting": sitting.pk, "language": "es", "format": "pdf"})


def test_the_record_of_decisions_page_lists_every_item(client):
    sitting, _, chair, _ = opened()
    services.decision_record(actor=chair, sitting=sitting, item=sitting.current_item,
                             outcome="referred", text_en="Referred to the committee.",
                             text_fr="Renvoyé à la commission.")
    client.force_login(user_with_role(Role.OBSERVER))
    client.post(reverse("accounts:set_language"), {"language": "fr"})
    page = client.get(reverse("sittings:decisions", args=[sitting.session_id])).content.decode()
    assert "Renvoyé à la commission." in page and "Relevé des décisions" in page


def test_the_figures_page_and_its_excel_and_csv_exports(client):
    sitting, delegates, chair, _ = opened()
    for nomination in (delegates["FR"][0], delegates["DE"][0]):
        services.floor_request(actor=chair, sitting=sitting, person=nomination.person)
    services.floor_give(actor=chair, sitting=sitting)
    services.floor_give(actor=chair, sitting=sitting)
    client.force_login(user_with_role(Role.OBSERVER))
    url = reverse("sittings:figures", args=[sitting.session_id])
    page = client.get(url).content.decode()
    assert delegates["FR"][0].person.name in page and "Women among speakers" in page
    workbook = load_workbook(io.BytesIO(client.get(url + "?export=xlsx").content))
    assert workbook.sheetnames[:4] == ["Speakers", "Delegations", "Groups", "Items"]
    rows = list(workbook["Speakers"].iter_rows(values_only=True))
    assert rows[0] == ("Speaker", "Speeches", "Seconds") and len(rows) == 3
    answer = client.get(url + "?export=csv")
    lines = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert lines[0] == ["Table", "Speaker", "Speeches", "Seconds"]
    assert [line[0] for line in lines].count("Speakers") == 2
