"""Who may vote in a vote at a given moment, and the quorum base: the one place that turns
the other apps' answers into the voters of a vote.

- Plenary of the Conference: the registered delegates entitled to vote
  (``registration.attendance.registered_voters``: credentials' verdict and registration at
  that moment), one vote each.
- Committee: ``membership.selectors.committee_voters`` (CTTE-1 weights, CTTE-2 deputies).
- Governing Body: ``membership.selectors.governing_body_voters`` (titular members and the
  deputies replacing them, the arrears rule applied), one vote each.
"""

from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Prefetch

from tripartite.constituents.models import Person
from tripartite.delegations.evaluation import evaluate
from tripartite.delegations.models import ArrearsStatus, Delegation, DelegationStatus, Nomination
from tripartite.delegations.selectors import ACTIVE, credentials_settings
from tripartite.meetings.models import AgendaItem
from tripartite.membership import selectors as membership
from tripartite.registration import attendance
from tripartite.registration.models import QuorumBasis, Registration
from tripartite.votes.models import Body

GROUPS = ("government", "employers", "workers")


@dataclass(frozen=True)
class Elector:
    person_id: int
    group: str
    weight: Fraction = Fraction(1)
    nomination_id: int | None = None
    member_state_id: int | None = None


def _persons_states(person_ids) -> dict[int, int | None]:
    return dict(Person.objects.filter(pk__in=person_ids).values_list("pk", "member_state_id"))


def plenary_nominations(session, at) -> dict[int, str]:
    return attendance.registered_voters(session, at)


def electorate(vote, at) -> dict[int, Elector]:
    """Person id -> the elector, for ``vote`` at ``at``."""
    if vote.body == Body.PLENARY:
        voters = plenary_nominations(vote.session, at)
        rows = Nomination.objects.filter(pk__in=voters).values_list(
            "pk", "person_id", "delegation__member_state_id")
        return {person: Elector(person, voters[pk], Fraction(1), pk, state)
                for pk, person, state in rows}
    if vote.body == Body.COMMITTEE:
        voters = membership.committee_voters(vote.committee, at)
        states = _persons_states(voters)
        return {person: Elector(person, group, Fraction(weight), None, states.get(person))
                for person, (group, weight) in voters.items()}
    voters = membership.governing_body_voters(vote.session, at)
    states = _persons_states(voters)
    return {person: Elector(person, group, Fraction(1), None, states.get(person))
            for person, group in voters.items()}


def delegation_voters(session, delegation_id) -> dict[int, str]:
    """Nomination id -> group of the delegates of one delegation entitled to vote: the same
    verdict as ``delegations.selectors.session_voters`` gives for the whole session (the
    credentials reached the Office; the rules decide), for one delegation only."""
    delegation = _one_delegation(session, delegation_id)
    if delegation is None or delegation.status == DelegationStatus.NOT_RECEIVED:
        return {}
    arrears = ArrearsStatus.objects.filter(session=session,
                                           member_state=delegation.member_state_id).first()
    verdict = evaluate(delegation, arrears=arrears, settings=credentials_settings(session))
    groups = {nomination.pk: nomination.group for nomination in delegation.nominations.all()}
    return {pk: groups[pk] for pk in verdict.voters}


def _one_delegation(session, delegation_id):
    """One delegation ready to evaluate, read as ``delegations.selectors.
    session_delegations_for_evaluation`` reads a whole session's (light nominations, agenda
    items as ids from the link table), in four queries."""
    nominations = (Nomination.objects.filter(ACTIVE).select_related("person")
                   .only("id", "delegation", "group", "role", "adviser_to", "admitted",
                         "represents", "withdrawn_in_amendment", "person__gender"))
    delegation = (Delegation.objects.filter(pk=delegation_id, session=session)
                  .select_related("member_state", "session")
                  .prefetch_related(Prefetch("nominations", queryset=nominations),
                                    Prefetch("session__agenda_items",
                                             queryset=AgendaItem.objects.order_by("position",
                                                                                  "id")))
                  .first())
    if delegation is None:
        return None
    links: dict[int, list[int]] = {}
    for nomination_id, item_id in Nomination.agenda_items.through.objects.filter(
            nomination__delegation=delegation_id).values_list("nomination_id",
                                                              "agendaitem_id"):
        links.setdefault(nomination_id, []).append(item_id)
    for nomination in delegation.nominations.all():
        nomination.agenda_item_ids = links.get(nomination.pk, [])
    return delegation


def is_registered(session, nomination_id, at) -> bool:
    """Whether the nomination counts as registered at ``at``, by the session's practice
    (the same test as ``registration.attendance.registered_voters``)."""
    registrations = Registration.objects.filter(session=session, nomination_id=nomination_id)
    if attendance.quorum_basis(session) == QuorumBasis.ACCREDITED:
        return not registrations.filter(attendance.departed_filter(at)).exists()
    return registrations.filter(attendance.present_filter(at)).exists()


def plenary_elector(session, person_id, at) -> Elector | None:
    """The elector ``person_id`` is in a plenary vote of ``session`` at ``at``, or None: a
    delegate entitled to vote (their delegation's verdict) and registered at that moment.
    Equal to ``electorate`` for that person, at the cost of one delegation, not a session."""
    rows = Nomination.objects.filter(person_id=person_id, delegation__session=session,
                                     withdrawn_in_amendment__isnull=True).values_list(
        "pk", "delegation_id", "delegation__member_state_id")
    for pk, delegation_id, state in rows:
        if not is_registered(session, pk, at):  # the cheaper test first
            continue
        group = delegation_voters(session, delegation_id).get(pk)
        if group is not None:
            return Elector(person_id, group, Fraction(1), pk, state)
    return None


def base_of(electors: dict[int, Elector]) -> dict[str, int]:
    counts = dict.fromkeys(GROUPS, 0)
    for elector in electors.values():
        counts[elector.group] += 1
    return {**counts, "total": sum(counts.values())}


def quorum_base(vote, at) -> dict[str, int]:
    """The base the quorum is computed on when the vote opens, by group and in total."""
    if vote.body == Body.PLENARY:
        return attendance.quorum_base(vote.session, at).as_dict()
    return base_of(electorate(vote, at))
