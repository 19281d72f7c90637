from django.core.management.base import BaseCommand

from tripartite.correspondence import starter
from tripartite.correspondence.install import install_starter_templates


class Command(BaseCommand):
    help = ("Put the starter letter templates (EN/FR/ES) into the library, or with --write "
            "rebuild their Word files in tripartite/correspondence/data/.")

    def add_arguments(self, parser):
        parser.add_argument("--write", action="store_true",
                            help="Rebuild the Word files from the texts in starter.py.")

    def handle(self, *args, write=False, **options):
        if write:
            for path in starter.write_files():
                self.stdout.write(str(path))
            return
        created = install_starter_templates(actor=None)
        self.stdout.write(f"{len(created)} templates added to the library.")
