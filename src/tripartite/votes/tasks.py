"""Background work of votes: a record vote's results sheet (PDF), as a job
(``tripartite.jobs``) queued by :func:`~tripartite.votes.services.results_sheet_queue`."""

from django.utils.translation import gettext as _
from django_tasks import task

from tripartite.common.services import PermissionDeniedError, ServiceError
from tripartite.jobs.runner import JobContext, JobFile, run_job
from tripartite.votes import permissions
from tripartite.votes.models import Method, Vote, VoteState
from tripartite.votes.pdf import results_sheet_pdf


@task()
def make_results_sheet(job_id: int, attempt: str) -> str:
    return run_job(job_id, attempt, _results_sheet)


def _results_sheet(context: JobContext) -> JobFile:
    vote = Vote.objects.get(pk=context.params["vote"])
    if not permissions.can_view_result(context.owner, vote):
        raise PermissionDeniedError
    if vote.method != Method.RECORD or vote.state not in (VoteState.CLOSED,
                                                          VoteState.PUBLISHED):
        raise ServiceError(_("Only a closed record vote has a results sheet."),
                           code="no_results_sheet")
    language = context.params["language"]
    context.progress(0, 1, _("Making the results sheet"))
    content = results_sheet_pdf(vote, language=language)
    return JobFile(name=f"record-vote-{vote.pk}-{language}.pdf", content=content,
                   content_type="application/pdf")
