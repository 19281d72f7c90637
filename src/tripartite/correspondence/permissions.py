"""Who may see and do what with the official correspondence.

The secretariat manages everything (templates, address book, batches, the register, replies);
senior officials and read-only observers read the register, the templates and the address
book. Nobody else sees the correspondence: in particular a member State's focal point never
sees letters (another State's least of all).
"""

from tripartite.accounts.models import Role
from tripartite.accounts.permissions import has_role, is_secretariat

READER_ROLES = (Role.SECRETARIAT, Role.SENIOR_OFFICIAL, Role.OBSERVER)


def can_view_correspondence(user) -> bool:
    """The register, its letters and replies, the templates and the address book."""
    return has_role(user, *READER_ROLES)


def can_manage_correspondence(user) -> bool:
    """Templates, address book, batches, sending, replies and reminders."""
    return is_secretariat(user)
