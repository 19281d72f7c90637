"""Files for the library's tests: PDFs with and without a text layer (``pdf_bytes``, the
demo's builder), encrypted or damaged, and Word documents."""

import io

import docx
import pypdf
from django.core.files.uploadedfile import SimpleUploadedFile

from tripartite.demo.pdf import pdf_bytes


def encrypted_pdf_bytes() -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf_bytes("Secret"))))
    writer.encrypt("password")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


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
