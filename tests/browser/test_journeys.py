import pytest

from tests.factories import UserFactory
from tripartite.accounts.models import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username, password="secret-pass-123"):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{live_server.url}/")


def test_an_officer_logs_in_and_switches_to_french(page, live_server):
    user = UserFactory(role=Role.SECRETARIAT, first_name="Ana")
    log_in(page, live_server, user.username)
    assert page.locator("h1").inner_text() == "Welcome, Ana"
    page.click("button[name=language][value=fr]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Bienvenue, Ana"
    assert page.locator("html").get_attribute("lang") == "fr"
    page.click("nav.mainnav summary >> text=Relations")
    page.click("nav.mainnav >> text=États Membres")
    assert page.locator("h1").inner_text() == "États Membres"
    assert page.locator("h2").first.inner_text().startswith("Afrique")
    user.refresh_from_db()
    assert user.language == "fr"
