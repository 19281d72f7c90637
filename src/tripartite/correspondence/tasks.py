"""Background work of the correspondence: generating a batch (Word, then PDF by LibreOffice).
Tasks take ids; with the default ``immediate`` task backend they run at once,
in the request; with ``TASK_BACKEND=database`` a ``tripartite db_worker`` runs them and the
batch page shows the batch "being generated" until it is done.

A task that fails records the reason on the batch (``problem``), where the page shows it.
A task carries the attempt token its queuing gave: one that starts after its attempt was
abandoned or replaced (the batch generated again after its job was thought dead) does nothing.

Sending is not a task: it hands one message at a time to the mail server over one
connection (seconds for a batch of 187), and the user sees at once whether the batch went or
where it stopped, to resume it.
"""

from django.contrib.auth import get_user_model
from django_tasks import task

from tripartite.common.services import ServiceError
from tripartite.correspondence.models import MailMergeBatch
from tripartite.correspondence.services import batches


def _load(batch_id: int, actor_id: int):
    return (MailMergeBatch.objects.get(pk=batch_id),
            get_user_model().objects.get(pk=actor_id))


@task()
def generate_batch(batch_id: int, actor_id: int, pdf_files: bool = True,
                   attempt: str | None = None) -> str:
    batch, actor = _load(batch_id, actor_id)
    try:
        batch = batches.batch_generate(actor=actor, batch=batch, pdf_files=pdf_files,
                                        attempt=attempt)
    except ServiceError as error:  # written on the batch by the service
        return error.code
    return batch.status
