"""The worker: django-tasks-db's database worker, with Tripartite's additions.

:meth:`JobWorker.run_once` takes one ready task off the queue and runs it (the loop's body;
the tests call it to run what a request queued). :meth:`JobWorker.run` loops over it and,
every ``JOBS_RESUME_EVERY`` seconds, queues again the jobs whose worker died
(:func:`tripartite.jobs.services.jobs_resume_stale`), and every ``JOBS_PRUNE_EVERY`` seconds
removes the jobs finished over ``JOBS_KEEP_DAYS`` days ago with their files
(:func:`tripartite.jobs.services.jobs_prune`).
"""

import logging
import time

from django.conf import settings
from django.db import close_old_connections
from django.db.utils import OperationalError
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from tripartite.jobs import services

logger = logging.getLogger(__name__)

class JobWorker(Worker):
    def __init__(self, *, backend_name: str = "default", interval: float = 1.0,
                 max_tasks: int | None = None, worker_id: str | None = None,
                 startup_delay: bool = False) -> None:
        super().__init__(queue_names=["*"], interval=interval, batch=False,
                         backend_name=backend_name, startup_delay=startup_delay,
                         max_tasks=max_tasks, worker_id=worker_id or get_random_string(32),
                         excluded_queue_names=[])
        self._resumed_at = 0.0
        self._pruned_at = 0.0

    def run_once(self) -> bool:
        """Run one ready task, if there is one; whether one ran."""
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        with exclusive_transaction(tasks.db):
            try:
                found = tasks.get_locked()
                if found is not None:
                    found.claim(self.worker_id)  # no other worker takes it now
            except OperationalError as error:
                if not is_locked_database_exception(error):
                    raise
                found = None  # SQLite busy: try again at the next turn
        if found is None:
            return False
        self.run_task(found)
        return True

    def resume_stale_jobs(self) -> None:
        now = time.monotonic()
        if now - self._resumed_at < settings.JOBS_RESUME_EVERY:
            return
        self._resumed_at = now
        try:
            for job in services.jobs_resume_stale():
                logger.warning("Job %s had lost its worker: queued again.", job.pk)
        except OperationalError as error:
            logger.info("Resuming stale jobs skipped: %s", error)

    def prune_old_jobs(self) -> None:
        """Every JOBS_PRUNE_EVERY seconds (the first time at start), remove the jobs finished
        over JOBS_KEEP_DAYS ago and their files. Several workers may do it at once: each job
        is removed under its row's lock, once."""
        now = time.monotonic()
        if self._pruned_at and now - self._pruned_at < settings.JOBS_PRUNE_EVERY:
            return
        self._pruned_at = now
        try:
            pruned = services.jobs_prune()
        except (OperationalError, OSError) as error:
            logger.info("Pruning old jobs skipped: %s", error)
            return
        if pruned.jobs or pruned.tasks:
            logger.info("Pruned %s old job(s), %s file(s), %s finished task(s).", pruned.jobs,
                        pruned.files, pruned.tasks)

    def run(self) -> None:
        logger.info("Worker %s started", self.worker_id)
        while self.running:
            close_old_connections()
            self.resume_stale_jobs()
            self.prune_old_jobs()
            ran = self.run_once()
            close_old_connections()
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            if self.running and not ran:
                time.sleep(self.interval)


def run_queued_tasks(*, limit: int | None = None) -> int:
    """Run the queued tasks until none is ready (or ``limit`` of them): the tests' worker."""
    worker = JobWorker()
    ran = 0
    while (limit is None or ran < limit) and worker.run_once():
        ran += 1
    return ran
