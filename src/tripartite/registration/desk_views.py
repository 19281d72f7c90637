"""Pages of the registration desk and of the photo upload.

The desk (``permissions.can_use_desk``): find a person by name, delegation or badge number;
confirm their identity; print a badge, a delegation's badges, or every badge never printed
(a PDF, ``badges.py``). Photos: the participant, their State's focal point or the desk
uploads; the page shows the crop; only the confirmation keeps it. Photos are served by
``photo`` to those entitled to see them, never from a public address.
"""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tripartite.common import fonts
from tripartite.common.confirm import Confirmation, confirmation_page, is_confirmed
from tripartite.common.forms import add_service_error
from tripartite.common.services import ServiceError
from tripartite.constituents.models import MemberState
from tripartite.meetings.models import Session
from tripartite.registration import badges, permissions, photos, selectors
from tripartite.registration.desk_forms import (
    AddRegistrationForm,
    PhotoConfirmForm,
    PhotoUploadForm,
    RevokeBadgeForm,
    SearchForm,
)
from tripartite.registration.models import Badge, Registration
from tripartite.registration.services import desk
from tripartite.registration.services.photos import photo_set

PLACEHOLDER_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 40" width="300" height="400">'
    '<rect width="30" height="40" fill="#e6e6e6"/><circle cx="15" cy="15" r="7" fill="#b8b8b8"/>'
    '<path d="M3 40c0-9 5-14 12-14s12 5 12 14z" fill="#b8b8b8"/></svg>')


def _require_desk(request):
    if not permissions.can_use_desk(request.user):
        raise PermissionDenied


class NotPost(Exception):
    pass


def _post_only(request):
    """After the permission check: a GET of an action answers 405 to those allowed, 403 to
    the others (the permission matrix expects so)."""
    if request.method != "POST":
        raise NotPost


def post_action(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotPost:
            return HttpResponseNotAllowed(["POST"])
    return wrapper


def _desk_session(request, session_pk) -> Session:
    session = get_object_or_404(Session.objects.select_related("meeting"), pk=session_pk)
    _require_desk(request)
    return session


def _registration(pk) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("person", "session",
                                            "nomination__delegation__member_state"), pk=pk)


# --- the desk ------------------------------------------------------------------------------

@login_required
def desk_index(request):
    _require_desk(request)
    now = timezone.now()
    sessions = Session.objects.select_related("meeting").order_by("opens_at")
    current = [s for s in sessions if s.closes_at >= now]
    past = [s for s in sessions if s.closes_at < now][::-1][:10]
    return render(request, "registration/desk_index.html",
                  {"current": current, "past": past})


@login_required
def desk_session(request, session_pk):
    session = _desk_session(request, session_pk)
    form = SearchForm(request.GET or None, states=selectors.delegation_states(session))
    results, searched = [], False
    if form.is_valid() and (form.cleaned_data["q"] or form.cleaned_data["state"]):
        searched = True
        results = selectors.search(session, text=form.cleaned_data["q"],
                                   iso2=form.cleaned_data["state"])
    context = {"session": session, "form": form, "results": results, "searched": searched,
               "limit": selectors.SEARCH_LIMIT}
    if request.htmx:
        return render(request, "registration/desk_results.html", context)
    context["counts"] = selectors.session_counts(session)
    fonts.warn_missing(request, selectors.badge_texts(  # its badges would print empty boxes
        Registration.objects.filter(session=session)))
    return render(request, "registration/desk_session.html", context)


@login_required
@post_action
def desk_registrations_create(request, session_pk):
    session = _desk_session(request, session_pk)
    _post_only(request)
    try:
        counts = desk.registrations_from_nominations(actor=request.user, session=session)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _(
            "Registrations from the credentials: %(created)d created, %(updated)d updated, "
            "%(unchanged)d unchanged, %(skipped)d already registered by hand, %(withdrawn)d "
            "no longer accredited.") % counts)
    return redirect("registration:desk_session", session_pk=session.pk)


@login_required
def desk_add(request, session_pk):
    session = _desk_session(request, session_pk)
    form = AddRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            registration = desk.registration_add(actor=request.user, session=session,
                                                 **form.cleaned_data)
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("%(person)s is registered for the session.")
                             % {"person": registration.person})
            return redirect("registration:desk_registration", pk=registration.pk)
    return render(request, "registration/desk_add.html", {"session": session, "form": form})


@login_required
def desk_registration(request, pk):
    registration = _registration(pk)
    _require_desk(request)
    registration = selectors.registrations_queryset().get(pk=registration.pk)
    nomination = registration.nomination
    fonts.warn_missing(request, selectors.badge_texts(
        Registration.objects.filter(pk=registration.pk)))
    # What the badge prints, in the badge's language (the session's).
    badge_language = badges.badge_language(registration.session)
    badge_role, badge_affiliation = badges.role_and_affiliation(registration, badge_language)
    return render(request, "registration/desk_registration.html", {
        "badge_role": badge_role, "badge_affiliation": badge_affiliation,
        "badge_language": badge_language,
        "registration": registration, "session": registration.session,
        "no_longer_accredited": nomination is not None and (
            nomination.withdrawn_in_amendment is not None or not nomination.admitted),
        "badge": selectors.valid_badge(registration),
        "revoke_form": RevokeBadgeForm(),
        "badges": list(registration.badges.all()),
        "state": permissions.registration_state(registration),
    })


@login_required
@post_action
def desk_confirm(request, pk):
    registration = _registration(pk)
    _require_desk(request)
    _post_only(request)
    try:
        desk.identity_confirm(actor=request.user, registration=registration)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Identity of %(person)s confirmed: registered.")
                         % {"person": registration.person})
    return redirect("registration:desk_registration", pk=registration.pk)


@login_required
@post_action
def desk_revoke(request, pk):
    """Revoke a badge without printing another (lost, or its holder no longer accredited)."""
    badge = get_object_or_404(Badge.objects.select_related("registration"), pk=pk)
    _require_desk(request)
    _post_only(request)
    try:
        desk.badge_revoke(actor=request.user, badge=badge,
                          reason=request.POST.get("reason", ""))
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Badge %(number)d is revoked: the doors refuse it.")
                         % {"number": badge.number})
    return redirect("registration:desk_registration", pk=badge.registration_id)


def _print(request, session, registrations, *, filename, back):
    """Print the badges of ``registrations`` and answer with their PDF; one transaction, so
    a PDF that cannot be made leaves no badge printed."""
    try:
        with transaction.atomic():
            printed = desk.badges_print(actor=request.user, session=session,
                                        registrations=registrations)
            content = badges.badges_document(selectors.badges_for_printing(printed),
                                             **badges.session_options(session),
                                             timestamp=timezone.now())
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(back)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{slugify(filename)}.pdf"'
    return response


@login_required
@post_action
def desk_print(request, pk):
    registration = _registration(pk)
    _require_desk(request)
    _post_only(request)
    badge = selectors.valid_badge(registration)
    if badge is not None and not is_confirmed(request):
        # A reprint revokes the badge the person holds: asked first.
        return confirmation_page(request, Confirmation(
            warning=registration.session.closed_warning(),
            title=_("Reprint the badge of %(person)s?") % {"person": registration.person},
            facts=[(_("Person"), str(registration.person)),
                   (_("Delegation or organization"), registration.affiliation or "—"),
                   (_("Badge revoked"), _("No %(number)d") % {"number": badge.number})],
            consequence=_("Badge No %(number)d stops working at the doors as soon as the new "
                          "one is printed.") % {"number": badge.number},
            button=_("Reprint and revoke badge No %(number)d") % {"number": badge.number},
            danger=True,
            cancel_url=reverse("registration:desk_registration", kwargs={"pk": pk})))
    return _print(request, registration.session, [registration],
                  filename=f"badge {registration.person.name_latin}",
                  back=reverse("registration:desk_registration", kwargs={"pk": pk}))


def _print_batch(request, session, member_state: str = ""):
    """Queue a batch of badges (a job) and show its progress; the PDF waits there."""
    back = reverse("registration:desk_session", kwargs={"session_pk": session.pk})
    try:
        job = desk.badges_print_queue(actor=request.user, session=session,
                                      member_state=member_state, back_url=back)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(back)
    return redirect("jobs:job_detail", pk=job.pk)


@login_required
@post_action
def desk_print_delegation(request, session_pk, iso2):
    session = _desk_session(request, session_pk)
    _post_only(request)
    state = get_object_or_404(MemberState, iso2=iso2.upper())
    return _print_batch(request, session, state.iso2)


@login_required
@post_action
def desk_print_unprinted(request, session_pk):
    session = _desk_session(request, session_pk)
    _post_only(request)
    return _print_batch(request, session)


# --- photos --------------------------------------------------------------------------------

@login_required
def photo_index(request):
    if not permissions.can_view_own_photos_page(request.user):
        raise PermissionDenied
    return render(request, "registration/photo_index.html",
                  {"registrations": selectors.photo_registrations(request.user)})


def _photo_registration(request, pk) -> Registration:
    registration = _registration(pk)
    if not permissions.can_upload_photo(request.user, registration):
        raise PermissionDenied
    return registration


def _photo_back(request, registration) -> str:
    if permissions.can_use_desk(request.user):
        return reverse("registration:desk_registration", kwargs={"pk": registration.pk})
    return reverse("registration:photo_index")


@login_required
def photo_upload(request, pk):
    """Step one: upload and check; the page shows the crop, nothing is kept yet."""
    registration = _photo_registration(request, pk)
    form = PhotoUploadForm(request.POST or None, request.FILES or None)
    context = {"registration": registration, "form": form,
               "back": _photo_back(request, registration)}
    if request.method == "POST" and form.is_valid():
        try:
            photo = photos.process_photo(form.cleaned_data["photo"])
        except photos.PhotoError as error:
            form.add_error("photo", error.message)
        else:
            context["preview"] = photos.data_uri(photo.content)
            context["confirm_form"] = PhotoConfirmForm(initial={
                "pending": photos.sign_pending(photo, registration=registration,
                                               user=request.user)})
    return render(request, "registration/photo_upload.html", context)


@login_required
@post_action
def photo_confirm(request, pk):
    """Step two: keep the crop the user saw (signed, so exactly that one)."""
    registration = _photo_registration(request, pk)
    _post_only(request)
    form = PhotoConfirmForm(request.POST)
    error = _("The photo to confirm is missing. Upload it again.")
    if form.is_valid():
        try:
            content = photos.unsign_pending(form.cleaned_data["pending"],
                                            registration=registration, user=request.user)
            photo_set(actor=request.user, registration=registration, content=content)
        except photos.PhotoError as refused:
            error = refused.message
        except ServiceError as refused:
            error = refused.message
        else:
            messages.success(request, _("The photo of %(person)s is kept for the badge.")
                             % {"person": registration.person})
            return redirect(_photo_back(request, registration))
    return render(request, "registration/photo_upload.html", {
        "registration": registration, "form": PhotoUploadForm(), "error": error,
        "back": _photo_back(request, registration)})


@login_required
def photo(request, pk):
    """The photo itself, for those entitled to see it; a neutral silhouette when none."""
    registration = _registration(pk)
    if not permissions.can_view_photo(request.user, registration):
        raise PermissionDenied
    response = None
    if registration.photo:
        try:
            response = FileResponse(registration.photo.open("rb"), content_type="image/jpeg")
        except (FileNotFoundError, OSError):
            response = None
    if response is None:
        response = HttpResponse(PLACEHOLDER_SVG, content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=300"
    response["X-Content-Type-Options"] = "nosniff"
    return response
