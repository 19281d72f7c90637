"""Keyboard alone, in the browser: logging in, casting a ballot, a door scan and a nomination
with Tab, typing, Enter and Space only (no click, no fill), checking where the focus is after
each step."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import GENEVA, SessionFactory, user_with_role
from tests.registration.factories_doors import badged
from tests.votes.factories import plenary, vote
from tripartite.accounts.models import Role, User
from tripartite.delegations.models import Nomination
from tripartite.registration.models import Scan
from tripartite.votes import services
from tripartite.votes.models import Ballot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "secret-pass-123"
# More Tab presses than any of these pages has stops before the element sought.
MAX_TABS = 80


def focused(page) -> str:
    """The id of the focused element, or its tag name when it has none."""
    return page.evaluate("document.activeElement.id || document.activeElement.tagName")


def tab_to(page, selector) -> int:
    """Press Tab until ``selector`` has the focus; the number of presses. Fails when the
    element is out of the tab order (never reached, or the focus leaves the page)."""
    target = page.locator(selector)
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return presses
    raise AssertionError(f"{selector} was not reached in {MAX_TABS} Tab presses")


def skip_to_main(page):
    """The skip link is the first stop; Enter on it puts the focus on <main>."""
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert focused(page) == "main"


def log_in_by_keyboard(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    # Django's login form puts the focus on the username (autofocus): no Tab needed.
    assert focused(page) == "id_username"
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    assert focused(page) == "id_password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")


def _user(username, role, person=None) -> User:
    user = User(username=username, role=role, person=person)
    user.set_password(PASSWORD)
    user.save()
    return user


def test_a_delegate_logs_in_and_casts_a_ballot_with_the_keyboard_alone(page, live_server):
    item, delegates = plenary(("FR",))
    staff = _user("officer", Role.SECRETARIAT)
    voter = delegates["FR"][0].person
    _user("delegate-fr", Role.DELEGATE, person=voter)
    v = services.vote_open(actor=staff, vote=vote(item))

    log_in_by_keyboard(page, live_server, "delegate-fr")
    assert page.locator("h1").inner_text().startswith("Welcome")
    page.goto(f"{live_server.url}/votes/{v.pk}/ballot/")
    skip_to_main(page)
    # Tab enters the radio group on its first radio without choosing it: nothing is cast.
    tab_to(page, "#choice-1-yes")
    assert not page.is_checked("#choice-1-yes")
    page.keyboard.press("ArrowRight")  # arrows move within the group, and choose
    assert focused(page) == "choice-1-no" and page.is_checked("#choice-1-no")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Space")
    assert focused(page) == "choice-1-yes" and page.is_checked("#choice-1-yes")
    assert not Ballot.objects.filter(vote=v, voter=voter).exists()
    # One Tab leaves the group for the button that casts; Enter casts.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Cast the vote"
    page.keyboard.press("Enter")
    # The confirmation step replaces the form in the panel; its question takes the focus.
    page.wait_for_selector("#confirm-title:focus")
    assert not Ballot.objects.filter(vote=v, voter=voter).exists()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Cancel"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Cast the vote"
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-voted=true]")
    # The row's heading takes the focus once htmx has settled the swap.
    page.wait_for_selector("#ballot-row-1:focus")
    assert Ballot.objects.get(vote=v, voter=voter).choice == "yes"


def test_check_in_staff_scan_at_a_door_with_the_keyboard_alone(page, live_server):
    session = SessionFactory()
    reg, _issued, token = badged(session, affiliation="Kenya", role_label="Delegate")
    staff = _user("door-staff", Role.CHECKIN_STAFF)

    log_in_by_keyboard(page, live_server, staff.username)
    page.goto(live_server.url + reverse("registration:checkin", args=[session.pk]))
    page.wait_for_selector("#checkin-form[data-ready=true]")
    # The badge field has the focus on arrival (autofocus); the door is one Shift+Tab back.
    assert focused(page) == "id_token"
    page.keyboard.press("Shift+Tab")
    assert focused(page) == "id_door"
    page.keyboard.type("North entrance")
    page.keyboard.press("Tab")
    assert focused(page) == "id_token"
    page.keyboard.type(token)
    page.keyboard.press("Enter")
    page.wait_for_selector("#scan-result[data-result=admitted]")
    assert reg.person.name in page.locator("#scan-result").inner_text()
    # The field is emptied and keeps the focus: the next badge can be typed at once.
    assert focused(page) == "id_token"
    assert page.evaluate("document.activeElement.value") == ""
    # The button reached by Tab checks a badge too (the camera button, hidden, is skipped).
    page.keyboard.type("this-is-not-a-badge")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Check the badge"
    page.keyboard.press("Space")
    page.wait_for_selector("#scan-result[data-result=forged]")
    assert focused(page) == "id_token"
    assert list(Scan.objects.order_by("at").values_list("result", flat=True)) == [
        "admitted", "forged"]


def test_a_focal_point_adds_a_person_with_the_keyboard_alone(page, live_server):
    session = SessionFactory(opens_at=dt.datetime(2027, 6, 7, 10, 0, tzinfo=GENEVA),
                             closes_at=dt.datetime(2027, 6, 18, 18, 0, tzinfo=GENEVA))
    focal = user_with_role(Role.FOCAL_POINT)
    focal.set_password(PASSWORD)
    focal.save()

    log_in_by_keyboard(page, live_server, focal.username)
    page.goto(live_server.url + reverse("delegations:portal_delegation",
                                        args=[session.pk, "FR"]))
    skip_to_main(page)
    # Sent without a name: the error summary has the focus, and its link leads into the field.
    tab_to(page, "#id_title")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert focused(page) == "error-summary-title"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#id_name"
    page.keyboard.press("Enter")
    assert focused(page) == "id_name"
    assert not Nomination.objects.exists()
    # The selects start on Government and Delegate; typing a letter picks an option.
    for _ in range(4):  # name, title, represents, role, group
        page.keyboard.press("Shift+Tab")
    assert focused(page) == "id_group"
    assert page.input_value("#id_group") == "government"
    page.keyboard.press("Tab")
    assert focused(page) == "id_role"
    page.keyboard.press("Tab")
    assert focused(page) == "id_represents"  # a territory or federal State: empty here
    page.keyboard.press("Tab")
    assert focused(page) == "id_title"
    page.keyboard.type("Ms")
    page.keyboard.press("Tab")
    assert focused(page) == "id_name"
    page.keyboard.type("Catherine Vautrin")
    page.keyboard.press("Tab")
    assert focused(page) == "id_name_latin"
    page.keyboard.press("Tab")
    assert focused(page) == "id_family_name"
    page.keyboard.type("Vautrin")
    page.keyboard.press("Tab")
    assert focused(page) == "id_gender"
    page.keyboard.type("F")
    assert page.input_value("#id_gender") == "f"
    page.keyboard.press("Tab")
    assert focused(page) == "id_function"
    page.keyboard.type("Minister of Labour")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # implicit submission from a text field
    assert "Catherine Vautrin was added to the delegation." in page.locator(
        "main > .messages").inner_text()
    nomination = Nomination.objects.get(person__name="Catherine Vautrin")
    assert (nomination.group, nomination.role, nomination.person.gender) == (
        "government", "delegate", "f")
    # The page comes back at the nominations: the next Tab goes to the new row's button.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Withdraw Catherine Vautrin")
