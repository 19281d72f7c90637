"""A meeting proposal from draft to approval to the calendar, in the browser: the unit drafts
and is told what is missing, completes and submits; the secretariat reviews and consults; the
group secretariats give their opinions; the batch goes to the Officers; their decision puts
the meeting in the calendar."""

import io

import pypdf
import pytest
from django.db import connections
from django.urls import reverse

from tests.browser.test_journeys import log_in
from tests.factories import user_with_role
from tripartite.accounts.models import Role
from tripartite.proposals import selectors
from tripartite.proposals.models import MeetingProposal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Workshop on minimum wages in West Africa"


def a_pdf(path):
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def flash(page):
    return page.locator("main > .messages").inner_text()


def log_out(page):
    page.click("form[action$='/accounts/logout/'] button")
    page.wait_for_load_state()


def test_from_draft_to_approved_to_the_calendar(page, live_server, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    unit = user_with_role(Role.UNIT_OFFICER, unit="SECTOR")
    secretariat = user_with_role(Role.SECRETARIAT)
    employers = user_with_role(Role.GROUP_SECRETARIAT, group="employers")
    workers = user_with_role(Role.GROUP_SECRETARIAT, group="workers")

    # The unit drafts with a title only, and is told exactly what is missing.
    log_in(page, live_server, unit.username)
    page.click("nav.mainnav >> text=Meeting proposals")
    page.click("text=New proposal")
    page.fill("#id_title_en", TITLE)
    page.click("button:has-text('Save the draft')")
    assert "The draft was saved." in flash(page)
    missing = page.locator("#missing").inner_text()
    assert "Missing: type of meeting." in missing
    assert "Missing: title." not in missing
    assert page.locator("#field-type.missing .missing-note").count() == 1
    assert page.locator("#field-title_en.missing").count() == 0
    page.click("#submit button")
    assert "The proposal cannot be submitted yet" in flash(page)

    # It completes the proposal and submits it.
    page.select_option("#id_type", "workshop")
    page.fill("#id_purpose_en", "To share experience of minimum wage fixing.")
    page.fill("#id_standards_relevance_en", "Minimum Wage Fixing Convention, 1970 (No. 131).")
    page.fill("#id_start", "2027-09-13")
    page.fill("#id_end", "2027-09-15")
    page.fill("#id_time_zone", "Africa/Dakar")  # typed, or chosen from the suggestions
    page.select_option("#id_country", label="Senegal")
    page.fill("#id_city", "Dakar")
    page.select_option("#id_coverage", label=["Senegal", "Mali"])
    page.select_option("#id_tripartite", "true")
    for field, number in (("government", "6"), ("employers", "6"), ("workers", "6"),
                          ("resource_persons", "4"), ("resource_persons_women", "2"),
                          ("observers", "1")):
        page.fill(f"#id_{field}", number)
    page.fill("#id_languages", "fr, en")
    page.fill("#id_responsible_officer", "Awa Diop")
    page.set_input_files("#id_concept_note", str(a_pdf(tmp_path / "concept-note.pdf")))
    page.select_option("#id_financing-0-source", "regular_budget")
    page.fill("#id_financing-0-amount", "25000")
    page.fill("#id_financing-0-currency", "USD")
    page.click("button:has-text('Save the draft')")
    assert "The proposal was saved." in flash(page)
    assert "Nothing is missing" in page.locator("#missing").inner_text()
    page.click("#submit button")
    assert "The proposal was submitted to the secretariat." in flash(page)
    assert page.locator("#proposal-state").inner_text() == "Submitted"
    proposal = MeetingProposal.objects.get()
    log_out(page)

    # The secretariat reviews it and consults the group secretariats.
    log_in(page, live_server, secretariat.username)
    page.goto(f"{live_server.url}{reverse('proposals:pipeline')}")
    page.click(f"#pipeline >> text={TITLE}")
    page.click("button:has-text('Start the review')")
    assert "The review has started." in flash(page)
    page.click("button:has-text('Consult the group secretariats')")
    assert page.locator("#proposal-state").inner_text() == "In consultation"
    log_out(page)

    for group_user in (employers, workers):
        log_in(page, live_server, group_user.username)
        page.goto(f"{live_server.url}{reverse('proposals:detail', args=[proposal.pk])}")
        page.select_option("#opinion select[name=opinion]", "agrees")
        page.click("#opinion button")
        assert "The opinion was recorded." in flash(page)
        log_out(page)

    # The batch goes to the Officers; their decision is recorded.
    log_in(page, live_server, secretariat.username)
    page.goto(f"{live_server.url}{reverse('proposals:pipeline')}")
    page.check(f"#proposal-{proposal.pk} input[type=checkbox]")
    page.fill("#id_reference", "Officers of the GB, batch 1")
    page.click("button:has-text('Send the ticked proposals to the Officers')")
    assert "1 proposal was sent to the Officers as Officers of the GB, batch 1." in flash(page)
    page.click(f"#pipeline >> text={TITLE}")
    page.select_option("#id_decision", "approved")
    page.fill("#id_decided_on", selectors.today().isoformat())
    page.click("button:has-text('Record the decision')")
    assert "The Officers' decision was recorded." in flash(page)
    assert page.locator("#proposal-state").inner_text() == "Approved"

    # The meeting is in the calendar, with its session.
    page.click("#in-calendar a")
    assert page.locator("h1").inner_text() == TITLE
    page.goto(f"{live_server.url}{reverse('meetings:calendar')}?year=2027&month=9")
    assert TITLE in page.locator("main").inner_text()
    connections.close_all()
