"""The quorum base: registered delegates entitled to vote, by group, at a given moment;
and the day's attendance (who is registered, who came in).

Constitution art. 17(3) and the Standing Orders (ILC-3; SO-2021 art. 22(3)) compute the
quorum on the delegates *registered* at the Conference who are entitled to vote.

Two practices, chosen per session (``AttendanceSettings.quorum_basis``):

- ``desk`` (the default): a delegate counts from the moment the desk registers them
  (``Registration.registered_at``) until a notified departure takes effect
  (``Registration.departed_at``);
- ``accredited``: the practice since 2021-22: every accredited delegate entitled to vote
  counts as registered for the whole session unless a departure is notified.

"Entitled to vote" is the credentials' verdict (``delegations.selectors.session_voters``):
advisers who are not substitutes, delegates of Members in arrears, lone non-government
delegates and delegates refused admission do not count.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from tripartite.delegations.selectors import session_voters
from tripartite.meetings.models import Session
from tripartite.registration.models import (
    AttendanceSettings,
    Badge,
    CheckIn,
    QuorumBasis,
    Registration,
)

GROUPS = ("government", "employers", "workers")


@dataclass(frozen=True)
class QuorumBase:
    government: int = 0
    employers: int = 0
    workers: int = 0

    @property
    def total(self) -> int:
        return self.government + self.employers + self.workers

    def as_dict(self) -> dict[str, int]:
        return {"government": self.government, "employers": self.employers,
                "workers": self.workers, "total": self.total}


def quorum_basis(session: Session) -> str:
    """The session's practice: ``desk`` unless the secretariat chose ``accredited``."""
    value = (AttendanceSettings.objects.filter(session=session)
             .values_list("quorum_basis", flat=True).first())
    return value or QuorumBasis.DESK


def present_filter(at: datetime) -> Q:
    """Registrations registered at ``at`` and not yet departed."""
    return Q(registered_at__lte=at) & (Q(departed_at__isnull=True) | Q(departed_at__gt=at))


def departed_filter(at: datetime) -> Q:
    return Q(departed_at__isnull=False, departed_at__lte=at)


def registered_voters(session: Session, at: datetime | None = None, *,
                      basis: str | None = None,
                      voters: dict[int, str] | None = None) -> dict[int, str]:
    """Nomination id -> group of the delegates entitled to vote and registered at ``at``.

    ``voters`` (nomination id -> group of the delegates entitled to vote), when the caller
    has already evaluated the session's delegations, saves evaluating them again."""
    at = at or timezone.now()
    basis = basis or quorum_basis(session)
    voters = session_voters(session) if voters is None else voters
    registrations = Registration.objects.filter(session=session, nomination_id__in=voters)
    if basis == QuorumBasis.ACCREDITED:
        departed = set(registrations.filter(departed_filter(at))
                       .values_list("nomination_id", flat=True))
        return {pk: group for pk, group in voters.items() if pk not in departed}
    registered = registrations.filter(present_filter(at)).values_list("nomination_id",
                                                                      flat=True)
    return {pk: voters[pk] for pk in registered}


def quorum_base(session: Session, at: datetime | None = None, *,
                basis: str | None = None, voters: dict[int, str] | None = None) -> QuorumBase:
    """The number of registered delegates entitled to vote, by group, at ``at`` (now)."""
    counts = dict.fromkeys(GROUPS, 0)
    for group in registered_voters(session, at, basis=basis, voters=voters).values():
        counts[group] += 1
    return QuorumBase(**counts)


def session_days(session: Session) -> list[date]:
    """The session's calendar days in its own time zone, from opening to closing."""
    first, last = session.local_opens_at.date(), session.local_closes_at.date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def default_day(session: Session) -> date:
    """Today in the session's time zone while it sits; else its first day."""
    days = session_days(session)
    today = timezone.localtime(timezone.now(), session.zone).date()
    return today if today in days else days[0]


def day_attendance(session: Session, day: date) -> QuerySet[Registration]:
    """Every registration of the session, with ``came_in`` (that day's first entry or None).

    One query: the check-in of the day is a subquery, person and nomination are joined.
    """
    entries = CheckIn.objects.filter(registration=OuterRef("pk"), day=day)
    return (Registration.objects.filter(session=session)
            .select_related("person", "nomination__delegation__member_state")
            .annotate(came_in=Subquery(entries.values("at")[:1]),
                      came_in_door=Subquery(entries.values("door")[:1]),
                      has_badge=Exists(registration_badges())))


def registration_badges() -> QuerySet[Badge]:
    """The valid badge of the registration (OuterRef), for Exists()."""
    return Badge.objects.filter(registration=OuterRef("pk"), revoked_at__isnull=True)
