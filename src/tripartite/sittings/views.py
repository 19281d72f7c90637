"""Pages of sittings: a session's sittings (the secretariat plans them), the Chair's console
and the delegate's "Ask for the floor". Thin: permission first, then a service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tripartite.common.forms import save_with_service
from tripartite.common.services import ServiceError
from tripartite.common.text import current_language
from tripartite.common.views import require
from tripartite.meetings.models import Session
from tripartite.rules import sittings as rules
from tripartite.rules.citations import cite
from tripartite.sittings import permissions, services
from tripartite.sittings.forms import AskForm, EnterRequestForm, SittingForm
from tripartite.sittings.models import Sitting, SpeakerRequest, SpeakerStatus


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
    rows = services.waiting(sitting)
    for row in rows:
        nomination = row.nomination
        row.delegation_name = (nomination.delegation.member_state.name if nomination else "")
        row.group_label = nomination.get_group_display() if nomination else ""
        row.capacity = nomination.get_role_display() if nomination else ""
    return rows


def _speaking(sitting):
    current = (SpeakerRequest.objects.filter(sitting=sitting, status=SpeakerStatus.SPEAKING)
               .select_related("person", "nomination__delegation__member_state").first())
    if current is None:
        return None, None
    elapsed = max(0, int((timezone.now() - current.started_at).total_seconds()))
    return current, rules.clock(elapsed, sitting.time_limit_seconds)


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
}


def _version(request):
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


def _console_act(request, sitting, action, enter_form):
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


@login_required
def console(request, pk):
    sitting = _sitting(pk)
    require(permissions.can_drive_console(request.user, sitting))
    action = request.POST.get("action", "") if request.method == "POST" else ""
    enter_form = EnterRequestForm(request.POST if action == "enter" else None,
                                  session=sitting.session, prefix="enter")
    if request.method == "POST":
        try:
            done = _console_act(request, sitting, action, enter_form)
        except ServiceError as error:
            messages.error(request, error.message)
            done = False
        if done:
            messages.success(request, CONSOLE_MESSAGES[action])
            return redirect("sittings:console", pk=sitting.pk)
        sitting = _sitting(pk)
    current, clock = _speaking(sitting)
    return render(request, "sittings/console.html", {
        "sitting": sitting, "rows": _rows(sitting), "current": current, "clock": clock,
        "enter_form": enter_form, "items": sitting.agenda_items.order_by("position", "id"),
        "ordering": _ordering(sitting), "events": _events(sitting)})


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
    current, clock = _speaking(sitting)
    return render(request, "sittings/floor.html", {
        "sitting": sitting, "rows": _rows(sitting), "current": current, "clock": clock,
        "form": form, "mine": mine,
        "console": permissions.can_drive_console(request.user, sitting)})
