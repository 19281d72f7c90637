"""Every write to meetings, sessions, agenda items, committees and officers."""

import datetime as dt
from typing import Any

from django.db import transaction

from tripartite.accounts.models import User
from tripartite.common.services import (
    PermissionDeniedError,
    create_logged,
    delete_logged,
    update_logged,
)
from tripartite.constituents.models import MemberState, Person
from tripartite.meetings import permissions, places
from tripartite.meetings.models import AgendaItem, Committee, Meeting, Officer, Session

MEETING_FIELDS = ("type", "title_en", "title_fr", "title_es", "acronym")
SESSION_FIELDS = ("number", "title_en", "title_fr", "title_es", "opens_at", "closes_at",
                  "time_zone", "venue_en", "venue_fr", "venue_es", "city_en", "city_fr",
                  "city_es", "country", "working_languages")
AGENDA_ITEM_FIELDS = ("number", "position", "title_en", "title_fr", "title_es", "technical")
COMMITTEE_FIELDS = ("kind", "name_en", "name_fr", "name_es", "agenda_item")


def _require_manager(actor: User) -> None:
    if not permissions.can_manage_meetings(actor):
        raise PermissionDeniedError


@transaction.atomic
def meeting_create(*, actor: User, type: str, title_en: str, title_fr: str = "", title_es: str = "",
                   acronym: str = "") -> Meeting:
    _require_manager(actor)
    meeting = Meeting(type=type, title_en=title_en, title_fr=title_fr or None,
                      title_es=title_es or None, acronym=acronym)
    return create_logged(meeting, actor=actor, action="meetings.meeting.created")


@transaction.atomic
def meeting_update(*, meeting: Meeting, actor: User, changes: dict[str, Any],
                   seen_updated_at: dt.datetime | None = None) -> Meeting:
    _require_manager(actor)
    return update_logged(meeting, changes=_blank_to_none(changes), fields=MEETING_FIELDS,
                         actor=actor, action="meetings.meeting.updated",
                         seen_updated_at=seen_updated_at)


@transaction.atomic
def session_create(*, actor: User, meeting: Meeting, title_en: str, opens_at: dt.datetime,
                   closes_at: dt.datetime,
                   time_zone: str = "Europe/Zurich", number: str = "", title_fr: str = "",
                   title_es: str = "", venue: str = "", city: str = "",
                   venue_fr: str = "", venue_es: str = "", city_fr: str = "", city_es: str = "",
                   country: MemberState | None = None,
                   working_languages: list[str] | None = None) -> Session:
    """Create a session; ``opens_at`` and ``closes_at`` are aware datetimes (stored in UTC).

    ``venue`` and ``city`` are the English names; the French and Spanish ones not given are
    taken from the table of well-known places (``places.py``), else read as the English."""
    _require_manager(actor)
    names = {}
    for field, english, given in (("venue", venue, {"fr": venue_fr, "es": venue_es}),
                                  ("city", city, {"fr": city_fr, "es": city_es})):
        known = places.translations(english)
        names[f"{field}_en"] = english.strip() or None
        for language in ("fr", "es"):
            names[f"{field}_{language}"] = (given[language].strip() or known.get(language)
                                            or None)
    session = Session(meeting=meeting, number=number, title_en=title_en,
                      title_fr=title_fr or None, title_es=title_es or None, opens_at=opens_at,
                      closes_at=closes_at, time_zone=time_zone, **names,
                      country=country, working_languages=working_languages or ["en", "fr", "es"])
    return create_logged(session, actor=actor, action="meetings.session.created")


@transaction.atomic
def session_update(*, session: Session, actor: User, changes: dict[str, Any],
                   seen_updated_at: dt.datetime | None = None) -> Session:
    _require_manager(actor)
    changes = _follow_english_place(session, _blank_to_none(changes))
    return update_logged(session, changes=changes, fields=SESSION_FIELDS,
                         actor=actor, action="meetings.session.updated",
                         seen_updated_at=seen_updated_at)


@transaction.atomic
def agenda_item_create(*, actor: User, session: Session, number: str, title_en: str,
                       title_fr: str = "", title_es: str = "", technical: bool = True,
                       position: int | None = None) -> AgendaItem:
    _require_manager(actor)
    if position is None:
        position = session.agenda_items.count() + 1
    item = AgendaItem(session=session, number=number.strip(), title_en=title_en,
                      title_fr=title_fr or None, title_es=title_es or None,
                      technical=technical, position=position)
    return create_logged(item, actor=actor, action="meetings.agenda_item.created")


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, actor: User, changes: dict[str, Any],
                       seen_updated_at: dt.datetime | None = None) -> AgendaItem:
    _require_manager(actor)
    return update_logged(item, changes=_blank_to_none(changes), fields=AGENDA_ITEM_FIELDS,
                         actor=actor, action="meetings.agenda_item.updated",
                         seen_updated_at=seen_updated_at)


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, actor: User) -> None:
    _require_manager(actor)
    delete_logged(item, actor=actor, action="meetings.agenda_item.deleted")


@transaction.atomic
def committee_create(*, actor: User, session: Session, name_en: str, kind: str = "technical",
                     name_fr: str = "", name_es: str = "",
                     agenda_item: AgendaItem | None = None) -> Committee:
    _require_manager(actor)
    committee = Committee(session=session, kind=kind, name_en=name_en, name_fr=name_fr or None,
                          name_es=name_es or None, agenda_item=agenda_item)
    return create_logged(committee, actor=actor, action="meetings.committee.created")


@transaction.atomic
def officer_create(*, actor: User, session: Session, role: str, person: Person,
                   group: str = "", committee: Committee | None = None) -> Officer:
    _require_manager(actor)
    officer = Officer(session=session, role=role, person=person, group=group,
                      committee=committee)
    return create_logged(officer, actor=actor, action="meetings.officer.created")


@transaction.atomic
def officer_delete(*, officer: Officer, actor: User) -> None:
    _require_manager(actor)
    delete_logged(officer, actor=actor, action="meetings.officer.deleted")


def _follow_english_place(session: Session, changes: dict[str, Any]) -> dict[str, Any]:
    """A new English venue or city: the French and Spanish names that were only the table's
    translations of the old one (``places.py``) follow it, unless they are changed too."""
    changes = dict(changes)
    for field in ("venue", "city"):
        old = getattr(session, f"{field}_en") or ""
        new = changes.get(f"{field}_en")
        if new is None or new == old:
            continue
        before, after = places.translations(old), places.translations(new)
        for language in ("fr", "es"):
            key = f"{field}_{language}"
            current = getattr(session, key)
            untouched = changes.get(key, current) == current
            if (untouched and (not current or current == before.get(language))
                    and after.get(language) != current):
                changes[key] = after.get(language)
    return changes


def _blank_to_none(changes: dict[str, Any]) -> dict[str, Any]:
    """French and Spanish titles left empty are stored as NULL so English shows instead."""
    return {key: (None if key.endswith(("_fr", "_es")) and value == "" else value)
            for key, value in changes.items()}
