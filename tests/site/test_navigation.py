"""Navigation that scales (site/navigation.py): each role's menu shows the pages it may open,
marks the page being read, and every room of the site a role may open is within two clicks
of the home page (the permission matrix's pages and objects)."""

import re

import pytest
from django.urls import reverse

from tests.factories import user_with_role
from tests.test_permission_matrix import (  # noqa: F401 (fixtures)
    MATRIX,
    OK,
    ROLES,
    _objects_once,
    login,
    matrix_objects,
)
from tripartite.accounts.models import Role
from tripartite.site.navigation import MENU, menu

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="(/[^"#?]*)')
# Not rooms one navigates to: the login and password-reset pages (before logging in), the
# actions answered only to a form, files (feeds, exports) rather than pages, and what machines
# read (the health and readiness checks, the metrics).
NOT_NAVIGATED = ("home", "healthz", "readyz", "metrics", "accounts:login", "accounts:logout",
                 "accounts:set_language", "accounts:password_reset",
                 "accounts:calendar_feed_key_replace",
                 "accounts:token_revoke", "meetings:ics_", "favicon")
# The rooms: pages that name no object, and the pages of one session (its credentials,
# votes, desk, doors and attendance), reached from the rooms' lists of sessions.
SESSION_KEYS = {None, "delegation_session", "votes_session", "desk_session", "doors_session"}


def rooms(role, objects) -> dict[str, str]:
    """URL of every room the matrix says ``role`` may open, by matrix key."""
    found = {}
    for key, (kwargs_key, expected) in MATRIX.items():
        name = key.split(" ")[0]
        if kwargs_key not in SESSION_KEYS or expected[role] != OK or \
                name.startswith(NOT_NAVIGATED):
            continue
        url = reverse(name, kwargs=objects[kwargs_key] if kwargs_key else None)
        if not re.search(r"\.(csv|xlsx|pdf|docx|ics|zip)$|/(pdf|docx|xlsx|csv)$", url):
            found[key] = url
    return found


def links(client, url) -> set[str]:
    response = client.get(url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return set()
    return set(HREF.findall(response.content.decode()))


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_every_room_a_role_may_open_is_within_two_clicks_of_home(
        client, matrix_objects, role):  # noqa: F811 (the matrix's fixture, made once)
    login(client, matrix_objects, role)
    first = links(client, reverse("home"))
    second = set(first)
    for url in first:
        second |= links(client, url)
    far = {key: url for key, url in rooms(role, matrix_objects).items() if url not in second}
    assert far == {}


def test_the_menu_shows_each_role_only_what_it_may_open(client):
    """Every entry of every role's menu answers 200 to that role."""
    for role in Role.values:
        user = user_with_role(role, **({"group": "employers"} if role == Role.GROUP_SECRETARIAT
                                       else {}))
        client.force_login(user)
        for section in menu(user):
            for link in section.links:
                assert client.get(link.url).status_code == 200, (role, link.url)


def test_the_current_page_and_its_group_are_marked(client):
    client.force_login(user_with_role(Role.SECRETARIAT))
    html = client.get(reverse("correspondence:awaiting")).content.decode()
    assert (f'<a href="{reverse("correspondence:awaiting")}" aria-current="page">'
            "Awaiting replies</a>") in html
    assert html.count("aria-current=") == 1 + html.count('aria-current="page">Awaiting')
    assert '<summary class="current">Correspondence' in html
    # A page within a room marks the room's entry, not as the page itself.
    html = client.get(reverse("correspondence:template_create")).content.decode()
    assert f'<a href="{reverse("correspondence:template_list")}" aria-current="true">' in html


def test_a_role_with_few_pages_sees_one_row_and_one_with_many_sees_groups(client):
    client.force_login(user_with_role(Role.DELEGATE))
    html = client.get(reverse("home")).content.decode()
    assert "<details" not in html and ">Vote now</a>" in html
    client.force_login(user_with_role(Role.SECRETARIAT))
    html = client.get(reverse("home")).content.decode()
    assert html.count('<details class="navgroup">') == sum(
        1 for group in MENU if len([e for e in group.entries if e.allowed(
            user_with_role(Role.SECRETARIAT))]) > 1)
