"""Background work of the delegations: a list of delegations (current or published) as a
PDF, an Excel workbook or a CSV file, as a job (``tripartite.jobs``) queued by
:func:`~tripartite.delegations.services.lists.list_file_queue`. It changes nothing in the
database: a run resumed after its worker died simply makes the file again.

And the mail that asks someone to act on a delegation: a query to the State's focal points,
an objection to the Credentials Committee (``tripartite.jobs.notifications``)."""

from django.utils.translation import gettext as _
from django_tasks import task

from tripartite.accounts.models import User
from tripartite.accounts.permissions import is_focal_point_of
from tripartite.common.services import PermissionDeniedError
from tripartite.delegations import list_files, permissions
from tripartite.delegations.models import DelegationQuery, Objection, PublishedList
from tripartite.jobs.notifications import absolute_url, send_notice
from tripartite.jobs.runner import JobContext, JobFile, run_job
from tripartite.meetings.models import Session


@task()
def make_list_file(job_id: int, attempt: str) -> str:
    return run_job(job_id, attempt, _list_file)


def _list_file(context: JobContext) -> JobFile:
    params, owner = context.params, context.owner
    if params.get("published"):
        published = PublishedList.objects.select_related("session__meeting").get(
            pk=params["published"])
        if not permissions.can_view_published_lists(owner):
            raise PermissionDeniedError
        document = list_files.published_document(published, params["order"])
    else:
        session = Session.objects.select_related("meeting").get(pk=params["session"])
        if not permissions.can_view_delegations(owner):
            raise PermissionDeniedError
        document = list_files.current_document(session, params["order"])
    file_format = params.get("format", "pdf")
    return JobFile(name=document.filename(file_format),
                   content=list_files.file_content(document, file_format),
                   content_type=list_files.FORMATS[file_format])


# --- mail asking someone to act (tripartite.jobs.notifications) -------------------------------

@task()
def mail_query_sent(user_id: int, query_id: int) -> bool:
    """To a focal point of the State: the Office's query about its delegation."""
    query = DelegationQuery.objects.select_related(
        "delegation__member_state", "delegation__session").filter(pk=query_id).first()
    if query is None:  # deleted meanwhile
        return False
    delegation = query.delegation

    def write(user: User) -> tuple[str, str]:
        values = {"state": delegation.member_state.name, "session": delegation.session.title,
                  "question": query.question, "name": user.get_full_name() or user.username,
                  "url": absolute_url("delegations:portal_delegation", delegation.session_id,
                                      delegation.member_state.iso2)}
        subject = _("Query from the Office about your delegation (%(state)s) — %(session)s"
                    ) % values
        body = _("Dear %(name)s,\n\n"
                 "The Office has a query about your delegation (%(state)s) — %(session)s:\n\n"
                 "%(question)s\n\n"
                 "Please answer it in the delegations portal:\n%(url)s\n") % values
        return subject, body

    return send_notice(user_id, write,
                       lambda user: is_focal_point_of(user, delegation.member_state))


@task()
def mail_objection_lodged(user_id: int, objection_id: int) -> bool:
    """To a member of the Credentials Committee: an objection or complaint to examine."""
    objection = Objection.objects.select_related(
        "delegation__member_state", "session").filter(pk=objection_id).first()
    if objection is None:
        return False

    def write(user: User) -> tuple[str, str]:
        values = {"kind": objection.get_kind_display(),
                  "state": objection.delegation.member_state.name,
                  "session": objection.session.title, "summary": objection.summary,
                  "name": user.get_full_name() or user.username,
                  "url": absolute_url("delegations:committee_objection", objection.pk)}
        subject = _("Credentials Committee — %(kind)s, %(state)s") % values
        body = _("Dear %(name)s,\n\n"
                 "The Credentials Committee has received a new case.\n"
                 "%(kind)s — delegation: %(state)s — %(session)s\n\n"
                 "%(summary)s\n\n"
                 "The Committee decides on its receivability:\n%(url)s\n") % values
        return subject, body

    return send_notice(user_id, write, permissions.can_decide_objections)
