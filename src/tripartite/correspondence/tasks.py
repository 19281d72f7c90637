"""Background work of the correspondence: a mail-merge batch's letters (Word), their PDF
files (LibreOffice, one process per core), then the zip of the letters for "My downloads".

The task runs a job (``tripartite.jobs``), queued by
:func:`~tripartite.correspondence.services.batches.batch_generation_start`. Nothing is done
twice when a job is resumed after its worker died: the letters, their references and register
rows are one transaction, guarded by the batch's generation attempt (a second run finds the
batch generated and goes on to the PDF files), and the PDF files are committed a chunk at a
time, a resumed run converting only the letters still without one.

Sending is not a task: it hands one message at a time to the mail server over one
connection (seconds for a batch of 187), and the user sees at once whether the batch went or
where it stopped, to resume it (each letter's ``sent_at`` is committed as soon as it went).
"""

from django.utils.translation import gettext as _
from django_tasks import task

from tripartite.common.services import ServiceError
from tripartite.correspondence import merge
from tripartite.correspondence.models import BatchStatus, MailMergeBatch
from tripartite.correspondence.services import batches
from tripartite.jobs.runner import JobContext, JobFile, run_job


@task()
def generate_batch(job_id: int, attempt: str) -> str:
    return run_job(job_id, attempt, _generate)


def _generate(context: JobContext) -> JobFile:
    params = context.params
    batch = MailMergeBatch.objects.select_related("template").get(pk=params["batch"])
    pdf_files = bool(params.get("pdf_files", True))
    actor = context.owner
    letters: list[int] = []  # how many the batch has, once known

    def word(done: int, total: int) -> None:
        letters[:] = [total]
        context.progress(done, total * 2 if pdf_files else total, _("Writing the letters"))

    def pdf(done: int, total: int) -> None:
        # ``total`` letters lacked a PDF file when the conversion started.
        if not letters:
            letters.append(batch.letters.count())
        written = letters[0]
        context.progress(written + (written - total) + done, written * 2,
                         _("Converting the letters to PDF"))

    generation = params["generation"]
    if (batch.status == BatchStatus.GENERATING and batch.generation_attempt == generation
            and context.job.attempts > 1):
        # An earlier run of this job died in the letters' transaction (rolled back).
        batch = batches.batch_generation_resume(actor=actor, batch=batch, attempt=generation)
        generation = batch.generation_attempt
        context.remember(generation=generation)
    if batch.status in batches.UNFINISHED:
        # Else the letters were committed by an earlier run of this job: on to the PDFs.
        try:
            batch = batches.batch_generate(actor=actor, batch=batch, pdf_files=False,
                                           attempt=generation, progress=word)
        except ServiceError as error:
            if error.code != "batch_generated":  # by a run thought dead, which was not
                raise
            batch.refresh_from_db()
    if pdf_files:
        context.check()
        batch = batches.batch_pdfs_make(actor=actor, batch=batch, progress=pdf)
        if batch.pdf_problem:
            raise ServiceError(batch.pdf_problem_text, code="pdf_failed")
    context.check()
    batch = MailMergeBatch.objects.select_related("template").get(pk=batch.pk)
    return JobFile(name=merge.zip_name(batch), content=merge.batch_zip(batch).getvalue(),
                   content_type="application/zip")
