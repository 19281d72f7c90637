"""The Excel template of a delegation, and the import of a filled one.

The template has one sheet to fill (a header row; lists of the English codes for the group,
the role and the gender) and a "Help" sheet explaining each column in English, French and
Spanish, with the State's organizations and the session's agenda items.

An import is all or nothing: every row is checked first and every problem is reported with
its row, its column and the reason; if there is any, nothing is saved. Otherwise all the
persons are nominated in one transaction, through ``services.nomination_add``.
"""

import io
from dataclasses import dataclass, field

import openpyxl
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from tripartite.common import exports
from tripartite.common.archives import SheetLimits, check_office_archive, check_sheet_sizes
from tripartite.common.models import Group
from tripartite.common.services import PermissionDeniedError, ServiceError
from tripartite.constituents.models import ConstituentOrganisation, Gender, Person
from tripartite.delegations import permissions, services
from tripartite.delegations.models import Delegation, NominationRole
from tripartite.delegations.portal_forms import (
    ADVISER_ROLES,
    ORGANISATION_KINDS,
    nominated_person_keys,
    person_key,
)

MAX_SPREADSHEET_SIZE = 5 * 1024 * 1024  # bytes
MAX_ROWS = 500
# The largest sheet read: the template's persons twice over (blank rows are skipped) and
# room for a few columns of the user's own; anything larger is refused before it is parsed.
SHEET_LIMITS = SheetLimits(max_rows=2 * MAX_ROWS, max_columns=32)
ZIP_MAGIC = b"PK\x03\x04"
LANGUAGES = ("en", "fr", "es")
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español"}


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # lazy: rendered in the language active when it is read
    help: str
    width: int


COLUMNS = (
    Column("group", gettext_lazy("Group"), gettext_lazy(
        "government, employers or workers (choose from the list)."), 14),
    Column("role", gettext_lazy("Role"), gettext_lazy(
        "delegate, substitute_delegate, adviser, adviser_substitute_delegate, minister, "
        "accompanying_minister or other (choose from the list)."), 26),
    Column("title", gettext_lazy("Title"), gettext_lazy("Mr, Ms, Dr, H.E. … (optional)."), 8),
    Column("name", gettext_lazy("Name"), gettext_lazy(
        "As the person writes it, in any script (required)."), 28),
    Column("name_latin", gettext_lazy("Name in Latin script"), gettext_lazy(
        "Used for sorting; leave it empty when the name is already in Latin script."), 28),
    Column("gender", gettext_lazy("Gender"), gettext_lazy(
        "f (female), m (male) or x (other / not stated)."), 9),
    Column("function", gettext_lazy("Function"), gettext_lazy(
        "The person's post, e.g. Minister of Labour (optional)."), 30),
    Column("email", gettext_lazy("E-mail"), gettext_lazy("Optional."), 28),
    Column("organisation", gettext_lazy("Organization"), gettext_lazy(
        "For the Employers' and Workers' members: the organization in agreement with which "
        "they were chosen (Constitution art. 3(5)), by its name or acronym as listed on this "
        "sheet. For Government members: their ministry, if listed (optional)."), 30),
    Column("adviser_to", gettext_lazy("Adviser to (row number of the delegate)"), gettext_lazy(
        "For an adviser or a substitute delegate: the number of the row, on the first sheet, "
        "of the delegate accompanied (or the name of a delegate already nominated)."), 16),
    Column("agenda_items", gettext_lazy("Agenda items"), gettext_lazy(
        "For an adviser: the numbers of the agenda items followed, as published, separated by "
        "commas, e.g. \"IV, V\"."), 16),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
REQUIRED_COLUMNS = ("group", "role", "name", "gender")
# Which column a service's refusal is about, when it names a field.
FIELD_COLUMNS = {"person": "name", "name": "name", "name_latin": "name_latin",
                 "title": "title", "gender": "gender", "function": "function", "email": "email",
                 "organisation": "organisation", "adviser_to": "adviser_to",
                 "agenda_items": "agenda_items", "group": "group", "role": "role"}


# --------------------------------------------------------------------------------------------
# The template


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


# --------------------------------------------------------------------------------------------
# Reading a filled template


@dataclass(frozen=True)
class ImportProblem:
    row: int
    column: str
    message: str


@dataclass
class ImportRow:
    row: int
    group: str = ""
    role: str = ""
    title: str = ""
    name: str = ""
    name_latin: str = ""
    gender: str = ""
    function: str = ""
    email: str = ""
    organisation: ConstituentOrganisation | None = None
    adviser_row: int | None = None
    adviser_existing: object = None  # a Nomination already in the delegation
    agenda_items: list = field(default_factory=list)


@dataclass
class ImportResult:
    problems: list[ImportProblem]
    added: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


class _RowRefused(Exception):
    def __init__(self, problem: ImportProblem):
        super().__init__(problem.message)
        self.problem = problem


def nominations_import(*, actor, delegation: Delegation, uploaded_file) -> ImportResult:
    """Nominate everyone in a filled template, or no one: the problems, row by row, if any.

    A file that is not an Excel workbook raises ServiceError; problems in the rows are
    returned (and nothing is saved).
    """
    if not permissions.can_nominate(actor, delegation.member_state):
        raise PermissionDeniedError
    rows, problems = read_rows(delegation=delegation, uploaded_file=uploaded_file)
    if problems:
        return ImportResult(problems=problems)
    if not rows:
        return ImportResult(problems=[ImportProblem(2, "", _("The sheet has no persons."))])
    # Delegates first, so that the advisers can name them; within each, the file's order.
    ordered = ([r for r in rows if r.role == NominationRole.DELEGATE]
               + [r for r in rows if r.role != NominationRole.DELEGATE])
    try:
        with transaction.atomic():
            created = {}
            for row in ordered:
                created[row.row] = _nominate(actor, delegation, row, created)
    except _RowRefused as refused:
        return ImportResult(problems=[refused.problem])
    return ImportResult(problems=[], added=len(created))


def _nominate(actor, delegation, row: ImportRow, created: dict):
    adviser_to = created.get(row.adviser_row) if row.adviser_row else row.adviser_existing
    try:
        return services.nomination_add(
            actor=actor, delegation=delegation, group=row.group, role=row.role,
            name=row.name, name_latin=row.name_latin, gender=row.gender, title=row.title,
            function=row.function, email=row.email, organisation=row.organisation,
            adviser_to=adviser_to, agenda_items=row.agenda_items)
    except PermissionDeniedError:
        raise
    except ServiceError as error:
        column = FIELD_COLUMNS.get(error.field or "", "")
        raise _RowRefused(ImportProblem(row.row, _label(column), error.message)) from error
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            name, messages = next(iter(error.message_dict.items()))
            column = FIELD_COLUMNS.get(name, "")
        else:
            column, messages = "", error.messages
        raise _RowRefused(ImportProblem(row.row, _label(column), " ".join(messages))) from error


def _label(key: str) -> str:
    return str(COLUMN_BY_KEY[key].label) if key in COLUMN_BY_KEY else ""


def open_workbook(uploaded_file):
    """The workbook in ``uploaded_file``, checked by content; ServiceError if it is not one."""
    size = getattr(uploaded_file, "size", None)
    if size is None or size <= MAX_SPREADSHEET_SIZE:
        if hasattr(uploaded_file, "seek"):
            uploaded_file.seek(0)
        content = b"".join(uploaded_file.chunks()) if hasattr(uploaded_file, "chunks") \
            else uploaded_file.read()
        size = len(content)
    if size > MAX_SPREADSHEET_SIZE:
        raise ServiceError(_("The file is larger than the limit of %(limit)s.") % {
            "limit": filesizeformat(MAX_SPREADSHEET_SIZE)}, field="file", code="file_too_large")
    if not content.startswith(ZIP_MAGIC):
        raise _not_a_workbook()
    check_office_archive(content)
    check_sheet_sizes(content, limits=SHEET_LIMITS)
    try:
        return openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # zipfile and openpyxl raise many kinds on a foreign file
        raise _not_a_workbook() from error


def _not_a_workbook() -> ServiceError:
    return ServiceError(
        _("This file is not an Excel workbook (.xlsx). Download the template, fill it in "
          "Excel or LibreOffice, save it as .xlsx and upload it again."),
        field="file", code="not_xlsx")


def read_rows(*, delegation: Delegation, uploaded_file) -> tuple[list[ImportRow], list]:
    """The rows of a filled template and every problem found in them."""
    workbook = open_workbook(uploaded_file)
    try:
        sheet = workbook.worksheets[0]
        # Only the columns a sheet may have: openpyxl pads every row to the widest one.
        all_rows = sheet.iter_rows(values_only=True, max_row=SHEET_LIMITS.max_rows,
                                   max_col=SHEET_LIMITS.max_columns)
        header = next(all_rows, None) or ()
        positions, problems = _header_positions(header)
        if problems:
            return [], problems
        context = _Context(delegation)
        rows = []
        for number, values in enumerate(all_rows, start=2):
            cells = {key: _text(values[index]) if index < len(values) else ""
                     for key, index in positions.items()}
            if not any(cells.values()):
                continue
            if len(rows) >= MAX_ROWS:
                problems.append(ImportProblem(number, "", _(
                    "The file has more than %(count)d persons; split it into several files.")
                    % {"count": MAX_ROWS}))
                break
            rows.append(context.check(number, cells, problems))
    finally:
        workbook.close()
    _check_adviser_rows(rows, problems)
    # Row by row, and within a row from left to right, as the user reads the sheet.
    order = {str(column.label): index for index, column in enumerate(COLUMNS)}
    problems.sort(key=lambda problem: (problem.row, order.get(problem.column, len(order))))
    return rows, problems


def _header_positions(header) -> tuple[dict[str, int], list[ImportProblem]]:
    """Which cell holds which column; the header may be in English, French or Spanish."""
    names = {}
    for column in COLUMNS:
        names[column.key.casefold()] = column.key
        for language in LANGUAGES:
            with translation.override(language):
                names[_normal(str(column.label))] = column.key
    positions = {}
    for index, value in enumerate(header):
        key = names.get(_normal(_text(value)))
        if key and key not in positions:
            positions[key] = index
    problems = [ImportProblem(1, str(COLUMN_BY_KEY[key].label),
                              _("This column is missing from the first row."))
                for key in REQUIRED_COLUMNS if key not in positions]
    return positions, problems


def _normal(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").casefold().split())


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class _Context:
    """What the rows are checked against: the State's organizations, the session's items,
    the persons already nominated."""

    def __init__(self, delegation: Delegation):
        self.delegation = delegation
        self.organisations = list(ConstituentOrganisation.objects.filter(
            member_state=delegation.member_state))
        self.items = {item.number.casefold(): item for item in delegation.session.agenda_items
                      .filter(technical=True).order_by("position", "id")}
        active = list(delegation.nominations.filter(withdrawn_in_amendment__isnull=True)
                      .select_related("person"))
        self.nominated = nominated_person_keys(active)
        self.delegates_by_name = {}
        for nomination in active:
            if nomination.role == NominationRole.DELEGATE:
                for name in (nomination.person.name, nomination.person.name_latin):
                    self.delegates_by_name.setdefault(_normal(name), nomination)
        self.seen = {}  # person key -> first row
        self.max_length = {name: Person._meta.get_field(name).max_length
                           for name in ("title", "name", "name_latin", "function", "email")}

    def check(self, number: int, cells: dict, problems: list) -> ImportRow:
        row = ImportRow(row=number)

        def problem(key, message):
            problems.append(ImportProblem(number, _label(key), message))

        row.group = cells.get("group", "").casefold()
        if not row.group:
            problem("group", _("The group is missing."))
        elif row.group not in Group.values:
            problem("group", _("Unknown group “%(value)s”: write government, employers or "
                               "workers.") % {"value": cells["group"]})
        row.role = cells.get("role", "").casefold()
        if not row.role:
            problem("role", _("The role is missing."))
        elif row.role not in NominationRole.values:
            problem("role", _("Unknown role “%(value)s”: use one of the codes of the list.")
                    % {"value": cells["role"]})
        row.gender = cells.get("gender", "").casefold()
        if not row.gender:
            problem("gender", _("The gender is missing."))
        elif row.gender not in Gender.values:
            problem("gender", _("Unknown gender “%(value)s”: write f, m or x.")
                    % {"value": cells["gender"]})
        for key in ("title", "name", "name_latin", "function", "email"):
            setattr(row, key, cells.get(key, ""))
            if len(getattr(row, key)) > self.max_length[key]:
                problem(key, _("At most %(count)d characters.") % {
                    "count": self.max_length[key]})
        if not row.name:
            problem("name", _("The name is missing."))
        if row.email:
            try:
                validate_email(row.email)
            except ValidationError:
                problem("email", _("“%(value)s” is not an e-mail address.")
                        % {"value": row.email})
        self._check_person(row, problem)
        self._check_organisation(row, cells.get("organisation", ""), problem)
        self._check_adviser_to(row, cells.get("adviser_to", ""), problem)
        self._check_agenda_items(row, cells.get("agenda_items", ""), problem)
        return row

    def _check_person(self, row, problem):
        if not row.name:
            return
        key = person_key(row.name, row.name_latin)
        if key in self.seen:
            problem("name", _("The same person is already on row %(row)d.")
                    % {"row": self.seen[key]})
        else:
            self.seen[key] = row.row
        if key in self.nominated:
            problem("name", _("%(name)s is already in this delegation.") % {"name": row.name})

    def _check_organisation(self, row, value, problem):
        if not value:
            return
        wanted = _normal(value)
        by_name = [o for o in self.organisations if _normal(o.name) == wanted]
        found = by_name or [o for o in self.organisations
                            if o.acronym and _normal(o.acronym) == wanted]
        state = self.delegation.member_state.name
        if not found:
            problem("organisation", _("“%(value)s” is not among the organizations of "
                                      "%(state)s (by name or acronym).")
                    % {"value": value, "state": state})
            return
        kinds = ORGANISATION_KINDS.get(row.group)
        if kinds is not None:
            found = [o for o in found if o.kind in kinds] or found
        if len(found) > 1:
            problem("organisation", _("“%(value)s” names several organizations of %(state)s: "
                                      "write the full name.") % {"value": value,
                                                                  "state": state})
            return
        row.organisation = found[0]
        if kinds is not None and row.organisation.kind not in kinds:
            problem("organisation", _("%(organisation)s is not an organization of this group "
                                      "(%(kind)s).") % {
                "organisation": row.organisation,
                "kind": row.organisation.get_kind_display()})

    def _check_adviser_to(self, row, value, problem):
        if not value:
            return
        if row.role and row.role not in ADVISER_ROLES:
            problem("adviser_to", _("Only an adviser or a substitute delegate accompanies a "
                                    "delegate; leave this cell empty."))
            return
        if value.isdigit():
            row.adviser_row = int(value)
            return
        existing = self.delegates_by_name.get(_normal(value))
        if existing is None:
            problem("adviser_to", _("Write the row number of the delegate accompanied, e.g. "
                                    "2 (or the name of a delegate already nominated)."))
        else:
            row.adviser_existing = existing

    def _check_agenda_items(self, row, value, problem):
        if not value:
            return
        unknown = []
        for number in (part.strip() for part in value.replace(";", ",").split(",")):
            if not number:
                continue
            item = self.items.get(number.casefold())
            if item is None:
                unknown.append(number)
            elif item not in row.agenda_items:
                row.agenda_items.append(item)
        if unknown:
            known = ", ".join(item.number for item in self.items.values()) or "—"
            problem("agenda_items", _("Unknown agenda item number: %(numbers)s. The items "
                                      "of this session are: %(known)s.") % {
                "numbers": ", ".join(unknown), "known": known})


def _check_adviser_rows(rows: list[ImportRow], problems: list) -> None:
    """An "adviser to" row number must be a delegate's row of the same file."""
    by_row = {row.row: row for row in rows}
    for row in rows:
        if row.adviser_row is None:
            continue
        target = by_row.get(row.adviser_row)
        if target is None:
            problems.append(ImportProblem(row.row, _label("adviser_to"), _(
                "Row %(target)d has no person.") % {"target": row.adviser_row}))
        elif target.role != NominationRole.DELEGATE:
            problems.append(ImportProblem(row.row, _label("adviser_to"), _(
                "Row %(target)d is not a delegate: an adviser accompanies a delegate.")
                % {"target": row.adviser_row}))
