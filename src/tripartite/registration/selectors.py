"""Reads of the registration desk: the accredited nominations, searching, a delegation's
registrations, badges to print."""

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from tripartite.accounts.models import Role, User
from tripartite.common.text import sort_key
from tripartite.constituents.models import MemberState
from tripartite.delegations.models import DelegationStatus, Nomination
from tripartite.meetings.models import Session
from tripartite.registration.models import Badge, Registration

SEARCH_LIMIT = 50
# Delegations whose credentials reached the Office: their nominations are accredited.
ACCREDITED_STATUSES = (DelegationStatus.RECEIVED, DelegationStatus.UNDER_REVIEW,
                       DelegationStatus.QUERY_SENT, DelegationStatus.ACCEPTED)


def accredited_nominations(session: Session) -> QuerySet[Nomination]:
    """Nominations of ``session`` that give a registration: credentials received, not
    withdrawn, admitted by the Conference."""
    return (Nomination.objects
            .filter(delegation__session=session, delegation__status__in=ACCREDITED_STATUSES,
                    withdrawn_in_amendment__isnull=True, admitted=True)
            .select_related("delegation__member_state", "person")
            .order_by("delegation__member_state__name_en", "position", "id"))


def registrations_queryset() -> QuerySet[Registration]:
    return (Registration.objects
            .select_related("person", "session", "nomination__delegation__member_state",
                            "registered_by")
            .prefetch_related(Prefetch("badges", queryset=Badge.objects.order_by("-number")))
            .annotate(has_valid_badge=Exists(Badge.objects.filter(
                registration=OuterRef("pk"), revoked_at__isnull=True))))


def valid_badge(registration: Registration) -> Badge | None:
    """The registration's badge in force (from the prefetched badges when there are)."""
    return next((badge for badge in registration.badges.all() if badge.revoked_at is None),
                None)


def search(session: Session, *, text: str = "", iso2: str = "",
           limit: int = SEARCH_LIMIT) -> list[Registration]:
    """Registrations of ``session`` matching a name (any script or its Latin form, accents
    and case ignored, every word), a badge number, and/or a member State.

    Names are matched in Python over the session's few thousand names: the same folding as
    the lists (``common.text.sort_key``) on every database.
    """
    text = (text or "").strip()
    queryset = Registration.objects.filter(session=session)
    if iso2:
        queryset = queryset.filter(nomination__delegation__member_state__iso2=iso2.upper())
    if not text and not iso2:
        return []
    ids: list[int]
    if text.isdigit():
        queryset = queryset.filter(badges__number=int(text)).distinct()
        ids = list(queryset.values_list("pk", flat=True)[:limit])
    elif text:
        words = sort_key(text).split()
        ids = []
        for pk, name, latin in queryset.values_list("pk", "person__name",
                                                    "person__name_latin"):
            folded = f"{sort_key(name)} {sort_key(latin)}"
            if all(word in folded for word in words):
                ids.append(pk)
                if len(ids) >= limit:
                    break
    else:
        ids = list(queryset.values_list("pk", flat=True)[:limit])
    return list(registrations_queryset().filter(pk__in=ids)
                .order_by("person__name_latin", "id"))


def delegation_registrations(session: Session, iso2: str) -> QuerySet[Registration]:
    return registrations_queryset().filter(
        session=session, nomination__delegation__member_state__iso2=iso2.upper()).order_by(
        "nomination__position", "nomination_id")


def never_printed(session: Session) -> QuerySet[Registration]:
    """Registrations of ``session`` that never had a badge."""
    return (Registration.objects.filter(session=session)
            .filter(~Exists(Badge.objects.filter(registration=OuterRef("pk"))))
            .order_by("affiliation", "person__name_latin", "id"))


def badge_texts(registrations: QuerySet[Registration]) -> Iterable[str]:
    """What badges print of ``registrations`` in the holders' own words (fonts.warn_missing)."""
    for row in registrations.values_list("person__name", "affiliation", "role_label").iterator():
        yield from row


def badges_for_printing(badges: Iterable[Badge]) -> list[Badge]:
    return list(Badge.objects.filter(pk__in=[badge.pk for badge in badges])
                .select_related("registration__person", "registration__session",
                                "registration__nomination__delegation__member_state")
                .order_by("number"))


def session_counts(session: Session) -> dict[str, int]:
    registrations = Registration.objects.filter(session=session)
    return {
        "registrations": registrations.count(),
        "registered": registrations.filter(registered_at__isnull=False).count(),
        "with_photo": registrations.exclude(photo="").count(),
        "never_printed": never_printed(session).count(),
        "badges_valid": Badge.objects.filter(session=session, revoked_at__isnull=True).count(),
    }


def delegation_states(session: Session) -> list[MemberState]:
    """The member States with registrations in ``session``, by name (in the language shown)."""
    codes = (Registration.objects.filter(session=session, nomination__isnull=False)
             .values_list("nomination__delegation__member_state__iso2", flat=True).distinct())
    return sorted(MemberState.objects.filter(iso2__in=set(codes)),
                  key=lambda state: sort_key(state.name))


def photo_registrations(user: User) -> QuerySet[Registration]:
    """Registrations whose photo ``user`` may upload as participant or focal point."""
    query = Q(pk__in=[])
    if user.person_id:
        query |= Q(person_id=user.person_id)
    if user.role == Role.FOCAL_POINT and user.member_state_id:
        query |= Q(nomination__delegation__member_state_id=user.member_state_id)
    return (registrations_queryset().filter(query)
            .order_by("-session__opens_at", "person__name_latin"))
