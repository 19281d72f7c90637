"""Every write to meeting proposals: drafting, submission, the secretariat's pipeline, the
group secretariats' opinions, the Officers' decision, the report, and the rules' settings.

Each service checks permission and the workflow table (workflow.py), runs in one
transaction, and writes the action log (``proposals.proposal.*``) and, for a change of state,
a StateChange row.
"""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Required, TypedDict

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tripartite.accounts.models import Role, User
from tripartite.accounts.permissions import is_secretariat
from tripartite.common import l10n
from tripartite.common.services import (
    LogData,
    PermissionDeniedError,
    ServiceError,
    apply_changes,
    check_not_stale,
    log_action,
    update_logged,
)
from tripartite.common.text import current_language
from tripartite.constituents.models import MemberState
from tripartite.jobs.models import Job
from tripartite.jobs.notifications import notify
from tripartite.jobs.services import job_queue
from tripartite.meetings import places
from tripartite.meetings.models import AgendaItem, MeetingType, Session
from tripartite.meetings.services import meeting_create, session_create
from tripartite.proposals import information_document, permissions, selectors, tasks, workflow
from tripartite.proposals.models import (
    Consultation,
    Decision,
    Funding,
    MeetingProposal,
    OfficersBatch,
    ProposalRuleSetting,
    ProposalState,
    StateChange,
)
from tripartite.proposals.uploads import check_concept_note
from tripartite.rules import proposals as rules
from tripartite.rules.proposal_input import input_problems

PROPOSAL_FIELDS = (
    "responsible_officer", "type", "title_en", "title_fr", "title_es", "purpose_en",
    "purpose_fr", "purpose_es", "standards_relevance_en", "standards_relevance_fr",
    "standards_relevance_es", "start", "end", "time_zone", "country", "city", "online",
    "tripartite", *rules.COMPOSITION_FIELDS, "languages", "interpretation",
)
SECRETARIAT_FIELDS = ("unit",)  # the secretariat may also move a proposal to another unit


class FundingIn(TypedDict, total=False):
    """A financing line as the forms, the API and the demo give it."""

    source: Required[str]
    amount: Decimal | int | float | str | None
    currency: str | None
    donor: str | None


class FundingLine(TypedDict, total=False):
    """A financing line cleaned by ``_financing_lines`` (``amount`` only when given)."""

    source: Required[str]
    amount: Decimal | None
    currency: Required[str]
    donor: Required[str]


# A proposal's financing lines as compared and logged: source, amount, currency, donor.
FundingRows = list[list[str | None]]


def _refuse_bad_input(proposal: MeetingProposal, financing: Iterable[FundingLine]) -> None:
    """End before start, negative numbers or amounts, unknown currencies or languages:
    refused with a message on the field at fault (countries are rows of MemberState)."""
    facts = rules.Proposal(
        start=proposal.start, end=proposal.end,
        composition=rules.Composition(**{name: getattr(proposal, name)
                                         for name in rules.COMPOSITION_FIELDS}),
        financing=tuple(rules.Funding(source=rules.FundingSource(line["source"]),
                                      amount=line.get("amount"),
                                      currency=line.get("currency", ""))
                        for line in financing or ()),
        languages=tuple(proposal.languages or ()) + tuple(proposal.interpretation or ()))
    problems = input_problems(facts)
    if problems:
        first = problems[0]
        raise ServiceError(" ".join(p.message_in(current_language()) for p in problems),
                           code="invalid", field=first.field)


def _normalise(changes: LogData) -> LogData:
    changes = dict(changes)
    for key in ("languages", "interpretation"):
        if key in changes:
            changes[key] = [code.strip().lower() for code in changes[key] or () if code.strip()]
    for key in ("title_fr", "title_es", "purpose_fr", "purpose_es", "standards_relevance_fr",
                "standards_relevance_es"):
        if changes.get(key) == "":
            changes[key] = None
    if "city" in changes:
        # A well-known city typed in French or Spanish ("Genève", "Ginebra") is recorded under
        # its English name, as a session's city is: each reader sees it in their language.
        changes["city"] = places.english_name(str(changes["city"] or ""))
    return changes


def _financing_lines(financing: Iterable[FundingIn] | None) -> list[FundingLine]:
    lines = []
    for given in financing or ():
        line: FundingLine = {"source": given["source"],
                             "currency": (given.get("currency") or "").strip().upper(),
                             "donor": (given.get("donor") or "").strip()}
        if "amount" in given:
            amount = given["amount"]
            line["amount"] = Decimal(str(amount)) if amount is not None else None
        lines.append(line)
    return lines


def _replace_financing(proposal: MeetingProposal,
                       lines: list[FundingLine]) -> list[FundingRows]:
    old: FundingRows = [
        [line.source, str(line.amount) if line.amount is not None else None, line.currency,
         line.donor] for line in proposal.financing.all()]
    new: FundingRows = [
        [line["source"], str(line["amount"]) if line.get("amount") is not None else None,
         line["currency"], line["donor"]] for line in lines]
    if old == new:
        return []
    proposal.financing.all().delete()
    for position, line in enumerate(lines, start=1):
        funding = Funding(proposal=proposal, source=line["source"], amount=line.get("amount"),
                          currency=line["currency"], donor=line["donor"], position=position)
        funding.full_clean(exclude=["proposal"])
        funding.save()
    return [old, new]


def _set_coverage(proposal: MeetingProposal,
                  coverage: Iterable[MemberState]) -> list[list[str]]:
    states = list(coverage)
    if any(not isinstance(s, MemberState) for s in states):
        raise ServiceError(_("Unknown country in the geographical coverage."), field="coverage")
    old = sorted(proposal.coverage.values_list("iso2", flat=True))
    new = sorted(s.iso2 for s in states)
    if old == new:
        return []
    proposal.coverage.set(states)
    return [old, new]


def _move(proposal: MeetingProposal, *, actor: User, to_state: str, comment: str = "",
          data: LogData | None = None) -> None:
    """Record the change of state (the caller has checked it is allowed) and log it."""
    from_state = proposal.state
    now = timezone.now()
    proposal.state = to_state
    proposal.state_since = now
    proposal.save()
    StateChange.objects.create(proposal=proposal, from_state=from_state, to_state=to_state,
                               at=now, actor=actor, comment=comment)
    log_action(actor=actor, action=f"proposals.proposal.{to_state}", obj=proposal,
               data={"from": from_state, "to": to_state, **({"comment": comment}
                                                            if comment else {}),
                     **(data or {})})


def _check_move(proposal: MeetingProposal, actor: User, to_state: str) -> None:
    if not workflow.allowed(proposal.state, to_state):
        raise ServiceError(
            _("A proposal that is “%(state)s” cannot become “%(next)s”.") % {
                "state": proposal.get_state_display(),
                "next": ProposalState(to_state).label},
            code="transition_not_allowed", status=409)
    if not permissions.can_move(actor, proposal, to_state):
        raise PermissionDeniedError


def _locked(proposal: MeetingProposal,
            seen_updated_at: dt.datetime | None = None) -> MeetingProposal:
    locked = MeetingProposal.objects.select_for_update().get(pk=proposal.pk)
    check_not_stale(locked, seen_updated_at)
    return locked


# --- drafting ---------------------------------------------------------------------------------

@transaction.atomic
def proposal_create(*, actor: User, unit: str = "", financing: Iterable[FundingIn] = (),
                    coverage: Iterable[MemberState] = (), concept_note: File[bytes] | None = None,
                    **fields: object) -> MeetingProposal:
    """A new draft. A unit officer's proposal belongs to their unit; the secretariat names
    the unit. Any field may stay empty in a draft."""
    if not permissions.can_create_proposal(actor):
        raise PermissionDeniedError
    if not is_secretariat(actor):
        unit = actor.unit
    unit = (unit or "").strip()
    if not unit:
        raise ServiceError(_("Name the responsible unit."), field="unit")
    unknown = set(fields) - set(PROPOSAL_FIELDS)
    if unknown:
        raise ServiceError(f"Unknown fields: {', '.join(sorted(unknown))}",
                           code="unknown_field")
    proposal = MeetingProposal(unit=unit, created_by=actor, **_normalise(fields))
    lines = _financing_lines(financing)
    _refuse_bad_input(proposal, lines)
    proposal.full_clean()
    if concept_note is not None:
        check_concept_note(concept_note)
        proposal.concept_note = concept_note
    proposal.save()
    _replace_financing(proposal, lines)
    _set_coverage(proposal, coverage)
    StateChange.objects.create(proposal=proposal, from_state="", to_state=ProposalState.DRAFT,
                               at=proposal.state_since, actor=actor)
    log_action(actor=actor, action="proposals.proposal.created", obj=proposal,
               data={"unit": unit,
                     # modeltranslation's field: the stubs do not know it
                     "title": proposal.title_en or ""})  # type: ignore[attr-defined]
    return proposal


@transaction.atomic
def proposal_update(*, proposal: MeetingProposal, actor: User, changes: LogData,
                    financing: Iterable[FundingIn] | None = None,
                    coverage: Iterable[MemberState] | None = None,
                    concept_note: File[bytes] | None = None,
                    seen_updated_at: dt.datetime | None = None) -> MeetingProposal:
    """Change a proposal's fields, its financing lines and coverage (None: unchanged)."""
    proposal = _locked(proposal, seen_updated_at)
    if not permissions.can_edit_proposal(actor, proposal):
        raise PermissionDeniedError
    fields = PROPOSAL_FIELDS + (SECRETARIAT_FIELDS if is_secretariat(actor) else ())
    changes = _normalise(changes)
    unknown = set(changes) - set(fields)
    if unknown:
        raise ServiceError(f"Unknown fields: {', '.join(sorted(unknown))}",
                           code="unknown_field")
    lines: list[FundingLine] = _financing_lines(financing) if financing is not None else [
        {"source": f.source, "amount": f.amount, "currency": f.currency, "donor": f.donor}
        for f in proposal.financing.all()]
    diff = apply_changes(proposal, changes, fields=fields)
    _refuse_bad_input(proposal, lines)
    if financing is not None and (lines_diff := _replace_financing(proposal, lines)):
        diff["financing"] = lines_diff
    if coverage is not None and (coverage_diff := _set_coverage(proposal, coverage)):
        diff["coverage"] = coverage_diff
    if concept_note is not None:
        check_concept_note(concept_note)
        proposal.concept_note = concept_note
        diff["concept_note"] = concept_note.name
    if diff:  # one save (a new updated_at) and one entry in the log for the whole change
        proposal.full_clean()
        proposal.save()
        log_action(actor=actor, action="proposals.proposal.updated", obj=proposal, data=diff)
    return proposal


# --- the pipeline -----------------------------------------------------------------------------

@transaction.atomic
def proposal_submit(*, proposal: MeetingProposal, actor: User,
                    seen_updated_at: dt.datetime | None = None,
                    today: dt.date | None = None) -> MeetingProposal:
    """The unit sends its draft (or its corrected proposal) to the secretariat: refused while
    an error of the proposal's content remains (what is missing, parity, financing, language)."""
    proposal = _locked(proposal, seen_updated_at)
    _check_move(proposal, actor, ProposalState.SUBMITTED)
    proposal = selectors.proposals_with_facts().get(pk=proposal.pk)
    verdict = selectors.evaluate(proposal, sessions=[])
    blocking = [f for f in verdict.errors if f.rule in rules.CONTENT_RULES]
    if blocking:
        raise ServiceError(
            _("The proposal cannot be submitted yet: %(problems)s") % {
                "problems": " ".join(f.message_in(current_language()) for f in blocking)},
            code="incomplete")
    proposal.submitted_on = today or selectors.today()
    _move(proposal, actor=actor, to_state=ProposalState.SUBMITTED,
          data={"submitted_on": proposal.submitted_on.isoformat()})
    return proposal


@transaction.atomic
def proposal_transition(*, proposal: MeetingProposal, actor: User, to_state: str,
                        comment: str = "",
                        seen_updated_at: dt.datetime | None = None) -> MeetingProposal:
    """The secretariat's moves that need nothing but a comment: start the review, return for
    changes (a comment is required), open the consultation, hold, take up again."""
    proposal = _locked(proposal, seen_updated_at)
    if to_state in (ProposalState.SUBMITTED, ProposalState.WITH_OFFICERS,
                    ProposalState.APPROVED, ProposalState.NOT_APPROVED,
                    ProposalState.REPORT_RECEIVED):
        raise ServiceError(_("This step has its own form."), code="use_the_step")
    _check_move(proposal, actor, to_state)
    comment = comment.strip()
    if to_state == ProposalState.RETURNED and not comment:
        raise ServiceError(_("Say what the unit must change."), field="comment")
    _move(proposal, actor=actor, to_state=to_state, comment=comment)
    if to_state == ProposalState.IN_CONSULTATION:
        _ask_for_opinions(proposal)
    return proposal


def _ask_for_opinions(proposal: MeetingProposal) -> None:
    """Mail the group secretariats whose opinion the proposal still awaits (once committed)."""
    given = set(proposal.consultations.values_list("group", flat=True))
    waiting = [group for group in ("employers", "workers") if group not in given]
    notify(User.objects.filter(role=Role.GROUP_SECRETARIAT, group__in=waiting),
           tasks.mail_consultation_opened, proposal.pk)


@transaction.atomic
def consultation_record(*, proposal: MeetingProposal, actor: User, group: str, opinion: str,
                        comments: str = "", consulted_on: dt.date | None = None
                        ) -> Consultation:
    """A group secretariat gives its group's opinion (or the secretariat records it): the
    consultation date of that group is what the rule MTG-2-CONSULTED reads."""
    proposal = _locked(proposal)
    if group not in ("employers", "workers"):
        raise ServiceError(_("Unknown group."), field="group")
    if not permissions.can_give_opinion(actor, proposal, group):
        if proposal.state != ProposalState.IN_CONSULTATION and (
                permissions.speaks_for_group(actor, group)):
            raise ServiceError(_("The proposal is not in consultation."),
                               code="not_in_consultation", status=409)
        raise PermissionDeniedError
    consulted_on = consulted_on or selectors.today()
    if consulted_on > selectors.today():
        raise ServiceError(_("A consultation cannot be dated in the future."),
                           field="consulted_on")
    consultation, created = Consultation.objects.update_or_create(
        proposal=proposal, group=group,
        defaults={"opinion": opinion, "comments": comments.strip(),
                  "consulted_on": consulted_on, "recorded_by": actor})
    consultation.full_clean()
    proposal.save(update_fields=["updated_at"])
    log_action(actor=actor, action="proposals.consultation.recorded", obj=proposal,
               data={"group": group, "opinion": opinion, "consulted_on": consulted_on,
                     "comments": consultation.comments, "replaced": not created})
    return consultation


@transaction.atomic
def batch_send_to_officers(*, actor: User, proposals: Iterable[MeetingProposal], reference: str,
                           sent_on: dt.date | None = None) -> OfficersBatch:
    """Send proposals to the Officers together: all or none. Each must be allowed to move to
    "with the Officers" and have no error left in the rules' verdict."""
    if not permissions.can_run_pipeline(actor):
        raise PermissionDeniedError
    reference = reference.strip()
    if not reference:
        raise ServiceError(_("Give the batch a reference."), field="reference")
    ids = [p.pk for p in proposals]
    if not ids:
        raise ServiceError(_("Choose at least one proposal."), field="proposals")
    locked = list(MeetingProposal.objects.select_for_update().filter(pk__in=ids))
    facts = {p.pk: p for p in selectors.proposals_with_facts().filter(pk__in=ids)}
    settings = selectors.rule_settings()
    sent_on = sent_on or selectors.today()
    problems: list[str] = []
    for proposal in locked:
        if not workflow.allowed(proposal.state, ProposalState.WITH_OFFICERS):
            problems.append(_("“%(title)s” is “%(state)s”: it cannot go to the Officers.") % {
                "title": proposal, "state": proposal.get_state_display()})
            continue
        verdict = selectors.evaluate(facts[proposal.pk], settings=settings, as_of=sent_on)
        if verdict.errors:
            problems.append(_("“%(title)s”: %(errors)s") % {
                "title": proposal, "errors": " ".join(f.message_in(current_language())
                                                      for f in verdict.errors)})
    if problems:
        raise ServiceError(" ".join(problems), code="not_ready", field="proposals")
    batch = OfficersBatch.objects.create(reference=reference, sent_on=sent_on, sent_by=actor)
    log_action(actor=actor, action="proposals.batch.sent", obj=batch,
               data={"reference": reference, "sent_on": sent_on, "proposals": ids})
    for proposal in locked:
        proposal.batch = batch
        _move(proposal, actor=actor, to_state=ProposalState.WITH_OFFICERS,
              data={"batch": batch.pk, "reference": reference})
    return batch


DECISION_STATE: dict[str, ProposalState] = {Decision.APPROVED: ProposalState.APPROVED,
                  Decision.NOT_APPROVED: ProposalState.NOT_APPROVED,
                  Decision.DEFERRED: ProposalState.HELD}


@transaction.atomic
def decision_record(*, proposal: MeetingProposal, actor: User, decision: str,
                    decided_on: dt.date, reference: str = "",
                    seen_updated_at: dt.datetime | None = None) -> MeetingProposal:
    """The Officers' decision with its date. Approved: the meeting enters the calendar (a
    meeting and its session, in the venue's time zone). Deferred: the proposal is put on hold."""
    proposal = _locked(proposal, seen_updated_at)
    if decision not in DECISION_STATE:
        raise ServiceError(_("Unknown decision."), field="decision")
    to_state = DECISION_STATE[decision]
    if proposal.state != ProposalState.WITH_OFFICERS:
        raise ServiceError(
            _("Only a proposal with the Officers can be decided; this one is “%(state)s”.")
            % {"state": proposal.get_state_display()},
            code="transition_not_allowed", status=409)
    _check_move(proposal, actor, to_state)
    if decided_on > selectors.today():
        raise ServiceError(_("A decision cannot be dated in the future."), field="decided_on")
    if proposal.batch and decided_on < proposal.batch.sent_on:
        raise ServiceError(_("The Officers cannot decide before the proposal was sent to them "
                             "(%(date)s).") % {"date": l10n.long_date(proposal.batch.sent_on)},
                           field="decided_on")
    proposal.decision = decision
    proposal.decided_on = decided_on
    proposal.decision_reference = reference.strip()
    data: LogData = {"decision": decision, "decided_on": decided_on.isoformat(),
            "reference": proposal.decision_reference}
    if decision == Decision.APPROVED:
        proposal.session = _enter_in_calendar(proposal, actor)
        data["session"] = proposal.session.pk
    _move(proposal, actor=actor, to_state=to_state, data=data)
    return proposal


def _enter_in_calendar(proposal: MeetingProposal, actor: User) -> Session:
    """A meeting (type: symposium, seminar or workshop) with one session from 09:00 on the
    first day to 18:00 on the last, local time of the venue, stored in UTC."""
    import zoneinfo

    if proposal.start is None or proposal.end is None:
        raise ServiceError(_("The proposal has no dates: it cannot enter the calendar."))
    zone: dt.tzinfo
    try:
        zone = zoneinfo.ZoneInfo(proposal.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = dt.UTC
    titles = {f"title_{code}": getattr(proposal, f"title_{code}") or "" for code in
              ("en", "fr", "es")}
    meeting = meeting_create(actor=actor, type=MeetingType.SYMPOSIUM, **titles)
    languages = [code for code in proposal.languages if code in ("en", "fr", "es")]
    return session_create(
        actor=actor, meeting=meeting, **titles,
        opens_at=dt.datetime.combine(proposal.start, dt.time(9), tzinfo=zone),
        closes_at=dt.datetime.combine(proposal.end, dt.time(18), tzinfo=zone),
        time_zone=proposal.time_zone if zone is not dt.UTC else "UTC",
        city=proposal.city if not proposal.online else "Online",  # English: fr/es follow
        country=proposal.country, working_languages=languages or ["en"])


@transaction.atomic
def report_record(*, proposal: MeetingProposal, actor: User, received_on: dt.date,
                  seen_updated_at: dt.datetime | None = None) -> MeetingProposal:
    """The unit's report on an approved meeting has reached the secretariat."""
    proposal = _locked(proposal, seen_updated_at)
    _check_move(proposal, actor, ProposalState.REPORT_RECEIVED)
    if received_on > selectors.today():
        raise ServiceError(_("A report cannot be received in the future."), field="received_on")
    proposal.report_received_on = received_on
    _move(proposal, actor=actor, to_state=ProposalState.REPORT_RECEIVED,
          data={"received_on": received_on.isoformat()})
    return proposal


# --- the rules' settings ----------------------------------------------------------------------

SETTING_FIELDS = ("enabled", "severity", "parameter")


def check_parameter(rule: str, parameter: int | None) -> None:
    bounds = rules.PARAMETER_RANGES.get(rule)
    if parameter is None:
        return
    if bounds is None:
        raise ServiceError(_("This rule takes no parameter."), field="parameter")
    if not bounds[0] <= parameter <= bounds[1]:
        raise ServiceError(_("The parameter must be between %(low)s and %(high)s.") % {
            "low": bounds[0], "high": bounds[1]}, field="parameter")


@transaction.atomic
def rule_setting_update(*, setting: ProposalRuleSetting, actor: User, changes: LogData,
                        seen_updated_at: dt.datetime | None = None) -> ProposalRuleSetting:
    """Switch a rule on or off, change its severity or its parameter (logged)."""
    if not permissions.can_run_pipeline(actor):
        raise PermissionDeniedError
    check_parameter(setting.rule, changes.get("parameter", setting.parameter))
    return update_logged(setting, changes=changes, fields=SETTING_FIELDS, actor=actor,
                         action="proposals.rule_setting.updated",
                         seen_updated_at=seen_updated_at)


# --- the information document, made by the worker (tripartite.proposals.tasks) ----------------

INFORMATION_DOCUMENT_TASK = "tripartite.proposals.tasks.make_information_document"


def information_document_queue(*, actor: User, session: Session, language: str,
                               file_format: str, symbol: str = "",
                               agenda_item: AgendaItem | None = None, original: str = "en",
                               back_url: str = "") -> Job:
    """Queue the information document for a session of the Governing Body, in ``language``,
    as Word or PDF, as a job of ``actor``'s; under ``agenda_item`` of that session if given,
    originally written in ``original``."""
    if not permissions.can_view_information_document(actor):
        raise PermissionDeniedError
    if language not in information_document.LANGUAGES or file_format not in ("docx", "pdf"):
        raise ServiceError(_("Choose English, French or Spanish, as Word or PDF."),
                           code="invalid_choice")
    if original not in information_document.LANGUAGES:
        raise ServiceError(_("Choose English, French or Spanish, as Word or PDF."),
                           code="invalid_choice", field="original")
    if agenda_item is not None and agenda_item.session_id != session.pk:
        raise ServiceError(_("Choose an item on the agenda of this session."),
                           field="agenda_item")
    if symbol and not information_document.SYMBOL.match(symbol):
        raise ServiceError(_("“%(symbol)s” is not a Governing Body symbol such as "
                             "GB.356/INS/INF/1.") % {"symbol": symbol}, field="symbol")
    return job_queue(
        owner=actor, kind="proposals.information_document",
        task=INFORMATION_DOCUMENT_TASK,
        title=_("Information document for %(session)s (%(language)s, %(format)s)") % {
            "session": session.title, "language": language.upper(),
            "format": "PDF" if file_format == "pdf" else "Word"},
        params={"session": session.pk, "language": language, "format": file_format,
                "symbol": symbol, "original": original,
                "agenda_item": agenda_item.pk if agenda_item is not None else None},
        back_url=back_url)
