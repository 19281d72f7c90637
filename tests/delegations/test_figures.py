"""The Credentials Committee's figures of persons accredited, on a small dataset whose every
number is known (the persons registered, and the page: tests/registration/)."""

import datetime as dt
from fractions import Fraction

import pytest

from tests.factories import AgendaItemFactory, SessionFactory, state, user_with_role
from tripartite.accounts.models import Role
from tripartite.delegations.figures import percent, session_figures
from tripartite.delegations.models import Delegation, Nomination
from tripartite.delegations.services.credentials import arrears_set
from tripartite.delegations.services.nominations import (
    delegation_open,
    delegation_submit,
    nomination_add,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    session = SessionFactory()  # opens 1 June 2026: credentials due by 11 May
    AgendaItemFactory(session=session, number="IV", technical=True)
    return session


@pytest.fixture
def officer():
    return user_with_role(Role.SECRETARIAT)


def delegation_of(session, officer, iso2, persons, *, received_on=dt.date(2026, 5, 4),
                  submit=True):
    """``persons``: (group, role, gender) triples."""
    delegation = delegation_open(actor=officer, member_state=state(iso2),
                                 session=session)
    for number, (group, role, gender) in enumerate(persons):
        nomination_add(actor=officer, delegation=delegation, group=group, role=role,
                       name=f"{iso2} {number}", gender=gender)
    if submit:
        delegation_submit(actor=officer, delegation=delegation)
        Delegation.objects.filter(pk=delegation.pk).update(received_on=received_on)
    return delegation


@pytest.fixture
def dataset(session, officer):
    return build_dataset(session, officer)


def build_dataset(session, officer):
    france = delegation_of(session, officer, "FR", [
        ("government", "delegate", "f"), ("government", "delegate", "m"),
        ("employers", "delegate", "m"), ("workers", "delegate", "f"),
        ("government", "adviser", "m"), ("employers", "adviser", "f"),
        ("government", "minister", "m")])
    germany = delegation_of(session, officer, "DE", [
        ("government", "delegate", "m"), ("government", "delegate", "m"),
        ("employers", "delegate", "m"), ("government", "adviser", "m")],
        received_on=dt.date(2026, 5, 20))
    kenya = delegation_of(session, officer, "KE", [
        ("government", "delegate", "f"), ("employers", "delegate", "m"),
        ("workers", "delegate", "m"), ("workers", "adviser", "m"), ("workers", "adviser", "m"),
        ("workers", "adviser", "f")])
    # The Conference refused the woman adviser: she no longer counts.
    Nomination.objects.filter(delegation=kenya, role="adviser", person__gender="f") \
        .update(admitted=False)
    arrears_set(actor=officer, member_state=state("KE"), session=session,
                in_arrears=True)
    # Being prepared, not submitted: not accredited, not counted.
    delegation_of(session, officer, "BR", [("government", "delegate", "f")], submit=False)
    return {"FR": france, "DE": germany, "KE": kenya}


def test_the_figures_are_exact(session, dataset):
    figures = session_figures(session)
    assert (figures.accredited, figures.member_states) == (3, 187)
    rows = {row.label: (row.delegates, row.women_delegates, row.advisers, row.women_advisers)
            for row in [*figures.by_group, figures.all_groups]}
    assert rows == {"Government": (5, 2, 2, 0), "Employers": (3, 0, 1, 1),
                    "Workers": (2, 1, 2, 0), "All groups": (10, 3, 5, 1)}
    assert (figures.ministers, figures.others) == (1, 0)  # the French Minister, apart
    everyone = figures.all_groups
    assert (everyone.share_delegates, everyone.share_advisers, everyone.share) == (
        Fraction(3, 10), Fraction(1, 5), Fraction(4, 15))
    assert [(i.member_state.iso2, i.women, i.total, i.share) for i in figures.under_target] \
        == [("DE", 0, 4, Fraction(0)), ("KE", 1, 5, Fraction(1, 5))]
    assert [(i.member_state.iso2, i.missing) for i in figures.incomplete] == [
        ("DE", ("Workers",))]
    assert [i.member_state.iso2 for i in figures.late] == ["DE"]
    assert figures.deadline == dt.date(2026, 5, 11)
    # FR 2/1/1, DE 2/0/0 (a lone Employers' delegate), KE 0/1/1 (in arrears).
    assert figures.entitled.as_dict() == {"government": 4, "employers": 2, "workers": 2}
    assert figures.entitled_total == 8


def test_a_restoration_of_the_vote_enters_the_quorum_base(session, officer, dataset):
    arrears_set(actor=officer, member_state=state("KE"), session=session,
                in_arrears=True, vote_restored_on=dt.date(2026, 6, 2))
    assert session_figures(session).entitled_total == 9


def test_percentages_round_down():
    assert (percent(Fraction(299, 1000)), percent(Fraction(3, 10)), percent(None)) == (
        "29%", "30%", "—")
