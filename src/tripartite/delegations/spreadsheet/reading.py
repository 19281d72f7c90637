"""Reading a filled delegation template: every row checked, every problem reported.

Each problem names its row, its column and the reason; the import (``services.imports``)
saves nothing when there is any.
"""

import io
from dataclasses import dataclass, field

import openpyxl
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _

from tripartite.common.archives import SheetLimits, check_office_archive, check_sheet_sizes
from tripartite.common.models import Group
from tripartite.common.services import ServiceError
from tripartite.constituents.models import ConstituentOrganisation, Gender, Person
from tripartite.delegations.models import (
    REPRESENTING_ROLES,
    Delegation,
    Nomination,
    NominationRole,
)
from tripartite.delegations.portal_forms import (
    ADVISER_ROLES,
    ORGANISATION_KINDS,
    nominated_person_keys,
    person_key,
)
from tripartite.delegations.spreadsheet.columns import (
    COLUMN_BY_KEY,
    COLUMNS,
    LANGUAGES,
    MAX_ROWS,
    REQUIRED_COLUMNS,
    column_label,
)
from tripartite.meetings.models import AgendaItem

MAX_SPREADSHEET_SIZE = 5 * 1024 * 1024  # bytes
# The largest sheet read: the template's persons twice over (blank rows are skipped) and
# room for a few columns of the user's own; anything larger is refused before it is parsed.
SHEET_LIMITS = SheetLimits(max_rows=2 * MAX_ROWS, max_columns=32)
ZIP_MAGIC = b"PK\x03\x04"


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
    adviser_existing: Nomination | None = None  # a nomination already in the delegation
    agenda_items: list[AgendaItem] = field(default_factory=list)
    represents: str = ""


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
        self.max_length["represents"] = Nomination._meta.get_field("represents").max_length

    def check(self, number: int, cells: dict, problems: list) -> ImportRow:
        row = ImportRow(row=number)

        def problem(key, message):
            problems.append(ImportProblem(number, column_label(key), message))

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
        for key in ("title", "name", "name_latin", "function", "email", "represents"):
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
        self._check_represents(row, problem)
        self._check_person(row, problem)
        self._check_organisation(row, cells.get("organisation", ""), problem)
        self._check_adviser_to(row, cells.get("adviser_to", ""), problem)
        self._check_agenda_items(row, cells.get("agenda_items", ""), problem)
        return row

    def _check_represents(self, row, problem):
        if row.role in REPRESENTING_ROLES and not row.represents:
            problem("represents", _("Name the territory, State or province this person "
                                    "represents."))
        elif row.represents and row.role in NominationRole.values \
                and row.role not in REPRESENTING_ROLES:
            problem("represents", _("Leave this empty: only an additional adviser for a "
                                    "territory or a representative of a State or province "
                                    "says what they represent."))

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
            problems.append(ImportProblem(row.row, column_label("adviser_to"), _(
                "Row %(target)d has no person.") % {"target": row.adviser_row}))
        elif target.role != NominationRole.DELEGATE:
            problems.append(ImportProblem(row.row, column_label("adviser_to"), _(
                "Row %(target)d is not a delegate: an adviser accompanies a delegate.")
                % {"target": row.adviser_row}))
