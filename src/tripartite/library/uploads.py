"""A library document's file: a PDF or a Word document (.docx), checked by its content.

- The file must be what its content says it is, and what its name claims: a ``.pdf`` that
  is a Word document (or the reverse) is refused, and so is anything else (an old ``.doc``,
  an image, a zip).
- A PDF protected by a password is refused (the Office must open, print and index it).
- A file that starts like a PDF or a Word document but cannot be read is refused as damaged.
- A PDF without a text layer (a scan) is accepted with a warning: it is kept, and search
  does not find its text.

Text extraction: pypdf for PDF, python-docx for Word. Both may take seconds on a big file,
so the service runs them inside the request only up to ``INLINE_EXTRACTION_UP_TO`` bytes,
and in a background job beyond.
"""

import io
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import Any

import docx
import pypdf
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from tripartite.common.archives import check_office_archive
from tripartite.common.services import ServiceError
from tripartite.library.models import FileKind

MAX_DOCUMENT_SIZE = 50 * 1024 * 1024  # bytes
INLINE_EXTRACTION_UP_TO = 2 * 1024 * 1024  # bytes: bigger files are read by a job
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .doc (and .xls, .ppt)


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    kind: str  # FileKind
    pages: int | None
    name: str


@dataclass(frozen=True)
class ExtractedText:
    text: str
    pages: int | None


def _read(uploaded_file: Any) -> bytes:
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    if hasattr(uploaded_file, "chunks"):
        return b"".join(uploaded_file.chunks())
    content: bytes = uploaded_file.read()
    return content


def _refuse(message: str, code: str) -> ServiceError:
    return ServiceError(message, code=code, field="file")


def damaged(kind: str) -> ServiceError:
    if kind == FileKind.PDF:
        return _refuse(_("This file starts like a PDF but cannot be read: it may be damaged. "
                         "Save it as a PDF again and upload the new file."), "damaged_file")
    return _refuse(_("This file starts like a Word document but cannot be read: it may be "
                     "damaged. Save it again in Word (.docx) and upload the new file."),
                   "damaged_file")


def _name_and_bytes(uploaded_file: Any) -> tuple[str, bytes]:
    """The file's own name (no folder) and its bytes, refused when empty or over the size
    limit."""
    name = (getattr(uploaded_file, "name", "") or "").rsplit("/", 1)[-1]
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > MAX_DOCUMENT_SIZE:
        raise _too_large(size)
    content = _read(uploaded_file)
    if len(content) > MAX_DOCUMENT_SIZE:
        raise _too_large(len(content))
    if not content:
        raise _refuse(_("The file is empty."), "empty_file")
    return name, content


def check_document_file(uploaded_file: Any) -> CheckedFile:
    """The file's bytes and kind when it is an acceptable PDF or .docx; a ServiceError on the
    ``file`` field saying why otherwise."""
    name, content = _name_and_bytes(uploaded_file)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if content.startswith(PDF_MAGIC):
        if extension and extension != "pdf":
            raise _mismatch(name, _("a PDF"))
        return CheckedFile(content, FileKind.PDF, _pdf_pages(content), name or "document.pdf")
    if content.startswith(ZIP_MAGIC):
        check_office_archive(content, field="file")
        if not _is_docx(content):
            raise _refuse(_("This file is a zip archive, not a Word document. Upload a PDF "
                            "or a Word (.docx) file."), "not_a_document")
        if extension and extension != "docx":
            raise _mismatch(name, _("a Word document (.docx)"))
        return CheckedFile(content, FileKind.DOCX, None, name or "document.docx")
    if content.startswith(OLE_MAGIC):
        raise _refuse(_("This is a Word file in the old format (.doc). Open it in Word, save "
                        "it as .docx (or PDF), and upload that file."), "old_word_format")
    raise _refuse(_("This file is neither a PDF nor a Word (.docx) document, whatever its "
                    "name. Upload a PDF or a Word file."), "not_a_document")


def _mismatch(name: str, what: str) -> ServiceError:
    return _refuse(_("The file “%(name)s” is %(what)s: its name says otherwise. Rename it "
                     "or upload the right file.") % {"name": name, "what": what},
                   "wrong_extension")


def _too_large(size: int) -> ServiceError:
    return _refuse(_("The file is %(size)s; the limit is %(limit)s.") % {
        "size": filesizeformat(size), "limit": filesizeformat(MAX_DOCUMENT_SIZE)},
        "file_too_large")


def _is_docx(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile as error:  # starts like a zip, but its directory is gone
        raise damaged(FileKind.DOCX) from error
    return "[Content_Types].xml" in names and "word/document.xml" in names


def _pdf_reader(content: bytes) -> pypdf.PdfReader:
    try:
        return pypdf.PdfReader(io.BytesIO(content))
    except Exception as error:  # pypdf raises many kinds of errors on a damaged file
        raise damaged(FileKind.PDF) from error


def _pdf_pages(content: bytes) -> int:
    reader = _pdf_reader(content)
    if reader.is_encrypted:
        raise _refuse(_("This PDF is protected by a password. Upload a copy without a "
                        "password, so that the Office can open, print and search it."),
                      "encrypted_pdf")
    try:
        pages = len(reader.pages)
    except Exception as error:  # a damaged page tree
        raise damaged(FileKind.PDF) from error
    if pages == 0:
        raise damaged(FileKind.PDF)
    return pages


def extract_text(content: bytes, kind: str) -> ExtractedText:
    """The file's text (pages or paragraphs separated by blank lines), or the ServiceError of
    a damaged file. A PDF without a text layer gives an empty text."""
    if kind == FileKind.PDF:
        reader = _pdf_reader(content)
        try:
            pages = [page.extract_text() or "" for page in reader.pages]
        except Exception as error:  # a page that cannot be decoded
            raise damaged(kind) from error
        return ExtractedText(_tidy("\n\n".join(pages)), len(pages))
    try:
        document = docx.Document(io.BytesIO(content))
        parts = [paragraph.text for paragraph in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                parts.append(" | ".join(cell.text for cell in row.cells))
    except Exception as error:  # python-docx raises many kinds on a damaged file
        raise damaged(kind) from error
    return ExtractedText(_tidy("\n\n".join(parts)), None)


def _tidy(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\x00", ""))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line).strip()


def read_rules_text(uploaded_file: Any) -> tuple[str, str]:
    """The text (one paragraph a line) and name of a rules text the secretariat provides: a
    plain-text file in UTF-8 or a Word document (.docx), checked by its content. Anything else
    is refused on the ``file`` field, saying why."""
    name, content = _name_and_bytes(uploaded_file)
    if content.startswith(ZIP_MAGIC):
        check_office_archive(content, field="file")
        if not _is_docx(content):
            raise _not_a_text()
        return extract_text(content, FileKind.DOCX).text, name or "text.docx"
    if content.startswith((PDF_MAGIC, OLE_MAGIC)) or b"\x00" in content:
        raise _not_a_text()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _refuse(_("This text file is not in UTF-8. Save it again as “Unicode (UTF-8)” "
                        "text, or as a Word (.docx) document, and upload that file."),
                      "not_utf8") from error
    return unicodedata.normalize("NFC", text), name or "text.txt"


def _not_a_text() -> ServiceError:
    return _refuse(_("A rules text is imported from a Word (.docx) document or a plain-text "
                     "file; this file is neither, whatever its name."), "not_a_text")
