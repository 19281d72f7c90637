"""Demo delegations to a session of the Conference, built from the demo people, in bulk.

Each State with demo people sends a delegation (at the scale of the Conference, about 172 of
the 187, as in 2023) made of its own people: the ministry's people for the Government, the
employers' and workers' organisations' people for their groups. Usually two Government
delegates, one Employers', one Workers', 0–4 advisers for each delegate (some following a
technical agenda item), sometimes a Minister. A few delegations are made so that the rules
have something to say: a lone Employers' delegate, no non-Government delegate at all,
credentials received late or not yet submitted, a Member in arrears, an objection.

France's delegation is left for its focal point to complete and submit: two Government
delegates and an Employers' delegate, not submitted. Kenya's is an ordinary one.

Deterministic: every choice comes from one seeded ``random.Random``. Written by
:func:`create_delegations`, used by the demo loader and by ``bench/delegations.py``.
"""

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field

from tripartite.accounts.models import User
from tripartite.constituents.models import MemberState, OrganisationKind, Person
from tripartite.delegations.models import (
    ArrearsStatus,
    Delegation,
    DelegationQuery,
    DelegationStatus,
    Nomination,
    NominationRole,
    Objection,
)
from tripartite.demo import names
from tripartite.demo.clock import clock

SEED = 2026
FOCAL_STATES = ("FR", "KE")  # the demo focal points' States: always a delegation
UNSUBMITTED_STATE = "FR"  # left for its focal point to submit through the portal
# At the scale of the Conference (172 delegations); scaled down, at least one of each.
SHAPES = {"lone_employers": 8, "neither": 4}
NOT_SUBMITTED = 15  # France included
LATE = 10
ARREARS = 5  # one of them with its vote restored by the Conference
OBJECTIONS = 2
PRESENT_SHARE = 172 / 187  # only when (nearly) every State has people
STATUS_SHARES = ((DelegationStatus.QUERY_SENT, 0.08), (DelegationStatus.UNDER_REVIEW, 0.10),
                 (DelegationStatus.RECEIVED, 0.12))  # the others accepted
RESTORED_ON = (2026, 6, 2)  # moved to the load day by demo/clock.py
RESTORED_BY = "ILC.114/Record No. 3"
DEADLINE_DAYS = 21
QUESTION = ("The credentials do not say in agreement with which organization the {group} "
            "delegate was chosen. Please confirm the organization consulted.")
OBJECTION_SUMMARIES = (
    "The Workers' delegate was not nominated in agreement with the most representative "
    "workers' organization of the country (Constitution, article 3(5)).",
    "The Employers' delegate is said to hold a senior post in a public body and so not to "
    "represent the employers of the country.",
)
LODGED_BY = ("A national trade union confederation", "An employers' federation")


@dataclass
class _Pools:
    """A State's demo people by group, in id order: (person id, organisation id, function)."""

    government: list = field(default_factory=list)
    employers: list = field(default_factory=list)
    workers: list = field(default_factory=list)


_GROUP_OF_KIND = {OrganisationKind.MINISTRY: "government",
                  OrganisationKind.EMPLOYERS: "employers", OrganisationKind.WORKERS: "workers"}


def _scaled(count: int, present: int, minimum: int = 1) -> int:
    return max(minimum, round(count * present / 172))


def create_delegations(session) -> dict[str, int]:
    """The demo delegations to ``session``, unless it already has delegations."""
    existing = Delegation.objects.filter(session=session)
    if existing.exists():
        return {"delegations": existing.count()}
    rng = random.Random(f"{SEED}:delegations")
    pools: dict[str, _Pools] = defaultdict(_Pools)
    for pk, iso2, organisation, kind, function in (
            Person.objects.filter(member_state__isnull=False).order_by("id").values_list(
                "id", "member_state__iso2", "organisation_id", "organisation__kind",
                "function")):
        getattr(pools[iso2], _GROUP_OF_KIND.get(kind, "government")).append(
            (pk, organisation, function))
    state_ids = dict(MemberState.objects.values_list("iso2", "id"))
    codes = sorted(pools)
    candidates = [code for code in codes if code not in FOCAL_STATES]
    absent = set()
    if len(codes) >= 100:  # the Conference's scale: some States send no one
        absent = set(rng.sample(candidates, len(codes) - round(len(codes) * PRESENT_SHARE)))
        candidates = [code for code in candidates if code not in absent]
    present = [code for code in codes if code not in absent]
    n = len(present)
    shuffled = rng.sample(candidates, len(candidates))
    lone = set(shuffled[:_scaled(SHAPES["lone_employers"], n)])
    neither = set(shuffled[len(lone):len(lone) + _scaled(SHAPES["neither"], n)])
    unsubmitted = {UNSUBMITTED_STATE, *rng.sample(candidates, _scaled(NOT_SUBMITTED - 1, n))}
    submitted = [code for code in present if code not in unsubmitted]
    late = set(rng.sample(submitted, _scaled(LATE, n)))
    statuses = {}
    order = rng.sample(submitted, len(submitted))
    start = 0
    for status, share in STATUS_SHARES:
        count = max(1, round(len(submitted) * share))
        statuses.update((code, status) for code in order[start:start + count])
        start += count
    statuses.update((code, DelegationStatus.ACCEPTED) for code in order[start:])
    arrears = rng.sample(candidates, _scaled(ARREARS, n, minimum=2))
    objected = rng.sample([code for code in submitted if code not in neither],
                          _scaled(OBJECTIONS, n))

    opening = session.local_opens_at.date()
    zone = session.zone
    delegations = []
    for code in present:
        delegation = Delegation(member_state_id=state_ids[code], session=session)
        if code in submitted:
            days = rng.randint(1, DEADLINE_DAYS - 1) if code in late else rng.randint(
                DEADLINE_DAYS + 1, 60)
            received = opening - dt.timedelta(days=days)
            delegation.received_on = received
            delegation.submitted_at = dt.datetime.combine(
                received, dt.time(rng.randint(8, 17), rng.randint(0, 59)), zone)
            delegation.status = statuses[code]
            if delegation.status == DelegationStatus.ACCEPTED:
                accepted = min(received + dt.timedelta(days=rng.randint(1, 6)),
                               opening - dt.timedelta(days=1))
                delegation.accepted_at = dt.datetime.combine(accepted, dt.time(15), zone)
        delegations.append(delegation)
    delegations = _created(Delegation, delegations, Delegation.objects.filter(session=session),
                           lambda d: d.member_state_id)
    by_code = dict(zip(present, delegations, strict=True))

    # Delegates (and Ministers) first, for the advisers to point at.
    heads, advisers_of = [], {}
    for code in present:
        delegation, pool = by_code[code], pools[code]
        government = list(pool.government)
        employers = [] if code in neither else list(pool.employers)
        workers = [] if code in neither or code in lone else list(pool.workers)
        if code == UNSUBMITTED_STATE:
            workers = []
        people = []  # (person, group, role)
        if (code != UNSUBMITTED_STATE and len(government) >= 3
                and names.is_minister(government[0][2]) and rng.random() < 0.3):
            people.append((government.pop(0), "government", NominationRole.MINISTER))
        people += [(government.pop(0), "government", NominationRole.DELEGATE)
                   for _ in range(min(2, len(government)))]
        people += [(pool_.pop(0), group, NominationRole.DELEGATE)
                   for pool_, group in ((employers, "employers"), (workers, "workers"))
                   if pool_]
        for position, ((pk, organisation, _function), group, role) in enumerate(people, 1):
            heads.append(Nomination(
                delegation=delegation, person_id=pk, group=group, role=role, position=position,
                organisation_id=None if group == "government" else organisation))
        advisers_of[code] = {"government": government, "employers": employers,
                             "workers": workers}
    heads = _created(Nomination, heads,
                     Nomination.objects.filter(delegation__session=session),
                     lambda n: (n.delegation_id, n.person_id))

    items = [item.pk for item in session.agenda_items.order_by("position", "id")
             if item.technical]
    advisers, adviser_items = [], []
    delegates_of, head_count = defaultdict(list), defaultdict(int)
    for nomination in heads:
        head_count[nomination.delegation_id] += 1
        if nomination.role == NominationRole.DELEGATE:
            delegates_of[nomination.delegation_id].append(nomination)
    for code in present:
        delegation = by_code[code]
        if code == UNSUBMITTED_STATE:
            continue
        position = head_count[delegation.pk]
        for delegate in delegates_of[delegation.pk]:
            pool = advisers_of[code][delegate.group]
            first_item = rng.randrange(len(items)) if items else 0
            for index in range(min(rng.randint(0, 4), len(pool))):
                pk, organisation, _function = pool.pop(0)
                position += 1
                advisers.append(Nomination(
                    delegation=delegation, person_id=pk, group=delegate.group,
                    role=NominationRole.ADVISER, position=position, adviser_to=delegate,
                    organisation_id=None if delegate.group == "government" else organisation))
                if items and rng.random() < 0.5:  # at most one adviser per item and delegate
                    adviser_items.append((len(advisers) - 1,
                                          items[(first_item + index) % len(items)]))
    advisers = _created(Nomination, advisers,
                        Nomination.objects.filter(delegation__session=session),
                        lambda n: (n.delegation_id, n.person_id))
    through = Nomination.agenda_items.through
    through.objects.bulk_create(through(nomination_id=advisers[index].pk, agendaitem_id=item)
                                for index, item in adviser_items)

    secretariat = User.objects.filter(username="secretariat").first()
    group_names = {"employers": "Employers'", "workers": "Workers'",
                   "government": "Government"}
    queries = []
    for code in present:
        if statuses.get(code) == DelegationStatus.QUERY_SENT:
            delegates = delegates_of[by_code[code].pk]
            group = next((d.group for d in delegates if d.group != "government"), "Government")
            queries.append(DelegationQuery(delegation=by_code[code], asked_by=secretariat,
                                           question=QUESTION.format(
                                               group=group_names.get(group, group))))
    DelegationQuery.objects.bulk_create(queries)

    ArrearsStatus.objects.bulk_create(
        ArrearsStatus(member_state_id=state_ids[code], session=session, in_arrears=True,
                      vote_restored_on=clock.date(*RESTORED_ON) if index == 0 else None,
                      decision_reference=RESTORED_BY if index == 0 else "")
        for index, code in enumerate(arrears))

    objections = []
    for index, code in enumerate(objected):
        delegates = [d for d in delegates_of[by_code[code].pk] if d.group != "government"]
        target = delegates[-1]  # the Workers' delegate when there is one
        objections.append(Objection(
            session=session, delegation=by_code[code], nomination=target,
            lodged_by=LODGED_BY[0 if target.group == "workers" else 1],
            lodged_at=clock.moment(dt.datetime(2026, 6, 2 + index, 9 + 2 * index, 30,
                                               tzinfo=dt.UTC)),
            summary=OBJECTION_SUMMARIES[0 if target.group == "workers" else 1]))
    Objection.objects.bulk_create(objections)
    return {"delegations": len(delegations), "nominations": len(heads) + len(advisers),
            "submitted": len(submitted), "late": len(late), "in arrears": len(arrears),
            "objections": len(objections), "queries": len(queries)}


def _created(model, objects: list, queryset, key) -> list:
    """``bulk_create``, then the ids from ``queryset`` on a database that cannot return them."""
    objects = model.objects.bulk_create(objects)
    if objects and objects[0].pk is None:
        ids = {key(obj): obj.pk for obj in queryset}
        for obj in objects:
            obj.pk = ids[key(obj)]
    return objects
