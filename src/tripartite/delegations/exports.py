"""Exports of a list of delegations: Excel (.xlsx) and CSV, one row per person.

Column headings and labels (group, role, gender, status) are in the reader's language; the
State's name is in the list's language. Text that a spreadsheet would run as a formula
(starting with ``=``, ``+``, ``-``, ``@``) is kept as text: in the .xlsx cell by its type,
in the CSV with a leading apostrophe (the usual defence against formula injection).
"""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from tripartite.common.models import Group
from tripartite.constituents.models import Gender
from tripartite.delegations import lists
from tripartite.delegations.models import DelegationStatus, NominationRole

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value or ""


def headings(*, marked: bool) -> list[str]:
    columns = [_("State (ISO)"), _("Member State"), _("Group"), _("Role"), _("Title"),
               _("Name"), _("Name in Latin script"), _("Gender"), _("Function"),
               _("Organization"), _("Status")]
    return [*columns, _("Change since the previous list")] if marked else columns


def field_names() -> dict[str, str]:
    """The compared fields (lists.COMPARED_FIELDS), named as in the headings."""
    return {"group": _("Group"), "role": _("Role"), "title": _("Title"),
            "function": _("Function"), "name": _("Name"),
            "name_latin": _("Name in Latin script")}


def table(rows, *, language: str, marked: bool = False) -> list[list[str]]:
    """The heading row and one row per person, as text."""
    changes = {lists.ADDED: _("added"), lists.WITHDRAWN: _("withdrawn"),
               lists.CHANGED: _("changed")}
    lines = [headings(marked=marked)]
    for row in rows:
        line = [row["state"], lists.state_name(row, language), _label(Group, row["group"]),
                _label(NominationRole, row["role"]), row.get("title", ""), row["name"],
                row.get("name_latin", ""), _label(Gender, row.get("gender")),
                row.get("function", ""), row.get("organisation", ""),
                _label(DelegationStatus, row.get("status"))]
        if marked:
            change = row.get("change")
            if change == lists.CHANGED:
                names = field_names()
                fields = ", ".join(names.get(name, name) for name in row.get("changed_fields", []))
                line.append(f"{changes[change]} ({fields})")
            else:
                line.append(changes.get(change, ""))
        lines.append(line)
    return lines


def to_xlsx(rows, *, language: str, marked: bool = False, sheet_title: str = "") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = (sheet_title or _("Delegations"))[:31]
    lines = table(rows, language=language, marked=marked)
    for line in lines:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", value) for value in line])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.data_type == "f":  # text that openpyxl took for a formula
                cell.data_type = "s"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    widths = [6, 28, 14, 24, 10, 32, 32, 10, 36, 36, 14, 24]
    for index, width in enumerate(widths[:len(lines[0])]):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _safe(value: str) -> str:
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def to_csv(rows, *, language: str, marked: bool = False) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel reads accents and scripts correctly."""
    output = io.StringIO()
    writer = csv.writer(output)
    lines = table(rows, language=language, marked=marked)
    writer.writerow(lines[0])
    for line in lines[1:]:
        writer.writerow([_safe(value) for value in line])
    return ("\ufeff" + output.getvalue()).encode("utf-8")
