"""Word to PDF with LibreOffice, headless: many files per ``soffice`` run, one run per core.

Used by the letters of correspondence batches and by the Governing Body's information document.
Each run uses a fresh LibreOffice profile (``-env:UserInstallation``) in a temporary folder,
so that runs in parallel, or beside a user's own LibreOffice, do not lock each other out: a
conversion of many files shares them among as many runs as the machine has cores.
Where LibreOffice is not installed, :class:`PdfUnavailable` says so plainly; Word documents do
not need it. Its ``code`` (``NOT_INSTALLED``…) is what a record keeps (a batch of letters'
``pdf_problem``); ``problem_message(code)`` says it in the reader's language, whoever met it.
"""

import logging
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

logger = logging.getLogger(__name__)

# Where Debian installs it: found even when the server's PATH leaves /usr/bin out.
SOFFICE = "/usr/bin/soffice"
SECONDS_PER_FILE = 5
BASE_SECONDS = 90


def a4(document, *, margin_mm: int = 25):
    """Every section of a python-docx ``document`` on A4 paper (python-docx starts from US
    Letter), with even margins: the ILO's documents are A4 in Word as in PDF."""
    from docx.shared import Mm

    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(margin_mm)
        section.top_margin = section.bottom_margin = Mm(margin_mm)
    return document


# Why no PDF was made: the codes a record keeps.
NOT_INSTALLED = "libreoffice_missing"
NOT_STARTED = "libreoffice_not_started"
TIMED_OUT = "libreoffice_timed_out"
INCOMPLETE = "libreoffice_incomplete"
PROBLEM_CODES = (NOT_INSTALLED, NOT_STARTED, TIMED_OUT, INCOMPLETE)


def problem_message(code: str, **params) -> str:
    """What ``code`` means, in the active language (``params``: ``error`` for NOT_STARTED,
    ``made`` and ``total`` for INCOMPLETE when known). Text that is not a code (a record
    written before the codes) is returned as it is."""
    if code == NOT_INSTALLED:
        return _("PDF files were not made: LibreOffice is not installed on the server "
                 "(scripts/system-packages.sh installs it). The Word files are ready.")
    if code == NOT_STARTED:
        if params.get("error"):
            return _("PDF files were not made: LibreOffice could not be started "
                     "(%(error)s). The Word files are ready.") % {"error": params["error"]}
        return _("PDF files were not made: LibreOffice could not be started. The Word files "
                 "are ready.")
    if code == TIMED_OUT:
        return _("PDF files were not made: LibreOffice did not finish in time. The Word files "
                 "are ready.")
    if code == INCOMPLETE:
        if "made" in params and "total" in params:
            return ngettext(
                "LibreOffice made %(made)s PDF file out of %(total)s. The Word files are ready.",
                "LibreOffice made %(made)s PDF files out of %(total)s. The Word files are ready.",
                params["made"]) % {"made": params["made"], "total": params["total"]}
        return _("LibreOffice did not make every PDF file. The Word files are ready.")
    return code


class PdfUnavailable(Exception):
    """No PDF could be made: ``code`` (one of PROBLEM_CODES) says why; ``str()`` is the
    message for the user, in the active language."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        return problem_message(self.code, **self.params)


def soffice() -> str | None:
    """The LibreOffice program, or None where it is not installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None and Path(SOFFICE).exists():
        return SOFFICE
    return found


def conversion_available() -> bool:
    return soffice() is not None


def parallel_processes() -> int:
    """LibreOffice processes a conversion runs at once: one per core of the machine
    (``PDF_PROCESSES`` in the environment overrides it)."""
    configured = os.environ.get("PDF_PROCESSES", "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return max(1, os.cpu_count() or 1)


def docx_to_pdf(content: bytes) -> bytes:
    """The PDF of one Word document."""
    return convert({"document": content})["document"]


def convert(documents: dict[str, bytes], *, processes: int | None = None,
            on_progress: Callable[[int], None] | None = None) -> dict[str, bytes]:
    """PDF bytes for each Word document, by the same name (``name`` without extension).

    The documents are shared among ``processes`` LibreOffice processes (one per core by
    default), each with its own profile and output folder; ``on_progress(made)`` is called
    as PDF files appear (from this thread)."""
    if not documents:
        return {}
    program = soffice()
    if program is None:
        raise PdfUnavailable(NOT_INSTALLED)
    names = list(documents)
    count = max(1, min(processes or parallel_processes(), len(names)))
    groups = [names[index::count] for index in range(count)]
    with tempfile.TemporaryDirectory(prefix="tripartite-pdf-") as work:
        work_dir = Path(work)
        source = work_dir / "docx"
        source.mkdir()
        for name, content in documents.items():
            (source / f"{name}.docx").write_bytes(content)
        targets = [work_dir / f"pdf-{index}" for index in range(count)]
        for target in targets:
            target.mkdir()
        details = _run_all(program, work_dir, [
            (target, [source / f"{name}.docx" for name in group])
            for target, group in zip(targets, groups, strict=True)], on_progress)
        pdfs = {}
        for target, group in zip(targets, groups, strict=True):
            for name in group:
                if (target / f"{name}.pdf").exists():
                    pdfs[name] = (target / f"{name}.pdf").read_bytes()
        if len(pdfs) != len(documents):
            logger.warning("LibreOffice made %s PDF files out of %s: %s", len(pdfs),
                           len(documents), details[:300])
            raise PdfUnavailable(INCOMPLETE, made=len(pdfs), total=len(documents))
        return pdfs


POLL_SECONDS = 0.5


def _run_all(program: str, work_dir: Path, runs: list[tuple[Path, list[Path]]],
             on_progress: Callable[[int], None] | None) -> str:
    """Run one LibreOffice per (output folder, sources), at once; wait for all of them,
    reporting the PDF files made; their messages (for a failure's explanation)."""
    started: list[tuple[subprocess.Popen, Path]] = []
    deadline = time.monotonic() + BASE_SECONDS + SECONDS_PER_FILE * max(
        len(sources) for _target, sources in runs)
    try:
        for index, (target, sources) in enumerate(runs):
            profile = work_dir / f"lo-{index}-{uuid.uuid4().hex}"
            log = work_dir / f"lo-{index}.log"
            command = [program, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                       "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir",
                       str(target), *(str(path) for path in sources)]
            with log.open("wb") as output:
                started.append((subprocess.Popen(  # noqa: S603 — our own arguments, no shell
                    command, stdout=output, stderr=subprocess.STDOUT), log))
    except OSError as error:
        _stop(started)
        # A program that cannot be started (removed, not executable): as if not installed.
        raise PdfUnavailable(NOT_STARTED, error=error.strerror or str(error)) from error
    made = 0
    while any(process.poll() is None for process, _log in started):
        if time.monotonic() > deadline:
            _stop(started)
            raise PdfUnavailable(TIMED_OUT)
        time.sleep(POLL_SECONDS)
        now_made = sum(1 for target, _sources in runs for _pdf in target.glob("*.pdf"))
        if on_progress is not None and now_made != made:
            made = now_made
            on_progress(made)
    if on_progress is not None:
        on_progress(sum(1 for target, _sources in runs for _pdf in target.glob("*.pdf")))
    return " ".join(log.read_text(errors="replace").strip() for _process, log in started)


def _stop(started: list[tuple[subprocess.Popen, Path]]) -> None:
    for process, _log in started:
        if process.poll() is None:
            process.kill()
            process.wait()
