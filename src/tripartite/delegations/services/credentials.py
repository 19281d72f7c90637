"""The Office's side of the credentials: review, acceptance, queries, arrears."""


import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tripartite.accounts.models import Role, User
from tripartite.common.services import (
    PermissionDeniedError,
    ServiceError,
    check_not_stale,
    log_action,
)
from tripartite.constituents.models import MemberState
from tripartite.delegations import permissions, tasks
from tripartite.delegations.models import (
    ArrearsStatus,
    Delegation,
    DelegationQuery,
    DelegationStatus,
)
from tripartite.jobs.notifications import notify
from tripartite.meetings.models import Session


def _require_reviewer(actor: User) -> None:
    if not permissions.can_review_credentials(actor):
        raise PermissionDeniedError



def _set_status(delegation: Delegation, status: str, *, actor: User, action: str,
                seen_updated_at: dt.datetime | None = None,
                data: dict[str, object] | None = None) -> Delegation:
    check_not_stale(delegation, seen_updated_at)
    delegation.status = status
    fields = ["status", "updated_at"]
    if status == DelegationStatus.ACCEPTED:
        delegation.accepted_at = timezone.now()
        fields.append("accepted_at")
    # Only what this step changes: a stale copy must not write back its other fields.
    delegation.save(update_fields=fields)
    log_action(actor=actor, action=action, obj=delegation, data=data or {"status": status})
    return delegation


@transaction.atomic
def delegation_start_review(*, actor: User, delegation: Delegation,
                            seen_updated_at: dt.datetime | None = None) -> Delegation:
    _require_reviewer(actor)
    check_not_stale(delegation, seen_updated_at)
    if delegation.status != DelegationStatus.RECEIVED:
        raise ServiceError(_("Only received credentials can be put under review."))
    return _set_status(delegation, DelegationStatus.UNDER_REVIEW, actor=actor,
                       action="delegations.delegation.review_started",
                       seen_updated_at=seen_updated_at)


@transaction.atomic
def delegation_accept(*, actor: User, delegation: Delegation,
                      seen_updated_at: dt.datetime | None = None) -> Delegation:
    _require_reviewer(actor)
    check_not_stale(delegation, seen_updated_at)
    if not delegation.submitted:
        raise ServiceError(_("Credentials that were not received cannot be accepted."))
    return _set_status(delegation, DelegationStatus.ACCEPTED, actor=actor,
                       action="delegations.delegation.accepted",
                       seen_updated_at=seen_updated_at)


@transaction.atomic
def delegation_query_send(*, actor: User, delegation: Delegation, question: str,
                          seen_updated_at: dt.datetime | None = None) -> DelegationQuery:
    _require_reviewer(actor)
    question = question.strip()
    if not question:
        raise ServiceError(_("Write the question."), field="question", code="required")
    _set_status(delegation, DelegationStatus.QUERY_SENT, actor=actor,
                action="delegations.query.sent", seen_updated_at=seen_updated_at,
                data={"question": question})
    query = DelegationQuery.objects.create(delegation=delegation, question=question,
                                           asked_by=actor)
    # The State's focal points are asked to answer (by mail, once committed).
    notify(User.objects.filter(role=Role.FOCAL_POINT, member_state=delegation.member_state_id),
           tasks.mail_query_sent, query.pk)
    return query


@transaction.atomic
def arrears_set(*, actor: User, member_state: MemberState, session: Session, in_arrears: bool,
                vote_restored_on: dt.date | None = None,
                decision_reference: str = "") -> ArrearsStatus:
    """Record whether a Member is in arrears for a session, and any restoration of its vote."""
    _require_reviewer(actor)
    status, _created = ArrearsStatus.objects.update_or_create(
        member_state=member_state, session=session,
        defaults={"in_arrears": in_arrears, "vote_restored_on": vote_restored_on,
                  "decision_reference": decision_reference})
    log_action(actor=actor, action="delegations.arrears.recorded", obj=status, data={
        "in_arrears": in_arrears, "vote_restored_on": vote_restored_on,
        "decision_reference": decision_reference})
    return status
