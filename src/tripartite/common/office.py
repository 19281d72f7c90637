"""Word to PDF with LibreOffice, headless: many files in one ``soffice`` run.

Used by the letters of correspondence batches and by the Governing Body's information document.
Each run uses a fresh LibreOffice profile (``-env:UserInstallation``) in a temporary folder,
so that runs in parallel, or beside a user's own LibreOffice, do not lock each other out.
Where LibreOffice is not installed, :class:`PdfUnavailable` says so plainly; Word documents do
not need it.
"""

import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

from django.utils.translation import gettext as _

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


class PdfUnavailable(Exception):
    """No PDF could be made; the message is for the user."""


def soffice() -> str | None:
    """The LibreOffice program, or None where it is not installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None and Path(SOFFICE).exists():
        return SOFFICE
    return found


def conversion_available() -> bool:
    return soffice() is not None


def docx_to_pdf(content: bytes) -> bytes:
    """The PDF of one Word document."""
    return convert({"document": content})["document"]


def convert(documents: dict[str, bytes]) -> dict[str, bytes]:
    """PDF bytes for each Word document, by the same name (``name`` without extension)."""
    if not documents:
        return {}
    program = soffice()
    if program is None:
        raise PdfUnavailable(_("PDF files were not made: LibreOffice is not installed on the "
                               "server (scripts/system-packages.sh installs it). The Word "
                               "files are ready."))
    with tempfile.TemporaryDirectory(prefix="tripartite-pdf-") as work:
        work_dir = Path(work)
        source, target = work_dir / "docx", work_dir / "pdf"
        source.mkdir()
        target.mkdir()
        for name, content in documents.items():
            (source / f"{name}.docx").write_bytes(content)
        finished = _run(program, work_dir, target, [source / f"{name}.docx" for name in documents])
        pdfs = {name: (target / f"{name}.pdf").read_bytes() for name in documents
                if (target / f"{name}.pdf").exists()}
        if len(pdfs) != len(documents):
            detail = (finished.stderr or finished.stdout or "").strip()[:300]
            raise PdfUnavailable(_("LibreOffice made %(made)s PDF files out of %(total)s. "
                                   "The Word files are ready. %(detail)s") % {
                "made": len(pdfs), "total": len(documents), "detail": detail})
        return pdfs


def _run(program: str, work_dir: Path, target: Path,
         sources: list[Path]) -> subprocess.CompletedProcess[str]:
    profile = work_dir / f"lo-{uuid.uuid4().hex}"
    command = [program, f"-env:UserInstallation={profile.as_uri()}", "--headless",
               "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir",
               str(target), *(str(path) for path in sources)]
    try:
        return subprocess.run(  # noqa: S603 — our own arguments, no shell
            command, capture_output=True, text=True, check=False,
            timeout=BASE_SECONDS + SECONDS_PER_FILE * len(sources))
    except subprocess.TimeoutExpired as error:
        raise PdfUnavailable(_("PDF files were not made: LibreOffice did not finish in "
                               "time. The Word files are ready.")) from error
    except OSError as error:
        # A program that cannot be started (removed, not executable): as if not installed.
        raise PdfUnavailable(_("PDF files were not made: LibreOffice could not be started "
                               "(%(error)s). The Word files are ready.") % {
            "error": error.strerror or error}) from error
