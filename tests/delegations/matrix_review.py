"""Permission-matrix rows for the Office's review and the Credentials Committee's pages.

Reading the review needs ``can_view_delegations`` (the secretariat side: every reader but focal
points, delegates and group secretariats); the Committee's pages need ``can_view_objections``.
A focal point is refused even for their own State's delegation: the review is the Office's.
"""

from tests.delegations.matrix_rules import READERS, rule
from tests.matrix_writes import state_pk, write_rule
from tripartite.accounts.models import Role

COMMITTEE = {Role.SECRETARIAT, Role.CREDENTIALS_COMMITTEE, Role.SENIOR_OFFICIAL}

ROWS = {
    # Every login: the published lists; the review's and the Committee's pages to theirs.
    "delegations:credentials_index": (None, rule(set(Role.values))),
    "delegations:review_overview": ("delegation_session", rule(READERS)),
    "delegations:review_arrears": ("delegation_session", rule(READERS)),
    "delegations:review_delegation": ("own_delegation", rule(READERS)),
    "delegations:review_delegation other": ("other_delegation", rule(READERS)),
    # No letter was uploaded: the page sends readers back to the review with a message.
    "delegations:review_letter": ("own_delegation", rule(READERS)),
    "delegations:committee_objections": ("delegation_session", rule(COMMITTEE)),
    "delegations:committee_objection": ("objection", rule(COMMITTEE)),
}

# France's delegation (received) is put under review; Germany's (not received) gets a query.
WRITES = {
    "delegations:review_arrears": ("delegation_session", lambda objects: {
        "form": "arrears", "member_state": state_pk("FR"), "in_arrears": "on"},
        write_rule({Role.SECRETARIAT})),
    "delegations:review_delegation": ("own_delegation", {"action": "start_review"},
                                      write_rule({Role.SECRETARIAT})),
    "delegations:review_delegation other": ("other_delegation", {
        "action": "query", "question": "Which ministry?"}, write_rule({Role.SECRETARIAT})),
    # Accepting is confirmed first (common/confirm.py): the question writes nothing.
    "delegations:review_delegation accept": ("own_delegation", {
        "action": "accept", "confirm": "yes"}, write_rule({Role.SECRETARIAT})),
    "delegations:review_delegation accept, unconfirmed": ("own_delegation", {
        "action": "accept"}, write_rule(set(), ok={Role.SECRETARIAT})),
    "delegations:committee_objections": ("delegation_session", lambda objects: {
        "kind": "objection", "delegation": objects["other_delegation"]["pk"],
        "nomination": objects["other_nomination"]["pk"], "lodged_by": "A workers' union",
        "lodged_on": "2026-06-03", "lodged_time": "10:00", "summary": "Not independent"},
        write_rule({Role.SECRETARIAT, Role.CREDENTIALS_COMMITTEE})),
    "delegations:committee_objection": ("objection", {
        "step": "receivability", "receivable": "yes", "decided_on": "2026-06-04",
        "text": "The objection is receivable.", "government_position": "for",
        "employers_position": "for", "workers_position": "for"},
        write_rule({Role.SECRETARIAT, Role.CREDENTIALS_COMMITTEE})),
}
