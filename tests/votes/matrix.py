"""Permission-matrix rows for the votes pages and API operations."""

ROWS = {}
API_ROWS = {}


def objects(session) -> dict:
    """Objects the rows above name by key, made for ``session`` (an ILC-like session)."""
    return {}
