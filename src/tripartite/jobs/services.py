"""Queuing, retrying and resuming jobs (every write on a job but its run's own reports,
which ``tripartite.jobs.runner`` makes)."""

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks.base import Task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from tripartite.accounts.models import User
from tripartite.accounts.permissions import is_active_user
from tripartite.common.services import PermissionDeniedError, ServiceError, log_action
from tripartite.jobs import permissions
from tripartite.jobs.models import Job, JobStatus


def stale_after() -> dt.timedelta:
    """A running job without a sign of life for this long lost its worker (killed, machine
    restarted): it is queued again. JOBS_STALE_AFTER (3 minutes by default): the worker beats
    every JOBS_HEARTBEAT (15 s); on SQLite a beat waits for a long transaction of the work (a
    batch's letters: tens of seconds), hence the margin."""
    return dt.timedelta(seconds=settings.JOBS_STALE_AFTER)


def _task(path: str) -> Task[Any, Any]:
    if not path.startswith("tripartite."):
        raise ValueError(f"Not a Tripartite task: {path}")
    found = import_string(path)
    if not isinstance(found, Task):
        raise ValueError(f"Not a task: {path}")
    return found


def _enqueue(job: Job) -> None:
    """Hand the job to the worker. With the database queue the task's row is written in the
    same transaction as the job's, so neither exists without the other; the immediate
    backend (tests that ask for it) runs it once the job is committed."""
    task = _task(job.task_path)
    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(job.pk, job.attempt)
    else:
        job_pk, attempt = job.pk, job.attempt
        transaction.on_commit(lambda: task.enqueue(job_pk, attempt))


@transaction.atomic
def job_queue(*, owner: User, kind: str, title: str, task: Task[Any, Any] | str,
              params: dict[str, Any] | None = None, total: int | None = None,
              back_url: str = "") -> Job:
    """A job for ``owner``, queued for the worker. ``task`` is the feature's task (or its
    dotted path), called with the job's id and attempt. The caller (a feature's service or
    view) has checked that the owner may have what the job makes; the work checks it again
    when it runs, with the owner's rights then."""
    if not is_active_user(owner):
        raise PermissionDeniedError
    job = Job(kind=kind, title=str(title)[:300], owner=owner,
              language=translation.get_language() or owner.language or "en",
              task_path=task if isinstance(task, str) else task.module_path,
              params=params or {}, total=total,
              back_url=back_url[:500] if back_url.startswith("/") else "",
              attempt=uuid.uuid4().hex)
    _task(job.task_path)  # a task that cannot be found again is refused now, not in the worker
    job.save()
    log_action(actor=owner, action="jobs.job.queued", obj=job,
               data={"kind": kind, "params": job.params})
    _enqueue(job)
    return job


@transaction.atomic
def job_retry(*, job: Job, actor: User) -> Job:
    """Queue a failed job again, under a new attempt (the work skips what was done)."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    if not permissions.can_retry_job(actor, job):
        raise PermissionDeniedError
    if job.status != JobStatus.FAILED:
        raise ServiceError(_("Only a failed job can be tried again."), code="not_failed",
                           status=409)
    previous = job.attempt
    job.attempt = uuid.uuid4().hex
    job.status = JobStatus.QUEUED
    job.problem = ""
    job.finished_at = None
    job.save(update_fields=["attempt", "status", "problem", "finished_at", "updated_at"])
    log_action(actor=actor, action="jobs.job.retried", obj=job,
               data={"previous_attempt": previous, "attempt": job.attempt})
    _enqueue(job)
    return job


def jobs_resume_stale(*, now: dt.datetime | None = None) -> list[Job]:
    """Queue again each running job whose worker died (no sign of life for JOBS_STALE_AFTER),
    under a new attempt: the dead run, were it only slow, stops at its next step."""
    limit = (now or timezone.now()) - stale_after()
    resumed = []
    for pk in Job.objects.filter(status=JobStatus.RUNNING, heartbeat_at__lt=limit
                                 ).values_list("pk", flat=True):
        with transaction.atomic():
            job = Job.objects.select_for_update().get(pk=pk)
            if (job.status != JobStatus.RUNNING or job.heartbeat_at is None
                    or job.heartbeat_at >= limit):
                continue
            previous = job.attempt
            job.attempt = uuid.uuid4().hex
            job.status = JobStatus.QUEUED
            job.save(update_fields=["attempt", "status", "updated_at"])
            log_action(actor=None, action="jobs.job.resumed", obj=job,
                       data={"previous_attempt": previous, "attempt": job.attempt,
                             "last_sign_of_life": job.heartbeat_at})
            _enqueue(job)
        resumed.append(job)
    return resumed


@dataclass(frozen=True)
class Pruned:
    jobs: int
    files: int
    tasks: int


def _job_files(pk: int) -> list[str]:
    """Every file under the job's folder (one sub-folder per attempt), on the local disk or
    in the object store."""
    names: list[str] = []
    pending = [f"jobs/{pk}"]
    while pending:
        folder = pending.pop()
        try:
            folders, files = default_storage.listdir(folder)
        except (FileNotFoundError, NotADirectoryError):
            continue
        names.extend(f"{folder}/{name}" for name in files)
        pending.extend(f"{folder}/{name}" for name in folders)
    return names


def jobs_prune(*, now: dt.datetime | None = None, keep_days: int | None = None,
               dry_run: bool = False) -> Pruned:
    """Remove the jobs finished (done or failed) over ``keep_days`` (JOBS_KEEP_DAYS) ago,
    their files (every attempt's) and the queue's finished tasks as old. A job still queued
    or running is never touched. The action log keeps what each job was."""
    days = settings.JOBS_KEEP_DAYS if keep_days is None else keep_days
    limit = (now or timezone.now()) - dt.timedelta(days=days)
    old = Job.objects.filter(status__in=(JobStatus.DONE, JobStatus.FAILED),
                             finished_at__lt=limit)
    tasks = DBTaskResult.objects.finished().filter(finished_at__lt=limit)
    pks = list(old.values_list("pk", flat=True))
    files = 0
    for pk in pks:
        names = _job_files(pk)
        files += len(names)
        if dry_run:
            continue
        with transaction.atomic():
            # Still finished and old (a retry meanwhile keeps it).
            job = old.select_for_update().filter(pk=pk).first()
            if job is None:
                continue
            log_action(actor=None, action="jobs.job.pruned", obj=job,
                       data={"kind": job.kind, "owner": job.owner_id, "files": len(names),
                             "finished_at": job.finished_at, "kept_days": days})
            job.delete()
        for name in names:  # once no job names them
            default_storage.delete(name)
    task_count = tasks.count() if dry_run else tasks.delete()[0]
    return Pruned(jobs=len(pks), files=files, tasks=task_count)
