"""Permission-matrix rows for the lists of delegations (merged by tests/test_permission_matrix.py).

The current list is the secretariat side's (``can_view_delegations``: the readers); the
published lists are public documents, open to every logged-in user; publishing is a POST
(``can_review_credentials``), tested in tests/delegations/test_lists.py.
"""

from tests.delegations.matrix_rules import LOGIN, NOT_ALLOWED, READERS, ROLES, rule
from tests.matrix_writes import write_rule
from tripartite.accounts.models import Role

EVERYONE = rule(set(Role.values))
POST_ONLY = {role: LOGIN if role == "anonymous" else NOT_ALLOWED for role in ROLES}

ROWS = {
    "delegations:list_index": ("delegation_session", EVERYONE),
    "delegations:list_current": ("delegation_session", rule(READERS)),
    "delegations:list_current_pdf": ("delegation_session", rule(READERS)),
    "delegations:list_current_docx": ("delegation_session", rule(READERS)),
    "delegations:list_current_xlsx": ("delegation_session", rule(READERS)),
    "delegations:list_current_csv": ("delegation_session", rule(READERS)),
    "delegations:list_publish": ("delegation_session", POST_ONLY),
    "delegations:list_published": ("published_list", EVERYONE),
    "delegations:list_published_pdf": ("published_list", EVERYONE),
    "delegations:list_published_docx": ("published_list", EVERYONE),
    "delegations:list_published_xlsx": ("published_list", EVERYONE),
    "delegations:list_published_csv": ("published_list", EVERYONE),
}

# The provisional list is published already (tests/delegations/matrix_objects.py): the final.
WRITES = {
    "delegations:list_publish": ("delegation_session", {"kind": "final", "confirm": "yes"},
                                 write_rule({Role.SECRETARIAT})),
    # A list's file is a job queued for its reader (tripartite.jobs).
    **{f"delegations:list_current_{fmt}": ("delegation_session", {"order": "fr"},
                                           write_rule(READERS))
       for fmt in ("pdf", "docx", "xlsx", "csv")},
    **{f"delegations:list_published_{fmt}": ("published_list", {"order": "fr"},
                                             write_rule(set(Role.values)))
       for fmt in ("pdf", "docx", "xlsx", "csv")},
    # Publishing is confirmed first (common/confirm.py): the question writes nothing.
    "delegations:list_publish unconfirmed": ("delegation_session", {"kind": "final"},
                                             write_rule(set(), ok={Role.SECRETARIAT})),
}
