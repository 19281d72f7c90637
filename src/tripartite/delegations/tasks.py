"""Background work of the delegations: a list of delegations (current or published) as a
PDF, an Excel workbook or a CSV file, as a job (``tripartite.jobs``) queued by
:func:`~tripartite.delegations.services.lists.list_file_queue`. It changes nothing in the
database: a run resumed after its worker died simply makes the file again."""

from django_tasks import task

from tripartite.common.services import PermissionDeniedError
from tripartite.delegations import list_files, permissions
from tripartite.delegations.models import PublishedList
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
