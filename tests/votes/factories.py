"""Factories of the votes' tests: a session with delegations whose delegates are registered
and entitled to vote, votes in each state, and delegate logins linked to their person."""

import datetime as dt

from tests.factories import AgendaItemFactory, PersonFactory, state, user_with_role
from tripartite.accounts.models import Role
from tripartite.delegations.models import Delegation, Nomination
from tripartite.registration.models import Registration
from tripartite.votes.models import Vote

REGISTERED_AT = dt.datetime(2026, 6, 1, 8, 0, tzinfo=dt.UTC)
GROUPS = ("government", "government", "employers", "workers")


def delegation(session, iso2, *, registered=True, advisers=0):
    """A complete delegation of ``iso2`` (two Government, one Employers', one Workers'
    delegate), accepted; its delegates registered at the desk when ``registered``."""
    own = Delegation.objects.create(
        member_state=state(iso2), session=session, status="accepted",
        received_on=dt.date(2026, 5, 1), submitted_at=dt.datetime(2026, 5, 1, tzinfo=dt.UTC))
    nominations = []
    for position, group in enumerate(GROUPS, start=1):
        nomination = Nomination.objects.create(
            delegation=own, person=PersonFactory(member_state=own.member_state), group=group,
            role="delegate", position=position)
        nominations.append(nomination)
        if registered:
            register(nomination)
    for n in range(advisers):
        adviser = Nomination.objects.create(
            delegation=own, person=PersonFactory(member_state=own.member_state),
            group="government", role="adviser", adviser_to=nominations[0],
            position=len(GROUPS) + n + 1)
        nominations.append(adviser)
    return nominations


def register(nomination, at=REGISTERED_AT, **kwargs):
    return Registration.objects.create(
        session=nomination.delegation.session, person=nomination.person, nomination=nomination,
        category=nomination.group, role_label="Delegate",
        affiliation=nomination.delegation.member_state.name_en, registered_at=at, **kwargs)


def plenary(states=("FR", "DE", "IT")):
    """An agenda item of a session and the delegations of ``states``: 4 voters each."""
    item = AgendaItemFactory()
    delegates = {iso2: delegation(item.session, iso2) for iso2 in states}
    return item, delegates


def vote(item, **kwargs) -> Vote:
    values = {"session": item.session, "agenda_item": item, "subject_en": "Final record vote",
              "method": "record", "majority": "simple", "quorum_source": "attendance"}
    values.update(kwargs)
    return Vote.objects.create(**values)


def delegate_user(nomination):
    """The delegate's login (one per person: made the first time)."""
    from tripartite.accounts.models import User

    return (User.objects.filter(person=nomination.person).first()
            or user_with_role(Role.DELEGATE, person=nomination.person))


def secretariat():
    return user_with_role(Role.SECRETARIAT)
