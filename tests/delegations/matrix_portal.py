"""Permission-matrix rows for these delegations pages (merged by tests/test_permission_matrix.py).

ROWS = {"delegations:url_name": (objects key or None, expectations)}; see that module for
``rule``, ``EVERYONE`` and the object keys (tests/delegations/matrix_objects.py adds the
delegations' ones). Import the helpers from tests.delegations.matrix_rules.
"""

ROWS = {}
