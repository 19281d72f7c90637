"""A role's home page is its to-do list: the focal point finds the Office's query there and
one click takes them to the answer form (site/selectors.py)."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser.test_journeys import log_in
from tests.factories import GENEVA, SessionFactory, UserFactory, state, user_with_role
from tripartite.accounts.models import Role
from tripartite.delegations.models import DelegationQuery
from tripartite.delegations.services.nominations import (
    delegation_open,
    delegation_submit,
    nomination_add,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_focal_point_finds_the_offices_query_on_the_home_page(page, live_server):
    now = timezone.now().astimezone(GENEVA)
    session = SessionFactory(opens_at=now + dt.timedelta(days=40),
                             closes_at=now + dt.timedelta(days=50))
    staff = user_with_role(Role.SECRETARIAT)
    delegation = delegation_open(actor=staff, member_state=state("FR"), session=session)
    nomination_add(actor=staff, delegation=delegation, group="government", role="delegate",
                   name="Claire Dubois", gender="f")
    delegation_submit(actor=staff, delegation=delegation)
    DelegationQuery.objects.create(delegation=delegation, asked_by=staff,
                                   question="Which ministry does the delegate serve?")
    focal = UserFactory(role=Role.FOCAL_POINT, member_state=state("FR"), first_name="Camille")

    log_in(page, live_server, focal.username)
    queries = page.locator("#todo-queries")
    assert queries.locator("h2").inner_text() == "Queries from the Office to answer 1"
    deadlines = page.locator("#todo-deadlines li")
    assert deadlines.count() == 1 and session.title in deadlines.inner_text()
    assert "Received" in deadlines.inner_text()
    queries.locator("text=Which ministry does the delegate serve?").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/delegations/portal/{session.pk}/FR/#queries")
    assert page.locator("#queries").is_visible()


def test_the_grouped_menu_opens_with_the_keyboard_on_a_phone(browser, live_server):
    context = browser.new_context(locale="en-GB", viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.set_default_timeout(15_000)
    officer = UserFactory(role=Role.SECRETARIAT, first_name="Hélène")
    log_in(page, live_server, officer.username)
    relations = page.locator("nav.mainnav summary", has_text="Relations")
    relations.focus()
    page.keyboard.press("Enter")  # a <details> disclosure: Enter opens it
    people = page.locator("nav.mainnav a", has_text="People")
    assert people.is_visible()
    box = people.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Member States"
    page.keyboard.press("Escape")  # closes the group, the focus back on its summary
    assert not people.is_visible()
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
    people.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "People"
    assert page.get_attribute("nav.mainnav a[href='/states/people/']",
                              "aria-current") == "page"
    context.close()
