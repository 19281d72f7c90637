"""Decisions and their follow-up: recorded by the secretariat or at the Chair's console,
listed by due date, updated with a history; pages, API, query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import AgendaItemFactory, SessionFactory, user_with_role
from tests.sittings.factories import opened
from tripartite.accounts.models import Role
from tripartite.common.models import ActionLogEntry
from tripartite.common.services import PermissionDeniedError, ServiceError
from tripartite.library import selectors, services
from tripartite.library.models import Decision
from tripartite.sittings import services as sittings_services

pytestmark = pytest.mark.django_db


def record(actor, item, *, unit="", deadline=None, report_session=None, **kwargs):
    return services.decision_record(
        actor=actor, agenda_item=item, date=dt.date(2026, 3, 20),
        text_en=kwargs.pop("text_en", "The Governing Body requests the Office to report."),
        unit=unit, deadline=deadline, report_session=report_session, **kwargs)


@pytest.fixture
def item(gb_session):
    return AgendaItemFactory(session=gb_session, number="3", title_en="Working time")


def test_the_secretariat_records_a_decision_pending_and_logged(secretariat, item):
    paper = None
    decision = services.decision_record(
        actor=secretariat, agenda_item=item, date=dt.date(2026, 3, 20),
        text_en="The Governing Body requests the Director-General to report.",
        text_fr="Le Conseil d'administration prie le Directeur général de faire rapport.",
        text_es="El Consejo de Administración pide al Director General un informe.",
        document=paper, paragraph="12(b)", requests="A report on working time",
        addressed_to="the Director-General", unit="GOVERNANCE",
        deadline=dt.date(2026, 10, 1))
    decision.refresh_from_db()
    assert (decision.status, decision.unit, decision.paragraph, decision.text_fr[:14]) == (
        "pending", "GOVERNANCE", "12(b)", "Le Conseil d'a")
    assert decision.recorded_by == secretariat
    assert list(ActionLogEntry.objects.filter(action__startswith="library.decision")
                .values_list("action", flat=True)) == ["library.decision.recorded"]


@pytest.mark.parametrize("role", [Role.SENIOR_OFFICIAL, Role.MEETING_OFFICER, Role.OBSERVER,
                                  Role.DELEGATE])
def test_only_the_secretariat_records_and_updates(role, secretariat, item):
    other = user_with_role(role)
    with pytest.raises(PermissionDeniedError):
        record(other, item)
    decision = record(secretariat, item)
    with pytest.raises(PermissionDeniedError):
        services.decision_follow_up_update(actor=other, decision=decision,
                                           status="closed")
    decision.refresh_from_db()
    assert Decision.objects.count() == 1 and decision.status == "pending"


def test_bad_input_changes_nothing(secretariat, item):
    with pytest.raises(ServiceError) as error:
        record(secretariat, item, text_en="  ")
    assert error.value.field == "text_en"
    with pytest.raises(ServiceError) as error:
        record(secretariat, item, deadline=dt.date(2026, 1, 1))
    assert error.value.code == "deadline_before_decision"
    assert Decision.objects.count() == 0
    assert not ActionLogEntry.objects.filter(action__startswith="library.").exists()
    decision = record(secretariat, item, unit="NORMES")
    with pytest.raises(ServiceError) as error:
        services.decision_follow_up_update(actor=secretariat, decision=decision,
                                           status="forgotten", unit="OTHER")
    assert error.value.field == "status"
    with pytest.raises(ServiceError) as error:
        services.decision_follow_up_update(actor=secretariat, decision=decision,
                                           status="pending", unit="NORMES")
    assert error.value.code == "unchanged"
    decision.refresh_from_db()
    assert (decision.status, decision.unit) == ("pending", "NORMES")
    assert ActionLogEntry.objects.filter(action__startswith="library.").count() == 1


def test_the_follow_up_changes_are_the_decisions_history(secretariat, item, gb_session):
    later = SessionFactory(meeting=gb_session.meeting, number="357")
    decision = record(secretariat, item, unit="NORMES")
    services.decision_follow_up_update(actor=secretariat, decision=decision,
                                       status="in_progress", unit="NORMES",
                                       report_session=later, note="Drafting the report.")
    services.decision_follow_up_update(actor=secretariat, decision=decision,
                                       status="reported", unit="NORMES",
                                       report_session=later)
    lines = selectors.follow_up_history(decision)
    assert [line.entry.action for line in lines] == [
        "library.decision.recorded", "library.decision.follow_up.updated",
        "library.decision.follow_up.updated"]
    assert lines[1].entry.data["status"] == ["pending", "in_progress"]
    assert lines[1].entry.data["report_session"] == [None, later.pk]
    assert lines[1].entry.data["note"] == "Drafting the report."
    assert [(change.before, change.after) for change in lines[2].changes] == [
        ("In progress", "Reported")]


def test_a_decision_at_the_chairs_console_appears_in_the_library_without_retyping():
    sitting, _, chair, _ = opened()
    item = sitting.current_item
    the_record = sittings_services.decision_record(
        actor=chair, sitting=sitting, item=item, outcome="adopted",
        text_en="The report is adopted.", text_fr="Le rapport est adopté.",
        text_es="Se adopta el informe.")
    decision = Decision.objects.get()
    assert (decision.item_record, decision.agenda_item, decision.outcome, decision.status,
            decision.text_en, decision.text_fr, decision.text_es) == (
        the_record, item, "adopted", "pending", "The report is adopted.",
        "Le rapport est adopté.", "Se adopta el informe.")
    secretariat = user_with_role(Role.SECRETARIAT)
    services.decision_follow_up_update(actor=secretariat, decision=decision,
                                       status="in_progress", unit="GOV")
    # The Chair changes the decision: the text follows, the follow-up stays.
    sittings_services.decision_record(actor=chair, sitting=sitting, item=item,
                                      outcome="adopted_as_amended", text_en="As amended.")
    decision.refresh_from_db()
    assert Decision.objects.count() == 1
    assert (decision.outcome, decision.text_en, decision.text_fr, decision.status,
            decision.unit) == ("adopted_as_amended", "As amended.", "", "in_progress", "GOV")
    assert [line.entry.action for line in selectors.follow_up_history(decision)] == [
        "library.decision.from_sitting", "library.decision.follow_up.updated",
        "library.decision.changed"]


def test_the_list_awaits_follow_up_by_due_date_and_filters(secretariat, item, gb_session):
    later = SessionFactory(meeting=gb_session.meeting, number="357",
                           opens_at=gb_session.opens_at + dt.timedelta(days=200),
                           closes_at=gb_session.opens_at + dt.timedelta(days=210))
    late = record(secretariat, item, unit="A", deadline=dt.date(2026, 12, 1))
    soon = record(secretariat, item, unit="B", deadline=dt.date(2026, 4, 1))
    at_session = record(secretariat, item, unit="A", report_session=later)
    undated = record(secretariat, item, unit="B")
    closed = record(secretariat, item, unit="A", deadline=dt.date(2026, 4, 2))
    services.decision_follow_up_update(actor=secretariat, decision=closed, status="closed",
                                       unit="A", deadline=dt.date(2026, 4, 2))
    reader = user_with_role(Role.OBSERVER)
    assert list(selectors.decisions(reader)) == sorted(
        [soon, late, at_session, undated],
        key=lambda d: (d.deadline or (later.opens_at.date() if d.report_session else
                                      dt.date.max)))
    assert list(selectors.decisions(reader, selectors.DecisionFilters(unit="A"))) == [
        item for item in selectors.decisions(reader) if item.unit == "A"]
    assert list(selectors.decisions(reader, selectors.DecisionFilters(status="closed"))) == [
        closed]
    assert len(selectors.decisions(reader, selectors.DecisionFilters(status="all"))) == 5
    assert list(selectors.decisions(user_with_role(Role.OBSERVER, is_active=False))) == []


def _list_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("library:decision_list")).status_code == 200
    return len(queries)


def test_the_list_page_query_count_does_not_grow_with_the_decisions(client, secretariat,
                                                                    item):
    client.force_login(user_with_role(Role.OBSERVER))
    record(secretariat, item, unit="A", deadline=dt.date(2026, 5, 1))
    one = _list_queries(client)
    for number in range(9):
        other = AgendaItemFactory(session=item.session, number=f"1{number}")
        record(secretariat, other, unit=f"U{number}", deadline=dt.date(2026, 5, 2))
    assert _list_queries(client) == one


def test_the_pages_in_french(client, secretariat, item):
    decision = record(secretariat, item, unit="NORMES", deadline=dt.date(2026, 5, 1))
    secretariat.language = "fr"
    secretariat.save()
    client.force_login(secretariat)
    listed = client.get(reverse("library:decision_list"), HTTP_ACCEPT_LANGUAGE="fr")
    assert "Décisions et suivi" in listed.content.decode()
    assert "NORMES" in listed.content.decode()
    refused = client.post(reverse("library:decision_follow_up", args=[decision.pk]), {
        "status": "in_progress", "deadline": "2026-01-01"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert "L&#x27;échéance ne peut pas précéder la décision." in refused.content.decode()
    saved = client.post(reverse("library:decision_follow_up", args=[decision.pk]), {
        "status": "in_progress", "unit": "NORMES", "note": "Rapport en préparation"},
        HTTP_ACCEPT_LANGUAGE="fr")
    assert saved.status_code == 302
    page = client.get(saved["Location"], HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Historique du suivi" in page and "Rapport en préparation" in page
    assert "En cours" in page


def test_the_add_form_records_and_refuses_with_a_summary(client, secretariat, item):
    client.force_login(secretariat)
    refused = client.post(reverse("library:decision_add"), {"agenda_item": item.pk})
    assert refused.status_code == 200 and Decision.objects.count() == 0
    assert b'class="error-summary"' in refused.content
    no_item = client.post(reverse("library:decision_add"), {
        "date": "2026-03-20", "text_en": "Requests a report."})
    assert b'class="error-summary"' in no_item.content
    assert b"Choose the agenda item, or the document" in no_item.content
    assert Decision.objects.count() == 0
    saved = client.post(reverse("library:decision_add"), {
        "agenda_item": item.pk, "date": "2026-03-20", "text_en": "Requests a report.",
        "unit": "GOV", "deadline": "2026-06-01"})
    assert saved.status_code == 302
    assert Decision.objects.get().unit == "GOV"


def test_the_api_lists_creates_and_updates(client, secretariat, item):
    client.force_login(secretariat)
    created = client.post("/api/library/decisions", {
        "agenda_item": item.pk, "date": "2026-03-20", "text_en": "Requests a report.",
        "unit": "GOV", "deadline": "2026-06-01"}, content_type="application/json")
    assert created.status_code == 201
    body = created.json()
    assert (body["status"], body["unit"], body["deadline"], body["session"]) == (
        "pending", "GOV", "2026-06-01", item.session_id)
    refused = client.post("/api/library/decisions", {
        "agenda_item": item.pk, "date": "2026-03-20", "text_en": "x",
        "deadline": "2026-01-01"}, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["code"] == "deadline_before_decision"
    unknown = client.post("/api/library/decisions", {
        "agenda_item": 999999, "date": "2026-03-20", "text_en": "x"},
        content_type="application/json")
    assert unknown.status_code == 400 and unknown.json()["code"] == "unknown_reference"
    updated = client.patch(f"/api/library/decisions/{body['id']}/follow-up", {
        "status": "reported", "unit": "GOV", "deadline": "2026-06-01",
        "note": "Reported in GB.357/INS/4."}, content_type="application/json")
    assert updated.status_code == 200 and updated.json()["status"] == "reported"

    client.force_login(user_with_role(Role.DELEGATE))
    assert client.get("/api/library/decisions").json()["count"] == 0  # reported: not awaiting
    assert client.get("/api/library/decisions", {"status": "reported"}).json()["count"] == 1
    assert client.get("/api/library/decisions", {"status": "x"}).status_code == 400
    assert client.get(f"/api/library/decisions/{body['id']}").json()["unit"] == "GOV"
    forbidden = client.patch(f"/api/library/decisions/{body['id']}/follow-up", {
        "status": "closed"}, content_type="application/json")
    assert forbidden.status_code == 403 and forbidden.json()["code"] == "forbidden"


def test_the_decision_operations_have_their_ids(client):
    from tests.library.matrix import OPERATION_IDS

    schema = client.get("/api/openapi.json").json()
    listed = {(method.upper(), path): operation.get("operationId")
              for path, methods in schema["paths"].items()
              for method, operation in methods.items()}
    assert {key: listed.get(key) for key in OPERATION_IDS} == OPERATION_IDS


def test_a_decision_of_an_older_session_is_on_its_document_alone(secretariat):
    from tests.library.conftest import add

    paper = add(secretariat, "GB.331/INS/5", "Old paper", date=dt.date(2017, 10, 1)).document
    with pytest.raises(ServiceError) as error:
        services.decision_record(actor=secretariat, agenda_item=None,
                                 date=dt.date(2017, 11, 1), text_en="Noted.")
    assert error.value.field == "agenda_item" and Decision.objects.count() == 0
    decision = services.decision_record(actor=secretariat, agenda_item=None, document=paper,
                                        paragraph="7", date=dt.date(2017, 11, 1),
                                        text_en="Noted.", unit="GOV")
    assert str(decision) == "GB.331/INS/5 (2017-11-01)"
    assert list(selectors.decisions(user_with_role(Role.OBSERVER))) == [decision]


def test_the_decisions_page_shows_the_published_result_of_the_vote_on_its_item(client):
    from tests.votes.factories import plenary, vote
    from tripartite.votes import services as votes_services

    item, delegates = plenary(("FR", "DE"))
    staff = user_with_role(Role.SECRETARIAT)
    at = dt.datetime(2026, 6, 5, 10, 0, tzinfo=dt.UTC)
    the_vote = votes_services.vote_open(actor=staff, vote=vote(item), at=at)
    decision = record(staff, item)
    client.force_login(user_with_role(Role.OBSERVER))
    assert "Votes on the item" not in client.get(
        reverse("library:decision_detail", args=[decision.pk])).content.decode()
    from tests.votes.factories import delegate_user
    for nomination in [n for iso2 in ("FR", "DE") for n in delegates[iso2]]:
        votes_services.ballot_cast(actor=delegate_user(nomination), vote=the_vote,
                                   choice="yes", at=at + dt.timedelta(minutes=1))
    votes_services.vote_close(actor=staff, vote=the_vote, at=at + dt.timedelta(minutes=5))
    the_vote.refresh_from_db()
    assert "Votes on the item" not in client.get(  # closed, not yet published
        reverse("library:decision_detail", args=[decision.pk])).content.decode()
    votes_services.vote_publish(actor=staff, vote=the_vote)
    page = client.get(reverse("library:decision_detail", args=[decision.pk])).content.decode()
    assert "Votes on the item" in page and "For 8, against 0, abstentions 0" in page


def test_the_api_list_query_count_does_not_grow_with_the_decisions(client, secretariat, item):
    client.force_login(user_with_role(Role.OBSERVER))

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/library/decisions").status_code == 200
        return len(captured)

    record(secretariat, item, unit="A", deadline=dt.date(2026, 5, 1))
    one = queries()
    for number in range(9):
        other = AgendaItemFactory(session=item.session, number=f"2{number}")
        record(secretariat, other, unit="B", deadline=dt.date(2026, 5, 2))
    assert queries() == one
