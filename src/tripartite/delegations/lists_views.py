"""Pages of the lists of delegations.

The current list (the secretariat side: ``can_view_delegations``) and the published lists
(public documents: every logged-in user), each as a web page, a PDF, an Excel workbook and
a CSV file; and publishing (``can_review_credentials``), through ``list_publish``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tripartite.common import fonts
from tripartite.common.confirm import Confirmation, confirmation_page, is_confirmed
from tripartite.common.services import PermissionDeniedError, ServiceError
from tripartite.delegations import list_files, lists, permissions
from tripartite.delegations.list_files import ListDocument
from tripartite.delegations.models import PublishedList
from tripartite.delegations.services import lists as list_services
from tripartite.meetings.models import Session

READ_METHODS = ("GET", "HEAD")


def _not_a_read(request):
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    return None


def _order(request, session) -> str:
    order = request.POST.get("order") if request.method == "POST" else request.GET.get("order")
    return lists.list_language(order, lists.session_list_language(session))


def _current_session(request, session_pk) -> Session:
    session = get_object_or_404(Session.objects.select_related("meeting"), pk=session_pk)
    if not permissions.can_view_delegations(request.user):
        raise PermissionDenied
    return session


def _current(request, session) -> ListDocument:
    return list_files.current_document(session, _order(request, session))


def _published_list(request, pk) -> PublishedList:
    published = get_object_or_404(
        PublishedList.objects.select_related("session__meeting"), pk=pk)
    if not permissions.can_view_published_lists(request.user):
        raise PermissionDenied
    return published


def _published(request, published) -> ListDocument:
    return list_files.published_document(published, _order(request, published.session))


def _names(document: ListDocument):
    for row in document.rows:
        yield row["name"]
        yield row.get("name_latin") or ""
        yield row.get("function") or ""


def _page(request, document: ListDocument, template: str, extra: dict):
    fonts.warn_missing(request, _names(document))  # its PDF would print empty boxes
    states = lists.sections(document.rows, document.language)
    changes = {change: sum(1 for row in document.rows if row.get("change") == change)
               for change in (lists.ADDED, lists.WITHDRAWN, lists.CHANGED)}
    return render(request, template, {
        "document": document, "session": document.session, "states": states,
        "counts": lists.counts(document.rows), "changes": changes,
        "legend": lists.change_legend() if document.marked else [],
        "orders": [("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))],
        **extra,
    })


def _file(request, file_format: str, *, session, published=None):
    """A list's PDF, Excel or CSV file is made by the worker (a job): GET offers to make it,
    POST queues it and leads to the job's progress, where the file waits when ready."""
    if request.method in READ_METHODS:
        name = list_files.FORMAT_NAMES[file_format]
        if file_format == "pdf":
            document = (list_files.published_document(published, _order(request, session))
                        if published else list_files.current_document(
                            session, _order(request, session)))
            fonts.warn_missing(request, _names(document))
        return render(request, "jobs/start.html", {
            "title": _("%(format)s of the %(list)s") % {"format": name, "list": (
                lists.list_title(published.kind, published.number) if published
                else lists.list_title("current"))},
            "explanation": _("The file is made in the background: you will see its "
                             "progress, and find it under “My downloads” when it is ready."),
            "button": _("Make the %(format)s file") % {"format": name},
            "order": request.GET.get("order", "")})
    if request.method != "POST":
        return HttpResponseNotAllowed([*READ_METHODS, "POST"])
    try:
        job = list_services.list_file_queue(
            actor=request.user, session=session, published=published,
            order=_order(request, session), file_format=file_format,
            back_url=reverse("delegations:list_published", args=[published.pk]) if published
            else reverse("delegations:list_current", args=[session.pk]))
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    return redirect("jobs:job_detail", pk=job.pk)


def publishable_kinds(session) -> list[tuple[str, str]]:
    """(kind, button label) of the lists that may be published next."""
    earlier = list(PublishedList.objects.filter(session=session)
                   .values_list("kind", flat=True))
    if not earlier:
        return [("provisional", _("Publish the provisional list"))]
    if PublishedList.Kind.FINAL in earlier:
        return []
    number = earlier.count(PublishedList.Kind.REVISED) + 1
    return [("revised", _("Publish revised list No. %(number)s") % {"number": number}),
            ("final", _("Publish the final list"))]


# --- the current list ------------------------------------------------------------------------
# Each view checks the permission first, then the method: a POST from someone who may not
# read gets 403 like a GET, and the list is built only for a read.

@login_required
def list_current(request, session_pk):
    session = _current_session(request, session_pk)
    return _not_a_read(request) or _page(
        request, _current(request, session), "delegations/lists_current.html",
        {"publishable": (publishable_kinds(session)
                         if permissions.can_review_credentials(request.user) else [])})


@login_required
def list_current_pdf(request, session_pk):
    session = _current_session(request, session_pk)
    return _file(request, "pdf", session=session)


@login_required
def list_current_docx(request, session_pk):
    session = _current_session(request, session_pk)
    return _file(request, "docx", session=session)


@login_required
def list_current_xlsx(request, session_pk):
    session = _current_session(request, session_pk)
    return _file(request, "xlsx", session=session)


@login_required
def list_current_csv(request, session_pk):
    session = _current_session(request, session_pk)
    return _file(request, "csv", session=session)


# --- published lists ---------------------------------------------------------------------------

@login_required
def list_index(request, session_pk):
    session = get_object_or_404(Session.objects.select_related("meeting"), pk=session_pk)
    if not permissions.can_view_published_lists(request.user):
        raise PermissionDenied
    return _not_a_read(request) or render(request, "delegations/lists_index.html", {
        "session": session,
        "published": [(published, lists.list_title(published.kind, published.number))
                      for published in PublishedList.objects.filter(session=session)
                      .defer("rows").order_by("id")],
        "can_view_current": permissions.can_view_delegations(request.user),
    })


@login_required
def list_published(request, pk):
    published = _published_list(request, pk)
    return _not_a_read(request) or _page(request, _published(request, published),
                                         "delegations/lists_published.html", {})


@login_required
def list_published_pdf(request, pk):
    published = _published_list(request, pk)
    return _file(request, "pdf", session=published.session, published=published)


@login_required
def list_published_docx(request, pk):
    published = _published_list(request, pk)
    return _file(request, "docx", session=published.session, published=published)


@login_required
def list_published_xlsx(request, pk):
    published = _published_list(request, pk)
    return _file(request, "xlsx", session=published.session, published=published)


@login_required
def list_published_csv(request, pk):
    published = _published_list(request, pk)
    return _file(request, "csv", session=published.session, published=published)


def _publish_facts(session) -> list[tuple[str, str]]:
    counted = lists.counts([lists.nomination_row(n) for n in lists.list_nominations(session)])
    return [(_("Session"), session.title),
            (_("Delegations on the list"), str(counted["states"])),
            (_("Persons on the list"), str(counted["persons"]))]


@login_required
@require_POST
def list_publish(request, session_pk):
    session = get_object_or_404(Session, pk=session_pk)
    if not permissions.can_review_credentials(request.user):
        raise PermissionDenied
    kind = request.POST.get("kind", "")
    publishable = dict(publishable_kinds(session))
    if kind in publishable and not is_confirmed(request):
        return confirmation_page(request, Confirmation(
            title=_("%(action)s?") % {"action": publishable[kind]},
            facts=_publish_facts(session),
            on_behalf_of=_("the Office (%(name)s)") % {"name": request.user},
            consequence=_("A published list is a public document of the session: every "
                          "login can read it, and it cannot be withdrawn or changed. A "
                          "correction needs a revised list."),
            button=publishable[kind],
            cancel_url=reverse("delegations:list_current", kwargs={"session_pk": session.pk})))
    try:
        published = list_services.list_publish(actor=request.user, session=session,
                                       kind=request.POST.get("kind", ""))
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("delegations:list_current", session_pk=session.pk)
    messages.success(request, _("Published: %(title)s.") % {
        "title": lists.list_title(published.kind, published.number)})
    return redirect("delegations:list_published", pk=published.pk)
