"""Permission-matrix rows for the delegations API (merged into API_MATRIX).

API_ROWS = {(method, path template): (objects key or None, body, {role: status})}.

The rows run in this order for each role, on the objects of matrix_objects.py, so that each
write finds the state it needs: France's delegation ("own", received, with one nomination) is
submitted again, put under review, queried and accepted; Germany's ("other", empty) gets a
nomination from the secretariat only. Reads and most of the focal point's attempts aim at
Germany's: the matrix's focal point is France's and must get 403 there. A tuple of keys merges their
objects: ("session", "other_state") fills both {id} and {iso2}.
"""

from tests.delegations.matrix_rules import READERS, WRITES_NOTHING, api_rule
from tripartite.accounts.models import Role

SECRETARIAT = {Role.SECRETARIAT}
COMMITTEE = {Role.SECRETARIAT, Role.CREDENTIALS_COMMITTEE}
OBJECTION_READERS = {*COMMITTEE, Role.SENIOR_OFFICIAL}
UNANIMOUS = {"government": "for", "employers": "for", "workers": "for"}
NOMINATORS_FR = {Role.SECRETARIAT, Role.FOCAL_POINT}

API_ROWS = {
    ("GET", "/api/sessions/{id}/delegations"): (
        "session", None, api_rule(READERS | {Role.FOCAL_POINT})),
    # France's delegation is open already: it is returned as it is.
    ("POST", "/api/sessions/{id}/delegations"): (
        "session", {"member_state": "FR"}, api_rule(NOMINATORS_FR), WRITES_NOTHING),
    ("GET", "/api/delegations/{id}"): ("other_delegation", None, api_rule(READERS)),
    ("POST", "/api/delegations/{id}/nominations"): (
        "other_delegation", {"group": "government", "role": "delegate", "name": "Hans Weber",
                             "gender": "m"}, api_rule(SECRETARIAT, 201)),
    ("POST", "/api/delegations/{id}/submit"): ("own_delegation", {}, api_rule(NOMINATORS_FR)),
    ("POST", "/api/delegations/{id}/review"): ("own_delegation", {}, api_rule(SECRETARIAT)),
    ("POST", "/api/delegations/{id}/queries"): (
        "own_delegation", {"question": "Which ministry?"}, api_rule(SECRETARIAT, 201)),
    ("POST", "/api/delegations/{id}/accept"): ("own_delegation", {}, api_rule(SECRETARIAT)),
    ("POST", "/api/queries/{id}/answer"): (
        "own_query", {"answer": "The Ministry of Labour."}, api_rule(NOMINATORS_FR)),
    ("PUT", "/api/sessions/{id}/arrears/{iso2}"): (
        ("session", "other_state"), {"in_arrears": True}, api_rule(SECRETARIAT)),
    ("DELETE", "/api/nominations/{id}"): ("own_nomination", None, api_rule(NOMINATORS_FR, 204)),
    # Objections: the Committee's steps in order on the matrix's objection.
    ("GET", "/api/sessions/{id}/objections"): ("session", None, api_rule(OBJECTION_READERS)),
    ("GET", "/api/objections/{id}"): ("objection", None, api_rule(OBJECTION_READERS)),
    ("POST", "/api/sessions/{id}/objections"): (
        "session", lambda objects: {
            "delegation": objects["other_delegation"]["pk"], "lodged_by": "A union",
            "lodged_at": "2026-06-03T08:00:00Z", "summary": "Not independent"},
        api_rule(COMMITTEE, 201)),
    ("POST", "/api/objections/{id}/receivability"): (
        "objection", {"receivable": True, "decided_on": "2026-06-04", "text": "Receivable.",
                      "positions": UNANIMOUS}, api_rule(COMMITTEE)),
    ("POST", "/api/objections/{id}/outcome"): (
        "objection", {"outcome": "propose_invalidation", "decided_on": "2026-06-05",
                      "text": "Proposes to invalidate.", "positions": UNANIMOUS},
        api_rule(COMMITTEE)),
    ("POST", "/api/objections/{id}/conference-decision"): (
        "objection", {"result": "adopted", "decided_on": "2026-06-06"}, api_rule(COMMITTEE)),
}

# Operation ids, for the list of every operation in tests/api/test_api_auth_errors.py.
OPERATION_IDS = {
    ("GET", "/api/sessions/{id}/delegations"): "delegation_list",
    ("POST", "/api/sessions/{id}/delegations"): "delegation_open",
    ("GET", "/api/delegations/{id}"): "delegation_detail",
    ("POST", "/api/delegations/{id}/nominations"): "nomination_add",
    ("POST", "/api/delegations/{id}/submit"): "delegation_submit",
    ("POST", "/api/delegations/{id}/review"): "delegation_start_review",
    ("POST", "/api/delegations/{id}/queries"): "delegation_query_send",
    ("POST", "/api/delegations/{id}/accept"): "delegation_accept",
    ("POST", "/api/queries/{id}/answer"): "delegation_query_answer",
    ("PUT", "/api/sessions/{id}/arrears/{iso2}"): "arrears_set",
    ("DELETE", "/api/nominations/{id}"): "nomination_withdraw",
    ("GET", "/api/sessions/{id}/objections"): "objection_list",
    ("POST", "/api/sessions/{id}/objections"): "objection_lodge",
    ("GET", "/api/objections/{id}"): "objection_detail",
    ("POST", "/api/objections/{id}/receivability"): "objection_decide_receivability",
    ("POST", "/api/objections/{id}/outcome"): "objection_decide_outcome",
    ("POST", "/api/objections/{id}/conference-decision"): "objection_conference_decide",
}
