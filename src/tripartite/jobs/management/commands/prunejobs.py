"""`tripartite prunejobs`: remove the jobs finished long ago and their files, at once.

The worker does it by itself every JOBS_PRUNE_EVERY seconds (an hour by default); this
command is for a deployment without a worker running, or to see what would go (--dry-run).
"""

from django.core.management.base import BaseCommand, CommandError

from tripartite.jobs.services import jobs_prune


class Command(BaseCommand):
    help = ("Remove the jobs finished (done or failed) over JOBS_KEEP_DAYS days ago, with "
            "their files and the queue's finished tasks as old.")

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None,
                            help="keep the jobs of the last DAYS days (default: "
                                 "JOBS_KEEP_DAYS, 30)")
        parser.add_argument("--dry-run", action="store_true",
                            help="count what would be removed, remove nothing")

    def handle(self, *args, days: int | None, dry_run: bool, **options):
        if days is not None and days < 1:
            raise CommandError("--days must be at least 1.")
        pruned = jobs_prune(keep_days=days, dry_run=dry_run)
        verb = "Would remove" if dry_run else "Removed"
        self.stdout.write(f"{verb} {pruned.jobs} job(s), {pruned.files} file(s) and "
                          f"{pruned.tasks} finished task(s) of the queue.")
