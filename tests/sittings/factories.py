"""A session with two delegations, a Chair and a secretary, and a sitting of it."""

import datetime as dt

from tests.factories import AgendaItemFactory, PersonFactory, user_with_role
from tests.votes.factories import delegate_user, delegation
from tripartite.accounts.models import Role
from tripartite.meetings.models import Officer
from tripartite.sittings import services


def secretariat():
    return user_with_role(Role.SECRETARIAT)


def sitting_with_delegates(states=("FR", "DE"), *, advisers=0, **values):
    """(sitting, {iso2: nominations}, chair user, secretary user)."""
    item = AgendaItemFactory()
    session = item.session
    delegates = {iso2: delegation(session, iso2, advisers=advisers) for iso2 in states}
    chair_person = PersonFactory()
    chair = Officer.objects.create(session=session, role="chair", person=chair_person)
    chair_user = user_with_role(Role.MEETING_OFFICER, person=chair_person)
    secretary = user_with_role(Role.MEETING_OFFICER)
    fields = {"title": "First sitting", "date": dt.date(2026, 6, 2),
              "starts_at": dt.time(10, 0), "ends_at": dt.time(13, 0), "room": "Room XIX",
              "chair": chair, "secretary": secretary}
    fields.update(values)
    sitting = services.sitting_plan(actor=secretariat(), session=session, agenda_items=[item],
                                    **fields)
    return sitting, delegates, chair_user, secretary


def opened(**kwargs):
    sitting, delegates, chair, secretary = sitting_with_delegates(**kwargs)
    services.sitting_step(actor=chair, sitting=sitting, step="open")
    sitting.refresh_from_db()
    return sitting, delegates, chair, secretary


__all__ = ["delegate_user", "opened", "secretariat", "sitting_with_delegates"]
