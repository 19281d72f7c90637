"""The one way the product writes CSV and Excel files for download.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or a
carriage return before one) as a formula: a name typed as ``=HYPERLINK("http://evil",
"x")`` or ``+cmd|'/c calc'!A0`` becomes a link or a command on the reader's machine (CSV or
formula injection). Every text cell written here that starts so (the full-width ``＝＋－＠``
included, which some spreadsheets read as their ASCII twins) gets a leading apostrophe, the
spreadsheets' own mark for "this is text". Only text is changed: a number, even negative,
stays a number.
"""

import csv
import datetime as dt
import io
import re

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UNSAFE_IN_FILENAME = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|;]+')


def neutralise(value):
    """``value`` made harmless for a spreadsheet: text that a spreadsheet would run as a
    formula is prefixed with an apostrophe; anything else is returned as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return neutralise(value)


class CsvWriter:
    """``csv.writer`` whose every field is neutralised; :meth:`content` is UTF-8 with a
    byte-order mark, so that Excel reads accents and scripts correctly."""

    def __init__(self):
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer)

    def writerow(self, row) -> None:
        self._writer.writerow([_csv_value(value) for value in row])

    def writerows(self, rows) -> None:
        for row in rows:
            self.writerow(row)

    def content(self) -> bytes:
        return ("\ufeff" + self._buffer.getvalue()).encode("utf-8")


def _xlsx_value(sheet, value, font=None):
    if isinstance(value, str):
        value = neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
    elif isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)  # Excel has no time zones; the value is UTC
    if font is None:
        return value
    cell = WriteOnlyCell(sheet, value)
    cell.font = font
    return cell


class XlsxWriter:
    """An Excel workbook in openpyxl's write-only (streamed) mode, every text cell
    neutralised. ``sheet()`` gives the openpyxl sheet to set widths, panes and filters."""

    def __init__(self):
        self._workbook = Workbook(write_only=True)
        self._bold = Font(bold=True)

    def sheet(self, title: str):
        return self._workbook.create_sheet(safe_sheet_title(title))

    def append(self, sheet, row, *, bold: bool = False) -> None:
        font = self._bold if bold else None
        sheet.append([_xlsx_value(sheet, value, font) for value in row])

    def content(self) -> bytes:
        buffer = io.BytesIO()
        self._workbook.save(buffer)
        return buffer.getvalue()


def safe_sheet_title(title) -> str:
    return "".join(ch for ch in str(title) if ch not in "[]:*?/\\")[:31] or "Sheet"


def safe_filename(name: str) -> str:
    """A file name without path separators, quotes or control characters."""
    cleaned = UNSAFE_IN_FILENAME.sub("-", str(name)).strip(" .-")
    return cleaned[:150] or "export"


def download(content: bytes | str, *, filename: str, content_type: str,
             inline: bool = False) -> HttpResponse:
    """The response carrying a file, its name safe in the Content-Disposition header."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=not inline, filename=safe_filename(filename))
    return response


def csv_response(writer: CsvWriter, filename: str) -> HttpResponse:
    return download(writer.content(), filename=filename, content_type=CSV_TYPE)


def xlsx_response(writer: XlsxWriter, filename: str) -> HttpResponse:
    return download(writer.content(), filename=filename, content_type=XLSX_TYPE)
