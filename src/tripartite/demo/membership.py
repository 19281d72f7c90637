"""Demo membership: the members of the 114th Session's committees, drawn from the delegations'
nominations, with a few changes on later days and their published weights; the Governing Body's
titular and deputy members at its 357th Session, with one replacement. (No Member is put in
arrears for that session here: the delegations' demo owns the arrears and its tests count them.)

- The Credentials Committee: its three officers (one per group).
- The Finance Committee: one Government delegate of each delegation (not weighted).
- The General Affairs Committee: a third of the States, a few Employer and Worker members.
- The other committees: regular Government members from about half of the States, deputy
  Government members from a fifth of the others, Employer and Worker members from about two
  States in five. On the second day (09:00) two Worker members join and an Employer member
  leaves; on the third (09:00) a regular Government member leaves and a deputy becomes a
  regular member; in the Committee on the Application of Standards a deputy replaces a regular
  member from the third day at 15:00.

Deterministic: every choice comes from one seeded ``random.Random``. Written in bulk; the
weights are computed by the rules (``membership.services.snapshot_build``) at each change, as
the services do, and stored in bulk.
"""

import datetime as dt
import random
from collections import defaultdict

from tripartite.constituents.models import MemberState, OrganisationKind, Person
from tripartite.delegations.models import DelegationStatus, Nomination
from tripartite.demo.clock import clock
from tripartite.meetings.models import CommitteeKind, Officer
from tripartite.membership import selectors
from tripartite.membership.models import (
    CommitteeMembership,
    CommitteeReplacement,
    GoverningBodyMembership,
    GoverningBodyReplacement,
    SnapshotReason,
    WeightSnapshot,
)
from tripartite.membership.services import snapshot_build
from tripartite.rules.membership import in_period

SEED = 2026
GB_SESSION = "GB357"
# GB-1: the ten Members of chief industrial importance hold permanent Government seats.
CHIEF_INDUSTRIAL = ("BR", "CN", "FR", "DE", "IN", "IT", "JP", "RU", "GB", "US")
GB_SEATS = {"titular": {"government": 28, "employers": 14, "workers": 14},
            "deputy": {"government": 28, "employers": 19, "workers": 19}}
GB_TERM_FROM = (2024, 6, 15)  # the 2024 elections (moved to the load day, demo/clock.py)
GROUP_OF_KIND = {OrganisationKind.EMPLOYERS: "employers", OrganisationKind.WORKERS: "workers"}


def create_membership(sessions: dict, committees: dict) -> dict[str, int]:
    """Membership of the ILC demo's committees and of the Governing Body at ``GB_SESSION``."""
    ilc = sessions["ILC"]
    if CommitteeMembership.objects.filter(committee__session=ilc).exists():
        return {"committee members": CommitteeMembership.objects.filter(
            committee__session=ilc).count()}
    rng = random.Random(f"{SEED}:membership")
    counts = _committees(ilc, committees, rng)
    if GB_SESSION in sessions:
        counts.update(_governing_body(sessions[GB_SESSION], rng))
    return counts


# --- committees of the Conference ----------------------------------------------------------------

def _nominations(session):
    """State id -> group -> [(nomination id, person id)], delegates first, of the delegations
    whose credentials reached the Office."""
    pools = defaultdict(lambda: defaultdict(list))
    for pk, person, group, role, state in (
            Nomination.objects.filter(delegation__session=session,
                                      withdrawn_in_amendment__isnull=True, admitted=True)
            .exclude(delegation__status=DelegationStatus.NOT_RECEIVED)
            .order_by("delegation__member_state__iso2", "position", "id")
            .values_list("pk", "person_id", "group", "role", "delegation__member_state_id")):
        pools[state][group].append((pk, person, role))
    for groups in pools.values():
        for members in groups.values():
            members.sort(key=lambda m: m[2] != "delegate")  # stable: delegates first
    return pools


def _row(committee, nomination, person, group, state, at, kind="regular"):
    return CommitteeMembership(committee=committee, nomination_id=nomination,
                               person_id=person, group=group, member_state_id=state,
                               kind=kind, valid_from=at)


def _pick(pools, states, group, rng, share, used):
    """One member of ``group`` from about ``share`` of ``states`` (at least one)."""
    chosen = []
    candidates = [s for s in states if pools[s].get(group)]
    for state in rng.sample(candidates, max(1, round(len(candidates) * share))
                            if candidates else 0):
        nomination, person, _role = rng.choice(pools[state][group][:2])
        if person not in used:
            used.add(person)
            chosen.append((nomination, person, state))
    return chosen


def _committees(session, committees: dict, rng) -> dict[str, int]:
    opening = session.opens_at
    day2 = opening.astimezone(session.zone).replace(hour=9) + dt.timedelta(days=1)
    day3 = day2 + dt.timedelta(days=1)
    pools = _nominations(session)
    states = sorted(pools)
    if not states:
        return {"committee members": 0}
    nomination_of = {person: nomination for groups in pools.values()
                     for members in groups.values() for nomination, person, _r in members}
    rows: list[CommitteeMembership] = []
    closing: list[tuple[int, object]] = []  # (index in rows, valid_until)
    replacements = []
    moments = defaultdict(list)  # committee key -> [(at, reason, subject)]
    names = dict(Person.objects.filter(pk__in=nomination_of).values_list("pk", "name"))
    for key, committee in committees.items():
        moments[key].append((opening, SnapshotReason.CONSTITUTED, ""))
        used: set[int] = set()
        if committee.kind == CommitteeKind.CREDENTIALS:
            for officer in Officer.objects.filter(committee=committee).select_related("person"):
                person = officer.person
                rows.append(_row(committee, nomination_of.get(person.pk), person.pk,
                                 officer.group or "government", person.member_state_id,
                                 opening))
            continue
        if committee.kind == CommitteeKind.FINANCE:
            for state in states:
                if pools[state].get("government"):
                    nomination, person, _role = pools[state]["government"][0]
                    rows.append(_row(committee, nomination, person, "government", state,
                                     opening))
            continue
        general = committee.kind == CommitteeKind.GENERAL_AFFAIRS
        regular_states = rng.sample(states, max(1, len(states) // (3 if general else 2)))
        regular = [(n, p, s) for s in regular_states if pools[s].get("government")
                   for n, p, _r in [pools[s]["government"][0]]]
        others = [s for s in states if s not in regular_states and pools[s].get("government")]
        deputy = [(pools[s]["government"][0][0], pools[s]["government"][0][1], s)
                  for s in rng.sample(others, min(len(others), max(2, len(others) // 5)))]
        used.update(p for _n, p, _s in regular + deputy)
        share = 0.15 if general else 0.4
        employers = _pick(pools, states, "employers", rng, share, used)
        workers = _pick(pools, states, "workers", rng, share, used)
        start = len(rows)
        rows += [_row(committee, n, p, "government", s, opening) for n, p, s in regular]
        rows += [_row(committee, n, p, "government", s, opening, "deputy") for n, p, s in deputy]
        rows += [_row(committee, n, p, "employers", s, opening) for n, p, s in employers]
        rows += [_row(committee, n, p, "workers", s, opening) for n, p, s in workers]
        if general:
            continue
        # Day 2: two Worker members join, an Employer member leaves.
        spare = [(n, p, s) for s in states for n, p, _r in pools[s].get("workers", [])
                 if p not in used][:2]
        for n, p, s in spare:
            used.add(p)
            rows.append(_row(committee, n, p, "workers", s, day2))
            moments[key].append((day2, SnapshotReason.ADDED, names.get(p, "")))
        if len(employers) > 1:
            leaving = start + len(regular) + len(deputy)
            closing.append((leaving, day2))
            moments[key].append((day2, SnapshotReason.REMOVED,
                                 names.get(rows[leaving].person_id, "")))
        # Day 3: a regular Government member leaves; a deputy becomes a regular member.
        if len(regular) > 2:
            closing.append((start, day3))
            moments[key].append((day3, SnapshotReason.REMOVED,
                                 names.get(rows[start].person_id, "")))
        if deputy:
            index = start + len(regular)
            closing.append((index, day3))
            old = rows[index]
            rows.append(_row(committee, old.nomination_id, old.person_id, "government",
                             old.member_state_id, day3))
            moments[key].append((day3, SnapshotReason.CHANGED, names.get(old.person_id, "")))
        if key == "cas" and len(regular) > 3 and len(deputy) > 1:
            replacements.append((committee, start + 1, start + len(regular) + 1,
                                 day3 + dt.timedelta(hours=6)))
            moments[key].append((day3 + dt.timedelta(hours=6), SnapshotReason.REPLACED,
                                 names.get(rows[start + len(regular) + 1].person_id, "")))
    for index, until in closing:
        rows[index].valid_until = until
    created = CommitteeMembership.objects.bulk_create(rows)
    if created and created[0].pk is None:  # a database that cannot return ids
        created = list(CommitteeMembership.objects.filter(
            committee__session=session).order_by("id"))
    CommitteeReplacement.objects.bulk_create(
        CommitteeReplacement(committee=committee, replaced_id=created[regular].pk,
                             deputy_id=created[deputy].pk, valid_from=at)
        for committee, regular, deputy, at in replacements)
    snapshots = _snapshots(session, committees, moments, created, replacements)
    WeightSnapshot.objects.bulk_create(snapshots)
    return {"committee members": len(rows), "weight snapshots": len(snapshots),
            "committee replacements": len(replacements)}


def _snapshots(session, committees, moments, created, replacements) -> list[WeightSnapshot]:
    """The weights at each change, by the rules, from the rows in memory: the arrears read once
    per moment, nothing per committee."""
    by_committee = defaultdict(list)
    for row in created:
        by_committee[row.committee_id].append(row)
    pairs = defaultdict(list)
    for committee, regular, deputy, at in replacements:
        pairs[committee.pk].append((created[regular].pk, created[deputy].pk, at))
    state_ids = {row.member_state_id for row in created if row.member_state_id}
    scope = selectors.arrears_scope(session)
    members = {}
    snapshots = []
    for key, changes in moments.items():
        committee = committees[key]
        for at, reason, subject in _last_per_moment(changes):
            if at not in members:
                members[at] = selectors.members_at(session, state_ids, at)
            rows = [row for row in by_committee[committee.pk]
                    if in_period(row.valid_from, row.valid_until, at)]
            current = [(replaced, deputy) for replaced, deputy, start in pairs[committee.pk]
                       if start <= at]
            result = selectors.committee_voting_of(committee, rows, current, members[at], scope)
            snapshots.append(snapshot_build(committee=committee, at=at, reason=reason,
                                            subject=subject, result=result))
    return snapshots


def _last_per_moment(changes):
    """Changes at the same moment publish once, with the last change's reason."""
    by_moment = {}
    for at, reason, subject in changes:
        by_moment[at] = (at, reason, subject)
    return sorted(by_moment.values(), key=lambda change: change[0])


# --- the Governing Body --------------------------------------------------------------------------

def _governing_body(session, rng) -> dict[str, int]:
    meeting = session.meeting
    if GoverningBodyMembership.objects.filter(meeting=meeting).exists():
        return {}
    people = defaultdict(lambda: defaultdict(list))  # state id -> group -> [person ids]
    for pk, state, kind in (Person.objects.filter(member_state__isnull=False).order_by("id")
                            .values_list("pk", "member_state_id", "organisation__kind")):
        people[state][GROUP_OF_KIND.get(kind, "government")].append(pk)
    codes = dict(MemberState.objects.filter(pk__in=people).values_list("pk", "iso2"))
    states = sorted(people, key=lambda pk: codes[pk])
    permanent = [s for s in states if codes[s] in CHIEF_INDUSTRIAL]
    others = rng.sample([s for s in states if codes[s] not in CHIEF_INDUSTRIAL],
                        len(states) - len(permanent))
    half = len(states) // 2
    titular_states = (permanent + others)[:min(GB_SEATS["titular"]["government"], half)]
    deputy_states = [s for s in others if s not in titular_states][
        :min(GB_SEATS["deputy"]["government"], len(states) - len(titular_states))]
    rows = [GoverningBodyMembership(meeting=meeting, person_id=people[s]["government"][0],
                                    member_state_id=s, group="government", seat=seat,
                                    term_from=clock.date(*GB_TERM_FROM))
            for seat, chosen in (("titular", titular_states), ("deputy", deputy_states))
            for s in chosen if people[s]["government"]]
    for group in ("employers", "workers"):
        pool = [p for s in states for p in people[s][group][1:3]]  # not the organisation's head
        picked = rng.sample(pool, min(len(pool), GB_SEATS["titular"][group]
                                      + GB_SEATS["deputy"][group]))
        titular_count = min(GB_SEATS["titular"][group], len(picked) // 2)
        rows += [GoverningBodyMembership(meeting=meeting, person_id=p, group=group,
                                         seat="titular" if i < titular_count else "deputy",
                                         term_from=clock.date(*GB_TERM_FROM))
                 for i, p in enumerate(picked)]
    created = GoverningBodyMembership.objects.bulk_create(rows)
    if created and created[0].pk is None:
        created = list(GoverningBodyMembership.objects.filter(meeting=meeting).order_by("id"))
    # One Employers' titular member is absent: a deputy votes in their place.
    titular = next((m for m in created if m.group == "employers" and m.seat == "titular"), None)
    deputy = next((m for m in created if m.group == "employers" and m.seat == "deputy"), None)
    replacements = 0
    if titular and deputy:
        GoverningBodyReplacement.objects.create(session=session, titular=titular,
                                                deputy=deputy, valid_from=session.opens_at)
        replacements = 1
    return {"Governing Body members": len(created), "Governing Body replacements": replacements}
