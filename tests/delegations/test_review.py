"""The Office's review: the overview, one delegation's review page, arrears and settings."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import AgendaItemFactory, SessionFactory, state, user_with_role
from tripartite.accounts.models import Role
from tripartite.common.models import ActionLogEntry
from tripartite.delegations.models import (
    ArrearsStatus,
    CredentialLetter,
    CredentialsSettings,
    Delegation,
    DelegationStatus,
)
from tripartite.delegations.services.credentials import (
    arrears_set,
    delegation_accept,
    delegation_query_send,
    delegation_start_review,
)
from tripartite.delegations.services.nominations import (
    delegation_open,
    delegation_query_answer,
    delegation_submit,
    nomination_add,
    nomination_withdraw,
)

pytestmark = pytest.mark.django_db

CONFLICT = "changed by someone else since you opened it"


@pytest.fixture
def session():
    session = SessionFactory()  # opens Monday 1 June 2026, 10:00 in Geneva
    AgendaItemFactory(session=session, number="I", technical=False)
    AgendaItemFactory(session=session, number="IV", technical=True)
    return session


@pytest.fixture
def focal():
    return user_with_role(Role.FOCAL_POINT)  # France


@pytest.fixture
def officer(client):
    user = user_with_role(Role.SECRETARIAT)
    client.force_login(user)
    return user


def nominate(delegation, actor, group, role="delegate", gender="f", **kwargs):
    return nomination_add(actor=actor, delegation=delegation, group=group, role=role,
                          name=kwargs.pop("name", f"{group} {role} {gender}"),
                          gender=gender, **kwargs)


def submitted(session, iso2, *, groups=("government", "employers", "workers"),
              received_on=dt.date(2026, 5, 4)):
    """A delegation of ``iso2`` submitted by the secretariat, received on ``received_on``."""
    actor = user_with_role(Role.SECRETARIAT)
    delegation = delegation_open(actor=actor, member_state=state(iso2),
                                 session=session)
    for number, group in enumerate(groups):
        nominate(delegation, actor, group, name=f"{iso2} {group} {number}")
    delegation_submit(actor=actor, delegation=delegation)
    Delegation.objects.filter(pk=delegation.pk).update(received_on=received_on)
    delegation.refresh_from_db()
    return delegation


def rows_by_iso(response):
    return {row.member_state.iso2: row for row in response.context["rows"]}


# --- the overview ---------------------------------------------------------------------------

def test_the_overview_shows_every_member_state_with_status_and_late_flag(
        client, officer, session):
    on_time = submitted(session, "FR", received_on=dt.date(2026, 5, 11))  # the deadline day
    late = submitted(session, "DE", received_on=dt.date(2026, 5, 12))
    accepted = submitted(session, "KE")
    delegation_accept(actor=officer, delegation=accepted)
    preparing = delegation_open(actor=officer, member_state=state("BR"),
                                session=session)
    nominate(preparing, officer, "government")
    response = client.get(reverse("delegations:review_overview", args=[session.pk]))
    assert response.status_code == 200
    rows = rows_by_iso(response)
    assert len(rows) == 187  # every member State, with or without a delegation
    assert (rows["FR"].status, rows["FR"].evaluated.late) == ("received", False)
    assert (rows["DE"].status, rows["DE"].evaluated.late) == ("received", True)
    assert rows["KE"].status == "accepted"
    assert (rows["BR"].status, rows["BR"].in_preparation) == ("not_received", True)
    assert (rows["CH"].status, rows["CH"].evaluated) == ("not_received", None)
    assert rows["FR"].evaluated.persons == 3
    votes = rows["FR"].evaluated.verdict.votes
    assert (votes.government, votes.employers, votes.workers) == (1, 1, 1)
    assert (response.context["received"], response.context["late"]) == (3, 1)
    page = response.content.decode()
    assert reverse("delegations:review_delegation", args=[on_time.pk]) in page
    assert reverse("delegations:review_delegation", args=[late.pk]) in page
    assert "no delegation yet" in page and "being prepared" in page


def test_the_overview_filters_and_sorts(client, officer, session):
    submitted(session, "FR")
    submitted(session, "DE", received_on=dt.date(2026, 5, 20))
    # Three Government delegates: CON-1, an error.
    submitted(session, "KE", groups=("government", "government", "government", "workers"),
              received_on=dt.date(2026, 5, 1))
    url = reverse("delegations:review_overview", args=[session.pk])

    def isos(**params):
        return [row.member_state.iso2 for row in client.get(url, params).context["rows"]]

    assert isos(late="on") == ["DE"]
    assert isos(errors="on") == ["KE"]
    assert isos(status="received", sort="received") == ["KE", "FR", "DE"]
    assert isos(status="received", sort="-received") == ["DE", "FR", "KE"]
    assert isos(status="received", region="Africa") == ["KE"]
    not_received = isos(status="not_received")
    assert len(not_received) == 184 and "FR" not in not_received
    by_name = isos()
    assert by_name[0] == "AF" and isos(sort="-name") == by_name[::-1]
    kenya = rows_by_iso(client.get(url))["KE"].evaluated
    assert (kenya.errors, kenya.verdict.votes.government) == (1, 0)


def test_the_overview_sorts_names_in_the_users_language(client, session):
    client.force_login(user_with_role(Role.OBSERVER, language="fr"))
    response = client.get(reverse("delegations:review_overview", args=[session.pk]))
    names = [str(row.member_state) for row in response.context["rows"]]
    # "Égypte" sorts among the E's, not after "Zimbabwe".
    assert names.index("Égypte") < names.index("Équateur") < names.index("Érythrée")
    assert names.index("Égypte") < names.index("Fidji")


@pytest.mark.parametrize("count", [1, 3])
def test_the_overview_takes_a_fixed_number_of_queries(client, officer, session, count):
    for iso2 in ("FR", "DE", "KE")[:count]:
        delegation = submitted(session, iso2)
        delegation_query_send(actor=officer, delegation=delegation, question="Why?")
    url = reverse("delegations:review_overview", args=[session.pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert sum(row.evaluated.open_queries for row in response.context["rows"]
               if row.evaluated) == count
    # session, user; then the session, settings, arrears, open queries, delegations,
    # nominations, their agenda items, the session's agenda items, member States.
    assert len(queries) == 11


# --- permissions ----------------------------------------------------------------------------

@pytest.mark.parametrize("role", [Role.FOCAL_POINT, Role.DELEGATE, Role.GROUP_SECRETARIAT])
def test_constituents_get_403_on_every_review_and_committee_page(client, session, role):
    own = submitted(session, "FR")
    from tripartite.delegations.models import Objection

    objection = Objection.objects.create(session=session, delegation=own,
                                         lodged_at=dt.datetime(2026, 6, 2, 9, tzinfo=dt.UTC),
                                         lodged_by="A union", summary="Not representative")
    client.force_login(user_with_role(role))
    urls = [reverse(name, args=[session.pk]) for name in (
        "delegations:review_overview", "delegations:review_arrears",
        "delegations:committee_objections", "registration:credentials_figures",
        "registration:credentials_figures_csv")]
    urls += [reverse("delegations:review_delegation", args=[own.pk]),
             reverse("delegations:review_letter", args=[own.pk]),
             reverse("delegations:committee_objection", args=[objection.pk])]
    for url in urls:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"action": "accept"}).status_code == 403, url
    own.refresh_from_db()
    assert own.status == DelegationStatus.RECEIVED


def test_an_observer_reads_the_review_but_cannot_act(client, session):
    delegation = submitted(session, "FR")
    client.force_login(user_with_role(Role.OBSERVER))
    url = reverse("delegations:review_delegation", args=[delegation.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "Accept the credentials" not in response.content.decode()
    seen = delegation.updated_at.isoformat()
    assert client.post(url, {"action": "accept", "seen_updated_at": seen}).status_code == 403
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.RECEIVED


# --- the review of one delegation -----------------------------------------------------------

def _seen(client, url):
    return client.get(url).context["seen"]


def test_review_query_answer_and_acceptance_through_the_pages(client, officer, session, focal):
    delegation = delegation_open(actor=focal, member_state=state("FR"),
                                 session=session)
    nominate(delegation, focal, "government", name="Marie Curie")
    delegation_submit(actor=focal, delegation=delegation)
    url = reverse("delegations:review_delegation", args=[delegation.pk])

    response = client.post(url, {"action": "start_review", "seen_updated_at": _seen(client, url)})
    assert response.status_code == 302 and response["Location"] == url
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.UNDER_REVIEW

    response = client.post(url, {"action": "query", "question": "Please send the signed letter.",
                                 "seen_updated_at": _seen(client, url)})
    assert response.status_code == 302
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.QUERY_SENT
    page = client.get(url).content.decode()
    assert "Please send the signed letter." in page and "Awaiting the focal point" in page

    delegation_query_answer(actor=focal, query=delegation.queries.get(),
                            answer="Uploaded today.")
    page = client.get(url).content.decode()
    assert "Uploaded today." in page

    question = client.post(url, {"action": "accept", "seen_updated_at": _seen(client, url)})
    assert "Accept the credentials of France?" in question.content.decode()
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.UNDER_REVIEW  # asking changes nothing
    response = client.post(url, {"action": "accept", "seen_updated_at": _seen(client, url),
                                 "confirm": "yes"}, follow=True)
    assert "The credentials were accepted." in response.content.decode()
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.ACCEPTED
    actions = list(ActionLogEntry.objects.for_object(delegation).order_by("id")
                   .values_list("action", "actor"))
    assert actions == [
        ("delegations.delegation.opened", focal.pk), ("delegations.nomination.added", focal.pk),
        ("delegations.delegation.submitted", focal.pk),
        ("delegations.delegation.review_started", officer.pk),
        ("delegations.query.sent", officer.pk), ("delegations.query.answered", focal.pk),
        ("delegations.delegation.accepted", officer.pk)]
    # The history, in words.
    assert f"{officer} accepted the credentials of {delegation}." in response.content.decode()


def test_an_empty_query_is_refused_with_a_message(client, officer, session):
    delegation = submitted(session, "FR")
    url = reverse("delegations:review_delegation", args=[delegation.pk])
    response = client.post(url, {"action": "query", "question": "  ",
                                 "seen_updated_at": _seen(client, url)})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.RECEIVED
    assert not delegation.queries.exists()


def test_a_second_officer_on_a_stale_page_gets_the_conflict_and_nothing_changes(
        client, officer, session):
    delegation = submitted(session, "FR")
    url = reverse("delegations:review_delegation", args=[delegation.pk])
    seen = _seen(client, url)  # both officers opened the page now
    other = user_with_role(Role.SECRETARIAT)
    delegation_start_review(actor=other, delegation=delegation)

    for action in ("start_review", "accept"):
        response = client.post(url, {"action": action, "seen_updated_at": seen,
                                     "confirm": "yes"})
        assert response.status_code == 200
        assert CONFLICT in response.content.decode()
        delegation.refresh_from_db()
        assert delegation.status == DelegationStatus.UNDER_REVIEW
    response = client.post(url, {"action": "query", "question": "Which ministry?",
                                 "seen_updated_at": seen})
    page = response.content.decode()
    assert CONFLICT in page and "Which ministry?" in page  # what was typed is kept
    assert not delegation.queries.exists()
    # The page now carries the current version: acting again works.
    assert response.context["query_form"].initial["seen_updated_at"] == \
        delegation.updated_at.isoformat()
    assert not ActionLogEntry.objects.filter(actor=officer).exists()


def test_a_change_by_the_focal_point_is_a_conflict_too(client, officer, session, focal):
    delegation = delegation_open(actor=focal, member_state=state("FR"),
                                 session=session)
    nominate(delegation, focal, "government")
    delegation_submit(actor=focal, delegation=delegation)
    url = reverse("delegations:review_delegation", args=[delegation.pk])
    seen = _seen(client, url)
    nominate(delegation, focal, "workers", gender="m")  # an amendment in between
    response = client.post(url, {"action": "accept", "seen_updated_at": seen,
                                 "confirm": "yes"})
    assert CONFLICT in response.content.decode()
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.RECEIVED


def test_the_review_page_shows_data_findings_and_who_votes(client, officer, session):
    delegation = submitted(session, "FR", groups=("government", "government", "employers"))
    delegate = delegation.nominations.get(group="employers")
    adviser = nominate(delegation, officer, "employers", role="adviser", gender="m",
                       name="Jean Conseil", adviser_to=delegate,
                       agenda_items=list(session.agenda_items.filter(number="IV")))
    withdrawn = delegation.nominations.get(group="government", person__name="FR government 1")
    nomination_withdraw(actor=officer, nomination=withdrawn)
    url = reverse("delegations:review_delegation", args=[delegation.pk])
    response = client.get(url)
    page = response.content.decode()
    assert "Jean Conseil" in page and "added in amendment 1" in page
    assert "withdrawn in amendment 1" in page
    findings = {(f["rule"], f["provision"]) for f in response.context["findings"]}
    assert ("CON-4", "Constitution art. 4(2)") in findings
    rights = {r.nomination.pk: (r.votes, [reason["provision"] for reason in r.reasons])
              for r in response.context["rights"]}
    government = delegation.nominations.get(group="government", withdrawn_in_amendment=None)
    assert rights == {government.pk: (True, ["Constitution art. 4(1)"]),
                      delegate.pk: (False, ["Constitution art. 4(2)"])}
    assert adviser.pk not in rights
    assert "Does not vote" in page and "Incomplete delegation" in page


def test_findings_are_shown_in_the_users_language(client, session):
    delegation = submitted(session, "FR", groups=("government", "employers"))
    client.force_login(user_with_role(Role.SECRETARIAT, language="fr"))
    page = client.get(reverse("delegations:review_delegation", args=[delegation.pk])) \
        .content.decode()
    assert "Délégation incomplète" in page


def test_a_credentials_letter_is_served_to_the_office(client, officer, session, settings,
                                                      tmp_path):
    settings.MEDIA_ROOT = tmp_path
    delegation = submitted(session, "FR")
    url = reverse("delegations:review_letter", args=[delegation.pk])
    response = client.get(url, follow=True)
    assert "No credentials letter was uploaded." in response.content.decode()
    letter = CredentialLetter(delegation=delegation, original_name="pouvoirs.pdf",
                              sha256="0" * 64, size=9)
    letter.file.save("pouvoirs.pdf", ContentFile(b"%PDF-1.7\n"))
    page = client.get(reverse("delegations:review_delegation", args=[delegation.pk]))
    assert f"{url}?letter={letter.pk}" in page.content.decode()
    response = client.get(url, {"letter": letter.pk})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.7\n"


# --- arrears and settings -------------------------------------------------------------------

def test_arrears_recorded_on_the_page_remove_government_votes_until_restored(
        client, officer, session):
    delegation = submitted(session, "FR", groups=("government", "government", "employers",
                                                  "workers"))
    arrears_url = reverse("delegations:review_arrears", args=[session.pk])
    review_url = reverse("delegations:review_delegation", args=[delegation.pk])

    def votes():
        verdict = client.get(review_url).context["verdict"]
        return (verdict.votes.government, verdict.votes.employers, verdict.votes.workers)

    assert votes() == (2, 1, 1)
    response = client.post(arrears_url, {"form": "arrears", "member_state": state("FR").pk,
                                         "in_arrears": "on"})
    assert response.status_code == 302
    assert votes() == (0, 1, 1)
    page = client.get(review_url).content.decode()
    assert "Constitution art. 13(4)" in page and "Does not vote" in page
    assert "France" in client.get(arrears_url).content.decode()

    response = client.post(arrears_url, {
        "form": "arrears", "member_state": state("FR").pk, "in_arrears": "on",
        "vote_restored_on": "2026-06-03", "decision_reference": "ILC.114/Record No. 4"})
    assert response.status_code == 302
    assert votes() == (2, 1, 1)
    status = ArrearsStatus.objects.get()
    assert (status.vote_restored_on, status.decision_reference) == (
        dt.date(2026, 6, 3), "ILC.114/Record No. 4")
    assert list(ActionLogEntry.objects.filter(action="delegations.arrears.recorded")
                .values_list("actor", flat=True)) == [officer.pk, officer.pk]


def test_a_restoration_without_arrears_is_refused(client, officer, session):
    response = client.post(reverse("delegations:review_arrears", args=[session.pk]), {
        "form": "arrears", "member_state": state("FR").pk, "vote_restored_on": "2026-06-03"})
    assert response.status_code == 200
    assert "only be restored to a Member in arrears" in response.content.decode()
    assert not ArrearsStatus.objects.exists()


def test_the_session_settings_move_the_deadline_and_extend_arrears(client, officer, session):
    delegation = submitted(session, "FR", received_on=dt.date(2026, 5, 4))
    arrears_set(actor=officer, member_state=state("FR"), session=session,
                in_arrears=True)
    url = reverse("delegations:review_arrears", args=[session.pk])
    response = client.post(url, {"form": "settings", "deadline": "2026-05-01",
                                 "arrears_scope": "delegation", "list_language": "en",
                                 "seen_updated_at": ""})
    assert response.status_code == 302
    settings = CredentialsSettings.objects.get()
    assert (settings.deadline, settings.arrears_scope) == (dt.date(2026, 5, 1), "delegation")
    review = client.get(reverse("delegations:review_delegation", args=[delegation.pk]))
    assert review.context["late"] is True
    assert review.context["verdict"].votes.employers == 0
    # A deadline after the opening is refused; a stale form gets the conflict.
    response = client.post(url, {"form": "settings", "deadline": "2026-06-02",
                                 "arrears_scope": "government", "list_language": "fr",
                                 "seen_updated_at": settings.updated_at.isoformat()})
    assert "must fall before the opening" in response.content.decode()
    stale = (settings.updated_at - dt.timedelta(seconds=5)).isoformat()
    response = client.post(url, {"form": "settings", "deadline": "", "arrears_scope":
                                 "government", "list_language": "fr", "seen_updated_at": stale})
    assert CONFLICT in response.content.decode()
    settings.refresh_from_db()
    assert settings.arrears_scope == "delegation"
    assert list(ActionLogEntry.objects.for_object(settings).values_list("action", flat=True)) \
        == ["delegations.credentials_settings.created"]
