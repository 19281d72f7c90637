"""The acts of a sitting: plan, edit or delete it, open, suspend, resume, close; ask for the
floor and withdraw; give the floor, next speaker, move a speaker, close the list. Each is one
transaction on the sitting's row (locked), logged as a ``SittingEvent``. Who may take the floor is
``rules.sittings.may_take_floor`` (SIT-1); where a new request goes is the sitting's ordering
practice (``rules.sittings.insertion_index``)."""

import datetime as dt
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tripartite.accounts.models import User
from tripartite.common.services import (
    EditConflictError,
    PermissionDeniedError,
    ServiceError,
    log_action,
)
from tripartite.common.text import current_language
from tripartite.constituents.models import Person
from tripartite.delegations.models import Nomination
from tripartite.jobs.models import Job
from tripartite.jobs.services import job_queue
from tripartite.meetings.models import AgendaItem, Session
from tripartite.rules import sittings as rules
from tripartite.sittings import live, permissions, signals
from tripartite.sittings.models import (
    DecisionOutcome,
    ItemRecord,
    OnBehalfOf,
    Sitting,
    SittingEvent,
    SittingState,
    SpeakerKind,
    SpeakerRequest,
    SpeakerStatus,
)
from tripartite.sittings.selectors import waiting
from tripartite.votes import permissions as votes_permissions
from tripartite.votes import services as votes_services
from tripartite.votes.models import Body, Vote

PLANNED_FIELDS = ("title", "committee", "date", "starts_at", "ends_at", "room", "chair",
                  "secretary", "ordering", "time_limit_seconds", "spokesperson_limit_seconds",
                  "reply_limit_seconds", "point_of_order_limit_seconds")


def _event(sitting: Sitting, actor: User | None, action: str, at: dt.datetime,
           speaker: SpeakerRequest | None = None, **data: Any) -> SittingEvent:
    event = SittingEvent.objects.create(sitting=sitting, actor=actor if actor and
                                        actor.is_authenticated else None,
                                        action=action, speaker=speaker, data=data, at=at)
    # Every change goes through here: the displays hear of it once it has committed.
    transaction.on_commit(partial(live.publish, sitting.pk, event.pk))
    return event


def _locked(sitting: Sitting) -> Sitting:
    return Sitting.objects.select_for_update().get(pk=sitting.pk)


def _require_console(actor: User, sitting: Sitting) -> None:
    if not permissions.can_drive_console(actor, sitting):
        raise PermissionDeniedError(
            _("Only the Chair and the secretary of the sitting drive its console."))


def _bump(sitting: Sitting) -> None:
    sitting.list_version += 1
    sitting.save(update_fields=["list_version", "updated_at"])


# ---------------------------------------------------------------------------------------------
# Planning and the sitting's state


def _check_planned(session: Session, values: dict[str, Any],
                   items: list[AgendaItem]) -> None:
    committee, chair = values.get("committee"), values.get("chair")
    if committee is not None and committee.session_id != session.pk:
        raise ServiceError(_("The committee belongs to another session."), field="committee")
    if chair is not None and chair.session_id != session.pk:
        raise ServiceError(_("The Chair must be one of the session's officers."), field="chair")
    if any(item.session_id != session.pk for item in items):
        raise ServiceError(_("The agenda item belongs to another session."),
                           field="agenda_items")
    ends, starts = values.get("ends_at"), values.get("starts_at")
    if ends is not None and starts is not None and ends <= starts:
        raise ServiceError(_("A sitting ends after it starts."), field="ends_at")
    if values.get("ordering") not in (None, *rules.Practice):
        raise ServiceError(_("Unknown order of the list of speakers."), field="ordering")


@transaction.atomic
def sitting_plan(*, actor: User, session: Session, agenda_items: Iterable[AgendaItem] = (),
                 **values: Any) -> Sitting:
    """Plan a sitting of ``session`` (the secretariat)."""
    if not permissions.can_plan_sittings(actor):
        raise PermissionDeniedError()
    unknown = set(values) - set(PLANNED_FIELDS)
    if unknown:
        raise ServiceError(_("Unknown field."), field=sorted(unknown)[0])
    if not (values.get("title") or "").strip():
        raise ServiceError(_("Give the sitting a title."), field="title")
    items = list(agenda_items)
    _check_planned(session, values, items)
    sitting = Sitting.objects.create(session=session, **values)
    sitting.agenda_items.set(items)
    if items:
        sitting.current_item = items[0]
        sitting.save(update_fields=["current_item"])
    _event(sitting, actor, "planned", timezone.now())
    log_action(actor=actor, action="sittings.sitting.planned", obj=sitting)
    return sitting


@transaction.atomic
def sitting_edit(*, actor: User, sitting: Sitting,
                 agenda_items: Iterable[AgendaItem] | None = None, **values: Any) -> Sitting:
    """Change a sitting still planned (the secretariat): the same fields and checks as when it
    was planned. Once opened, it is run from the console, not edited."""
    if not permissions.can_plan_sittings(actor):
        raise PermissionDeniedError()
    unknown = set(values) - set(PLANNED_FIELDS)
    if unknown:
        raise ServiceError(_("Unknown field."), field=sorted(unknown)[0])
    if "title" in values and not (values.get("title") or "").strip():
        raise ServiceError(_("Give the sitting a title."), field="title")
    sitting = _locked(sitting)
    if sitting.state != SittingState.PLANNED:
        raise ServiceError(_("Only a planned sitting can be edited: this one is “%(state)s”.")
                           % {"state": sitting.get_state_display()},
                           code="wrong_state", status=409)
    items = list(agenda_items) if agenda_items is not None else None
    merged = {name: getattr(sitting, name) for name in PLANNED_FIELDS}
    merged.update(values)
    _check_planned(sitting.session, merged, items or [])
    changed = {name: str(value) for name, value in values.items()
               if getattr(sitting, name) != value}
    for name, value in values.items():
        setattr(sitting, name, value)
    sitting.save()
    if items is not None:
        before = set(sitting.agenda_items.values_list("pk", flat=True))
        sitting.agenda_items.set(items)
        if before != {item.pk for item in items}:
            changed["agenda_items"] = ", ".join(str(item.pk) for item in items)
        if sitting.current_item_id not in {item.pk for item in items}:
            sitting.current_item = items[0] if items else None
            sitting.save(update_fields=["current_item", "updated_at"])
    if changed:
        _bump(sitting)
        _event(sitting, actor, "edited", timezone.now(), fields=sorted(changed))
        log_action(actor=actor, action="sittings.sitting.edited", obj=sitting, data=changed)
    return sitting


def deletion_refusal(sitting: Sitting) -> ServiceError | None:
    """Why ``sitting`` may not be deleted (a refusal in the user's language), or None: only a
    sitting that has not opened can be, one still planned with no speech made, no decision,
    no vote and no notes on it. What happened at a sitting is part of its record.

    This is the house's rule on its own records, not a provision of the Constitution or the
    Standing Orders: it lives here, not in ``tripartite.rules``."""
    if sitting.state != SittingState.PLANNED:
        return ServiceError(
            _("This sitting is “%(state)s”: only a sitting that has not opened can be "
              "deleted. What happened at it is part of its record.")
            % {"state": sitting.get_state_display()}, code="wrong_state", status=409)
    records = ItemRecord.objects.filter(sitting=sitting)
    speeches = SpeakerRequest.objects.filter(sitting=sitting)
    if speeches.filter(started_at__isnull=False).exists():
        reason = _("A speech was made at this sitting: it cannot be deleted.")
    elif records.exclude(outcome="").exists():
        reason = _("A decision is recorded at this sitting: it cannot be deleted.")
    elif records.filter(vote__isnull=False).exists():
        reason = _("A vote was prepared at this sitting: it cannot be deleted.")
    elif records.exclude(notes="").exists() or speeches.exclude(notes="").exists():
        reason = _("The secretary's notes are kept on this sitting: it cannot be deleted.")
    else:
        return None
    return ServiceError(reason, code="has_record", status=409)


@transaction.atomic
def sitting_delete(*, actor: User, sitting: Sitting) -> None:
    """Delete a sitting that has not opened (the secretariat, who plans and edits sittings),
    with its list of speakers and its log; its agenda items stay on the session's agenda.
    Refused, with the reason, once it has opened (``deletion_refusal``)."""
    if not permissions.can_plan_sittings(actor):
        raise PermissionDeniedError()
    sitting = _locked(sitting)
    refusal = deletion_refusal(sitting)
    if refusal is not None:
        raise refusal
    log_action(actor=actor, action="sittings.sitting.deleted", obj=sitting, data={
        "session": sitting.session_id, "title": sitting.title, "date": str(sitting.date),
        "starts_at": str(sitting.starts_at), "room": sitting.room,
        "agenda_items": sorted(sitting.agenda_items.values_list("pk", flat=True)),
        "requests": sitting.speakers.count()})
    sitting.delete()


TRANSITIONS = {
    "open": ({SittingState.PLANNED}, SittingState.OPEN),
    "suspend": ({SittingState.OPEN}, SittingState.SUSPENDED),
    "resume": ({SittingState.SUSPENDED}, SittingState.OPEN),
    "close": ({SittingState.OPEN, SittingState.SUSPENDED}, SittingState.CLOSED),
}


@transaction.atomic
def sitting_step(*, actor: User, sitting: Sitting, step: str,
                 at: dt.datetime | None = None) -> Sitting:
    """Open, suspend, resume or close a sitting; closing it ends the speech under way."""
    if step not in TRANSITIONS:
        raise ServiceError(_("Unknown step."), field="step")
    _require_console(actor, sitting)
    sitting = _locked(sitting)
    allowed, target = TRANSITIONS[step]
    if sitting.state not in allowed:
        raise ServiceError(_("Not possible now: the sitting's state is “%(state)s”.")
                           % {"state": sitting.get_state_display()},
                           code="wrong_state", status=409)
    at = at or timezone.now()
    if target == SittingState.CLOSED:
        _end_current(sitting, at)
    sitting.state = target
    sitting.save(update_fields=["state", "updated_at"])
    _bump(sitting)
    _event(sitting, actor, step, at)
    return sitting


@transaction.atomic
def list_close(*, actor: User, sitting: Sitting, version: int | None = None) -> Sitting:
    """Close the list of speakers: no new speech may be asked for; points of order and rights
    of reply still may."""
    _require_console(actor, sitting)
    sitting = _locked(sitting)
    _check_version(sitting, version)
    if not sitting.list_closed:
        sitting.list_closed = True
        sitting.save(update_fields=["list_closed", "updated_at"])
        _bump(sitting)
        _event(sitting, actor, "list_closed", timezone.now())
    return sitting


@transaction.atomic
def item_take_up(*, actor: User, sitting: Sitting, item: AgendaItem) -> Sitting:
    """The item under discussion becomes ``item``, one of the items the sitting takes: new
    requests for the floor are on it."""
    _require_console(actor, sitting)
    sitting = _locked(sitting)
    if not sitting.agenda_items.filter(pk=item.pk).exists():
        raise ServiceError(_("This item is not among the items the sitting takes."),
                           field="item")
    if sitting.current_item_id != item.pk:
        sitting.current_item = item
        sitting.save(update_fields=["current_item", "updated_at"])
        _bump(sitting)
        _event(sitting, actor, "item", timezone.now(), item=item.pk)
    return sitting


# ---------------------------------------------------------------------------------------------
# Requests for the floor


def nomination_in(session: Session, person: Person) -> Nomination | None:
    """The person's credentials in the session (not withdrawn), if any."""
    return (Nomination.objects.select_related("delegation")
            .filter(delegation__session=session, person=person,
                    withdrawn_in_amendment__isnull=True).order_by("position", "id").first())


def eligibility(session: Session, person: Person, *, acting_for_delegate: bool = False,
                authorised_by_delegate: bool = False,
                chair_allows: bool = False) -> tuple[rules.FloorDecision, Nomination | None]:
    """SIT-1 on the person's credentials in the session."""
    nomination = nomination_in(session, person)
    decision = rules.may_take_floor(
        nomination.role if nomination else None,
        admitted=nomination.admitted if nomination else True,
        acting_for_delegate=acting_for_delegate, authorised_by_delegate=authorised_by_delegate,
        chair_allows=chair_allows)
    return decision, nomination


def standing_of(request: SpeakerRequest) -> rules.Standing:
    """Who the speaker is for the Governing Body's order (SIT-4)."""
    nomination = request.nomination
    if nomination is None or nomination.role in ("observer", "other"):
        return rules.Standing.OBSERVER
    if request.on_behalf_of == OnBehalfOf.GROUP:
        return (rules.Standing.REGIONAL_GROUP if nomination.group == "government"
                else rules.Standing.SPOKESPERSON)
    return (rules.Standing.GOVERNMENT if nomination.group == "government"
            else rules.Standing.MEMBER)


def as_rule_request(request: SpeakerRequest) -> rules.Request:
    return rules.Request(request.pk, request.pk, rules.Kind(request.kind), standing_of(request),
                         minister=bool(request.nomination
                                       and request.nomination.role == "minister"))


@transaction.atomic
def floor_request(*, actor: User, sitting: Sitting, person: Person, kind: str = SpeakerKind.SPEECH,
                  on_behalf_of: str = OnBehalfOf.SELF, agenda_item: AgendaItem | None = None,
                  acting_for_delegate: bool = False, authorised_by_delegate: bool = False,
                  chair_allows: bool = False, at: dt.datetime | None = None) -> SpeakerRequest:
    """Ask for the floor: a delegate for themselves, or the console for anyone. Refused, with
    the reason, when SIT-1 does not allow it, when the sitting is closed, or when the list is
    closed (for a speech)."""
    console = permissions.can_drive_console(actor, sitting)
    if not console:
        if not (permissions.can_ask_for_the_floor(actor) and actor.person_id == person.pk):
            raise PermissionDeniedError(_("You may ask for the floor only for yourself."))
        # what only the Chair grants cannot be claimed from a delegate's own device
        authorised_by_delegate = chair_allows = False
    if kind not in SpeakerKind.values:
        raise ServiceError(_("Unknown kind of request."), field="kind")
    if on_behalf_of not in OnBehalfOf.values:
        raise ServiceError(_("Unknown capacity."), field="on_behalf_of")
    sitting = _locked(sitting)
    if sitting.state == SittingState.CLOSED:
        raise ServiceError(_("The sitting is closed."), code="sitting_closed", status=409)
    if sitting.list_closed and kind == SpeakerKind.SPEECH:
        raise ServiceError(_("The list of speakers is closed."), code="list_closed",
                           status=409)
    agenda_item = agenda_item or sitting.current_item
    if agenda_item is not None and agenda_item.session_id != sitting.session_id:
        raise ServiceError(_("The agenda item belongs to another session."),
                           field="agenda_item")
    decision, nomination = eligibility(
        sitting.session, person, acting_for_delegate=acting_for_delegate,
        authorised_by_delegate=authorised_by_delegate, chair_allows=chair_allows)
    if not decision.allowed:
        raise ServiceError(decision.findings[0].message_in(current_language()),
                           code="may_not_speak", field="person")
    if SpeakerRequest.objects.filter(sitting=sitting, person=person, kind=kind,
                                     status=SpeakerStatus.WAITING).exists():
        raise ServiceError(_("Already waiting for the floor."), code="already_waiting",
                           status=409)
    at = at or timezone.now()
    request = SpeakerRequest(sitting=sitting, person=person, nomination=nomination,
                             kind=kind, on_behalf_of=on_behalf_of, agenda_item=agenda_item,
                             requested_at=at,
                             entered_by=actor if actor.is_authenticated else None)
    if kind != SpeakerKind.POINT_OF_ORDER:
        listed = [r for r in waiting(sitting) if r.position is not None]
        index = rules.insertion_index([as_rule_request(r) for r in listed],
                                      as_rule_request(request), sitting.ordering)
        _shift(sitting, from_position=index + 1, by=1)
        request.position = index + 1
    request.save()
    _bump(sitting)
    _event(sitting, actor, "requested", at, request, kind=kind)
    return request


# Above any place a list can have: the places being moved wait there for a moment.
_ASIDE = 1_000_000


def _shift(sitting: Sitting, *, from_position: int, by: int) -> None:
    """Move every waiting place from ``from_position`` on by ``by`` in two statements,
    whatever the length of the list: first aside, above any place the list has, then to
    their new places (free: above the list, or the one just vacated), so that no two share a
    place even for a moment (the unique place is checked row by row, on SQLite as on
    PostgreSQL)."""
    rows = SpeakerRequest.objects.filter(sitting=sitting, status=SpeakerStatus.WAITING)
    if rows.filter(position__gte=from_position).update(position=F("position") + _ASIDE):
        rows.filter(position__gte=_ASIDE).update(position=F("position") - _ASIDE + by)


def _leave_list(request: SpeakerRequest) -> None:
    position = request.position
    request.position = None
    request.save(update_fields=["position", "status", "started_at", "ended_at", "updated_at"])
    if position is not None:
        _shift(request.sitting, from_position=position + 1, by=-1)


def _fresh(request: SpeakerRequest, sitting: Sitting) -> SpeakerRequest:
    fresh = SpeakerRequest.objects.select_related("sitting").get(pk=request.pk)
    fresh.sitting = sitting
    return fresh


@transaction.atomic
def floor_withdraw(*, actor: User, request: SpeakerRequest) -> SpeakerRequest:
    """Withdraw a request still waiting: the delegate their own, the console anyone's."""
    sitting = request.sitting
    if not permissions.can_drive_console(actor, sitting) and not (
            permissions.can_ask_for_the_floor(actor) and actor.person_id == request.person_id):
        raise PermissionDeniedError(_("You may withdraw only your own request."))
    sitting = _locked(sitting)
    request = _fresh(request, sitting)
    if request.status != SpeakerStatus.WAITING:
        raise ServiceError(_("This request is no longer waiting."), code="not_waiting",
                           status=409)
    request.status = SpeakerStatus.WITHDRAWN
    _leave_list(request)
    _bump(sitting)
    _event(sitting, actor, "withdrawn", timezone.now(), request)
    return request


# ---------------------------------------------------------------------------------------------
# The console: the floor and the order of the list


def _check_version(sitting: Sitting, version: int | None) -> None:
    if version is not None and version != sitting.list_version:
        raise ListChangedError()


class ListChangedError(EditConflictError):
    def __init__(self) -> None:
        super().__init__()
        self.message = _("The list of speakers was changed by someone else a moment ago. "
                         "Here it is as it is now; make your change again if it is still "
                         "needed.")
        self.args = (self.message,)
        self.code = "list_changed"


def _end_current(sitting: Sitting, at: dt.datetime) -> SpeakerRequest | None:
    current = SpeakerRequest.objects.filter(sitting=sitting,
                                            status=SpeakerStatus.SPEAKING).first()
    if current is not None:
        current.status = SpeakerStatus.DONE
        current.ended_at = at
        current.save(update_fields=["status", "ended_at", "updated_at"])
    return current


@transaction.atomic
def floor_give(*, actor: User, sitting: Sitting, request: SpeakerRequest | None = None,
               version: int | None = None, at: dt.datetime | None = None
               ) -> SpeakerRequest | None:
    """Give the floor to ``request``, or to the next speaker (a point of order first); the
    speech under way ends. Returns who has the floor (None when nobody is waiting)."""
    _require_console(actor, sitting)
    sitting = _locked(sitting)
    _check_version(sitting, version)
    if sitting.state != SittingState.OPEN:
        raise ServiceError(_("Open the sitting before giving the floor."),
                           code="wrong_state", status=409)
    at = at or timezone.now()
    if request is not None:
        request = _fresh(request, sitting)
        if request.sitting_id != sitting.pk or request.status != SpeakerStatus.WAITING:
            raise ServiceError(_("This request is no longer waiting."), code="not_waiting",
                               status=409)
    else:
        queue = waiting(sitting)
        request = queue[0] if queue else None
    ended = _end_current(sitting, at)
    if ended is not None:
        _event(sitting, actor, "ended", at, ended)
    if request is not None:
        request.status = SpeakerStatus.SPEAKING
        request.started_at = at
        _leave_list(request)
        _event(sitting, actor, "floor_given", at, request)
    _bump(sitting)
    return request


@transaction.atomic
def speaker_move(*, actor: User, request: SpeakerRequest, direction: str,
                 version: int) -> SpeakerRequest:
    """Move a waiting speaker one place up or down. ``version`` is the list's version the
    clerk saw: if someone changed the list since, nothing moves and they are told."""
    if direction not in ("up", "down"):
        raise ServiceError(_("Move up or down."), field="direction")
    sitting = request.sitting
    _require_console(actor, sitting)
    sitting = _locked(sitting)
    _check_version(sitting, version)
    request = _fresh(request, sitting)
    if request.status != SpeakerStatus.WAITING or request.position is None:
        raise ServiceError(_("Only a speaker waiting in the list can be moved."),
                           code="not_waiting", status=409)
    target = request.position - 1 if direction == "up" else request.position + 1
    other = SpeakerRequest.objects.filter(sitting=sitting, status=SpeakerStatus.WAITING,
                                          position=target).first()
    if other is None:
        raise ServiceError(_("Already at that end of the list."), code="at_the_end")
    old = request.position
    SpeakerRequest.objects.filter(pk=other.pk).update(position=None)
    SpeakerRequest.objects.filter(pk=request.pk).update(position=target)
    SpeakerRequest.objects.filter(pk=other.pk).update(position=old)
    request.position = target
    _bump(sitting)
    _event(sitting, actor, "moved", timezone.now(), request, direction=direction,
           **{"from": old, "to": target})
    return request


# ---------------------------------------------------------------------------------------------
# Decisions, votes and notes on the items


def _require_item(sitting: Sitting, item: AgendaItem) -> None:
    if not sitting.agenda_items.filter(pk=item.pk).exists():
        raise ServiceError(_("This item is not among the items the sitting takes."),
                           field="item")


def _record_of(sitting: Sitting, item: AgendaItem) -> ItemRecord:
    record, _created = ItemRecord.objects.get_or_create(sitting=sitting, agenda_item=item)
    return record


@transaction.atomic
def decision_record(*, actor: User, sitting: Sitting, item: AgendaItem, outcome: str,
                    text_en: str, text_fr: str = "", text_es: str = "",
                    at: dt.datetime | None = None) -> ItemRecord:
    """Record the decision on one of the sitting's items (adopted, adopted as amended,
    deferred, referred, noted) with its text in English (required), French and Spanish.
    Recording it again replaces it; both are logged."""
    _require_console(actor, sitting)
    if outcome not in DecisionOutcome.values:
        raise ServiceError(_("Choose the decision."), field="outcome")
    if not (text_en or "").strip():
        raise ServiceError(_("Give the text of the decision, in English at least."),
                           field="text_en")
    sitting = _locked(sitting)
    if sitting.state == SittingState.PLANNED:
        raise ServiceError(_("Open the sitting before recording a decision."),
                           code="wrong_state", status=409)
    _require_item(sitting, item)
    at = at or timezone.now()
    record = _record_of(sitting, item)
    action = "sittings.decision.changed" if record.outcome else "sittings.decision.recorded"
    record.outcome = outcome
    texts = {"en": text_en.strip(), "fr": (text_fr or "").strip(),
             "es": (text_es or "").strip()}
    for language, value in texts.items():  # modeltranslation's field per language
        setattr(record, f"decision_text_{language}", value)
    record.decided_at, record.decided_by = at, actor
    record.save()
    _event(sitting, actor, "decision", at, item=item.pk, outcome=outcome)
    log_action(actor=actor, action=action, obj=record, data={
        "item": item.pk, "outcome": outcome,
        **{f"text_{language}": value for language, value in texts.items()}})
    signals.decision_recorded.send(sender=ItemRecord, record=record, actor=actor)
    return record


@transaction.atomic
def item_vote_create(*, actor: User, sitting: Sitting, item: AgendaItem, method: str,
                     subject_en: str, subject_fr: str = "", subject_es: str = "",
                     decision: str | None = None) -> Vote:
    """Prepare a vote on one of the sitting's items through the votes room (its rules on the
    kind of decision, majority and method apply), for the plenary or the sitting's committee;
    the item's record links to it. The vote is opened from its own page."""
    _require_console(actor, sitting)
    if not votes_permissions.can_manage_votes(actor):
        raise PermissionDeniedError(_("Only the secretariat prepares votes."))
    sitting = _locked(sitting)
    if sitting.state == SittingState.PLANNED:
        raise ServiceError(_("Open the sitting before opening a vote."),
                           code="wrong_state", status=409)
    _require_item(sitting, item)
    committee = sitting.committee
    vote = votes_services.vote_create(
        actor=actor, session=sitting.session, agenda_item=item, method=method,
        subject_en=subject_en, subject_fr=subject_fr, subject_es=subject_es,
        decision=decision, body=Body.COMMITTEE if committee else Body.PLENARY,
        committee=committee)
    record = _record_of(sitting, item)
    record.vote = vote
    record.save(update_fields=["vote", "updated_at"])
    _event(sitting, actor, "vote", timezone.now(), item=item.pk, vote=vote.pk)
    log_action(actor=actor, action="sittings.vote.created", obj=record,
               data={"item": item.pk, "vote": vote.pk})
    return vote


NOTES_MAX = 20_000


@transaction.atomic
def note_save(*, actor: User, sitting: Sitting, text: str,
              speaker: SpeakerRequest | None = None,
              item: AgendaItem | None = None) -> SpeakerRequest | ItemRecord:
    """Save the secretary's notes on one speech or on one item of the sitting (replacing the
    previous notes). Logged with their length, not their text."""
    _require_console(actor, sitting)
    if (speaker is None) == (item is None):
        raise ServiceError(_("Say whether the notes are on a speech or on an item."))
    text = (text or "").strip()
    if len(text) > NOTES_MAX:
        raise ServiceError(_("Notes are limited to %(count)s characters.")
                           % {"count": NOTES_MAX}, field="text")
    sitting = _locked(sitting)
    target: SpeakerRequest | ItemRecord
    if speaker is not None:
        target = _fresh(speaker, sitting)
        if target.sitting_id != sitting.pk:
            raise ServiceError(_("This request is not of this sitting."), field="speaker")
        target.notes = text
        target.save(update_fields=["notes", "updated_at"])
    else:
        assert item is not None
        _require_item(sitting, item)
        target = _record_of(sitting, item)
        target.notes = text
        target.save(update_fields=["notes", "updated_at"])
    log_action(actor=actor, action="sittings.notes.saved", obj=target,
               data={"sitting": sitting.pk, "length": len(text)})
    return target


# ---------------------------------------------------------------------------------------------
# The records, made by the worker


RECORD_TASK = "tripartite.sittings.tasks.make_record"
RECORD_LANGUAGES = ("en", "fr", "es")
RECORD_FORMATS = ("docx", "pdf")


def _record_options(language: str, fmt: str) -> tuple[str, str]:
    if language not in RECORD_LANGUAGES:
        raise ServiceError(_("Choose English, French or Spanish."), field="language")
    if fmt not in RECORD_FORMATS:
        raise ServiceError(_("Choose Word or PDF."), field="format")
    return language, fmt


def proceedings_queue(*, actor: User, sitting: Sitting, language: str, fmt: str,
                      back_url: str = "") -> Job:
    """Queue the draft record of proceedings of ``sitting`` (Word or PDF, in ``language``)
    as a job of ``actor``'s: the Chair, the secretary or the secretariat."""
    if not permissions.can_draft_record(actor, sitting):
        raise PermissionDeniedError
    language, fmt = _record_options(language, fmt)
    return job_queue(owner=actor, kind="sittings.proceedings", task=RECORD_TASK,
                     title=_("Record of proceedings of %(sitting)s (%(language)s, %(format)s)")
                     % {"sitting": sitting.title, "language": language.upper(),
                        "format": "Word" if fmt == "docx" else "PDF"},
                     params={"sitting": sitting.pk, "language": language, "format": fmt},
                     total=1, back_url=back_url)


def decisions_queue(*, actor: User, session: Session, language: str, fmt: str,
                    back_url: str = "") -> Job:
    """Queue the record of decisions of ``session`` (Word or PDF, in ``language``)."""
    if not permissions.can_view_sittings(actor):
        raise PermissionDeniedError
    language, fmt = _record_options(language, fmt)
    return job_queue(owner=actor, kind="sittings.decisions", task=RECORD_TASK,
                     title=_("Record of decisions of %(session)s (%(language)s, %(format)s)")
                     % {"session": session.title, "language": language.upper(),
                        "format": "Word" if fmt == "docx" else "PDF"},
                     params={"session": session.pk, "language": language, "format": fmt},
                     total=1, back_url=back_url)
