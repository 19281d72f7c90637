"""Reads of sittings that pages, the API, the records and the figures depend on: who has the
floor and their clock, the waiting list, what each item of a sitting came to (speakers, notes,
decision, vote), a session's record of decisions and its speaking figures. Each read names
what it loads with it, so that its number of queries does not grow with the rows."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone, translation

from tripartite.common.models import Group
from tripartite.constituents.models import Gender
from tripartite.meetings.models import AgendaItem, Session
from tripartite.rules import sittings as rules
from tripartite.rules.citations import cite
from tripartite.sittings.models import (
    ItemRecord,
    OnBehalfOf,
    Sitting,
    SittingState,
    SpeakerKind,
    SpeakerRequest,
    SpeakerStatus,
)
from tripartite.votes.models import Vote

SPEAKER_RELATED = ("person", "nomination__delegation__member_state")


def speaking(sitting: Sitting) -> SpeakerRequest | None:
    """Who has the floor, with their person and delegation."""
    return (SpeakerRequest.objects.filter(sitting=sitting, status=SpeakerStatus.SPEAKING)
            .select_related(*SPEAKER_RELATED).first())


def waiting(sitting: Sitting) -> list[SpeakerRequest]:
    """The requests waiting for the floor: points of order first (in the order raised), then
    the list by position."""
    rows = list(SpeakerRequest.objects.filter(sitting=sitting, status=SpeakerStatus.WAITING)
                .select_related(*SPEAKER_RELATED, "agenda_item"))
    points = sorted((r for r in rows if r.position is None),
                    key=lambda r: (r.requested_at, r.pk))
    listed = sorted((r for r in rows if r.position is not None), key=lambda r: r.position or 0)
    return points + listed


def time_limits(sitting: Sitting) -> rules.TimeLimits:
    return rules.TimeLimits(speech=sitting.time_limit_seconds,
                            spokesperson=sitting.spokesperson_limit_seconds,
                            right_of_reply=sitting.reply_limit_seconds,
                            point_of_order=sitting.point_of_order_limit_seconds)


def speaker_limit(sitting: Sitting, request: SpeakerRequest) -> rules.SpeakerLimit:
    """SIT-3: the limit of this speaker (their kind, and whether they speak for a group)."""
    return rules.time_limit(request.kind, for_group=request.on_behalf_of == OnBehalfOf.GROUP,
                            limits=time_limits(sitting))


def clock(sitting: Sitting, request: SpeakerRequest,
          now: dt.datetime | None = None) -> rules.Clock:
    """The speaker's clock, from the time the server gave the floor."""
    started = request.started_at or timezone.now()
    elapsed = max(0, int(((now or timezone.now()) - started).total_seconds()))
    return rules.clock(elapsed, speaker_limit(sitting, request).seconds)


def floor_state(sitting: Sitting) -> tuple[SpeakerRequest | None, rules.Clock | None,
                                           int | None]:
    """(who has the floor, their clock, their limit in seconds)."""
    current = speaking(sitting)
    if current is None:
        return None, None, None
    return current, clock(sitting, current), speaker_limit(sitting, current).seconds


def spoken_on(sitting: Sitting, item: AgendaItem) -> list[SpeakerRequest]:
    """Who has spoken (or is speaking) on ``item`` in this sitting, in the order they spoke."""
    return list(SpeakerRequest.objects.filter(sitting=sitting, agenda_item=item,
                                              started_at__isnull=False)
                .select_related(*SPEAKER_RELATED).order_by("started_at", "id"))


def sittings_of(session: Session) -> QuerySet[Sitting]:
    return (Sitting.objects.filter(session=session)
            .select_related("committee", "chair__person").order_by("date", "starts_at", "id"))


# ---------------------------------------------------------------------------------------------
# What a sitting did with its items


def item_records(sitting: Sitting) -> dict[int, ItemRecord]:
    """The sitting's record of each item that has one, by agenda item id."""
    rows = ItemRecord.objects.filter(sitting=sitting).select_related("vote__result")
    return {row.agenda_item_id: row for row in rows}


def duration(request: SpeakerRequest, now: dt.datetime | None = None) -> int:
    """Seconds spoken (so far, for the speaker who has the floor)."""
    if request.started_at is None:
        return 0
    end = request.ended_at or now or timezone.now()
    return max(0, int((end - request.started_at).total_seconds()))


def _spoken(sittings: Iterable[Sitting] | QuerySet[Sitting]) -> QuerySet[SpeakerRequest]:
    return (SpeakerRequest.objects.filter(sitting__in=sittings, started_at__isnull=False)
            .select_related(*SPEAKER_RELATED, "agenda_item", "sitting")
            .order_by("sitting__date", "sitting__starts_at", "sitting_id", "started_at", "id"))


def vote_summary(vote: Any, language: str) -> dict[str, Any] | None:
    """A vote's result with its arithmetic, in ``language`` (None without a result)."""
    if vote is None:
        return None
    subject = getattr(vote, f"subject_{language}", "") or vote.subject_en
    result = getattr(vote, "result", None) if vote.state in ("closed", "published") else None
    with translation.override(language):
        summary: dict[str, Any] = {"id": vote.pk, "subject": subject,
                                   "state": str(vote.get_state_display()),
                                   "method": str(vote.get_method_display())}
        if result is not None:
            summary.update({
                "yes": result.yes, "no": result.no, "abstain": result.abstain,
                "cast": result.cast, "quorum": result.quorum, "required": result.required,
                "outcome": str(result.get_outcome_display()),
                "explanation": [f"{e['message'].get(language) or e['message']['en']} "
                                f"({cite(e['provision'], language)})"
                                for e in result.explanation]})
    return summary


@dataclass
class ItemProceedings:
    item: AgendaItem
    title: str
    speakers: list[dict[str, Any]] = field(default_factory=list)
    notes: str = ""
    outcome: str = ""
    outcome_label: str = ""
    decision_text: str = ""
    vote: dict[str, Any] | None = None


def _speaker_row(row: SpeakerRequest, language: str, now: dt.datetime) -> dict[str, Any]:
    nomination = row.nomination
    with translation.override(language):
        return {
            "id": row.pk, "name": row.person.name,
            "delegation": nomination.delegation.member_state.name if nomination else "",
            "group": str(nomination.get_group_display()) if nomination else "",
            "capacity": str(nomination.get_role_display()) if nomination else "",
            "on_behalf_of": (str(row.get_on_behalf_of_display())
                             if row.on_behalf_of != OnBehalfOf.SELF else ""),
            "kind": row.kind, "kind_label": str(row.get_kind_display()),
            "seconds": duration(row, now), "notes": row.notes}


def _decision_text(record: ItemRecord, language: str) -> str:
    return (getattr(record, f"decision_text_{language}", "") or record.decision_text_en
            or "")


def proceedings(sitting: Sitting, language: str) -> list[ItemProceedings]:
    """The summary record of a sitting, per item in the agenda's order: the speakers in the
    order they spoke with capacity and delegation, their notes, the item's notes, the
    decision and any vote's result with its arithmetic, in ``language``."""
    now = timezone.now()
    items = list(sitting.agenda_items.order_by("position", "id"))
    records = item_records(sitting)
    by_item: dict[int | None, list[SpeakerRequest]] = defaultdict(list)
    for row in _spoken([sitting]):
        by_item[row.agenda_item_id].append(row)
    result = []
    with translation.override(language):
        for item in items:
            record = records.get(item.pk)
            entry = ItemProceedings(item=item, title=f"{item.number}. {item.title}")
            entry.speakers = [_speaker_row(r, language, now) for r in by_item.get(item.pk, [])]
            if record is not None:
                entry.notes = record.notes
                entry.outcome = record.outcome
                entry.outcome_label = (str(record.get_outcome_display())
                                       if record.outcome else "")
                entry.decision_text = _decision_text(record, language)
                entry.vote = vote_summary(record.vote, language)
            result.append(entry)
    return result


def session_decisions(session: Session, language: str) -> list[dict[str, Any]]:
    """The record of decisions of a session: every item of its agenda, with the decision of
    each sitting that decided it and the votes taken on it, in ``language``."""
    items = list(session.agenda_items.order_by("position", "id"))
    records = (ItemRecord.objects.filter(sitting__session=session).exclude(outcome="")
               .select_related("sitting").order_by("decided_at", "id"))
    votes = (Vote.objects.filter(session=session, agenda_item__isnull=False)
             .select_related("result").order_by("created_at", "id"))
    decided: dict[int, list[ItemRecord]] = defaultdict(list)
    for record in records:
        decided[record.agenda_item_id].append(record)
    voted: dict[int, list[Any]] = defaultdict(list)
    for vote in votes:
        voted[vote.agenda_item_id].append(vote)
    rows = []
    with translation.override(language):
        for item in items:
            rows.append({
                "item": item, "title": f"{item.number}. {item.title}",
                "decisions": [{"sitting": r.sitting.title, "date": r.sitting.date,
                               "outcome": r.outcome,
                               "outcome_label": str(r.get_outcome_display()),
                               "text": _decision_text(r, language)}
                              for r in decided.get(item.pk, [])],
                "votes": [vote_summary(v, language) for v in voted.get(item.pk, [])]})
    return rows


# ---------------------------------------------------------------------------------------------
# Figures


@dataclass
class Tally:
    label: str
    speeches: int = 0
    seconds: int = 0


@dataclass
class Figures:
    speakers: list[Tally]
    delegations: list[Tally]
    groups: list[Tally]
    items: list[Tally]
    not_reached: list[dict[str, Any]]
    points_of_order: int
    rights_of_reply: int
    women: list[tuple[str, rules.Share]]
    total_seconds: int


def _tallies(counter: dict[str, Tally]) -> list[Tally]:
    return sorted(counter.values(), key=lambda t: (-t.seconds, t.label))


def figures(session: Session, sitting: Sitting | None = None) -> Figures:
    """Speaking time per speaker, delegation, group and item; the requests not reached (still
    waiting when their sitting closed); points of order and rights of reply taken; and the
    share of women among the persons who spoke, by group (Person.gender)."""
    now = timezone.now()
    sittings = [sitting] if sitting is not None else list(Sitting.objects.filter(
        session=session))
    per: dict[str, dict[str, Tally]] = {k: {} for k in ("speaker", "delegation", "group",
                                                        "item")}
    points = replies = total = 0
    spoke: dict[str, dict[int, bool]] = defaultdict(dict)
    group_labels = dict(Group.choices)
    for row in _spoken(sittings):
        seconds = duration(row, now)
        total += seconds
        nomination = row.nomination
        keys = {
            "speaker": f"{row.person.name}" + (
                f" ({nomination.delegation.member_state.name})" if nomination else ""),
            "delegation": (nomination.delegation.member_state.name if nomination else "—"),
            "group": str(group_labels.get(nomination.group, "—")) if nomination else "—",
            "item": (f"{row.agenda_item.number}. {row.agenda_item.title}"
                     if row.agenda_item else "—"),
        }
        for name, label in keys.items():
            tally = per[name].setdefault(label, Tally(label))
            tally.speeches += 1
            tally.seconds += seconds
        points += row.kind == SpeakerKind.POINT_OF_ORDER
        replies += row.kind == SpeakerKind.RIGHT_OF_REPLY
        spoke[keys["group"]][row.person_id] = row.person.gender == Gender.FEMALE
    not_reached = (SpeakerRequest.objects.filter(sitting__in=sittings,
                                                 status=SpeakerStatus.WAITING,
                                                 sitting__state=SittingState.CLOSED)
                   .select_related(*SPEAKER_RELATED, "sitting", "agenda_item")
                   .order_by("sitting__date", "sitting_id", "position", "id"))
    women = [(group, rules.Share(sum(people.values()), len(people)))
             for group, people in sorted(spoke.items())]
    return Figures(
        speakers=_tallies(per["speaker"]), delegations=_tallies(per["delegation"]),
        groups=_tallies(per["group"]), items=_tallies(per["item"]),
        not_reached=[{"name": r.person.name, "sitting": r.sitting.title,
                      "delegation": (r.nomination.delegation.member_state.name
                                     if r.nomination else ""),
                      "kind": str(r.get_kind_display()),
                      "item": r.agenda_item.number if r.agenda_item else ""}
                     for r in not_reached],
        points_of_order=points, rights_of_reply=replies, women=women, total_seconds=total)

