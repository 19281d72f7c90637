"""Permission-matrix rows for the registration desk's pages and API operations."""

ROWS = {}
API_ROWS = {}
OPERATION_IDS = {}


def objects(session) -> dict:
    return {}
