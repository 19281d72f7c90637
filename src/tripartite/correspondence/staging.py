"""Files written inside a transaction: under a temporary folder first, moved to their final
names only when the transaction commits, removed when it rolls back.

A letter's file is named after its reference (``correspondence/letters/2026/RELOFF-2026-
0042.docx``), and a reference is given again when the transaction that first took it rolls
back. Written straight under that name, the file of a failed or killed generation would stay
on disk and the next letter given the number would be stored beside it under another name.
Written here instead, under ``correspondence/generating/<attempt>/``, the file of a rolled-
back transaction is removed by :meth:`Staging.discard`, and that of a process killed half-way
(no handler runs) stays in its attempt's folder, which the next generation of the batch, or
its abandonment, removes whole.
"""

import contextlib
import os

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

ROOT = "correspondence/generating"


class Staging:
    """The temporary folder of one attempt (a random token)."""

    def __init__(self, attempt: str):
        if not attempt or "/" in attempt or attempt.startswith("."):
            raise ValueError(f"not an attempt token: {attempt!r}")
        self.folder = f"{ROOT}/{attempt}"

    def staged_name(self, final_name: str) -> str:
        return f"{self.folder}/{final_name}"

    def write(self, final_name: str, content: bytes) -> None:
        """Write ``content`` for ``final_name`` into the folder (not yet under its name)."""
        default_storage.save(self.staged_name(final_name), ContentFile(content))

    def place(self, final_names) -> dict[str, str]:
        """Move each staged file to its final name; {final name: name really used} for the
        files that had to take another name (one was already there: it is never
        overwritten). Files already moved are skipped, so a second call does nothing."""
        renamed = {}
        for final_name in final_names:
            staged = self.staged_name(final_name)
            if not default_storage.exists(staged):
                continue
            with default_storage.open(staged, "rb") as handle:
                used = default_storage.save(final_name, ContentFile(handle.read()))
            default_storage.delete(staged)
            if used != final_name:
                renamed[final_name] = used
        self.discard()
        return renamed

    def discard(self) -> None:
        """Remove the folder and whatever is in it (and the root folder once empty)."""
        _delete_tree(self.folder)
        _remove_empty_folder(ROOT)


def _delete_tree(folder: str) -> None:
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        default_storage.delete(f"{folder}/{name}")
    for name in folders:
        _delete_tree(f"{folder}/{name}")
    _remove_empty_folder(folder)


def _remove_empty_folder(folder: str) -> None:
    with contextlib.suppress(NotImplementedError, OSError):  # OSError: not empty, or gone
        os.rmdir(default_storage.path(folder))  # a local disk keeps empty folders otherwise
