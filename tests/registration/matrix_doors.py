"""Permission-matrix rows for the doors: check-in, attendance, departures, door figures.

Check-in is for check-in staff and the secretariat; attendance, the quorum base and the
figures for the roles that read everything (secretariat, senior officials, the Credentials
Committee, meeting officers, observers), never for focal points, delegates or group
secretariats; departures for the secretariat alone.
"""

import datetime as dt

from tests.delegations.matrix_rules import NOT_ALLOWED, READERS, api_rule, rule
from tests.factories import PersonFactory, state
from tests.matrix_writes import write_rule
from tripartite.accounts.models import Role
from tripartite.registration.models import Registration

AT_THE_DOORS = {Role.CHECKIN_STAFF, Role.SECRETARIAT}

ROWS = {
    "registration:checkin_start": (None, rule(AT_THE_DOORS)),
    "registration:checkin": ("doors_session", rule(AT_THE_DOORS)),
    "registration:attendance_index": (None, rule(READERS)),
    "registration:attendance": ("doors_session", rule(READERS)),
    # POST only: choosing the session's practice (tested in test_attendance_pages).
    "registration:attendance_basis": ("doors_session", rule(set(), others=NOT_ALLOWED)),
    "registration:departure": ("doors_registration", rule({Role.SECRETARIAT})),
    "registration:door_figures": ("doors_session", rule(READERS)),
}

API_ROWS = {
    # A code that is not ours: the scan is made and logged, and answers "forged".
    ("POST", "/api/sessions/{id}/check-ins"): (
        "doors_api_session", {"token": "not-a-badge", "door": "Matrix door"},
        api_rule(AT_THE_DOORS)),
    ("GET", "/api/sessions/{id}/quorum-base"): ("doors_api_session", None, api_rule(READERS)),
}

OPERATION_IDS = {
    ("POST", "/api/sessions/{id}/check-ins"): "check_in",
    ("GET", "/api/sessions/{id}/quorum-base"): "quorum_base",
}


def objects(session) -> dict:
    registration = Registration.objects.create(
        session=session, person=PersonFactory(member_state=state("FR")), category="government",
        affiliation="France", registered_at=dt.datetime(2026, 6, 1, 8, tzinfo=dt.UTC))
    return {
        "doors_session": {"session_pk": session.pk},
        "doors_api_session": {"pk": session.pk},
        "doors_registration": {"pk": registration.pk},
    }

WRITES = {
    # A code that is not ours: the scan is refused and logged.
    "registration:checkin": ("doors_session", {"door": "Matrix door", "token": "not-a-badge"},
                             write_rule(AT_THE_DOORS)),
    "registration:attendance_basis": ("doors_session", {"quorum_basis": "accredited"},
                                      write_rule({Role.SECRETARIAT})),
    "registration:departure": ("doors_registration", {"action": "depart"},
                               write_rule({Role.SECRETARIAT})),
}
