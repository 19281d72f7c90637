"""Who may read and add to the governance library. Same style as ``accounts.permissions``:
the user first, no request.

Every login reads the library's public documents (the Governing Body's and the Conference's
papers, records, decisions, the Constitution and Standing Orders). The Office's internal
papers (internal notes, briefing notes, letters: ``models.RESTRICTED_TYPES``) are read only by
its staff: the secretariat, senior officials and meeting officers. Only the secretariat adds
documents and language versions.
"""

from tripartite.accounts.models import Role
from tripartite.accounts.permissions import AnyUser, has_role, is_active_user
from tripartite.library.models import Document

OFFICE_STAFF = (Role.SECRETARIAT, Role.SENIOR_OFFICIAL, Role.MEETING_OFFICER)


def can_view_library(user: AnyUser) -> bool:
    """The library's search and its public documents: anyone logged in."""
    return is_active_user(user)


def can_view_restricted(user: AnyUser) -> bool:
    """The Office's internal papers: its staff."""
    return has_role(user, *OFFICE_STAFF)


def can_view_document(user: AnyUser, document: Document) -> bool:
    return can_view_library(user) and (not document.restricted or can_view_restricted(user))


def can_manage_library(user: AnyUser) -> bool:
    """Add documents, language versions and revisions: the secretariat."""
    return has_role(user, Role.SECRETARIAT)


def can_view_decisions(user: AnyUser) -> bool:
    """Decisions and their follow-up: the library's readers (every login)."""
    return can_view_library(user)


def can_manage_decisions(user: AnyUser) -> bool:
    """Record a decision and update its follow-up: the secretariat."""
    return has_role(user, Role.SECRETARIAT)


def can_view_rules_texts(user: AnyUser) -> bool:
    """The Constitution and the Standing Orders, article by article: the library's readers."""
    return can_view_library(user)


def can_manage_rules_texts(user: AnyUser) -> bool:
    """Import a language of a version of the rules' texts: the secretariat."""
    return has_role(user, Role.SECRETARIAT)
