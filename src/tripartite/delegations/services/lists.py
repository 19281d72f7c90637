"""Publishing the lists of delegations: the provisional, the revised and the final list."""

from django.db import transaction
from django.utils.translation import gettext as _

from tripartite.accounts.models import User
from tripartite.common.services import PermissionDeniedError, ServiceError, log_action
from tripartite.delegations import lists, permissions
from tripartite.delegations.list_files import FORMAT_NAMES
from tripartite.delegations.models import PublishedList
from tripartite.jobs.models import Job
from tripartite.jobs.services import job_queue
from tripartite.meetings.models import Session

LIST_FILE_TASK = "tripartite.delegations.tasks.make_list_file"


def list_file_queue(*, actor: User, session: Session, published: PublishedList | None = None,
                    order: str, file_format: str = "pdf", back_url: str = "") -> Job:
    """Queue the PDF, Excel workbook or CSV file of the current list (its readers:
    ``can_view_delegations``) or of a published one (every reader of published lists) as a
    job of ``actor``'s; the worker checks the same permission again when it makes it."""
    if file_format not in FORMAT_NAMES:
        raise ServiceError(_("Choose PDF, Word, Excel or CSV."), code="invalid_format")
    if published is None and not permissions.can_view_delegations(actor):
        raise PermissionDeniedError
    if published is not None and not permissions.can_view_published_lists(actor):
        raise PermissionDeniedError
    title = (lists.list_title(published.kind, published.number) if published
             else lists.list_title("current"))
    return job_queue(
        owner=actor, kind="delegations.list_file", task=LIST_FILE_TASK,
        title=_("%(list)s, %(session)s (%(format)s)") % {
            "list": title, "session": session, "format": FORMAT_NAMES[file_format]},
        params={"session": session.pk, "published": published.pk if published else None,
                "order": order, "format": file_format}, back_url=back_url)


@transaction.atomic
def list_publish(*, actor: User, session: Session, kind: str) -> PublishedList:
    """Freeze the current list as the provisional, the next revised, or the final list.

    The provisional list comes first and once; revised lists are numbered 1, 2, …; nothing
    is published after the final list.
    """
    if not permissions.can_review_credentials(actor):
        raise PermissionDeniedError
    if kind not in PublishedList.Kind.values:
        raise ServiceError(_("Choose the provisional, a revised or the final list."),
                           field="kind", code="invalid_kind")
    # Lock the session so that two officers publishing at once get consecutive numbers.
    session = Session.objects.select_for_update().get(pk=session.pk)
    earlier = list(PublishedList.objects.filter(session=session).values_list("kind", flat=True))
    if PublishedList.Kind.FINAL in earlier:
        raise ServiceError(_("The final list was published: no other list can follow it."),
                           field="kind", code="final_published")
    if kind == PublishedList.Kind.PROVISIONAL and earlier:
        raise ServiceError(_("The provisional list was already published: publish a revised "
                             "list."), field="kind", code="provisional_published")
    if kind != PublishedList.Kind.PROVISIONAL and not earlier:
        raise ServiceError(_("Publish the provisional list first."), field="kind",
                           code="no_provisional")
    number = earlier.count(PublishedList.Kind.REVISED) + 1 if kind == "revised" else 1
    language = lists.session_list_language(session)
    rows = lists.current_rows(session, language)
    if not rows:
        raise ServiceError(_("No delegation was submitted yet: the list would be empty."),
                           code="empty_list")
    published = PublishedList.objects.create(session=session, kind=kind, number=number,
                                             published_by=actor, rows=rows)
    log_action(actor=actor, action="delegations.list.published", obj=published, data={
        "session": session.pk, "kind": kind, "number": number, "language": language,
        **lists.counts(rows)})
    return published
