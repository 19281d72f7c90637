"""The accessibility gate: axe-core over every page of the permission matrix, as every role
that may open it, in French.

axe-core comes from npm (tests/browser/package.json, installed by ``make install``), never
from a CDN; it runs through the DevTools protocol (an init script, page.evaluate), which the
page's Content-Security-Policy (script-src 'self', kept on) does not block, whereas an
injected inline <script> would be. Each page's first form with required fields is also
audited in its error state (the server's error summary and the fields' messages). Violations
of impact serious or critical fail; moderate and minor ones are printed (run with -s to read them).

Every (page, role) pair the matrix allows is walked. A role's page whose <main> is, token for
token, one already audited for another role (most pages read the same to every reader) is
not audited again: axe's verdict depends only on the document, and the role's own header and
menu are audited on its first page. What the database engine does is not this test's subject:
it runs on SQLite only (tests/conftest.py, ``engine_independent``).
"""

import hashlib
import os
import re
from pathlib import Path

import pytest
from asgiref.sync import iscoroutinefunction
from django.conf import settings
from django.urls import resolve, reverse
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.test_permission_matrix import MATRIX, OK, ROLES, login, objects  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.engine_independent]

AXE_FILE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
FAILING = {"serious", "critical"}
# WCAG 2.x A and AA, what the organisation's accessibility policy asks of its web pages.
# resultTypes: only the violations are read, so axe does not detail the nodes that pass.
RUN = """async () => {
  const result = await axe.run(document, {runOnly: {type: "tag",
    values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    resultTypes: ["violations"]});
  return result.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 3).map((n) => n.target.join(" "))}));
}"""
# The error state of a page's first form: its required fields emptied and the form sent past
# the browser's own checks, so that the server answers with its error summary. Django refuses
# an empty required field, so nothing is saved. False when there is no such form (htmx forms,
# which answer in place, are left to the journeys).
EMPTY_FIRST_FORM = """() => {
  const form = [...document.querySelectorAll("main form")].find((f) =>
    f.method === "post" && !f.matches("[hx-post], [hx-get]")
      && f.querySelector("input[required]:not([type=hidden]):not([type=file])"
        + ":not([type=checkbox]):not([type=radio]), textarea[required]"));
  if (!form) return false;
  form.querySelectorAll("input[required], textarea[required]").forEach((field) => {
    if (!["hidden", "file", "checkbox", "radio"].includes(field.type)) field.value = "";
  });
  form.noValidate = true;
  form.dataset.axeSubmit = "yes";
  return true;
}"""
SUBMIT = "document.querySelector('form[data-axe-submit]').requestSubmit()"
MAIN = re.compile(rb"<main\b.*?</main>", re.DOTALL)
# What differs between two renderings of the same page: the form's CSRF token.
VOLATILE = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')


@pytest.fixture(scope="module")
def axe():
    if not AXE_FILE.exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {AXE_FILE} is missing (make install)")
        pytest.skip("axe-core is not installed: `make install` installs it with npm")
    return AXE_FILE.read_text(encoding="utf-8")


# Anonymous first: the login and password pages are seen as a visitor sees them (a logged-in
# user is sent on from the login page).
OPENERS = ["anonymous", *(role for role in ROLES if role != "anonymous")]


def may_open(expected) -> list[str]:
    """The roles that may open a page."""
    return [role for role in OPENERS if expected[role] == OK]


def _main_key(content: bytes) -> str:
    main = MAIN.search(content)
    return hashlib.sha256(VOLATILE.sub(b"", main.group(0) if main else content)).hexdigest()


def _browser_page(browser, live_server, client, axe):
    """A French page in the browser, logged in as the test client is, with axe-core in every
    document it opens. (Sending its 500 kB with page.evaluate on every page took about 40% of
    the walk; given once to the context as an init script, opening and loading a page took
    about 40% less, measured on the first four roles.)"""
    context = browser.new_context(locale="fr-FR")
    context.add_init_script(script=axe)
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "fr",
                          "url": live_server.url}])
    if settings.SESSION_COOKIE_NAME in client.cookies:
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                              "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


class Walk:
    """What the walk found: violations by (page, role), the pairs walked and how."""

    def __init__(self):
        self.failing, self.minor = {}, {}
        self.audited, self.same_as_audited, self.not_html = set(), set(), set()
        self.main_seen: set[str] = set()

    def record(self, pair, violations):
        self.audited.add(pair)
        bad = [v for v in violations if v["impact"] in FAILING]
        if bad:
            self.failing[pair] = bad
        if len(bad) < len(violations):
            self.minor[pair] = [f'{v["impact"]} {v["id"]}: {v["targets"]}'
                                for v in violations if v["impact"] not in FAILING]

    @property
    def walked(self):
        pages = {pair for pair in self.audited if len(pair) == 2}
        return pages | self.same_as_audited | self.not_html


def _walk_role(walk, role, page, client, base, objects):  # noqa: F811
    first = True
    for key, (kwargs_key, expected) in MATRIX.items():
        if expected[role] != OK:
            continue
        url = reverse(key.split(" ")[0], kwargs=objects[kwargs_key] if kwargs_key else None)
        if iscoroutinefunction(resolve(url).func):
            # the live displays' stream (Server-Sent Events), not a page; the test client
            # cannot call an async view from Playwright's thread, which runs an event loop
            walk.not_html.add((key, role))
            continue
        answer = client.get(url)  # the browser cannot open a download: ask first
        if (answer.status_code != 200
                or not answer.get("Content-Type", "").startswith("text/html")):
            walk.not_html.add((key, role))
            continue
        main = _main_key(answer.content)
        if main in walk.main_seen and not first:
            walk.same_as_audited.add((key, role))
            continue
        walk.main_seen.add(main)
        first = False
        page.goto(base + url)
        walk.record((key, role), page.evaluate(RUN))
        if page.evaluate(EMPTY_FIRST_FORM):
            _audit_error_state(walk, (key, role, "errors"), page)


def _audit_error_state(walk, pair, page):
    """Send the emptied form; audit the server's error page, or the page's own answer where a
    script answers in place (the door's check-in form)."""
    try:
        with page.expect_navigation(timeout=3_000):
            page.evaluate(SUBMIT)
        answered_in_place = False
    except PlaywrightTimeout:
        answered_in_place = True
    if answered_in_place or page.locator(".error-summary").count():
        walk.record(pair, page.evaluate(RUN))


def test_no_page_has_a_serious_or_critical_accessibility_violation(
        browser, live_server, client, objects, axe):  # noqa: F811
    walk = Walk()
    for role in OPENERS:
        client.logout()
        login(client, objects, role)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
        context, page = _browser_page(browser, live_server, client, axe)
        _walk_role(walk, role, page, client, live_server.url, objects)
        context.close()
    for pair, lines in walk.minor.items():
        print(f"{pair}: {lines}")
    errors = {pair for pair in walk.audited if len(pair) == 3}
    print(f"{len(errors)} forms audited with their errors shown")
    print(f"{len(walk.audited) - len(errors)} (page, role) pairs audited, "
          f"{len(walk.same_as_audited)} the same as one audited, "
          f"{len(walk.not_html)} not HTML or not 200")
    # Completeness, as in the matrix: every page as every role that may open it.
    allowed = {(key, role) for key, (_kwargs, expected) in MATRIX.items()
               for role in may_open(expected)}
    assert walk.walked == allowed
    assert errors, "no form was audited with its errors shown"
    assert walk.failing == {}
