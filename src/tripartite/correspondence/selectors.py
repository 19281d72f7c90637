"""Reads of the correspondence: who a batch goes to, the register, letters awaiting replies.

The Governing Body's members, for a batch: the States holding a Government seat (titular or
deputy) on the day, from ``membership.GoverningBodyMembership``. Where no Government seat is
recorded at all, they are taken as the ten States of chief industrial importance (the
permanent seats, ``MemberState.chief_industrial_importance``) together with every State that
has a delegation to the most recent session of the Governing Body.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from tripartite.common.models import Group
from tripartite.constituents.models import MemberState
from tripartite.correspondence.models import (
    AddressBookEntry,
    Audience,
    IncomingReply,
    Letter,
    LetterTemplate,
    MailMergeBatch,
    RecipientKind,
    Selection,
    TemplateVersion,
)
from tripartite.delegations.models import Delegation, DelegationStatus
from tripartite.meetings.models import MeetingType, Session
from tripartite.membership.models import GoverningBodyMembership


def latest_governing_body_session() -> Session | None:
    return (Session.objects.filter(meeting__type=MeetingType.GB)
            .order_by("-opens_at", "-id").first())


def governing_body_states(day: dt.date | None = None) -> QuerySet[MemberState]:
    day = day or timezone.localdate()
    seats = GoverningBodyMembership.objects.filter(group=Group.GOVERNMENT,
                                                   member_state__isnull=False)
    if seats.exists():
        current = seats.filter(Q(term_until__isnull=True) | Q(term_until__gt=day),
                               term_from__lte=day)
        return MemberState.objects.filter(pk__in=current.values("member_state"))
    latest = latest_governing_body_session()
    condition = Q(chief_industrial_importance=True)
    if latest is not None:
        condition |= Q(delegations__session=latest)
    return MemberState.objects.filter(condition).distinct()


def states_without_credentials(session: Session | None) -> QuerySet[MemberState]:
    """Member States whose credentials for ``session`` have not been received: no delegation,
    or a delegation still "not received"."""
    received = Delegation.objects.filter(session=session, member_state=OuterRef("pk")).exclude(
        status=DelegationStatus.NOT_RECEIVED)
    return MemberState.objects.filter(~Exists(received))


def selected_states(*, selection: str, region: str = "", session: Session | None = None
                    ) -> QuerySet[MemberState] | None:
    """The member States a selection names; None for selections that are not by State."""
    if selection == Selection.ALL_MEMBER_STATES:
        return MemberState.objects.all()
    if selection == Selection.REGION:
        return MemberState.objects.filter(ilo_region=region)
    if selection == Selection.GOVERNING_BODY:
        return governing_body_states()
    if selection == Selection.NO_CREDENTIALS:
        return states_without_credentials(session)
    return None


def audience_filter(audience: str) -> Q:
    if audience == Audience.PERMANENT_MISSION:
        return Q(kind=RecipientKind.PERMANENT_MISSION)
    if audience == Audience.MINISTRY:
        return Q(kind=RecipientKind.MINISTRY)
    return Q(kind=RecipientKind.ORGANISATION, organisation__kind=audience)


def entries() -> QuerySet[AddressBookEntry]:
    return AddressBookEntry.objects.select_related("member_state", "organisation")


@dataclass(frozen=True)
class RecipientSet:
    recipients: list[AddressBookEntry]
    states_without_entry: list[MemberState]


def recipients_for(*, selection: str, audience: str, region: str = "",
                   session: Session | None = None,
                   hand_picked: Iterable[int] = ()) -> RecipientSet:
    """The address book entries a batch goes to, and the chosen States that have none."""
    if selection == Selection.HAND_PICKED:
        chosen = list(entries().filter(pk__in=list(hand_picked), active=True)
                      .order_by("name", "id"))
        return RecipientSet(chosen, [])
    states = selected_states(selection=selection, region=region, session=session)
    if states is None:
        return RecipientSet([], [])
    found = list(entries().filter(audience_filter(audience), active=True,
                                  member_state__in=states).order_by("name", "id"))
    covered = {entry.member_state_id for entry in found}
    missing = [state for state in states.order_by("name_en") if state.pk not in covered]
    return RecipientSet(found, missing)


def current_versions(template: LetterTemplate) -> dict[str, TemplateVersion]:
    """The latest version of ``template`` in each language that has one."""
    latest: dict[str, TemplateVersion] = {}
    for version in template.versions.order_by("language", "-number"):
        latest.setdefault(version.language, version)
    return latest


# --- the register ----------------------------------------------------------------------------

def register(*, query: str = "", status: str = "", year: int | None = None,
             member_state: str = "", awaiting: bool = False) -> QuerySet[Letter]:
    letters = Letter.objects.select_related("member_state", "recipient", "batch__template",
                                            "template_version__template")
    if query:
        letters = letters.filter(Q(reference__icontains=query) | Q(subject__icontains=query)
                                 | Q(recipient_name__icontains=query)
                                 | Q(signatory__icontains=query))
    if status:
        letters = letters.filter(status=status)
    if year:
        letters = letters.filter(letter_date__year=year)
    if member_state:
        letters = letters.filter(member_state__iso2=member_state.upper())
    if awaiting:
        letters = awaiting_reply(letters)
    return letters


def awaiting_reply(letters: QuerySet[Letter] | None = None) -> QuerySet[Letter]:
    """Letters that expect a reply and have none yet, by their deadline."""
    letters = letters if letters is not None else Letter.objects.select_related(
        "member_state", "recipient", "batch__template")
    replied = IncomingReply.objects.filter(letter=OuterRef("pk"))
    return (letters.filter(reply_deadline__isnull=False).exclude(Exists(replied))
            .order_by("reply_deadline", "reference"))


def non_repliers(batch: MailMergeBatch) -> list[Letter]:
    """The letters of ``batch`` still without a reply."""
    replied = IncomingReply.objects.filter(letter=OuterRef("pk"))
    return list(batch.letters.exclude(Exists(replied)).select_related(
        "recipient__member_state", "recipient__organisation").order_by("recipient__name", "id"))
