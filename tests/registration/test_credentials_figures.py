"""The Credentials Committee's figures of persons accredited and persons registered, Ministers
apart, and the quorum base from the registered delegates entitled to vote, at a stated moment.

The accredited side (women, incomplete and late delegations) is tested on the same dataset in
tests/delegations/test_figures.py.
"""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.delegations.test_figures import build_dataset, delegation_of
from tests.factories import AgendaItemFactory, SessionFactory, user_with_role
from tests.registration.factories import hand_registration
from tests.registration.factories_doors import OPENING, registration
from tripartite.accounts.models import Role
from tripartite.delegations.models import Nomination
from tripartite.registration.figures import credentials_figures
from tripartite.registration.models import AttendanceSettings, QuorumBasis

pytestmark = pytest.mark.django_db
HOUR = dt.timedelta(hours=1)


@pytest.fixture
def session():
    session = SessionFactory()  # opens 1 June 2026, 10:00 in Geneva
    AgendaItemFactory(session=session, number="IV", technical=True)
    return session


@pytest.fixture
def officer():
    return user_with_role(Role.SECRETARIAT)


@pytest.fixture
def dataset(session, officer):
    """France, Germany (late, no Workers' delegate), Kenya (in arrears); Brazil not submitted:
    tests/delegations/test_figures.py."""
    return build_dataset(session, officer)


def nominee(delegation, group, role, *, admitted=True):
    return Nomination.objects.filter(delegation=delegation, group=group, role=role,
                                     admitted=admitted).order_by("position", "id")


@pytest.fixture
def registered(session, dataset):
    """FR: its delegates and its Minister at the opening, its Government adviser an hour later,
    its Workers' delegate departing two hours after the opening. DE: one Government delegate
    and the (lone, so not voting) Employers' delegate. KE (in arrears): its Workers' delegate,
    and the adviser the Conference refused. Not counted: an observer added by hand, and a
    delegate of a delegation that was never submitted."""
    france, germany, kenya = dataset["FR"], dataset["DE"], dataset["KE"]
    for nomination in nominee(france, "government", "delegate"):
        registration(session, nomination=nomination)
    registration(session, nomination=nominee(france, "employers", "delegate").get())
    registration(session, nomination=nominee(france, "workers", "delegate").get(),
                 departed_at=OPENING + 2 * HOUR)
    registration(session, nomination=nominee(france, "government", "minister").get())
    registration(session, nomination=nominee(france, "government", "adviser").get(),
                 registered_at=OPENING + HOUR)
    registration(session, nomination=nominee(germany, "government", "delegate").first())
    registration(session, nomination=nominee(germany, "employers", "delegate").get())
    registration(session, nomination=nominee(kenya, "workers", "delegate").get())
    registration(session, nomination=nominee(kenya, "workers", "adviser", admitted=False).get())
    hand_registration(session, registered_at=OPENING)
    brazil = Nomination.objects.get(delegation__member_state__iso2="BR").delegation
    registration(session, nomination=nominee(brazil, "government", "delegate").get())


def table(persons):
    return {row.label: (row.delegates, row.advisers) for row in
            [*persons.by_group, persons.all_groups]} | {
        "Ministers": persons.ministers, "Others": persons.others}


def test_persons_accredited_and_registered_at_the_opening(session, registered):
    figures = credentials_figures(session, OPENING)

    assert table(figures.accredited) == {
        "Government": (5, 2), "Employers": (3, 1), "Workers": (2, 2), "All groups": (10, 5),
        "Ministers": 1, "Others": 0}
    assert table(figures.registered) == {
        "Government": (3, 0), "Employers": (2, 0), "Workers": (2, 0), "All groups": (7, 0),
        "Ministers": 1, "Others": 0}
    # Entitled to vote and registered: FR 2/1/1; DE 1/0/0 (its Employers' delegate is alone);
    # KE 0/0/1 (in arrears: its Government delegates lose the vote, the others keep theirs).
    assert figures.quorum_base.as_dict() == {"government": 3, "employers": 1, "workers": 2,
                                             "total": 6}
    assert figures.quorum == 3
    assert figures.committee.entitled_total == 8  # accredited, registered or not


def test_the_figures_follow_the_moment_they_refer_to(session, registered):
    assert credentials_figures(session, OPENING - HOUR).registered.all_groups.total == 0
    assert credentials_figures(session, OPENING + HOUR).registered.all_groups.advisers == 1
    later = credentials_figures(session, OPENING + 3 * HOUR)
    assert (later.registered.by_group[2].delegates, later.quorum_base.workers) == (1, 1)
    assert later.quorum_base.total == 5


def test_under_the_accreditation_practice_every_accredited_person_counts_until_departure(
        session, registered):
    AttendanceSettings.objects.create(session=session, quorum_basis=QuorumBasis.ACCREDITED)

    figures = credentials_figures(session, OPENING + 3 * HOUR)

    assert table(figures.registered) == {
        "Government": (5, 2), "Employers": (3, 1), "Workers": (1, 2), "All groups": (9, 5),
        "Ministers": 1, "Others": 0}
    assert figures.quorum_base.total == 7  # the 8 entitled, but France's Workers' delegate
    assert figures.basis == QuorumBasis.ACCREDITED


def test_the_page_states_the_moment_and_the_csv_has_both_tables(client, session, registered):
    client.force_login(user_with_role(Role.CREDENTIALS_COMMITTEE))
    url = reverse("registration:credentials_figures", args=[session.pk])
    assert url == f"/delegations/sessions/{session.pk}/figures/"  # the address it always had

    page = client.get(url, {"at": "2026-06-01T13:00"})  # Geneva time: 11:00 UTC

    assert page.status_code == 200
    html = page.content.decode()
    assert "Figures as of 1 June 2026, 13:00 (Europe/Zurich)." in html
    assert "5 registered delegates entitled to vote" in html  # France's Worker left at 12:00
    assert "26%" in html and "Germany" in html
    response = client.get(reverse("registration:credentials_figures_csv", args=[session.pk]),
                          {"at": "2026-06-01T13:00"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="credentials-figures-' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert ["Figures as of", "1 June 2026, 13:00", "Europe/Zurich"] in rows
    assert ["Member States accredited", "3", "187"] in rows
    assert ["All groups", "10", "5", "15", "6", "1", "7"] in rows
    assert ["Ministers attending the Conference", "", "", "1", "", "", "1"] in rows
    assert ["Quorum base: registered delegates entitled to vote", "5"] in rows
    assert ["Quorum (half the registered delegates entitled to vote)", "3"] in rows
    assert ["All groups", "10", "3", "5", "1", "15", "4", "30%", "20%", "26%"] in rows
    assert ["Germany", "DEU", "2026-05-20", "2026-05-11"] in rows


def test_a_moment_that_is_not_a_date_shows_the_figures_now_and_says_so(client, session,
                                                                      registered):
    client.force_login(user_with_role(Role.CREDENTIALS_COMMITTEE))
    page = client.get(reverse("registration:credentials_figures", args=[session.pk]),
                      {"at": "yesterday"})
    assert page.status_code == 200
    assert "Enter a valid date/time." in page.content.decode()


def test_the_figures_are_in_the_users_language(client, session, dataset):
    client.force_login(user_with_role(Role.CREDENTIALS_COMMITTEE, language="fr"))
    html = client.get(reverse("registration:credentials_figures", args=[session.pk])) \
        .content.decode()
    assert "Allemagne" in html


@pytest.mark.parametrize("count", [1, 3])
def test_the_figures_take_a_fixed_number_of_queries(client, session, officer, count):
    for iso2 in ("FR", "DE", "KE")[:count]:
        delegation = delegation_of(session, officer, iso2, [
            ("government", "delegate", "f"), ("workers", "adviser", "m"),
            ("government", "minister", "m")])
        for nomination in delegation.nominations.all():
            registration(session, nomination=nomination)
    client.force_login(user_with_role(Role.CREDENTIALS_COMMITTEE))
    for name in ("registration:credentials_figures", "registration:credentials_figures_csv"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name, args=[session.pk])).status_code == 200
        # session, user; the session; settings, arrears, open queries, delegations,
        # nominations, their agenda items, the session's agenda items, member States; the
        # quorum practice; registrations by role; registered voters.
        assert len(queries) == 14, name
