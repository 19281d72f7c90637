"""A sitting: who may take the floor, and the order of the list of speakers.

Rules SIT-1 to SIT-4 of ``../shared/domain/ilo-rules.md``, with CON-3 and CON-3b for advisers,
substitutes and the persons admitted to the sittings. Everything comes in as frozen values;
nothing is read from the clock. Who may speak is a Finding citing its provision in English,
French and Spanish; each ordering of the list says where it comes from, and those that are a
body's practice rather than a written rule say they are a configurable practice.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from tripartite.rules.catalogue import text
from tripartite.rules.delegations import Role
from tripartite.rules.findings import Finding, Severity

# SIT-1: regular delegates speak; a substitute acting for a delegate speaks like the delegate
# (Constitution art. 3(7); SO-2021 art. 1(3)); an adviser speaks only when their delegate asks
# and the President authorises (Constitution art. 3(6)); Ministers attending the Conference
# speak (ILO practice, "Speaking at the Conference"); others admitted to the sittings (art. 2
# of the Standing Orders) speak when the President or Chairperson allows.
DELEGATES = "Constitution art. 3(1); ILO practice"
SUBSTITUTES = "Constitution art. 3(7); SO-2021 art. 1(3)"
ADVISERS = "Constitution art. 3(6); SO-2021 art. 1(3)"
MINISTERS = "SO-2021 art. 2; ILO practice"
OBSERVERS = "Constitution arts 12(2), 18; SO-2021 art. 2"
ADMISSION_REFUSED = "Constitution art. 3(9)"
NOT_ACCREDITED = "Constitution art. 3(1); ILO practice"
# SIT-2: requests to speak are dealt with in the order received (Conference).
REQUEST_ORDER = "ILO practice"
# SIT-2: Ministers before other delegates in the Conference's plenary discussion.
MINISTERS_FIRST = "ILO practice"
# SIT-4: the Governing Body's order of speakers; UNCONFIRMED as a written rule.
GOVERNING_BODY_ORDER = "Governing Body practice"
# SIT-4: a request for the floor may be a point of order or a right of reply.
POINTS_OF_ORDER = "Governing Body practice"
RIGHTS_OF_REPLY = "Governing Body practice"
# SIT-3: five minutes in the plenary discussion; other limits set by the presiding officer.
PLENARY_TIME_LIMIT = "ILC Standing Orders art. 14(6)"
PLENARY_TIME_LIMIT_SECONDS = 5 * 60

SUBSTITUTE_ROLES = frozenset({Role.SUBSTITUTE_DELEGATE, Role.ADVISER_SUBSTITUTE_DELEGATE})
ADVISER_ONLY_ROLES = frozenset({Role.ADVISER, Role.TERRITORY_ADVISER})
WITH_THE_CHAIRS_LEAVE = frozenset({Role.OBSERVER, Role.ACCOMPANYING_MINISTER,
                                   Role.STATE_REPRESENTATIVE, Role.OTHER})


class Kind(StrEnum):
    SPEECH = "speech"
    POINT_OF_ORDER = "point_of_order"
    RIGHT_OF_REPLY = "right_of_reply"


class OnBehalfOf(StrEnum):
    SELF = "self"
    DELEGATION = "delegation"
    GROUP = "group"


class Standing(StrEnum):
    """Who a speaker is for the Governing Body's order of speakers (SIT-4)."""

    SPOKESPERSON = "spokesperson"  # for the Employers' or the Workers' group
    REGIONAL_GROUP = "regional_group"  # a Government speaking for a regional group
    GOVERNMENT = "government"
    MEMBER = "member"  # an Employer or Worker member speaking for themselves
    OBSERVER = "observer"


class Practice(StrEnum):
    REQUEST_ORDER = "request_order"
    GOVERNING_BODY = "governing_body"
    MINISTERS_FIRST = "ministers_first"


@dataclass(frozen=True)
class PracticeSource:
    provision: str
    configurable: bool  # a body's practice, not a written rule: the Chair may set it aside


PRACTICES: dict[Practice, PracticeSource] = {
    Practice.REQUEST_ORDER: PracticeSource(REQUEST_ORDER, configurable=False),
    Practice.GOVERNING_BODY: PracticeSource(GOVERNING_BODY_ORDER, configurable=True),
    Practice.MINISTERS_FIRST: PracticeSource(MINISTERS_FIRST, configurable=True),
}


# ---------------------------------------------------------------------------------------------
# SIT-1: who may take the floor


@dataclass(frozen=True)
class FloorDecision:
    allowed: bool
    findings: tuple[Finding, ...]

    @property
    def provision(self) -> str:
        return self.findings[0].provision


def _decision(allowed: bool, provision: str, message: dict[str, str]) -> FloorDecision:
    severity = Severity.INFO if allowed else Severity.ERROR
    return FloorDecision(allowed, (Finding("SIT-1", provision, severity, message),))


def may_take_floor(role: Role | str | None, *, admitted: bool = True,
                   acting_for_delegate: bool = False, authorised_by_delegate: bool = False,
                   chair_allows: bool = False, kind: Kind | str = Kind.SPEECH) -> FloorDecision:
    """SIT-1 with CON-3: may a person accredited in ``role`` take the floor?

    ``role`` is None for a person with no credentials in the session. A point of order is a
    delegate's too: it follows the same rule, since it is a request for the floor (SIT-4).
    """
    del kind  # the same rule for every kind of request; kept for the callers' clarity
    if role is None:
        return _decision(False, NOT_ACCREDITED, text(
            "Not accredited to this session: only persons whose credentials name them may ask "
            "for the floor."))
    role = Role(role)
    if not admitted:
        return _decision(False, ADMISSION_REFUSED, text(
            "The Conference refused this person's admission: they may not take the floor."))
    if role is Role.DELEGATE:
        return _decision(True, DELEGATES, text("A regular delegate may take the floor."))
    if role in SUBSTITUTE_ROLES:
        if acting_for_delegate:
            return _decision(True, SUBSTITUTES, text(
                "A substitute acting for a regular delegate speaks like the delegate."))
        return _decision(False, SUBSTITUTES, text(
            "A substitute delegate speaks only when acting for a regular delegate."))
    if role in ADVISER_ONLY_ROLES:
        if authorised_by_delegate:
            return _decision(True, ADVISERS, text(
                "An adviser speaks at the request of their delegate, with the presiding "
                "officer's authorisation (given when the floor is given)."))
        return _decision(False, ADVISERS, text(
            "An adviser speaks only when their delegate asks for it and the presiding officer "
            "authorises it."))
    if role is Role.MINISTER:
        return _decision(True, MINISTERS, text(
            "A Minister attending the Conference may take the floor."))
    if chair_allows:
        return _decision(True, OBSERVERS, text(
            "Admitted to the sittings: may speak, the presiding officer allowing it."))
    return _decision(False, OBSERVERS, text(
        "Admitted to the sittings, but speaks only when the presiding officer allows it."))


# ---------------------------------------------------------------------------------------------
# SIT-2 and SIT-4: the order of the list of speakers


@dataclass(frozen=True)
class Request:
    """A request for the floor, as the ordering practices see it."""

    key: int | str
    received: int  # the order in which requests reached the secretariat: 1, 2, 3...
    kind: Kind = Kind.SPEECH
    standing: Standing = Standing.GOVERNMENT
    minister: bool = False


def rank(request: Request, practice: Practice | str) -> int:
    """Where a request belongs under ``practice``: lower ranks speak first.

    Points of order come before everything (-1) and take no place in the list; rights of reply
    come after every speech (a rank above all others)."""
    if request.kind is Kind.POINT_OF_ORDER:
        return -1
    if request.kind is Kind.RIGHT_OF_REPLY:
        return 100
    practice = Practice(practice)
    if practice is Practice.GOVERNING_BODY:
        return {Standing.SPOKESPERSON: 0, Standing.REGIONAL_GROUP: 1, Standing.GOVERNMENT: 2,
                Standing.MEMBER: 2, Standing.OBSERVER: 3}[request.standing]
    if practice is Practice.MINISTERS_FIRST:
        return 0 if request.minister else 1
    return 0


def points_of_order(requests: Sequence[Request]) -> list[Request]:
    """Points of order, in the order raised: they go to the top and take no place (SIT-4)."""
    return sorted((r for r in requests if r.kind is Kind.POINT_OF_ORDER),
                  key=lambda r: r.received)


def in_order_of_request(requests: Sequence[Request]) -> list[Request]:
    """SIT-2: the speeches in the order the requests were received."""
    return sorted((r for r in requests if r.kind is Kind.SPEECH), key=lambda r: r.received)


def governing_body_order(requests: Sequence[Request]) -> list[Request]:
    """SIT-4 (a configurable practice): Employers' and Workers' spokespersons, then Government
    regional groups, then Governments (and members speaking for themselves), then observers;
    in order of request within each."""
    return sorted((r for r in requests if r.kind is Kind.SPEECH),
                  key=lambda r: (rank(r, Practice.GOVERNING_BODY), r.received))


def ministers_first(requests: Sequence[Request]) -> list[Request]:
    """SIT-2 (a configurable practice of the plenary discussion): Ministers before other
    delegates, in order of request within each."""
    return sorted((r for r in requests if r.kind is Kind.SPEECH),
                  key=lambda r: (rank(r, Practice.MINISTERS_FIRST), r.received))


def rights_of_reply(requests: Sequence[Request]) -> list[Request]:
    """SIT-4: rights of reply after the list of speakers, in order of request."""
    return sorted((r for r in requests if r.kind is Kind.RIGHT_OF_REPLY),
                  key=lambda r: r.received)


ORDERINGS = {Practice.REQUEST_ORDER: in_order_of_request,
             Practice.GOVERNING_BODY: governing_body_order,
             Practice.MINISTERS_FIRST: ministers_first}


def list_of_speakers(requests: Sequence[Request], practice: Practice | str) -> list[Request]:
    """The whole list: points of order, the speeches in the practice's order, rights of reply."""
    return (points_of_order(requests) + ORDERINGS[Practice(practice)](requests)
            + rights_of_reply(requests))


def insertion_index(waiting: Sequence[Request], new: Request, practice: Practice | str) -> int:
    """Where a new request goes in a list already ordered (perhaps moved by the Chair): after
    the last request that the practice puts before it or level with it, so that a move the
    Chair made is kept and the newcomer waits its turn. Points of order are not in the list
    (their index is 0: they come first, and the caller keeps them apart)."""
    if new.kind is Kind.POINT_OF_ORDER:
        return 0
    mine = rank(new, practice)
    index = 0
    for position, request in enumerate(waiting):
        if rank(request, practice) <= mine:
            index = position + 1
    return index


def ordering_finding(practice: Practice | str) -> Finding:
    """What the chosen ordering is and where it comes from."""
    practice = Practice(practice)
    source = PRACTICES[practice]
    message = {
        Practice.REQUEST_ORDER: text("Speakers take the floor in the order of their requests."),
        Practice.GOVERNING_BODY: text(
            "The Employers' and Workers' spokespersons speak first, then the Government regional "
            "groups, then Governments, then observers: the Governing Body's practice, not a "
            "written rule; configurable."),
        Practice.MINISTERS_FIRST: text(
            "Ministers speak before other delegates (the Conference's plenary discussion): a "
            "practice; configurable."),
    }[practice]
    rule = "SIT-2" if practice is not Practice.GOVERNING_BODY else "SIT-4"
    return Finding(rule, source.provision, Severity.INFO, message)


# ---------------------------------------------------------------------------------------------
# SIT-3: the clock


@dataclass(frozen=True)
class Clock:
    elapsed: int
    remaining: int | None  # None without a time limit; negative once over
    warning: bool  # the last stretch before the limit
    over: bool


def clock(elapsed_seconds: int, limit_seconds: int | None, *, warn_before: int = 30) -> Clock:
    """SIT-3: the speaker's clock from the seconds elapsed since the server gave the floor."""
    if elapsed_seconds < 0:
        raise ValueError(f"elapsed seconds cannot be negative: {elapsed_seconds}")
    if not limit_seconds:
        return Clock(elapsed_seconds, None, False, False)
    remaining = limit_seconds - elapsed_seconds
    return Clock(elapsed_seconds, remaining, 0 < remaining <= warn_before, remaining <= 0)


# ---------------------------------------------------------------------------------------------
# SIT-3: the time limit of each kind of speaker

# Other limits than the plenary discussion's "are set by the President or Chairperson"
# (SIT-3): a sitting sets them per kind of speaker, a configurable practice.
CHAIRS_TIME_LIMITS = "ILC Standing Orders art. 14(6); ILO practice"


@dataclass(frozen=True)
class TimeLimits:
    """A sitting's limits, in seconds. ``speech`` None (or 0): no limit. The others None: the
    same as a speech (a spokesperson of a group, a right of reply, a point of order); 0: no
    limit for that kind."""

    speech: int | None = PLENARY_TIME_LIMIT_SECONDS
    spokesperson: int | None = None
    right_of_reply: int | None = None
    point_of_order: int | None = None


@dataclass(frozen=True)
class SpeakerLimit:
    seconds: int | None
    finding: Finding


def time_limit(kind: Kind | str, *, for_group: bool, limits: TimeLimits) -> SpeakerLimit:
    """SIT-3: the limit that applies to one speaker. A point of order and a right of reply
    have their own limit when the sitting sets one; a speech on behalf of a group (a group's
    spokesperson, a regional group's coordinator) has the spokespersons' limit; every other
    speech, the sitting's limit. A kind without a limit of its own takes the speeches'."""
    kind = Kind(kind)
    own = {Kind.POINT_OF_ORDER: limits.point_of_order,
           Kind.RIGHT_OF_REPLY: limits.right_of_reply,
           Kind.SPEECH: limits.spokesperson if for_group else None}[kind]
    if own is not None:
        message = {
            Kind.POINT_OF_ORDER: text("A point of order has its own time limit, set for the "
                                      "sitting."),
            Kind.RIGHT_OF_REPLY: text("A right of reply has its own time limit, set for the "
                                      "sitting."),
            Kind.SPEECH: text("A speaker on behalf of a group has the longer limit set for "
                              "group spokespersons."),
        }[kind]
        return SpeakerLimit(own or None, Finding("SIT-3", CHAIRS_TIME_LIMITS, Severity.INFO,
                                                 message))
    if not limits.speech:
        return SpeakerLimit(None, Finding("SIT-3", CHAIRS_TIME_LIMITS, Severity.INFO, text(
            "No time limit is set for this sitting.")))
    provision = (PLENARY_TIME_LIMIT if limits.speech == PLENARY_TIME_LIMIT_SECONDS
                 else CHAIRS_TIME_LIMITS)
    return SpeakerLimit(limits.speech, Finding("SIT-3", provision, Severity.INFO, text(
        "The sitting's time limit per speech.")))


# ---------------------------------------------------------------------------------------------
# Figures: the share of women among speakers


@dataclass(frozen=True)
class Share:
    women: int
    total: int

    @property
    def percent(self) -> float | None:
        """The share in per cent, to one decimal; None when nobody spoke."""
        return round(100 * self.women / self.total, 1) if self.total else None
