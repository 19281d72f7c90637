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
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from tripartite.common.models import Group
from tripartite.constituents.models import Gender
from tripartite.delegations import lists
from tripartite.delegations.models import DelegationStatus, NominationRole

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _labels(choices) -> dict[str, str]:
    """Each value's label in the active language, looked up once per export."""
    return {value: str(label) for value, label in choices.choices}


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
    groups, roles = _labels(Group), _labels(NominationRole)
    genders, statuses = _labels(Gender), _labels(DelegationStatus)
    lines = [headings(marked=marked)]
    for row in rows:
        gender, status = row.get("gender") or "", row.get("status") or ""
        line = [row["state"], lists.state_name(row, language),
                groups.get(row["group"], row["group"]), roles.get(row["role"], row["role"]),
                row.get("title", ""), row["name"], row.get("name_latin", ""),
                genders.get(gender, gender), row.get("function", ""),
                row.get("organisation", ""), statuses.get(status, status)]
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
    """One sheet, streamed (openpyxl's write-only mode): a bold heading row, frozen and
    filterable, then one row per person."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet((sheet_title or _("Delegations"))[:31])
    lines = table(rows, language=language, marked=marked)
    widths = [6, 28, 14, 24, 10, 32, 32, 10, 36, 36, 14, 24]
    for index, width in enumerate(widths[:len(lines[0])], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(lines[0]))}{len(lines)}"
    bold = Font(bold=True)
    heading = []
    for value in lines[0]:
        cell = WriteOnlyCell(sheet, value)
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    for line in lines[1:]:
        sheet.append([_xlsx_value(sheet, value) for value in line])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _xlsx_value(sheet, value: str):
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value.startswith("="):  # openpyxl would write it as a formula: keep it text
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"
        return cell
    return value


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
