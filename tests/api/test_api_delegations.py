"""API for delegations: nominations, submission, the Office's review, arrears, the verdict."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from tests import factories
from tests.api import actions, client_for, send
from tripartite.delegations import evaluation, selectors
from tripartite.delegations.models import (
    ArrearsStatus,
    CredentialsSettings,
    Delegation,
    DelegationQuery,
    Nomination,
)
from tripartite.delegations.services.credentials import delegation_query_send
from tripartite.delegations.services.nominations import (
    delegation_open,
    delegation_query_answer,
    delegation_submit,
    nomination_add,
    nomination_withdraw,
)

pytestmark = pytest.mark.django_db

FORBIDDEN = {"code": "forbidden", "message": "You are not allowed to do this."}
CONFLICT = {"code": "conflict",
            "message": "This record was changed by someone else since you opened it. "
                       "Reload it to see their change, then make yours again."}
UNAUTHENTICATED = {"code": "unauthenticated",
                   "message": "Log in, or send a personal API token: Authorization: Bearer tp_…"}


@pytest.fixture
def officer():
    return factories.user_with_role("secretariat")


@pytest.fixture
def secretariat(officer):
    return client_for(officer)


@pytest.fixture
def focal():
    return factories.user_with_role("focal_point")  # France's


@pytest.fixture
def french_focal_point(focal):
    return client_for(focal)


@pytest.fixture
def observer():
    return client_for(factories.user_with_role("observer"))


@pytest.fixture
def session():
    """Opens on 1 June 2026 in Geneva: the credentials are due by 11 May."""
    session = factories.SessionFactory()
    factories.AgendaItemFactory(session=session, number="I", position=1, technical=False)
    factories.AgendaItemFactory(session=session, number="IV", position=2)
    factories.AgendaItemFactory(session=session, number="V", position=3)
    return session


@pytest.fixture
def france(session, officer):
    return delegation_open(actor=officer, member_state=factories.state("FR"),
                           session=session)


@pytest.fixture
def germany(session, officer):
    delegation = delegation_open(actor=officer, member_state=factories.state("DE"),
                                 session=session)
    nominate(delegation, officer, "government", name="Hans Weber", gender="m")
    return delegation


def nominate(delegation, actor, group, role="delegate", name=None, gender="f", **kwargs):
    return nomination_add(actor=actor, delegation=delegation, group=group, role=role,
                          name=name or f"{group} {role} {gender}", gender=gender,
                          **kwargs)


def items(session, *numbers):
    return [session.agenda_items.get(number=number) for number in numbers]


def evaluated(delegation):
    """The verdict as the web pages get it: the selectors, then the one evaluation function."""
    fresh = selectors.delegations_for_evaluation(delegation.session).get(pk=delegation.pk)
    arrears = selectors.arrears_by_state(delegation.session).get(delegation.member_state_id)
    return evaluation.evaluate(fresh, arrears=arrears,
                               settings=selectors.credentials_settings(delegation.session))


def as_json(verdict, language="en"):
    return {"votes": verdict.votes.as_dict(), "voters": list(verdict.voters),
            "findings": [finding.as_dict(language) for finding in verdict.findings]}


def url(delegation, action=""):
    return f"/api/delegations/{delegation.pk}{'/' + action if action else ''}"


# --- opening, nominating, submitting -----------------------------------------------------

def test_a_focal_point_opens_their_delegation_once(french_focal_point, session):
    created = send(french_focal_point, "post", f"/api/sessions/{session.pk}/delegations",
                   {"member_state": "fr"})
    again = send(french_focal_point, "post", f"/api/sessions/{session.pk}/delegations",
                 {"member_state": "FR"})

    assert (created.status_code, again.status_code) == (201, 200)
    delegation = Delegation.objects.get()
    assert created.json()["id"] == again.json()["id"] == delegation.pk
    body = created.json()
    assert body == {
        "id": delegation.pk, "member_state": "FR", "member_state_name": "France",
        "session": session.pk, "session_title": session.title_en, "status": "not_received",
        "status_label": "Not received", "amendment": 0, "submitted_at": None,
        "received_on": None, "deadline": "2026-05-11", "late": False, "accepted_at": None,
        "open_queries": 0, "votes": {"government": 0, "employers": 0, "workers": 0},
        "updated_at": body["updated_at"], "arrears": None, "nominations": [], "queries": [],
        "verdict": {
            "votes": {"government": 0, "employers": 0, "workers": 0}, "voters": [],
            "findings": body["verdict"]["findings"]}}
    assert [finding["rule"] for finding in body["verdict"]["findings"]] == ["CON-4", "CRED-1"]
    assert actions() == ["delegations.delegation.opened"]


def test_a_focal_point_nominates_with_organisation_adviser_and_agenda_items(
        french_focal_point, france, session):
    workers = factories.OrganisationFactory(member_state=factories.state("FR"), kind="workers",
                                            name="Confédération du travail", acronym="CT")
    delegate = send(french_focal_point, "post", url(france, "nominations"), {
        "group": "workers", "role": "delegate", "name": "Léa Martin", "gender": "f",
        "title": "Mme", "function": "Secrétaire générale", "email": "lea@example.org",
        "organisation": workers.pk})
    iv, v = items(session, "IV", "V")
    adviser = send(french_focal_point, "post", url(france, "nominations"), {
        "group": "workers", "role": "adviser", "name": "Сергей Петров",
        "name_latin": "Sergei Petrov", "gender": "m", "organisation": workers.pk,
        "adviser_to": delegate.json()["id"], "agenda_items": [v.pk, iv.pk]})

    assert (delegate.status_code, adviser.status_code) == (201, 201)
    nomination = Nomination.objects.get(role="adviser")
    assert adviser.json() == {
        "id": nomination.pk, "person": nomination.person_id, "name": "Сергей Петров",
        "name_latin": "Sergei Petrov", "title": "", "function": "", "gender": "m", "email": "",
        "group": "workers", "role": "adviser", "represents": "",
        "adviser_to": delegate.json()["id"], "agenda_items": ["IV", "V"],
        "agenda_item_ids": [iv.pk, v.pk],
        "organisation": workers.pk, "organisation_name": str(workers), "admitted": True,
        "position": 2, "added_in_amendment": 0, "withdrawn_in_amendment": None}
    assert delegate.json()["email"] == "lea@example.org"
    assert delegate.json()["function"] == "Secrétaire générale"
    detail = french_focal_point.get(url(france)).json()
    assert [n["name"] for n in detail["nominations"]] == ["Léa Martin", "Сергей Петров"]
    assert actions() == ["delegations.delegation.opened", "constituents.person.created",
                         "delegations.nomination.added", "constituents.person.created",
                         "delegations.nomination.added"]


def test_an_additional_adviser_for_a_territory_names_it(french_focal_point, france):
    delegate = send(french_focal_point, "post", url(france, "nominations"), {
        "group": "government", "role": "delegate", "name": "Léa Martin", "gender": "f"})
    body = {"group": "government", "role": "territory_adviser", "name": "Paul Néaoutyine",
            "gender": "m", "adviser_to": delegate.json()["id"]}

    refused = send(french_focal_point, "post", url(france, "nominations"), body)
    added = send(french_focal_point, "post", url(france, "nominations"),
                 {**body, "represents": "New Caledonia"})

    assert (refused.status_code, refused.json()) == (400, {
        "code": "required", "field": "body.represents",
        "message": "Name the non-metropolitan territory the additional adviser represents or "
                   "advises on (Constitution art. 3(3))."})
    assert added.status_code == 201
    assert (added.json()["role"], added.json()["represents"]) == ("territory_adviser",
                                                                  "New Caledonia")
    verdict = french_focal_point.get(url(france)).json()
    assert [f["provision"] for f in verdict["verdict"]["findings"] if f["rule"] == "CON-2"] == [
        "Constitution art. 3(3)"]


def test_a_known_person_is_nominated_by_id(french_focal_point, france):
    person = factories.PersonFactory(member_state=factories.state("FR"), name="Ana Lima")

    response = send(french_focal_point, "post", url(france, "nominations"),
                    {"group": "government", "role": "minister", "person": person.pk})

    assert response.status_code == 201
    assert (response.json()["person"], response.json()["name"]) == (person.pk, "Ana Lima")


def test_a_focal_point_submits_and_then_amends(french_focal_point, france, focal):
    first = nominate(france, focal, "government")
    seen = french_focal_point.get(url(france)).json()["updated_at"]

    submitted = send(french_focal_point, "post", url(france, "submit"), {"updated_at": seen})
    added = send(french_focal_point, "post", url(france, "nominations"),
                 {"group": "employers", "role": "delegate", "name": "Paul Roy", "gender": "m"})
    withdrawn = send(french_focal_point, "delete", f"/api/nominations/{first.pk}")
    amended = send(french_focal_point, "post", url(france, "submit"))

    assert submitted.status_code == 200
    today = timezone.localdate(timezone=france.session.zone).isoformat()
    assert (submitted.json()["status"], submitted.json()["received_on"],
            submitted.json()["amendment"]) == ("received", today, 0)
    assert added.json()["added_in_amendment"] == 1
    assert (withdrawn.status_code, withdrawn.content) == (204, b"")
    assert amended.json()["amendment"] == 1
    by_id = {n["id"]: n for n in amended.json()["nominations"]}
    assert by_id[first.pk]["withdrawn_in_amendment"] == 1
    assert amended.json()["verdict"]["voters"] == []  # a lone Employers' delegate
    assert send(french_focal_point, "delete", f"/api/nominations/{first.pk}").status_code == 404


def test_a_withdrawal_before_submission_deletes_the_nomination(french_focal_point, france,
                                                                focal):
    nomination = nominate(france, focal, "government")

    response = send(french_focal_point, "delete", f"/api/nominations/{nomination.pk}")

    assert response.status_code == 204
    assert not Nomination.objects.exists()
    assert actions()[-1] == "delegations.nomination.withdrawn"


def test_a_nomination_an_objection_names_is_not_deleted(secretariat, germany, session):
    nomination = germany.nominations.get()
    germany.objections.create(session=session, nomination=nomination, summary="Not free",
                              lodged_at=dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC))

    response = send(secretariat, "delete", f"/api/nominations/{nomination.pk}")

    assert response.status_code == 409
    assert response.json() == {
        "code": "protected",
        "message": "An objection names this person: the nomination cannot be deleted."}
    assert Nomination.objects.filter(pk=nomination.pk).exists()


def test_an_empty_delegation_is_not_submitted(french_focal_point, france):
    response = send(french_focal_point, "post", url(france, "submit"))

    assert response.status_code == 400
    assert response.json() == {"code": "empty_delegation",
                               "message": "Nominate at least one person before submitting."}
    assert Delegation.objects.get().status == "not_received"


# --- the Office's review -----------------------------------------------------------------

def test_review_query_answer_and_acceptance(secretariat, french_focal_point, france, focal):
    nominate(france, focal, "government")
    delegation_submit(actor=focal, delegation=france)

    review = send(secretariat, "post", url(france, "review"),
                  {"updated_at": secretariat.get(url(france)).json()["updated_at"]})
    query = send(secretariat, "post", url(france, "queries"),
                 {"question": "Please send the signed letter.",
                  "updated_at": review.json()["updated_at"]})
    listed = secretariat.get(f"/api/sessions/{france.session_id}/delegations").json()
    answer = send(french_focal_point, "post", f"/api/queries/{query.json()['id']}/answer",
                  {"answer": "Uploaded today.", "updated_at": query.json()["updated_at"]})
    after_answer = secretariat.get(url(france)).json()
    accepted = send(secretariat, "post", url(france, "accept"),
                    {"updated_at": after_answer["updated_at"]})

    assert review.status_code == 200 and review.json()["status"] == "under_review"
    assert query.status_code == 201
    stored = DelegationQuery.objects.get()
    assert query.json() == {"id": stored.pk, "delegation": france.pk,
                            "question": "Please send the signed letter.", "answer": "",
                            "asked_at": query.json()["asked_at"], "answered_at": None,
                            "updated_at": query.json()["updated_at"]}
    assert (listed[0]["status"], listed[0]["open_queries"]) == ("query_sent", 1)
    assert answer.status_code == 200
    assert answer.json()["answer"] == "Uploaded today."
    assert answer.json()["answered_at"] is not None
    assert (after_answer["status"], after_answer["open_queries"]) == ("under_review", 0)
    assert after_answer["queries"][0]["answer"] == "Uploaded today."
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "accepted"
    assert accepted.json()["accepted_at"] is not None
    assert actions()[-5:] == ["delegations.delegation.submitted",
                              "delegations.delegation.review_started",
                              "delegations.query.sent", "delegations.query.answered",
                              "delegations.delegation.accepted"]


def test_a_second_officer_on_a_stale_copy_gets_a_409(secretariat, france, focal):
    nominate(france, focal, "government")
    delegation_submit(actor=focal, delegation=france)
    seen = secretariat.get(url(france)).json()["updated_at"]
    other_officer = client_for(factories.user_with_role("secretariat"))
    assert send(other_officer, "post", url(france, "review"),
                {"updated_at": seen}).status_code == 200

    accepted = send(secretariat, "post", url(france, "accept"), {"updated_at": seen})
    queried = send(secretariat, "post", url(france, "queries"),
                   {"question": "Which ministry?", "updated_at": seen})

    assert (accepted.status_code, queried.status_code) == (409, 409)
    assert accepted.json() == queried.json() == CONFLICT
    assert Delegation.objects.get(pk=france.pk).status == "under_review"
    assert not DelegationQuery.objects.exists()


def test_a_stale_answer_is_a_409_and_a_second_answer_is_refused(secretariat,
                                                                 french_focal_point, france,
                                                                 officer, focal):
    nominate(france, focal, "government")
    delegation_submit(actor=focal, delegation=france)
    query = delegation_query_send(actor=officer, delegation=france,
                                  question="Which ministry?")
    seen = query.updated_at.isoformat()
    delegation_query_answer(actor=focal, query=query, answer="Labour.")

    stale = send(french_focal_point, "post", f"/api/queries/{query.pk}/answer",
                 {"answer": "Employment.", "updated_at": seen})
    again = send(french_focal_point, "post", f"/api/queries/{query.pk}/answer",
                 {"answer": "Employment."})

    assert (stale.status_code, stale.json()) == (409, CONFLICT)
    assert again.status_code == 400
    assert again.json()["code"] == "already_answered"
    assert DelegationQuery.objects.get().answer == "Labour."


# --- arrears -----------------------------------------------------------------------------

def test_the_secretariat_records_arrears_and_the_votes_follow(secretariat, france, focal,
                                                              session):
    for group in ("government", "employers", "workers"):
        nominate(france, focal, group)
    address = f"/api/sessions/{session.pk}/arrears/fr"

    recorded = send(secretariat, "put", address, {"in_arrears": True})
    in_arrears = secretariat.get(url(france)).json()
    restored = send(secretariat, "put", address, {
        "in_arrears": True, "vote_restored_on": "2026-06-03",
        "decision_reference": "ILC.114/Record No. 4"})
    after = secretariat.get(url(france)).json()

    assert recorded.status_code == 200
    assert recorded.json() == {
        "member_state": "FR", "session": session.pk, "in_arrears": True,
        "vote_restored_on": None, "decision_reference": "",
        "updated_at": recorded.json()["updated_at"]}
    assert in_arrears["verdict"]["votes"] == {"government": 0, "employers": 1, "workers": 1}
    assert in_arrears["arrears"]["in_arrears"] is True
    assert "Constitution art. 13(4)" in {f["provision"] for f in in_arrears["verdict"]["findings"]}
    assert restored.json()["vote_restored_on"] == "2026-06-03"
    assert after["verdict"]["votes"] == {"government": 1, "employers": 1, "workers": 1}
    assert ArrearsStatus.objects.get().decision_reference == "ILC.114/Record No. 4"
    assert actions()[-2:] == ["delegations.arrears.recorded", "delegations.arrears.recorded"]


def test_arrears_of_an_unknown_state_or_session_are_404(secretariat, session):
    assert send(secretariat, "put", f"/api/sessions/{session.pk}/arrears/ZZ",
                {"in_arrears": True}).status_code == 404
    assert send(secretariat, "put", "/api/sessions/999999/arrears/FR",
                {"in_arrears": True}).status_code == 404


# --- the verdict: the same function as the web pages -------------------------------------

def test_the_verdict_is_the_evaluation_functions(observer, france, focal, session):
    g1 = nominate(france, focal, "government", name="G1")
    g2 = nominate(france, focal, "government", name="G2", gender="m")
    nominate(france, focal, "employers", name="E")
    iv = items(session, "IV")
    for n in range(3):
        nominate(france, focal, "government", role="adviser", name=f"Adviser {n}",
                 gender="m", adviser_to=g1, agenda_items=iv)
    delegation_submit(actor=focal, delegation=france)
    withdrawn = nominate(france, focal, "workers", name="W withdrawn")
    nomination_withdraw(actor=focal, nomination=withdrawn)

    english = observer.get(url(france)).json()
    french = observer.get(url(france), HTTP_ACCEPT_LANGUAGE="fr").json()

    verdict = evaluated(france)
    assert english["verdict"] == as_json(verdict)
    assert french["verdict"] == as_json(verdict, "fr")
    assert english["verdict"]["votes"] == {"government": 2, "employers": 0, "workers": 0}
    assert english["verdict"]["voters"] == [g1.pk, g2.pk]
    assert {(f["rule"], f["provision"], f["severity"]) for f in english["verdict"]["findings"]} \
        >= {("CON-4", "Constitution art. 4(2)", "warning"),
            ("CON-2", "Constitution art. 3(2); SO-2021 art. 1(2)", "error")}
    lone = next(f for f in french["verdict"]["findings"] if f["rule"] == "CON-4")
    assert lone["message"].startswith("Délégation incomplète")
    assert english["votes"] == english["verdict"]["votes"]


def test_the_list_gives_status_lateness_and_votes(observer, session, officer):
    CredentialsSettings.objects.create(session=session, deadline=dt.date(2026, 5, 15))
    states = {}
    for iso, groups in (("FR", ["government", "government", "employers"]),
                        ("DE", ["government", "employers", "workers"]), ("KE", [])):
        states[iso] = delegation_open(actor=officer, member_state=factories.state(iso),
                                      session=session)
        for number, group in enumerate(groups):
            nominate(states[iso], officer, group, name=f"{iso} {number}")
    Delegation.objects.filter(pk=states["FR"].pk).update(
        status="received", received_on=dt.date(2026, 5, 15))
    Delegation.objects.filter(pk=states["DE"].pk).update(
        status="accepted", received_on=dt.date(2026, 5, 16))

    response = observer.get(f"/api/sessions/{session.pk}/delegations")
    accepted = observer.get(f"/api/sessions/{session.pk}/delegations?status=accepted")

    assert response.status_code == 200
    rows = {row["member_state"]: row for row in response.json()}
    assert [row["member_state"] for row in response.json()] == ["FR", "DE", "KE"]
    assert [row["member_state_name"] for row in response.json()] == [
        "France", "Germany", "Kenya"]
    summary = {iso: (row["status"], row["received_on"], row["deadline"], row["late"],
                     row["nominations"], row["votes"]) for iso, row in rows.items()}
    assert summary == {
        "FR": ("received", "2026-05-15", "2026-05-15", False, 3,
               {"government": 2, "employers": 0, "workers": 0}),
        "DE": ("accepted", "2026-05-16", "2026-05-15", True, 3,
               {"government": 1, "employers": 1, "workers": 1}),
        "KE": ("not_received", None, "2026-05-15", False, 0,
               {"government": 0, "employers": 0, "workers": 0}),
    }
    assert [row["member_state"] for row in accepted.json()] == ["DE"]


def test_listing_delegations_costs_the_same_queries_for_one_and_three(
        secretariat, session, officer, django_assert_num_queries):
    def add(iso):
        delegation = delegation_open(actor=officer, member_state=factories.state(iso),
                                     session=session)
        delegate = nominate(delegation, officer, "government", name=f"G {iso}")
        nominate(delegation, officer, "government", role="adviser", name=f"A {iso}",
                 adviser_to=delegate, agenda_items=items(session, "IV"))
        DelegationQuery.objects.create(delegation=delegation, question="Which ministry?")

    add("FR")
    address = f"/api/sessions/{session.pk}/delegations"
    secretariat.get(address)
    # session, user, the session, delegations, their nominations, the nominations' agenda
    # items, the session's agenda, arrears, credentials settings
    with django_assert_num_queries(9):
        one = secretariat.get(address)
    add("DE")
    add("KE")
    with django_assert_num_queries(9):
        three = secretariat.get(address)

    assert (len(one.json()), len(three.json())) == (1, 3)
    assert {(row["nominations"], row["open_queries"]) for row in three.json()} == {(2, 1)}


def test_reading_a_delegation_costs_the_same_queries_for_one_nomination_and_five(
        secretariat, france, officer, session, django_assert_num_queries):
    delegate = nominate(france, officer, "government", name="G")
    secretariat.get(url(france))
    # session, user, the delegation, its nominations, their agenda items, the session's
    # agenda, its queries, arrears, credentials settings
    with django_assert_num_queries(9):
        one = secretariat.get(url(france))
    for n in range(4):
        nominate(france, officer, "government", role="adviser", name=f"A {n}",
                 adviser_to=delegate, agenda_items=items(session, "IV", "V"))
    with django_assert_num_queries(9):
        five = secretariat.get(url(france))

    assert (len(one.json()["nominations"]), len(five.json()["nominations"])) == (1, 5)


# --- permissions -------------------------------------------------------------------------

def test_a_focal_point_lists_only_their_own_states_delegation(french_focal_point, france,
                                                              germany, session):
    response = french_focal_point.get(f"/api/sessions/{session.pk}/delegations")

    assert response.status_code == 200
    assert [row["member_state"] for row in response.json()] == ["FR"]


def test_a_focal_point_can_neither_see_nor_change_germanys_delegation(
        french_focal_point, germany, session, officer):
    nomination = germany.nominations.get()
    query = delegation_query_send(actor=officer, delegation=germany,
                                  question="Which ministry?")
    logged = actions()

    responses = [
        french_focal_point.get(url(germany)),
        send(french_focal_point, "post", f"/api/sessions/{session.pk}/delegations",
             {"member_state": "DE"}),
        send(french_focal_point, "post", url(germany, "nominations"),
             {"group": "government", "role": "delegate", "name": "Eve", "gender": "f"}),
        # References the French focal point could not know are not even looked up.
        send(french_focal_point, "post", url(germany, "nominations"),
             {"group": "government", "role": "adviser", "name": "Eve", "gender": "f",
              "adviser_to": 999999}),
        send(french_focal_point, "post", url(germany, "submit")),
        send(french_focal_point, "delete", f"/api/nominations/{nomination.pk}"),
        send(french_focal_point, "post", f"/api/queries/{query.pk}/answer",
             {"answer": "Labour."}),
        send(french_focal_point, "post", url(germany, "review")),
        send(french_focal_point, "post", url(germany, "accept")),
        send(french_focal_point, "post", url(germany, "queries"), {"question": "?"}),
        send(french_focal_point, "put", f"/api/sessions/{session.pk}/arrears/DE",
             {"in_arrears": True}),
    ]

    assert [(r.status_code, r.json()) for r in responses] == [(403, FORBIDDEN)] * 11
    assert actions() == logged
    germany.refresh_from_db()
    assert (germany.status, germany.nominations.count()) == ("query_sent", 1)
    assert DelegationQuery.objects.get().answer == ""


def test_an_observer_reads_but_does_not_write(observer, france, focal, session):
    nomination = nominate(france, focal, "government")
    delegation_submit(actor=focal, delegation=france)
    logged = actions()

    reads = [observer.get(f"/api/sessions/{session.pk}/delegations"), observer.get(url(france))]
    writes = [
        send(observer, "post", f"/api/sessions/{session.pk}/delegations",
             {"member_state": "FR"}),
        send(observer, "post", url(france, "nominations"),
             {"group": "government", "role": "delegate", "name": "Eve", "gender": "f"}),
        send(observer, "post", url(france, "submit")),
        send(observer, "delete", f"/api/nominations/{nomination.pk}"),
        send(observer, "post", url(france, "review")),
        send(observer, "post", url(france, "accept")),
        send(observer, "post", url(france, "queries"), {"question": "Which ministry?"}),
        send(observer, "put", f"/api/sessions/{session.pk}/arrears/FR", {"in_arrears": True}),
    ]

    assert [r.status_code for r in reads] == [200, 200]
    assert [(r.status_code, r.json()) for r in writes] == [(403, FORBIDDEN)] * 8
    assert actions() == logged


@pytest.mark.parametrize("role", ["delegate", "group_secretariat"])
def test_roles_outside_the_procedure_see_no_delegation(role, france, session):
    client = client_for(factories.user_with_role(role))

    assert client.get(f"/api/sessions/{session.pk}/delegations").status_code == 403
    assert client.get(url(france)).status_code == 403


def test_the_focal_point_answers_but_does_not_review(french_focal_point, france, focal):
    nominate(france, focal, "government")
    delegation_submit(actor=focal, delegation=france)

    assert send(french_focal_point, "post", url(france, "review")).status_code == 403
    assert send(french_focal_point, "post", url(france, "accept")).status_code == 403
    assert send(french_focal_point, "post", url(france, "queries"),
                {"question": "?"}).status_code == 403


def test_without_authentication_every_operation_is_a_401(france, session):
    client = Client()
    calls = [("get", f"/api/sessions/{session.pk}/delegations"),
             ("post", f"/api/sessions/{session.pk}/delegations"), ("get", url(france)),
             ("post", url(france, "nominations")), ("post", url(france, "submit")),
             ("post", url(france, "review")), ("post", url(france, "accept")),
             ("post", url(france, "queries")), ("post", "/api/queries/1/answer"),
             ("delete", "/api/nominations/1"),
             ("put", f"/api/sessions/{session.pk}/arrears/FR")]

    responses = [send(client, method, address, {}) for method, address in calls]

    assert [(r.status_code, r.json()) for r in responses] == [(401, UNAUTHENTICATED)] * 11


def test_unknown_delegations_sessions_and_queries_are_404(secretariat):
    assert secretariat.get("/api/delegations/999999").status_code == 404
    assert secretariat.get("/api/sessions/999999/delegations").status_code == 404
    assert send(secretariat, "post", "/api/queries/999999/answer",
                {"answer": "x"}).json()["code"] == "not_found"
    assert send(secretariat, "delete", "/api/nominations/999999").status_code == 404


# --- invalid input -----------------------------------------------------------------------

def test_a_nomination_with_invalid_fields_is_a_422_on_each(french_focal_point, france):
    response = send(french_focal_point, "post", url(france, "nominations"),
                    {"group": "ministers", "role": "delegate", "gender": "f",
                     "agenda_items": "IV", "colour": "blue"})

    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == [
        "body.group", "body.agenda_items", "body.colour"]
    assert response.json()["errors"][0]["message"] == \
        "Select one of: 'government', 'employers' or 'workers'."
    assert not Nomination.objects.exists()


def test_a_new_person_needs_a_name_and_a_gender(french_focal_point, france):
    response = send(french_focal_point, "post", url(france, "nominations"),
                    {"group": "government", "role": "delegate"})

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "body.name", "message": "This field is required."},
        {"field": "body.gender", "message": "This field is required."}]


def test_a_nomination_naming_unknown_things_is_a_422(french_focal_point, france, germany,
                                                     session, focal):
    delegate = nominate(france, focal, "government")
    other_session_item = factories.AgendaItemFactory()
    base = {"group": "government", "role": "adviser", "name": "Eve", "gender": "f"}
    german_person = germany.nominations.get().person

    cases = {
        "body.organisation": {"organisation": 999999},
        "body.adviser_to": {"adviser_to": germany.nominations.get().pk},
        "body.agenda_items.1": {"adviser_to": delegate.pk,
                                "agenda_items": [items(session, "IV")[0].pk,
                                                 other_session_item.pk]},
        "body.person": {"person": german_person.pk},
    }
    got = {}
    for field, extra in cases.items():
        response = send(french_focal_point, "post", url(france, "nominations"),
                        {**base, **extra})
        got[field] = (response.status_code, [e["field"] for e in response.json()["errors"]])

    assert got == {field: (422, [field]) for field in cases}
    assert Nomination.objects.count() == 2


def test_domain_refusals_name_their_field(french_focal_point, france, focal):
    employers = factories.OrganisationFactory(member_state=factories.state("FR"),
                                              kind="employers")
    first = nominate(france, focal, "government", name="Ana")

    wrong_group = send(french_focal_point, "post", url(france, "nominations"),
                       {"group": "workers", "role": "delegate", "name": "Bo", "gender": "m",
                        "organisation": employers.pk})
    twice = send(french_focal_point, "post", url(france, "nominations"),
                 {"group": "government", "role": "adviser", "person": first.person_id})
    bad_email = send(french_focal_point, "post", url(france, "nominations"),
                     {"group": "government", "role": "adviser", "name": "Cy", "gender": "x",
                      "email": "not an address"})

    assert (wrong_group.status_code, wrong_group.json()) == (400, {
        "code": "invalid", "message": "Choose an organization of the same group.",
        "field": "body.organisation"})
    assert (twice.status_code, twice.json()["code"], twice.json()["field"]) == (
        400, "duplicate_person", "body.name")
    assert bad_email.status_code == 422
    assert [e["field"] for e in bad_email.json()["errors"]] == ["body.email"]
    assert Nomination.objects.count() == 1


def test_open_and_arrears_and_queries_refuse_bad_input(secretariat, france, session):
    unknown_state = send(secretariat, "post", f"/api/sessions/{session.pk}/delegations",
                         {"member_state": "ZZ"})
    bad_date = send(secretariat, "put", f"/api/sessions/{session.pk}/arrears/FR",
                    {"in_arrears": "maybe", "vote_restored_on": "3 June"})
    empty_question = send(secretariat, "post", url(france, "queries"), {"question": "  "})
    naive_time = send(secretariat, "post", url(france, "accept"),
                      {"updated_at": "2026-05-01T10:00:00"})

    assert unknown_state.json()["errors"] == [
        {"field": "body.member_state", "message": "No member State has the code ZZ."}]
    assert [e["field"] for e in bad_date.json()["errors"]] == [
        "body.in_arrears", "body.vote_restored_on"]
    assert (empty_question.status_code, empty_question.json()) == (400, {
        "code": "required", "message": "Write the question.", "field": "body.question"})
    assert naive_time.status_code == 422
    assert naive_time.json()["errors"][0]["field"] == "body.updated_at"
    assert not ArrearsStatus.objects.exists()
    assert Delegation.objects.get().status == "not_received"
