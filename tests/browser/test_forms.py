"""The forms' helpers in a browser: a long list of countries searched as one types, and a
long action's button that says it is working and cannot be pressed twice."""


import pytest
from django.urls import reverse

from tests.browser.test_journeys import log_in
from tests.factories import user_with_role
from tests.votes.factories import delegate_user, plenary, vote
from tripartite.accounts.models import Role
from tripartite.votes import services
from tripartite.votes.models import Ballot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_countries_are_searched_as_one_types(page, live_server):
    unit = user_with_role(Role.UNIT_OFFICER, unit="SECTOR")
    log_in(page, live_server, unit.username)
    page.goto(live_server.url + reverse("proposals:create"))
    page.select_option("#id_coverage", label="Peru")
    search = page.locator("input.select-search")
    assert search.get_attribute("aria-label") == "Search the countries"
    search.fill("senegal")
    shown = page.eval_on_selector_all(
        "#id_coverage option", "options => options.filter(o => !o.hidden).map(o => o.text)")
    assert shown == ["Peru", "Senegal"]  # the chosen one stays in sight
    search.fill("")
    assert page.eval_on_selector_all(
        "#id_coverage option", "options => options.filter(o => o.hidden).length") == 0


def test_a_long_action_says_it_is_working_and_is_sent_once(page, live_server):
    item, delegates = plenary(("FR",))
    v = services.vote_open(actor=user_with_role(Role.SECRETARIAT), vote=vote(item))
    user = delegate_user(delegates["FR"][0])
    user.set_password("secret-pass-123")
    user.save()
    log_in(page, live_server, user.username)
    page.goto(f"{live_server.url}/votes/{v.pk}/ballot/")
    page.check("#choice-1-yes")
    page.click("#ballot-panel button[type=submit]")
    page.wait_for_selector("#confirm-title")
    # The server is slow to answer: the request is held until the page has been looked at
    # (a handler that slept would block this thread, and the answer could replace the form
    # before it is read).
    held = []
    page.route(f"**/votes/{v.pk}/ballot/", lambda route: held.append(route))
    button = page.locator("#ballot-panel button[name=confirm]")
    button.click()
    page.wait_for_selector("#ballot-panel button.working[disabled]")
    assert page.get_attribute("#ballot-panel form[data-working]", "aria-busy") == "true"
    sent = [route.request.method for route in held]
    for route in held:
        route.continue_()
    page.wait_for_selector("[data-voted=true]")
    assert sent == ["POST"] and Ballot.objects.filter(vote=v).count() == 1
