"""Accessibility of the served HTML, without a browser: every page of the permission matrix,
as one role that may open it, has labelled form controls, help texts and errors that exist
where aria-describedby points, and a skip link as its first focusable element. Forms sent back
with errors name the problem in the title and in a summary that links to the fields.

tests/browser/test_accessibility.py runs axe-core over the same pages in Chromium.
"""

from html.parser import HTMLParser

from django.urls import reverse

from tests.factories import user_with_role
from tests.test_permission_matrix import MATRIX, OK, ROLES, login, objects  # noqa: F401
from tripartite.accounts.models import Role

FOCUSABLE = {"a", "button", "input", "select", "textarea"}
CONTROLS = {"input", "select", "textarea"}
UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}


class Markup(HTMLParser):
    """The ids, labels, described-by references and controls of one page."""

    def __init__(self):
        super().__init__()
        self.ids, self.label_for, self.described = set(), set(), []
        self.controls, self.focusable, self.label_depth = [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "label":
            self.label_depth += 1
            self.label_for.add(attrs.get("for"))
        if attrs.get("aria-describedby"):
            self.described.append((attrs.get("id") or attrs.get("name"),
                                   attrs["aria-describedby"].split()))
        if tag in FOCUSABLE and "hidden" not in attrs and attrs.get("type") != "hidden" and (
                tag != "a" or "href" in attrs):
            self.focusable.append(attrs)
        if tag in CONTROLS and attrs.get("type") not in UNLABELLED_TYPES:
            labelled = (self.label_depth > 0 or "aria-label" in attrs
                        or "aria-labelledby" in attrs or "title" in attrs)
            self.controls.append((attrs.get("id"), attrs.get("name"), labelled))

    def handle_endtag(self, tag):
        if tag == "label":
            self.label_depth = max(0, self.label_depth - 1)

    def problems(self):
        unlabelled = [name for id_, name, labelled in self.controls
                      if not labelled and id_ not in self.label_for]
        dangling = [(who, ref) for who, refs in self.described for ref in refs
                    if ref not in self.ids]
        first = self.focusable[0].get("class") if self.focusable else None
        return {"unlabelled": unlabelled, "dangling aria-describedby": dangling,
                "first focusable": first}


CLEAN = {"unlabelled": [], "dangling aria-describedby": [], "first focusable": "skip-link"}


def opener(expected):
    """The first role that may open a page (anonymous last: most pages want a login)."""
    return next((role for role in ROLES if expected[role] == OK), None)


def test_every_page_has_labels_described_by_targets_and_a_skip_link(client, objects):  # noqa: F811
    found, walked = {}, set()
    for role in ROLES:
        rows = {key: row for key, row in MATRIX.items() if opener(row[1]) == role}
        if not rows:
            continue
        client.logout()
        login(client, objects, role)
        for key, (kwargs_key, _expected) in rows.items():
            url = reverse(key.split(" ")[0], kwargs=objects[kwargs_key] if kwargs_key else None)
            response = client.get(url)
            walked.add(key)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            markup = Markup()
            markup.feed(response.content.decode())
            if markup.problems() != CLEAN and b"<html" in response.content:
                found[key] = markup.problems()
    # Completeness: a page that no role may open is not checked, and says so here.
    assert set(MATRIX) - walked == {key for key, row in MATRIX.items() if opener(row[1]) is None}
    assert found == {}


def test_a_login_error_is_announced_tied_to_the_fields_and_in_the_title(client, db):
    client.cookies["django_language"] = "fr"
    response = client.post(reverse("accounts:login"), {"username": "nobody", "password": "x"},
                           HTTP_ACCEPT_LANGUAGE="fr")
    html = response.content.decode()
    assert "<title>Erreur\u00a0: Se connecter · Tripartite</title>" in html
    assert 'role="alert"' in html and '<a href="#id_username">' in html
    assert html.count('aria-invalid="true"') == 2
    assert html.count('aria-describedby="login-error"') == 2 and 'id="login-error"' in html


def test_a_form_sent_back_with_errors_links_each_error_to_its_field(client, db):
    client.force_login(user_with_role(Role.SECRETARIAT))
    response = client.post(reverse("meetings:meeting_create"), {"acronym": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    assert 'class="error-summary" role="alert"' in html and '<a href="#id_' in html


def test_a_page_without_errors_has_no_summary_and_a_plain_title(client, db):
    response = client.get(reverse("accounts:login"))
    html = response.content.decode()
    assert "<title>Log in · Tripartite</title>" in html and "error-summary" not in html
