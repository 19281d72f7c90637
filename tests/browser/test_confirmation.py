"""The confirmation step of an official act, in a browser without JavaScript: a delegate's
ballot asks first what will be recorded and for whom, records nothing until confirmed, then
says when it was recorded (common/confirm.py). With JavaScript and the keyboard alone:
tests/browser/test_keyboard_journeys.py."""

import pytest

from tests.browser.test_votes import _user, log_in
from tests.votes.factories import plenary, vote
from tripartite.accounts.models import Role
from tripartite.votes import services
from tripartite.votes.models import Ballot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page_without_javascript(browser):
    context = browser.new_context(locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_a_ballot_is_confirmed_before_it_is_recorded_even_without_javascript(
        page_without_javascript, live_server):
    page = page_without_javascript
    item, delegates = plenary(("FR",))
    voter = delegates["FR"][0].person
    _user("delegate-fr", Role.DELEGATE, person=voter)
    v = services.vote_open(actor=_user("officer", Role.SECRETARIAT), vote=vote(
        item, subject_en="Final record vote on the Convention concerning heat at work"))

    log_in(page, live_server, "delegate-fr")
    page.goto(f"{live_server.url}/votes/{v.pk}/ballot/")
    page.check("#choice-1-abstain")
    page.click("#ballot-panel button[type=submit]")

    # A page of its own: the question, what will be recorded, on whose behalf.
    assert page.locator("h1").inner_text() == "Cast this vote?"
    facts = dict(zip(page.locator("dl.facts dt").all_inner_texts(),
                     page.locator("dl.facts dd").all_inner_texts(), strict=True))
    assert facts == {"Vote": "Final record vote on the Convention concerning heat at work",
                     "Your choice": "Abstain", "On behalf of": f"yourself, {voter.name}"}
    assert not Ballot.objects.exists()
    # Cancel goes back to the ballot, nothing recorded; the main action comes last.
    buttons = page.locator(".confirm-actions > a, .confirm-actions > button")
    assert buttons.all_inner_texts() == ["Cancel", "Cast the vote"]

    page.click("button[name=confirm]")
    message = page.locator("main > .messages").inner_text()
    ballot = Ballot.objects.get(vote=v, voter=voter)
    local = ballot.cast_at.astimezone(v.session.zone)
    assert message == (f"Your vote was recorded at {local:%-d %B %Y %H:%M} "
                       f"({v.session.time_zone}).")
    assert ballot.choice == "abstain"
