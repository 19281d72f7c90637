"""The Credentials Committee's figures: persons accredited and registered, Ministers apart,
and the quorum base from the registered delegates entitled to vote, at a stated moment.

The page lives here rather than beside the Committee's other pages (delegations) because
registration is a floor above delegations: it reads both the accreditation and the desk.
Its address is the one it always had, under /delegations/.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tripartite.common import exports
from tripartite.common.views import require
from tripartite.delegations import permissions as delegation_permissions
from tripartite.meetings.models import Session
from tripartite.registration import figures, permissions
from tripartite.registration.door_forms import QuorumAtForm


def _session(session_pk) -> Session:
    return get_object_or_404(Session.objects.select_related("meeting"), pk=session_pk)


def _at(request, session):
    """The moment asked for (in the session's time zone), or now; and the form that asked."""
    with timezone.override(session.zone):
        form = QuorumAtForm(request.GET if request.GET.get("at") else None,
                            label=_("The figures at another time"))
        chosen = form.cleaned_data.get("at") if form.is_valid() else None
    return chosen or timezone.now(), form


@login_required
def credentials_figures(request, session_pk):
    require(permissions.can_view_credentials_figures(request.user))
    session = _session(session_pk)
    at, form = _at(request, session)
    nav = {"delegations": delegation_permissions.can_view_delegations(request.user),
           "objections": delegation_permissions.can_view_objections(request.user)}
    return render(request, "registration/credentials_figures.html", {
        "session": session, "nav": nav, "at_form": form,
        "figures": figures.credentials_figures(session, at)})


@login_required
def credentials_figures_csv(request, session_pk):
    require(permissions.can_view_credentials_figures(request.user))
    session = _session(session_pk)
    at, _form = _at(request, session)
    return exports.download(
        figures.credentials_figures_csv(figures.credentials_figures(session, at)),
        filename=f"credentials-figures-{session.number or session.pk}.csv",
        content_type=exports.CSV_TYPE)
