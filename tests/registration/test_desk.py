"""The desk's pages: finding people, confirming identity, printing badges."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import PersonFactory, SessionFactory, user_with_role
from tests.registration.factories import delegation, hand_registration, nomination, registration
from tripartite.accounts.models import Role
from tripartite.common.models import ActionLogEntry
from tripartite.jobs.models import Job
from tripartite.registration.models import Badge, Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client):
    client.force_login(user_with_role(Role.REGISTRATION_DESK))
    return client


@pytest.fixture
def session():
    return SessionFactory()


def names(response):
    return [reg.person.name for reg in response.context["results"]]


def search(client, session, **params):
    return client.get(reverse("registration:desk_session", kwargs={"session_pk": session.pk}),
                      params)


def test_search_by_name_in_its_script_its_latin_form_or_without_accents(desk, session):
    registration(session, "GR", person=PersonFactory(name="Ηλίας Παπαδόπουλος",
                                                      name_latin="Ilías Papadópoulos"))
    registration(session, "FR", person=PersonFactory(name="Hélène Dupré"))
    registration(session, "CN", person=PersonFactory(name="王小明", name_latin="Wang Xiaoming"))
    registration(person=PersonFactory(name="Hélène Autre"))  # another session

    assert names(search(desk, session, q="Παπαδόπουλος")) == ["Ηλίας Παπαδόπουλος"]
    assert names(search(desk, session, q="παπαδοπουλος")) == ["Ηλίας Παπαδόπουλος"]
    assert names(search(desk, session, q="ilias papadopoulos")) == ["Ηλίας Παπαδόπουλος"]
    assert names(search(desk, session, q="helene")) == ["Hélène Dupré"]
    assert names(search(desk, session, q="DUPRE hél")) == ["Hélène Dupré"]
    assert names(search(desk, session, q="小明")) == ["王小明"]
    assert names(search(desk, session, q="nobody")) == []


def test_search_by_delegation_and_by_badge_number(desk, session):
    french = registration(session, "FR")
    registration(session, "DE")
    from tripartite.registration.services.desk import badges_print

    [badge] = badges_print(actor=user_with_role(Role.SECRETARIAT), session=session,
                           registrations=[french])

    assert names(search(desk, session, state="FR")) == [french.person.name]
    assert names(search(desk, session, q=str(badge.number))) == [french.person.name]
    assert names(search(desk, session, q="999")) == []


def test_the_search_answers_htmx_with_the_results_only(desk, session):
    registration(session, "FR", person=PersonFactory(name="Amal Haddad"))
    response = search(desk, session, q="amal")
    full = response.content.decode()
    partial = desk.get(reverse("registration:desk_session", kwargs={"session_pk": session.pk}),
                       {"q": "amal"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Amal Haddad" in partial and "<html" not in partial and "<html" in full


def test_the_live_search_announces_its_count_in_a_status_region(desk, session):
    registration(session, "FR", person=PersonFactory(name="Amal Haddad"))
    registration(session, "FR", person=PersonFactory(name="Amal Nasser"))
    url = reverse("registration:desk_session", kwargs={"session_pk": session.pk})
    full = desk.get(url, {"q": "amal"}).content.decode()
    assert ('<p id="results-status" role="status" class="muted small">2 participants found</p>'
            in full)
    partial = desk.get(url, {"q": "nasser"}, HTTP_HX_REQUEST="true").content.decode()
    # Only the region's text is swapped (out of band), so the region itself stays and speaks.
    assert partial.startswith(
        '<p id="results-status" hx-swap-oob="innerHTML">1 participant found</p>')


def test_confirming_identity_from_the_persons_page(desk, session):
    reg = registration(session)
    page = desk.get(reverse("registration:desk_registration", kwargs={"pk": reg.pk}))
    assert page.status_code == 200
    assert reg.person.name in page.content.decode()

    desk.post(reverse("registration:desk_confirm", kwargs={"pk": reg.pk}))

    reg.refresh_from_db()
    assert reg.registered_at is not None
    assert ActionLogEntry.objects.filter(action="registration.identity.confirmed").exists()
    again = desk.get(reverse("registration:desk_registration", kwargs={"pk": reg.pk}))
    assert "Confirmed on" in again.content.decode()
    assert "Identity checked: register" not in again.content.decode()


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content))
                     .pages)


def test_printing_a_badge_answers_its_pdf_and_reprinting_revokes_the_old(desk, session):
    reg = registration(session, "FR", person=PersonFactory(name="Camille Morel"))

    first = desk.post(reverse("registration:desk_print", kwargs={"pk": reg.pk}))
    question = desk.post(reverse("registration:desk_print", kwargs={"pk": reg.pk}))
    number = Badge.objects.get(registration=reg).number
    assert f"Badge No {number} stops working at the doors" in question.content.decode()
    assert Badge.objects.filter(registration=reg).count() == 1  # asking prints nothing
    second = desk.post(reverse("registration:desk_print", kwargs={"pk": reg.pk}),
                       {"confirm": "yes"})

    assert "Camille Morel" in pdf_text(first) and "France" in pdf_text(second)
    old, new = Badge.objects.filter(registration=reg).order_by("number")
    assert old.revoked_reason == "reprinted" and new.revoked_at is None
    assert ActionLogEntry.objects.filter(action="registration.badge.printed").count() == 2


def job_file_of(client, response) -> bytes:
    """The file of the job a batch's form queued (its page is where the form led)."""
    assert response.status_code == 302 and response["Location"].startswith("/downloads/")
    job = Job.objects.get(pk=int(response["Location"].split("/")[2]))
    download = client.get(reverse("jobs:job_file", kwargs={"pk": job.pk}))
    assert download.status_code == 200, job.problem
    return b"".join(download.streaming_content)


def test_printing_a_delegation_and_every_badge_not_yet_printed(desk, session, run_jobs):
    french = [registration(session, "FR") for _ in range(2)]
    german = registration(session, "DE")
    observer = hand_registration(session)

    queued = desk.post(reverse("registration:desk_print_delegation",
                               kwargs={"session_pk": session.pk, "iso2": "FR"}))
    assert not Badge.objects.exists()  # the worker prints them
    assert run_jobs() == 1
    assert len(PdfReader(io.BytesIO(job_file_of(desk, queued))).pages) == 2
    assert {b.registration_id for b in Badge.objects.all()} == {r.pk for r in french}

    rest = desk.post(reverse("registration:desk_print_unprinted",
                             kwargs={"session_pk": session.pk}))
    assert run_jobs() == 1
    assert len(PdfReader(io.BytesIO(job_file_of(desk, rest))).pages) == 2
    assert {b.registration_id for b in Badge.objects.filter(number__gt=2)} == {
        german.pk, observer.pk}

    nothing = desk.post(reverse("registration:desk_print_unprinted",
                                kwargs={"session_pk": session.pk}), follow=True)
    assert "There is no badge to print." in nothing.content.decode()
    assert Badge.objects.count() == 4


def test_bringing_in_the_credentials_and_adding_by_hand(desk, session):
    nomination(delegation(session, "FR"))
    nomination(delegation(session, "KE"), group="workers")

    response = desk.post(reverse("registration:desk_registrations_create",
                                 kwargs={"session_pk": session.pk}), follow=True)
    assert "2 created" in response.content.decode()

    added = desk.post(reverse("registration:desk_add", kwargs={"session_pk": session.pk}),
                      {"name": "Jean Reporter", "gender": "m", "category": "press",
                       "role_label": "Journalist", "affiliation": "Agence"})
    reg = Registration.objects.get(person__name="Jean Reporter")
    assert added.status_code == 302 and reg.category == "press"

    refused = desk.post(reverse("registration:desk_add", kwargs={"session_pk": session.pk}),
                        {"name": "X", "gender": "m", "category": "government"})
    assert refused.status_code == 200 and refused.context["form"].errors
    assert Registration.objects.filter(session=session).count() == 3


def test_a_focal_point_and_a_delegate_never_reach_the_desk(client, session):
    reg = registration(session, "FR")
    for role in (Role.FOCAL_POINT, Role.DELEGATE, Role.CHECKIN_STAFF):
        client.force_login(user_with_role(role, person=None))
        assert client.get(reverse("registration:desk_registration",
                                  kwargs={"pk": reg.pk})).status_code == 403
        assert client.post(reverse("registration:desk_print",
                                   kwargs={"pk": reg.pk})).status_code == 403
    assert not Badge.objects.exists()


def test_a_participant_sees_their_own_registrations_on_the_photos_page(client, session):
    reg = registration(session, "FR")
    registration(session, "FR")
    client.force_login(user_with_role(Role.DELEGATE, person=reg.person))
    page = client.get(reverse("registration:photo_index"))
    assert list(page.context["registrations"]) == [reg]
    assert client.get(reverse("registration:photo_upload", kwargs={"pk": reg.pk})) \
        .status_code == 200


def test_the_nav_shows_the_desk_to_the_desk_only(client, session):
    client.force_login(user_with_role(Role.REGISTRATION_DESK))
    assert reverse("registration:desk_index") in client.get("/").content.decode()
    client.force_login(user_with_role(Role.OBSERVER))
    assert reverse("registration:desk_index") not in client.get("/").content.decode()


def test_revoking_a_badge_from_the_persons_page(desk, session):
    reg = registration(session)
    from tripartite.registration.services.desk import badges_print

    [badge] = badges_print(actor=user_with_role(Role.SECRETARIAT), session=session,
                           registrations=[reg])
    reg.nomination.withdrawn_in_amendment = 1
    reg.nomination.save()
    page = desk.get(reverse("registration:desk_registration", kwargs={"pk": reg.pk}))
    assert "no longer accredited" in page.content.decode()

    empty = desk.post(reverse("registration:desk_revoke", kwargs={"pk": badge.pk}),
                      {"reason": " "}, follow=True)
    assert "Say why the badge is revoked." in empty.content.decode()
    desk.post(reverse("registration:desk_revoke", kwargs={"pk": badge.pk}),
              {"reason": "No longer accredited"})
    badge.refresh_from_db()
    assert badge.revoked_reason == "No longer accredited" and badge.revoked_at is not None


@pytest.mark.parametrize(("language", "said"), [("fr", "révoqué (réimprimé)"),
                                                ("es", "revocada (reimpresa)")])
def test_a_reprinted_badge_is_said_so_in_the_readers_language(client, session, language,
                                                              said):
    """"reprinted" is kept as a code and agrees with the word for a badge (msgctxt)."""
    reg = registration(session, "FR", person=PersonFactory(name="Camille Morel"))
    user = user_with_role(Role.REGISTRATION_DESK, language=language)
    client.force_login(user)
    client.cookies["tripartite_language"] = language
    url = reverse("registration:desk_print", kwargs={"pk": reg.pk})
    client.post(url)
    client.post(url, {"confirm": "yes"})
    page = client.get(reverse("registration:desk_registration", kwargs={"pk": reg.pk}))
    text = page.content.decode()
    assert said in text and "reprinted" not in text


def test_the_persons_page_shows_the_role_and_state_as_the_badge_prints_them(desk, session):
    session.working_languages = ["es"]
    session.save(update_fields=["working_languages"])
    reg = registration(session, "FR", role="adviser",
                       person=PersonFactory(name="Camille Morel", gender="f"))
    page = desk.get(reverse("registration:desk_registration", kwargs={"pk": reg.pk}))
    text = page.content.decode()
    assert '<dd lang="es">Consejera técnica</dd>' in text and '<dd lang="es">Francia</dd>' in text
