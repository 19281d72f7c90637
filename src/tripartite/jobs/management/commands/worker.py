"""`tripartite worker`: runs the background jobs queued by the web servers.

django-tasks-db's database worker with the house's settings: every queue, the Tripartite
job runner's signs of life, and stale jobs (their worker died) queued again. Several may run
at once, on one machine or several: each task is taken by one of them. Ctrl-C (SIGINT) or
SIGTERM lets the job in hand finish, then stops; a second one stops at once (the job is then
resumed by another worker, or by this one when it starts again).
"""

from django.core.management.base import BaseCommand, CommandError
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.compat import task_backends

from tripartite.jobs import runner
from tripartite.jobs.worker import JobWorker


class Command(BaseCommand):
    help = "Run the background worker (the jobs: letters, badges, lists, documents, exports)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0,
                            help="seconds between two looks at an empty queue (default 1)")
        parser.add_argument("--max-tasks", type=int, default=None,
                            help="stop after this many tasks (default: never)")
        parser.add_argument("--heartbeat", type=float, default=runner.DEFAULT_HEARTBEAT_SECONDS,
                            help="seconds between two signs of life of a running job "
                                 f"(default {runner.DEFAULT_HEARTBEAT_SECONDS:g})")

    def handle(self, *args, interval: float, max_tasks: int | None, heartbeat: float,
               **options):
        if not isinstance(task_backends["default"], DatabaseBackend):
            raise CommandError("The worker needs the database queue: unset TASK_BACKEND or "
                               "set it to database.")
        if interval < 0 or heartbeat <= 0 or (max_tasks is not None and max_tasks < 1):
            raise CommandError("--interval must be ≥ 0, --heartbeat > 0, --max-tasks ≥ 1.")
        runner.heartbeat_seconds = heartbeat
        worker = JobWorker(interval=interval, max_tasks=max_tasks, startup_delay=True)
        worker.configure_signals()
        self.stdout.write(f"Tripartite worker {worker.worker_id[:8]} is waiting for jobs.")
        self.stdout.flush()
        worker.run()
