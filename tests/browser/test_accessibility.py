"""The accessibility gate: axe-core over every page of the permission matrix, in French.

Each page is opened by one role that may open it (the first allowed role of its matrix row),
with the matrix's objects. axe-core comes from the axe-playwright-python package (its
axe.min.js), never from a CDN; it runs through the DevTools protocol (page.evaluate), which
the page's Content-Security-Policy (script-src 'self', kept on) does not block, whereas an
injected inline <script> would be. Violations of impact serious or critical fail; moderate and
minor ones are printed (run with -s to read them).
"""

import importlib
from importlib.resources import files

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.urls import reverse

from tests.test_permission_matrix import MATRIX, OK, ROLES, login, objects  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
FAILING = {"serious", "critical"}
# WCAG 2.x A and AA, what the organisation's accessibility policy asks of its web pages.
RUN = """async () => {
  const result = await axe.run(document, {runOnly: {type: "tag",
    values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}});
  return result.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 3).map((n) => n.target.join(" "))}));
}"""


@pytest.fixture(autouse=True)
def _member_states(django_db_setup, django_db_blocker):
    """The member States of the data migration (a transactional test flushes them)."""
    load = importlib.import_module(
        "tripartite.constituents.migrations.0002_load_member_states").load_member_states
    with django_db_blocker.unblock():
        load(django_apps, None)


# Anonymous first: the login and password pages are seen as a visitor sees them (a logged-in
# user is sent on from the login page).
OPENERS = ["anonymous", *(role for role in ROLES if role != "anonymous")]


def opener(expected):
    """The first role that may open a page."""
    return next((role for role in OPENERS if expected[role] == OK), None)


def _audit(page, client, base, url):
    """axe's violations on ``url``, or None when it is not an HTML page (a download, a
    redirect): the test client asks first, since the browser cannot open a download."""
    answer = client.get(url)
    if answer.status_code != 200 or not answer.get("Content-Type", "").startswith("text/html"):
        return None
    page.goto(base + url)
    page.evaluate(AXE)
    return page.evaluate(RUN)


def test_no_page_has_a_serious_or_critical_accessibility_violation(
        browser, live_server, client, objects):  # noqa: F811
    failing, minor, walked, skipped = {}, {}, set(), set()
    for role in OPENERS:
        rows = {key: row for key, row in MATRIX.items() if opener(row[1]) == role}
        if not rows:
            continue
        client.logout()
        login(client, objects, role)
        context = browser.new_context(locale="fr-FR")
        context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "fr",
                              "url": live_server.url}])
        if "sessionid" in client.cookies:
            context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                                  "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
        page = context.new_page()
        page.set_default_timeout(15_000)
        for key, (kwargs_key, _expected) in rows.items():
            url = reverse(key.split(" ")[0], kwargs=objects[kwargs_key] if kwargs_key else None)
            violations = _audit(page, client, live_server.url, url)
            walked.add(key)
            if violations is None:
                skipped.add(key)
                continue
            bad = [v for v in violations if v["impact"] in FAILING]
            if bad:
                failing[key] = bad
            if len(bad) < len(violations):
                minor[key] = [f'{v["impact"]} {v["id"]}: {v["targets"]}'
                              for v in violations if v["impact"] not in FAILING]
        context.close()
    for key, lines in minor.items():
        print(f"{key}: {lines}")
    print(f"{len(walked) - len(skipped)} pages audited; not HTML or not 200: {sorted(skipped)}")
    # Completeness, as in the matrix: every row is walked unless no role may open its page.
    assert set(MATRIX) - walked == {key for key, row in MATRIX.items() if opener(row[1]) is None}
    assert failing == {}
