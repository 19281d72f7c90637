"""The focal point's portal, through the pages: nominate, upload the letter, submit, amend,
answer a query; another State's focal point is refused everywhere."""

import datetime as dt
import hashlib
import io

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    GENEVA,
    AgendaItemFactory,
    MeetingFactory,
    OrganisationFactory,
    SessionFactory,
    state,
    user_with_role,
)
from tests.matrix_writes import CONFIRMED
from tripartite.accounts.models import Role
from tripartite.common.models import ActionLogEntry
from tripartite.delegations.models import (
    CredentialLetter,
    Delegation,
    DelegationStatus,
    Nomination,
)
from tripartite.delegations.services import uploads
from tripartite.delegations.services.credentials import arrears_set, delegation_query_send
from tripartite.delegations.services.nominations import (
    delegation_open,
    delegation_submit,
    nomination_add,
    nomination_withdraw,
)
from tripartite.delegations.services.uploads import credentials_letter_upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def session():
    session = SessionFactory(opens_at=dt.datetime(2027, 6, 7, 10, 0, tzinfo=GENEVA),
                             closes_at=dt.datetime(2027, 6, 18, 18, 0, tzinfo=GENEVA))
    AgendaItemFactory(session=session, number="I", technical=False, title_en="Reports")
    AgendaItemFactory(session=session, number="IV", technical=True, title_en="Platform work")
    AgendaItemFactory(session=session, number="V", technical=True, title_en="Biological hazards")
    return session


@pytest.fixture
def focal():
    return user_with_role(Role.FOCAL_POINT)  # France


@pytest.fixture
def german_focal():
    return user_with_role(Role.FOCAL_POINT, member_state=state("DE"))


@pytest.fixture
def focal_client(client, focal):
    client.force_login(focal)
    return client


def page_url(session, iso2="FR", name="portal_delegation"):
    return reverse(f"delegations:{name}", kwargs={"session_pk": session.pk, "iso2": iso2})


def nominate(delegation, actor, group, role="delegate", name=None, gender="f", **kwargs):
    return nomination_add(actor=actor, delegation=delegation, group=group, role=role,
                          name=name or f"{group} {role} {gender}", gender=gender,
                          **kwargs)


def french_delegation(session, focal):
    return delegation_open(actor=focal, member_state=state("FR"), session=session)


def pdf_bytes(password=None):
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def upload(client, session, content, name="credentials.pdf", iso2="FR"):
    return client.post(page_url(session, iso2, "portal_letter_upload"), {
        "letter-file": SimpleUploadedFile(name, content, content_type="application/pdf")})


# --- My delegations ----------------------------------------------------------------------

def test_the_portal_lists_the_sessions_open_for_delegations_with_the_status(
        focal_client, focal, session):
    regional = SessionFactory(meeting=MeetingFactory(type="regional", title_en="APRM"),
                              title_en="18th Asia and the Pacific Regional Meeting",
                              opens_at=dt.datetime(2027, 12, 1, 10, tzinfo=GENEVA),
                              closes_at=dt.datetime(2027, 12, 4, 18, tzinfo=GENEVA))
    governing_body = SessionFactory(meeting=MeetingFactory(type="gb", title_en="GB"),
                                    title_en="357th Session of the Governing Body",
                                    opens_at=dt.datetime(2027, 3, 1, 10, tzinfo=GENEVA),
                                    closes_at=dt.datetime(2027, 3, 12, 18, tzinfo=GENEVA))
    past = SessionFactory(title_en="113th Session of the Conference")  # June 2026: closed
    delegation = french_delegation(session, focal)
    nominate(delegation, focal, "government", name="Marie Curie")
    delegation_submit(actor=focal, delegation=delegation)

    response = focal_client.get(reverse("delegations:portal"))

    assert response.status_code == 200
    upcoming = response.context["upcoming"]
    assert [row.session for row in upcoming] == [session, regional]
    assert upcoming[0].delegation.status == DelegationStatus.RECEIVED
    assert upcoming[0].delegation.nomination_count == 1
    assert upcoming[0].deadline == dt.date(2027, 5, 17)  # 21 days before 7 June 2027
    assert upcoming[1].delegation is None
    assert [row.session for row in response.context["past"]] == [past]
    html = response.content.decode()
    assert session.title in html and "Received" in html
    assert governing_body.title not in html
    assert page_url(session) in html


def test_the_secretariat_chooses_a_state_in_the_portal(client, session):
    client.force_login(user_with_role(Role.SECRETARIAT))
    assert client.get(reverse("delegations:portal")).context["member_state"] is None
    response = client.get(reverse("delegations:portal"), {"state": "DE"})
    assert response.context["member_state"] == state("DE")
    assert page_url(session, "DE") in response.content.decode()


# --- Nominating through the form ---------------------------------------------------------

def test_a_focal_point_nominates_through_the_form(focal_client, session):
    employers = OrganisationFactory(member_state=state("FR"), kind="employers",
                                    name="Mouvement des entreprises de France", acronym="MEDEF")
    assert focal_client.get(page_url(session)).status_code == 200

    response = focal_client.post(page_url(session), {
        "group": "employers", "role": "delegate", "title": "Mr", "name": "Patrick Martin",
        "name_latin": "", "gender": "m", "function": "President", "email": "pm@example.org",
        "organisation": employers.pk})
    assert response.status_code == 302
    delegation = Delegation.objects.get(member_state=state("FR"), session=session)
    delegate = Nomination.objects.get(delegation=delegation)
    assert (delegate.group, delegate.role, delegate.organisation) == ("employers", "delegate",
                                                                      employers)
    assert (delegate.person.name, delegate.person.name_latin, delegate.person.gender,
            delegate.person.function) == ("Patrick Martin", "Patrick Martin", "m", "President")

    items = {item.number: item for item in session.agenda_items.all()}
    response = focal_client.post(page_url(session), {
        "group": "employers", "role": "adviser", "name": "Анна Петрова",
        "name_latin": "Anna Petrova", "gender": "f", "organisation": employers.pk,
        "adviser_to": delegate.pk, "agenda_items": [items["IV"].pk, items["V"].pk]})
    assert response.status_code == 302
    adviser = Nomination.objects.get(delegation=delegation, role="adviser")
    assert adviser.adviser_to == delegate
    assert sorted(i.number for i in adviser.agenda_items.all()) == ["IV", "V"]

    page = focal_client.get(page_url(session)).content.decode()
    assert '<span dir="auto">Анна Петрова</span>' in page
    assert "Anna Petrova" in page and "IV, V" in page


def test_the_form_refuses_another_states_or_another_groups_organisation(focal_client,
                                                                        session):
    german = OrganisationFactory(member_state=state("DE"), kind="employers")
    workers = OrganisationFactory(member_state=state("FR"), kind="workers", name="CGT",
                                  acronym="CGT")
    focal_client.get(page_url(session))
    response = focal_client.post(page_url(session), {
        "group": "employers", "role": "delegate", "name": "A", "gender": "f",
        "organisation": german.pk})
    assert response.status_code == 200
    assert list(response.context["nomination_form"].errors) == ["organisation"]
    response = focal_client.post(page_url(session), {
        "group": "employers", "role": "delegate", "name": "A", "gender": "f",
        "organisation": workers.pk})
    assert "organisation" in response.context["nomination_form"].errors
    assert Nomination.objects.count() == 0


def test_a_focal_point_nominates_an_additional_adviser_for_a_territory(focal_client, focal,
                                                                      session):
    delegate = nominate(french_delegation(session, focal), focal, "government")
    item = session.agenda_items.get(number="IV")
    response = focal_client.post(page_url(session), {
        "group": "government", "role": "territory_adviser", "represents": "  New  Caledonia ",
        "name": "Paul Néaoutyine", "gender": "m", "adviser_to": delegate.pk,
        "agenda_items": [item.pk]})
    assert response.status_code == 302
    adviser = Nomination.objects.get(role="territory_adviser")
    assert (adviser.represents, adviser.adviser_to) == ("New Caledonia", delegate)
    entry = ActionLogEntry.objects.filter(action="delegations.nomination.added").order_by(
        "id").last()
    assert entry.data["represents"] == "New Caledonia"
    page = focal_client.get(page_url(session)).content.decode()
    assert "Additional adviser for a non-metropolitan territory" in page
    assert "New Caledonia" in page
    assert (f"Additional adviser {adviser.pk} for New Caledonia: not counted against the "
            "limit of advisers.") in page


def test_the_form_asks_what_a_representative_represents_and_only_them(focal_client,
                                                                     session):
    focal_client.get(page_url(session))
    response = focal_client.post(page_url(session), {
        "group": "government", "role": "state_representative", "name": "A", "gender": "f"})
    assert response.context["nomination_form"].errors["represents"] == [
        "Name the territory, State or province this person represents."]
    response = focal_client.post(page_url(session), {
        "group": "government", "role": "delegate", "represents": "Bavaria", "name": "A",
        "gender": "f"})
    assert response.context["nomination_form"].errors["represents"] == [
        "Leave this empty: only an additional adviser for a territory or a representative of "
        "a State or province says what they represent."]
    assert Nomination.objects.count() == 0


def test_the_service_refuses_a_territory_adviser_without_a_territory(focal, session):
    from tripartite.common.services import ServiceError

    with pytest.raises(ServiceError) as refused:
        nominate(french_delegation(session, focal), focal, "government",
                 role="territory_adviser")
    assert (refused.value.field, refused.value.message) == (
        "represents", "Name the non-metropolitan territory the additional adviser represents "
                      "or advises on (Constitution art. 3(3)).")
    assert Nomination.objects.count() == 0


def test_the_same_person_twice_is_refused_by_the_form(focal_client, focal, session):
    nominate(french_delegation(session, focal), focal, "government", name="Marie Curie")
    response = focal_client.post(page_url(session), {
        "group": "government", "role": "adviser", "name": " marie  CURIE ", "gender": "f"})
    assert response.context["nomination_form"].errors["name"] == [
        "marie  CURIE is already in this delegation."]
    assert Nomination.objects.count() == 1


def test_the_page_shows_the_findings_with_their_provision_and_who_may_vote(
        focal_client, focal, session):
    delegation = french_delegation(session, focal)
    nominate(delegation, focal, "government", name="Marie Curie")
    nominate(delegation, focal, "government", name="Jean Jaurès", gender="m")
    nominate(delegation, focal, "employers", name="Patrick Martin", gender="m")

    response = focal_client.get(page_url(session))

    html = response.content.decode()
    assert "Constitution art. 4(2)" in html
    assert ("Incomplete delegation: no Workers&#x27; delegate is nominated, so the Employers&#x27;"
            " delegate may sit and speak but may not vote.") in html
    votes = {row.nomination.person.name: row.votes for row in response.context["delegates"]}
    assert votes == {"Marie Curie": True, "Jean Jaurès": True, "Patrick Martin": False}
    lone = next(r for r in response.context["delegates"] if not r.votes)
    assert [reason["provision"] for reason in lone.reasons] == ["Constitution art. 4(2)"]
    assert response.context["votes"].government == 2
    assert response.context["votes"].employers == 0

    focal.language = "fr"
    focal.save()
    focal_client.cookies["tripartite_language"] = "fr"
    html = focal_client.get(page_url(session)).content.decode()
    assert "Délégation incomplète" in html


def test_arrears_take_the_government_votes_and_the_page_says_why(focal_client, focal,
                                                                 session):
    delegation = french_delegation(session, focal)
    for group in ("government", "employers", "workers"):
        nominate(delegation, focal, group, name=f"{group} delegate")
    arrears_set(actor=user_with_role(Role.SECRETARIAT), member_state=state("FR"),
                session=session, in_arrears=True)
    rows = {row.nomination.group: row for row in
            focal_client.get(page_url(session)).context["delegates"]}
    assert {group: row.votes for group, row in rows.items()} == {
        "government": False, "employers": True, "workers": True}
    assert [r["provision"] for r in rows["government"].reasons] == ["Constitution art. 13(4)"]


def test_the_deadline_is_21_days_before_the_opening_unless_the_session_sets_one(
        focal_client, session):
    from tripartite.delegations.models import CredentialsSettings

    assert focal_client.get(page_url(session)).context["deadline"] == dt.date(2027, 5, 17)
    CredentialsSettings.objects.create(session=session, deadline=dt.date(2027, 5, 1))
    assert focal_client.get(page_url(session)).context["deadline"] == dt.date(2027, 5, 1)


def test_a_session_that_is_not_a_conference_or_regional_meeting_has_no_portal(
        focal_client):
    governing_body = SessionFactory(meeting=MeetingFactory(type="gb"))
    assert focal_client.get(page_url(governing_body)).status_code == 404


# --- Withdrawals, submission and amendments ----------------------------------------------

def test_submitting_asks_first_and_the_question_writes_nothing(focal_client, focal, session):
    delegation = french_delegation(session, focal)
    nominate(delegation, focal, "government", name="Marie Curie")
    delegation.refresh_from_db()
    seen = delegation.updated_at.isoformat()
    logged = ActionLogEntry.objects.count()

    question = focal_client.post(page_url(session, name="portal_submit"),
                                 {"seen_updated_at": seen})

    html = question.content.decode()
    assert question.status_code == 200
    assert question.templates[0].name == "common/confirm.html"
    assert "Submit the credentials of France to the Office?" in html
    assert "<dt>Persons nominated</dt><dd>1</dd>" in html
    assert "<dt>On behalf of</dt><dd>the Government of France</dd>" in html
    assert f'<input type="hidden" name="seen_updated_at" value="{seen}">' in html
    assert '<button type="submit" name="confirm" value="yes" class="primary">' in html
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.NOT_RECEIVED
    assert ActionLogEntry.objects.count() == logged

    focal_client.post(page_url(session, name="portal_submit"),
                      {"seen_updated_at": seen, "confirm": "yes"})
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.RECEIVED


def test_the_submission_question_opens_no_delegation(focal_client, session):
    focal_client.post(page_url(session, name="portal_submit"))
    assert not Delegation.objects.exists()


def test_withdrawing_before_submission_removes_the_person(focal_client, focal, session):
    nomination = nominate(french_delegation(session, focal), focal, "government")
    response = focal_client.post(reverse("delegations:portal_withdraw",
                                         kwargs={"pk": nomination.pk}), CONFIRMED)
    assert response.status_code == 302
    assert not Nomination.objects.filter(pk=nomination.pk).exists()


def test_submit_then_amend_with_markers_on_the_page(focal_client, focal, session):
    delegation = french_delegation(session, focal)
    first = nominate(delegation, focal, "government", name="Marie Curie")
    delegation.refresh_from_db()
    response = focal_client.post(page_url(session, name="portal_submit"),
                                 {"seen_updated_at": delegation.updated_at.isoformat(),
                                  **CONFIRMED})
    assert response.status_code == 302
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.RECEIVED and delegation.submitted
    page = focal_client.get(page_url(session))
    assert page.context["delegation"].get_status_display() == "Received"
    assert '<strong id="delegation-status">Received</strong>' in page.content.decode()

    nominate(delegation, focal, "workers", name="Louise Michel")
    focal_client.post(reverse("delegations:portal_withdraw", kwargs={"pk": first.pk}),
                      CONFIRMED)
    html = focal_client.get(page_url(session)).content.decode()
    assert "added — not yet submitted" in html
    assert "withdrawn — not yet submitted" in html
    assert "<del dir=\"auto\">Marie Curie</del>" in html
    assert "Submit amendment 1" in html

    delegation.refresh_from_db()
    focal_client.post(page_url(session, name="portal_submit"),
                      {"seen_updated_at": delegation.updated_at.isoformat(), **CONFIRMED})
    delegation.refresh_from_db()
    assert delegation.amendment == 1
    html = focal_client.get(page_url(session)).content.decode()
    assert "added in amendment 1" in html and "withdrawn in amendment 1" in html
    assert "Submit amendment" not in html


def test_a_stale_submission_is_refused_with_a_message(focal_client, focal, session):
    delegation = french_delegation(session, focal)
    nominate(delegation, focal, "government")
    seen = Delegation.objects.get(pk=delegation.pk).updated_at
    nominate(delegation, focal, "workers")  # someone else changed it meanwhile
    response = focal_client.post(page_url(session, name="portal_submit"),
                                 {"seen_updated_at": seen.isoformat(), **CONFIRMED},
                                 follow=True)
    assert "changed by someone else" in response.content.decode()
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.NOT_RECEIVED


def test_an_empty_delegation_cannot_be_submitted(focal_client, session):
    focal_client.get(page_url(session))
    response = focal_client.post(page_url(session, name="portal_submit"), CONFIRMED,
                                 follow=True)
    assert "Nominate at least one person before submitting." in response.content.decode()
    assert Delegation.objects.get().status == DelegationStatus.NOT_RECEIVED


def test_the_focal_point_answers_a_query_from_the_office(focal_client, focal, session):
    delegation = french_delegation(session, focal)
    nominate(delegation, focal, "government")
    delegation_submit(actor=focal, delegation=delegation)
    query = delegation_query_send(actor=user_with_role(Role.SECRETARIAT),
                                  delegation=delegation,
                                  question="Which ministry does the delegate serve?")
    page = focal_client.get(page_url(session)).content.decode()
    assert "Which ministry does the delegate serve?" in page
    assert f'name="query{query.pk}-answer"' in page

    url = reverse("delegations:portal_answer", kwargs={"pk": query.pk})
    empty = focal_client.post(url, {f"query{query.pk}-answer": "  "})
    assert empty.status_code == 200
    response = focal_client.post(url, {f"query{query.pk}-answer": "The Ministry of Labour."})
    assert response.status_code == 302
    query.refresh_from_db()
    delegation.refresh_from_db()
    assert query.answer == "The Ministry of Labour." and query.answered_by == focal
    assert delegation.status == DelegationStatus.UNDER_REVIEW


# --- The credentials letter --------------------------------------------------------------

def test_a_real_pdf_is_kept_with_its_sha256_and_logged(focal_client, focal, session):
    content = pdf_bytes()
    response = upload(focal_client, session, content)
    assert response.status_code == 302
    letter = CredentialLetter.objects.get()
    assert letter.sha256 == hashlib.sha256(content).hexdigest()
    assert (letter.size, letter.original_name, letter.uploaded_by) == (
        len(content), "credentials.pdf", focal)
    entry = ActionLogEntry.objects.for_object(letter.delegation).get(
        action="delegations.credentials_letter.uploaded")
    assert entry.data["sha256"] == letter.sha256

    download = focal_client.get(page_url(session, name="portal_letter"))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == content


@pytest.mark.parametrize(("content", "message"), [
    (b"Dear Sir or Madam, please find our delegation below.\n", "This file is not a PDF."),
    (pdf_bytes(password="pw"), "This PDF is protected by a password."),
    (b"%PDF-1.7\nnot really a PDF at all\n", "cannot be read: it may be damaged"),
    (b"", "The submitted file is empty."),
], ids=["text renamed .pdf", "encrypted", "damaged", "empty"])
def test_a_letter_that_is_not_a_readable_pdf_is_refused(focal_client, session, content,
                                                        message):
    response = upload(focal_client, session, content)
    assert response.status_code == 200
    assert message in " ".join(response.context["letter_form"].errors["file"])
    assert CredentialLetter.objects.count() == 0
    assert not ActionLogEntry.objects.filter(
        action="delegations.credentials_letter.uploaded").exists()


def test_an_oversized_letter_is_refused(focal_client, session, monkeypatch):
    content = pdf_bytes()
    monkeypatch.setattr(uploads, "MAX_LETTER_SIZE", len(content) - 1)
    response = upload(focal_client, session, content)
    assert response.status_code == 200
    assert "the limit is" in response.context["letter_form"].errors["file"][0]
    assert CredentialLetter.objects.count() == 0


def test_the_letter_link_without_a_letter_returns_to_the_page(focal_client, session):
    response = focal_client.get(page_url(session, name="portal_letter"))
    assert response.status_code == 302
    assert response["Location"].startswith(page_url(session))


# --- Another State's focal point ---------------------------------------------------------

def test_a_focal_point_gets_403_on_another_states_delegation(client, focal, german_focal,
                                                             session):
    french = french_delegation(session, focal)
    nomination = nominate(french, focal, "government", name="Marie Curie")
    credentials_letter_upload(actor=focal, delegation=french,
                              uploaded_file=SimpleUploadedFile("l.pdf", pdf_bytes()))
    delegation_submit(actor=focal, delegation=french)
    query = delegation_query_send(actor=user_with_role(Role.SECRETARIAT),
                                  delegation=french, question="Which ministry?")
    german = delegation_open(actor=user_with_role(Role.SECRETARIAT),
                             member_state=state("DE"), session=session)
    before = (Nomination.objects.count(), CredentialLetter.objects.count(),
              ActionLogEntry.objects.count())

    client.force_login(german_focal)
    for name in ("portal_delegation", "portal_template", "portal_letter"):
        assert client.get(page_url(session, "FR", name)).status_code == 403, name
    posts = {
        page_url(session, "FR"): {"group": "government", "role": "delegate", "name": "X",
                                  "gender": "f"},
        page_url(session, "FR", "portal_submit"): CONFIRMED,
        page_url(session, "FR", "portal_letter_upload"): {
            "letter-file": SimpleUploadedFile("l.pdf", pdf_bytes())},
        page_url(session, "FR", "portal_import"): {},
        reverse("delegations:portal_withdraw", kwargs={"pk": nomination.pk}): CONFIRMED,
        reverse("delegations:portal_answer", kwargs={"pk": query.pk}): {
            f"query{query.pk}-answer": "Not mine"},
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code == 403, url
    assert (Nomination.objects.count(), CredentialLetter.objects.count(),
            ActionLogEntry.objects.count()) == before
    query.refresh_from_db()
    assert query.answer == ""
    # The portal lists only their own State; Germany's page is theirs.
    assert client.get(page_url(session, "DE")).status_code == 200
    assert client.get(reverse("delegations:portal"), {"state": "FR"}).context[
        "member_state"] == state("DE")

    client.force_login(focal)
    assert client.get(page_url(session, "DE")).status_code == 403
    assert client.post(page_url(session, "DE", "portal_submit")).status_code == 403
    german.refresh_from_db()
    assert german.status == DelegationStatus.NOT_RECEIVED


def test_a_reader_sees_the_delegation_without_forms_and_opens_nothing(client, session):
    client.force_login(user_with_role(Role.OBSERVER))
    response = client.get(page_url(session, "KE"))
    assert response.status_code == 200
    assert "nomination_form" not in response.context
    assert not Delegation.objects.exists()
    assert client.post(page_url(session, "KE"), {}).status_code == 403


# --- Query counts ------------------------------------------------------------------------

def test_the_delegation_page_does_not_grow_in_queries_with_the_nominations(
        focal_client, focal, session):
    delegation = french_delegation(session, focal)
    employers = OrganisationFactory(member_state=state("FR"), kind="employers")
    items = list(session.agenda_items.filter(technical=True))
    delegate = nominate(delegation, focal, "government", name="G1")
    nominate(delegation, focal, "government", role="adviser", name="A1",
             adviser_to=delegate, agenda_items=items)
    first_withdrawn = nominate(delegation, focal, "government", role="adviser", name="A0",
                               adviser_to=delegate, agenda_items=items[1:])
    delegation_submit(actor=focal, delegation=delegation)
    nomination_withdraw(actor=focal, nomination=first_withdrawn)
    delegation_query_send(actor=user_with_role(Role.SECRETARIAT),
                          delegation=delegation, question="Which ministry?")
    credentials_letter_upload(actor=focal, delegation=delegation,
                              uploaded_file=SimpleUploadedFile("l.pdf", pdf_bytes()))
    url = page_url(session)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert focal_client.get(url).status_code == 200
        return len(queries)

    at_two = count()
    nominate(delegation, focal, "employers", name="E1", organisation=employers)
    nominate(delegation, focal, "workers", name="W1")
    withdrawn = nominate(delegation, focal, "government", role="adviser", name="A2",
                         adviser_to=delegate, agenda_items=items[:1])
    nominate(delegation, focal, "government", role="adviser", name="A3",
             adviser_to=delegate)
    nominate(delegation, focal, "government", name="G2")
    nomination_withdraw(actor=focal, nomination=withdrawn)
    assert Nomination.objects.filter(withdrawn_in_amendment__isnull=True).count() == 6
    assert count() == at_two


def test_the_portal_page_does_not_grow_in_queries_with_the_sessions(focal_client, focal):
    def add_session(number):
        session = SessionFactory(number=str(number),
                                 opens_at=dt.datetime(2027, 6, number, 10, tzinfo=GENEVA),
                                 closes_at=dt.datetime(2027, 6, number + 1, 18, tzinfo=GENEVA))
        delegation = french_delegation(session, focal)
        nominate(delegation, focal, "government", name=f"G{number}")
        delegation_query_send(actor=user_with_role(Role.SECRETARIAT),
                              delegation=delegation, question="?")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert focal_client.get(reverse("delegations:portal")).status_code == 200
        return len(queries)

    add_session(1)
    at_one = count()
    add_session(3)
    add_session(5)
    assert count() == at_one
