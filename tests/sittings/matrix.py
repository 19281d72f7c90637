"""Permission-matrix rows for the sittings' pages and API operations.

Every login reads a session's sittings and a sitting's list of speakers; the secretariat
plans sittings; the console is the Chair's, the secretary's and the secretariat's (the
matrix's meeting officer is neither this sitting's Chair nor its secretary: refused); only a
delegate asks for the floor, for themselves (the matrix's delegate is Italy's first Government
delegate, accredited to the session: the request is really made).
"""

import datetime as dt

from tests.delegations.matrix_rules import NOT_ALLOWED, api_rule, rule
from tests.matrix_writes import CONFIRMED, write_rule
from tripartite.accounts.models import Role

EVERYONE = rule(set(Role.values))
SECRETARIAT = {Role.SECRETARIAT}
POST_ONLY = rule(set(), others=NOT_ALLOWED)

ROWS = {
    "sittings:index": (None, EVERYONE),
    "sittings:session_sittings": ("sittings_session", EVERYONE),
    "sittings:console": ("planned_sitting", rule(SECRETARIAT)),
    # the console's parts, fetched again when the sitting changes: the console's own check
    "sittings:console_live": ("planned_sitting", rule(SECRETARIAT)),
    "sittings:floor": ("open_sitting", EVERYONE),
    "sittings:sitting_edit": ("planned_sitting", rule(SECRETARIAT)),
    # GET shows what will be deleted; the confirmed POST deletes (a sitting of its own).
    "sittings:sitting_delete": ("sitting_to_delete", rule(SECRETARIAT)),
    "sittings:item_vote": ("item_sitting", POST_ONLY),
    "sittings:notes": ("item_sitting", POST_ONLY),
    "sittings:record": ("item_sitting", rule(SECRETARIAT)),
    "sittings:decisions": ("sittings_session", EVERYONE),
    "sittings:figures": ("sittings_session", EVERYONE),
    # The room's projector and the stream that keeps it and the delegates' page live: what is
    # public in the room, to every login (tests/sittings/test_live.py reads the stream).
    "sittings:display": ("open_sitting", EVERYONE),
    "sittings:stream": ("open_sitting", EVERYONE),
}


def _item_of(objects) -> int:
    from tripartite.sittings.models import Sitting

    return Sitting.objects.get(pk=objects["item_sitting"]["pk"]).current_item_id


def _planned(objects) -> dict:
    """The planned sitting's form as it is, retitled (its two items kept)."""
    from tripartite.sittings.models import Sitting

    sitting = Sitting.objects.get(pk=objects["planned_sitting"]["pk"])
    return {"title": "Edited sitting", "date": "2026-06-02", "starts_at": "10:00",
            "ordering": "request_order", "time_limit_seconds": "300",
            "spokesperson_limit_seconds": "600",
            "agenda_items": [str(pk) for pk in sitting.agenda_items.values_list("pk",
                                                                                 flat=True)]}


WRITES = {
    "sittings:session_sittings": ("sittings_session", {
        "title": "Matrix sitting", "date": "2026-06-03", "starts_at": "10:00",
        "ends_at": "13:00", "ordering": "request_order", "time_limit_seconds": "300"},
        write_rule(SECRETARIAT)),
    "sittings:console": ("planned_sitting", {"action": "open"}, write_rule(SECRETARIAT)),
    "sittings:floor": ("open_sitting", {"action": "ask", "kind": "speech",
                                        "on_behalf_of": "self"},
                       write_rule({Role.DELEGATE})),
    "sittings:sitting_edit": ("planned_sitting", _planned, write_rule(SECRETARIAT)),
    "sittings:sitting_delete": ("sitting_to_delete", CONFIRMED, write_rule(SECRETARIAT)),
    "sittings:console decision": ("item_sitting", {
        "action": "decision", "decision-outcome": "adopted",
        "decision-text_en": "The report is adopted."}, write_rule(SECRETARIAT)),
    "sittings:item_vote": ("item_sitting", {
        "vote-method": "show_of_hands", "vote-decision": "other",
        "vote-subject_en": "Matrix vote"}, write_rule(SECRETARIAT)),
    "sittings:notes": ("item_sitting", lambda objects: {
        "item": str(_item_of(objects)), "text": "Matrix notes"}, write_rule(SECRETARIAT)),
    "sittings:record": ("item_sitting", {"language": "fr", "format": "docx"},
                        write_rule(SECRETARIAT)),
    "sittings:decisions": ("sittings_session", {"language": "es", "format": "pdf"},
                           write_rule(set(Role.values))),
}

ALL_API = api_rule(set(Role.values))

API_ROWS = {
    ("GET", "/api/sessions/{id}/sittings"): ("sittings_session_api", None, ALL_API),
    ("POST", "/api/sessions/{id}/sittings"): (
        "sittings_session_api", {"title": "Matrix sitting", "date": "2026-06-03",
                                 "starts_at": "10:00:00", "ordering": "request_order"},
        api_rule(SECRETARIAT, 201)),
    ("GET", "/api/sittings/{id}"): ("open_sitting", None, ALL_API),
    ("POST", "/api/sittings/{id}/steps"): ("planned_sitting", {"step": "open"},
                                           api_rule(SECRETARIAT)),
    # The secretariat may enter a request for anyone, but must say for whom (400 no_person).
    ("POST", "/api/sittings/{id}/speakers"): ("open_sitting", {"kind": "speech"}, {
        **api_rule({Role.DELEGATE}, 201), Role.SECRETARIAT: 400}),
    ("POST", "/api/sittings/{id}/floor"): ("open_sitting", {}, api_rule(SECRETARIAT)),
    ("POST", "/api/sittings/{id}/list/close"): ("open_sitting", {}, api_rule(SECRETARIAT)),
    ("POST", "/api/speakers/{id}/move"): ("waiting_speaker", {"direction": "down",
                                                               "version": None},
                                          api_rule(SECRETARIAT)),
    ("POST", "/api/speakers/{id}/withdraw"): ("waiting_speaker", None,
                                              api_rule(SECRETARIAT)),
    # The console's "Take up": the planned sitting's second item (its first is under
    # discussion).
    ("POST", "/api/sittings/{id}/item"): ("planned_sitting", lambda objects: {
        "item": objects["second_item"]["pk"]}, api_rule(SECRETARIAT)),
    ("PATCH", "/api/sittings/{id}"): ("sitting_to_edit", {"title": "Edited",
                                                          "reply_limit_seconds": 120},
                                      api_rule(SECRETARIAT)),
    ("DELETE", "/api/sittings/{id}"): ("sitting_to_delete", None,
                                       api_rule(SECRETARIAT, 204)),
    ("POST", "/api/sittings/{id}/decisions"): ("item_sitting", {
        "outcome": "adopted", "text_en": "The report is adopted."},
        api_rule(SECRETARIAT, 201)),
    ("POST", "/api/sittings/{id}/votes"): ("item_sitting", {
        "method": "show_of_hands", "subject_en": "Matrix vote"}, api_rule(SECRETARIAT, 201)),
    ("PUT", "/api/sittings/{id}/notes"): ("item_sitting", {"text": "Matrix notes"},
                                         api_rule(SECRETARIAT)),
    ("GET", "/api/sittings/{id}/record"): ("item_sitting", None, api_rule(SECRETARIAT)),
    ("POST", "/api/sittings/{id}/record"): ("item_sitting", {"language": "fr"},
                                            api_rule(SECRETARIAT, 202)),
    ("GET", "/api/sessions/{id}/decisions"): ("sittings_session_api", None, ALL_API),
    ("POST", "/api/sessions/{id}/decisions"): ("sittings_session_api", {"format": "pdf"},
                                               api_rule(set(Role.values), 202)),
    ("GET", "/api/sessions/{id}/speaking-figures"): ("sittings_session_api", None, ALL_API),
}

OPERATION_IDS = {
    ("GET", "/api/sessions/{id}/sittings"): "sitting_list",
    ("POST", "/api/sessions/{id}/sittings"): "sitting_plan",
    ("GET", "/api/sittings/{id}"): "sitting_detail",
    ("POST", "/api/sittings/{id}/steps"): "sitting_step",
    ("POST", "/api/sittings/{id}/speakers"): "floor_request",
    ("POST", "/api/sittings/{id}/floor"): "floor_give",
    ("POST", "/api/sittings/{id}/list/close"): "list_close",
    ("POST", "/api/speakers/{id}/move"): "speaker_move",
    ("POST", "/api/speakers/{id}/withdraw"): "floor_withdraw",
    ("POST", "/api/sittings/{id}/item"): "item_take_up",
    ("PATCH", "/api/sittings/{id}"): "sitting_edit",
    ("DELETE", "/api/sittings/{id}"): "sitting_delete",
    ("POST", "/api/sittings/{id}/decisions"): "decision_record",
    ("POST", "/api/sittings/{id}/votes"): "item_vote_create",
    ("PUT", "/api/sittings/{id}/notes"): "notes_save",
    ("GET", "/api/sittings/{id}/record"): "proceedings_detail",
    ("POST", "/api/sittings/{id}/record"): "proceedings_queue",
    ("GET", "/api/sessions/{id}/decisions"): "decisions_detail",
    ("POST", "/api/sessions/{id}/decisions"): "decisions_queue",
    ("GET", "/api/sessions/{id}/speaking-figures"): "speaking_figures",
}


def objects(session) -> dict:
    """A planned sitting and an open one of ``session``, and a speaker waiting in the open
    one (delegates of other States, so the matrix's delegate may still ask)."""
    from tests.factories import AgendaItemFactory, PersonFactory, user_with_role
    from tests.votes.factories import delegation
    from tripartite.meetings.models import Officer
    from tripartite.sittings import services

    staff = user_with_role(Role.SECRETARIAT)
    chair = Officer.objects.create(session=session, role="chair", person=PersonFactory())
    values = {"date": dt.date(2026, 6, 2), "starts_at": dt.time(10, 0), "chair": chair}
    # two items, so that the console's choice of the item under discussion is walked too
    items = [AgendaItemFactory(session=session, number=number) for number in ("S1", "S2")]
    planned = services.sitting_plan(actor=staff, session=session, title="Planned sitting",
                                    agenda_items=items, **values)
    opened = services.sitting_plan(actor=staff, session=session, title="Open sitting",
                                   **values)
    services.sitting_step(actor=staff, sitting=opened, step="open")
    # the API opens the planned sitting before it would be edited: another one for that
    to_edit = services.sitting_plan(actor=staff, session=session, title="Sitting to edit",
                                    **values)
    # an open sitting taking an item: decisions, votes, notes and its record
    on_item = services.sitting_plan(actor=staff, session=session, title="Sitting on an item",
                                    agenda_items=items[:1], **values)
    services.sitting_step(actor=staff, sitting=on_item, step="open")
    speaker = delegation(session, "PT")[0]
    services.floor_request(actor=staff, sitting=opened, person=speaker.person)
    # a planned sitting with a request for the floor already entered: deleted, both with the
    # page and with the API
    to_delete = services.sitting_plan(actor=staff, session=session, title="Sitting to delete",
                                      agenda_items=items[:1], **values)
    services.floor_request(actor=staff, sitting=to_delete, person=speaker.person)
    # the API's rows give the floor to the first before moving and withdrawing the second
    second = services.floor_request(actor=staff, sitting=opened,
                                    person=delegation(session, "BE")[0].person)
    services.floor_request(actor=staff, sitting=opened,
                           person=delegation(session, "NL")[0].person)
    return {
        "sittings_session": {"session_pk": session.pk},
        "sittings_session_api": {"pk": session.pk},
        "planned_sitting": {"pk": planned.pk},
        "open_sitting": {"pk": opened.pk},
        "waiting_speaker": {"pk": second.pk},
        "item_sitting": {"pk": on_item.pk},
        "sitting_to_edit": {"pk": to_edit.pk},
        "second_item": {"pk": items[1].pk},
        "sitting_to_delete": {"pk": to_delete.pk},
    }
