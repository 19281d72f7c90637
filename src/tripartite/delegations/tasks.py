"""Background work of the delegations: the PDF of a list of delegations (current or
published), as a job (``tripartite.jobs``) queued by
:func:`~tripartite.delegations.services.lists.list_pdf_queue`. It changes nothing in the
database: a run resumed after its worker died simply makes the PDF again."""

from django_tasks import task

from tripartite.common.services import PermissionDeniedError
from tripartite.delegations import list_files, permissions
from tripartite.delegations.models import PublishedList
from tripartite.jobs.runner import JobContext, JobFile, run_job
from tripartite.meetings.models import Session


@task()
def make_list_pdf(job_id: int, attempt: str) -> str:
    return run_job(job_id, attempt, _list_pdf)


def _list_pdf(context: JobContext) -> JobFile:
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
    return JobFile(name=document.filename("pdf"), content=list_files.pdf_content(document),
                   content_type="application/pdf")
