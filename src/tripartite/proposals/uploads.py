"""The concept note: a PDF or a Word document (.docx), checked by its content, not its name."""

import io
import zipfile

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from tripartite.common.archives import check_office_archive
from tripartite.common.services import ServiceError

MAX_CONCEPT_NOTE_SIZE = 10 * 1024 * 1024  # bytes


def _read(uploaded_file) -> bytes:
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    if hasattr(uploaded_file, "chunks"):
        content = b"".join(uploaded_file.chunks())
    else:
        content = uploaded_file.read()
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    return content


def _is_docx(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return False
    return "[Content_Types].xml" in names and "word/document.xml" in names


def check_concept_note(uploaded_file) -> None:
    """Refuse (a ServiceError saying why) anything but a PDF or a .docx of at most 10 MB."""
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > MAX_CONCEPT_NOTE_SIZE:
        raise ServiceError(_("The concept note is %(size)s; at most %(limit)s are accepted.") % {
            "size": filesizeformat(size), "limit": filesizeformat(MAX_CONCEPT_NOTE_SIZE)},
            field="concept_note")
    content = _read(uploaded_file)
    # A zip is checked as an archive before zipfile reads its directory.
    check_office_archive(content, field="concept_note")
    if not (content.startswith(b"%PDF-") or _is_docx(content)):
        raise ServiceError(_("The concept note must be a PDF or a Word (.docx) document."),
                           field="concept_note")
