"""A focal point nominates France's delegation from the Excel template, in the browser:
one bad row refuses the whole file, the corrected file is taken, the letter is attached,
the credentials are submitted; then the secretariat accepts them."""

import datetime as dt
import io

import openpyxl
import pypdf
import pytest
from django.urls import NoReverseMatch, reverse

from tests.browser.test_journeys import log_in
from tests.factories import (
    GENEVA,
    AgendaItemFactory,
    OrganisationFactory,
    SessionFactory,
    state,
    user_with_role,
)
from tripartite.accounts.models import Role
from tripartite.delegations.models import Delegation, DelegationStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROWS = [
    ["government", "delegate", "Ms", "Catherine Vautrin", "", "f", "Minister of Labour", "",
     "", "", ""],
    ["government", "delegate", "Mr", "Jean Jaurès", "", "m", "Ambassador", "", "", "", ""],
    ["employers", "delegate", "Mr", "Patrick Martin", "", "m", "", "", "MEDEF", "", ""],
    ["workers", "delegate", "Ms", "Sophie Binet", "", "f", "", "", "CGT", "", ""],
    ["government", "adviser", "Ms", "Amina Haddad", "", "f", "", "", "", "2", "IV"],
]


def fill(template_path, rows, target):
    workbook = openpyxl.load_workbook(template_path)
    sheet = workbook.worksheets[0]
    for number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            sheet.cell(row=number, column=column, value=value or None)
    workbook.save(target)
    return target


def a_pdf(path):
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def flash(page):
    """The messages shown after a redirect (not the findings, also a list of messages)."""
    return page.locator("main > .messages").inner_text()


def review_url(delegation):
    try:
        return reverse("delegations:review_delegation", kwargs={"pk": delegation.pk})
    except NoReverseMatch:
        return None


def test_a_focal_point_nominates_from_the_template_and_submits(page, live_server, tmp_path,
                                                              settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    session = SessionFactory(opens_at=dt.datetime(2027, 6, 7, 10, 0, tzinfo=GENEVA),
                             closes_at=dt.datetime(2027, 6, 18, 18, 0, tzinfo=GENEVA))
    AgendaItemFactory(session=session, number="IV", technical=True)
    AgendaItemFactory(session=session, number="V", technical=True)
    OrganisationFactory(member_state=state("FR"), kind="employers",
                        name="Mouvement des entreprises de France", acronym="MEDEF")
    OrganisationFactory(member_state=state("FR"), kind="workers",
                        name="Confédération générale du travail", acronym="CGT")
    focal = user_with_role(Role.FOCAL_POINT)

    log_in(page, live_server, focal.username)
    page.click("nav.mainnav >> text=My delegations")
    assert page.locator("h1").inner_text() == "My delegations"
    page.click(f"#upcoming >> text={session.title}")
    assert page.locator("h1").inner_text() == "Delegation of France"
    assert page.locator("#delegation-status").inner_text() == "Not received"

    with page.expect_download() as download:
        page.click("#import >> text=Download the Excel template")
    assert download.value.suggested_filename == f"delegation-FR-{session.number}.xlsx"
    template = tmp_path / download.value.suggested_filename
    download.value.save_as(template)

    bad = [*ROWS[:4], [*ROWS[4][:10], "IX"]]  # row 6: an agenda item the session lacks
    page.set_input_files("#id_sheet-file", str(fill(template, bad, tmp_path / "bad.xlsx")))
    with page.expect_navigation():
        page.click("#import >> button[type=submit]")
    problems = page.locator("#import-problems tbody tr")
    assert problems.count() == 1
    assert [cell.strip() for cell in problems.first.locator("td").all_inner_texts()] == [
        "6", "Agenda items", "Unknown agenda item number: IX. The items of this session are: "
                             "IV, V."]
    assert "Nobody nominated yet" not in page.locator("#nominations").inner_text()
    assert page.locator("#nominations tbody tr[id^=nomination-]").count() == 0

    page.set_input_files("#id_sheet-file", str(fill(template, ROWS, tmp_path / "good.xlsx")))
    page.click("#import >> button[type=submit]")
    assert "5 persons were added to the delegation." in flash(page)
    nominations = page.locator("#nominations")
    for name in ("Catherine Vautrin", "Jean Jaurès", "Patrick Martin", "Sophie Binet",
                 "Amina Haddad"):
        assert name in nominations.inner_text()
    assert page.locator("#findings li.error").count() == 0

    page.set_input_files("#id_letter-file", str(a_pdf(tmp_path / "credentials.pdf")))
    page.click("#letter >> button[type=submit]")
    assert "The credentials letter was uploaded." in flash(page)
    assert "credentials.pdf" in page.locator("#letter table").inner_text()

    page.click("#submit >> button[type=submit]")
    assert page.locator("h1").inner_text() == "Submit the credentials of France to the Office?"
    page.click("button[name=confirm]")
    assert "The credentials were sent to the Office." in flash(page)
    assert page.locator("#delegation-status").inner_text() == "Received"
    delegation = Delegation.objects.get(member_state=state("FR"), session=session)
    assert delegation.status == DelegationStatus.RECEIVED

    url = review_url(delegation)
    if url is None:
        return  # the secretariat's review pages are not there yet
    page.click("form[action$='/accounts/logout/'] button")
    officer = user_with_role(Role.SECRETARIAT)
    log_in(page, live_server, officer.username)
    page.goto(f"{live_server.url}{url}")
    page.click("button:has-text('Accept the credentials')")
    page.click("button[name=confirm]")
    page.wait_for_load_state()
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.ACCEPTED
