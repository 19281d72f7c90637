"""The Office's review of delegations, arrears, and the Credentials Committee's pages.

Reading needs ``can_view_delegations`` (review pages) or ``can_view_objections`` (the
Committee's); writing needs ``can_review_credentials`` or ``can_decide_objections``. Every
write goes through a service; a POST from someone who may not write is refused before
anything is read from it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tripartite.common.confirm import Confirmation, confirmation_page, is_confirmed
from tripartite.common.forms import add_service_error, save_with_service, seen_version_initial
from tripartite.common.models import Group
from tripartite.common.services import EditConflictError, ServiceError, check_not_stale
from tripartite.common.text import current_language, sort_key
from tripartite.common.views import require
from tripartite.constituents.models import MemberState
from tripartite.delegations import (
    evaluation,
    permissions,
    review_selectors,
    selectors,
)
from tripartite.delegations.evaluation import objection_time_limits, objection_verdict
from tripartite.delegations.models import (
    ArrearsStatus,
    ConferenceResult,
    CredentialLetter,
    Delegation,
    DelegationStatus,
    Objection,
    ObjectionKind,
    ObjectionOutcome,
    ObjectionStatus,
)
from tripartite.delegations.review_forms import (
    ArrearsForm,
    ConferenceDecisionForm,
    CredentialsSettingsForm,
    ObjectionForm,
    OutcomeForm,
    OverviewFilterForm,
    QueryForm,
    ReceivabilityForm,
    ReviewActionForm,
)
from tripartite.delegations.services.credentials import (
    arrears_set,
    delegation_accept,
    delegation_query_send,
    delegation_start_review,
)
from tripartite.delegations.services.objections import (
    RESULTS,
    objection_conference_decide,
    objection_decide_outcome,
    objection_decide_receivability,
    objection_lodge,
)
from tripartite.delegations.services.settings import credentials_settings_update
from tripartite.meetings.models import MeetingType, Session
from tripartite.rules import delegations as rules
from tripartite.rules import objections as objection_rules

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
GROUPS = ("government", "employers", "workers")


def _session(session_pk):
    return get_object_or_404(Session.objects.select_related("meeting"), pk=session_pk)


def _nav(user) -> dict:
    """Which tabs of the session's credentials pages the user may open."""
    return {"delegations": permissions.can_view_delegations(user),
            "objections": permissions.can_view_objections(user)}


def _findings(verdict) -> list[dict]:
    language = current_language()
    return [{"rule": f.rule, "provision": f.provision, "severity": str(f.severity),
             "message": f.message_in(language)}
            for f in sorted(verdict.findings, key=lambda f: SEVERITY_ORDER[f.severity])]


# --- the sessions ---------------------------------------------------------------------------

CREDENTIALS_MEETING_TYPES = (MeetingType.ILC, MeetingType.REGIONAL)
CREDENTIALS_SESSIONS_SHOWN = 12


@login_required
def credentials_index(request):
    """The sessions whose credentials are examined, newest first, each with the pages of the
    Office's review and of the Credentials Committee the user may open, and the published
    lists of delegations (public to every login)."""
    nav = _nav(request.user)
    sessions = (Session.objects.filter(meeting__type__in=CREDENTIALS_MEETING_TYPES)
                .select_related("meeting").order_by("-opens_at")[:CREDENTIALS_SESSIONS_SHOWN])
    return render(request, "delegations/credentials_index.html",
                  {"sessions": sessions, "nav": nav})


# --- the overview ---------------------------------------------------------------------------

@login_required
def review_overview(request, session_pk):
    require(permissions.can_view_delegations(request.user))
    session = _session(session_pk)
    filters = OverviewFilterForm(request.GET or None)
    review = review_selectors.session_review(session)
    rows = review_selectors.overview_rows(review, **filters.values())
    received = sum(1 for e in review.delegations if e.submitted)
    return render(request, "delegations/review_overview.html", {
        "session": session, "nav": _nav(request.user), "review": review, "rows": rows,
        "filters": filters,
        "received": received, "late": sum(1 for e in review.delegations if e.late),
    })


# --- one delegation -------------------------------------------------------------------------

def _review_context(request, delegation, *, query_form=None, error=None):
    settings = selectors.credentials_settings(delegation.session)
    arrears = ArrearsStatus.objects.filter(member_state=delegation.member_state_id,
                                           session=delegation.session_id).first()
    verdict = evaluation.evaluate(delegation, arrears=arrears, settings=settings)
    scope = settings.arrears_scope if settings else "government"
    deadline = evaluation.credentials_deadline(delegation.session, settings)
    by_group = {key: [] for key in GROUPS}
    for nomination in delegation.all_nominations:
        by_group[nomination.group].append(nomination)
    group_labels = dict(Group.choices)
    can_review = permissions.can_review_credentials(request.user)
    seen = seen_version_initial(delegation)
    submitted = delegation.submitted
    open_to_review = submitted and delegation.status != DelegationStatus.ACCEPTED
    return {
        "delegation": delegation, "session": delegation.session,
        "groups": [(key, group_labels[key], by_group[key]) for key in GROUPS],
        "findings": _findings(verdict), "verdict": verdict,
        "error_count": sum(1 for f in verdict.findings if f.severity == "error"),
        "rights": review_selectors.delegate_votes(delegation.all_nominations, verdict,
                                                  current_language()),
        "arrears": arrears, "arrears_scope": scope, "deadline": deadline,
        "late": rules.credentials_late(delegation.received_on, deadline),
        "letters": list(delegation.letters.all()), "queries": list(delegation.queries.all()),
        "can_review": can_review, "error": error, "seen": seen,
        "can_start_review": can_review and delegation.status == DelegationStatus.RECEIVED,
        "can_accept": can_review and open_to_review,
        "query_form": (query_form or QueryForm(initial={"seen_updated_at": seen}))
        if can_review and open_to_review else None,
    }


REVIEW_MESSAGES = {
    "start_review": gettext_lazy("The review has started."),
    "query": gettext_lazy("The query was sent to the focal point."),
    "accept": gettext_lazy("The credentials were accepted."),
}


def _review_action(request, pk):
    """Run the posted action: (done, the query form to show again, an error message)."""
    action = request.POST.get("action", "")
    is_query = action == "query"
    form = QueryForm(request.POST) if is_query else ReviewActionForm(request.POST)
    if not form.is_valid():
        return (False, form, None) if is_query else (False, None, _("Unknown action."))
    seen = form.cleaned_data.get("seen_updated_at")
    try:
        with transaction.atomic():
            delegation = Delegation.objects.select_for_update().get(pk=pk)
            # A page older than the delegation is refused first, whatever the action: the
            # second officer learns that someone else acted, not that the status is wrong.
            check_not_stale(delegation, seen)
            if action == "start_review":
                delegation_start_review(actor=request.user, delegation=delegation,
                                        seen_updated_at=seen)
            elif action == "accept":
                delegation_accept(actor=request.user, delegation=delegation,
                                  seen_updated_at=seen)
            else:
                delegation_query_send(actor=request.user, delegation=delegation,
                                      question=form.cleaned_data["question"],
                                      seen_updated_at=seen)
    except EditConflictError as error:
        # Keep what the officer typed, on a form that will carry the current version.
        kept = QueryForm(initial={"question": request.POST.get("question", "")})
        return False, (kept if is_query else None), error.message
    except ServiceError as error:
        if is_query:
            add_service_error(form, error)
            return False, form, None
        return False, None, error.message
    messages.success(request, REVIEW_MESSAGES[action])
    return True, None, None


@login_required
def review_delegation(request, pk):
    require(permissions.can_view_delegations(request.user))
    if not Delegation.objects.filter(pk=pk).exists():
        raise Http404
    query_form, error = None, None
    if request.method == "POST":
        require(permissions.can_review_credentials(request.user))
        if request.POST.get("action") == "accept" and not is_confirmed(request):
            return confirmation_page(request, _accept_confirmation(request, pk))
        done, query_form, error = _review_action(request, pk)
        if done:
            return redirect("delegations:review_delegation", pk=pk)
    delegation = review_selectors.delegation_for_review(pk)
    if query_form is not None and not query_form.is_bound:
        query_form.initial["seen_updated_at"] = seen_version_initial(delegation)
    return render(request, "delegations/review_delegation.html",
                  _review_context(request, delegation, query_form=query_form, error=error))


def _accept_confirmation(request, pk) -> Confirmation:
    """What accepting records: the delegation as the Office read it, and its open problems."""
    delegation = review_selectors.delegation_for_review(pk)
    context = _review_context(request, delegation)
    return Confirmation(
        warning=delegation.session.closed_warning(),
        title=_("Accept the credentials of %(state)s?") % {"state": delegation.member_state},
        facts=[(_("Session"), delegation.session.title),
               (_("Status"), delegation.get_status_display()),
               (_("Persons nominated"), str(len(delegation.all_nominations))),
               (_("Problems found by the rules"), str(context["error_count"])),
               (_("Open queries"), str(sum(1 for q in context["queries"]
                                           if q.answered_at is None)))],
        on_behalf_of=_("the Office (%(name)s)") % {"name": request.user},
        consequence=_("Accepted credentials are final for the Office: the delegation "
                      "appears as accepted on the next list of delegations, and only an "
                      "objection before the Credentials Committee can question it."),
        button=_("Accept the credentials"),
        cancel_url=reverse("delegations:review_delegation", kwargs={"pk": pk}))


@login_required
def review_letter(request, pk):
    """A credentials letter of the delegation (the latest, or ``?letter=<id>``)."""
    require(permissions.can_view_delegations(request.user))
    delegation = get_object_or_404(Delegation, pk=pk)
    letters = CredentialLetter.objects.filter(delegation=delegation)
    wanted = request.GET.get("letter", "")
    letter = (letters.filter(pk=int(wanted)).first() if wanted.isdigit() else letters.first())
    if letter is None:
        messages.info(request, _("No credentials letter was uploaded."))
        return redirect("delegations:review_delegation", pk=pk)
    try:
        handle = letter.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return FileResponse(handle, content_type="application/pdf",
                        filename=letter.original_name or "credentials.pdf")


# --- arrears and the session's credentials settings -----------------------------------------

@login_required
def review_arrears(request, session_pk):
    require(permissions.can_view_delegations(request.user))
    can_edit = permissions.can_review_credentials(request.user)
    if request.method == "POST":
        require(permissions.can_review_credentials(request.user))
    session = _session(session_pk)
    settings = selectors.credentials_settings(session)
    posted = request.POST.get("form") if request.method == "POST" else None

    arrears_initial = {}
    picked = request.GET.get("state", "").upper()
    if picked:
        status = ArrearsStatus.objects.filter(session=session, member_state__iso2=picked) \
            .select_related("member_state").first()
        arrears_initial = ({"member_state": status.member_state, "in_arrears": status.in_arrears,
                            "vote_restored_on": status.vote_restored_on,
                            "decision_reference": status.decision_reference}
                           if status else {"in_arrears": True})
        if status is None:
            arrears_initial["member_state"] = MemberState.objects.filter(iso2=picked).first()
    arrears_form = ArrearsForm(request.POST if posted == "arrears" else None,
                               initial=arrears_initial or {"in_arrears": True})
    settings_form = CredentialsSettingsForm(
        request.POST if posted == "settings" else None, instance=settings,
        initial={"seen_updated_at": seen_version_initial(settings)})

    def save_arrears(data):
        arrears_set(actor=request.user, session=session,
                    member_state=data["member_state"], in_arrears=data["in_arrears"],
                    vote_restored_on=data["vote_restored_on"],
                    decision_reference=data["decision_reference"])

    def save_settings(data):
        seen = data.pop("seen_updated_at", None)
        credentials_settings_update(actor=request.user, session=session, changes=data,
                                    seen_updated_at=seen)

    if posted == "arrears" and save_with_service(request, arrears_form, save_arrears):
        messages.success(request, _("The arrears status of %(state)s was recorded.")
                         % {"state": arrears_form.cleaned_data["member_state"]})
        return redirect("delegations:review_arrears", session_pk=session.pk)
    if posted == "settings" and save_with_service(request, settings_form, save_settings):
        messages.success(request, _("The credentials settings were saved."))
        return redirect("delegations:review_arrears", session_pk=session.pk)
    statuses = sorted(ArrearsStatus.objects.filter(session=session)
                      .select_related("member_state"),
                      key=lambda s: sort_key(str(s.member_state)))
    return render(request, "delegations/review_arrears.html", {
        "session": session, "nav": _nav(request.user), "settings": settings,
        "can_edit": can_edit,
        "deadline": evaluation.credentials_deadline(session, settings),
        "in_arrears": [s for s in statuses if s.in_arrears],
        "not_in_arrears": [s for s in statuses if not s.in_arrears],
        "arrears_form": arrears_form if can_edit else None,
        "settings_form": settings_form if can_edit else None,
    })


# --- the Credentials Committee --------------------------------------------------------------

def _objection_row(objection):
    verdict = objection_verdict(objection)
    return {"objection": objection, "verdict": verdict,
            "findings": _findings(verdict) if verdict else []}


@login_required
def committee_objections(request, session_pk):
    require(permissions.can_view_objections(request.user))
    can_decide = permissions.can_decide_objections(request.user)
    if request.method == "POST":
        require(permissions.can_decide_objections(request.user))
    session = _session(session_pk)
    initial = {}
    if request.GET.get("delegation", "").isdigit():
        initial["delegation"] = int(request.GET["delegation"])
    form = ObjectionForm(request.POST or None, session=session, initial=initial) \
        if can_decide else None
    created = {}

    def save(_data):
        created["objection"] = objection_lodge(actor=request.user, session=session,
                                               **form.service_values())

    if form is not None and save_with_service(request, form, save):
        objection = created["objection"]
        messages.success(request, _("The %(kind)s was recorded.") % {
            "kind": objection.get_kind_display().lower()})
        return redirect("delegations:committee_objection", pk=objection.pk)
    listed = (Objection.objects.filter(session=session)
              .select_related("session", "delegation__member_state", "nomination__person")
              .order_by("lodged_at", "id"))
    kind = request.GET.get("kind", "")
    if kind in ObjectionKind.values:
        listed = listed.filter(kind=kind)
    rows = [_objection_row(objection) for objection in listed]
    return render(request, "delegations/committee_objections.html", {
        "session": session, "nav": _nav(request.user), "rows": rows, "form": form,
        "kind": kind,
        "time_limits": objection_time_limits(session),
        "hours": objection_rules.OBJECTION_HOURS,
        "hours_revised": objection_rules.OBJECTION_HOURS_AFTER_REVISED_LIST,
        "provision": objection_rules.OBJECTION_TIME_LIMIT,
    })


STEPS = {
    ObjectionStatus.PENDING: "receivability",
    ObjectionStatus.UNDER_EXAMINATION: "outcome",
    ObjectionStatus.RECEIVABILITY_AT_CONFERENCE: "conference",
    ObjectionStatus.AT_CONFERENCE: "conference",
}
STEP_MESSAGES = {
    "receivability": gettext_lazy("The decision on receivability was recorded."),
    "outcome": gettext_lazy("The Committee's decision was recorded."),
    "conference": gettext_lazy("The Conference's decision was recorded."),
}


def _step_form(step, objection, data=None):
    seen = {"seen_updated_at": seen_version_initial(objection)}
    if step == "receivability":
        return ReceivabilityForm(data, initial=seen)
    if step == "outcome":
        return OutcomeForm(data, initial=seen)
    results = [(value, label) for value, label in ConferenceResult.choices
               if value in RESULTS.get(objection.status, ())]
    return ConferenceDecisionForm(data, initial=seen, results=results)


def _save_step(request, step, objection, form):
    def save(data):
        if step == "receivability":
            objection_decide_receivability(actor=request.user, objection=objection,
                                           **form.service_values())
        elif step == "outcome":
            objection_decide_outcome(actor=request.user, objection=objection,
                                     **form.service_values())
        else:
            objection_conference_decide(actor=request.user, objection=objection,
                                        result=data["result"], decided_on=data["decided_on"],
                                        reference=data["reference"],
                                        seen_updated_at=data.get("seen_updated_at"))
    return save_with_service(request, form, save)


@login_required
def committee_objection(request, pk):
    """An objection or complaint, the rules' advice on its receivability, the Committee's
    decisions with each member's vote, what went to the Conference, and the form of the next
    step of the procedure."""
    require(permissions.can_view_objections(request.user))
    can_decide = permissions.can_decide_objections(request.user)
    if request.method == "POST":
        require(can_decide)
    objection = get_object_or_404(
        Objection.objects.select_related("session__meeting", "delegation__member_state",
                                         "nomination__person"), pk=pk)
    step = STEPS.get(objection.status) if can_decide else None
    form = None
    if step is not None:
        posted = request.method == "POST" and request.POST.get("step") == step
        form = _step_form(step, objection, request.POST if posted else None)
        if posted and _save_step(request, step, objection, form):
            messages.success(request, STEP_MESSAGES[step])
            return redirect("delegations:committee_objection", pk=pk)
    decisions = list(objection.committee_decisions.select_related("conference_decision")
                     .order_by("decided_on", "id"))
    awaiting = next((d for d in reversed(decisions) if d.to_conference
                     and not hasattr(d, "conference_decision")), None)
    return render(request, "delegations/committee_objection.html", {
        **_objection_row(objection), "session": objection.session, "form": form,
        "step": step, "decisions": decisions, "awaiting": awaiting,
        "refuse_credentials": awaiting is not None
        and awaiting.outcome == ObjectionOutcome.PROPOSE_INVALIDATION})

