"""The one place where delegations in the database become the rules' plain values.

The web pages, the API and ``tripartite rules delegation`` all end in
``tripartite.rules.delegations.evaluate_delegation``, so they cannot disagree; objections end
in ``tripartite.rules.objections.objection_receivable``.
"""

from datetime import date, datetime

from tripartite.delegations.models import (
    ArrearsStatus,
    CredentialsSettings,
    Delegation,
    Objection,
    ObjectionKind,
    PublishedList,
)
from tripartite.meetings.models import Session
from tripartite.rules import delegations as rules
from tripartite.rules import objections as objection_rules


def credentials_deadline(session: Session, settings: CredentialsSettings | None) -> date:
    """CRED-1 for ``session``: its own deadline, else 21 days before the (local) opening."""
    return rules.credentials_deadline(session.local_opens_at.date(),
                                      settings.deadline if settings else None)


def session_facts(session: Session, settings: CredentialsSettings | None) -> rules.SessionFacts:
    return rules.SessionFacts(
        opening=session.local_opens_at.date(),
        agenda_items=sum(1 for item in session.agenda_items.all() if item.technical),
        credentials_deadline=settings.deadline if settings else None,
    )


def member_facts(delegation: Delegation, arrears: ArrearsStatus | None) -> rules.Member:
    return rules.Member(
        code=delegation.member_state.iso2,
        in_arrears=bool(arrears and arrears.in_arrears),
        vote_restored=bool(arrears and arrears.vote_restored_on),
    )


def person_facts(nomination, positions: dict[int, int]) -> rules.Person:
    return rules.Person(
        id=nomination.pk,
        group=nomination.group,
        role=nomination.role,
        gender=nomination.person.gender,
        agenda_items=tuple(sorted(positions[item_id] for item_id in _agenda_item_ids(nomination)
                                  if item_id in positions)),
        adviser_to=nomination.adviser_to_id,
        admitted=nomination.admitted,
        represents=nomination.represents,
    )


def _agenda_item_ids(nomination):
    """Plain ids when the selector attached them (selectors.session_delegations_for_evaluation,
    for whole sessions); else the prefetched related items."""
    ids = getattr(nomination, "agenda_item_ids", None)
    if ids is not None:
        return ids
    items = getattr(nomination, "agenda_item_list", None)
    return [item.pk for item in (nomination.agenda_items.all() if items is None else items)]


def delegation_facts(delegation: Delegation, *, arrears=None, settings=None) -> rules.Delegation:
    """``delegation`` must come with its session's agenda items and its nominations prefetched
    (see selectors.delegations_for_evaluation)."""
    session = delegation.session
    positions = {item.pk: number for number, item in enumerate(
        (item for item in session.agenda_items.all() if item.technical), start=1)}
    nominations = [n for n in delegation.nominations.all() if n.withdrawn_in_amendment is None]
    return rules.Delegation(
        member=member_facts(delegation, arrears),
        session=session_facts(session, settings),
        persons=tuple(person_facts(n, positions) for n in nominations),
        received_on=delegation.received_on,
    )


def evaluate(delegation: Delegation, *, arrears=None, settings=None) -> rules.DelegationVerdict:
    scope = settings.arrears_scope if settings else "government"
    return rules.evaluate_delegation(
        delegation_facts(delegation, arrears=arrears, settings=settings), arrears_scope=scope)


def objection_facts(objection: Objection) -> objection_rules.Objection:
    return objection_rules.Objection(
        lodged_at=objection.lodged_at,
        authors_anonymous=objection.authors_anonymous,
        author_is_adviser_to_delegate=objection.author_is_adviser_to_delegate,
        same_facts_found_irrelevant=objection.same_facts_found_irrelevant,
        revised_list_published_on=objection.revised_list_published_on,
    )


def objection_deadline(session: Session,
                       revised_list_published_on: date | None = None) -> datetime:
    """CRED-3 for ``session``: the time limit for objections (``rules.objections``), based on
    the provisional list or on a revised list published on ``revised_list_published_on``."""
    return objection_rules.objection_deadline(
        opening=session.local_opens_at.date(), time_zone=session.zone,
        revised_list_published_on=revised_list_published_on)


def objection_time_limits(session: Session
                          ) -> list[tuple[PublishedList | None, datetime]]:
    """(revised list or None for the provisional one, its time limit) for each list
    published for ``session``; the provisional list's limit even before it is published."""
    limits: list[tuple[PublishedList | None, datetime]] = [(None, objection_deadline(session))]
    for revised in (PublishedList.objects.filter(session=session,
                                                 kind=PublishedList.Kind.REVISED)
                    .order_by("number")):
        limits.append((revised, objection_deadline(
            session, revised.published_at.astimezone(session.zone).date())))
    return limits


def objection_verdict(objection: Objection) -> objection_rules.ObjectionVerdict | None:
    """What the rules say on receivability; None for a complaint (no rule applies)."""
    if objection.kind != ObjectionKind.OBJECTION:
        return None
    session = objection.session
    return objection_rules.objection_receivable(objection_facts(objection),
                                                opening=session.local_opens_at.date(),
                                                time_zone=session.zone)
