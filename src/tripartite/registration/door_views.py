"""The doors' pages: check-in, attendance and the quorum base, departures, door figures.

Thin views: reading goes through ``attendance`` and ``figures``, writing through
``services.checkin.scan`` and ``services.departures``; ``permissions`` decides who may do what,
and a POST from someone who may not write is refused before anything is read from it.
"""

import uuid
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tripartite.common.forms import add_service_error, seen_version_initial
from tripartite.common.services import ServiceError
from tripartite.common.text import sort_key
from tripartite.common.views import require
from tripartite.constituents.models import MemberState
from tripartite.meetings.models import Session
from tripartite.registration import attendance, figures, permissions
from tripartite.registration.door_forms import (
    AttendanceFilterForm,
    CheckInForm,
    DepartureForm,
    QuorumAtForm,
    QuorumBasisForm,
)
from tripartite.registration.models import Badge, QuorumBasis, Registration, Scan
from tripartite.registration.services import checkin, departures
from tripartite.rules.voting import quorum_from_entitled

REMEMBERED_SESSION = "registration.checkin_session"
REMEMBERED_DOOR = "registration.checkin_door"
ATTENDANCE_PAGE_SIZE = 100


def _session(session_pk) -> Session:
    return get_object_or_404(Session.objects.select_related("meeting"), pk=session_pk)


def _wants_fragment(request) -> bool:
    return (request.headers.get("HX-Request") == "true"
            or request.headers.get("X-Requested-With") == "fetch")


# --- check-in --------------------------------------------------------------------------------

@login_required
def checkin_start(request):
    """Pick the session to check in for; the last one picked opens directly.

    Offered: sessions sitting or to come, and any session whose badges were printed."""
    require(permissions.can_check_in(request.user))
    remembered = request.session.get(REMEMBERED_SESSION)
    if remembered and "choose" not in request.GET and Session.objects.filter(
            pk=remembered).exists():
        return redirect("registration:checkin", session_pk=remembered)
    recent = timezone.now() - timedelta(days=2)
    with_badges = Exists(Badge.objects.filter(session=OuterRef("pk")))
    sessions = (Session.objects.select_related("meeting")
                .filter(Q(closes_at__gte=recent) | Q(with_badges)).order_by("-opens_at")[:30])
    return render(request, "registration/checkin_start.html", {"sessions": sessions})


def _doors_seen(session) -> list[str]:
    return list(Scan.objects.filter(session=session).order_by("door")
                .values_list("door", flat=True).distinct()[:50])


@login_required
def checkin_page(request, session_pk):
    """The door's page: scan with the camera or a hand scanner, or type the code."""
    require(permissions.can_check_in(request.user))
    session = _session(session_pk)
    request.session[REMEMBERED_SESSION] = session.pk
    outcome, status, error = None, 200, None
    if request.method == "POST":
        form = CheckInForm(request.POST)
        if form.is_valid():
            try:
                outcome = checkin.scan(session, form.cleaned_data["token"],
                                       form.cleaned_data["door"], request.user,
                                       request_id=form.cleaned_data["request_id"])
                request.session[REMEMBERED_DOOR] = form.cleaned_data["door"]
            except ServiceError as refusal:
                status, error = refusal.status, refusal.message
                add_service_error(form, refusal)
        else:
            status = 400
            error = " ".join(message for messages_ in form.errors.values()
                             for message in messages_)
        if _wants_fragment(request):
            return render(request, "registration/checkin_result.html",
                          {"outcome": outcome, "error": error, "session": session},
                          status=status)
    door = request.session.get(REMEMBERED_DOOR, "")
    # Without JavaScript the form carries a fresh id from here: a resent form counts once.
    form = CheckInForm(initial={"door": door, "request_id": uuid.uuid4().hex})
    return render(request, "registration/checkin.html", {
        "session": session, "form": form, "outcome": outcome, "error": error,
        "doors": _doors_seen(session), "closed_warning": session.closed_warning()},
        status=status)


# --- attendance and the quorum base ----------------------------------------------------------

def _affiliations(session) -> list[tuple[str, str]]:
    """(stored affiliation, label) of the session's registrations: a State's name (stored in
    English for the badge) in the reader's language, an organization as typed."""
    stored = set(Registration.objects.filter(session=session).exclude(affiliation="")
                 .values_list("affiliation", flat=True))
    names = {state.name_en: str(state.name)  # type: ignore[attr-defined]
             for state in MemberState.objects.filter(name_en__in=stored)}
    return sorted(((value, names.get(value) or value) for value in stored),
                  key=lambda pair: sort_key(pair[1]))


def _quorum(session, at) -> dict:
    base = attendance.quorum_base(session, at)
    return {"base": base, "quorum": quorum_from_entitled(base.total), "at": at}


@login_required
def attendance_index(request):
    """The sessions that have registrations, latest first."""
    require(permissions.can_view_attendance(request.user))
    sessions = (Session.objects.select_related("meeting")
                .filter(Exists(Registration.objects.filter(session=OuterRef("pk"))))
                .order_by("-opens_at")[:50])
    return render(request, "registration/attendance_index.html", {"sessions": sessions})


@login_required
def attendance_page(request, session_pk):
    """Who is registered and who came in on a day; the quorum base now and at a time."""
    require(permissions.can_view_attendance(request.user))
    session = _session(session_pk)
    days = attendance.session_days(session)
    data = request.GET.copy()
    data.setdefault("day", attendance.default_day(session).isoformat())
    form = AttendanceFilterForm(data, days=days, delegations=_affiliations(session))
    filters = form.cleaned_data if form.is_valid() else {}
    day = date.fromisoformat(filters.get("day") or attendance.default_day(session).isoformat())
    rows = attendance.day_attendance(session, day)
    if filters.get("delegation"):
        rows = rows.filter(affiliation=filters["delegation"])
    if filters.get("group"):
        rows = rows.filter(category=filters["group"])
    if filters.get("presence") == "in":
        rows = rows.filter(came_in__isnull=False)
    elif filters.get("presence") == "out":
        rows = rows.filter(came_in__isnull=True)
    if filters.get("q"):
        rows = rows.filter(Q(person__name__icontains=filters["q"])
                           | Q(person__name_latin__icontains=filters["q"]))
    counts = {"registered": rows.filter(registered_at__isnull=False).count(),
              "came_in": rows.filter(came_in__isnull=False).count(),
              "listed": rows.count()}
    page = Paginator(rows.order_by("person__name_latin", "pk"), ATTENDANCE_PAGE_SIZE).get_page(
        request.GET.get("page"))

    with timezone.override(session.zone):
        at_form = QuorumAtForm(request.GET if "at" in request.GET else None,
                               label=_("The quorum base at another time"))
        chosen_at = at_form.cleaned_data.get("at") if at_form.is_valid() else None
    basis = attendance.quorum_basis(session)
    return render(request, "registration/attendance.html", {
        "session": session, "form": form, "day": day, "page": page, "counts": counts,
        "now": _quorum(session, timezone.now()),
        "then": _quorum(session, chosen_at) if chosen_at else None, "at_form": at_form,
        "basis": basis, "basis_label": QuorumBasis(basis).label,
        "basis_form": QuorumBasisForm(initial={"quorum_basis": basis}),
        "can_notify": permissions.can_notify_departure(request.user),
        "can_set_basis": permissions.can_set_quorum_basis(request.user),
    })


@login_required
@require_POST
def attendance_basis(request, session_pk):
    """Choose the session's practice: desk registration or accreditation (ILC-3)."""
    require(permissions.can_set_quorum_basis(request.user))
    session = _session(session_pk)
    form = QuorumBasisForm(request.POST)
    if form.is_valid():
        departures.set_quorum_basis(session, form.cleaned_data["quorum_basis"],
                                    actor=request.user)
        messages.success(request, _("The quorum base is now counted as follows: %(basis)s.")
                         % {"basis": QuorumBasis(form.cleaned_data["quorum_basis"]).label})
    else:
        messages.error(request, _("Choose how the quorum base is counted."))
    return redirect("registration:attendance", session_pk=session.pk)


@login_required
def departure(request, pk):
    """Notify (or withdraw) a participant's departure."""
    require(permissions.can_notify_departure(request.user))
    registration = get_object_or_404(
        Registration.objects.select_related("person", "session", "departure_notified_by"),
        pk=pk)
    session = registration.session
    back = reverse("registration:attendance", kwargs={"session_pk": session.pk})
    with timezone.override(session.zone):
        form = DepartureForm(request.POST or None, initial={
            "updated_at": seen_version_initial(registration),
            "effective_at": timezone.localtime(registration.departed_at, session.zone)
            if registration.departed_at else None})
        valid = request.method == "POST" and form.is_valid()
    if valid:
        seen = form.cleaned_data["updated_at"]
        try:
            if request.POST.get("action") == "withdraw":
                departures.withdraw_departure(registration, actor=request.user,
                                              seen_updated_at=seen)
                messages.success(request, _("The departure of %(name)s was withdrawn: they "
                                            "count again.") % {"name": registration.person})
            else:
                departures.notify_departure(
                    registration, actor=request.user, seen_updated_at=seen,
                    effective_at=form.cleaned_data["effective_at"])
                messages.success(request, _("The departure of %(name)s is recorded.")
                                 % {"name": registration.person})
            return redirect(back)
        except ServiceError as refusal:
            add_service_error(form, refusal)
    return render(request, "registration/attendance_departure.html", {
        "registration": registration, "session": session, "form": form, "back": back},
        status=400 if request.method == "POST" else 200)


# --- figures --------------------------------------------------------------------------------

@login_required
def figures_page(request, session_pk):
    require(permissions.can_view_door_figures(request.user))
    session = _session(session_pk)
    return render(request, "registration/figures.html", {
        "session": session, "figures": figures.door_figures(session)})
