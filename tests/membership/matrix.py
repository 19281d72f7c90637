"""Permission-matrix rows for committee and Governing Body membership.

Readers are those who read a whole session (READERS); writers those who manage meetings
(secretariat, meeting officer). The objects: a committee of the matrix's session with a French
regular and an Italian deputy Government member, the deputy replacing the regular; a session of
the Governing Body with a titular and a deputy Workers' member, the deputy replacing the
titular. API rows that write run in an order that leaves each later row what it needs.
"""

import datetime as dt

from tests.delegations.matrix_rules import NOT_ALLOWED, OK, READERS, rule
from tests.factories import GENEVA, PersonFactory, state
from tests.membership.factories import (
    CommitteeFactory,
    CommitteeMembershipFactory,
    GoverningBodyMembershipFactory,
    GoverningBodySessionFactory,
)
from tripartite.accounts.models import Role
from tripartite.membership.models import CommitteeReplacement, GoverningBodyReplacement

WRITERS = {Role.SECRETARIAT, Role.MEETING_OFFICER}


def post_only(allowed):
    """A POST-only page: who may write gets 405 on GET, the others 403 (before the 405)."""
    return {role: NOT_ALLOWED if outcome == OK else outcome
            for role, outcome in rule(allowed).items()}


ROWS = {
    "membership:index": (None, rule(READERS)),
    "membership:committee_detail": ("membership_committee", rule(READERS)),
    "membership:committee_member_add": ("membership_committee", rule(WRITERS)),
    "membership:committee_replacement_add": ("membership_committee", rule(WRITERS)),
    "membership:weights_publish": ("membership_committee", post_only(WRITERS)),
    "membership:committee_member_end": ("membership_member", post_only(WRITERS)),
    "membership:committee_replacement_end": ("membership_replacement", post_only(WRITERS)),
    "membership:gb_session": ("membership_gb_session", rule(READERS)),
    "membership:gb_member_add": ("membership_gb_session_of", rule(WRITERS)),
    "membership:gb_member_end": ("membership_gb_member", post_only(WRITERS)),
    "membership:gb_replacement_add": ("membership_gb_session_of", rule(WRITERS)),
    "membership:gb_replacement_end": ("membership_gb_replacement", post_only(WRITERS)),
}

API_ROWS = {}
# (method, path template) -> operationId, for tests/api/test_api_auth_errors.py.
OPERATION_IDS = {}


def objects(session) -> dict:
    """Objects the rows above name by key, made for ``session`` (an ILC-like session)."""
    committee = CommitteeFactory(session=session)
    opened = session.opens_at
    regular = CommitteeMembershipFactory(committee=committee, valid_from=opened,
                                         person=PersonFactory(member_state=state("FR")))
    deputy = CommitteeMembershipFactory(committee=committee, valid_from=opened, kind="deputy",
                                        member_state=state("IT"))
    CommitteeMembershipFactory(committee=committee, valid_from=opened, group="employers")
    replacement = CommitteeReplacement.objects.create(
        committee=committee, replaced=regular, deputy=deputy, valid_from=opened)
    gb_session = GoverningBodySessionFactory(
        opens_at=dt.datetime(2026, 6, 15, 10, tzinfo=GENEVA),
        closes_at=dt.datetime(2026, 6, 16, 18, tzinfo=GENEVA))
    titular = GoverningBodyMembershipFactory(meeting=gb_session.meeting, group="workers")
    gb_deputy = GoverningBodyMembershipFactory(meeting=gb_session.meeting, group="workers",
                                               seat="deputy")
    GoverningBodyMembershipFactory(meeting=gb_session.meeting, member_state=state("DE"))
    gb_replacement = GoverningBodyReplacement.objects.create(
        session=gb_session, titular=titular, deputy=gb_deputy, valid_from=gb_session.opens_at)
    return {
        "membership_committee": {"pk": committee.pk},
        "membership_member": {"pk": regular.pk},
        "membership_deputy": {"pk": deputy.pk},
        "membership_replacement": {"pk": replacement.pk},
        "membership_gb_session": {"pk": gb_session.pk},
        "membership_gb_session_of": {"session_pk": gb_session.pk},
        "membership_gb_member": {"session_pk": gb_session.pk, "pk": titular.pk},
        "membership_gb_replacement": {"pk": gb_replacement.pk},
    }
