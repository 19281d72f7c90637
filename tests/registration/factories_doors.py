"""Registrations, badges and delegations for the doors' tests, made directly (the desk's
services are not needed to test check-in and attendance)."""

import datetime as dt
import itertools

from tests.factories import PersonFactory, state
from tripartite.delegations.models import Delegation, Nomination
from tripartite.registration import tokens
from tripartite.registration.models import Badge, Registration

OPENING = dt.datetime(2026, 6, 1, 8, 0, tzinfo=dt.UTC)  # 10:00 in Geneva
_numbers = itertools.count(1)


def registration(session, *, person=None, nomination=None, category="government",
                 affiliation="France", role_label="Delegate", registered_at=OPENING,
                 departed_at=None) -> Registration:
    person = person or (nomination.person if nomination else PersonFactory())
    return Registration.objects.create(
        session=session, person=person, nomination=nomination, category=category,
        affiliation=affiliation, role_label=role_label, registered_at=registered_at,
        departed_at=departed_at)


def badge(reg: Registration, *, revoked_at=None) -> Badge:
    return Badge.objects.create(session=reg.session, registration=reg,
                                number=next(_numbers), revoked_at=revoked_at)


def badged(session, **kwargs) -> tuple[Registration, Badge, str]:
    """A registration with a valid badge, and the text its QR code carries."""
    reg = registration(session, **kwargs)
    issued = badge(reg)
    return reg, issued, tokens.sign(issued.token_id)


def delegation(session, iso2="FR", *, groups=("government", "government", "employers",
                                               "workers"), status="accepted",
               advisers=0) -> tuple[Delegation, list[Nomination]]:
    """A delegation with one delegate per entry of ``groups`` (and some advisers)."""
    made = Delegation.objects.create(member_state=state(iso2), session=session, status=status,
                                     received_on=dt.date(2026, 5, 1),
                                     submitted_at=dt.datetime(2026, 5, 1, tzinfo=dt.UTC))
    nominations = [
        Nomination.objects.create(delegation=made, person=PersonFactory(member_state=state(
            iso2)), group=group, role="delegate", position=n)
        for n, group in enumerate(groups)]
    for n in range(advisers):
        Nomination.objects.create(delegation=made, person=PersonFactory(member_state=state(
            iso2)), group="government", role="adviser", adviser_to=nominations[0],
            position=100 + n)
    return made, nominations


def register_all(session, nominations, *, registered_at=OPENING) -> list[Registration]:
    return [registration(session, nomination=n, category=n.group,
                         affiliation=n.delegation.member_state.iso2,
                         registered_at=registered_at) for n in nominations]
