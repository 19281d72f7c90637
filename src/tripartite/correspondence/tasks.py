"""Background work of the correspondence: a mail-merge batch's letters (Word), their PDF
files (LibreOffice, one process per core), then the zip of the letters for "My downloads".

The task runs a job (``tripartite.jobs``), queued by
:func:`~tripartite.correspondence.services.batches.batch_generation_start`. Nothing is done
twice when a job is resumed after its worker died: the letters, their references and register
rows are one transaction, guarded by the batch's generation attempt (a second run finds the
batch generated and goes on to the PDF files), and the PDF files are committed a chunk at a
time, a resumed run converting only the letters still without one.

Sending a batch is a task too (:func:`send_batch`, queued by
:func:`~tripartite.correspondence.services.sending.batch_send_start`): one message at a time
over one connection to the mail server, each letter's ``sent_at`` committed as soon as it
went, the job's progress counting the letters sent. Before each letter the run notes it in
the job (``sending``); a run taken up after its worker died and finding that letter unsent
cannot know whether the mail server took it: it sends the others, not that one, and the job
ends saying so (trying the job again then sends it: the user's decision, not the worker's).
"""

from django.utils.translation import gettext as _
from django_tasks import task

from tripartite.common.services import ServiceError
from tripartite.correspondence import merge
from tripartite.correspondence.models import BatchStatus, Letter, MailMergeBatch
from tripartite.correspondence.services import batches, sending
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


@task()
def send_batch(job_id: int, attempt: str) -> str:
    return run_job(job_id, attempt, _send)


def _send(context: JobContext) -> None:
    batch = MailMergeBatch.objects.get(pk=context.params["batch"])
    total = batch.letters.count()
    already = batch.letters.filter(sent_at__isnull=False).count()
    if batch.status == BatchStatus.SENT:
        context.progress(already, total)
        return None
    if batch.status not in (BatchStatus.GENERATED, BatchStatus.INTERRUPTED,
                            BatchStatus.SENDING):
        raise ServiceError(_("Only a generated batch can be sent."), code="not_generated")
    uncertain = (Letter.objects.filter(pk=context.params.get("sending"), batch=batch,
                                       sent_at__isnull=True).first()
                 if context.params.get("sending") else None)
    pending = list(batch.letters.filter(sent_at__isnull=True).exclude(
        pk=uncertain.pk if uncertain else None).select_related("recipient").order_by("number"))
    problems = sending.unsendable(pending)
    if problems:
        raise ServiceError(_("Nothing more was sent. %(problems)s") % {
            "problems": " ".join(problems)}, code="cannot_send")
    MailMergeBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.SENDING)
    context.progress(already, total, _("Sending the letters"))

    def before(letter: Letter) -> None:
        context.remember(sending=letter.pk)  # committed before the mail server sees it

    def after(sent: int) -> None:
        context.progress(already + sent, total)

    try:
        sending.send_pending(actor=context.owner, batch=batch, pending=pending, before=before,
                             after=after, finish=uncertain is None)
    except ServiceError:
        # The mail server refused the letter in hand: it did not go, the next try sends it.
        context.remember(sending=None)
        raise
    context.remember(sending=None)
    if uncertain is not None:
        message = _("The worker stopped while handing %(reference)s to the mail server: it "
                    "may have gone, so it was not sent again. The other letters were sent. "
                    "Ask the mail server's administrator whether it went; if it did not, try "
                    "this job again to send it.") % {"reference": uncertain.reference}
        MailMergeBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.INTERRUPTED,
                                                          problem=message)
        raise ServiceError(message, code="send_uncertain")
    return None
