"""Pages of the lists of delegations.

The current list (the secretariat side: ``can_view_delegations``) and the published lists
(public documents: every logged-in user), each as a web page, a PDF, an Excel workbook and
a CSV file; and publishing (``can_review_credentials``), through ``list_publish``.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tripartite.common import exports as common_exports
from tripartite.common.confirm import Confirmation, confirmation_page, is_confirmed
from tripartite.common.services import PermissionDeniedError, ServiceError
from tripartite.delegations import exports, lists, pdf, permissions
from tripartite.delegations.models import PublishedList
from tripartite.delegations.services import lists as list_services
from tripartite.meetings.models import Session

READ_METHODS = ("GET", "HEAD")


@dataclass
class ListDocument:
    """One list as the pages and files show it: ordered rows and what to call them."""

    session: Session
    rows: list
    language: str
    kind: str
    title: str
    dated: str
    marked: bool = False
    published: PublishedList | None = None

    @property
    def session_titles(self) -> list[str]:
        titles = []
        for title in (self.session.title_en, self.session.title_fr, self.session.title_es):
            if title and title not in titles:
                titles.append(title)
        return titles

    def filename(self, extension: str) -> str:
        meeting = self.session.meeting
        number = f"-{self.published.number}" if self.kind == "revised" else ""
        stem = slugify(f"{meeting.acronym or meeting.type} {self.session.number} "
                       f"{self.kind}{number} list of delegations")
        return f"{stem}.{extension}"


def _not_a_read(request):
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    return None


def _order(request, session) -> str:
    return lists.list_language(request.GET.get("order"), lists.session_list_language(session))


def _current_session(request, session_pk) -> Session:
    session = get_object_or_404(Session.objects.select_related("meeting"), pk=session_pk)
    if not permissions.can_view_delegations(request.user):
        raise PermissionDenied
    return session


def _current(request, session) -> ListDocument:
    language = _order(request, session)
    now = timezone.now().astimezone(session.zone)
    return ListDocument(session=session, rows=lists.current_rows(session, language),
                        language=language, kind="current", title=lists.list_title("current"),
                        dated=now.strftime("%Y-%m-%d %H:%M"))


def _published_list(request, pk) -> PublishedList:
    published = get_object_or_404(
        PublishedList.objects.select_related("session__meeting"), pk=pk)
    if not permissions.can_view_published_lists(request.user):
        raise PermissionDenied
    return published


def _published(request, published) -> ListDocument:
    session = published.session
    language = _order(request, session)
    rows, marked = lists.published_rows(published, language)
    return ListDocument(session=session, rows=rows, language=language, kind=published.kind,
                        title=lists.list_title(published.kind, published.number),
                        dated=published.published_at.astimezone(session.zone)
                        .strftime("%Y-%m-%d"),
                        marked=marked, published=published)


def _page(request, document: ListDocument, template: str, extra: dict):
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


def _pdf(document: ListDocument) -> HttpResponse:
    content = pdf.list_pdf(rows=document.rows, language=document.language,
                           title=document.title, session_titles=document.session_titles,
                           published=document.dated, marked=document.marked,
                           timestamp=document.published.published_at
                           if document.published else None)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{document.filename("pdf")}"'
    return response


def _xlsx(document: ListDocument) -> HttpResponse:
    content = exports.to_xlsx(document.rows, language=document.language,
                              marked=document.marked, sheet_title=_("Delegations"))
    return common_exports.download(content, filename=document.filename("xlsx"),
                                   content_type=common_exports.XLSX_TYPE)


def _csv(document: ListDocument) -> HttpResponse:
    content = exports.to_csv(document.rows, language=document.language,
                             marked=document.marked)
    return common_exports.download(content, filename=document.filename("csv"),
                                   content_type=common_exports.CSV_TYPE)


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
    return _not_a_read(request) or _pdf(_current(request, session))


@login_required
def list_current_xlsx(request, session_pk):
    session = _current_session(request, session_pk)
    return _not_a_read(request) or _xlsx(_current(request, session))


@login_required
def list_current_csv(request, session_pk):
    session = _current_session(request, session_pk)
    return _not_a_read(request) or _csv(_current(request, session))


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
    return _not_a_read(request) or _pdf(_published(request, published))


@login_required
def list_published_xlsx(request, pk):
    published = _published_list(request, pk)
    return _not_a_read(request) or _xlsx(_published(request, published))


@login_required
def list_published_csv(request, pk):
    published = _published_list(request, pk)
    return _not_a_read(request) or _csv(_published(request, published))


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
