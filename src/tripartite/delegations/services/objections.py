"""Objections and complaints before the Credentials Committee: recording them and deciding.

Receivability of an objection is the rules' (CRED-3, ``objection_receivable``): 72 hours from
10:00 on the opening day in the session's time zone, 48 hours from 10:00 on the day a revised
list is published; anonymous authors, authors who are advisers to the delegate objected to,
and facts the Conference already found irrelevant make it irreceivable. The Committee records
its decision; it cannot examine the merits of an objection the rules find irreceivable.

Complaints (non-payment of expenses, delegates prevented from attending) have no time limit
in the rules (``ilo-rules.md`` CRED-4: UNCONFIRMED), so their receivability is the Committee's.
"""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from tripartite.accounts.models import User
from tripartite.common.services import (
    PermissionDeniedError,
    ServiceError,
    apply_changes,
    check_not_stale,
    log_action,
)
from tripartite.delegations import permissions
from tripartite.delegations.evaluation import objection_verdict
from tripartite.delegations.models import (
    Delegation,
    Nomination,
    Objection,
    ObjectionDecision,
    ObjectionKind,
)
from tripartite.meetings.models import Session
from tripartite.rules import objections as rules

ON_THE_MERITS = {ObjectionDecision.RECEIVABLE, ObjectionDecision.UPHELD,
                 ObjectionDecision.DISMISSED}


def _require_committee(actor: User) -> None:
    if not permissions.can_decide_objections(actor):
        raise PermissionDeniedError


def _verdict_for_log(verdict: rules.ObjectionVerdict | None) -> dict[str, object]:
    if verdict is None:
        return {"receivable_by_rules": None}
    return {"receivable_by_rules": verdict.receivable,
            "deadline": verdict.deadline.isoformat(),
            "rules": [finding.as_dict("en") for finding in verdict.findings]}


@transaction.atomic
def objection_lodge(*, actor: User, session: Session, delegation: Delegation, summary: str,
                    lodged_at: dt.datetime,
                    kind: str = ObjectionKind.OBJECTION, nomination: Nomination | None = None,
                    lodged_by: str = "",
                    authors_anonymous: bool = False,
                    author_is_adviser_to_delegate: bool = False,
                    same_facts_found_irrelevant: bool = False,
                    revised_list_published_on: dt.date | None = None) -> Objection:
    """Record an objection or complaint received by the Committee, with the rules' verdict."""
    _require_committee(actor)
    if delegation.session_id != session.pk:
        raise ServiceError(_("This delegation is not one of the session's."),
                           field="delegation")
    if nomination is not None and (nomination.delegation_id != delegation.pk
                                   or nomination.withdrawn_in_amendment is not None):
        raise ServiceError(_("Choose a person of the delegation objected to."),
                           field="nomination")
    summary, lodged_by = summary.strip(), lodged_by.strip()
    if not summary:
        raise ServiceError(_("Summarize the objection or complaint."), field="summary",
                           code="required")
    if not authors_anonymous and not lodged_by:
        raise ServiceError(_("Name who lodged it, or record that the authors are anonymous."),
                           field="lodged_by", code="required")
    if lodged_at.utcoffset() is None:
        raise ServiceError(_("The time of lodging needs a time zone."), field="lodged_at")
    opening = session.local_opens_at.date()
    if revised_list_published_on is not None and revised_list_published_on < opening:
        raise ServiceError(_("A revised list cannot be published before the opening."),
                           field="revised_list_published_on")
    objection = Objection(
        session=session, kind=kind, delegation=delegation, nomination=nomination,
        lodged_by=lodged_by, authors_anonymous=authors_anonymous,
        author_is_adviser_to_delegate=author_is_adviser_to_delegate,
        same_facts_found_irrelevant=same_facts_found_irrelevant, lodged_at=lodged_at,
        revised_list_published_on=revised_list_published_on, summary=summary)
    objection.full_clean()
    objection.save()
    log_action(actor=actor, action="delegations.objection.lodged", obj=objection, data={
        "kind": kind, "delegation": delegation.pk,
        "nomination": nomination.pk if nomination else None, "lodged_by": lodged_by,
        "authors_anonymous": authors_anonymous,
        "author_is_adviser_to_delegate": author_is_adviser_to_delegate,
        "same_facts_found_irrelevant": same_facts_found_irrelevant,
        "lodged_at": lodged_at.isoformat(),
        "revised_list_published_on": revised_list_published_on,
        **_verdict_for_log(objection_verdict(objection)),
    })
    return objection


@transaction.atomic
def objection_decide(*, actor: User, objection: Objection, decision: str,
                     decided_on: dt.date | None = None, decision_text: str = "",
                     seen_updated_at: dt.datetime | None = None) -> Objection:
    """Record the Committee's decision and its date (or set it back to pending)."""
    _require_committee(actor)
    check_not_stale(objection, seen_updated_at)
    if decision not in ObjectionDecision.values:
        raise ServiceError(_("Unknown decision."), field="decision")
    decision_text = decision_text.strip()
    if decision == ObjectionDecision.PENDING:
        decided_on, decision_text = None, ""
    else:
        if decided_on is None:
            raise ServiceError(_("Give the date of the decision."), field="decided_on",
                               code="required")
        if decided_on < objection.lodged_at.astimezone(objection.session.zone).date():
            raise ServiceError(_("The decision cannot be dated before the objection was "
                                 "lodged."), field="decided_on")
        if not decision_text:
            raise ServiceError(_("Write the decision."), field="decision_text",
                               code="required")
    verdict = objection_verdict(objection)
    if verdict is not None and not verdict.receivable and decision in ON_THE_MERITS:
        raise ServiceError(
            _("The rules find this objection irreceivable (ILC Standing Orders art. 26bis): "
              "the Committee cannot examine its merits. Record it as irreceivable."),
            field="decision", code="irreceivable")
    diff = apply_changes(objection, {"decision": decision, "decided_on": decided_on,
                                     "decision_text": decision_text},
                         fields=("decision", "decided_on", "decision_text"))
    if diff:
        objection.full_clean()
        objection.save()
        log_action(actor=actor, action="delegations.objection.decided", obj=objection,
                   data={**diff, **_verdict_for_log(verdict)})
    return objection
