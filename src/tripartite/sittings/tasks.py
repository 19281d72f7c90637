"""Background work of sittings: the record of proceedings of a sitting and the record of
decisions of a session, as Word or PDF, as jobs (``tripartite.jobs``) queued by
``sittings.services.proceedings_queue`` and ``decisions_queue``."""

from django.utils.translation import gettext as _
from django_tasks import task

from tripartite.common.services import PermissionDeniedError
from tripartite.jobs.runner import JobContext, JobFile, run_job
from tripartite.meetings.models import Session
from tripartite.sittings import permissions, records
from tripartite.sittings.models import Sitting

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@task()
def make_record(job_id: int, attempt: str) -> str:
    return run_job(job_id, attempt, _record)


def _record(context: JobContext) -> JobFile:
    params = context.params
    language, fmt = params["language"], params["format"]
    if "sitting" in params:
        sitting = Sitting.objects.select_related("session__meeting", "chair__person").get(
            pk=params["sitting"])
        if not permissions.can_draft_record(context.owner, sitting):
            raise PermissionDeniedError
        context.progress(0, 1, _("Drafting the record of proceedings"))
        data = records.proceedings_data(sitting, language)
        name = f"record-of-proceedings-sitting-{sitting.pk}-{language}.{fmt}"
    else:
        session = Session.objects.select_related("meeting").get(pk=params["session"])
        if not permissions.can_view_sittings(context.owner):
            raise PermissionDeniedError
        context.progress(0, 1, _("Drafting the record of decisions"))
        data = records.decisions_data(session, language)
        name = f"record-of-decisions-session-{session.pk}-{language}.{fmt}"
    content = records.as_docx(data) if fmt == "docx" else records.as_pdf(data)
    return JobFile(name=name, content=content, content_type=CONTENT_TYPES[fmt])
