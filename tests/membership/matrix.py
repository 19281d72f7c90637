"""Permission-matrix rows for committee and Governing Body membership."""

ROWS = {}
API_ROWS = {}
# (method, path template) -> operationId, for tests/api/test_api_auth_errors.py.
OPERATION_IDS = {}


def objects(session) -> dict:
    """Objects the rows above name by key, made for ``session`` (an ILC-like session)."""
    return {}
