from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tripartite.common.forms import save_with_service, seen_version_initial
from tripartite.meetings import permissions, selectors, services
from tripartite.meetings.forms import (
    AgendaItemForm,
    CommitteeForm,
    MeetingForm,
    OfficerForm,
    SessionForm,
)
from tripartite.meetings.models import AgendaItem, Meeting, Officer, Session


def _require_manager(user):
    if not permissions.can_manage_meetings(user):
        raise PermissionDenied


@login_required
def meeting_list(request):
    return render(request, "meetings/meeting_list.html",
                  {"meetings": selectors.meetings_with_sessions()})


@login_required
def meeting_create(request):
    _require_manager(request.user)
    form = MeetingForm(request.POST or None)
    created = {}

    def save(data):
        data.pop("seen_updated_at", None)
        created["meeting"] = services.meeting_create(actor=request.user, **data)

    if save_with_service(request, form, save):
        messages.success(request, _("The meeting was created."))
        return redirect("meetings:meeting_detail", pk=created["meeting"].pk)
    return render(request, "meetings/form.html", {"form": form, "heading": _("New meeting")})


@login_required
def meeting_detail(request, pk):
    meeting = get_object_or_404(selectors.meetings_with_sessions(), pk=pk)
    return render(request, "meetings/meeting_detail.html", {"meeting": meeting})


@login_required
def meeting_edit(request, pk):
    _require_manager(request.user)
    meeting = get_object_or_404(Meeting, pk=pk)
    fresh = get_object_or_404(Meeting, pk=pk)
    form = MeetingForm(request.POST or None, instance=meeting,
                       initial={"seen_updated_at": seen_version_initial(meeting)})

    def save(data):
        seen = data.pop("seen_updated_at", None)
        services.meeting_update(meeting=fresh, actor=request.user, changes=data,
                                seen_updated_at=seen)

    if save_with_service(request, form, save):
        messages.success(request, _("The meeting was saved."))
        return redirect("meetings:meeting_detail", pk=pk)
    return render(request, "meetings/form.html",
                  {"form": form, "heading": str(meeting), "object": meeting})


@login_required
def session_create(request, meeting_pk):
    _require_manager(request.user)
    meeting = get_object_or_404(Meeting, pk=meeting_pk)
    form = SessionForm(request.POST or None)
    created = {}

    def save(_data):
        created["session"] = services.session_create(actor=request.user, meeting=meeting,
                                                     **form.create_values())

    if save_with_service(request, form, save):
        messages.success(request, _("The session was created. Now add its agenda items."))
        return redirect("meetings:session_detail", pk=created["session"].pk)
    return render(request, "meetings/form.html", {
        "form": form, "heading": _("New session of %(meeting)s") % {"meeting": meeting}})


@login_required
def session_detail(request, pk):
    session = get_object_or_404(selectors.sessions_for_detail(), pk=pk)
    can_manage = permissions.can_manage_meetings(request.user)
    return render(request, "meetings/session_detail.html", {
        "session": session, "can_manage": can_manage,
        "item_form": AgendaItemForm(session=session) if can_manage else None,
    })


@login_required
def session_edit(request, pk):
    _require_manager(request.user)
    session = get_object_or_404(Session, pk=pk)
    form = SessionForm(request.POST or None, initial=SessionForm.initial_for(session))

    def save(data):
        services.session_update(session=session, actor=request.user,
                                changes=form.service_values(),
                                seen_updated_at=data.get("seen_updated_at"))

    if save_with_service(request, form, save):
        messages.success(request, _("The session was saved."))
        return redirect("meetings:session_detail", pk=pk)
    return render(request, "meetings/form.html",
                  {"form": form, "heading": str(session), "object": session})


@login_required
def agenda_item_create(request, session_pk):
    _require_manager(request.user)
    session = get_object_or_404(Session, pk=session_pk)
    form = AgendaItemForm(request.POST or None, session=session)

    def save(data):
        data.pop("seen_updated_at", None)
        services.agenda_item_create(actor=request.user, session=session, **data)

    if save_with_service(request, form, save):
        messages.success(request, _("The agenda item was added."))
        return redirect("meetings:session_detail", pk=session.pk)
    return render(request, "meetings/form.html", {
        "form": form, "heading": _("New agenda item"), "session": session})


@login_required
def agenda_item_edit(request, pk):
    _require_manager(request.user)
    item = get_object_or_404(AgendaItem.objects.select_related("session"), pk=pk)
    fresh = get_object_or_404(AgendaItem, pk=pk)
    form = AgendaItemForm(request.POST or None, instance=item, session=item.session,
                          initial={"seen_updated_at": seen_version_initial(item)})

    def save(data):
        seen = data.pop("seen_updated_at", None)
        if data.get("position") is None:
            data["position"] = fresh.position
        services.agenda_item_update(item=fresh, actor=request.user, changes=data,
                                    seen_updated_at=seen)

    if save_with_service(request, form, save):
        messages.success(request, _("The agenda item was saved."))
        return redirect("meetings:session_detail", pk=item.session_id)
    return render(request, "meetings/form.html", {
        "form": form, "heading": str(item), "session": item.session, "object": item,
        "delete_url": "meetings:agenda_item_delete"})


@login_required
@require_POST
def agenda_item_delete(request, pk):
    _require_manager(request.user)
    item = get_object_or_404(AgendaItem, pk=pk)
    session_pk = item.session_id
    services.agenda_item_delete(item=item, actor=request.user)
    messages.success(request, _("The agenda item was removed."))
    return redirect("meetings:session_detail", pk=session_pk)


def _session_part_create(request, session_pk, *, form_class, create, done, heading):
    """A form that adds one part (committee, officer) to a session through its service."""
    _require_manager(request.user)
    session = get_object_or_404(Session, pk=session_pk)
    form = form_class(request.POST or None, session=session)

    def save(data):
        create(actor=request.user, session=session, **data)

    if save_with_service(request, form, save):
        messages.success(request, done)
        return redirect("meetings:session_detail", pk=session.pk)
    return render(request, "meetings/form.html",
                  {"form": form, "heading": heading, "session": session})


@login_required
def committee_create(request, session_pk):
    return _session_part_create(request, session_pk, form_class=CommitteeForm,
                                create=services.committee_create,
                                done=_("The committee was added."), heading=_("New committee"))


@login_required
def officer_create(request, session_pk):
    return _session_part_create(request, session_pk, form_class=OfficerForm,
                                create=services.officer_create,
                                done=_("The officer was added."), heading=_("New officer"))


@login_required
@require_POST
def officer_delete(request, pk):
    _require_manager(request.user)
    officer = get_object_or_404(Officer, pk=pk)
    session_pk = officer.session_id
    services.officer_delete(officer=officer, actor=request.user)
    messages.success(request, _("The officer was removed."))
    return redirect("meetings:session_detail", pk=session_pk)
