"""Factories of the registration desk's tests: delegations, registrations, photos."""

import datetime as dt
import io

from PIL import Image

from tests.factories import PersonFactory, SessionFactory, state, user_with_role
from tripartite.accounts.models import Role
from tripartite.delegations.models import Delegation, Nomination
from tripartite.registration.models import Registration


def delegation(session, iso2="FR", status="accepted", **kwargs) -> Delegation:
    return Delegation.objects.create(
        member_state=state(iso2), session=session, status=status,
        received_on=dt.date(2026, 5, 1) if status != "not_received" else None,
        submitted_at=dt.datetime(2026, 5, 1, tzinfo=dt.UTC)
        if status != "not_received" else None, **kwargs)


def nomination(delegation, group="government", role="delegate", person=None,
               **kwargs) -> Nomination:
    person = person or PersonFactory(member_state=delegation.member_state)
    return Nomination.objects.create(delegation=delegation, person=person, group=group,
                                     role=role, **kwargs)


def registration(session=None, iso2="FR", group="government", role="delegate",
                 person=None, **kwargs) -> Registration:
    """A registration from a nomination of ``iso2``'s accepted delegation."""
    session = session or SessionFactory()
    own = (Delegation.objects.filter(session=session, member_state__iso2=iso2).first()
           or delegation(session, iso2))
    nominated = nomination(own, group=group, role=role, person=person)
    return Registration.objects.create(
        session=session, person=nominated.person, nomination=nominated, category=group,
        role_label="Delegate", affiliation=own.member_state.name_en, **kwargs)


def hand_registration(session, category="observer", person=None, **kwargs) -> Registration:
    return Registration.objects.create(
        session=session, person=person or PersonFactory(member_state=None),
        category=category, role_label="Observer", affiliation="United Nations", **kwargs)


def desk_user():
    return user_with_role(Role.REGISTRATION_DESK)


def image_bytes(size=(600, 800), fmt="JPEG", colour=(40, 90, 160), **save) -> bytes:
    image = Image.new("RGB" if fmt != "PNG" else "RGBA", size, colour)
    # A visible mark, so that a crop can be checked.
    for x in range(size[0] // 2 - 5, size[0] // 2 + 5):
        for y in range(size[1]):
            image.putpixel((x, y), (250, 250, 250) if fmt != "PNG" else (250, 250, 250, 255))
    out = io.BytesIO()
    image.save(out, format=fmt, **save)
    return out.getvalue()
