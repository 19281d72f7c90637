"""Permission-matrix rows for the sittings' pages and API operations.

Every login reads a session's sittings and a sitting's list of speakers; the secretariat
plans sittings; the console is the Chair's, the secretary's and the secretariat's (the
matrix's meeting officer is neither this sitting's Chair nor its secretary: refused); only a
delegate asks for the floor, for themselves (the matrix's delegate is Italy's first Government
delegate, accredited to the session: the request is really made).
"""

import datetime as dt

from tests.delegations.matrix_rules import api_rule, rule
from tests.matrix_writes import write_rule
from tripartite.accounts.models import Role

EVERYONE = rule(set(Role.values))
SECRETARIAT = {Role.SECRETARIAT}

ROWS = {
    "sittings:index": (None, EVERYONE),
    "sittings:session_sittings": ("sittings_session", EVERYONE),
    "sittings:console": ("planned_sitting", rule(SECRETARIAT)),
    "sittings:floor": ("open_sitting", EVERYONE),
    # The room's projector and the stream that keeps it and the delegates' page live: what is
    # public in the room, to every login (tests/sittings/test_live.py reads the stream).
    "sittings:display": ("open_sitting", EVERYONE),
    "sittings:stream": ("open_sitting", EVERYONE),
}

WRITES = {
    "sittings:session_sittings": ("sittings_session", {
        "title": "Matrix sitting", "date": "2026-06-03", "starts_at": "10:00",
        "ends_at": "13:00", "ordering": "request_order", "time_limit_seconds": "300"},
        write_rule(SECRETARIAT)),
    "sittings:console": ("planned_sitting", {"action": "open"}, write_rule(SECRETARIAT)),
    "sittings:floor": ("open_sitting", {"action": "ask", "kind": "speech",
                                        "on_behalf_of": "self"},
                       write_rule({Role.DELEGATE})),
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
    speaker = delegation(session, "PT")[0]
    services.floor_request(actor=staff, sitting=opened, person=speaker.person)
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
    }
