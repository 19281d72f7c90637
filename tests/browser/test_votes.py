"""A delegate votes on their own device; the secretariat closes the vote and reads the
result sheet."""


import pytest

from tests.votes.factories import plenary, vote
from tripartite.accounts.models import Role, User
from tripartite.votes import services
from tripartite.votes.models import Ballot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "secret-pass-123"


def _user(username, role, person=None) -> User:
    user = User(username=username, role=role, person=person)
    user.set_password(PASSWORD)
    user.save()
    return user


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{live_server.url}/")


def log_out(page):
    page.click("form[action$='/logout/'] button")
    page.wait_for_load_state()


def test_a_delegate_votes_and_the_secretariat_closes_and_reads_the_result_sheet(
        page, live_server):
    item, delegates = plenary(("FR", "DE"))
    staff = _user("officer", Role.SECRETARIAT)
    first = delegates["FR"][0]
    _user("delegate-fr", Role.DELEGATE, person=first.person)
    v = services.vote_open(actor=staff, vote=vote(item, subject_en="Final record vote on "
                                                  "the Convention concerning heat at work"))
    for nomination in delegates["DE"]:
        services.roll_call_enter(actor=staff, vote=v, voter=nomination.person, choice="no")

    log_in(page, live_server, "delegate-fr")
    page.click("nav.mainnav >> text=Vote now")
    page.click(f"a[href='/votes/{v.pk}/ballot/']")
    # Choosing is not casting: the choice can still change until the vote is cast.
    page.check("#choice-1-no")
    page.check("#choice-1-yes")
    assert not Ballot.objects.filter(vote=v, voter=first.person).exists()
    page.evaluate("document.getElementById('ballot-panel').dataset.kept = 'yes'")
    page.click("#ballot-panel button[type=submit]")
    # First the question: what will be recorded, for whom; nothing is recorded yet.
    page.wait_for_selector("#confirm-title")
    assert "Yes" in page.locator("#ballot-panel dl").inner_text()
    assert not Ballot.objects.filter(vote=v, voter=first.person).exists()
    page.click("#ballot-panel button[name=confirm]")
    page.wait_for_selector("[data-voted=true]")
    recorded = page.locator("#ballot-panel .voted").inner_text()
    assert recorded.startswith("Your vote was recorded at ") and recorded.endswith(": Yes.")
    # The live region was updated, not replaced, and the focus is on the row's heading.
    assert page.get_attribute("#ballot-panel", "data-kept") == "yes"
    assert page.evaluate("document.activeElement.id") == "ballot-row-1"
    assert Ballot.objects.get(vote=v, voter=first.person).choice == "yes"
    log_out(page)

    log_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/votes/sessions/{item.session_id}/")
    page.click(f"a[href='/votes/{v.pk}/manage/']")
    assert "5 ballots received so far." in page.locator("main").inner_text()
    page.click("button[value=close]")
    page.click("button[name=confirm]")
    page.wait_for_selector("[data-outcome]")
    assert page.locator("[data-outcome]").inner_text() == "Rejected"
    page.click("button[value=publish]")
    page.click("button[name=confirm]")
    page.wait_for_load_state()
    page.click("text=Results page")
    sheet = page.locator("table.results-sheet")
    sheet.wait_for()  # the results page has come (all_inner_texts does not wait for it)
    assert sheet.locator("th[scope=rowgroup]").all_inner_texts() == ["France", "Germany"]
    assert sheet.locator("td[data-choice=yes]").count() == 1
    assert sheet.locator("td[data-choice=no]").count() == 4
    assert first.person.name in sheet.inner_text()
    text = page.locator("main").inner_text()
    assert "Votes cast: 1 for + 4 against = 5; a simple majority requires 3 votes for" in text
    assert "(ILC-2: Constitution art. 17(2); ILC Standing Orders (2008) art. 21)" in text
