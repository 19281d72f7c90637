"""The Excel template: it round-trips, a bad row refuses the whole file with row and column,
and a file that is not a workbook is refused."""

import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from tests.factories import (
    GENEVA,
    AgendaItemFactory,
    OrganisationFactory,
    SessionFactory,
    state,
    user_with_role,
)
from tripartite.accounts.models import Role
from tripartite.common.services import PermissionDeniedError, ServiceError
from tripartite.delegations.models import Delegation, Nomination
from tripartite.delegations.services.imports import nominations_import
from tripartite.delegations.services.nominations import (
    delegation_open,
    delegation_submit,
    nomination_add,
)
from tripartite.delegations.spreadsheet import reading
from tripartite.delegations.spreadsheet.template import build_template

pytestmark = pytest.mark.django_db

HEADERS = ["Group", "Role", "Title", "Name", "Name in Latin script", "Gender", "Function",
           "E-mail", "Organization", "Adviser to (row number of the delegate)", "Agenda items",
           "Territory, State or province represented"]
VALID_ROWS = [
    ["government", "delegate", "Ms", "Catherine Vautrin", "", "f", "Minister of Labour",
     "cv@example.org", "", "", ""],
    ["employers", "delegate", "Mr", "Patrick Martin", "", "m", "Vice-President", "", "MEDEF",
     "", ""],
    ["workers", "delegate", "Ms", "Sophie Binet", "", "f", "General Secretary", "",
     "Confédération générale du travail", "", ""],
    ["government", "adviser", "Mr", "Олег Иванов", "Oleg Ivanov", "m", "Adviser", "", "", "2",
     "IV, V"],
]


@pytest.fixture
def session():
    session = SessionFactory(opens_at=dt.datetime(2027, 6, 7, 10, 0, tzinfo=GENEVA),
                             closes_at=dt.datetime(2027, 6, 18, 18, 0, tzinfo=GENEVA))
    AgendaItemFactory(session=session, number="I", technical=False)
    AgendaItemFactory(session=session, number="IV", technical=True)
    AgendaItemFactory(session=session, number="V", technical=True)
    return session


@pytest.fixture
def organisations():
    return [
        OrganisationFactory(member_state=state("FR"), kind="employers",
                            name="Mouvement des entreprises de France", acronym="MEDEF"),
        OrganisationFactory(member_state=state("FR"), kind="workers",
                            name="Confédération générale du travail", acronym="CGT"),
    ]


@pytest.fixture
def focal():
    return user_with_role(Role.FOCAL_POINT)


@pytest.fixture
def delegation(session, focal):
    return delegation_open(actor=focal, member_state=state("FR"), session=session)


@pytest.fixture
def focal_client(client, focal):
    client.force_login(focal)
    return client


def url(session, name):
    return reverse(f"delegations:{name}", kwargs={"session_pk": session.pk, "iso2": "FR"})


def filled(template: bytes, rows) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(template))
    sheet = workbook.worksheets[0]
    for number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            sheet.cell(row=number, column=column, value=value or None)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, session, content, name="delegation.xlsx"):
    return client.post(url(session, "portal_import"), {
        "sheet-file": SimpleUploadedFile(name, content)})


def problems(response):
    return [(p.row, p.column, p.message) for p in response.context["import_problems"]]


def test_the_template_has_the_columns_lists_and_a_help_sheet(focal_client, session,
                                                             organisations):
    response = focal_client.get(url(session, "portal_template"))
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert response["Content-Disposition"] == (
        f'attachment; filename="delegation-FR-{session.number}.xlsx"')
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet, help_sheet = workbook.worksheets
    assert [cell.value for cell in sheet[1]] == HEADERS
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists["A2:A501"] == '"government,employers,workers"'
    assert lists["B2:B501"] == ('"delegate,substitute_delegate,adviser,adviser_substitute_'
                                'delegate,territory_adviser,minister,accompanying_minister,'
                                'state_representative,observer,other"')
    assert len(lists["B2:B501"]) <= 255  # Excel's limit for a list typed in the rule
    assert lists["F2:F501"] == '"f,m,x"'
    assert lists["I2:I501"].startswith("'Help'!$B$")
    texts = [cell for row in help_sheet.iter_rows(values_only=True) for cell in row if cell]
    for expected in ("English", "Français", "Español", "MEDEF",
                     "Confédération générale du travail", "IV", "V", "adviser_substitute_delegate",
                     "Adviser and substitute delegate"):
        assert expected in texts, expected


def test_the_filled_template_round_trips_into_four_nominations(focal_client, session,
                                                               delegation, organisations):
    template = focal_client.get(url(session, "portal_template")).content
    response = upload(focal_client, session, filled(template, VALID_ROWS))
    assert response.status_code == 302, response.context and problems(response)
    nominations = {n.person.name: n for n in Nomination.objects.filter(delegation=delegation)
                   .select_related("person", "organisation", "adviser_to__person")}
    assert len(nominations) == 4
    employer = nominations["Patrick Martin"]
    assert (employer.group, employer.role, employer.organisation) == (
        "employers", "delegate", organisations[0])
    assert nominations["Sophie Binet"].organisation == organisations[1]
    adviser = nominations["Олег Иванов"]
    assert (adviser.person.name_latin, adviser.adviser_to.person.name) == (
        "Oleg Ivanov", "Catherine Vautrin")
    assert sorted(item.number for item in adviser.agenda_items.all()) == ["IV", "V"]
    assert nominations["Catherine Vautrin"].person.email == "cv@example.org"
    page = focal_client.get(url(session, "portal_delegation")).content.decode()
    assert "Sophie Binet" in page and '<span dir="auto">Олег Иванов</span>' in page


def test_territory_advisers_and_representatives_of_federal_states_are_imported(
        focal_client, session, delegation, organisations):
    template = focal_client.get(url(session, "portal_template")).content
    rows = [*VALID_ROWS,
            ["government", "territory_adviser", "Ms", "Naja Lund", "", "f", "", "", "", "2", "",
             "Greenland"],
            ["government", "state_representative", "Mr", "Jean Tremblay", "", "m", "", "", "",
             "", "", "Québec"]]
    response = upload(focal_client, session, filled(template, rows))
    assert response.status_code == 302, response.context and problems(response)
    added = {n.person.name: (n.role, n.represents, n.adviser_to and n.adviser_to.person.name)
             for n in Nomination.objects.filter(delegation=delegation,
                                                represents__gt="").select_related(
                                                    "person", "adviser_to__person")}
    assert added == {"Naja Lund": ("territory_adviser", "Greenland", "Catherine Vautrin"),
                     "Jean Tremblay": ("state_representative", "Québec", None)}


def test_what_a_person_represents_is_required_for_those_roles_only(focal_client, session,
                                                                   delegation, organisations):
    template = focal_client.get(url(session, "portal_template")).content
    rows = [["government", "delegate", "", "Ana", "", "f", "", "", "", "", "", "Corsica"],
            ["government", "territory_adviser", "", "Bea", "", "f", "", "", "", "2", "", ""],
            ["government", "state_representative", "", "Carl", "", "m", "", "", "", "", "", ""]]
    response = upload(focal_client, session, filled(template, rows))
    column = "Territory, State or province represented"
    assert problems(response) == [
        (2, column, "Leave this empty: only an additional adviser for a territory or a "
                    "representative of a State or province says what they represent."),
        (3, column, "Name the territory, State or province this person represents."),
        (4, column, "Name the territory, State or province this person represents.")]
    assert Nomination.objects.count() == 0


def test_one_bad_row_refuses_the_whole_file_with_row_and_column(focal_client, session,
                                                               delegation, organisations):
    template = focal_client.get(url(session, "portal_template")).content
    rows = [*VALID_ROWS[:3], ["government", "adviser", "Mr", "Jean Dupont", "", "m", "", "",
                              "", "2", "IX"]]
    response = upload(focal_client, session, filled(template, rows))
    assert response.status_code == 200
    assert problems(response) == [
        (5, "Agenda items", "Unknown agenda item number: IX. The items of this session are: "
                            "IV, V.")]
    assert Nomination.objects.count() == 0
    html = response.content.decode()
    assert "The file was not imported" in html
    assert "<td>5</td><td>Agenda items</td>" in html


def test_every_problem_is_reported_and_nothing_is_saved(focal_client, focal, session,
                                                        delegation, organisations):
    nomination_add(actor=focal, delegation=delegation, group="government",
                   role="delegate", name="Élisabeth Borne", gender="f")
    template = build_template(delegation=delegation)
    rows = [
        ["gouvernement", "delegate", "", "Ana", "", "f", "", "", "", "", ""],      # row 2
        ["workers", "delegate", "", "", "", "f", "", "", "", "", ""],             # row 3
        ["workers", "delegate", "", "Bea", "", "female", "", "", "", "", ""],     # row 4
        ["employers", "delegate", "", "Carl", "", "m", "", "", "ACME", "", ""],   # row 5
        ["employers", "adviser", "", "Dora", "", "f", "", "", "MEDEF", "6", ""],  # row 6
        ["employers", "adviser", "", "Eve", "", "f", "", "", "CGT", "5", "IV"],   # row 7
        ["government", "adviser", "", "ana", "", "f", "", "not-an-email", "", "", ""],  # 8
        ["government", "adviser", "", "Élisabeth Borne", "", "f", "", "", "", "", ""],  # 9
        ["government", "minister", "", "Fanny", "", "x", "", "", "", "2", ""],    # row 10
    ]
    response = upload(focal_client, session, filled(template, rows))
    assert problems(response) == [
        (2, "Group", "Unknown group “gouvernement”: write government, employers or workers."),
        (3, "Name", "The name is missing."),
        (4, "Gender", "Unknown gender “female”: write f, m or x."),
        (5, "Organization", "“ACME” is not among the organizations of France (by name or "
                            "acronym)."),
        (6, "Adviser to (row number of the delegate)",
         "Row 6 is not a delegate: an adviser accompanies a delegate."),
        (7, "Organization", "Confédération générale du travail (CGT) is not an organization "
                            "of this group (Workers' organization)."),
        (8, "Name", "The same person is already on row 2."),
        (8, "E-mail", "“not-an-email” is not an e-mail address."),
        (9, "Name", "Élisabeth Borne is already in this delegation."),
        (10, "Adviser to (row number of the delegate)",
         "Only an adviser or a substitute delegate accompanies a delegate; leave this cell "
         "empty."),
    ]
    assert Nomination.objects.count() == 1


@pytest.mark.parametrize(("name", "content"), [
    ("delegation.xlsx", b"Group;Role;Name\ngovernment;delegate;Ana\n"),
    ("delegation.xlsx", b""),
    ("delegation.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512),
    ("delegation.xlsx", None),  # a zip archive that is not a workbook
], ids=["csv renamed", "empty", "old xls", "zip"])
def test_a_file_that_is_not_an_xlsx_workbook_is_refused(focal_client, session, delegation,
                                                        name, content):
    if content is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("readme.txt", "not a workbook")
        content = buffer.getvalue()
    response = upload(focal_client, session, content, name)
    assert response.status_code == 200
    errors = " ".join(response.context["sheet_form"].errors["file"])
    assert ("is not an Excel workbook (.xlsx)" in errors
            or "The submitted file is empty." in errors)
    assert response.context["import_problems"] is None
    assert Nomination.objects.count() == 0


def test_a_template_missing_a_required_column_is_refused_at_row_1(focal, delegation):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Group", "Role", "Name"])
    workbook.active.append(["government", "delegate", "Ana"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = nominations_import(
        actor=focal, delegation=delegation,
        uploaded_file=SimpleUploadedFile("d.xlsx", buffer.getvalue()))
    assert [(p.row, p.column, p.message) for p in result.problems] == [
        (1, "Gender", "This column is missing from the first row.")]


def test_a_template_downloaded_in_french_is_read_in_any_language(focal, delegation):
    with translation.override("fr"):
        template = build_template(delegation=delegation)
    sheet = openpyxl.load_workbook(io.BytesIO(template)).worksheets[0]
    assert [cell.value for cell in sheet[1]][:4] == ["Groupe", "Rôle", "Titre", "Nom"]
    content = filled(template, [["workers", "delegate", "", "Ana", "", "f"]])
    result = nominations_import(  # English is active
        actor=focal, delegation=delegation, uploaded_file=SimpleUploadedFile("d.xlsx", content))
    assert (result.problems, result.added) == ([], 1)


def test_an_oversized_spreadsheet_is_refused(focal, delegation, monkeypatch):
    content = filled(build_template(delegation=delegation), VALID_ROWS[:1])
    monkeypatch.setattr(reading, "MAX_SPREADSHEET_SIZE", 1000)
    with pytest.raises(ServiceError, match="larger than the limit of 1000"):
        nominations_import(actor=focal, delegation=delegation,
                           uploaded_file=SimpleUploadedFile("d.xlsx", content))
    assert Nomination.objects.count() == 0


def test_an_import_after_submission_is_an_amendment(focal, delegation, organisations):
    nomination_add(actor=focal, delegation=delegation, group="government",
                   role="delegate", name="Élisabeth Borne", gender="f")
    delegation_submit(actor=focal, delegation=delegation)
    content = filled(build_template(delegation=delegation), [
        ["government", "adviser", "", "Jean Dupont", "", "m", "", "", "", "Élisabeth Borne",
         "V"]])
    result = nominations_import(
        actor=focal, delegation=delegation,
        uploaded_file=SimpleUploadedFile("d.xlsx", content))
    assert (result.problems, result.added) == ([], 1)
    adviser = Nomination.objects.get(person__name="Jean Dupont")
    assert adviser.added_in_amendment == 1
    assert adviser.adviser_to.person.name == "Élisabeth Borne"


def test_another_states_focal_point_cannot_import(session, delegation):
    german_focal = user_with_role(Role.FOCAL_POINT, member_state=state("DE"))
    content = filled(build_template(delegation=delegation), VALID_ROWS[:1])
    with pytest.raises(PermissionDeniedError):
        nominations_import(actor=german_focal, delegation=delegation,
                           uploaded_file=SimpleUploadedFile("d.xlsx", content))
    assert Nomination.objects.count() == 0
    assert Delegation.objects.count() == 1
