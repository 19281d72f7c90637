"""Demo registrations for a session of the Conference: the accredited participants, most of
them registered at the desk, a few hundred badges printed; in bulk, no PDF made.

The demo login "delegate" is linked (``User.person``) to a registered Government delegate
of the session (Kenya's when its credentials reached the Office, else the first accepted
delegation's), so that a delegate's own pages (photo, votes) have someone to show.

Deterministic, like the rest of the demo: one seeded ``random.Random``. Badge tokens are
random (they are secrets), so they differ between loads.
"""

import datetime as dt
import random

from django.db.models import OuterRef, Subquery
from django.utils import translation

from tripartite.accounts.models import User
from tripartite.constituents.models import Person
from tripartite.delegations.models import DelegationStatus, NominationRole
from tripartite.registration.models import Badge, Registration
from tripartite.registration.selectors import accredited_nominations

SEED = 2026
REGISTERED_SHARE = 0.85
BADGES = 400  # at most: the first ones printed, before the opening
DELEGATE_LOGIN = "delegate"
DESK_LOGIN = "desk"
DELEGATE_STATE = "KE"
DELEGATE_GENDER = "f"  # the demo login "delegate" is Priya Nair (demo/loader.py)


def create_registrations(session) -> dict[str, int]:
    """The registrations of ``session`` (unless it has some already)."""
    if Registration.objects.filter(session=session).exists():
        return {"registrations": Registration.objects.filter(session=session).count()}
    rng = random.Random(f"{SEED}:registration")
    desk = User.objects.filter(username=DESK_LOGIN).first()
    with translation.override("en"):
        roles = {value: str(label) for value, label in NominationRole.choices}
    opens = session.opens_at
    nominations = list(accredited_nominations(session).values_list(
        "pk", "person_id", "group", "role", "delegation__member_state__name_en",
        "delegation__member_state__iso2", "delegation__status"))
    registrations = []
    delegate_pick = None
    for pk, person, group, role, state, iso2, status in nominations:
        registered = rng.random() < REGISTERED_SHARE
        registration = Registration(
            session=session, person_id=person, nomination_id=pk, category=group,
            role_label=roles[role], affiliation=state,
            registered_at=opens - dt.timedelta(minutes=rng.randint(10, 36 * 60))
            if registered else None,
            registered_by=desk if registered else None)
        if (group == "government" and role == NominationRole.DELEGATE
                and status == DelegationStatus.ACCEPTED
                and (delegate_pick is None or (iso2 == DELEGATE_STATE
                                               and delegate_pick[1] != DELEGATE_STATE))):
            delegate_pick = (registration, iso2)
        registrations.append(registration)
    if delegate_pick is not None and delegate_pick[0].registered_at is None:
        delegate_pick[0].registered_at = opens - dt.timedelta(hours=20)
        delegate_pick[0].registered_by = desk
    Registration.objects.bulk_create(registrations, batch_size=1000)

    registered = list(Registration.objects.filter(session=session, registered_at__isnull=False)
                      .order_by("registered_at", "id").values_list("pk", "registered_at"))
    badges = [Badge(session=session, registration_id=pk, number=number, printed_by=desk)
              for number, (pk, _at) in enumerate(registered[:BADGES], start=1)]
    Badge.objects.bulk_create(badges, batch_size=1000)
    # printed_at is set on creation (auto_now_add): put it when the person registered.
    Badge.objects.filter(session=session).update(printed_at=Subquery(
        Registration.objects.filter(pk=OuterRef("registration_id")).values("registered_at")))

    linked = 0
    if delegate_pick is not None:
        person_id = delegate_pick[0].person_id
        linked = User.objects.filter(username=DELEGATE_LOGIN, person__isnull=True).exclude(
            pk__in=User.objects.filter(person_id=person_id).values("pk")).update(
            person_id=person_id)
        login = User.objects.filter(username=DELEGATE_LOGIN, person_id=person_id).first()
        if login is not None and login.get_full_name():
            # The login and the delegate it votes as bear one name (Priya Nair): the pages
            # greet, list and record the same person.
            Person.objects.filter(pk=person_id).update(
                name=login.get_full_name(), name_latin=login.get_full_name(),
                family_name=login.last_name, gender=DELEGATE_GENDER)
    return {"registrations": len(registrations), "registered": len(registered),
            "badges printed": len(badges), "delegate login linked": linked}
