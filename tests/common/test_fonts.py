"""Fonts for the scripts of the data: `tripartite check` (tripartite.W009) and the pages that
make PDFs say plainly which are missing, naming the Debian package, instead of the PDF
printing empty boxes. The font lookup is replaced by "missing" (the machine has them)."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from tests.factories import PersonFactory, SessionFactory, user_with_role
from tests.registration.factories import registration
from tripartite.accounts.models import Role
from tripartite.common import checks, fonts

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_fonts(monkeypatch):
    monkeypatch.setattr(fonts, "font_installed", lambda family: False)


def test_the_scripts_of_names_are_recognised():
    found = fonts.scripts_in(["Hélène Dupré", "محمد علي", "王小明", "አበበ ቢቂላ", "Ηλίας",
                              "नरेंद्र", "דוד", "สมชาย"])
    assert [script.key for script in found] == [
        "cjk", "arabic", "hebrew", "devanagari", "thai", "ethiopic"]
    assert fonts.scripts_in(["Hélène Dupré", "Ηλίας Παπαδόπουλος", "Иван Петров"]) == []


def test_check_names_the_missing_fonts_and_their_debian_package(no_fonts):
    PersonFactory(name="محمد علي", name_latin="Mohamed Ali")
    PersonFactory(name="王小明", name_latin="Wang Xiaoming")
    [warning] = checks.fonts_for_the_data(None)
    assert warning.id == "tripartite.W009"
    errors = io.StringIO()
    call_command("check", stderr=errors, stdout=io.StringIO())
    text = errors.getvalue()
    assert "tripartite.W009" in text
    assert "Chinese, Japanese or Korean, Arabic script" in text
    assert "apt-get install fonts-noto-cjk fonts-noto-core" in text


def test_check_is_quiet_when_the_fonts_are_there_or_no_name_needs_them(monkeypatch):
    PersonFactory(name="Hélène Dupré")
    monkeypatch.setattr(fonts, "font_installed", lambda family: False)
    assert checks.fonts_for_the_data(None) == []  # Latin only
    PersonFactory(name="አበበ ቢቂላ", name_latin="Abebe Bikila")
    monkeypatch.setattr(fonts, "font_installed", lambda family: True)
    assert checks.fonts_for_the_data(None) == []


def french(client, user):
    user.language = "fr"
    user.save(update_fields=["language"])
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"


def test_the_badge_desk_warns_in_the_readers_language(client, no_fonts):
    session = SessionFactory()
    registration(session, "ET", person=PersonFactory(name="አበበ ቢቂላ", name_latin="Abebe"))
    french(client, user_with_role(Role.REGISTRATION_DESK))
    html = client.get(reverse("registration:desk_session",
                              kwargs={"session_pk": session.pk})).content.decode()
    assert "écrits en éthiopien" in html and "fonts-noto-core" in html


def test_the_desk_says_nothing_when_the_fonts_are_installed(client, monkeypatch):
    monkeypatch.setattr(fonts, "font_installed", lambda family: True)
    session = SessionFactory()
    registration(session, "ET", person=PersonFactory(name="አበበ ቢቂላ", name_latin="Abebe"))
    client.force_login(user_with_role(Role.REGISTRATION_DESK))
    html = client.get(reverse("registration:desk_session",
                              kwargs={"session_pk": session.pk})).content.decode()
    assert "fonts-noto" not in html


def test_the_list_of_delegations_and_its_pdf_page_warn(client, no_fonts):
    from tests.delegations.test_lists import delegation_of

    session = SessionFactory()
    secretariat = user_with_role(Role.SECRETARIAT)
    delegation_of(session, secretariat, "CN", [("government", "delegate", "王小明",
                                                 "Wang Xiaoming")])
    french(client, secretariat)
    for name in ("delegations:list_current", "delegations:list_current_pdf"):
        html = client.get(reverse(name, kwargs={"session_pk": session.pk})).content.decode()
        assert "chinois, japonais ou coréen" in html and "fonts-noto-cjk" in html, name
