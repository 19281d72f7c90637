"""Mail-merge: choosing recipients, the check that stops a batch before anything is made,
previews, generation, the zip, the register and its exports, and query counts."""

import datetime as dt
import html
import io
import zipfile

import openpyxl
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.correspondence.helpers import docx_text
from tests.factories import state, user_with_role
from tripartite.accounts.models import Role
from tripartite.common import office
from tripartite.common.services import ServiceError
from tripartite.constituents.models import MemberState
from tripartite.correspondence import merge, selectors
from tripartite.correspondence.models import (
    AddressBookEntry,
    Audience,
    BatchStatus,
    Letter,
    RecipientKind,
    ReferenceCounter,
    Selection,
)
from tripartite.correspondence.services import batches, replies
from tripartite.delegations.models import Delegation
from tripartite.jobs.models import Job

pytestmark = pytest.mark.django_db


def hand_picked(secretariat, template, entries, session, **kwargs):
    return batches.batch_create(actor=secretariat, template=template,
                                 selection=Selection.HAND_PICKED,
                                 hand_picked=[entry.pk for entry in entries], session=session,
                                 letter_date=dt.date(2026, 3, 2), **kwargs)


def test_states_without_credentials_are_those_without_a_received_delegation(session, entries):
    Delegation.objects.create(member_state=state("FR"), session=session, status="received",
                              received_on=dt.date(2026, 5, 1))
    Delegation.objects.create(member_state=state("KE"), session=session)  # not received
    chosen = selectors.recipients_for(selection=Selection.NO_CREDENTIALS,
                                      audience=Audience.PERMANENT_MISSION, session=session)
    assert [entry.member_state.iso2 for entry in chosen.recipients] == ["MX", "KE"]  # by name
    # Every other member State lacks a Permanent Mission in this address book.
    assert len(chosen.states_without_entry) == MemberState.objects.count() - 3


def test_a_region_and_the_audience_choose_the_entries(entries):
    AddressBookEntry.objects.create(kind=RecipientKind.MINISTRY, member_state=state("FR"),
                                    name="Ministère du Travail", language="fr")
    chosen = selectors.recipients_for(selection=Selection.REGION, region="Americas",
                                      audience=Audience.PERMANENT_MISSION)
    assert [entry.member_state.iso2 for entry in chosen.recipients] == ["MX"]
    ministries = selectors.recipients_for(selection=Selection.REGION,
                                          region="Europe and Central Asia",
                                          audience=Audience.MINISTRY)
    assert [entry.name for entry in ministries.recipients] == ["Ministère du Travail"]


def test_governing_body_members_fall_back_to_the_permanent_seats():
    states = selectors.governing_body_states()
    assert states.count() == MemberState.objects.filter(
        chief_industrial_importance=True).count() == 10


def test_a_missing_field_stops_the_batch_and_every_gap_is_listed(secretariat, starters,
                                                                 session, entries):
    entries["FR"].addressee = ""
    entries["FR"].save()
    entries["MX"].addressee = ""
    entries["MX"].form_of_address = ""  # not missing: the title gives it
    entries["MX"].save()
    batch = hand_picked(secretariat, starters["minister-letter"], entries.values(), session)
    check = merge.check_batch(batch)
    assert not check.ok
    assert [(row.entry.member_state.iso2, row.missing) for row in check.rows_missing] == [
        ("MX", ["addressee"]), ("FR", ["addressee"])]
    assert check.batch_missing == ["signatory", "signatory_title"]
    with pytest.raises(ServiceError) as refused:
        batches.batch_generate(actor=secretariat, batch=batch, pdf_files=False)
    assert refused.value.code == "batch_incomplete"
    assert refused.value.problems == [
        "The batch lacks: signatory, signatory_title.",
        f"{entries['MX'].name} lacks: addressee.",
        f"{entries['FR'].name} lacks: addressee.",
    ]
    assert Letter.objects.count() == 0
    assert not ReferenceCounter.objects.exists()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DRAFT
    assert batch.problem.startswith("Nothing was generated. The batch lacks: signatory")


def test_a_language_without_a_version_stops_the_batch(secretariat, starters, session,
                                                      entries):
    starters["circular"].versions.filter(language="es").delete()
    batch = hand_picked(secretariat, starters["circular"], entries.values(), session)
    assert merge.check_batch(batch).problems() == [
        "The template has no version in Spanish."]


def test_a_chosen_state_without_an_entry_stops_the_batch(secretariat, starters, session,
                                                         entries):
    batch = batches.batch_create(actor=secretariat, template=starters["circular"],
                                  selection=Selection.REGION, region="Americas",
                                  session=session)
    problems = merge.check_batch(batch).problems()
    assert len(problems) == 1
    assert problems[0].startswith("No address book entry for: Antigua and Barbuda, Argentina")


def test_generation_writes_one_letter_per_recipient_in_their_language(secretariat, starters,
                                                                      session, entries):
    batch = hand_picked(secretariat, starters["invitation"], entries.values(), session,
                        reply_deadline=dt.date(2026, 4, 15), signatory="A. Officer")
    batch = batches.batch_generate(actor=secretariat, batch=batch, pdf_files=False)
    assert batch.status == BatchStatus.GENERATED
    letters = list(batch.letters.order_by("number"))
    # Recipients in alphabetical order of their names: Mexico's, France's, Kenya's.
    assert [(letter.reference, letter.language, letter.member_state.iso2)
            for letter in letters] == [("RELOFF/2026/0001", "es", "MX"),
                                       ("RELOFF/2026/0002", "fr", "FR"),
                                       ("RELOFF/2026/0003", "en", "KE")]
    assert all(letter.reply_deadline == dt.date(2026, 4, 15) for letter in letters)
    assert "invitar a su Gobierno" in docx_text(letters[0].word_file.read())
    assert "d'inviter son gouvernement" in docx_text(letters[1].word_file.read())
    with pytest.raises(ServiceError, match="generated already"):
        batches.batch_generate(actor=secretariat, batch=batch, pdf_files=False)


def test_without_libreoffice_the_pdf_says_so_and_word_stands(secretariat, starters, session,
                                                             entries, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr(office, "SOFFICE", "/nonexistent/soffice")  # not where Debian puts it
    batch = hand_picked(secretariat, starters["circular"], [entries["KE"]], session)
    batch = batches.batch_generate(actor=secretariat, batch=batch)
    assert batch.status == BatchStatus.GENERATED
    assert batch.pdf_problem == office.NOT_INSTALLED  # a code, said in each reader's language
    letter = batch.letters.get()
    assert letter.word_file and not letter.pdf_file
    for language, said in (("fr", "LibreOffice n'est pas installé sur le serveur"),
                           ("es", "LibreOffice no está instalado en el servidor"),
                           ("en", "LibreOffice is not installed on the server")):
        reader = user_with_role(Role.SECRETARIAT, language=language)
        client = _client(reader)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        page = client.get(reverse("correspondence:batch_detail", args=[batch.pk]))
        assert said in html.unescape(page.content.decode()), language
        api = client.get(f"/api/correspondence/batches/{batch.pk}").json()
        assert (api["pdf_problem"], said in api["pdf_problem_text"]) == (office.NOT_INSTALLED,
                                                                          True)


def _client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_the_pages_take_a_batch_from_choice_to_zip(secretariat, starters, session, entries,
                                                   run_jobs):
    client = _client(secretariat)
    response = client.post(reverse("correspondence:batch_create"), {
        "template": starters["credentials-reminder"].pk, "selection": "hand_picked",
        "audience": "permanent_mission", "session": session.pk,
        "recipients": [entry.pk for entry in entries.values()], "letter_date": "2026-03-02"})
    assert response.status_code == 302
    detail = response["Location"]
    page = client.get(detail).content.decode()
    assert "All 3 recipients have every field the template needs." in page
    batch_pk = int(detail.rstrip("/").rsplit("/", 1)[-1])
    preview = client.get(reverse("correspondence:batch_preview",
                                 kwargs={"pk": batch_pk, "language": "fr"}))
    assert "Le Bureau international du Travail présente ses compliments à la Mission " \
           "permanente de la France" in preview.content.decode()
    assert "[référence]" in preview.content.decode()  # in the letter's language
    word = client.get(reverse("correspondence:batch_preview",
                              kwargs={"pk": batch_pk, "language": "es"}), {"format": "docx"})
    assert "saluda atentamente a la Misión Permanente de México" in docx_text(word.content)
    assert not Letter.objects.exists()  # previews use no reference

    response = client.post(detail, {"action": "generate"})  # no PDF box: Word only
    job = Job.objects.get()
    assert (response.status_code, response["Location"]) == (
        302, reverse("jobs:job_detail", kwargs={"pk": job.pk}))
    assert "Waiting for the worker…" in client.get(response["Location"]).content.decode()
    assert run_jobs() == 1
    assert Letter.objects.count() == 3
    page = client.get(response["Location"]).content.decode()
    assert f"Download letters-credentials-reminder-{batch_pk}-" in page
    archive = client.get(reverse("correspondence:batch_zip", kwargs={"pk": batch_pk}))
    names = sorted(zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content))).namelist())
    assert names == ["word/RELOFF-2026-0001_MX_es.docx", "word/RELOFF-2026-0002_FR_fr.docx",
                     "word/RELOFF-2026-0003_KE_en.docx"]


def test_the_register_searches_and_exports(secretariat, starters, session, entries):
    batch = hand_picked(secretariat, starters["circular"], entries.values(), session)
    batches.batch_generate(actor=secretariat, batch=batch, pdf_files=False)
    client = _client(user_with_role(Role.OBSERVER))
    page = client.get(reverse("correspondence:register"), {"q": "México"}).content.decode()
    assert "RELOFF/2026/0001" in page and "RELOFF/2026/0002" not in page
    csv_text = client.get(reverse("correspondence:register_export",
                                  kwargs={"fmt": "csv"})).content.decode("utf-8-sig")
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith("reference,date,subject,recipient,member_state,language")
    assert lines[1].startswith("RELOFF/2026/0001,2026-03-02,Circular: 114.ª reunión de la "
                               "Conferencia Internacional del Trabajo,Misión Permanente de ")
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(reverse(
        "correspondence:register_export", kwargs={"fmt": "xlsx"})).content))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 4 and rows[3][0] == "RELOFF/2026/0003"


@pytest.mark.parametrize("url_name", ["correspondence:register", "correspondence:batch_list",
                                      "correspondence:address_book",
                                      "correspondence:awaiting"])
def test_list_pages_do_not_query_per_row(url_name, secretariat, starters, session, entries):
    client = _client(secretariat)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(url_name)).status_code == 200
        return len(queries)

    batch = hand_picked(secretariat, starters["circular"], [entries["KE"]], session,
                        reply_deadline=dt.date(2026, 4, 1))
    batches.batch_generate(actor=secretariat, batch=batch, pdf_files=False)
    one = count()
    batch = hand_picked(secretariat, starters["circular"], entries.values(), session,
                        reply_deadline=dt.date(2026, 4, 1))
    batches.batch_generate(actor=secretariat, batch=batch, pdf_files=False)
    for iso2 in ("DE", "IT", "ES"):
        AddressBookEntry.objects.create(kind=RecipientKind.MINISTRY, member_state=state(iso2),
                                        name=f"Ministry {iso2}", language="en")
    assert count() == one


def test_the_address_book_searches_names_people_and_states(entries, client):
    client.force_login(user_with_role(Role.OBSERVER))
    found = client.get(reverse("correspondence:address_book"), {"q": "Kenya"}).context[
        "entries"]
    assert [entry.member_state.iso2 for entry in found] == ["KE"]
    found = client.get(reverse("correspondence:address_book"), {"q": "fr"}).context["entries"]
    assert [entry.member_state.iso2 for entry in found] == ["FR"]


def test_a_batch_page_and_the_exports_do_not_query_per_letter(secretariat, starters, session,
                                                              entries):
    client = _client(secretariat)

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    small = hand_picked(secretariat, starters["circular"], [entries["KE"]], session)
    batches.batch_generate(actor=secretariat, batch=small, pdf_files=False)
    large = hand_picked(secretariat, starters["circular"], entries.values(), session)
    batches.batch_generate(actor=secretariat, batch=large, pdf_files=False)
    for letter in large.letters.all():
        replies.reply_log(actor=secretariat, letter=letter, received_on=dt.date(2026, 3, 9))
    assert count(reverse("correspondence:batch_detail", kwargs={"pk": small.pk})) == count(
        reverse("correspondence:batch_detail", kwargs={"pk": large.pk}))
    for fmt in ("csv", "xlsx"):
        url = reverse("correspondence:register_export", kwargs={"fmt": fmt})
        one = count(f"{url}?q=Kenya")
        assert count(url) == one
