"""Figures of a session: the Credentials Committee's (persons accredited and registered, the
quorum base) and the doors' (badges printed, entries per day, hour and door, refused scans,
the no-shows by delegation).

A fixed number of queries whatever the session's size: every figure is one aggregate.
Hours are the session's local hours (its venue's time zone).
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypedDict

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncHour
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from tripartite.common import exports, l10n
from tripartite.delegations import figures as accredited_figures
from tripartite.meetings.models import Session
from tripartite.registration import attendance
from tripartite.registration.models import (
    Badge,
    CheckIn,
    QuorumBasis,
    Registration,
    Scan,
    ScanResult,
)
from tripartite.rules.voting import quorum_from_entitled

# --- the Credentials Committee's figures: persons accredited and registered --------------------


@dataclass
class PersonsRow:
    """Delegates and advisers of one group (or of all), as one line of the Committee's table."""

    label: str
    delegates: int = 0
    advisers: int = 0

    @property
    def total(self) -> int:
        return self.delegates + self.advisers


@dataclass
class Persons:
    """Persons accredited, or registered: delegates and advisers by group, Ministers apart,
    and the other persons attending."""

    by_group: list[PersonsRow]
    all_groups: PersonsRow
    ministers: int = 0
    others: int = 0


@dataclass
class CredentialsFigures:
    session: Session
    at: datetime  # the moment the figures refer to (aware)
    basis: str  # the session's quorum practice (QuorumBasis)
    committee: accredited_figures.Figures  # accredited persons, women, lists of delegations
    accredited: Persons
    registered: Persons
    quorum_base: attendance.QuorumBase

    @property
    def quorum(self) -> int:
        """ILC-3: half the registered delegates entitled to vote, rounded up."""
        return quorum_from_entitled(self.quorum_base.total)

    @property
    def quorum_by_group(self) -> list[tuple[str, int]]:
        labels = accredited_figures.group_labels()
        return [(labels[g], getattr(self.quorum_base, g.value))
                for g in accredited_figures.GROUPS]

    @property
    def persons_rows(self) -> list[tuple[PersonsRow, PersonsRow]]:
        """(accredited, registered) for each group, then for all groups."""
        return list(zip([*self.accredited.by_group, self.accredited.all_groups],
                        [*self.registered.by_group, self.registered.all_groups], strict=True))

    @property
    def local_at(self) -> datetime:
        return timezone.localtime(self.at, self.session.zone)

    @property
    def at_text(self) -> str:
        """The moment in the session's time zone, as the reader's language writes it."""
        return l10n.long_datetime(self.local_at)

    @property
    def basis_label(self) -> str:
        return str(QuorumBasis(self.basis).label)


def _persons(counts: dict[tuple[str, str], int]) -> Persons:
    """A table from counts by (group, kind of role) (``accredited_figures.role_kind``); the
    group of Ministers and other persons is "" (they are counted apart)."""
    labels = accredited_figures.group_labels()
    rows = [PersonsRow(labels[g], delegates=counts.get((g.value, accredited_figures.DELEGATE), 0),
                       advisers=counts.get((g.value, accredited_figures.ADVISER), 0))
            for g in accredited_figures.GROUPS]
    return Persons(
        by_group=rows,
        all_groups=PersonsRow(_("All groups"), delegates=sum(r.delegates for r in rows),
                              advisers=sum(r.advisers for r in rows)),
        ministers=sum(n for (_g, kind), n in counts.items()
                      if kind == accredited_figures.MINISTER),
        others=sum(n for (_g, kind), n in counts.items() if kind == accredited_figures.OTHER))


def _accredited_counts(committee: accredited_figures.Figures) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    for group, row in zip(accredited_figures.GROUPS, committee.by_group, strict=True):
        counts[(group.value, accredited_figures.DELEGATE)] = row.delegates
        counts[(group.value, accredited_figures.ADVISER)] = row.advisers
    counts[("", accredited_figures.MINISTER)] = committee.ministers
    counts[("", accredited_figures.OTHER)] = committee.others
    return counts


def _registrations_by_role(session: Session, condition: Q) -> dict[tuple[str, str], int]:
    """Registrations of accredited persons (a received delegation, an active nomination not
    refused admission) meeting ``condition``, counted by (group, kind of role): one query."""
    counts: dict[tuple[str, str], int] = {}
    rows = (Registration.objects
            .filter(condition, session=session, nomination__isnull=False,
                    nomination__delegation__submitted_at__isnull=False,
                    nomination__withdrawn_in_amendment__isnull=True, nomination__admitted=True)
            .values("nomination__group", "nomination__role").annotate(n=Count("pk"))
            .order_by().values_list("nomination__group", "nomination__role", "n"))
    for group, role, n in rows:
        kind = accredited_figures.role_kind(role)
        # Ministers and the other persons attending are counted apart, whatever their group.
        key = (group if kind in (accredited_figures.DELEGATE, accredited_figures.ADVISER)
               else "", kind)
        counts[key] = counts.get(key, 0) + n
    return counts


def credentials_figures(session: Session, at: datetime | None = None) -> CredentialsFigures:
    """The Committee's figures at ``at`` (now): persons accredited and registered, Ministers
    apart, and the quorum base counted from the registered delegates entitled to vote
    (Constitution art. 17(3); SO-2021 art. 22(3)).

    "Registered" follows the session's practice (``attendance.quorum_basis``): registered at
    the desk and not departed; or, since 2021-22, every accredited person unless a departure
    is notified. Eleven queries, whatever the number of delegations.
    """
    at = at or timezone.now()
    committee = accredited_figures.session_figures(session)
    basis = attendance.quorum_basis(session)
    accredited = _accredited_counts(committee)
    if basis == QuorumBasis.ACCREDITED:
        departed = _registrations_by_role(session, attendance.departed_filter(at))
        registered = {key: n - departed.get(key, 0) for key, n in accredited.items()}
    else:
        registered = _registrations_by_role(session, attendance.present_filter(at))
    return CredentialsFigures(
        session=session, at=at, basis=basis, committee=committee,
        accredited=_persons(accredited), registered=_persons(registered),
        quorum_base=attendance.quorum_base(session, at, basis=basis,
                                           voters=committee.voters))


def credentials_figures_csv(figures: CredentialsFigures) -> bytes:
    """The Committee's figures as CSV: one section per table, headings in the user's
    language, the moment they refer to first."""
    percent = accredited_figures.percent
    committee = figures.committee
    writer = exports.CsvWriter()
    writer.writerow([_("Credentials Committee — figures"), str(figures.session)])
    writer.writerow([_("Figures as of"), figures.at_text,
                     str(figures.session.time_zone)])
    writer.writerow([_("Member States accredited"), committee.accredited,
                     committee.member_states])
    writer.writerow([])
    writer.writerow([_("Group"), _("Delegates accredited"), _("Advisers accredited"),
                     _("Total accredited"), _("Delegates registered"),
                     _("Advisers registered"), _("Total registered")])
    for accredited, registered in figures.persons_rows:
        writer.writerow([accredited.label, accredited.delegates, accredited.advisers,
                         accredited.total, registered.delegates, registered.advisers,
                         registered.total])
    writer.writerow([_("Ministers attending the Conference"), "", "",
                     figures.accredited.ministers, "", "", figures.registered.ministers])
    writer.writerow([_("Other persons attending"), "", "", figures.accredited.others, "", "",
                     figures.registered.others])
    writer.writerow([])
    writer.writerow([_("Quorum base: registered delegates entitled to vote"),
                     figures.quorum_base.total])
    for label, number in figures.quorum_by_group:
        writer.writerow([label, number])
    writer.writerow([_("Quorum (half the registered delegates entitled to vote)"),
                     figures.quorum])
    writer.writerow([_("Accredited delegates entitled to vote"), committee.entitled_total])
    writer.writerow([])
    writer.writerow([_("Group"), _("Delegates"), _("Women delegates"),
                     _("Advisers"), _("Women advisers"), _("Total"), _("Women"),
                     _("Share of women (delegates)"), _("Share of women (advisers)"),
                     _("Share of women")])
    for row in [*committee.by_group, committee.all_groups]:
        writer.writerow([row.label, row.delegates, row.women_delegates, row.advisers,
                         row.women_advisers, row.total, row.women, percent(row.share_delegates),
                         percent(row.share_advisers), percent(row.share)])
    writer.writerow([])
    writer.writerow([_("Delegations under 30% women"), _("ISO"), _("Women"), _("Total"),
                     _("Share of women")])
    for item in committee.under_target:
        writer.writerow([str(item.member_state), item.member_state.iso3, item.women,
                         item.total, percent(item.share)])
    writer.writerow([])
    writer.writerow([_("Incomplete delegations"), _("ISO"), _("Missing")])
    for item in committee.incomplete:
        writer.writerow([str(item.member_state), item.member_state.iso3,
                         "; ".join(str(m) for m in item.missing)])
    writer.writerow([])
    writer.writerow([_("Late credentials"), _("ISO"), _("Received on"), _("Deadline")])
    for item in committee.late:
        writer.writerow([str(item.member_state), item.member_state.iso3,
                         item.delegation.received_on.isoformat(),
                         committee.deadline.isoformat()])
    return writer.content()


# --- the doors' figures ----------------------------------------------------------------------


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
