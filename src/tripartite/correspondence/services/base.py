"""What every correspondence service starts with: the permission check, and reading an upload."""

from typing import BinaryIO

from django.core.files.base import File

from tripartite.accounts.models import User
from tripartite.common.services import PermissionDeniedError
from tripartite.correspondence.permissions import can_manage_correspondence


def require_manager(actor: User) -> None:
    if not can_manage_correspondence(actor):
        raise PermissionDeniedError


def read_upload(uploaded_file: File[bytes] | BinaryIO) -> bytes:
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    if hasattr(uploaded_file, "chunks"):
        return b"".join(uploaded_file.chunks())
    return uploaded_file.read()
