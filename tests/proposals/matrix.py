"""Permission-matrix rows for the meeting proposals pages and API operations.

The matrix's unit officer belongs to the unit "SECTOR": the "own" proposal is SECTOR's draft,
the "other" one a draft of another unit, the "consulted" one (another unit's) is in
consultation, which is when the group secretariats see a proposal.
"""

from django.utils import timezone

from tests.delegations.matrix_rules import NOT_ALLOWED, READERS, api_rule, rule
from tests.matrix_writes import write_rule
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
    "proposals:dashboard": (None, rule(PROPOSAL_READERS)),
    "proposals:information_documents": (None, rule(PROPOSAL_READERS)),
    "proposals:information_document": ("gb_session", rule(PROPOSAL_READERS)),
}
# The API rows run in this order for each role: the "complete" draft of SECTOR is submitted
# and put under review; the "ready" proposal (another unit's, in consultation, both groups
# consulted) goes to the Officers, is approved and its report received. Who may act is
# checked before the state, so every other role gets 403 on each step.


def dated(**fields):
    """A body whose dates are today's when the row runs, not when this module was imported:
    a run crossing midnight would otherwise date a decision before the proposal it decides."""
    def body(objects):
        today = timezone.localdate().isoformat()
        return {name: today if value is TODAY else value for name, value in fields.items()}
    return body


TODAY = object()  # stands for the date of the day the row runs, in dated()
SECRETARIAT = {Role.SECRETARIAT}
API_ROWS = {
    ("GET", "/api/proposals"): (None, None, api_rule(PROPOSAL_READERS | {
        Role.UNIT_OFFICER, Role.GROUP_SECRETARIAT})),
    ("POST", "/api/proposals"): (None, {"unit": "SECTOR", "title_en": "API seminar"},
                                 api_rule(OWNERS, 201)),
    ("GET", "/api/proposals/{id}"): ("own_proposal", None,
                                     api_rule(PROPOSAL_READERS | {Role.UNIT_OFFICER})),
    ("PATCH", "/api/proposals/{id}"): ("own_proposal", {"city": "Geneva"}, api_rule(OWNERS)),
    ("POST", "/api/proposals/{id}/submit"): ("complete_proposal", {}, api_rule(OWNERS)),
    ("POST", "/api/proposals/{id}/transitions"): (
        "complete_proposal", {"to_state": "under_review"}, api_rule(SECRETARIAT)),
    ("POST", "/api/proposals/{id}/opinions"): (
        "consulted_proposal", {"group": "employers", "opinion": "agrees"},
        api_rule({Role.SECRETARIAT, Role.GROUP_SECRETARIAT}, 201)),
    ("POST", "/api/proposals/{id}/send-to-officers"): (
        "ready_proposal", {"reference": "Officers 1"}, api_rule(SECRETARIAT)),
    ("POST", "/api/proposals/{id}/decision"): (
        "ready_proposal", dated(decision="approved", decided_on=TODAY),
        api_rule(SECRETARIAT)),
    ("POST", "/api/proposals/{id}/report"): ("ready_proposal", dated(received_on=TODAY),
                                             api_rule(SECRETARIAT)),
}
# (method, path template) -> operationId, for tests/api/test_api_auth_errors.py.
OPERATION_IDS = {
    ("GET", "/api/proposals"): "proposal_list",
    ("POST", "/api/proposals"): "proposal_create",
    ("GET", "/api/proposals/{id}"): "proposal_detail",
    ("PATCH", "/api/proposals/{id}"): "proposal_update",
    ("POST", "/api/proposals/{id}/submit"): "proposal_submit",
    ("POST", "/api/proposals/{id}/transitions"): "proposal_transition",
    ("POST", "/api/proposals/{id}/opinions"): "proposal_opinion",
    ("POST", "/api/proposals/{id}/send-to-officers"): "proposal_send_to_officers",
    ("POST", "/api/proposals/{id}/decision"): "proposal_decision",
    ("POST", "/api/proposals/{id}/report"): "proposal_report",
}

assert READERS >= PROPOSAL_READERS  # the readers of proposals are readers of the matrix


def objects(session) -> dict:
    """Objects the rows above name by key, made for ``session`` (an ILC-like session)."""
    from tests.factories import MeetingFactory, SessionFactory, user_with_role
    from tests.proposals.factories import make_proposal, to_consultation, to_officers
    from tripartite.proposals import services

    secretariat = user_with_role(Role.SECRETARIAT)
    own = services.proposal_create(actor=secretariat, unit="SECTOR", title_en="Own workshop")
    other = services.proposal_create(actor=secretariat, unit="ILO Dakar",
                                     title_en="Other seminar")
    consulted = services.proposal_create(actor=secretariat, unit="ILO Lima",
                                         title_en="Consulted symposium")
    consulted.state = "in_consultation"  # as the pipeline would leave it
    consulted.save(update_fields=["state"])
    complete = make_proposal(secretariat, unit="SECTOR", title_en="Complete workshop")
    ready = to_consultation(make_proposal(secretariat, unit="ILO Lima",
                                          title_en="Ready seminar"), secretariat)
    gb = SessionFactory(meeting=MeetingFactory(type="gb", title_en="Governing Body"),
                        number="357", title_en="357th Session of the Governing Body")
    sent = make_proposal(secretariat, unit="ILO Lima", title_en="Sent seminar")
    to_officers(sent, secretariat)
    decided = make_proposal(secretariat, unit="ILO Lima", title_en="Decided seminar")
    to_officers(decided, secretariat)
    services.decision_record(proposal=decided, actor=secretariat, decision="approved",
                             decided_on=timezone.localdate())
    return {"sent_proposal": {"pk": sent.pk}, "decided_proposal": {"pk": decided.pk},
            "own_proposal": {"pk": own.pk}, "other_proposal": {"pk": other.pk},
            "consulted_proposal": {"pk": consulted.pk}, "gb_session": {"session_pk": gb.pk},
            "complete_proposal": {"pk": complete.pk}, "ready_proposal": {"pk": ready.pk}}

PROPOSAL_FORM = {"unit": "SECTOR", "title_en": "Matrix seminar", "time_zone": "Europe/Zurich",
                 "financing-TOTAL_FORMS": "0", "financing-INITIAL_FORMS": "0"}
# The steps check who may see the proposal, then the service who may act: those who see it
# but may not act are refused with a message (OK, nothing written).
WRITES = {
    # The document is a job queued for its reader (tripartite.jobs).
    "proposals:information_document": ("gb_session", {"language": "en", "format": "docx"},
                                       write_rule(PROPOSAL_READERS)),
    "proposals:create": (None, PROPOSAL_FORM, write_rule(OWNERS)),
    "proposals:edit": ("own_proposal", PROPOSAL_FORM, write_rule(OWNERS)),
    "proposals:edit other": ("other_proposal", {**PROPOSAL_FORM, "unit": "ILO Dakar"},
                             write_rule({Role.SECRETARIAT})),
    "proposals:submit": ("complete_proposal", {}, write_rule(OWNERS, ok=PROPOSAL_READERS)),
    "proposals:move": ("ready_proposal", {"to_state": "held"},
                       write_rule(SECRETARIAT, ok=PROPOSAL_READERS | {Role.GROUP_SECRETARIAT})),
    "proposals:opinion": ("consulted_proposal", dated(
        group="employers", opinion="agrees", consulted_on=TODAY),
        write_rule({Role.SECRETARIAT, Role.GROUP_SECRETARIAT}, ok=PROPOSAL_READERS)),
    "proposals:decision": ("sent_proposal", dated(decision="approved", decided_on=TODAY),
                           write_rule(SECRETARIAT, ok=PROPOSAL_READERS | {
                               Role.GROUP_SECRETARIAT})),
    "proposals:report": ("decided_proposal", dated(received_on=TODAY),
                         write_rule(SECRETARIAT, ok=PROPOSAL_READERS | {
                             Role.GROUP_SECRETARIAT})),
    "proposals:batch_send": (None, lambda objects: {
        "reference": "Officers 1", "proposals": [objects["ready_proposal"]["pk"]]},
        write_rule(SECRETARIAT)),
}
