"""Correspondence at the scale of the Conference: a note verbale to the Permanent Missions
of all 187 member States, in their languages; seconds for Word only, and for Word plus PDF
(LibreOffice headless, all files in one run).

Run by `make bench` (bench/run.py) in a fresh database: SQLite by default, PostgreSQL when
DATABASE_URL is set. Loads the small demo (its address book holds a Permanent Mission for
every member State). Prints a Markdown table.

    TRIPARTITE_VAR_DIR=$(mktemp -d) DATABASE_URL= .venv/bin/python bench/correspondence.py
"""

import io
import os
import resource
import sys
import time


def cpu() -> float:
    """CPU seconds of this process and of the programs it ran (LibreOffice)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(function):
    """(wall seconds, result); the CPU seconds of the last call are kept in ``timed.cpu``.

    On a machine shared with other work the wall time grows with the load; the CPU time
    much less."""
    start, start_cpu = time.perf_counter(), cpu()
    result = function()
    timed.cpu = cpu() - start_cpu
    return time.perf_counter() - start, result


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from tripartite.accounts.models import User
    from tripartite.common import office
    from tripartite.correspondence import merge
    from tripartite.correspondence.models import LetterTemplate, Selection
    from tripartite.correspondence.services import batches
    from tripartite.meetings.models import Session

    call_command("migrate", verbosity=0)
    call_command("demo", scale="small", if_empty=True, verbosity=0, stdout=io.StringIO())
    secretariat = User.objects.get(username="secretariat")
    session = Session.objects.get(number="114", meeting__type="ilc")
    template = LetterTemplate.objects.get(code="invitation")

    def new_batch():
        return batches.batch_create(actor=secretariat, template=template,
                                     selection=Selection.ALL_MEMBER_STATES, session=session)

    results = []
    batch = new_batch()
    check_seconds, check = timed(lambda: merge.check_batch(batch))
    assert check.ok, check.problems()
    languages = {code: sum(1 for row in check.rows if row.language == code)
                 for code in merge.LANGUAGE_ORDER}
    results.append((f"check of {len(check.rows)} recipients against the template "
                    f"({languages['en']} EN, {languages['fr']} FR, {languages['es']} ES)",
                    f"{check_seconds:.2f} s"))
    word_seconds, _batch = timed(lambda: batches.batch_generate(actor=secretariat,
                                                                 batch=batch, pdf_files=False))
    results.append((f"Word only: {batch.letters.count()} letters, references and register "
                    "rows, one transaction", f"{word_seconds:.2f} s ({timed.cpu:.2f} s CPU)"))
    zip_seconds, archive = timed(lambda: merge.batch_zip(batch))
    results.append(("zip of the Word letters", f"{zip_seconds:.2f} s, "
                                               f"{len(archive.getvalue()) / 1e6:.1f} MB"))
    if office.soffice() is None:
        results.append(("Word plus PDF", "LibreOffice is not installed: not measured"))
    else:
        second = new_batch()
        both_seconds, done = timed(lambda: batches.batch_generate(actor=secretariat,
                                                                   batch=second))
        made = second.letters.exclude(pdf_file="").count()
        note = f" — {done.pdf_problem}" if done.pdf_problem else ""
        results.append((f"Word plus PDF: {second.letters.count()} letters, {made} PDF files "
                        f"(LibreOffice, {office.parallel_processes()} processes at once)",
                        f"{both_seconds:.2f} s ({timed.cpu:.2f} s CPU){note}"))
        # The conversion alone, the same 187 Word files, one process then one per core,
        # back to back (the machine's load moves less between two runs than between days).
        words = {str(letter.pk): merge.read_file(letter.word_file)
                 for letter in batch.letters.order_by("number")}
        for processes in sorted({1, office.parallel_processes()}):
            seconds, pdfs = timed(lambda n=processes: office.convert(words, processes=n))
            results.append((f"PDF conversion only: {len(pdfs)} files, {processes} LibreOffice "
                            f"process(es)", f"{seconds:.2f} s ({timed.cpu:.2f} s CPU)"))
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    results.append(("load average of the machine (1, 5, 15 min) at the end", load))
    print("| measure | result |\n|---|---|")
    for measure, value in results:
        print(f"| {measure} | {value} |")


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    main()
