"""At a door, in the browser: check-in staff type (or a hand scanner types) badge codes;
each answer shows in the big panel, the field is ready for the next, and nothing counts
twice."""


import pytest
from django.urls import reverse

from tests.browser.test_journeys import log_in
from tests.factories import SessionFactory, user_with_role
from tests.registration.factories_doors import badged
from tripartite.accounts.models import Role
from tripartite.registration.models import CheckIn, Scan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _scan(page, code):
    page.fill("#id_token", code)
    page.press("#id_token", "Enter")


def test_check_in_staff_type_codes_at_a_door(page, live_server):
    session = SessionFactory()
    reg, issued, token = badged(session, affiliation="Kenya", role_label="Delegate")
    staff = user_with_role(Role.CHECKIN_STAFF)
    problems = []
    # Script errors and CSP refusals show in the console; failed loads as responses.
    page.on("console", lambda message: message.type == "error" and not message.text
            .startswith("Failed to load resource") and problems.append(message.text))
    page.on("response", lambda response: response.status >= 400 and not response.url
            .endswith("/favicon.ico") and problems.append(f"{response.status} {response.url}"))
    page.on("pageerror", lambda error: problems.append(str(error)))

    log_in(page, live_server, staff.username)
    page.click("nav.mainnav >> text=Check-in")
    page.click(f"text={session.title}")
    page.wait_for_selector("#checkin-form[data-ready=true]")
    page.fill("#id_door", "North entrance")

    _scan(page, token)
    panel = page.locator("#scan-result .scan-panel")
    page.wait_for_selector("#scan-result[data-result=admitted]")
    assert "Valid: entry recorded" in panel.inner_text()
    assert reg.person.name in panel.inner_text() and "Kenya" in panel.inner_text()
    assert f"Badge no. {issued.number}" in panel.inner_text()
    assert page.input_value("#id_token") == ""
    assert page.evaluate("document.activeElement.id") == "id_token"

    _scan(page, token)
    page.wait_for_selector("#scan-result[data-result=already_inside]")
    assert "Already inside today" in panel.inner_text()

    _scan(page, "this-is-not-a-badge")
    page.wait_for_selector("#scan-result[data-result=forged]")
    assert reg.person.name not in panel.inner_text()
    assert "scan-refused" in panel.get_attribute("class")

    assert CheckIn.objects.count() == 1
    assert list(Scan.objects.order_by("at").values_list("result", "door")) == [
        ("admitted", "North entrance"), ("already_inside", "North entrance"),
        ("forged", "North entrance")]
    # Each scan carried its own request id from the page.
    assert Scan.objects.values("request_id").distinct().count() == 3
    assert problems == []

    # The door is remembered on this device.
    page.reload()
    page.wait_for_selector("#checkin-form[data-ready=true]")
    assert page.input_value("#id_door") == "North entrance"


def test_a_scan_without_a_door_says_so_and_clears_the_last_answer(page, live_server):
    session = SessionFactory()
    _reg, _issued, token = badged(session, affiliation="Kenya", role_label="Delegate")
    staff = user_with_role(Role.CHECKIN_STAFF)
    log_in(page, live_server, staff.username)
    page.goto(live_server.url + reverse("registration:checkin", args=[session.pk]))
    page.wait_for_selector("#checkin-form[data-ready=true]")
    # Headless Chromium reads no QR codes: the camera button stays hidden and out of the tab order.
    assert page.locator("#camera-toggle").is_hidden()
    page.fill("#id_door", "North entrance")
    _scan(page, token)
    page.wait_for_selector("#scan-result[data-result=admitted]")

    page.fill("#id_door", "")
    _scan(page, token)
    page.wait_for_selector("#scan-result[data-result=error]")
    assert page.locator("#scan-result").inner_text() == (
        "Name the door first: the scan was not sent.")
    assert page.get_attribute("#id_door", "aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "id_door"
    assert Scan.objects.count() == 1
