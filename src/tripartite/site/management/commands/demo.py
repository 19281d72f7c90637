import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils import timezone

from tripartite.demo.loader import SCALES, demo_logins, is_demo_loaded, load_demo


class Command(BaseCommand):
    help = (
        "Load the demonstration data: the 114th Session of the Conference, Governing Body "
        "sessions, organisations and people of every member State, one login per role. "
        "Deterministic, and loaded once: when the demo is there, running again changes "
        "nothing. To change the scale, start from an empty database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=list(SCALES), default="small",
                            help="small: about 300 people in 12 States; ilc: 6,000 people "
                                 "in all 187 States.")
        parser.add_argument("--if-empty", action="store_true",
                            help="Do nothing when the database already holds any meeting.")
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None,
                            help="The day to place the demo on (YYYY-MM-DD; default: today): "
                                 "the Conference is then in its 11th day.")

    def handle(self, *args, scale, if_empty, today, **options):
        try:
            result = load_demo(scale=scale, if_empty=if_empty,
                               today=today or timezone.localdate())
        except DatabaseError as error:
            raise CommandError(f"The demo data could not be loaded and nothing was changed: "
                               f"{error}") from error
        self.stdout.write(result.message)
        if result.loaded:
            self.stdout.write(", ".join(f"{count} {what}"
                                        for what, count in result.counts.items()))
        if is_demo_loaded():
            self.stdout.write(self.logins_table())

    @staticmethod
    def logins_table() -> str:
        rows = [("username", "role", "password"), *demo_logins()]
        widths = [max(len(row[column]) for row in rows) for column in range(3)]
        lines = ["", "Demo logins:"]
        for row in rows:
            lines.append("  " + "  ".join(cell.ljust(width)
                                          for cell, width in zip(row, widths, strict=True)))
        return "\n".join(line.rstrip() for line in lines)
