"""At the desk, in the browser: find a person by typing part of their name (results come as
you type), confirm their identity, and upload a photo with its preview."""


import pytest

from tests.browser.test_journeys import log_in
from tests.factories import PersonFactory, SessionFactory, user_with_role
from tests.registration.factories import image_bytes, registration
from tripartite.accounts.models import Role
from tripartite.registration.models import Registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_desk_finds_registers_and_adds_a_photo(page, live_server, tmp_path):
    session = SessionFactory()
    reg = registration(session, "GR", person=PersonFactory(name="Ηλίας Παπαδόπουλος",
                                                           name_latin="Ilías Papadópoulos"))
    registration(session, "FR", person=PersonFactory(name="Hélène Dupré"))
    desk = user_with_role(Role.REGISTRATION_DESK)
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))

    log_in(page, live_server, desk.username)
    page.click("nav.mainnav >> text=Registration desk")
    page.click(f"text={session.title}")
    page.type("#id_q", "papadop", delay=30)  # no Enter: the results come as one types
    page.wait_for_selector("#results >> text=Ηλίας Παπαδόπουλος")
    assert "Hélène" not in page.inner_text("#results")

    page.click("#results >> text=Ηλίας Παπαδόπουλος")
    page.click("text=Identity checked: register")
    page.wait_for_selector("text=Identity of")
    reg.refresh_from_db()
    assert reg.registered_at is not None and reg.registered_by == desk

    photo = tmp_path / "photo.jpg"
    photo.write_bytes(image_bytes((900, 1200)))
    page.click("text=Add a photo")
    page.set_input_files("#id_photo", str(photo))
    page.click("text=See the crop")
    page.wait_for_selector("img[src^='data:image/jpeg']")
    assert not Registration.objects.get(pk=reg.pk).photo  # nothing kept before confirming
    page.click("text=Keep this photo")
    page.wait_for_selector("text=is kept for the badge")
    assert Registration.objects.get(pk=reg.pk).photo
    assert problems == []
