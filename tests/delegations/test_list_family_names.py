"""The lists of delegations write family names in capitals ("Mme Hélène MARCHETTI"), and a
revised list tells a corrected family name from a list published before the field existed."""

import io

import docx
import openpyxl
import pypdf
import pytest
from django.urls import reverse

from tests.factories import SessionFactory, state, user_with_role
from tests.jobs.helpers import queued_file
from tripartite.accounts.models import Role
from tripartite.constituents.services import person_update
from tripartite.delegations import list_files, lists
from tripartite.delegations.models import PublishedList
from tripartite.delegations.services.lists import list_publish
from tripartite.delegations.services.nominations import (
    delegation_open,
    delegation_submit,
    nomination_add,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat():
    return user_with_role(Role.SECRETARIAT)


@pytest.fixture
def french(secretariat):
    session = SessionFactory()
    delegation = delegation_open(actor=secretariat, member_state=state("FR"), session=session)
    helene = nomination_add(actor=secretariat, delegation=delegation, group="government",
                            role="delegate", name="Hélène Marchetti", gender="f", title="Mme",
                            function="Directrice")
    johanna = nomination_add(actor=secretariat, delegation=delegation, group="government",
                             role="adviser", name="Johanna Strauß", gender="f", title="Mme")
    delegation_submit(actor=secretariat, delegation=delegation)
    return session, delegation, helene, johanna


def test_the_page_the_pdf_word_and_the_spreadsheet_write_the_family_name(client, secretariat,
                                                                     french, run_jobs):
    session, _delegation, helene, _johanna = french
    assert helene.person.family_name == "Marchetti"  # guessed at creation
    client.force_login(secretariat)
    html = client.get(reverse("delegations:list_current",
                              kwargs={"session_pk": session.pk})).content.decode()
    assert "<td>Mme</td>" in html
    assert '<span dir="auto">Hélène MARCHETTI</span>' in html
    assert '<span dir="auto">Johanna STRAUẞ</span>' in html

    pdf = queued_file(client, run_jobs, reverse("delegations:list_current_pdf",
                                                kwargs={"session_pk": session.pk}))
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "Mme Hélène MARCHETTI" in text

    word = docx.Document(io.BytesIO(queued_file(
        client, run_jobs, reverse("delegations:list_current_docx",
                                  kwargs={"session_pk": session.pk}))))
    persons = [p.text for p in word.paragraphs if p.text.startswith("Mme ")]
    assert persons[0].splitlines()[0] == "Mme Hélène MARCHETTI"
    assert persons[1].splitlines()[0] == "Mme Johanna STRAUẞ"
    assert round(word.sections[0].page_width.mm) == 210  # A4
    assert "France" in [p.text for p in word.paragraphs if p.style.name == "Heading 2"]

    xlsx = queued_file(client, run_jobs, reverse("delegations:list_current_xlsx",
                                                 kwargs={"session_pk": session.pk}))
    rows = list(openpyxl.load_workbook(io.BytesIO(xlsx)).active.iter_rows(values_only=True))
    family = rows[0].index("Family name")
    assert sorted(row[family] for row in rows[1:]) == ["Marchetti", "Strauß"]


def test_a_list_published_before_family_names_existed_marks_nobody_changed(secretariat,
                                                                           french):
    session, *_ = french
    provisional = list_publish(actor=secretariat, session=session, kind="provisional")
    # As it was stored before the field existed.
    old_rows = [{key: value for key, value in row.items() if key != "family_name"}
                for row in provisional.rows]
    PublishedList.objects.filter(pk=provisional.pk).update(rows=old_rows)
    revised = list_publish(actor=secretariat, session=session, kind="revised")
    rows, marked = lists.published_rows(revised, "fr")
    assert marked and [row["change"] for row in rows] == [None, None]
    # The old list is shown as it was published: without capitals.
    provisional.refresh_from_db()
    names = [person["display_name"] for section in lists.sections(
        lists.order_rows(provisional.rows, "fr"), "fr")
        for group in section.groups for person in group.persons]
    assert names == ["Hélène Marchetti", "Johanna Strauß"]


def test_a_corrected_family_name_is_a_change_of_the_next_list(secretariat, french):
    session, _delegation, helene, _johanna = french
    list_publish(actor=secretariat, session=session, kind="provisional")
    # Her name is completed; the family name recorded is still written in it, so it stays.
    person_update(person=helene.person, actor=secretariat,
                  changes={"name": "Hélène Marchetti Rossi",
                           "name_latin": "Hélène Marchetti Rossi"})
    helene.person.refresh_from_db()
    assert helene.person.family_name == "Marchetti"
    first = list_publish(actor=secretariat, session=session, kind="revised")
    person_update(person=helene.person, actor=secretariat,
                  changes={"family_name": "Marchetti Rossi"})
    second = list_publish(actor=secretariat, session=session, kind="revised")
    rows, _marked = lists.published_rows(second, "fr")
    changed = next(row for row in rows if row["person"] == helene.person_id)
    assert (changed["change"], changed["changed_fields"]) == ("changed", ["family_name"])
    person = next(p for section in lists.sections(rows, "fr") for group in section.groups
                  for p in group.persons if p["person"] == helene.person_id)
    assert person["display_name"] == "Hélène MARCHETTI ROSSI"
    assert person["before_label"] == "Hélène MARCHETTI Rossi"
    word = docx.Document(io.BytesIO(list_files.file_content(
        list_files.published_document(second, "fr"), "docx")))
    [entry] = [p.text for p in word.paragraphs if "Hélène" in p.text]
    assert entry.startswith("[changed / modifié / modificado] Mme Hélène MARCHETTI ROSSI")
    assert entry.endswith("← Hélène MARCHETTI Rossi")
    first_rows, _ = lists.published_rows(first, "fr")
    assert next(row for row in first_rows
                if row["person"] == helene.person_id)["changed_fields"] == ["name", "name_latin"]


def test_emptied_the_family_name_is_guessed_again(secretariat, french):
    _session, _delegation, helene, _johanna = french
    person_update(person=helene.person, actor=secretariat, changes={"family_name": "Hélène"})
    helene.person.refresh_from_db()
    assert helene.person.family_name == "Hélène"  # what the secretariat says stands
    person_update(person=helene.person, actor=secretariat, changes={"family_name": ""})
    helene.person.refresh_from_db()
    assert helene.person.family_name == "Marchetti"
