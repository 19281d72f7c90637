"""The quorum base: registered delegates entitled to vote, by group, at a given moment.

Constitution art. 17(3) and the Standing Orders (ILC-2) compute the quorum on the
delegates *registered* at the Conference who are entitled to vote. A delegate counts from
the moment the desk registers them until a notified departure takes effect.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from tripartite.delegations.selectors import session_voters
from tripartite.registration.models import Registration

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


def present_filter(at) -> Q:
    """Registrations registered at ``at`` and not yet departed."""
    return Q(registered_at__lte=at) & (Q(departed_at__isnull=True) | Q(departed_at__gt=at))


def registered_voters(session, at=None) -> dict[int, str]:
    """Nomination id -> group of the delegates entitled to vote and registered at ``at``."""
    at = at or timezone.now()
    voters = session_voters(session)
    registered = (Registration.objects.filter(present_filter(at), session=session,
                                              nomination_id__in=voters)
                  .values_list("nomination_id", flat=True))
    return {pk: voters[pk] for pk in registered}


def quorum_base(session, at=None) -> QuorumBase:
    """The number of registered delegates entitled to vote, by group, at ``at`` (now)."""
    counts = dict.fromkeys(GROUPS, 0)
    for group in registered_voters(session, at).values():
        counts[group] += 1
    return QuorumBase(**counts)
