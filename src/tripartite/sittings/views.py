"""Pages of sittings: a session's sittings (the secretariat plans them), the Chair's console
and the delegate's "Ask for the floor". Thin: permission first, then a service."""

import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tripartite.common import exports as common_exports
from tripartite.common.confirm import Confirmation, confirmation_page, is_confirmed
from tripartite.common.forms import save_with_service
from tripartite.common.services import ServiceError
from tripartite.common.text import current_language
from tripartite.common.views import require
from tripartite.meetings.models import Session
from tripartite.rules import sittings as rules
from tripartite.rules.citations import cite
from tripartite.sittings import exports, live, permissions, selectors, services
from tripartite.sittings.forms import (
    AskForm,
    DecisionForm,
    EnterRequestForm,
    ItemVoteForm,
    NotesForm,
    RecordForm,
    SittingForm,
)
from tripartite.sittings.models import Sitting, SpeakerRequest, SpeakerStatus
from tripartite.votes import permissions as votes_permissions


def _sitting(pk) -> Sitting:
    return get_object_or_404(Sitting.objects.select_related(
        "session__meeting", "committee", "chair__person", "secretary", "current_item"), pk=pk)


@login_required
def index(request):
    require(permissions.can_view_sittings(request.user))
    sessions = Session.objects.select_related("meeting").order_by("-opens_at")[:30]
    return render(request, "sittings/index.html", {"sessions": sessions})


@login_required
def session_sittings(request, session_pk):
    session = get_object_or_404(Session.objects.select_related("meeting"), pk=session_pk)
    can_plan = permissions.can_plan_sittings(request.user)
    require(can_plan if request.method == "POST" else
            permissions.can_view_sittings(request.user))
    form = SittingForm(request.POST or None, session=session) if can_plan else None
    created = {}

    def save(data):
        items = data.pop("agenda_items")
        created["sitting"] = services.sitting_plan(actor=request.user, session=session,
                                                   agenda_items=items, **data)

    if form is not None and save_with_service(request, form, save):
        messages.success(request, _("The sitting is planned."))
        return redirect("sittings:session_sittings", session_pk=session.pk)
    sittings = (Sitting.objects.filter(session=session)
                .select_related("committee", "chair__person").order_by("date", "starts_at"))
    return render(request, "sittings/session_sittings.html", {
        "session": session, "sittings": sittings, "form": form,
        "console": {s.pk for s in sittings if permissions.can_drive_console(request.user, s)}})


def _rows(sitting):
    """The waiting list, each with the speaker's group, delegation and capacity."""
    rows = selectors.waiting(sitting)
    for row in rows:
        nomination = row.nomination
        row.delegation_name = (nomination.delegation.member_state.name if nomination else "")
        row.group_label = nomination.get_group_display() if nomination else ""
        row.capacity = nomination.get_role_display() if nomination else ""
    return rows


CONSOLE_MESSAGES = {
    "open": gettext_lazy("The sitting is open."),
    "suspend": gettext_lazy("The sitting is suspended."),
    "resume": gettext_lazy("The sitting is resumed."),
    "close": gettext_lazy("The sitting is closed."),
    "next": gettext_lazy("The floor is given."),
    "give": gettext_lazy("The floor is given."),
    "up": gettext_lazy("The speaker was moved."),
    "down": gettext_lazy("The speaker was moved."),
    "close_list": gettext_lazy("The list of speakers is closed."),
    "enter": gettext_lazy("The request was entered in the list."),
    "item": gettext_lazy("The item under discussion was changed."),
    "decision": gettext_lazy("The decision is recorded."),
}


def _version(request):
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


def _console_act(request, sitting, action, enter_form, decision_form):
    """Run one act of the console; a refusal is shown as an error message."""
    version = _version(request)
    if action in services.TRANSITIONS:
        services.sitting_step(actor=request.user, sitting=sitting, step=action)
    elif action in ("next", "give"):
        chosen = None
        if action == "give":
            chosen = get_object_or_404(SpeakerRequest, sitting=sitting,
                                       pk=request.POST.get("speaker") or 0)
        services.floor_give(actor=request.user, sitting=sitting, request=chosen,
                            version=version)
    elif action in ("up", "down"):
        speaker = get_object_or_404(SpeakerRequest, sitting=sitting,
                                    pk=request.POST.get("speaker") or 0)
        services.speaker_move(actor=request.user, request=speaker, direction=action,
                              version=version if version is not None else
                              sitting.list_version)
    elif action == "item":
        item = get_object_or_404(sitting.agenda_items, pk=request.POST.get("item") or 0)
        services.item_take_up(actor=request.user, sitting=sitting, item=item)
    elif action == "decision":
        if sitting.current_item_id is None or not decision_form.is_valid():
            return False
        shown = request.POST.get("item_shown", "")
        if shown.isdigit() and int(shown) != sitting.current_item_id:
            # the decision's form is not replaced when the console follows the sitting live
            raise ServiceError(_("Another item was taken up at another console meanwhile: "
                                 "the decision was not recorded. Check the item, then record "
                                 "it again."))
        data = decision_form.cleaned_data
        services.decision_record(actor=request.user, sitting=sitting,
                                 item=sitting.current_item, outcome=data["outcome"],
                                 text_en=data["text_en"], text_fr=data["text_fr"],
                                 text_es=data["text_es"])
    elif action == "close_list":
        services.list_close(actor=request.user, sitting=sitting, version=version)
    elif action == "enter":
        if not enter_form.is_valid():
            return False
        data = enter_form.cleaned_data
        services.floor_request(
            actor=request.user, sitting=sitting, person=data["nomination"].person,
            kind=data["kind"], on_behalf_of=data["on_behalf_of"],
            acting_for_delegate=data["acting_for_delegate"],
            authorised_by_delegate=data["authorised_by_delegate"],
            chair_allows=data["chair_allows"])
    else:
        raise ServiceError(_("Unknown action."))
    return True


EVENT_LABELS = {
    "planned": gettext_lazy("Planned"), "open": gettext_lazy("Opened"),
    "suspend": gettext_lazy("Suspended"), "resume": gettext_lazy("Resumed"),
    "close": gettext_lazy("Closed"), "list_closed": gettext_lazy("List of speakers closed"),
    "requested": gettext_lazy("Asked for the floor"), "withdrawn": gettext_lazy("Withdrew"),
    "floor_given": gettext_lazy("Given the floor"), "ended": gettext_lazy("Finished speaking"),
    "moved": gettext_lazy("Moved in the list"),
    "item": gettext_lazy("Item taken up"),
    "edited": gettext_lazy("Edited"),
    "decision": gettext_lazy("Decision recorded"),
    "vote": gettext_lazy("Vote prepared"),
}


def _events(sitting):
    events = list(sitting.events.select_related("actor", "speaker__person")
                  .order_by("-at", "-id")[:15])
    for event in events:
        event.label = EVENT_LABELS.get(event.action, event.action)
    return events


def _ordering(sitting):
    finding = rules.ordering_finding(sitting.ordering)
    language = current_language()
    return {"text": finding.message_in(language), "provision": cite(finding.provision, language)}


def _notes_forms(sitting, item, record, rows=()):
    """One notes form for the item under discussion, then one per speech on it, then one per
    request still waiting (a note there, "will speak on behalf of GRULAC", stays with the
    request and so becomes the speech's notes when the floor is given)."""
    if item is None:
        return []
    forms = [NotesForm(initial={"item": item.pk, "text": record.notes if record else ""},
                       auto_id="id_notes_item_%s")]
    for speech in selectors.spoken_on(sitting, item):
        nomination = speech.nomination
        label = _("Notes on %(name)s's speech") % {"name": speech.person.name}
        if nomination:
            label += f" ({nomination.delegation.member_state.name})"
        if speech.status == SpeakerStatus.SPEAKING:
            label += " — " + _("speaking")
        forms.append(NotesForm(initial={"speaker": speech.pk, "text": speech.notes},
                               auto_id=f"id_notes_{speech.pk}_%s", label=label))
    for row in rows:
        label = _("Note on %(name)s's request, not yet given") % {"name": row.person.name}
        if row.delegation_name:
            label += f" ({row.delegation_name})"
        forms.append(NotesForm(initial={"speaker": row.pk, "text": row.notes},
                               auto_id=f"id_notes_{row.pk}_%s", label=label))
    return forms


def _current_record(sitting):
    if sitting.current_item_id is None:
        return None
    return selectors.item_records(sitting).get(sitting.current_item_id)


def _decision_initial(record):
    if record is None or not record.outcome:
        return None
    return {"outcome": record.outcome, "text_en": record.decision_text_en,
            "text_fr": record.decision_text_fr, "text_es": record.decision_text_es}


@login_required
def console(request, pk):
    sitting = _sitting(pk)
    require(permissions.can_drive_console(request.user, sitting))
    action = request.POST.get("action", "") if request.method == "POST" else ""
    enter_form = EnterRequestForm(request.POST if action == "enter" else None,
                                  session=sitting.session, prefix="enter")
    record = _current_record(sitting)
    decision_form = DecisionForm(request.POST if action == "decision" else None,
                                 initial=_decision_initial(record), prefix="decision")
    if request.method == "POST":
        try:
            done = _console_act(request, sitting, action, enter_form, decision_form)
        except ServiceError as error:
            messages.error(request, error.message)
            done = False
        if done:
            messages.success(request, CONSOLE_MESSAGES[action])
            return redirect("sittings:console", pk=sitting.pk)
        sitting = _sitting(pk)
    current, clock, limit = selectors.floor_state(sitting)
    item = sitting.current_item
    can_vote = votes_permissions.can_manage_votes(request.user)
    vote_form = ItemVoteForm(prefix="vote", initial={
        "subject_en": item.title_en if item else "", "subject_fr": item.title_fr if item else "",
        "subject_es": item.title_es if item else ""}) if can_vote and item else None
    return render(request, "sittings/console.html", {
        **_console_parts(sitting, record), "enter_form": enter_form,
        "decision_form": decision_form, "vote_form": vote_form,
        "version": live.latest_version(sitting.pk), "now": time.time()})


def _console_parts(sitting, record):
    """What the parts of the console that follow the sitting live show (its state and
    toolbar, who has the floor, the list, the notes, the log)."""
    current, clock, limit = selectors.floor_state(sitting)
    rows = _rows(sitting)
    return {
        "sitting": sitting, "rows": rows, "current": current, "clock": clock,
        "limit": limit, "record": record,
        "notes_forms": _notes_forms(sitting, sitting.current_item, record, rows),
        "limits": selectors.time_limits(sitting),
        "items": sitting.agenda_items.order_by("position", "id"),
        "ordering": _ordering(sitting), "events": _events(sitting)}


@login_required
def console_live(request, pk):
    """The parts of the console that follow the sitting, fetched again by the console when
    the sitting's live stream says it changed (``live.js``): the same check as the console.
    The version is read before the state, so the state is never older than it."""
    sitting = _sitting(pk)
    require(permissions.can_drive_console(request.user, sitting))
    version = live.latest_version(sitting.pk)
    response = render(request, "sittings/_console_live.html", {
        **_console_parts(sitting, _current_record(sitting)), "version": version})
    response["Cache-Control"] = "no-store"
    return response


@login_required
def floor(request, pk):
    """The delegate's own page: the list, and "Ask for the floor" / "Withdraw"."""
    sitting = _sitting(pk)
    can_ask = permissions.can_ask_for_the_floor(request.user)
    require(can_ask if request.method == "POST" else
            permissions.can_view_sittings(request.user))
    form = AskForm(request.POST or None) if can_ask else None
    mine = (SpeakerRequest.objects.filter(sitting=sitting, person_id=request.user.person_id,
                                          status=SpeakerStatus.WAITING).first()
            if can_ask else None)
    if request.method == "POST" and form is not None:
        try:
            if request.POST.get("action") == "withdraw":
                if mine is None:
                    raise ServiceError(_("You have no request waiting."))
                services.floor_withdraw(actor=request.user, request=mine)
                messages.success(request, _("Your request was withdrawn."))
                return redirect("sittings:floor", pk=sitting.pk)
            if form.is_valid():
                services.floor_request(actor=request.user, sitting=sitting,
                                       person=request.user.person, **form.cleaned_data)
                messages.success(request, _("Your request for the floor is in the list."))
                return redirect("sittings:floor", pk=sitting.pk)
        except ServiceError as error:
            messages.error(request, error.message)
    current, clock, limit = selectors.floor_state(sitting)
    return render(request, "sittings/floor.html", {
        "sitting": sitting, "rows": _rows(sitting), "current": current, "clock": clock,
        "limit": limit, "form": form, "mine": mine,
        "console": permissions.can_drive_console(request.user, sitting)})


# ---------------------------------------------------------------------------------------------
# Editing a planned sitting; the console's vote and notes; the records; the figures


def _planned_initial(sitting):
    initial = {name: getattr(sitting, name) for name in services.PLANNED_FIELDS}
    initial["agenda_items"] = list(sitting.agenda_items.all())
    return initial


@login_required
def sitting_edit(request, pk):
    sitting = _sitting(pk)
    require(permissions.can_plan_sittings(request.user))
    form = SittingForm(request.POST or None, session=sitting.session,
                       initial=_planned_initial(sitting))

    def save(data):
        items = data.pop("agenda_items")
        services.sitting_edit(actor=request.user, sitting=sitting, agenda_items=items, **data)

    if sitting.state == "planned" and save_with_service(request, form, save):
        messages.success(request, _("The sitting is saved."))
        return redirect("sittings:session_sittings", session_pk=sitting.session_id)
    if request.method == "POST" and sitting.state != "planned":
        messages.error(request, _("Only a planned sitting can be edited."))
    return render(request, "sittings/sitting_edit.html", {"sitting": sitting, "form": form})


def _deletion(sitting) -> Confirmation:
    """What deleting the sitting takes with it, and what stays."""
    time_text = sitting.starts_at.strftime("%H:%M")
    if sitting.ends_at:
        time_text += "–" + sitting.ends_at.strftime("%H:%M")
    items = ", ".join(f"{item.number} {item.title}".strip()
                      for item in sitting.agenda_items.order_by("position", "id"))
    return Confirmation(
        title=_("Delete the sitting “%(title)s”?") % {"title": sitting.title},
        button=_("Delete this sitting"),
        cancel_url=reverse("sittings:session_sittings", args=[sitting.session_id]),
        facts=[(_("Sitting"), sitting.title),
               (_("Date"), formats.date_format(sitting.date, "DATE_FORMAT")),
               (_("Time (venue)"), f"{time_text} {sitting.session.time_zone}"),
               (_("Room"), sitting.room or "—"),
               (_("Agenda items taken (they stay on the agenda)"), items or "—"),
               (_("Requests for the floor deleted with it"), str(sitting.speakers.count())),
               (_("Entries of its log deleted with it"), str(sitting.events.count()))],
        consequence=_("The sitting, its list of speakers and its log are deleted; this "
                      "cannot be undone. The deletion is kept in the action log."),
        danger=True)


@login_required
def sitting_delete(request, pk):
    """Delete a sitting that has not opened: GET shows what will be deleted (or why it
    cannot be), the confirmed POST deletes it."""
    sitting = _sitting(pk)
    require(permissions.can_plan_sittings(request.user))
    refusal = services.deletion_refusal(sitting)
    if refusal is None and is_confirmed(request):
        try:
            services.sitting_delete(actor=request.user, sitting=sitting)
        except ServiceError as error:
            refusal = error
        else:
            messages.success(request, _("The sitting “%(title)s” is deleted.")
                             % {"title": sitting.title})
            return redirect("sittings:session_sittings", session_pk=sitting.session_id)
    if refusal is not None:
        return render(request, "sittings/sitting_delete.html",
                      {"sitting": sitting, "refusal": refusal.message})
    return confirmation_page(request, _deletion(sitting))


@login_required
@require_POST
def item_vote(request, pk):
    """The console's "Open a vote on this item": prepared in the votes room, then opened from
    its own page."""
    sitting = _sitting(pk)
    require(permissions.can_drive_console(request.user, sitting)
            and votes_permissions.can_manage_votes(request.user))
    form = ItemVoteForm(request.POST, prefix="vote")
    if sitting.current_item_id is None:
        messages.error(request, _("Take up an item first."))
    elif not form.is_valid():
        messages.error(request, _("Say what is voted on, in English at least, and how."))
    else:
        try:
            vote = services.item_vote_create(actor=request.user, sitting=sitting,
                                             item=sitting.current_item, **form.cleaned_data)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The vote is prepared: open it here."))
            return redirect("votes:vote_manage", pk=vote.pk)
    return redirect("sittings:console", pk=sitting.pk)


def _pk(value) -> int:
    return int(value) if (value or "").isdigit() else 0


@login_required
@require_POST
def notes(request, pk):
    """Save the secretary's notes on a speech or on the item (htmx: answers with a short
    status; without JavaScript, back to the console)."""
    sitting = _sitting(pk)
    require(permissions.can_drive_console(request.user, sitting))
    speaker = item = None
    if request.POST.get("speaker"):
        speaker = get_object_or_404(SpeakerRequest, sitting=sitting,
                                    pk=_pk(request.POST.get("speaker")))
    else:
        item = get_object_or_404(sitting.agenda_items, pk=_pk(request.POST.get("item")))
    try:
        services.note_save(actor=request.user, sitting=sitting, speaker=speaker, item=item,
                           text=request.POST.get("text", ""))
        status, message = 200, _("Notes saved at %(time)s.") % {
            "time": timezone.localtime().strftime("%H:%M:%S")}
    except ServiceError as error:
        status, message = 400, error.message
    if request.headers.get("HX-Request"):
        return render(request, "sittings/_notes_status.html", {"message": message},
                      status=status)
    (messages.success if status == 200 else messages.error)(request, message)
    return redirect("sittings:console", pk=sitting.pk)


def _queue_record(request, queue, back_url, **target):
    form = RecordForm(request.POST)
    if not form.is_valid():
        raise ServiceError(_("Choose English, French or Spanish, and Word or PDF."))
    job = queue(actor=request.user, language=form.cleaned_data["language"],
                fmt=form.cleaned_data["format"], back_url=back_url, **target)
    return redirect("jobs:job_detail", pk=job.pk)


@login_required
def record(request, pk):
    """The draft record of proceedings of a sitting, and its Word or PDF file (a job)."""
    sitting = _sitting(pk)
    require(permissions.can_draft_record(request.user, sitting))
    back = reverse("sittings:record", args=[sitting.pk])
    if request.method == "POST":
        try:
            return _queue_record(request, services.proceedings_queue, back, sitting=sitting)
        except ServiceError as error:
            messages.error(request, error.message)
    language = current_language()
    return render(request, "sittings/record.html", {
        "sitting": sitting, "items": selectors.proceedings(sitting, language),
        "form": RecordForm(initial={"language": language, "format": "docx"})})


@login_required
def decisions(request, session_pk):
    """The record of decisions of a session, and its Word or PDF file (a job)."""
    session = get_object_or_404(Session.objects.select_related("meeting"), pk=session_pk)
    require(permissions.can_view_sittings(request.user))
    back = reverse("sittings:decisions", args=[session.pk])
    if request.method == "POST":
        try:
            return _queue_record(request, services.decisions_queue, back, session=session)
        except ServiceError as error:
            messages.error(request, error.message)
    language = current_language()
    return render(request, "sittings/decisions.html", {
        "session": session, "rows": selectors.session_decisions(session, language),
        "form": RecordForm(initial={"language": language, "format": "docx"})})


@login_required
def figures(request, session_pk):
    """Speaking figures of a session: a page, and its Excel or CSV export."""
    session = get_object_or_404(Session.objects.select_related("meeting"), pk=session_pk)
    require(permissions.can_view_figures(request.user))
    found = selectors.figures(session)
    export = request.GET.get("export")
    if export == "xlsx":
        return common_exports.download(
            exports.as_xlsx(found), filename=f"speaking-figures-{session.pk}.xlsx",
            content_type=common_exports.XLSX_TYPE)
    if export == "csv":
        return common_exports.download(
            exports.as_csv(found), filename=f"speaking-figures-{session.pk}.csv",
            content_type=common_exports.CSV_TYPE)
    return render(request, "sittings/figures.html", {"session": session, "figures": found,
                                                     "tables": exports.tables(found)})
