"""Preparing a vote and opening it (the quorum is fixed when it opens). Each is one
transaction, logged."""

import datetime as dt
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tripartite.accounts.models import User
from tripartite.common.services import ServiceError, log_action
from tripartite.common.text import current_language
from tripartite.meetings.models import AgendaItem, Committee, Session
from tripartite.rules import decisions
from tripartite.rules import voting as rules
from tripartite.votes import electorate as electorate_module
from tripartite.votes.models import (
    Body,
    DecisionKind,
    MajorityKind,
    Method,
    QuorumSource,
    Vote,
    VoteState,
)
from tripartite.votes.services.base import lock_vote, require_manager, require_state
from tripartite.votes.services.secrecy import secret_tallies_for


def _decision_checked(decision: str | None, majority: str | None, method: str,
                      body: str) -> tuple[str, str]:
    """The kind of decision and the majority of a vote being prepared, as the rules allow them
    (``rules.decisions.prepare_vote``): a kind of decision sets its majority, its voting body
    and, where the Standing Orders require it, a record vote."""
    if decision is None:  # before the kinds of decision, the admission was only a majority
        decision = (DecisionKind.ADMISSION if majority == MajorityKind.ADMISSION
                    else DecisionKind.OTHER)
    if decision not in DecisionKind.values:
        raise ServiceError(_("Unknown kind of decision."), field="decision")
    if majority is not None and majority not in MajorityKind.values:
        raise ServiceError(_("Unknown majority."), field="majority")
    prepared = decisions.prepare_vote(decision, majority=majority or None, method=method,
                                      body=body)
    if not prepared.allowed:
        first, field = prepared.errors[0], prepared.faults[0]
        raise ServiceError(first.message_in(current_language()), field=field,
                           code="decision_requirement")
    return decision, prepared.majority


@transaction.atomic
def vote_create(*, actor: User, session: Session, subject_en: str, method: str,
                majority: str | None = None, decision: str | None = None,
                body: str = Body.PLENARY, subject_fr: str = "",
                subject_es: str = "", agenda_item: AgendaItem | None = None,
                committee: Committee | None = None,
                quorum_source: str = QuorumSource.ATTENDANCE,
                quorum_fixed: int | None = None) -> Vote:
    """Prepare a vote (a draft). The kind of decision (``decision``; by default another
    decision, or the admission of a Member when that is the majority asked) sets the majority
    when the Constitution fixes it: ``majority`` may then be left out, and another one is
    refused, as is a show of hands or a secret ballot for a final vote the Standing Orders take
    by record vote."""
    require_manager(actor)
    if not (subject_en or "").strip():
        raise ServiceError(_("Say what is voted on, in English at least."), field="subject_en")
    if agenda_item is not None and agenda_item.session_id != session.pk:
        raise ServiceError(_("The agenda item belongs to another session."),
                           field="agenda_item")
    if body == Body.COMMITTEE:
        if committee is None:
            raise ServiceError(_("Choose the committee that votes."), field="committee")
        if committee.session_id != session.pk:
            raise ServiceError(_("The committee belongs to another session."),
                               field="committee")
    elif committee is not None:
        raise ServiceError(_("Only a committee vote names a committee."), field="committee")
    decision, majority = _decision_checked(decision, majority, method, body)
    if quorum_source == QuorumSource.FIXED and quorum_fixed is None:
        raise ServiceError(_("Enter the quorum fixed by the Credentials Committee."),
                           field="quorum_fixed")
    if quorum_source == QuorumSource.ATTENDANCE:
        quorum_fixed = None
    vote = Vote(session=session, agenda_item=agenda_item, committee=committee, body=body,
                subject_en=subject_en.strip(), subject_fr=(subject_fr or "").strip(),
                subject_es=(subject_es or "").strip(), method=method, majority=majority,
                decision=decision, quorum_source=quorum_source, quorum_fixed=quorum_fixed,
                created_by=actor)
    vote.full_clean()
    vote.save()
    log_action(actor=actor, action="votes.vote.created", obj=vote, data={
        "subject": subject_en.strip(), "decision": decision, "method": method,
        "majority": majority, "body": body, "quorum_source": quorum_source,
        "quorum_fixed": quorum_fixed})
    return vote


def quorum_preview(vote: Vote, at: dt.datetime | None = None) -> dict[str, Any]:
    """The quorum the vote would have if it opened at ``at`` (now): shown before opening."""
    at = at or timezone.now()
    base = electorate_module.quorum_base(vote, at)
    if vote.quorum_source == QuorumSource.FIXED:
        quorum = vote.quorum_fixed
    else:
        quorum = rules.quorum_from_entitled(base["total"])
    return {"quorum": quorum, "base": base, "source": vote.quorum_source}


@transaction.atomic
def vote_open(*, actor: User, vote: Vote, at: dt.datetime | None = None) -> Vote:
    require_manager(actor)
    vote = lock_vote(vote)
    require_state(vote, VoteState.DRAFT)
    at = at or timezone.now()
    preview = quorum_preview(vote, at)
    vote.quorum, vote.quorum_base = preview["quorum"], preview["base"]
    vote.state, vote.opened_at, vote.opened_by = VoteState.OPEN, at, actor
    vote.save(update_fields=["quorum", "quorum_base", "state", "opened_at", "opened_by",
                             "updated_at"])
    if vote.method == Method.SECRET:
        weights = {elector.weight for elector in electorate_module.electorate(vote, at).values()}
        if vote.body != Body.COMMITTEE:
            weights.add(Fraction(1))
        for weight in sorted(weights):
            secret_tallies_for(vote, weight)
    log_action(actor=actor, action="votes.vote.opened", obj=vote,
               data={"quorum": vote.quorum, "base": vote.quorum_base})
    return vote
