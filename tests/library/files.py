"""Files for the library's tests: PDFs with and without a text layer (``pdf_bytes``, the
demo's builder), encrypted or damaged, and Word documents."""

import io
import random

import docx
import pypdf
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf.generic import NameObject

from tripartite.demo.pdf import pdf_bytes
from tripartite.library.uploads import INLINE_EXTRACTION_UP_TO


def _written(writer: pypdf.PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def encrypted_pdf_bytes() -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf_bytes("Secret"))))
    writer.encrypt("password")
    return _written(writer)


def unreadable_pdf(text: str) -> bytes:
    """A PDF whose page tree is sound (it passes the upload's check) but whose page's content
    is compressed by a filter no reader knows: its text cannot be read."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf_bytes(text))))
    content = writer.pages[0]["/Contents"].get_object()
    content.set_data(b"compressed by no known means")
    content[NameObject("/Filter")] = NameObject("/NoSuchDecode")
    return _written(writer)


def big_pdf(content: bytes) -> bytes:
    """The PDF ``content`` made bigger than what is read inside the request
    (``INLINE_EXTRACTION_UP_TO``) by a file attached to it; its pages and text unchanged."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(content)))
    writer.add_attachment("annex.bin", random.Random(0).randbytes(INLINE_EXTRACTION_UP_TO))
    return _written(writer)


def docx_bytes(*paragraphs: str) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "paper.pdf") -> SimpleUploadedFile:
    kind = ("application/pdf" if name.endswith(".pdf") else
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    return SimpleUploadedFile(name, content, content_type=kind)
