"""The signed credentials letter: checked by its content, never by its name.

A letter is kept only when it is really a PDF (it starts with ``%PDF-`` and pypdf can read
its pages), is not encrypted (the Office must be able to open and print it) and is no larger
than ``MAX_LETTER_SIZE``. Otherwise the focal point gets a message and nothing is saved.
"""

import hashlib
import io

import pypdf
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from tripartite.accounts.models import User
from tripartite.common.services import PermissionDeniedError, ServiceError, log_action
from tripartite.delegations import permissions
from tripartite.delegations.models import CredentialLetter, Delegation

MAX_LETTER_SIZE = 10 * 1024 * 1024  # bytes
PDF_MAGIC = b"%PDF-"


def _read(uploaded_file: File[bytes]) -> bytes:
    """The whole file, read in chunks (large uploads are on disk, not in memory)."""
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    if hasattr(uploaded_file, "chunks"):
        return b"".join(uploaded_file.chunks())
    return uploaded_file.read()


def check_credentials_letter(uploaded_file: File[bytes]) -> bytes:
    """The letter's bytes when it is an acceptable PDF; a ServiceError saying why otherwise."""
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > MAX_LETTER_SIZE:
        raise _too_large(size)
    content = _read(uploaded_file)
    if len(content) > MAX_LETTER_SIZE:
        raise _too_large(len(content))
    if not content:
        raise ServiceError(_("The file is empty."), field="file", code="empty_file")
    if not content.startswith(PDF_MAGIC):
        raise ServiceError(
            _("This file is not a PDF. Scan or save the signed letter as a PDF and upload "
              "that file."), field="file", code="not_pdf")
    reader = _pdf_reader(content)
    if reader.is_encrypted:
        raise ServiceError(
            _("This PDF is protected by a password. Upload a copy without a password, so "
              "that the Office can open and print it."), field="file", code="encrypted_pdf")
    try:
        pages = len(reader.pages)
    except Exception as error:  # pypdf raises many kinds of errors on a damaged file
        raise _damaged() from error
    if pages == 0:
        raise ServiceError(_("This PDF has no pages."), field="file", code="empty_pdf")
    return content


def _pdf_reader(content: bytes) -> pypdf.PdfReader:
    try:
        return pypdf.PdfReader(io.BytesIO(content))
    except Exception as error:  # pypdf raises many kinds of errors on a damaged file
        raise _damaged() from error


def _damaged() -> ServiceError:
    return ServiceError(
        _("This file starts like a PDF but cannot be read: it may be damaged. Save the "
          "letter as a PDF again and upload the new file."), field="file", code="damaged_pdf")


def _too_large(size: int) -> ServiceError:
    return ServiceError(
        _("The file is %(size)s; the limit is %(limit)s. Scan the letter at a lower "
          "resolution, or in black and white.") % {
            "size": filesizeformat(size), "limit": filesizeformat(MAX_LETTER_SIZE)},
        field="file", code="file_too_large")


@transaction.atomic
def credentials_letter_upload(*, actor: User, delegation: Delegation,
                              uploaded_file: File[bytes]) -> CredentialLetter:
    """Keep the signed credentials letter of ``delegation`` (a PDF checked by content)."""
    if not permissions.can_nominate(actor, delegation.member_state):
        raise PermissionDeniedError
    content = check_credentials_letter(uploaded_file)
    sha256 = hashlib.sha256(content).hexdigest()
    original_name = (getattr(uploaded_file, "name", "") or "letter.pdf").rsplit("/", 1)[-1]
    letter = CredentialLetter(delegation=delegation, original_name=original_name[:255],
                              sha256=sha256, size=len(content), uploaded_by=actor)
    # The stored name is ours, not the uploader's: no odd characters reach the disk.
    stored_name = f"credentials-{delegation.member_state.iso2.lower()}-{sha256[:16]}.pdf"
    letter.file.save(stored_name, ContentFile(content), save=False)
    letter.save()
    log_action(actor=actor, action="delegations.credentials_letter.uploaded", obj=delegation,
               data={"letter": letter.pk, "name": letter.original_name, "sha256": sha256,
                     "size": letter.size})
    return letter
