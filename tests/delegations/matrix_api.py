"""Permission-matrix rows for the delegations API (merged into API_MATRIX).

API_ROWS = {(method, path template): (objects key or None, body, {role: status})}.
"""

API_ROWS = {}
