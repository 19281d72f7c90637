"""The delegation spreadsheet is checked as an archive and sheet by sheet before openpyxl
reads it: a bomb is refused with its code through the service and on the upload page, and
nothing is nominated; the real template still round-trips."""

import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.common.bombs import declaring_size, million_cell_row, sheet_xml, with_member
from tests.delegations import test_spreadsheet as sheets
from tests.factories import SessionFactory, state, user_with_role
from tripartite.accounts.models import Role
from tripartite.common.services import ServiceError
from tripartite.delegations.models import Nomination
from tripartite.delegations.services.imports import nominations_import
from tripartite.delegations.services.nominations import delegation_open
from tripartite.delegations.spreadsheet.template import build_template

pytestmark = pytest.mark.django_db

FIRST_SHEET = "xl/worksheets/sheet1.xml"
GIB = 1024 ** 3


@pytest.fixture
def focal():
    return user_with_role(Role.FOCAL_POINT)


@pytest.fixture
def session():
    return SessionFactory()


@pytest.fixture
def delegation(session, focal):
    return delegation_open(actor=focal, member_state=state("FR"), session=session)


def bombs(template: bytes) -> dict[str, tuple[bytes, str]]:
    return {
        "declared gigabytes": (declaring_size(with_member(template, "xl/media/a.bin", b"a"),
                                              "xl/media/a.bin", 4 * GIB - 1),
                               "archive_too_large"),
        "compressed million-cell row": (with_member(template, FIRST_SHEET, million_cell_row()),
                                        "archive_too_compressed"),
        "stored million-cell row": (with_member(template, FIRST_SHEET, million_cell_row(),
                                                zipfile.ZIP_STORED), "sheet_too_large"),
        "huge dimension": (with_member(template, FIRST_SHEET, sheet_xml(
            '<row r="1"><c r="A1" t="inlineStr"><is><t>Group</t></is></c></row>',
            dimension="A1:XFD1048576")), "sheet_too_large"),
    }


@pytest.mark.parametrize("kind", ["declared gigabytes", "compressed million-cell row",
                                  "stored million-cell row", "huge dimension"])
def test_a_spreadsheet_bomb_is_refused_before_parsing(focal, delegation, kind):
    content, code = bombs(build_template(delegation=delegation))[kind]
    with pytest.raises(ServiceError) as refused:
        nominations_import(actor=focal, delegation=delegation,
                           uploaded_file=SimpleUploadedFile("d.xlsx", content))
    assert (refused.value.code, refused.value.field) == (code, "file")
    assert Nomination.objects.count() == 0


def test_the_upload_page_shows_why_a_bomb_is_refused(client, focal, session, delegation):
    client.force_login(focal)
    content, _code = bombs(build_template(delegation=delegation))[
        "stored million-cell row"]
    response = sheets.upload(client, session, content)
    assert response.status_code == 200
    assert response.context["sheet_form"].errors["file"] == [
        "Row 1 of a sheet of this workbook has cells beyond column 32. A sheet may have at "
        "most 1000 rows and 32 columns; it was not read. Copy the rows into a fresh template "
        "and upload that."]
    assert response.context["import_problems"] is None
    assert Nomination.objects.count() == 0


def test_the_filled_template_passes_the_limits(focal, delegation):
    content = sheets.filled(build_template(delegation=delegation),
                            sheets.VALID_ROWS[:1])
    result = nominations_import(actor=focal, delegation=delegation,
                                uploaded_file=SimpleUploadedFile("d.xlsx", content))
    assert (result.problems, result.added) == ([], 1)
