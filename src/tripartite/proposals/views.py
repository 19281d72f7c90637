"""Pages of meeting proposals: the pipeline, a proposal with its findings and the steps the
user may take, the drafting form, and the POST-only steps (submit, move, opinion, batch,
decision, report). Permissions are the predicates of permissions.py; every write is a
service call; a refusal comes back as a message and changes nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from tripartite.common import office
from tripartite.common.forms import add_service_error, seen_version_initial
from tripartite.common.services import ServiceError
from tripartite.common.text import current_language
from tripartite.common.views import require
from tripartite.proposals import (
    information_document,
    permissions,
    selectors,
    services,
    workflow,
)
from tripartite.proposals.forms import (
    BatchForm,
    DecisionForm,
    FundingFormSet,
    OpinionForm,
    ProposalForm,
    ReportForm,
    TransitionForm,
    funding_initial,
    funding_lines,
)
from tripartite.proposals.models import (
    ConsultedGroup,
    MeetingProposal,
    ProposalState,
)
from tripartite.rules import proposals as rules

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# The secretariat's simple moves, with the button that makes each one.
MOVE_LABELS = {
    ProposalState.UNDER_REVIEW: gettext_lazy("Start the review"),
    ProposalState.RETURNED: gettext_lazy("Return for changes"),
    ProposalState.IN_CONSULTATION: gettext_lazy("Consult the group secretariats"),
    ProposalState.HELD: gettext_lazy("Put on hold"),
}


def _findings(verdict) -> list[dict]:
    language = current_language()
    return [{"rule": f.rule, "provision": f.provision, "severity": str(f.severity),
             "message": f.message_in(language)}
            for f in sorted(verdict.findings, key=lambda f: SEVERITY_ORDER[f.severity])]


def _proposal(pk: int) -> MeetingProposal:
    try:
        return selectors.proposal_for_detail(pk)
    except MeetingProposal.DoesNotExist:
        raise Http404 from None


# --- the pipeline ----------------------------------------------------------------------------

@login_required
def pipeline(request):
    user = request.user
    require(permissions.can_view_proposals(user))
    visible = permissions.visible_proposals(user, MeetingProposal.objects.all())
    state = request.GET.get("state", "")
    state = state if state in ProposalState.values else ""
    unit = request.GET.get("unit", "").strip()
    rows = selectors.pipeline(visible, state=state, unit=unit)
    counts = dict(visible.values_list("state").annotate(n=Count("id")).order_by())
    units = sorted(visible.values_list("unit", flat=True).distinct().order_by())
    can_run = permissions.can_run_pipeline(user)
    ready = [row.proposal for row in rows if row.proposal.state == ProposalState.IN_CONSULTATION
             and row.verdict.ready_for_officers] if can_run else []
    return render(request, "proposals/pipeline.html", {
        "rows": rows, "state": state, "unit": unit, "units": units,
        "states": [(value, label, counts.get(value, 0)) for value, label in
                   ProposalState.choices],
        "total": sum(counts.values()),
        "can_create": permissions.can_create_proposal(user), "can_run": can_run,
        "can_read_documents": permissions.can_view_information_document(user),
        "ready": ready, "batch_form": BatchForm(ready=ready) if ready else None,
    })


# --- one proposal ----------------------------------------------------------------------------

@login_required
def proposal_detail(request, pk):
    proposal = _proposal(pk)
    user = request.user
    require(permissions.can_view_proposal(user, proposal))
    verdict = selectors.evaluate(proposal)
    seen = seen_version_initial(proposal)
    moves = [(state, MOVE_LABELS[state],
              TransitionForm(initial={"to_state": state, "seen_updated_at": seen},
                             with_comment=state == ProposalState.RETURNED))
             for state in workflow.TRANSITIONS[proposal.state]
             if state in MOVE_LABELS and permissions.can_move(user, proposal, state)]
    groups = [value for value in ConsultedGroup.values
              if permissions.can_give_opinion(user, proposal, value)]
    consultations = {c.group: c for c in proposal.consultations.all()}
    return render(request, "proposals/detail.html", {
        "proposal": proposal, "findings": _findings(verdict), "verdict": verdict,
        "missing": rules.missing_fields(selectors.proposal_facts(proposal)),
        "financing": list(proposal.financing.all()),
        "coverage": list(proposal.coverage.all()),
        "consultations": [(label, consultations.get(value)) for value, label
                          in ConsultedGroup.choices],
        "times": selectors.time_in_states(proposal),
        "changes": list(proposal.state_changes.all()),
        "can_edit": permissions.can_edit_proposal(user, proposal),
        "can_submit": permissions.can_move(user, proposal, ProposalState.SUBMITTED),
        "moves": moves, "seen": seen,
        "opinion_form": OpinionForm(initial={"group": groups[0]}, groups=groups)
        if groups else None,
        "decision_form": DecisionForm(initial={"seen_updated_at": seen})
        if proposal.state == ProposalState.WITH_OFFICERS
        and permissions.can_run_pipeline(user) else None,
        "report_form": ReportForm(initial={"seen_updated_at": seen})
        if permissions.can_move(user, proposal, ProposalState.REPORT_RECEIVED) else None,
        "state_labels": dict(ProposalState.choices),
    })


def _save_proposal(request, form, formset, proposal=None):
    """Create or update through the services; True when saved (refusals land on the form)."""
    if request.method != "POST" or not (form.is_valid() & formset.is_valid()):
        return None
    values = form.service_values()
    try:
        if proposal is None:
            return services.proposal_create(
                actor=request.user, unit=form.cleaned_data.get("unit", ""),
                financing=funding_lines(formset), coverage=form.cleaned_data["coverage"],
                concept_note=form.cleaned_data.get("concept_note"), **values)
        if "unit" in form.cleaned_data:
            values["unit"] = form.cleaned_data["unit"] or proposal.unit
        return services.proposal_update(
            proposal=proposal, actor=request.user, changes=values,
            financing=funding_lines(formset), coverage=form.cleaned_data["coverage"],
            concept_note=form.cleaned_data.get("concept_note"),
            seen_updated_at=form.cleaned_data.get("seen_updated_at"))
    except ServiceError as error:
        add_service_error(form, error)
        return None


def _form_page(request, form, formset, proposal=None):
    missing, findings = (), []
    if proposal is not None:
        facts = selectors.proposal_facts(proposal)
        missing = {ProposalForm.MISSING_FIELD_NAMES.get(name, name)
                   for name in rules.missing_fields(facts)}
        findings = [f for f in _findings(selectors.evaluate(proposal))
                    if f["rule"] in rules.CONTENT_RULES]
    return render(request, "proposals/form.html", {
        "form": form, "formset": formset, "proposal": proposal, "missing": missing,
        "content_findings": findings,
        "can_submit": proposal is not None
        and permissions.can_move(request.user, proposal, ProposalState.SUBMITTED),
        "heading": _("New meeting proposal") if proposal is None else _("Edit the proposal"),
    })


@login_required
def proposal_create(request):
    require(permissions.can_create_proposal(request.user))
    can_change_unit = permissions.can_run_pipeline(request.user)
    form = ProposalForm(request.POST or None, request.FILES or None,
                        can_change_unit=can_change_unit)
    formset = FundingFormSet(request.POST or None, prefix="financing")
    proposal = _save_proposal(request, form, formset)
    if proposal is not None:
        messages.success(request, _("The draft was saved. Submit it when it is complete."))
        return redirect("proposals:edit", pk=proposal.pk)
    return _form_page(request, form, formset)


@login_required
def proposal_edit(request, pk):
    proposal = _proposal(pk)
    require(permissions.can_edit_proposal(request.user, proposal))
    can_change_unit = permissions.can_run_pipeline(request.user)
    form = ProposalForm(request.POST or None, request.FILES or None,
                        initial=ProposalForm.initial_for(proposal),
                        can_change_unit=can_change_unit)
    formset = FundingFormSet(request.POST or None, prefix="financing",
                             initial=funding_initial(proposal))
    saved = _save_proposal(request, form, formset, proposal)
    if saved is not None:
        messages.success(request, _("The proposal was saved."))
        return redirect("proposals:edit", pk=pk)
    return _form_page(request, form, formset, proposal)


@login_required
def concept_note(request, pk):
    proposal = get_object_or_404(MeetingProposal, pk=pk)
    require(permissions.can_view_proposal(request.user, proposal))
    if not proposal.concept_note:
        messages.info(request, _("No concept note was attached."))
        return redirect("proposals:detail", pk=pk)
    return FileResponse(proposal.concept_note.open("rb"), as_attachment=True,
                        filename=proposal.concept_note.name.rsplit("/", 1)[-1])


# --- the steps (POST only) -------------------------------------------------------------------

def _detail(pk):
    return redirect("proposals:detail", pk=pk)


def _refused(request, error: ServiceError):
    messages.error(request, error.message)


@login_required
@require_POST
def proposal_submit(request, pk):
    proposal = get_object_or_404(MeetingProposal, pk=pk)
    require(permissions.can_view_proposal(request.user, proposal))
    try:
        services.proposal_submit(proposal=proposal, actor=request.user,
                                 seen_updated_at=_seen(request))
    except ServiceError as error:
        _refused(request, error)
        if error.code == "incomplete" and permissions.can_edit_proposal(request.user, proposal):
            return redirect("proposals:edit", pk=pk)
        return _detail(pk)
    messages.success(request, _("The proposal was submitted to the secretariat."))
    return _detail(pk)


def _seen(request):
    """The ``updated_at`` the page was shown (a malformed hidden value counts as not sent)."""
    field = TransitionForm.base_fields["seen_updated_at"]
    try:
        return field.clean(request.POST.get("seen_updated_at", ""))
    except ValidationError:
        return None


MOVE_MESSAGES = {
    ProposalState.UNDER_REVIEW: gettext_lazy("The review has started."),
    ProposalState.RETURNED: gettext_lazy("The proposal was returned to the unit with your "
                                         "comments."),
    ProposalState.IN_CONSULTATION: gettext_lazy("The group secretariats can now give their "
                                                "opinion."),
    ProposalState.HELD: gettext_lazy("The proposal is on hold."),
}


@login_required
@require_POST
def proposal_move(request, pk):
    proposal = get_object_or_404(MeetingProposal, pk=pk)
    require(permissions.can_view_proposal(request.user, proposal))
    form = TransitionForm(request.POST)
    if not form.is_valid() or form.cleaned_data["to_state"] not in MOVE_MESSAGES:
        messages.error(request, _("Unknown step."))
        return _detail(pk)
    to_state = form.cleaned_data["to_state"]
    try:
        services.proposal_transition(proposal=proposal, actor=request.user, to_state=to_state,
                                     comment=form.cleaned_data["comment"],
                                     seen_updated_at=form.cleaned_data["seen_updated_at"])
    except ServiceError as error:
        _refused(request, error)
        return _detail(pk)
    messages.success(request, MOVE_MESSAGES[to_state])
    return _detail(pk)


def _record_on_proposal(request, pk, form_class, service, done_message):
    """A POST that records one step on a proposal (an opinion, the decision, the report)
    through ``service``; the service decides who may, and refuses with a message."""
    proposal = get_object_or_404(MeetingProposal, pk=pk)
    require(permissions.can_view_proposal(request.user, proposal))
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return _detail(pk)
    try:
        service(proposal=proposal, actor=request.user, **form.cleaned_data)
    except ServiceError as error:
        _refused(request, error)
        return _detail(pk)
    messages.success(request, done_message)
    return _detail(pk)


@login_required
@require_POST
def proposal_opinion(request, pk):
    return _record_on_proposal(request, pk, OpinionForm, services.consultation_record,
                               _("The opinion was recorded."))


@login_required
@require_POST
def proposal_decision(request, pk):
    return _record_on_proposal(request, pk, DecisionForm, services.decision_record,
                               _("The Officers' decision was recorded."))


@login_required
@require_POST
def proposal_report(request, pk):
    return _record_on_proposal(request, pk, ReportForm, services.report_record,
                               _("The report was recorded as received."))


@login_required
@require_POST
def batch_send(request):
    require(permissions.can_run_pipeline(request.user))
    ids = [int(value) for value in request.POST.getlist("proposals") if value.isdigit()]
    proposals = list(MeetingProposal.objects.filter(pk__in=ids))
    try:
        batch = services.batch_send_to_officers(actor=request.user, proposals=proposals,
                                                reference=request.POST.get("reference", ""))
    except ServiceError as error:
        _refused(request, error)
        return redirect("proposals:pipeline")
    messages.success(request, ngettext(
        "%(count)s proposal was sent to the Officers as %(ref)s.",
        "%(count)s proposals were sent to the Officers as %(ref)s.", len(proposals))
        % {"count": len(proposals), "ref": batch.reference})
    return redirect(reverse("proposals:pipeline") + "?state=with_officers")


# --- the information document ----------------------------------------------------------------

@login_required
def information_documents(request):
    require(permissions.can_view_information_document(request.user))
    sessions = list(information_document.gb_sessions().prefetch_related("agenda_items"))
    return render(request, "proposals/information_documents.html", {
        "sessions": [(session, information_document.default_symbol(session))
                     for session in sessions],
        "languages": information_document.LANGUAGES,
        "pdf_available": office.conversion_available(),
    })


@login_required
def information_document_file(request, session_pk):
    """The document in one language and format is made by the worker (a job): GET offers to
    make it, POST queues it and leads to the job's progress, where the file waits."""
    require(permissions.can_view_information_document(request.user))
    session = get_object_or_404(information_document.gb_sessions(), pk=session_pk)
    data = request.POST if request.method == "POST" else request.GET
    language = data.get("language", current_language())
    file_format = data.get("format", "docx")
    if "file" in data:  # the page's buttons: "fr.docx", "es.pdf"
        language, _dot, file_format = data["file"].partition(".")
    symbol = data.get("symbol", "").strip()
    original = data.get("original", "en")
    item_pk = data.get("agenda_item", "")
    agenda_item = (session.agenda_items.filter(pk=item_pk).first() if item_pk.isdigit()
                   else None)
    if request.method in ("GET", "HEAD"):
        return render(request, "jobs/start.html", {
            "title": _("Information document for %(session)s") % {"session": session.title},
            "explanation": _("The document (%(format)s, %(language)s) is made in the "
                             "background: you will see its progress, and find it under "
                             "“My downloads” when it is ready.") % {
                "format": "PDF" if file_format == "pdf" else "Word",
                "language": language.upper()},
            "button": _("Make the document"),
            "hidden": {"language": language, "format": file_format, "symbol": symbol,
                       "original": original,
                       "agenda_item": agenda_item.pk if agenda_item else ""}})
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    try:
        job = services.information_document_queue(
            actor=request.user, session=session, language=language, file_format=file_format,
            symbol=symbol, original=original, agenda_item=agenda_item,
            back_url=reverse("proposals:information_documents"))
    except ServiceError as error:
        if error.status == 403:
            raise PermissionDenied from error
        messages.error(request, error.message)
        return redirect("proposals:information_documents")
    return redirect("jobs:job_detail", pk=job.pk)


# --- the dashboard ---------------------------------------------------------------------------

@login_required
def dashboard(request):
    require(permissions.can_view_dashboard(request.user))
    figures = selectors.dashboard()
    labels = dict(ProposalState.choices)
    language = current_language()
    share = figures.returned_share
    return render(request, "proposals/dashboard.html", {
        "figures": figures, "state_labels": [labels[state] for state in figures.states],
        "returned_percent": None if share is None else round(float(share) * 100),
        "findings": [(rule, rules.RULE_TITLES[rule][language], count)
                     for rule, count in figures.frequent_findings],
    })
