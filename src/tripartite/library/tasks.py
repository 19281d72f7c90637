"""Background work of the library: a big file's text, extracted for search
(``services.document_file_text_extract``), queued by ``services.document_add``."""

from django_tasks import task

from tripartite.jobs.runner import JobContext, run_job
from tripartite.library import services


@task()
def extract_text(job_id: int, attempt: str) -> str:
    return run_job(job_id, attempt, _extract_text)


def _extract_text(context: JobContext) -> None:
    context.progress(0, 1)
    services.document_file_text_extract(file_id=context.params["file"])
    context.progress(1, 1)

