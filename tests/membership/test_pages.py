"""The membership pages: what readers see, and the secretariat's forms."""

import datetime as dt
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PersonFactory, state, user_with_role
from tests.membership.factories import (
    OPENING,
    CommitteeFactory,
    CommitteeMembershipFactory,
    GoverningBodyMembershipFactory,
    GoverningBodySessionFactory,
)
from tripartite.accounts.models import Role
from tripartite.delegations.models import ArrearsStatus
from tripartite.delegations.services.nominations import delegation_open, nomination_add
from tripartite.membership import selectors, services
from tripartite.membership.models import (
    CommitteeMembership,
    GoverningBodyMembership,
    GoverningBodyReplacement,
    WeightSnapshot,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(client):
    user = user_with_role(Role.SECRETARIAT)
    client.force_login(user)
    return user


def test_the_secretariat_adds_a_member_from_a_nomination_and_the_weights_follow(client,
                                                                                secretariat):
    committee = CommitteeFactory()
    session = committee.session
    delegation = delegation_open(actor=secretariat, member_state=state("DE"),
                                 session=session)
    nomination = nomination_add(
        actor=secretariat, delegation=delegation, group="workers", role="delegate",
        name="Greta Arbeiterin", gender="f")
    url = reverse("membership:committee_member_add", args=[committee.pk])
    page = client.get(url, {"state": "DE"})
    assert "Greta Arbeiterin" in page.content.decode()
    response = client.post(f"{url}?state=DE", {"nomination": nomination.pk, "kind": "regular",
                                               "at": "2026-06-02T09:30"})
    assert response.status_code == 302
    membership = CommitteeMembership.objects.get(committee=committee)
    # typed in the session's time zone (Geneva, UTC+2 in June)
    assert membership.valid_from == dt.datetime(2026, 6, 2, 7, 30, tzinfo=dt.UTC)
    assert membership.group == "workers" and membership.member_state == state("DE")
    assert WeightSnapshot.objects.filter(committee=committee).count() == 1
    detail = client.get(reverse("membership:committee_detail", args=[committee.pk]),
                        {"at": "2026-06-02T10:00"}).content.decode()
    assert "Greta Arbeiterin" in detail
    assert "Weights in force since 2 June 2026, 09:30" in detail


def test_a_deputy_workers_member_is_refused_on_the_form(client, secretariat):
    committee = CommitteeFactory()
    delegation = delegation_open(
        actor=secretariat, member_state=state("DE"), session=committee.session)
    nomination = nomination_add(
        actor=secretariat, delegation=delegation, group="workers", role="delegate",
        name="Greta Arbeiterin", gender="f")
    url = reverse("membership:committee_member_add", args=[committee.pk])
    response = client.post(f"{url}?state=DE", {"nomination": nomination.pk, "kind": "deputy",
                                               "at": "2026-06-02T09:30"})
    assert response.status_code == 200
    assert "Only Government members can be deputy members" in response.content.decode()
    assert not CommitteeMembership.objects.exists()


def test_removing_a_member_from_the_page_closes_the_row_and_republishes(client, secretariat):
    committee = CommitteeFactory()
    members = [services.committee_member_add(
        actor=secretariat, committee=committee, person=PersonFactory(), group="government",
        member_state=state(iso2), at=OPENING) for iso2 in ("FR", "DE")]
    response = client.post(reverse("membership:committee_member_end", args=[members[0].pk]),
                           {"at": "2026-06-03T10:00"})
    assert response.status_code == 302
    members[0].refresh_from_db()
    assert members[0].valid_until == dt.datetime(2026, 6, 3, 8, 0, tzinfo=dt.UTC)
    latest = selectors.weights_at(committee, members[0].valid_until)
    assert (latest.government, latest.reason) == (1, "removed")
    # A second removal is refused with the reason, and nothing changes
    client.post(reverse("membership:committee_member_end", args=[members[0].pk]),
                {"at": "2026-06-04T10:00"})
    page = client.get(reverse("membership:committee_detail", args=[committee.pk]))
    assert "already left this committee" in page.content.decode()
    assert WeightSnapshot.objects.filter(committee=committee).count() == 3


def test_the_committee_page_reads_a_fixed_number_of_queries(client, secretariat):
    committee = CommitteeFactory()
    url = reverse("membership:committee_detail", args=[committee.pk])

    def grow(n):
        for _ in range(n):
            for group in ("government", "employers", "workers"):
                services.committee_member_add(
                    actor=secretariat, committee=committee, person=PersonFactory(),
                    group=group, member_state=state("FR") if group == "government" else None,
                    at=OPENING)

    grow(1)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url, {"at": "2026-06-02T10:00"}).status_code == 200
    grow(3)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url, {"at": "2026-06-02T10:00"}).status_code == 200
    assert len(large) == len(small)


def test_the_gb_page_marks_arrears_replacements_and_who_votes(client, secretariat):
    session = GoverningBodySessionFactory()
    france = GoverningBodyMembershipFactory(meeting=session.meeting)
    germany = GoverningBodyMembershipFactory(meeting=session.meeting, member_state=state("DE"))
    titular = GoverningBodyMembershipFactory(meeting=session.meeting, group="employers")
    deputy = GoverningBodyMembershipFactory(meeting=session.meeting, group="employers",
                                            seat="deputy")
    ArrearsStatus.objects.create(member_state=state("DE"), session=session)
    url = reverse("membership:gb_replacement_add", args=[session.pk])
    response = client.post(url, {"titular": titular.pk, "deputy": deputy.pk,
                                 "valid_from": "2026-06-15T10:00"})
    assert response.status_code == 302
    assert GoverningBodyReplacement.objects.get().recorded_by == secretariat
    page = client.get(reverse("membership:gb_session", args=[session.pk]),
                      {"at": "2026-06-15T11:00"}).content.decode()
    assert "2 members vote at 15 June 2026, 11:00" in page
    assert "in arrears" in page
    assert f"in place of {titular.person}" in page
    voters = selectors.governing_body_voters(session, dt.datetime(2026, 6, 15, 9, 0,
                                                                  tzinfo=dt.UTC))
    assert voters == {france.person_id: "government", deputy.person_id: "employers"}
    assert germany.person_id not in voters


def test_the_gb_form_refuses_a_deputy_of_another_group(client, secretariat):
    session = GoverningBodySessionFactory()
    titular = GoverningBodyMembershipFactory(meeting=session.meeting, group="workers")
    deputy = GoverningBodyMembershipFactory(meeting=session.meeting, group="employers",
                                            seat="deputy")
    response = client.post(reverse("membership:gb_replacement_add", args=[session.pk]),
                           {"titular": titular.pk, "deputy": deputy.pk,
                            "valid_from": "2026-06-15T10:00"})
    assert response.status_code == 200
    assert "replaces a titular member of their own group" in response.content.decode()
    assert not GoverningBodyReplacement.objects.exists()


def test_readers_see_the_pages_without_the_forms(client):
    client.force_login(user_with_role(Role.OBSERVER))
    committee = CommitteeFactory()
    CommitteeMembershipFactory(committee=committee)
    page = client.get(reverse("membership:committee_detail", args=[committee.pk]))
    assert page.status_code == 200
    assert "Add a member" not in page.content.decode()
    assert selectors.committee_voters(committee, OPENING) == {
        CommitteeMembership.objects.get().person_id: ("government", Fraction(1))}
    index = client.get(reverse("membership:index")).content.decode()
    assert committee.name in index


def test_a_bad_moment_is_answered_not_crashed(client, secretariat):
    committee = CommitteeFactory()
    page = client.get(reverse("membership:committee_detail", args=[committee.pk]),
                      {"at": "yesterday"})
    assert page.status_code == 200
    assert "could not be read" in page.content.decode()
    response = client.post(reverse("membership:committee_replacement_add",
                                   args=[committee.pk]), {"at": "soon"})
    assert response.status_code == 200
    assert "Enter a valid date/time." in response.content.decode()


def test_the_shared_member_form_names_the_body_it_adds_to(client, secretariat):
    committee = CommitteeFactory(name_en="Committee on the Application of Standards")
    page = client.get(reverse("membership:committee_member_add", args=[committee.pk]),
                      {"state": "ZZ"}).content.decode()
    # "ZZ" is not a member State: the form comes back with an error, named in the title.
    assert "<title>Error: Add a member — Committee on the Application of Standards" in page
    assert "<h1>Add a member to the committee</h1>" in page
    assert "List its nominations" in page
    assert "Choose a member State with a delegation to this session." in page
    session = GoverningBodySessionFactory()
    page = client.get(reverse("membership:gb_member_add", args=[session.pk]),
                      {"state": "FR"}).content.decode()
    assert "<h1>Add a member of the Governing Body</h1>" in page
    assert (f'<a href="{reverse("membership:gb_session", args=[session.pk])}">'
            f"{session.title}</a></p>") in page
    assert "A Government seat is held for the member State chosen above." in page
    assert "Choose a member State with a delegation" not in page


def test_the_secretariat_adds_a_governing_body_member_from_the_page(client, secretariat):
    session = GoverningBodySessionFactory()
    person = PersonFactory(member_state=state("FR"))
    url = reverse("membership:gb_member_add", args=[session.pk])
    response = client.post(f"{url}?state=FR", {
        "person": person.pk, "group": "government", "seat": "titular",
        "term_from": "2026-06-15"})
    assert response.status_code == 302
    assert response["Location"] == reverse("membership:gb_session", args=[session.pk])
    membership = GoverningBodyMembership.objects.get()
    assert (membership.person, membership.member_state, membership.seat) == (
        person, state("FR"), "titular")


def test_ending_a_replacement_from_either_page(client, secretariat):
    session = GoverningBodySessionFactory()
    titular = GoverningBodyMembershipFactory(meeting=session.meeting, group="employers")
    deputy = GoverningBodyMembershipFactory(meeting=session.meeting, group="employers",
                                            seat="deputy")
    replacement = services.gb_replacement_record(
        actor=secretariat, session=session, titular=titular, deputy=deputy,
        valid_from=dt.datetime(2026, 6, 15, 10, 0, tzinfo=dt.UTC), valid_until=None)
    response = client.post(reverse("membership:gb_replacement_end", args=[replacement.pk]),
                           {"at": "2026-06-15T14:00"})
    assert response["Location"] == reverse("membership:gb_session", args=[session.pk])
    replacement.refresh_from_db()
    assert replacement.valid_until == dt.datetime(2026, 6, 15, 12, 0, tzinfo=dt.UTC)
    committee = CommitteeFactory()
    regular, spare = (services.committee_member_add(
        actor=secretariat, committee=committee, person=PersonFactory(), group="government",
        member_state=state("FR"), kind=kind, at=OPENING) for kind in ("regular", "deputy"))
    replacing = services.committee_replacement_record(
        actor=secretariat, replaced=regular, deputy=spare,
        at=dt.datetime(2026, 6, 2, 8, 0, tzinfo=dt.UTC))
    response = client.post(reverse("membership:committee_replacement_end",
                                   args=[replacing.pk]), {"at": "bad"})
    assert response["Location"] == reverse("membership:committee_detail", args=[committee.pk])
    replacing.refresh_from_db()
    assert replacing.valid_until is None
