"""Permission-matrix rows for the meeting proposals pages and API operations.

The matrix's unit officer belongs to the unit "SECTOR": the "own" proposal is SECTOR's draft,
the "other" one a draft of another unit, the "consulted" one (another unit's) is in
consultation, which is when the group secretariats see a proposal.
"""

from tests.delegations.matrix_rules import NOT_ALLOWED, READERS, api_rule, rule
from tripartite.accounts.models import Role

PROPOSAL_READERS = {Role.SECRETARIAT, Role.SENIOR_OFFICIAL, Role.OBSERVER, Role.MEETING_OFFICER}
OWNERS = {Role.SECRETARIAT, Role.UNIT_OFFICER}
POST_ONLY = rule(set(), others=NOT_ALLOWED)

ROWS = {
    "proposals:pipeline": (None, rule(PROPOSAL_READERS | {Role.UNIT_OFFICER,
                                                          Role.GROUP_SECRETARIAT})),
    "proposals:create": (None, rule(OWNERS)),
    "proposals:detail": ("own_proposal", rule(PROPOSAL_READERS | {Role.UNIT_OFFICER})),
    "proposals:detail other": ("other_proposal", rule(PROPOSAL_READERS)),
    "proposals:detail consulted": ("consulted_proposal",
                                   rule(PROPOSAL_READERS | {Role.GROUP_SECRETARIAT})),
    "proposals:edit": ("own_proposal", rule(OWNERS)),
    "proposals:edit other": ("other_proposal", rule({Role.SECRETARIAT})),
    # No concept note attached: readers are sent back to the proposal with a message.
    "proposals:concept_note": ("own_proposal", rule(PROPOSAL_READERS | {Role.UNIT_OFFICER})),
    "proposals:concept_note other": ("other_proposal", rule(PROPOSAL_READERS)),
    "proposals:submit": ("own_proposal", POST_ONLY),
    "proposals:move": ("own_proposal", POST_ONLY),
    "proposals:opinion": ("consulted_proposal", POST_ONLY),
    "proposals:decision": ("own_proposal", POST_ONLY),
    "proposals:report": ("own_proposal", POST_ONLY),
    "proposals:batch_send": (None, POST_ONLY),
    "proposals:information_documents": (None, rule(PROPOSAL_READERS)),
    "proposals:information_document": ("gb_session", rule(PROPOSAL_READERS)),
}
API_ROWS = {}
# (method, path template) -> operationId, for tests/api/test_api_auth_errors.py.
OPERATION_IDS = {}

assert READERS >= PROPOSAL_READERS and api_rule  # the shared vocabulary, used by the API rows


def objects(session) -> dict:
    """Objects the rows above name by key, made for ``session`` (an ILC-like session)."""
    from tests.factories import MeetingFactory, SessionFactory, user_with_role
    from tripartite.proposals import services

    secretariat = user_with_role(Role.SECRETARIAT)
    own = services.proposal_create(actor=secretariat, unit="SECTOR", title_en="Own workshop")
    other = services.proposal_create(actor=secretariat, unit="ILO Dakar",
                                     title_en="Other seminar")
    consulted = services.proposal_create(actor=secretariat, unit="ILO Lima",
                                         title_en="Consulted symposium")
    consulted.state = "in_consultation"  # as the pipeline would leave it
    consulted.save(update_fields=["state"])
    gb = SessionFactory(meeting=MeetingFactory(type="gb", title_en="Governing Body"),
                        number="357", title_en="357th Session of the Governing Body")
    return {"own_proposal": {"pk": own.pk}, "other_proposal": {"pk": other.pk},
            "consulted_proposal": {"pk": consulted.pk}, "gb_session": {"session_pk": gb.pk}}
