"""Permission-matrix rows for the Office's review and the Credentials Committee's pages.

Reading the review needs ``can_view_delegations`` (the secretariat side: every reader but focal
points, delegates and group secretariats); the Committee's pages need ``can_view_objections``.
A focal point is refused even for their own State's delegation: the review is the Office's.
"""

from tests.delegations.matrix_rules import READERS, rule
from tripartite.accounts.models import Role

COMMITTEE = {Role.SECRETARIAT, Role.CREDENTIALS_COMMITTEE, Role.SENIOR_OFFICIAL}

ROWS = {
    "delegations:review_overview": ("delegation_session", rule(READERS)),
    "delegations:review_arrears": ("delegation_session", rule(READERS)),
    "delegations:review_delegation": ("own_delegation", rule(READERS)),
    "delegations:review_delegation other": ("other_delegation", rule(READERS)),
    # No letter was uploaded: the page sends readers back to the review with a message.
    "delegations:review_letter": ("own_delegation", rule(READERS)),
    "delegations:committee_objections": ("delegation_session", rule(COMMITTEE)),
    "delegations:committee_objection": ("objection", rule(COMMITTEE)),
    "delegations:committee_figures": ("delegation_session", rule(COMMITTEE)),
    "delegations:committee_figures_csv": ("delegation_session", rule(COMMITTEE)),
}
