"""The main menu: the site's rooms grouped by the work, each shown to those who may open it.

On the top floor because it links to every app: each entry asks the predicate of the app
whose page it opens (the same predicate the page's view asks), so a role sees exactly the
pages it may open. The entry of the page being read is marked (``aria-current``), and its
group too. A role with few entries sees them in one row; a role with many sees groups, each
a disclosure (``<details>``) that works with the keyboard and without JavaScript.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tripartite.accounts.permissions import AnyUser, can_view_history, is_active_user
from tripartite.constituents.permissions import can_view_member_states, can_view_people
from tripartite.correspondence.permissions import can_view_correspondence
from tripartite.delegations.permissions import (
    can_use_delegations_portal,
    can_view_delegations,
    can_view_objections,
)
from tripartite.library.permissions import can_view_library
from tripartite.meetings.permissions import can_view_meetings
from tripartite.membership.permissions import can_view_membership
from tripartite.proposals.permissions import can_view_dashboard, can_view_proposals
from tripartite.registration.permissions import (
    can_check_in,
    can_use_desk,
    can_view_attendance,
    can_view_own_photos_page,
)
from tripartite.sittings.permissions import can_view_sittings
from tripartite.votes.permissions import can_manage_votes, can_vote_electronically

# A role with at most this many entries sees them in one row, without groups (the library
# made a focal point's and the desk's menus nine entries long: they stay in one row).
FLAT_UP_TO = 9


@dataclass(frozen=True)
class Entry:
    """One page of the menu: its label, its URL name, who may open it, and the URL names
    (prefixes of ``app:name``) of the pages that count as being in it."""

    label: Promise
    url_name: str
    allowed: Callable[[AnyUser], bool]
    within: tuple[str, ...] = ()


@dataclass(frozen=True)
class Group:
    label: Promise
    entries: tuple[Entry, ...]


def _credentials_reader(user: AnyUser) -> bool:
    return can_view_delegations(user) or can_view_objections(user)


def _lists_reader(user: AnyUser) -> bool:
    """The published lists of delegations are public to every login; the readers of the
    credentials reach them from "Credentials" (the same page)."""
    return is_active_user(user) and not _credentials_reader(user)


def _votes_to_read(user: AnyUser) -> bool:
    """Every login but the delegate (who has "Vote now") and the secretariat ("Votes")."""
    return (is_active_user(user) and not can_vote_electronically(user)
            and not can_manage_votes(user))


def _any(*predicates: Callable[[AnyUser], bool]) -> Callable[[AnyUser], bool]:
    return lambda user: any(predicate(user) for predicate in predicates)


# Only the groups that have pages today; a new room adds its entry to its group.
MENU = (
    Group(_("Meetings"), (
        Entry(_("Calendar"), "meetings:calendar", can_view_meetings,
              ("meetings:calendar", "meetings:ics")),
        Entry(_("Meetings"), "meetings:meeting_list", can_view_meetings, ("meetings:",)),
        Entry(_("Meeting proposals"), "proposals:pipeline", can_view_proposals,
              ("proposals:",)),
        Entry(_("Membership"), "membership:index", can_view_membership, ("membership:",)),
        Entry(_("Sittings"), "sittings:index", can_view_sittings, ("sittings:",)),
    )),
    Group(_("Delegations and attendance"), (
        Entry(_("My delegations"), "delegations:portal", can_use_delegations_portal,
              ("delegations:portal",)),
        Entry(_("Credentials"), "delegations:credentials_index", _credentials_reader,
              ("delegations:credentials", "delegations:review", "delegations:committee",
               "delegations:list")),
        Entry(_("Lists of delegations"), "delegations:credentials_index", _lists_reader,
              ("delegations:credentials", "delegations:list")),
        Entry(_("Registration desk"), "registration:desk_index", can_use_desk,
              ("registration:desk", "registration:photo")),
        Entry(_("Badge photos"), "registration:photo_index", can_view_own_photos_page,
              ("registration:photo",)),
        Entry(_("Check-in"), "registration:checkin_start", can_check_in,
              ("registration:checkin",)),
        Entry(_("Attendance"), "registration:attendance_index", can_view_attendance,
              ("registration:attendance", "registration:departure",
               "registration:door_figures")),
    )),
    Group(_("Votes"), (
        Entry(_("Votes"), "votes:index", _any(can_manage_votes, _votes_to_read),
              ("votes:",)),
        Entry(_("Vote now"), "votes:index", can_vote_electronically, ("votes:",)),
    )),
    Group(_("Correspondence"), (
        Entry(_("Outgoing register"), "correspondence:register", can_view_correspondence,
              ("correspondence:register", "correspondence:letter",
               "correspondence:reply", "correspondence:credentials_reminder")),
        Entry(_("Awaiting replies"), "correspondence:awaiting", can_view_correspondence,
              ("correspondence:awaiting",)),
        Entry(_("Mail-merge batches"), "correspondence:batch_list", can_view_correspondence,
              ("correspondence:batch",)),
        Entry(_("Templates"), "correspondence:template_list", can_view_correspondence,
              ("correspondence:template",)),
        Entry(_("Address book"), "correspondence:address_book", can_view_correspondence,
              ("correspondence:address_book", "correspondence:entry")),
    )),
    Group(_("Library"), (
        Entry(_("Library"), "library:index", can_view_library, ("library:",)),
    )),
    Group(_("Relations"), (
        Entry(_("Member States"), "constituents:member_state_list", can_view_member_states,
              ("constituents:member_state", "constituents:organisation")),
        Entry(_("People"), "constituents:person_list", can_view_people,
              ("constituents:person",)),
    )),
    Group(_("Insight"), (
        Entry(_("Proposals dashboard"), "proposals:dashboard", can_view_dashboard,
              ("proposals:dashboard",)),
        Entry(_("Action log"), "site:action_log", can_view_history, ("site:",)),
    )),
)


@dataclass
class Link:
    label: str
    url: str
    current: str = ""  # "page" on the page itself, "true" on a page within it


@dataclass
class Section:
    label: str
    links: list[Link]

    @property
    def current(self) -> bool:
        return any(link.current for link in self.links)


def _current_entry(entries: list[Entry], view_name: str) -> Entry | None:
    """The entry whose ``within`` prefix matches the page best (the longest prefix)."""
    best, length = None, -1
    for entry in entries:
        for prefix in (entry.url_name, *entry.within):
            if view_name.startswith(prefix) and len(prefix) > length:
                best, length = entry, len(prefix)
    return best


def menu(user: AnyUser, view_name: str = "") -> list[Section]:
    """The groups of pages ``user`` may open, with the current page marked."""
    allowed = [(group, [entry for entry in group.entries if entry.allowed(user)])
               for group in MENU]
    entries = [entry for _group, shown in allowed for entry in shown]
    current = _current_entry(entries, view_name) if view_name else None
    sections = []
    for group, shown in allowed:
        if not shown:
            continue
        sections.append(Section(str(group.label), [
            Link(str(entry.label), reverse(entry.url_name),
                 ("page" if entry.url_name == view_name else "true")
                 if entry is current else "")
            for entry in shown]))
    return sections


def is_flat(sections: list[Section]) -> bool:
    return sum(len(section.links) for section in sections) <= FLAT_UP_TO
