"""The doors' figures of a session: badges printed, entries per day, hour and door, refused
scans, and the no-shows by delegation (accredited, never came in).

A fixed number of queries whatever the session's size: every figure is one aggregate.
Hours are the session's local hours (its venue's time zone).
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypedDict

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncHour
from django.utils.functional import Promise

from tripartite.meetings.models import Session
from tripartite.registration.models import Badge, CheckIn, Registration, Scan, ScanResult


class NoShows(TypedDict):
    """A delegation's registrations that never came in (those with a valid badge apart)."""

    affiliation: str
    total: int
    absent: int
    absent_with_badge: int


@dataclass
class DoorFigures:
    registrations: int = 0
    registered: int = 0
    badges_printed: int = 0
    badges_revoked: int = 0
    people_with_badge: int = 0
    check_ins: int = 0
    people_checked_in: int = 0
    by_day: list[tuple[date, int]] = field(default_factory=list)
    by_hour: list[tuple[datetime, int]] = field(default_factory=list)
    by_door: list[tuple[str, int]] = field(default_factory=list)
    refused: list[tuple[str | Promise, int]] = field(default_factory=list)  # (label, count)
    no_shows: list[NoShows] = field(default_factory=list)

    @property
    def no_shows_total(self) -> int:
        return sum(row["absent"] for row in self.no_shows)

    @property
    def no_shows_with_badge(self) -> int:
        return sum(row["absent_with_badge"] for row in self.no_shows)

    @property
    def busiest_hour(self) -> int:
        return max((count for _hour, count in self.by_hour), default=0)


def door_figures(session: Session) -> DoorFigures:
    badges = Badge.objects.filter(session=session).aggregate(
        printed=Count("pk"), revoked=Count("pk", filter=Q(revoked_at__isnull=False)),
        people=Count("registration", distinct=True, filter=Q(revoked_at__isnull=True)))
    registrations = Registration.objects.filter(session=session).aggregate(
        total=Count("pk"), registered=Count("pk", filter=Q(registered_at__isnull=False)))
    entries = CheckIn.objects.filter(session=session)
    totals = entries.aggregate(total=Count("pk"),
                               people=Count("registration", distinct=True))
    by_day = list(entries.values("day").annotate(n=Count("pk")).order_by("day")
                  .values_list("day", "n"))
    by_hour = list(entries.annotate(hour=TruncHour("at", tzinfo=session.zone))
                   .values("hour").annotate(n=Count("pk")).order_by("hour")
                   .values_list("hour", "n"))
    by_door = list(entries.values("door").annotate(n=Count("pk")).order_by("-n", "door")
                   .values_list("door", "n"))
    labels = dict(ScanResult.choices)
    refused_counts = (Scan.objects.filter(session=session)
                      .exclude(result__in=[ScanResult.ADMITTED, ScanResult.ALREADY_INSIDE])
                      .values("result").annotate(n=Count("pk")).order_by("-n")
                      .values_list("result", "n"))
    refused: list[tuple[str | Promise, int]] = [(labels.get(result, result), n)
                                                for result, n in refused_counts]
    came = CheckIn.objects.filter(registration=OuterRef("pk"))
    valid_badge = Badge.objects.filter(registration=OuterRef("pk"), revoked_at__isnull=True)
    no_shows = [row for row in Registration.objects.filter(session=session)
                .annotate(came=Exists(came), badged=Exists(valid_badge)).values("affiliation")
                .annotate(total=Count("pk"), absent=Count("pk", filter=Q(came=False)),
                          absent_with_badge=Count("pk", filter=Q(came=False, badged=True)))
                .order_by("-absent", "affiliation") if row["absent"]]
    return DoorFigures(
        registrations=registrations["total"], registered=registrations["registered"],
        badges_printed=badges["printed"], badges_revoked=badges["revoked"],
        people_with_badge=badges["people"], check_ins=totals["total"],
        people_checked_in=totals["people"], by_day=by_day, by_hour=by_hour, by_door=by_door,
        refused=refused, no_shows=no_shows)
