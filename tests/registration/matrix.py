"""Permission-matrix rows for the registration, badges and check-in pages and API operations."""

ROWS = {}
API_ROWS = {}
# (method, path template) -> operationId, for tests/api/test_api_auth_errors.py.
OPERATION_IDS = {}


def objects(session) -> dict:
    """Objects the rows above name by key, made for ``session`` (an ILC-like session)."""
    return {}
