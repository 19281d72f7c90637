"""The dashboard: proposals by state and unit, submission-to-decision times (median and
longest), the share returned for changes, the findings that occur most."""

import datetime as dt
from fractions import Fraction

import pytest
from django.urls import reverse

from tests.factories import user_with_role
from tests.proposals.factories import make_proposal, to_officers
from tripartite.accounts.models import Role
from tripartite.proposals import selectors, services
from tripartite.proposals.models import StateChange

pytestmark = pytest.mark.django_db


def decide(proposal, secretariat, *, submitted_days_before: int, decision="approved"):
    to_officers(proposal, secretariat)
    services.decision_record(proposal=proposal, actor=secretariat, decision=decision,
                             decided_on=selectors.today())
    # Date the first submission back, as if it had happened that many days ago.
    StateChange.objects.filter(proposal=proposal, to_state="submitted").update(
        at=dt.datetime.combine(selectors.today() - dt.timedelta(days=submitted_days_before),
                               dt.time(12), tzinfo=dt.UTC))


def test_figures(client):
    secretariat = user_with_role(Role.SECRETARIAT)
    sector = user_with_role(Role.UNIT_OFFICER, unit="SECTOR")
    dakar = user_with_role(Role.UNIT_OFFICER, unit="ILO Dakar")
    decide(make_proposal(sector, title_en="A"), secretariat, submitted_days_before=10)
    decide(make_proposal(sector, title_en="B"), secretariat, submitted_days_before=30,
           decision="not_approved")
    longest = make_proposal(dakar, title_en="C")
    decide(longest, secretariat, submitted_days_before=41)
    returned = make_proposal(dakar, title_en="D")
    services.proposal_submit(proposal=returned, actor=dakar)
    services.proposal_transition(proposal=returned, actor=secretariat, to_state="returned",
                                 comment="Add the donor.")
    make_proposal(dakar, title_en="E")  # a draft: no finding counted, not submitted

    figures = selectors.dashboard()
    assert figures.by_unit == [
        ("ILO Dakar", [1, 0, 0, 1, 0, 0, 1, 0, 0, 0], 3),
        ("SECTOR", [0, 0, 0, 0, 0, 0, 1, 1, 0, 0], 2)]
    assert (figures.decided, figures.median_days, figures.longest_days) == (3, 30, 41)
    assert figures.longest == longest
    assert (figures.submitted, figures.returned) == (4, 1)
    assert figures.returned_share == Fraction(1, 4)
    # Only the returned proposal still finds something: it was never consulted.
    assert figures.frequent_findings == [("MTG-2-CONSULTED", 1)]

    client.force_login(user_with_role(Role.SENIOR_OFFICIAL))
    page = client.get(reverse("proposals:dashboard")).content.decode()
    assert '<strong id="median-days">30</strong>' in page
    assert '<strong id="longest-days">41</strong>' in page
    assert '<strong id="returned-share">25 %</strong>' in page


def test_an_empty_dashboard(client):
    client.force_login(user_with_role(Role.OBSERVER))
    response = client.get(reverse("proposals:dashboard"))
    assert response.status_code == 200
    assert response.context["figures"].median_days is None
    assert "No proposal yet." in response.content.decode()


def test_dashboard_queries_do_not_grow(client, django_assert_max_num_queries):
    secretariat = user_with_role(Role.SECRETARIAT)
    unit_officer = user_with_role(Role.UNIT_OFFICER, unit="SECTOR")
    client.force_login(secretariat)
    proposal = make_proposal(unit_officer)
    services.proposal_submit(proposal=proposal, actor=unit_officer)
    with django_assert_max_num_queries(20) as one:
        client.get(reverse("proposals:dashboard"))
    for n in range(4):
        proposal = make_proposal(unit_officer, title_en=f"W{n}")
        services.proposal_submit(proposal=proposal, actor=unit_officer)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(reverse("proposals:dashboard"))
