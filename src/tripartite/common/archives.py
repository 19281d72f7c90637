"""Office Open XML uploads (.docx, .xlsx) checked as archives, before anything parses them.

A .docx or an .xlsx is a zip whose members are inflated by whoever reads them (python-docx,
docxtpl, openpyxl). A small file can declare members of gigabytes, or pack a row of a million
cells into a hundred kilobytes: a 142 KB workbook once held a worker at 1.2 GB for 35 seconds.
So before any parser sees an upload we read only the zip's directory and check how many
members it has, the size each declares once inflated and their total, how strongly each is
compressed, and that no entry is odd (a path leaving the archive, a link, an encrypted
member, an archive inside the archive). Python's zipfile never inflates a member beyond the
size it declares, so the declared sizes bound what the readers get.

A workbook's sheets are then read as a stream (expat: events, no tree in memory) and the
upload is refused as soon as a sheet is bigger than the sheet expected: its ``<dimension>``,
its number of rows, the cells of any row and the column of any cell.

Shared kernel: nothing here knows about delegations or letters; each reader passes its limits.
"""

import io
import struct
import zipfile
from dataclasses import dataclass
from xml.parsers import expat

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from tripartite.common.services import ServiceError

# The zip's "end of central directory" record: signature, then (at offset 10) the number of
# entries; it ends the file, followed by a comment of at most 65,535 bytes.
_END_OF_DIRECTORY = b"PK\x05\x06"
_LOCAL_HEADER = b"PK\x03\x04"  # every Office file starts with its first member's header
_END_SEARCH = 22 + 65535
_NESTED_ARCHIVES = (".zip", ".docx", ".docm", ".xlsx", ".xlsm", ".pptx", ".jar", ".7z",
                    ".rar", ".gz", ".tgz", ".bz2", ".xz", ".tar")
# Office keeps an embedded object (a chart's workbook) under <part>/embeddings/: it is
# stored, never opened by us, and its size counts against the limits like any member.
_EMBEDDINGS = ("word/embeddings/", "xl/embeddings/", "ppt/embeddings/")
_SYMLINK = 0o120000
_READ_CHUNK = 64 * 1024


@dataclass(frozen=True)
class ArchiveLimits:
    max_members: int = 1000
    max_member_size: int = 16 * 1024 * 1024  # inflated, bytes
    max_total_size: int = 64 * 1024 * 1024  # inflated, bytes
    max_ratio: int = 100  # inflated size / compressed size
    ratio_floor: int = 1024 * 1024  # members smaller than this once inflated may be any ratio


@dataclass(frozen=True)
class SheetLimits:
    max_rows: int
    max_columns: int


OFFICE_LIMITS = ArchiveLimits()


class ArchiveRefused(ServiceError):
    """An upload refused before parsing; ``code`` says which limit it broke."""


def check_office_archive(content: bytes, *, limits: ArchiveLimits = OFFICE_LIMITS,
                         field: str = "file") -> None:
    """ArchiveRefused unless the zip ``content`` is within ``limits``.

    Content that is not a zip at all passes: each reader says in its own words what it
    expected (a Word document, an Excel workbook).
    """
    if not content.startswith(_LOCAL_HEADER):
        return
    declared = _declared_entries(content)
    if declared is None:
        return
    if declared > limits.max_members:
        raise _too_many(declared, limits, field)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        return  # not a readable zip: the reader refuses it as "not a .docx/.xlsx"
    if len(members) > limits.max_members:
        raise _too_many(len(members), limits, field)
    seen, total = set(), 0
    for member in members:
        _check_entry(member, seen, field)
        _check_size(member, limits, field)
        total += member.file_size
    if total > limits.max_total_size:
        raise ArchiveRefused(
            _("Once unpacked, this file would take %(size)s; the limit is %(limit)s. It was "
              "not opened.") % {"size": filesizeformat(total),
                                "limit": filesizeformat(limits.max_total_size)},
            code="archive_too_large", field=field)


def _declared_entries(content: bytes) -> int | None:
    """The number of entries the zip's last record declares, read before zipfile builds its
    list of every entry; None when ``content`` has no such record (not a zip)."""
    position = content.rfind(_END_OF_DIRECTORY, max(0, len(content) - _END_SEARCH))
    if position < 0 or len(content) < position + 12:
        return None
    (entries,) = struct.unpack("<H", content[position + 10:position + 12])
    # 0xFFFF means "see the Zip64 record": only archives of 65,535 entries or more need it.
    return entries


def _too_many(count: int, limits: ArchiveLimits, field: str) -> ArchiveRefused:
    return ArchiveRefused(
        _("This file holds %(count)s parts; a document of this kind has at most %(limit)s. "
          "It was not opened.") % {"count": count, "limit": limits.max_members},
        code="archive_too_many_members", field=field)


def _odd_reason(member: zipfile.ZipInfo, seen: set) -> str:
    name = member.filename
    segments = name.replace("\\", "/").split("/")
    if (name.startswith(("/", "\\")) or "\\" in name or "\x00" in name or ".." in segments
            or ":" in segments[0]):
        return _("its path leads outside the document")
    if name in seen:
        return _("it appears twice")
    if member.flag_bits & 0x1:
        return _("it is encrypted")
    if (member.external_attr >> 16) & 0o170000 == _SYMLINK:
        return _("it is a link")
    if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return _("it is compressed in a way Office does not use")
    if name.lower().endswith(_NESTED_ARCHIVES) and not name.startswith(_EMBEDDINGS):
        return _("it is an archive inside the document")
    return ""


def _check_entry(member: zipfile.ZipInfo, seen: set, field: str) -> None:
    reason = _odd_reason(member, seen)
    if reason:
        raise ArchiveRefused(
            _("This file has an unexpected part (“%(name)s”): %(reason)s. It was not opened; "
              "save the document again from Word or Excel and upload the new file.") % {
                "name": member.filename[:120], "reason": reason},
            code="archive_odd_member", field=field)
    seen.add(member.filename)


def _check_size(member: zipfile.ZipInfo, limits: ArchiveLimits, field: str) -> None:
    if member.file_size > limits.max_member_size:
        raise ArchiveRefused(
            _("Once unpacked, a part of this file (“%(name)s”) would take %(size)s; the limit "
              "is %(limit)s. It was not opened.") % {
                "name": member.filename[:120], "size": filesizeformat(member.file_size),
                "limit": filesizeformat(limits.max_member_size)},
            code="archive_too_large", field=field)
    if (member.file_size > limits.ratio_floor
            and member.file_size > limits.max_ratio * max(member.compress_size, 1)):
        raise ArchiveRefused(
            _("A part of this file (“%(name)s”) is compressed %(ratio)s times, far more than "
              "a real document; it was not opened.") % {
                "name": member.filename[:120],
                "ratio": member.file_size // max(member.compress_size, 1)},
            code="archive_too_compressed", field=field)


# --- sheets ----------------------------------------------------------------------------------

class _SheetTooLarge(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class _NotASheet(Exception):
    pass


def check_sheet_sizes(content: bytes, *, limits: SheetLimits, field: str = "file") -> None:
    """ArchiveRefused (code ``sheet_too_large``) if any worksheet of the workbook ``content``
    is larger than ``limits``. Call it after ``check_office_archive``.

    Every XML member is looked at, not only ``xl/worksheets/``: a workbook may keep its sheets
    anywhere its relationships point to. A member whose first element is not a worksheet is
    left after that element.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for member in archive.infolist():
                if member.filename.lower().endswith(".xml"):
                    _stream_sheet(archive, member, limits, field)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        return  # not a readable zip: the reader refuses it in its own words


def _stream_sheet(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: SheetLimits,
                  field: str) -> None:
    counter = _SheetCounter(limits)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = counter.start
    parser.StartDoctypeDeclHandler = counter.doctype
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(_READ_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _NotASheet:
        return
    except _SheetTooLarge as too_large:
        raise ArchiveRefused(too_large.message, code="sheet_too_large", field=field) from None
    except (expat.ExpatError, zipfile.BadZipFile, EOFError):
        return  # damaged XML: the workbook reader refuses it


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + (ord(letter) - 64)
    return number


def _split_reference(reference: str) -> tuple[int, int]:
    """``AB12`` → (column 28, row 12); (0, 0) for what is not a cell reference."""
    reference = reference.replace("$", "").upper()
    letters = "".join(ch for ch in reference if "A" <= ch <= "Z")
    digits = reference[len(letters):]
    if not letters or not digits.isdigit() or not reference.startswith(letters):
        return 0, 0
    return _column_number(letters), int(digits)


class _SheetCounter:
    """Counts rows and cells as expat reports them; stops at the first limit broken."""

    def __init__(self, limits: SheetLimits):
        self.limits = limits
        self.root_seen = False
        self.rows = 0
        self.cells = 0
        self.row_number = 0

    def doctype(self, *args):
        # Office never writes a DTD; one can only be there to expand entities.
        raise _SheetTooLarge(_("A sheet of this workbook declares a document type, which "
                               "Excel never writes; it was not read."))

    def start(self, tag: str, attributes: dict) -> None:
        local = tag.rsplit(" ", 1)[-1]
        if not self.root_seen:
            self.root_seen = True
            if local != "worksheet":
                raise _NotASheet
            return
        if local == "dimension":
            self._check_dimension(attributes.get("ref", ""))
        elif local == "row":
            self._start_row(attributes.get("r", ""))
        elif local == "c":
            self._cell(attributes.get("r", ""))

    def _too_large(self, message: str):
        raise _SheetTooLarge(message + " " + _(
            "A sheet may have at most %(rows)s rows and %(columns)s columns; it was not read. "
            "Copy the rows into a fresh template and upload that.") % {
            "rows": self.limits.max_rows, "columns": self.limits.max_columns})

    def _check_dimension(self, reference: str) -> None:
        for corner in reference.split(":"):
            column, row = _split_reference(corner)
            if column > self.limits.max_columns or row > self.limits.max_rows:
                self._too_large(_("A sheet of this workbook spans %(range)s.") % {
                    "range": reference[:40]})

    def _start_row(self, number: str) -> None:
        self.rows += 1
        self.cells = 0
        self.row_number = int(number) if number.isdigit() else self.row_number + 1
        if self.rows > self.limits.max_rows or self.row_number > self.limits.max_rows:
            self._too_large(_("A sheet of this workbook goes down to row %(row)s.") % {
                "row": max(self.rows, self.row_number)})

    def _cell(self, reference: str) -> None:
        self.cells += 1
        column, _row = _split_reference(reference)
        if self.cells > self.limits.max_columns or column > self.limits.max_columns:
            self._too_large(_("Row %(row)s of a sheet of this workbook has cells beyond "
                              "column %(limit)s.") % {"row": self.row_number,
                                                      "limit": self.limits.max_columns})
