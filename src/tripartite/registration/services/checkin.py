"""Check-in at the doors: one scan of a badge's QR code, its answer, and the door log.

``scan`` decides in this order, and logs every scan as a ``Scan`` row (the door log):

1. the same ``request_id`` again (a client retrying after a network hiccup): the first
   answer, and nothing new is recorded;
2. a token whose signature is not ours: FORGED;
3. a signed token naming no badge: UNKNOWN;
4. a badge of another session: OTHER_SESSION;
5. a revoked badge (reprinted, or withdrawn): REVOKED;
6. a registration whose notified departure has taken effect: DEPARTED;
7. the first entry of the session's local day: a ``CheckIn`` and ADMITTED;
8. otherwise ALREADY_INSIDE.

Two doors scanning the same badge at the same moment: the unique constraint on
(registration, day) decides which one records the entry; the other's transaction is rolled
back and run again, and answers ALREADY_INSIDE. (A savepoint around the insert would do the
same at the cost of two more round trips to the database on every scan.)
The answer shows only what the badge itself shows (photo, name, delegation, category, role);
the category and the role are in the language of the request (the role in the holder's
gender, from the nomination; a role typed at the desk as typed).
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tripartite.accounts.models import User
from tripartite.common import ratelimit
from tripartite.common.services import PermissionDeniedError, ServiceError
from tripartite.common.text import current_language
from tripartite.meetings.models import Session
from tripartite.registration import badges, permissions, tokens
from tripartite.registration.models import (
    HOLDER_SHOWN_RESULTS,
    Badge,
    CheckIn,
    Registration,
    Scan,
    ScanResult,
)

DOOR_MAX_LENGTH = 60
REQUEST_ID_MAX_LENGTH = 64
# The desk's page that serves a participant's photo to those entitled to see it.
PHOTO_URL_NAME = "registration:photo"
RATE_WINDOW = 60  # seconds: CHECKIN_RATE_PER_MINUTE counts per minute
ADMITTED_RESULTS = {ScanResult.ADMITTED, ScanResult.ALREADY_INSIDE}


@dataclass(frozen=True)
class ScanOutcome:
    """The answer to a scan: the result and what the badge shows, nothing more."""

    result: str
    at: datetime
    door: str
    replayed: bool = False
    badge_number: int | None = None
    name: str = ""
    name_latin: str = ""
    affiliation: str = ""
    category: str = ""
    category_label: str = ""
    role: str = ""
    photo_url: str = ""

    @property
    def admitted(self) -> bool:
        """Let the person in: a valid badge, whether this is the day's first entry or not."""
        return self.result in ADMITTED_RESULTS

    @property
    def label(self) -> str:
        return str(ScanResult(self.result).label)

    @property
    def message(self) -> str:
        """What the door tells the person checking, in the active language."""
        return {
            ScanResult.ADMITTED: _("Valid badge: the entry is recorded."),
            ScanResult.ALREADY_INSIDE: _("Valid badge: this person already came in today."),
            ScanResult.REVOKED: _("This badge was revoked: do not let the person in; send "
                                  "them to the registration desk."),
            ScanResult.UNKNOWN: _("No badge has this code: do not let the person in; send "
                                  "them to the registration desk."),
            ScanResult.FORGED: _("This code was not issued by the Office, or it was misread: "
                                 "scan again, or send the person to the registration desk."),
            ScanResult.OTHER_SESSION: _("This badge is for another session: send the person "
                                        "to the registration desk."),
            ScanResult.DEPARTED: _("The departure of this person was notified: send them to "
                                   "the registration desk."),
        }[ScanResult(self.result)]

    def as_dict(self) -> dict[str, str | bool | datetime | int | None]:
        return {"result": self.result, "label": self.label, "message": self.message,
                "admitted": self.admitted, "replayed": self.replayed, "at": self.at,
                "door": self.door, "badge_number": self.badge_number, "name": self.name,
                "name_latin": self.name_latin, "affiliation": self.affiliation,
                "category": self.category, "category_label": self.category_label,
                "role": self.role, "photo_url": self.photo_url}


def local_day(session: Session, at: datetime) -> date:
    """The session's calendar day (in its venue's time zone) of the moment ``at``."""
    return timezone.localtime(at, session.zone).date()


def photo_url(registration: Registration) -> str:
    if not registration.photo:
        return ""
    try:
        return reverse(PHOTO_URL_NAME, kwargs={"pk": registration.pk})
    except NoReverseMatch:
        return ""


def _outcome(result: str, *, at: datetime, door: str, badge: Badge | None = None,
             replayed: bool = False) -> ScanOutcome:
    if badge is None or result not in HOLDER_SHOWN_RESULTS:
        # Refused before the badge is known to belong here: nothing about anyone is shown.
        return ScanOutcome(result=result, at=at, door=door, replayed=replayed)
    registration = badge.registration
    person = registration.person
    # The role and the State's name in the language of the request (the page's or the API
    # caller's), not the badge's: what the person at the door reads.
    role, affiliation = badges.role_and_affiliation(registration, current_language())
    return ScanOutcome(
        result=result, at=at, door=door, replayed=replayed, badge_number=badge.number,
        name=person.name, name_latin=person.name_latin if person.name_latin != person.name
        else "", affiliation=affiliation, category=registration.category,
        category_label=str(registration.get_category_display()), role=role,
        photo_url=photo_url(registration))


def clean_door(door: str) -> str:
    door = " ".join((door or "").split())
    if not door:
        raise ServiceError(_("Name the door you are scanning at."), code="door_missing",
                           field="door")
    if len(door) > DOOR_MAX_LENGTH:
        raise ServiceError(_("A door's name has at most %(count)d characters.")
                           % {"count": DOOR_MAX_LENGTH}, code="door_too_long", field="door")
    return door


def clean_request_id(request_id: str | None) -> str | None:
    request_id = (request_id or "").strip() or None
    if request_id is not None and len(request_id) > REQUEST_ID_MAX_LENGTH:
        raise ServiceError(_("A request id has at most %(count)d characters.")
                           % {"count": REQUEST_ID_MAX_LENGTH}, code="request_id_too_long",
                           field="request_id")
    return request_id


def check_rate(user: User, *, at: datetime | None = None) -> None:
    """At most CHECKIN_RATE_PER_MINUTE scans per login and minute, counted across every
    worker process (``common.ratelimit``: Redis when configured, else the database)."""
    limit = settings.CHECKIN_RATE_PER_MINUTE
    if not ratelimit.hit(f"checkin:{user.pk}", limit, RATE_WINDOW, now=at):
        raise ServiceError(
            _("Too many scans from this login: at most %(limit)d a minute. Wait a few "
              "seconds, then scan again.") % {"limit": limit}, code="throttled", status=429)


def _replay(previous: Scan, *, user: User, session: Session) -> ScanOutcome:
    if previous.recorded_by_id != user.pk or previous.session_id != session.pk:
        raise ServiceError(_("This request id was already used for another scan: the page "
                             "must send a new one with each scan."), code="request_id_reused",
                           field="request_id", status=409)
    return _outcome(previous.result, at=previous.at, door=previous.door,
                    badge=previous.badge, replayed=True)


def _previous_scan(request_id: str | None) -> Scan | None:
    if request_id is None:
        return None
    return (Scan.objects.select_related(
                "badge__registration__person",
                "badge__registration__nomination__delegation__member_state")
            .filter(request_id=request_id).first())


def _decide(session: Session, token_text: str, *, door: str, user: User,
            at: datetime) -> tuple[str, Badge | None]:
    """The scan's result, recording the day's entry when it is the first one.

    One query reads the badge, its holder and whether they already came in that day; the
    entry is then inserted. Should another door insert the same entry in between, the
    unique constraint raises IntegrityError, and ``scan`` runs the whole scan again.
    """
    try:
        token_id = tokens.unsign(token_text)
    except tokens.InvalidToken:
        return ScanResult.FORGED, None
    day = local_day(session, at)
    entered = CheckIn.objects.filter(registration=OuterRef("registration"), day=day)
    badge = (Badge.objects.select_related("registration__person",
                                          "registration__nomination__delegation__member_state")
             .annotate(entered=Exists(entered)).filter(token_id=token_id).first())
    if badge is None:
        return ScanResult.UNKNOWN, None
    if badge.session_id != session.pk:
        return ScanResult.OTHER_SESSION, badge
    if badge.revoked_at is not None and badge.revoked_at <= at:
        return ScanResult.REVOKED, badge
    registration = badge.registration
    if registration.departed_at is not None and registration.departed_at <= at:
        return ScanResult.DEPARTED, badge
    if badge.entered:
        return ScanResult.ALREADY_INSIDE, badge
    CheckIn.objects.create(session=session, registration=registration, badge=badge, day=day,
                           at=at, door=door, recorded_by=user)
    return ScanResult.ADMITTED, badge


def scan(session: Session, token_text: str, door: str, user: User,
         request_id: str | None = None, at: datetime | None = None) -> ScanOutcome:
    """Check the badge whose QR code reads ``token_text`` at ``door``; log the scan.

    ``request_id`` is the client's idempotency key: the same key again answers as the
    first time and records nothing. Raises ServiceError for a missing door, a request id
    reused by another login or a login over its rate (``check_rate``, counted in the scan's
    own transaction: one commit, and a refused scan's hit is not kept, which leaves the
    count over the limit all the same), PermissionDeniedError for someone not at the doors.
    """
    if not permissions.can_check_in(user):
        raise PermissionDeniedError
    door = clean_door(door)
    request_id = clean_request_id(request_id)
    at = at or timezone.now()
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                check_rate(user, at=at)
                result, badge = _decide(session, token_text, door=door, user=user, at=at)
                Scan.objects.create(session=session, badge=badge, result=result, door=door,
                                    at=at, request_id=request_id, recorded_by=user)
            return _outcome(result, at=at, door=door, badge=badge)
        except IntegrityError:
            # Everything this attempt wrote is rolled back. Either the request id is taken
            # (a retry, or the same request arriving twice at once: its first answer
            # stands), or another door recorded the same person's entry a moment ago: the
            # second attempt then finds it and answers "already inside".
            previous = _previous_scan(request_id)
            if previous is not None:
                return _replay(previous, user=user, session=session)
            if attempt == 2:
                raise
    raise AssertionError("unreachable")
