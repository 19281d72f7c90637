"""Permission-matrix rows for committee and Governing Body membership.

Readers are those who read a whole session (READERS); writers those who manage meetings
(secretariat, meeting officer). The objects: a committee of the matrix's session with a French
regular and an Italian deputy Government member, the deputy replacing the regular; a session of
the Governing Body with a titular and a deputy Workers' member, the deputy replacing the
titular. API rows that write run in an order that leaves each later row what it needs.
"""

import datetime as dt

from tests.delegations.matrix_rules import NOT_ALLOWED, OK, READERS, api_rule, rule
from tests.factories import GENEVA, PersonFactory, state
from tests.matrix_writes import write_rule
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

# Bodies cannot name objects made later, so the API's writes aim at objects made with these
# fixed ids (far above any the tests create).
PERSON_TO_ADD = 9_100_001
GB_TITULAR, GB_DEPUTY = 9_100_011, 9_100_012

API_ROWS = {
    ("GET", "/api/committees/{id}/memberships"): ("membership_committee", None,
                                                  api_rule(READERS)),
    ("POST", "/api/committees/{id}/memberships"): (
        "membership_committee",
        {"person": PERSON_TO_ADD, "group": "workers", "at": "2026-06-02T10:00:00+02:00"},
        api_rule(WRITERS, 201)),
    ("POST", "/api/committee-memberships/{id}/end"): (
        "membership_member", {"at": "2026-06-03T10:00:00+02:00"}, api_rule(WRITERS)),
    ("GET", "/api/committees/{id}/weights"): ("membership_committee", None, api_rule(READERS)),
    ("GET", "/api/committees/{id}/weight-snapshots"): ("membership_committee", None,
                                                       api_rule(READERS)),
    ("GET", "/api/sessions/{id}/governing-body-members"): ("membership_gb_session", None,
                                                           api_rule(READERS)),
    ("POST", "/api/sessions/{id}/governing-body-replacements"): (
        "membership_gb_session",
        {"titular": GB_TITULAR, "deputy": GB_DEPUTY, "valid_from": "2026-06-15T11:00:00+02:00"},
        api_rule(WRITERS, 201)),
}
# (method, path template) -> operationId, for tests/api/test_api_auth_errors.py.
OPERATION_IDS = {
    ("GET", "/api/committees/{id}/memberships"): "committee_membership_list",
    ("POST", "/api/committees/{id}/memberships"): "committee_membership_add",
    ("POST", "/api/committee-memberships/{id}/end"): "committee_membership_end",
    ("GET", "/api/committees/{id}/weights"): "committee_weights",
    ("GET", "/api/committees/{id}/weight-snapshots"): "committee_weight_snapshots",
    ("GET", "/api/sessions/{id}/governing-body-members"): "gb_member_list",
    ("POST", "/api/sessions/{id}/governing-body-replacements"): "gb_replacement_add",
}


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
    GoverningBodyMembershipFactory(pk=GB_TITULAR, meeting=gb_session.meeting,
                                   group="employers")
    GoverningBodyMembershipFactory(pk=GB_DEPUTY, meeting=gb_session.meeting,
                                   group="employers", seat="deputy")
    PersonFactory(pk=PERSON_TO_ADD, member_state=state("DE"))
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


def _replacement(objects):
    """The regular member is replaced already (from the opening): the form says so."""
    return {"replaced": objects["membership_member"]["pk"],
            "deputy": objects["membership_deputy"]["pk"], "at": "2026-06-02T10:00"}


WRITES = {
    "membership:committee_replacement_add": ("membership_committee", _replacement,
                                             write_rule(set(), ok=WRITERS)),
    "membership:weights_publish": ("membership_committee", {}, write_rule(WRITERS)),
    "membership:committee_member_end": ("membership_member", {"at": "2026-06-03T10:00"},
                                        write_rule(WRITERS)),
    "membership:committee_replacement_end": ("membership_replacement",
                                             {"at": "2026-06-03T10:00"}, write_rule(WRITERS)),
    "membership:gb_member_end": ("membership_gb_member", {"term_until": "2026-06-16"},
                                 write_rule(WRITERS)),
    "membership:gb_replacement_add": ("membership_gb_session_of", {
        "titular": GB_TITULAR, "deputy": GB_DEPUTY, "valid_from": "2026-06-15T11:00"},
        write_rule(WRITERS)),
    "membership:gb_replacement_end": ("membership_gb_replacement", {"at": "2026-06-16T10:00"},
                                      write_rule(WRITERS)),
}
