"""Nominating a delegation from a filled Excel template: everyone, or no one.

Every row is checked first (``spreadsheet.reading``) and every problem is reported with its
row, its column and the reason; if there is any, nothing is saved. Otherwise all the persons
are nominated in one transaction, through ``nominations.nomination_add``.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from tripartite.accounts.models import User
from tripartite.common.services import PermissionDeniedError, ServiceError
from tripartite.delegations import permissions
from tripartite.delegations.models import Delegation, Nomination, NominationRole
from tripartite.delegations.services.nominations import nomination_add
from tripartite.delegations.spreadsheet.columns import column_label
from tripartite.delegations.spreadsheet.reading import ImportProblem, ImportRow, read_rows

# Which column a service's refusal is about, when it names a field.
FIELD_COLUMNS = {"person": "name", "name": "name", "name_latin": "name_latin",
                 "title": "title", "gender": "gender", "function": "function", "email": "email",
                 "organisation": "organisation", "adviser_to": "adviser_to",
                 "agenda_items": "agenda_items", "group": "group", "role": "role",
                 "represents": "represents"}


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


def nominations_import(*, actor: User, delegation: Delegation,
                       uploaded_file: File[bytes]) -> ImportResult:
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
            created: dict[int, Nomination] = {}
            for row in ordered:
                created[row.row] = _nominate(actor, delegation, row, created)
    except _RowRefused as refused:
        return ImportResult(problems=[refused.problem])
    return ImportResult(problems=[], added=len(created))


def _nominate(actor: User, delegation: Delegation, row: ImportRow,
              created: dict[int, Nomination]) -> Nomination:
    adviser_to = created.get(row.adviser_row) if row.adviser_row else row.adviser_existing
    try:
        return nomination_add(
            actor=actor, delegation=delegation, group=row.group, role=row.role,
            name=row.name, name_latin=row.name_latin, gender=row.gender, title=row.title,
            function=row.function, email=row.email, organisation=row.organisation,
            adviser_to=adviser_to, agenda_items=row.agenda_items, represents=row.represents)
    except PermissionDeniedError:
        raise
    except ServiceError as error:
        column = FIELD_COLUMNS.get(error.field or "", "")
        raise _RowRefused(ImportProblem(row.row, column_label(column), error.message)) from error
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            name, messages = next(iter(error.message_dict.items()))
            column = FIELD_COLUMNS.get(name, "")
        else:
            column, messages = "", error.messages
        problem = ImportProblem(row.row, column_label(column), " ".join(messages))
        raise _RowRefused(problem) from error
