"""The member State focal point's portal: nominate the delegation, upload the credentials
letter or a filled Excel template, submit, answer the Office's queries.

The secretariat may use the same pages for any State. Reads are checked with
``can_view_delegation``, writes with ``can_nominate``; the check comes first, so another
State's focal point gets 403 whatever the URL they try.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tripartite.accounts.permissions import is_secretariat
from tripartite.common import exports
from tripartite.common.confirm import Confirmation, confirmation_page, is_confirmed
from tripartite.common.forms import add_service_error, seen_version_initial
from tripartite.common.models import Group
from tripartite.common.services import ServiceError
from tripartite.common.text import current_language
from tripartite.constituents.models import MemberState
from tripartite.delegations import (
    evaluation,
    permissions,
    review_selectors,
    selectors,
)
from tripartite.delegations.models import (
    CredentialsSettings,
    Delegation,
    DelegationQuery,
    Nomination,
)
from tripartite.delegations.portal_forms import (
    LetterUploadForm,
    MemberStateChoiceForm,
    NominationForm,
    QueryAnswerForm,
    SpreadsheetUploadForm,
    SubmitForm,
    nominated_person_keys,
)
from tripartite.delegations.services.imports import nominations_import
from tripartite.delegations.services.nominations import (
    delegation_open,
    delegation_query_answer,
    delegation_submit,
    nomination_add,
    nomination_withdraw,
)
from tripartite.delegations.services.uploads import credentials_letter_upload
from tripartite.delegations.spreadsheet.template import build_template, template_filename
from tripartite.meetings.models import MeetingType, Session
from tripartite.rules import delegations as rules

PORTAL_MEETING_TYPES = (MeetingType.ILC, MeetingType.REGIONAL)
PAST_SESSIONS_SHOWN = 10


def _portal_sessions():
    return Session.objects.filter(meeting__type__in=PORTAL_MEETING_TYPES).select_related(
        "meeting")


# --------------------------------------------------------------------------------------------
# My delegations


@dataclass
class SessionRow:
    session: Session
    deadline: date
    delegation: Delegation | None

    @property
    def late(self) -> bool:
        return bool(self.delegation
                    and rules.credentials_late(self.delegation.received_on, self.deadline))


@login_required
def portal(request):
    user = request.user
    if not permissions.can_use_delegations_portal(user):
        raise PermissionDenied
    chooser = None
    if is_secretariat(user):
        chooser = MemberStateChoiceForm(request.GET or None)
        member_state = chooser.cleaned_data["state"] if chooser.is_valid() else None
    else:
        member_state = user.member_state
    now = timezone.now()
    sessions = list(_portal_sessions().order_by("opens_at", "id"))
    delegations, settings = {}, {}
    if member_state is not None and sessions:
        delegations = {d.session_id: d for d in Delegation.objects.filter(
            member_state=member_state, session__in=sessions).annotate(
            nomination_count=Count("nominations", distinct=True,
                                   filter=Q(nominations__withdrawn_in_amendment=None)),
            open_queries=Count("queries", distinct=True,
                               filter=Q(queries__answered_at__isnull=True)))}
        settings = {s.session_id: s for s in
                    CredentialsSettings.objects.filter(session__in=sessions)}
    rows = [SessionRow(session, evaluation.credentials_deadline(session,
                                                                settings.get(session.pk)),
                       delegations.get(session.pk)) for session in sessions]
    return render(request, "delegations/portal_index.html", {
        "member_state": member_state,
        "chooser": chooser,
        "upcoming": [row for row in rows if row.session.closes_at >= now],
        "past": [row for row in reversed(rows) if row.session.closes_at < now][
            :PAST_SESSIONS_SHOWN],
    })


# --------------------------------------------------------------------------------------------
# One delegation


def _delegation(request, session_pk, iso2, *, write=False, open_it=True) -> Delegation:
    """The State's delegation to the session, once the user may read it (or write to it).

    A delegation not yet opened is shown unsaved and empty, its forms included: a GET never
    writes. The first POST of someone who may nominate opens it (creates it, logged).
    """
    session = get_object_or_404(_portal_sessions(), pk=session_pk)
    member_state = get_object_or_404(MemberState, iso2=iso2.upper())
    user = request.user
    may_nominate = permissions.can_nominate(user, member_state)
    unsaved = Delegation(member_state=member_state, session=session)
    if not (may_nominate if write else permissions.can_view_delegation(user, unsaved)):
        raise PermissionDenied
    if may_nominate and write and open_it and request.method == "POST":
        delegation = delegation_open(actor=user, member_state=member_state,
                                     session=session)
        delegation.member_state, delegation.session = member_state, session
        return delegation
    existing = Delegation.objects.filter(member_state=member_state, session=session).first()
    return existing or unsaved


def _post_only(request):
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


def _page_url(delegation, anchor=""):
    url = reverse("delegations:portal_delegation", kwargs={
        "session_pk": delegation.session_id, "iso2": delegation.member_state.iso2})
    return f"{url}#{anchor}" if anchor else url


@login_required
def portal_delegation(request, session_pk, iso2):
    write = request.method == "POST"
    delegation = _delegation(request, session_pk, iso2, write=write)
    if not write:
        return _render_page(request, delegation)
    form = _nomination_form(request, delegation)
    if form.is_valid():
        data = form.cleaned_data
        try:
            nomination = nomination_add(
                actor=request.user, delegation=delegation, group=data["group"],
                role=data["role"], name=data["name"], name_latin=data["name_latin"],
                family_name=data["family_name"], gender=data["gender"], title=data["title"],
                function=data["function"],
                email=data["email"], organisation=data["organisation"],
                adviser_to=data["adviser_to"], agenda_items=list(data["agenda_items"]),
                represents=data["represents"])
        except (ServiceError, ValidationError) as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("%(name)s was added to the delegation.")
                             % {"name": nomination.person})
            return redirect(_page_url(delegation, "nominations"))
    return _render_page(request, delegation, nomination_form=form)


def _nomination_form(request, delegation):
    active = (Nomination.objects.filter(delegation_id=delegation.pk,
                                        withdrawn_in_amendment__isnull=True)
              .select_related("person") if delegation.pk else [])
    return NominationForm(request.POST or None, delegation=delegation,
                          nominated_keys=nominated_person_keys(active))


@login_required
def portal_withdraw(request, pk):
    nomination = get_object_or_404(
        Nomination.objects.select_related("delegation__member_state", "person"), pk=pk)
    if not permissions.can_nominate(request.user, nomination.delegation.member_state):
        raise PermissionDenied
    if refused := _post_only(request):
        return refused
    delegation = nomination.delegation
    if nomination.withdrawn_in_amendment is not None:
        messages.info(request, _("%(name)s was already withdrawn.") % {"name": nomination.person})
        return redirect(_page_url(delegation, "nominations"))
    if not is_confirmed(request):
        return confirmation_page(request, Confirmation(
            title=_("Withdraw %(name)s from the delegation?") % {"name": nomination.person},
            facts=[(_("Person"), str(nomination.person)),
                   (_("Group"), nomination.get_group_display()),
                   (_("Role"), nomination.get_role_display()),
                   (_("Session"), delegation.session.title)],
            on_behalf_of=_("the Government of %(state)s") % {
                "state": delegation.member_state},
            consequence=(_("The withdrawal reaches the Office with the next amendment you "
                           "submit; the person can be nominated again only as a new "
                           "nomination.") if delegation.submitted else
                         _("The person is removed from the delegation you are preparing.")),
            button=_("Withdraw %(name)s") % {"name": nomination.person}, danger=True,
            cancel_url=_page_url(delegation, "nominations")))
    try:
        nomination_withdraw(actor=request.user, nomination=nomination)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(name)s was withdrawn from the delegation.")
                         % {"name": nomination.person})
    return redirect(_page_url(delegation, "nominations"))


@login_required
def portal_submit(request, session_pk, iso2):
    # Opened (created) only once the submission is confirmed: the question writes nothing.
    delegation = _delegation(request, session_pk, iso2, write=True,
                             open_it=is_confirmed(request))
    if refused := _post_only(request):
        return refused
    form = SubmitForm(request.POST)
    seen = form.cleaned_data.get("seen_updated_at") if form.is_valid() else None
    if delegation.submitted and not _pending_changes(delegation):
        messages.info(request, _("Nothing has changed since the last submission."))
        return redirect(_page_url(delegation))
    if not is_confirmed(request):
        return confirmation_page(request, _submit_confirmation(delegation))
    try:
        delegation_submit(actor=request.user, delegation=delegation,
                          seen_updated_at=seen)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(_page_url(delegation, "submit"))
    if delegation.amendment:
        messages.success(request, _("Amendment %(number)d was sent to the Office.")
                         % {"number": delegation.amendment})
    else:
        messages.success(request, _("The credentials were sent to the Office."))
    return redirect(_page_url(delegation))


def _submit_confirmation(delegation) -> Confirmation:
    """What the Office will receive: the persons nominated, the letters attached."""
    active = (delegation.nominations.filter(withdrawn_in_amendment__isnull=True).count()
              if delegation.pk else 0)
    letters = delegation.letters.count() if delegation.pk else 0
    facts = [(_("Session"), delegation.session.title),
             (_("Delegation of"), str(delegation.member_state)),
             (_("Persons nominated"), str(active)),
             (_("Credentials letters attached"), str(letters))]
    if delegation.submitted:
        number = delegation.amendment + 1
        return Confirmation(
            warning=delegation.session.closed_warning(),
            title=_("Submit amendment %(number)d to the Office?") % {"number": number},
            facts=facts, on_behalf_of=_("the Government of %(state)s") % {
                "state": delegation.member_state},
            consequence=_("The Office receives the changes as amendment %(number)d, "
                          "dated today. A submitted amendment cannot be taken back.")
            % {"number": number},
            button=_("Submit amendment %(number)d") % {"number": number},
            cancel_url=_page_url(delegation, "submit"))
    return Confirmation(
        warning=delegation.session.closed_warning(),
        title=_("Submit the credentials of %(state)s to the Office?") % {
            "state": delegation.member_state},
        facts=facts, on_behalf_of=_("the Government of %(state)s") % {
            "state": delegation.member_state},
        consequence=_("The Office receives the credentials today and begins its review. "
                      "A submission cannot be taken back: later changes are amendments."),
        button=_("Submit the credentials"), cancel_url=_page_url(delegation, "submit"))


def _pending_changes(delegation) -> bool:
    """Additions or withdrawals made since the last submission (the next amendment)."""
    if not delegation.submitted:
        return False
    after = delegation.amendment
    return delegation.nominations.filter(
        Q(added_in_amendment__gt=after, withdrawn_in_amendment__isnull=True)
        | Q(withdrawn_in_amendment__gt=after)).exists()


@login_required
def portal_letter_upload(request, session_pk, iso2):
    delegation = _delegation(request, session_pk, iso2, write=True)
    if refused := _post_only(request):
        return refused
    form = LetterUploadForm(request.POST, request.FILES, prefix="letter")
    if form.is_valid():
        try:
            credentials_letter_upload(actor=request.user, delegation=delegation,
                                      uploaded_file=form.cleaned_data["file"])
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The credentials letter was uploaded."))
            return redirect(_page_url(delegation, "letter"))
    return _render_page(request, delegation, letter_form=form)


@login_required
def portal_letter(request, session_pk, iso2):
    """The signed letter as uploaded (the latest, or ``?id=`` an earlier one)."""
    delegation = _delegation(request, session_pk, iso2)
    letters = delegation.letters.all() if delegation.pk else None
    wanted = request.GET.get("id", "")
    if letters is not None and wanted.isdigit():
        letter = get_object_or_404(letters, pk=int(wanted))
    else:
        letter = letters.first() if letters is not None else None
    if letter is None:
        messages.info(request, _("No credentials letter has been uploaded yet."))
        return redirect(_page_url(delegation, "letter"))
    try:
        handle = letter.file.open("rb")
    except FileNotFoundError:
        messages.error(request, _("The file of this letter is missing; upload it again."))
        return redirect(_page_url(delegation, "letter"))
    return FileResponse(handle, as_attachment=True, filename=letter.original_name,
                        content_type="application/pdf")


@login_required
def portal_template(request, session_pk, iso2):
    delegation = _delegation(request, session_pk, iso2)
    return exports.download(build_template(delegation=delegation),
                            filename=template_filename(delegation),
                            content_type=exports.XLSX_TYPE)


@login_required
def portal_import(request, session_pk, iso2):
    delegation = _delegation(request, session_pk, iso2, write=True)
    if refused := _post_only(request):
        return refused
    form = SpreadsheetUploadForm(request.POST, request.FILES, prefix="sheet")
    problems = None
    if form.is_valid():
        try:
            result = nominations_import(actor=request.user, delegation=delegation,
                                        uploaded_file=form.cleaned_data["file"])
        except ServiceError as error:
            add_service_error(form, error)
        else:
            if result.ok:
                messages.success(request, ngettext(
                    "%(count)d person was added to the delegation.",
                    "%(count)d persons were added to the delegation.",
                    result.added) % {"count": result.added})
                return redirect(_page_url(delegation, "nominations"))
            problems = result.problems
    return _render_page(request, delegation, sheet_form=form, import_problems=problems)


@login_required
def portal_answer(request, pk):
    query = get_object_or_404(DelegationQuery.objects.select_related(
        "delegation__member_state", "delegation__session"), pk=pk)
    delegation = query.delegation
    if not permissions.can_nominate(request.user, delegation.member_state):
        raise PermissionDenied
    if refused := _post_only(request):
        return refused
    form = QueryAnswerForm(request.POST, prefix=f"query{query.pk}")
    if form.is_valid():
        try:
            delegation_query_answer(actor=request.user, query=query,
                                    answer=form.cleaned_data["answer"])
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your answer was sent to the Office."))
            return redirect(_page_url(delegation, "queries"))
    return _render_page(request, delegation, answer_forms={query.pk: form})


# --------------------------------------------------------------------------------------------
# The page


def _render_page(request, delegation, *, nomination_form=None, letter_form=None,
                 sheet_form=None, answer_forms=None, import_problems=None):
    user = request.user
    can_edit = permissions.can_nominate(user, delegation.member_state)
    session = delegation.session
    settings = selectors.credentials_settings(session)
    language = current_language()
    context = {
        "delegation": delegation, "session": session, "state": delegation.member_state,
        "can_edit": can_edit, "language": language,
        "deadline": evaluation.credentials_deadline(session, settings),
        "portal_url": (reverse("delegations:portal") + f"?state={delegation.member_state.iso2}"
                       if is_secretariat(user) else reverse("delegations:portal")),
        "import_problems": import_problems,
    }
    if delegation.pk:
        context.update(_evaluated(delegation, settings, language))
    else:
        context.update({"groups": [], "findings": [], "votes": None, "delegates": [],
                        "queries": [], "letters": [], "pending": False, "nomination_count": 0})
    if can_edit:
        answer_forms = answer_forms or {}
        for query in context["queries"]:
            if query.answered_at is None:
                query.answer_form = answer_forms.get(query.pk) or QueryAnswerForm(
                    prefix=f"query{query.pk}")
        context.update({
            "nomination_form": nomination_form or NominationForm(delegation=delegation),
            "letter_form": letter_form or LetterUploadForm(prefix="letter"),
            "sheet_form": sheet_form or SpreadsheetUploadForm(prefix="sheet"),
            "submit_form": SubmitForm(initial={
                "seen_updated_at": seen_version_initial(delegation)}),
        })
    context["late"] = rules.credentials_late(delegation.received_on, context["deadline"])
    return render(request, "delegations/portal_delegation.html", context)


def _evaluated(delegation, settings, language) -> dict:
    """The nominations, the rules' verdict and who may vote, in a fixed number of queries."""
    session = delegation.session
    loaded = (selectors.delegations_for_evaluation(session)
              .select_related("session__meeting").get(pk=delegation.pk))
    arrears = selectors.arrears_by_state(session).get(delegation.member_state_id)
    verdict = evaluation.evaluate(loaded, arrears=arrears, settings=settings)
    active = list(loaded.nominations.all())
    withdrawn = list(Nomination.objects.filter(
        delegation=loaded, withdrawn_in_amendment__isnull=False)
        .select_related("person", "organisation", "adviser_to__person")
        .prefetch_related("agenda_items"))
    after = loaded.amendment
    for nomination in active + withdrawn:
        nomination.pending_addition = (loaded.submitted and nomination.added_in_amendment > after)
        nomination.pending_withdrawal = bool(nomination.withdrawn_in_amendment
                                             and nomination.withdrawn_in_amendment > after)
    groups = []
    for group in Group:
        members = sorted((n for n in active + withdrawn if n.group == group),
                         key=lambda n: (n.position, n.pk))
        groups.append({"value": group.value, "label": group.label, "nominations": members})
    return {
        "delegation": loaded,
        "session": loaded.session,
        "groups": groups,
        "nomination_count": len(active),
        "findings": [{"rule": f.rule, "provision": f.provision, "severity": str(f.severity),
                      "message": f.message_in(language)} for f in verdict.findings],
        "votes": verdict.votes,
        "delegates": review_selectors.delegate_votes(active, verdict, language),
        "queries": list(loaded.queries.select_related("asked_by", "answered_by")
                        .order_by("created_at", "id")),
        "letters": list(loaded.letters.select_related("uploaded_by")),
        "pending": any(n.pending_addition or n.pending_withdrawal for n in active + withdrawn),
    }
