"""Pages of votes: the secretariat's management of a session's votes, the delegate's
"vote now" page, results with their arithmetic, and the results sheet of a record vote.

Thin: permission first (a POST from someone who may not write is refused before anything
is read from it), then a service; the services decide and log.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from tripartite.common import fonts
from tripartite.common.confirm import Confirmation, confirmation_page, is_confirmed
from tripartite.common.forms import add_service_error, save_with_service
from tripartite.common.models import Group
from tripartite.common.services import ServiceError
from tripartite.common.text import current_language
from tripartite.common.views import require
from tripartite.constituents.models import Person
from tripartite.meetings.models import Session
from tripartite.votes import electorate, permissions, selectors, services
from tripartite.votes.forms import (
    CorrectionForm,
    RollCallForm,
    SubstituteForm,
    TotalsForm,
    VoteForm,
)
from tripartite.votes.models import (
    Choice,
    Method,
    SubstituteAppointment,
    Vote,
    VoteState,
)


def _vote(pk) -> Vote:
    return get_object_or_404(Vote.objects.select_related(
        "session__meeting", "agenda_item", "committee"), pk=pk)


def _explanation(entries, language):
    return [{**entry, "text": entry["message"].get(language) or entry["message"]["en"]}
            for entry in entries]


# --- the index and a session's votes --------------------------------------------------------

@login_required
def index(request):
    require(permissions.can_view_votes(request.user))
    sessions = Session.objects.select_related("meeting").order_by("-opens_at")[:30]
    return render(request, "votes/index.html", {
        "open_votes": list(selectors.open_votes()), "sessions": sessions,
        "can_vote": permissions.can_vote_electronically(request.user),
        "can_manage": permissions.can_manage_votes(request.user)})


@login_required
def session_votes(request, session_pk):
    session = get_object_or_404(Session.objects.select_related("meeting"), pk=session_pk)
    can_manage = permissions.can_manage_votes(request.user)
    require(can_manage if request.method == "POST" else
             permissions.can_view_votes(request.user))
    # A link may propose the kind of decision (e.g. from an objection's proposal to
    # invalidate credentials: ?decision=refuse_credentials).
    initial = {"decision": request.GET["decision"]} if request.GET.get("decision") else {}
    form = (VoteForm(request.POST or None, session=session, initial=initial)
            if can_manage else None)
    created = {}

    def save(data):
        created["vote"] = services.vote_create(actor=request.user, session=session, **data)

    if form is not None and save_with_service(request, form, save):
        messages.success(request, _("The vote was prepared: check its quorum, then open it."))
        return redirect("votes:vote_manage", pk=created["vote"].pk)
    return render(request, "votes/session_votes.html", {
        "session": session, "votes": selectors.session_votes(session), "form": form,
        "can_manage": can_manage,
        "can_vote": permissions.can_vote_electronically(request.user)})


@login_required
def substitutes(request, session_pk):
    require(permissions.can_manage_votes(request.user))
    session = get_object_or_404(Session, pk=session_pk)
    form = SubstituteForm(request.POST or None, session=session)

    def save(data):
        services.substitute_appoint(actor=request.user, session=session, **data)

    if save_with_service(request, form, save):
        messages.success(request, _("The appointment was recorded with its time."))
        return redirect("votes:substitutes", session_pk=session.pk)
    appointments = (SubstituteAppointment.objects.filter(session=session)
                    .select_related("delegate__person", "substitute__person",
                                    "delegate__delegation__member_state", "vote")
                    .order_by("-appointed_at", "-id"))
    return render(request, "votes/substitutes.html", {
        "session": session, "form": form, "appointments": appointments})


# --- managing one vote ------------------------------------------------------------------------

MANAGE_MESSAGES = {
    "open": gettext_lazy("The vote is open."),
    "roll_call": gettext_lazy("The delegate's vote was recorded."),
    "totals": gettext_lazy("The totals were entered."),
    "close": gettext_lazy("The vote is closed; its result is computed."),
    "publish": gettext_lazy("The result is published. It is final: only a correction can "
                            "follow."),
    "correct": gettext_lazy("The correction was recorded beside the result."),
}


def _roll_call_voters(vote):
    """(person id, label) of the voters who have not voted yet, for the roll-call form."""
    electors = electorate.electorate(vote, timezone.now())
    voted = set(vote.ballots.values_list("voter_id", flat=True))
    people = (Person.objects.filter(pk__in=set(electors) - voted)
              .select_related("member_state").order_by("member_state__name", "name"))
    groups = dict(Group.choices)
    return [(p.pk, f"{p.member_state.name if p.member_state else '—'} — {p.name} "
                   f"({groups[electors[p.pk].group]})") for p in people]


@login_required
def vote_manage(request, pk):
    require(permissions.can_manage_votes(request.user))
    vote = _vote(pk)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    forms = {"roll_call": None, "totals": None, "correct": None}
    if action in CONFIRMED_ACTS and vote.state == CONFIRMED_ACTS[action] \
            and not is_confirmed(request):
        return confirmation_page(request, _act_confirmation(request, vote, action))
    if action:
        form = None
        try:
            if action == "open":
                services.vote_open(actor=request.user, vote=vote)
            elif action == "close":
                services.vote_close(actor=request.user, vote=vote)
            elif action == "publish":
                services.vote_publish(actor=request.user, vote=vote)
            elif action == "roll_call":
                form = forms["roll_call"] = RollCallForm(request.POST,
                                                         voters=_roll_call_voters(vote))
                if form.is_valid():
                    services.roll_call_enter(
                        actor=request.user, vote=vote, choice=form.cleaned_data["choice"],
                        voter=Person.objects.get(pk=form.cleaned_data["voter"]))
            elif action in ("totals", "correct"):
                form = forms[action] = (TotalsForm if action == "totals" else
                                        CorrectionForm)(request.POST)
                if form.is_valid():
                    service = (services.show_of_hands_totals_enter if action == "totals"
                               else services.result_correct)
                    service(actor=request.user, vote=vote, **form.cleaned_data)
            else:
                raise ServiceError(_("Unknown action."))
            if form is None or form.is_valid():
                messages.success(request, MANAGE_MESSAGES[action])
                return redirect("votes:vote_manage", pk=vote.pk)
        except ServiceError as error:
            if form is not None:
                add_service_error(form, error)
            else:
                messages.error(request, error.message)
                return redirect("votes:vote_manage", pk=vote.pk)
        vote = _vote(pk)
    return render(request, "votes/vote_manage.html", _manage_context(request, vote, forms))


# The acts confirmed first, with the state each starts from (another state: the service
# refuses with its message, no question asked).
CONFIRMED_ACTS = {"open": VoteState.DRAFT, "close": VoteState.OPEN,
                  "publish": VoteState.CLOSED}


def _act_confirmation(request, vote, action) -> Confirmation:
    """What opening, closing or publishing records, in the words of the manage page."""
    facts = [(_("Vote"), vote.subject), (_("Session"), vote.session.title),
             (_("Method"), vote.get_method_display()),
             (_("Required majority"), str(vote.get_majority_display()))]
    if action == "open":
        try:
            preview = services.quorum_preview(vote)
        except ServiceError as error:
            facts.append((_("Quorum"), error.message))
        else:
            facts.append((_("Quorum"), ngettext(
                "%(quorum)s vote cast (%(total)s voters entitled to vote now)",
                "%(quorum)s votes cast (%(total)s voters entitled to vote now)",
                preview["quorum"]) % {"quorum": preview["quorum"],
                                      "total": preview["base"]["total"]}))
        title, button = _("Open the vote?"), _("Open the vote")
        consequence = _("Delegates can vote from the moment it opens, and the quorum is "
                        "fixed now. An open vote cannot go back to draft.")
    elif action == "close":
        facts.append((_("Ballots received"), str(selectors.ballots_cast(vote))))
        title, button = _("Close the vote?"), _("Close the vote")
        consequence = _("No more ballots are accepted once the vote is closed, and the "
                        "result is computed.")
    else:
        result = vote.result
        facts += [(pgettext("votes", "For"), result.yes),
                  (pgettext("votes", "Against"), result.no),
                  (_("Abstentions"), result.abstain),
                  (_("Outcome"), result.get_outcome_display())]
        title, button = _("Publish the result?"), _("Publish the result")
        consequence = _("Once published, the result is final: only a correction, recorded "
                        "as a new act, can follow.")
    warning = vote.session.closed_warning() if action == "open" else ""
    return Confirmation(title=title, facts=facts, consequence=consequence, button=button,
                        warning=warning,
                        on_behalf_of=_("the secretariat (%(name)s)") % {"name": request.user},
                        danger=action == "close",
                        cancel_url=reverse("votes:vote_manage", kwargs={"pk": vote.pk}))


def _manage_context(request, vote, forms):
    context = {"vote": vote, "session": vote.session, "Method": Method, "VoteState": VoteState}
    if vote.state == VoteState.DRAFT:
        try:
            context["preview"] = services.quorum_preview(vote)
        except ServiceError as error:
            context["preview_error"] = error.message
    if vote.state == VoteState.OPEN:
        context["ballots_cast"] = selectors.ballots_cast(vote)
        if vote.method != Method.SECRET:
            context["roll_call_form"] = forms["roll_call"] or RollCallForm(
                voters=_roll_call_voters(vote))
        if vote.method == Method.SHOW_OF_HANDS and not vote.weighted:
            totals = getattr(vote, "totals", None)
            context["totals_form"] = forms["totals"] or TotalsForm(initial={
                "yes": totals.yes, "no": totals.no, "abstain": totals.abstain,
                "government_yes": totals.government_yes,
                "government_no": totals.government_no} if totals else None)
    if vote.state in (VoteState.CLOSED, VoteState.PUBLISHED):
        context["result"] = vote.result
        context["explanation"] = _explanation(vote.result.explanation, current_language())
        if not vote.weighted:
            context["correction_form"] = forms["correct"] or CorrectionForm()
    return context


# --- the delegate's vote ----------------------------------------------------------------------

@login_required
def vote_ballot(request, pk):
    """The delegate's "vote now" page: yes, no or abstain, on their own device."""
    require(permissions.can_vote_electronically(request.user))
    vote = _vote(pk)
    person = getattr(request.user, "person", None)
    error, cast_for, recorded_at = None, "", None
    if request.method == "POST":
        voter_id = request.POST.get("voter") or None
        cast_for = voter_id or "own"
        if not is_confirmed(request) and (question := _ballot_confirmation(
                request, vote, person, voter_id)):
            if request.htmx:
                return confirmation_page(request, question, template="common/_confirm.html",
                                         htmx_target="#ballot-panel")
            return confirmation_page(request, question)
        at = timezone.now()
        try:
            services.ballot_cast(actor=request.user, vote=vote,
                                 choice=request.POST.get("choice", ""),
                                 voter_id=int(voter_id) if voter_id else None, at=at)
        except (ServiceError, ValueError) as refusal:
            error = getattr(refusal, "message", _("Choose yes, no or abstain."))
            vote = _vote(pk)  # its state may be why the ballot was refused
        else:
            recorded_at = _local_time(at, vote.session)
        if error is None and not request.htmx:
            messages.success(request, _("Your vote was recorded at %(time)s.")
                             % {"time": recorded_at})
            return redirect("votes:vote_ballot", pk=vote.pk)
    context = _ballot_context(vote, person, error, cast_for=cast_for,
                              recorded_at=recorded_at)
    template = "votes/_ballot_panel.html" if request.htmx else "votes/vote_ballot.html"
    return render(request, template, context)


def _local_time(moment, session) -> str:
    """A moment as the session's clock shows it, with the zone: "12 June 2026 15:04 (Geneva)"."""
    from django.utils.dateformat import format as date_format

    return f"{date_format(moment.astimezone(session.zone), 'j F Y H:i')} ({session.time_zone})"


def _ballot_confirmation(request, vote, person, voter_id) -> Confirmation | None:
    """What the ballot will record, and for whom; None when there is nothing to confirm (the
    ballot would be refused anyway: the service says why)."""
    choice = request.POST.get("choice", "")
    if person is None or vote.state != VoteState.OPEN or choice not in Choice.values:
        return None
    behalf = _("yourself, %(name)s") % {"name": person.name}
    if voter_id:
        held = {str(a.delegate.person_id): a for a in
                services.appointments_held(vote, person, timezone.now())}
        appointment = held.get(voter_id)
        if appointment is None:
            return None
        behalf = _("%(name)s, in whose place you vote (appointment %(reference)s)") % {
            "name": appointment.delegate.person.name,
            "reference": appointment.document_reference}
    facts = [(_("Vote"), vote.subject), (_("Your choice"), str(dict(Choice.choices)[choice]))]
    if vote.method == Method.SECRET:
        facts.append((_("Secret ballot"), _("Who voted is recorded; how they voted is not "
                                            "stored with their name.")))
    return Confirmation(
        warning=vote.session.closed_warning(),
        title=_("Cast this vote?"), facts=facts, on_behalf_of=behalf,
        consequence=_("Once cast, a vote cannot be changed."), button=_("Cast the vote"),
        cancel_url=reverse("votes:vote_ballot", kwargs={"pk": vote.pk}))


def _ballot_context(vote, person, error, *, cast_for="", recorded_at=None):
    """``cast_for`` ("own" or a voter's id) names the row just sent: its heading takes the
    focus after the swap, so a screen reader reads what became of the vote, and the time it
    was recorded (``recorded_at``)."""
    context = {"vote": vote, "person": person, "error": error, "choices": Choice.choices,
               "rows": []}
    if person is None:
        return context
    rows = [{"voter_id": None, "label": _("Your own vote"), "person_id": person.pk}]
    for appointment in services.appointments_held(vote, person, timezone.now()):
        rows.append({"voter_id": appointment.delegate.person_id,
                     "person_id": appointment.delegate.person_id,
                     "label": _("In the place of %(name)s (appointment %(reference)s)") % {
                         "name": appointment.delegate.person.name,
                         "reference": appointment.document_reference}})
    # A voter sees their own choice on a record or show-of-hands vote; a secret ballot's
    # choice is not stored with them, so nobody can show it.
    voted = selectors.voted(vote, [row["person_id"] for row in rows])
    for row in rows:
        row["voted"] = row["person_id"] in voted
        row["choice"] = voted.get(row["person_id"])
        row["choice_label"] = dict(Choice.choices).get(row["choice"], "")
        row["focus"] = bool(cast_for) and cast_for == str(row["voter_id"] or "own")
        row["recorded_at"] = recorded_at if row["focus"] else None
    context["rows"] = rows
    return context


# --- results ----------------------------------------------------------------------------------

@login_required
def vote_result(request, pk):
    vote = _vote(pk)
    require(permissions.can_view_result(request.user, vote))
    if vote.state not in (VoteState.CLOSED, VoteState.PUBLISHED):
        raise Http404
    language = current_language()
    result = vote.result
    corrections = list(result.corrections.select_related("corrected_by"))
    sheet = (selectors.results_sheet(vote, language) if vote.method == Method.RECORD else None)
    if sheet:  # its PDF would print empty boxes for names in a script without its font
        fonts.warn_missing(request, (ballot[key] for state in sheet
                                     for ballot in state["ballots"] for key in ("name",
                                                                                "substitute")))
    return render(request, "votes/vote_result.html", {
        "vote": vote, "session": vote.session, "result": result,
        "explanation": _explanation(result.explanation, language),
        "corrections": [{"correction": c, "explanation": _explanation(c.explanation, language)}
                        for c in corrections],
        "sheet": sheet, "can_manage": permissions.can_manage_votes(request.user)})


@login_required
def vote_result_pdf(request, pk):
    """The results sheet is made by the worker (a job): GET offers to make it, POST queues
    it and leads to the job's progress, where the PDF waits when ready."""
    vote = _vote(pk)
    require(permissions.can_view_result(request.user, vote))
    if vote.method != Method.RECORD or vote.state not in (VoteState.CLOSED,
                                                          VoteState.PUBLISHED):
        raise Http404
    language = request.POST.get("language") or request.GET.get("language") or (
        current_language())
    if language not in ("en", "fr", "es"):
        language = "en"
    if request.method in ("GET", "HEAD"):
        return render(request, "jobs/start.html", {
            "title": _("Results sheet (PDF)"),
            "explanation": _("The file is made in the background: you will see its "
                             "progress, and find it under “My downloads” when it is ready."),
            "button": _("Make the results sheet"), "hidden": {"language": language}})
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    job = services.results_sheet_queue(actor=request.user, vote=vote, language=language,
                                       back_url=reverse("votes:vote_result", args=[vote.pk]))
    return redirect("jobs:job_detail", pk=job.pk)
