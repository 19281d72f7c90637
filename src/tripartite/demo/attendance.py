"""Demo data of the doors: the first day of the Conference's check-ins, and two departures.

Runs after the desk's demo (registrations and badges); with no badge printed it does
nothing. Deterministic (seeded), in bulk, like the rest of the demo: about nine in ten
badge holders come in on the first morning through four doors, a few scans are refused,
and two registered delegates have notified their departure at the end of the first day.
"""

import datetime as dt
import random

from tripartite.accounts.models import Role, User
from tripartite.registration.models import (
    Badge,
    CheckIn,
    Registration,
    Scan,
    ScanResult,
)

SEED = "2026:doors"
DOORS = ("Door 1 (Pregny)", "Door 2 (Nations)", "Door 13 (Serpentine)", "Door 40 (Press)")
SHARE_COMING = 0.9
DEPARTURES = 2


def create_attendance(session) -> dict:
    badges = list(Badge.objects.filter(session=session, revoked_at__isnull=True)
                  .select_related("registration").order_by("number"))
    if not badges:
        return {}
    rng = random.Random(SEED)
    door_staff = User.objects.filter(role=Role.CHECKIN_STAFF).order_by("pk").first()
    zone = session.zone
    first_day = session.local_opens_at.date()
    morning = dt.datetime.combine(first_day, dt.time(8, 0), tzinfo=zone)
    coming = sorted(rng.sample(badges, round(len(badges) * SHARE_COMING)),
                    key=lambda badge: badge.number)
    check_ins, scans = [], []
    for badge in coming:
        at = morning + dt.timedelta(seconds=rng.randint(0, 150 * 60))
        door = rng.choice(DOORS)
        check_ins.append(CheckIn(session=session, registration=badge.registration, badge=badge,
                                 day=first_day, at=at, door=door, recorded_by=door_staff))
        scans.append(Scan(session=session, badge=badge, result=ScanResult.ADMITTED, door=door,
                          at=at, recorded_by=door_staff))
    # Some come back after lunch; a few codes are misread or come from an old badge.
    for badge in rng.sample(coming, min(len(coming), 40)):
        scans.append(Scan(session=session, badge=badge, result=ScanResult.ALREADY_INSIDE,
                          door=rng.choice(DOORS), recorded_by=door_staff,
                          at=morning + dt.timedelta(hours=6, minutes=rng.randint(0, 60))))
    for n in range(6):
        scans.append(Scan(session=session, result=ScanResult.FORGED, door=DOORS[n % 4],
                          recorded_by=door_staff,
                          at=morning + dt.timedelta(minutes=rng.randint(0, 150))))
    CheckIn.objects.bulk_create(check_ins)
    Scan.objects.bulk_create(scans)

    leaving = [badge.registration for badge in coming
               if badge.registration.nomination_id and badge.registration.registered_at][:50]
    departed = rng.sample(leaving, min(DEPARTURES, len(leaving)))
    evening = dt.datetime.combine(first_day, dt.time(18, 0), tzinfo=zone)
    secretariat = User.objects.filter(role=Role.SECRETARIAT).order_by("pk").first()
    for registration in departed:
        registration.departed_at = max(evening, registration.registered_at)
        registration.departure_notified_by = secretariat
    Registration.objects.bulk_update(departed, ["departed_at", "departure_notified_by"])
    return {"check-ins": len(check_ins), "door scans": len(scans), "departures": len(departed)}
