"""Exports of a list of delegations: Excel (.xlsx) and CSV, one row per person.

Column headings and labels (group, role, gender, status) are in the reader's language; the
State's name is in the list's language. Both are written by ``tripartite.common.exports``,
which keeps text that a spreadsheet would run as a formula as text.
"""

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from tripartite.common import exports
from tripartite.common.models import Group
from tripartite.common.text import current_language
from tripartite.common.titles import title_in
from tripartite.constituents.models import Gender
from tripartite.delegations import lists
from tripartite.delegations.models import DelegationStatus, NominationRole


def _labels(choices) -> dict[str, str]:
    """Each value's label in the active language, looked up once per export."""
    return {value: str(label) for value, label in choices.choices}


def headings(*, marked: bool) -> list[str]:
    columns = [_("State (ISO)"), _("Member State"), _("Group"), _("Role"), _("Title"),
               _("Name"), _("Name in Latin script"), _("Family name"), _("Gender"), _("Function"),
               _("Organization"), _("Status")]
    return [*columns, _("Change since the previous list")] if marked else columns


def field_names() -> dict[str, str]:
    """The compared fields (lists.COMPARED_FIELDS), named as in the headings."""
    return {"group": _("Group"), "role": _("Role"),
            "represents": _("Territory, State or province represented"), "title": _("Title"),
            "function": _("Function"), "name": _("Name"),
            "name_latin": _("Name in Latin script"), "family_name": _("Family name")}


def table(rows, *, language: str, marked: bool = False) -> list[list[str]]:
    """The heading row and one row per person, as text."""
    changes = {lists.ADDED: _("added"), lists.WITHDRAWN: _("withdrawn"),
               lists.CHANGED: _("changed")}
    groups, roles = _labels(Group), _labels(NominationRole)
    genders, statuses = _labels(Gender), _labels(DelegationStatus)
    reader = current_language()  # the language of the headings, roles and genders
    lines = [headings(marked=marked)]
    for row in rows:
        gender, status = row.get("gender") or "", row.get("status") or ""
        role = roles.get(row["role"], row["role"])
        if row.get("represents"):
            role = f"{role} — {row['represents']}"
        line = [row["state"], lists.state_name(row, language),
                groups.get(row["group"], row["group"]), role,
                title_in(row.get("title") or "", reader, gender), row["name"],
                row.get("name_latin", ""),
                row.get("family_name", ""), genders.get(gender, gender), row.get("function", ""),
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
    workbook = exports.XlsxWriter()
    sheet = workbook.sheet(sheet_title or _("Delegations"))
    lines = table(rows, language=language, marked=marked)
    widths = [6, 28, 14, 24, 10, 32, 32, 24, 10, 36, 36, 14, 24]
    for index, width in enumerate(widths[:len(lines[0])], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(lines[0]))}{len(lines)}"
    workbook.append(sheet, lines[0], bold=True)
    for line in lines[1:]:
        workbook.append(sheet, line)
    return workbook.content()


def to_csv(rows, *, language: str, marked: bool = False) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel reads accents and scripts correctly."""
    writer = exports.CsvWriter()
    writer.writerows(table(rows, language=language, marked=marked))
    return writer.content()
