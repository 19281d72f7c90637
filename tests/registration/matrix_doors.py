"""Permission-matrix rows for the registration doors's pages and API operations."""

ROWS = {}
API_ROWS = {}
OPERATION_IDS = {}


def objects(session) -> dict:
    return {}
