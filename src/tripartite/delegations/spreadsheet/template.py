"""The Excel template of a delegation, to fill and upload.

It has one sheet to fill (a header row; lists of the English codes for the group, the role
and the gender) and a "Help" sheet explaining each column in English, French and Spanish,
with the State's organizations and the session's agenda items.
"""

import io

import openpyxl
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from tripartite.common import exports
from tripartite.common.models import Group
from tripartite.constituents.models import ConstituentOrganisation, Gender
from tripartite.delegations.models import Delegation, NominationRole
from tripartite.delegations.spreadsheet.columns import (
    COLUMN_BY_KEY,
    COLUMNS,
    LANGUAGE_NAMES,
    LANGUAGES,
    MAX_ROWS,
)


def template_filename(delegation: Delegation) -> str:
    session = delegation.session
    return f"delegation-{delegation.member_state.iso2}-{session.number or session.pk}.xlsx"


def build_template(*, delegation: Delegation) -> bytes:
    """The Excel template for ``delegation`` (its State's organizations, its session's items)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = _safe_title(_("Delegation"))
    help_sheet = workbook.create_sheet(_safe_title(_("Help")))
    organisations = list(ConstituentOrganisation.objects.filter(
        member_state=delegation.member_state).order_by("kind", "name"))
    items = list(delegation.session.agenda_items.filter(technical=True)
                 .order_by("position", "id"))

    bold = Font(bold=True)
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=str(column.label))
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="E6EEF9")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    last = MAX_ROWS + 1
    for key, codes in (("group", Group.values), ("role", NominationRole.values),
                       ("gender", Gender.values)):
        _add_list(sheet, key, f'"{",".join(codes)}"', last, strict=True)
    org_range = _write_help(help_sheet, delegation, organisations, items)
    if org_range:
        # A list to choose from, not a constraint: an acronym typed by hand is accepted too.
        _add_list(sheet, "organisation", org_range, last, strict=False)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _safe_title(title: str) -> str:
    return "".join(ch for ch in str(title) if ch not in "[]:*?/\\")[:31] or "Sheet"


def _column_letter(key: str) -> str:
    return get_column_letter([c.key for c in COLUMNS].index(key) + 1)


def _add_list(sheet, key, formula, last_row, *, strict):
    validation = DataValidation(type="list", formula1=formula, allow_blank=True,
                                showErrorMessage=strict)
    if strict:
        validation.error = _("Choose a value from the list.")
        validation.errorTitle = str(COLUMN_BY_KEY[key].label)
    letter = _column_letter(key)
    validation.add(f"{letter}2:{letter}{last_row}")
    sheet.add_data_validation(validation)


def _set(sheet, row, column, value, font=None):
    # Organizations' names and agenda items are typed by people: never a formula.
    cell = sheet.cell(row=row, column=column, value=exports.neutralise(value))
    if font:
        cell.font = font
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _write_help(sheet, delegation, organisations, items) -> str | None:
    """Fill the Help sheet; return the range of the organizations' names, if any."""
    bold, heading = Font(bold=True), Font(bold=True, size=13)
    for letter, width in zip("ABCD", (34, 60, 34, 34), strict=True):
        sheet.column_dimensions[letter].width = width
    row = 1
    _set(sheet, row, 1, f"{delegation.member_state.name} — {delegation.session}", heading)
    row += 2
    for language in LANGUAGES:
        with translation.override(language):
            _set(sheet, row, 1, LANGUAGE_NAMES[language], heading)
            row += 1
            _set(sheet, row, 1, _(
                "One person per row, from row 2 of the first sheet. Use the codes of the "
                "lists, in English, for the group, the role and the gender. The whole file is "
                "refused if any row has an error; each error is shown with its row and "
                "column."))
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
            sheet.row_dimensions[row].height = 45
            row += 1
            _set(sheet, row, 1, _("Column"), bold)
            _set(sheet, row, 2, _("What to write"), bold)
            row += 1
            for column in COLUMNS:
                _set(sheet, row, 1, str(column.label))
                _set(sheet, row, 2, str(column.help))
                row += 1
            row += 1

    _set(sheet, row, 1, _("Codes"), heading)
    row += 1
    for key, choices in (("group", Group), ("role", NominationRole), ("gender", Gender)):
        _set(sheet, row, 1, str(COLUMN_BY_KEY[key].label), bold)
        for index, language in enumerate(LANGUAGES, start=2):
            _set(sheet, row, index, LANGUAGE_NAMES[language], bold)
        row += 1
        for choice in choices:
            _set(sheet, row, 1, choice.value)
            for index, language in enumerate(LANGUAGES, start=2):
                with translation.override(language):
                    _set(sheet, row, index, str(choice.label))
            row += 1
        row += 1

    _set(sheet, row, 1, _("Organizations of %(state)s") % {
        "state": delegation.member_state.name}, heading)
    row += 1
    org_range = None
    if organisations:
        _set(sheet, row, 1, _("Acronym"), bold)
        _set(sheet, row, 2, _("Name"), bold)
        _set(sheet, row, 3, _("Kind"), bold)
        row += 1
        first = row
        for organisation in organisations:
            _set(sheet, row, 1, organisation.acronym)
            _set(sheet, row, 2, organisation.name)
            _set(sheet, row, 3, str(organisation.get_kind_display()))
            row += 1
        org_range = f"'{sheet.title}'!$B${first}:$B${row - 1}"
    else:
        _set(sheet, row, 1, _("None recorded."))
        row += 1
    row += 1
    _set(sheet, row, 1, _("Agenda items"), heading)
    row += 1
    for item in items:
        _set(sheet, row, 1, item.number)
        _set(sheet, row, 2, item.title)
        row += 1
    if not items:
        _set(sheet, row, 1, _("None recorded."))
    return org_range
