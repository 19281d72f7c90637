"""Running a job: the side of a job that a worker executes.

A feature's task calls :func:`run_job` with the job's id, the attempt token its queuing gave,
and the work to do. The work receives a :class:`JobContext`: it reads the job's parameters
and owner, reports its progress, and returns the file it made (a :class:`JobFile`), which
the context stores through Django's storage API (``default_storage``: the local disk or the
object store) and offers to the owner.

Doing no part twice. Each run carries the job's attempt token. A run starts only if its token
is the job's and the job is waiting; every report of progress checks the token again, so a
run that was replaced (the job retried, or resumed after its worker was thought dead) stops
at its next step (:class:`JobSuperseded`). Work that changes the database in parts (a letter
at a time) skips the parts already done, so a resumed run carries on where the dead one
stopped; work that changes the database all at once (badges printed, references taken) calls
:meth:`JobContext.complete` inside its own transaction, so that the change and the job's end
are committed together, or neither is.
"""

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tripartite.common.services import ServiceError, log_action
from tripartite.jobs.models import Job, JobStatus, result_path

logger = logging.getLogger(__name__)

# Seconds between two signs of life while a job runs (set by `tripartite worker`, by default
# DEFAULT_HEARTBEAT_SECONDS; None in tests and with the immediate backend, where nobody
# resumes a job). services.STALE_AFTER must leave room for several beats.
DEFAULT_HEARTBEAT_SECONDS = 15.0
heartbeat_seconds: float | None = None
# Progress written from inside a transaction goes through another connection at most this
# often (PostgreSQL; on SQLite the transaction's own write shows when it commits).
PROGRESS_INTERVAL = 1.0


class JobSuperseded(Exception):
    """This run's attempt is no longer the job's: stop, change nothing more."""


@dataclass(frozen=True)
class JobFile:
    name: str
    content: bytes
    content_type: str


class JobContext:
    def __init__(self, job: Job) -> None:
        self.job = job
        self.attempt = job.attempt
        self.completed = False
        self._last_side_write = 0.0

    @property
    def owner(self) -> Any:  # the owner (accounts.User)
        return self.job.owner

    @property
    def params(self) -> dict[str, Any]:
        return self.job.params

    def _ours(self) -> Any:  # QuerySet[Job]
        return Job.objects.filter(pk=self.job.pk, attempt=self.attempt,
                                  status=JobStatus.RUNNING)

    def progress(self, done: int, total: int | None = None, step: str | None = None) -> None:
        """Report ``done`` parts of ``total``; raises JobSuperseded when this run was replaced.

        Inside a transaction the report is written through another connection on PostgreSQL
        (at most once a second), so the page shows it before the transaction commits."""
        changes: dict[str, Any] = {"done": done, "heartbeat_at": timezone.now()}
        if total is not None:
            changes["total"] = total
        if step is not None:
            changes["step"] = step[:200]
        self.job.done = done
        if total is not None:
            self.job.total = total
        if not connection.in_atomic_block:
            if not self._ours().update(**changes):
                raise JobSuperseded
            return
        if connection.vendor == "postgresql":
            now = time.monotonic()
            if now - self._last_side_write >= PROGRESS_INTERVAL or done == total:
                self._last_side_write = now
                _outside_transaction(lambda: self._ours().update(**changes))
        else:
            self._ours().update(**changes)

    def remember(self, **values: Any) -> None:
        """Keep ``values`` in the job's parameters, for the runs that may come after this one
        (e.g. the token of the part this run has taken over)."""
        params = {**self.job.params, **values}
        if not self._ours().update(params=params, heartbeat_at=timezone.now()):
            raise JobSuperseded
        self.job.params = params

    def check(self) -> None:
        """Raise JobSuperseded if this run was replaced (checked outside transactions)."""
        if not self._ours().exists():
            raise JobSuperseded

    def complete(self, result: JobFile | None) -> None:
        """Store ``result`` and mark the job done. Called inside the work's transaction when
        the work commits all at once: the job is done exactly when the work is."""
        with transaction.atomic():
            job = Job.objects.select_for_update().get(pk=self.job.pk)
            if job.attempt != self.attempt or job.status != JobStatus.RUNNING:
                raise JobSuperseded
            name = ""
            if result is not None:
                name = default_storage.save(result_path(job, result.name),
                                            ContentFile(result.content))
            now = timezone.now()
            job.status = JobStatus.DONE
            job.result = name
            job.result_name = result.name if result else ""
            job.result_type = result.content_type if result else ""
            job.finished_at = now
            job.heartbeat_at = now
            if job.total is not None:
                job.done = job.total
            elif self.job.total is not None:
                job.total = job.done = self.job.total
            job.step = ""
            job.save(update_fields=["status", "result", "result_name", "result_type",
                                    "finished_at", "heartbeat_at", "done", "total", "step",
                                    "updated_at"])
            log_action(actor=job.owner, action="jobs.job.done", obj=job,
                       data={"kind": job.kind, "file": job.result_name,
                             "attempt": self.attempt})
        self.job = job
        self.completed = True


def _outside_transaction(write: Callable[[], object]) -> None:
    """Run ``write`` on another connection (a thread has its own), waiting for it; a failure
    only costs a progress report."""
    def target() -> None:
        try:
            write()
        except DatabaseError as error:
            logger.info("A progress report was not written: %s", error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout=10)


def _start(job_id: int, attempt: str) -> Job | None:
    with transaction.atomic():
        job = (Job.objects.select_for_update(of=("self",)).select_related("owner")
               .filter(pk=job_id).first())
        if job is None or job.attempt != attempt or job.status != JobStatus.QUEUED:
            return None
        now = timezone.now()
        job.status = JobStatus.RUNNING
        job.started_at = job.started_at or now
        job.heartbeat_at = now
        job.attempts += 1
        job.problem = ""
        job.save(update_fields=["status", "started_at", "heartbeat_at", "attempts",
                                "problem", "updated_at"])
    return job


def _fail(job: Job, attempt: str, message: str) -> None:
    with transaction.atomic():
        now = timezone.now()
        changed = Job.objects.filter(pk=job.pk, attempt=attempt,
                                     status=JobStatus.RUNNING).update(
            status=JobStatus.FAILED, problem=message, finished_at=now, heartbeat_at=now,
            step="", updated_at=now)
        if changed:
            log_action(actor=job.owner, action="jobs.job.failed", obj=job,
                       data={"kind": job.kind, "problem": message[:500], "attempt": attempt})


class _Heartbeat:
    """A sign of life every ``heartbeat_seconds`` while the work runs, from a thread with its
    own connection; a beat that cannot be written (SQLite busy with the work's transaction)
    is skipped."""

    def __init__(self, job: Job, attempt: str) -> None:
        self.job_id, self.attempt = job.pk, attempt
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._beat, daemon=True,
                                       name=f"job-{job.pk}-heartbeat")

    def _beat(self) -> None:
        try:
            while not self.stopped.wait(heartbeat_seconds):
                try:
                    Job.objects.filter(pk=self.job_id, attempt=self.attempt,
                                       status=JobStatus.RUNNING).update(
                        heartbeat_at=timezone.now())
                except DatabaseError as error:
                    logger.info("Job %s: heartbeat skipped (%s)", self.job_id, error)
        finally:
            connections.close_all()

    def __enter__(self) -> "_Heartbeat":
        if heartbeat_seconds:
            self.thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.stopped.set()
        if self.thread.is_alive():
            self.thread.join(timeout=5)


def run_job(job_id: int, attempt: str, work: Callable[[JobContext], JobFile | None]) -> str:
    """Run ``work`` for the job, in the owner's language; returns the job's end status, or
    "superseded" when this run was not (or no longer) the job's."""
    job = _start(job_id, attempt)
    if job is None:
        return "superseded"
    context = JobContext(job)
    with translation.override(job.language), _Heartbeat(job, attempt):
        try:
            result = work(context)
            if not context.completed:
                context.complete(result)
        except JobSuperseded:
            logger.info("Job %s: attempt %s was replaced; it stopped.", job_id, attempt)
            return "superseded"
        except ServiceError as error:
            _fail(job, attempt, error.message)
            return JobStatus.FAILED
        except ObjectDoesNotExist as error:
            logger.info("Job %s: its input is gone (%s)", job_id, error)
            _fail(job, attempt, _("Something this work needed was deleted meanwhile: nothing "
                                  "was made. Start it again from its page if it still "
                                  "exists."))
            return JobStatus.FAILED
        except Exception as error:
            logger.exception("Job %s (%s) failed", job_id, job.kind)
            _fail(job, attempt, _("The work stopped on an unexpected error: %(error)s. Try "
                                  "again; if it fails again, tell the secretariat.") % {
                "error": str(error)[:300] or type(error).__name__})
            return JobStatus.FAILED
    return JobStatus.DONE
