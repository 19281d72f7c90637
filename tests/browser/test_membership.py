"""The secretariat adds a member to a committee from a delegation's nominations, then a
member leaves: the weights change, each publication with its date."""


import pytest

from tests.factories import PersonFactory, state
from tests.membership.factories import OPENING, CommitteeFactory
from tripartite.accounts.models import Role, User
from tripartite.delegations.services.nominations import delegation_open, nomination_add
from tripartite.membership import services
from tripartite.membership.models import CommitteeMembership, WeightSnapshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "secret-pass-123"


def test_the_secretariat_adds_and_removes_members_and_the_weights_follow(page, live_server):
    staff = User(username="secretariat", role=Role.SECRETARIAT)
    staff.set_password(PASSWORD)
    staff.save()
    committee = CommitteeFactory(name_en="Committee on Heat at Work")
    for group, iso2 in (("government", "FR"), ("government", "IT"), ("employers", None)):
        services.committee_member_add(actor=staff, committee=committee, person=PersonFactory(),
                                      group=group, member_state=state(iso2) if iso2 else None,
                                      at=OPENING)
    delegation = delegation_open(
        actor=staff, member_state=state("DE"), session=committee.session)
    nomination_add(actor=staff, delegation=delegation, group="workers",
                   role="delegate", name="Greta Arbeiterin", gender="f")

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "secretariat")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{live_server.url}/")
    page.click("nav.mainnav summary >> text=Meetings")  # the secretariat's menu is grouped
    page.click("nav.mainnav >> text=Membership")
    page.click("text=Committee on Heat at Work")
    page.click("text=Add a member")
    page.select_option("#id_state", "DE")
    page.click("text=List its nominations")
    page.select_option("#id_nomination", label="Greta Arbeiterin — Workers, Delegate")
    page.fill("#id_at", "2026-06-02T09:00")
    page.click("text=Add the member")
    page.wait_for_selector(".messages li.success")
    page.fill("input[name=at]", "2026-06-02T10:00")
    page.click("form.filters >> text=Show")
    weights = page.locator("#weights-heading + p + table").inner_text()
    # 2 Government, 1 Employer, 1 Worker: each Government member 1 vote, the others 2
    assert "Workers\t1\t2\t2" in weights
    assert "Government\t2\t1\t2" in weights

    # Italy's member leaves on the third day
    italy = CommitteeMembership.objects.get(committee=committee, member_state__iso2="IT")
    row = page.locator("tr", has_text=str(italy.person))
    row.locator("input[name=at]").fill("2026-06-03T09:00")
    row.locator("text=Remove").click()
    page.wait_for_selector(".messages li.success")
    page.fill("form.filters input[name=at]", "2026-06-03T10:00")
    page.click("form.filters >> text=Show")
    weights = page.locator("#weights-heading + p + table").inner_text()
    assert "Government\t1\t1\t1" in weights
    published = page.locator("#snapshots-heading + table").inner_text()
    assert "3 June 2026, 09:00" in published and "2 June 2026, 09:00" in published
    assert WeightSnapshot.objects.filter(committee=committee).count() == 5
