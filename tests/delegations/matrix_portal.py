"""Permission-matrix rows for these delegations pages (merged by tests/test_permission_matrix.py).

ROWS = {"delegations:url_name": (objects key or None, expectations)}; see that module for
``rule``, ``EVERYONE`` and the object keys (tests/delegations/matrix_objects.py adds the
delegations' ones). Import the helpers from tests.delegations.matrix_rules.

The portal: France's focal point reads and writes France's delegation ("own_*"), never
Germany's ("other_*"); the secretariat writes any; the other readers only read.
"""

from tests.delegations.matrix_rules import NOT_ALLOWED, OK, READERS, rule
from tests.matrix_writes import CONFIRMED, pdf_file, write_rule
from tripartite.accounts.models import Role

NOMINATORS = {Role.SECRETARIAT, Role.FOCAL_POINT}


def post_only(allowed):
    """A POST-only page: who may write gets 405 on GET, the others 403 (before the 405)."""
    return {role: NOT_ALLOWED if outcome == OK else outcome
            for role, outcome in rule(allowed).items()}


ROWS = {
    "delegations:portal": (None, rule(NOMINATORS)),
    "delegations:portal_delegation": ("own_portal", rule(READERS | {Role.FOCAL_POINT})),
    "delegations:portal_delegation other": ("other_portal", rule(READERS)),
    "delegations:portal_template": ("own_portal", rule(READERS | {Role.FOCAL_POINT})),
    "delegations:portal_template other": ("other_portal", rule(READERS)),
    # Without a letter uploaded the link sends back to the page (a redirect: OK).
    "delegations:portal_letter": ("own_portal", rule(READERS | {Role.FOCAL_POINT})),
    "delegations:portal_letter other": ("other_portal", rule(READERS)),
    "delegations:portal_letter_upload": ("own_portal", post_only(NOMINATORS)),
    "delegations:portal_letter_upload other": ("other_portal", post_only({Role.SECRETARIAT})),
    "delegations:portal_import": ("own_portal", post_only(NOMINATORS)),
    "delegations:portal_import other": ("other_portal", post_only({Role.SECRETARIAT})),
    "delegations:portal_submit": ("own_portal", post_only(NOMINATORS)),
    "delegations:portal_submit other": ("other_portal", post_only({Role.SECRETARIAT})),
    "delegations:portal_withdraw": ("own_nomination", post_only(NOMINATORS)),
    "delegations:portal_withdraw other": ("other_nomination", post_only({Role.SECRETARIAT})),
    "delegations:portal_answer": ("own_query", post_only(NOMINATORS)),
}


def _sheet():
    """A filled delegation spreadsheet of one Government delegate (as the template's first
    sheet: a header row, then one row a person)."""
    import io

    import openpyxl
    from django.core.files.uploadedfile import SimpleUploadedFile

    workbook = openpyxl.Workbook()
    workbook.active.append(["Group", "Role", "Title", "Name", "Name in Latin script",
                            "Gender", "Function", "E-mail", "Organization",
                            "Adviser to (row number of the delegate)", "Agenda items"])
    workbook.active.append(["government", "delegate", "Ms", "Catherine Vautrin", None, "f",
                            "Minister of Labour", None, None, None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("delegation.xlsx", buffer.getvalue())


NOMINATION = {"group": "employers", "role": "delegate", "title": "Mr",
              "name": "Patrick Martin", "gender": "m", "function": "President"}
WRITES = {
    "delegations:portal_delegation": ("own_portal", NOMINATION, write_rule(NOMINATORS)),
    "delegations:portal_delegation other": ("other_portal", NOMINATION,
                                            write_rule({Role.SECRETARIAT})),
    "delegations:portal_letter_upload": ("own_portal", lambda objects: {
        "letter-file": pdf_file()}, write_rule(NOMINATORS)),
    "delegations:portal_letter_upload other": ("other_portal", lambda objects: {
        "letter-file": pdf_file()}, write_rule({Role.SECRETARIAT})),
    "delegations:portal_import": ("own_portal", lambda objects: {"sheet-file": _sheet()},
                                  write_rule(NOMINATORS)),
    "delegations:portal_import other": ("other_portal", lambda objects: {
        "sheet-file": _sheet()}, write_rule({Role.SECRETARIAT})),
    # France's delegation was submitted and has not changed since: submitting again is
    # refused with a message (OK, nothing written). Germany's is sent for the first time.
    # Official acts are confirmed (common/confirm.py): the first post only asks, and writes
    # nothing; the confirmed one acts.
    "delegations:portal_submit": ("own_portal", CONFIRMED, write_rule(set(), ok=NOMINATORS)),
    "delegations:portal_submit other": ("other_portal", CONFIRMED,
                                        write_rule({Role.SECRETARIAT})),
    "delegations:portal_submit other, unconfirmed": ("other_portal", {},
                                                     write_rule(set(), ok={Role.SECRETARIAT})),
    "delegations:portal_withdraw": ("own_nomination", CONFIRMED, write_rule(NOMINATORS)),
    "delegations:portal_withdraw unconfirmed": ("own_nomination", {},
                                                write_rule(set(), ok=NOMINATORS)),
    # An objection names Germany's nominee: the withdrawal is refused with a message.
    "delegations:portal_withdraw other": ("other_nomination", CONFIRMED,
                                          write_rule(set(), ok={Role.SECRETARIAT})),
    "delegations:portal_answer": ("own_query", lambda objects: {
        f"query{objects['own_query']['pk']}-answer": "The Ministry of Labour."},
        write_rule(NOMINATORS)),
}
