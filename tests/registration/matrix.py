"""Permission-matrix rows for registration: the desk's and the doors' (one module each)."""

from tests.delegations.matrix_review import COMMITTEE
from tests.delegations.matrix_rules import rule
from tests.registration import matrix_desk, matrix_doors

# The Credentials Committee's figures (persons accredited and registered, the quorum base):
# the Committee's readers, as on its other pages.
COMMITTEE_ROWS = {
    "registration:credentials_figures": ("delegation_session", rule(COMMITTEE)),
    "registration:credentials_figures_csv": ("delegation_session", rule(COMMITTEE)),
}
ROWS = {**matrix_desk.ROWS, **matrix_doors.ROWS, **COMMITTEE_ROWS}
API_ROWS = {**matrix_desk.API_ROWS, **matrix_doors.API_ROWS}
WRITES = {**matrix_desk.WRITES, **matrix_doors.WRITES}
# (method, path template) -> operationId, for tests/api/test_api_auth_errors.py.
OPERATION_IDS = {**matrix_desk.OPERATION_IDS, **matrix_doors.OPERATION_IDS}


def objects(session) -> dict:
    """Objects the rows name by key, made for ``session`` (an ILC-like session)."""
    return {**matrix_desk.objects(session), **matrix_doors.objects(session)}
