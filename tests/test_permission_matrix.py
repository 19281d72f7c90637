"""Every role against every page: the matrix below must name every URL the site has.

A new page without a row here fails ``test_every_url_is_in_the_matrix``, so nothing is
added unprotected. ``OK`` means the page answers 200 (or redirects somewhere other than
the login page), ``NO`` 403, ``LOGIN`` a redirect to the login page, ``NOT_ALLOWED`` 405.

Every page that takes a form also has a write row (``WRITES``, beside the rows: see
tests/matrix_writes.py): every role POSTs what a permitted user would type, and the matrix
checks both the answer and whether anything was written (tests/matrix_checks.py). A page
that reads a posted form, answers 405 to GET or writes on POST without a write row fails
``test_every_role_writes_what_the_matrix_says``. Every API operation, writes included, has a
row, and a refused call must write nothing.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests import matrix_writes
from tests.delegations.matrix_objects import delegation_objects
from tests.delegations.matrix_rules import WRITES_NOTHING
from tests.factories import (
    AgendaItemFactory,
    OrganisationFactory,
    PersonFactory,
    state,
    user_with_role,
)
from tests.matrix_checks import (
    MIDDLEWARE_PATH,
    WROTE,
    database_fingerprint,
    read_the_posted_form,
    row_counts,
    write_outcome,
    writing_statements,
)
from tests.once import kept_for_the_module
from tripartite.accounts.models import Role, User
from tripartite.meetings.models import Officer

OK, NO, LOGIN, NOT_ALLOWED = "ok", "forbidden", "login", "not allowed"
ROLES = [*Role.values, "anonymous"]
READERS = {Role.SECRETARIAT, Role.SENIOR_OFFICIAL, Role.OBSERVER, Role.CREDENTIALS_COMMITTEE,
           Role.MEETING_OFFICER}
MANAGERS = {Role.SECRETARIAT, Role.MEETING_OFFICER}


def rule(allowed, *, anonymous=LOGIN, others=NO):
    """Expected outcome per role: OK for ``allowed`` roles, ``others`` for the rest."""
    return {role: (anonymous if role == "anonymous" else OK if role in allowed else others)
            for role in ROLES}


EVERYONE = rule(set(Role.values))
PUBLIC = rule(set(Role.values), anonymous=OK)
POST_ONLY = rule(set(), others=NOT_ALLOWED)

# name -> (kwargs key, expectations). The kwargs key picks objects made by the fixture.
MATRIX = {
    "home": (None, EVERYONE),
    "healthz": (None, PUBLIC),
    "readyz": (None, PUBLIC),
    # A scraper's bearer token (METRICS_TOKEN) or a staff user: none of the roles is staff.
    "metrics": (None, rule(set(), anonymous="status 401")),
    "favicon": (None, PUBLIC),
    "accounts:login": (None, {**rule(set(Role.values), anonymous=OK)}),
    "accounts:logout": (None, rule(set(), anonymous=NOT_ALLOWED, others=NOT_ALLOWED)),
    "accounts:set_language": (None, rule(set(), anonymous=NOT_ALLOWED, others=NOT_ALLOWED)),
    "accounts:profile": (None, EVERYONE),
    "accounts:token_revoke": ("token", POST_ONLY),
    "accounts:calendar_feed_key_replace": (None, POST_ONLY),
    "accounts:password_change": (None, EVERYONE),
    "accounts:password_reset": (None, PUBLIC),
    "accounts:password_reset_done": (None, PUBLIC),
    "accounts:password_reset_confirm": ("reset", PUBLIC),
    "accounts:password_reset_complete": (None, PUBLIC),
    "site:action_log": (None, rule(READERS)),
    "constituents:member_state_list": (None, EVERYONE),
    "constituents:member_state_detail": ("own_state", EVERYONE),
    "constituents:member_state_detail other": ("other_state",
                                               rule(set(Role.values) - {Role.FOCAL_POINT})),
    "constituents:member_state_edit": ("own_state", rule({Role.SECRETARIAT})),
    "constituents:organisation_create": ("own_state", rule({Role.SECRETARIAT,
                                                            Role.FOCAL_POINT})),
    "constituents:organisation_create other": ("other_state", rule({Role.SECRETARIAT})),
    "constituents:organisation_edit": ("own_org", rule({Role.SECRETARIAT, Role.FOCAL_POINT})),
    "constituents:organisation_edit other": ("other_org", rule({Role.SECRETARIAT})),
    "constituents:person_list": (None, rule(READERS | {Role.GROUP_SECRETARIAT})),
    "constituents:person_detail": ("own_person", rule(READERS | {Role.GROUP_SECRETARIAT,
                                                                 Role.FOCAL_POINT})),
    "constituents:person_detail other": ("other_person",
                                         rule(READERS | {Role.GROUP_SECRETARIAT})),
    "constituents:person_create": ("own_state", rule({Role.SECRETARIAT, Role.FOCAL_POINT})),
    "constituents:person_create other": ("other_state", rule({Role.SECRETARIAT})),
    "meetings:meeting_list": (None, EVERYONE),
    "meetings:meeting_create": (None, rule(MANAGERS)),
    "meetings:meeting_detail": ("meeting", EVERYONE),
    "meetings:meeting_edit": ("meeting", rule(MANAGERS)),
    "meetings:session_create": ("meeting_of_session", rule(MANAGERS)),
    "meetings:session_detail": ("session", EVERYONE),
    "meetings:session_edit": ("session", rule(MANAGERS)),
    "meetings:agenda_item_create": ("session_of_item", rule(MANAGERS)),
    "meetings:committee_create": ("session_of_item", rule(MANAGERS)),
    "meetings:agenda_item_edit": ("item", rule(MANAGERS)),
    "meetings:officer_create": ("session_of_item", rule(MANAGERS)),
    "meetings:officer_delete": ("officer", POST_ONLY),
    "meetings:agenda_item_delete": ("item", POST_ONLY),
    "meetings:calendar": (None, EVERYONE),
    "meetings:calendar_list": (None, EVERYONE),
    "meetings:ics_calendar": (None, rule(set(Role.values), anonymous=NO)),
    "meetings:ics_session": ("session", rule(set(Role.values), anonymous=NO)),
}

# Rows of each later part's pages live beside its tests: ``ROWS`` for pages, ``API_ROWS``
# for API operations, and optionally ``objects(session)`` for the objects they name.
ROW_MODULES = [
    *(f"tests.delegations.matrix_{part}" for part in ("portal", "review", "lists", "api")),
    "tests.registration.matrix", "tests.membership.matrix", "tests.votes.matrix",
    "tests.proposals.matrix", "tests.correspondence.matrix", "tests.jobs.matrix",
    "tests.sittings.matrix", "tests.library.matrix",
]
_ROW_MODULES = [__import__(name, fromlist=["ROWS"]) for name in ROW_MODULES]
for _rows in _ROW_MODULES:
    MATRIX.update(getattr(_rows, "ROWS", {}))
# name -> (kwargs key, form data or a function of the objects, outcome per role).
WRITES = dict(matrix_writes.WRITES)
for _rows in _ROW_MODULES:
    WRITES.update(getattr(_rows, "WRITES", {}))

# The admin is Django's own, guarded by is_staff; the API has its own matrix.
NOT_IN_MATRIX_PREFIXES = ("admin:",)


def _url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "api" or str(entry.pattern).startswith("api/"):
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def routes_without_rows(matrix, writes) -> dict[str, set]:
    """Pages the matrix does not name, rows of pages that do not exist, and POST-only pages
    (405 to GET for some role) without a write row."""
    names = {name for name in _url_names() if not name.startswith(NOT_IN_MATRIX_PREFIXES)}
    covered = {key.split(" ")[0] for key in matrix}
    written = {key.split(" ")[0] for key in writes}
    post_only = {key.split(" ")[0] for key, (_, expected) in matrix.items()
                 if NOT_ALLOWED in expected.values()}
    return {"missing": names - covered, "gone": (covered | written) - names,
            "post only without a write row": post_only - written}


def test_every_url_is_in_the_matrix():
    assert routes_without_rows(MATRIX, WRITES) == {
        "missing": set(), "gone": set(), "post only without a write row": set()}


@pytest.fixture(autouse=True)
def _views_note_reading_the_form(settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, MIDDLEWARE_PATH]


def build_objects() -> dict:
    """The objects every row's URL names: one of each thing, the focal point's own and
    another State's."""
    item = AgendaItemFactory()
    own_org = OrganisationFactory(member_state=state("FR"))
    other_org = OrganisationFactory(member_state=state("DE"))
    token_owner = user_with_role(Role.OBSERVER)
    from tripartite.accounts.services import api_token_create

    token, _secret = api_token_create(user=token_owner, actor=token_owner, name="t")
    delegations = delegation_objects(item.session)
    parts = {}
    for module in _ROW_MODULES:
        if hasattr(module, "objects"):
            parts.update(module.objects(item.session))
    return {
        **delegations,
        **parts,
        "token": {"pk": token.pk},
        "reset": {"uidb64": "MQ", "token": "bad-token"},
        "own_state": {"iso2": "FR"},
        "other_state": {"iso2": "DE"},
        "own_org": {"pk": own_org.pk},
        "other_org": {"pk": other_org.pk},
        "own_person": {"pk": PersonFactory(member_state=state("FR")).pk},
        "other_person": {"pk": PersonFactory(member_state=state("DE")).pk},
        "meeting": {"pk": item.session.meeting_id},
        "meeting_of_session": {"meeting_pk": item.session.meeting_id},
        "session": {"pk": item.session_id},
        "session_of_item": {"session_pk": item.session_id},
        "item": {"pk": item.pk},
        "officer": {"pk": Officer.objects.create(session=item.session, role="chair",
                                                 person=PersonFactory()).pk},
    }


@pytest.fixture
def objects(db, settings, tmp_path):
    """The matrix's objects, made for one test (the browser tests commit theirs)."""
    settings.MEDIA_ROOT = tmp_path / "media"  # the uploads of the write rows
    return build_objects()


@pytest.fixture(scope="module")
def _objects_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The matrix's objects made once per module and worker, inside a transaction that each
    test's own (a savepoint) starts from and that is rolled back at the end, as Django's
    ``setUpTestData`` does (tests/once.py): building them takes seconds, and 36 tests walk
    them."""
    with kept_for_the_module(django_db_blocker, tmp_path_factory):
        yield build_objects()


@pytest.fixture
def matrix_objects(_objects_once, db):
    return _objects_once


def login(client, objects, role):
    """The matrix's user of ``role`` (none for "anonymous"), logged in. The delegate is a
    real voter of the matrix's session (tests/votes/matrix.py)."""
    if role == "anonymous":
        return None
    if role == Role.DELEGATE:
        user = User.objects.get(pk=objects["matrix_delegate"]["pk"])
    else:
        user = user_with_role(role)
    client.force_login(user)
    return user


def _outcome(response):
    if response.status_code == 403:
        return NO
    if response.status_code == 405:
        return NOT_ALLOWED
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN
    if response.status_code in (200, 302):
        return OK
    return f"status {response.status_code}"


@pytest.mark.parametrize("role", ROLES)
def test_every_role_gets_what_the_matrix_says(client, matrix_objects, role):
    """Each page's answer to this role, and that the GET wrote nothing (a GET never writes:
    tests/test_get_never_writes.py says why and walks the pages the matrix does not name)."""
    objects = matrix_objects
    login(client, objects, role)
    seen, writes = {}, {}
    before = row_counts()
    for key, (kwargs_key, expected) in MATRIX.items():
        url = reverse(key.split(" ")[0], kwargs=objects[kwargs_key] if kwargs_key else None)
        with CaptureQueriesContext(connection) as captured:
            seen[key] = (_outcome(client.get(url)), expected[role])
        if found := writing_statements(captured.captured_queries):
            writes[key] = found
    wrong = {key: got for key, got in seen.items() if got[0] != got[1]}
    assert wrong == {}, "(got, expected) per page"
    assert writes == {}, "a GET wrote"
    assert row_counts() == before


def _url(key, kwargs_key, objects):
    return reverse(key.split(" ")[0], kwargs=objects[kwargs_key] if kwargs_key else None)


def unlisted_form_handler(response, outcome: str, read_outcome: str) -> bool:
    """Whether a POST to a page without a write row reached a form handler: the page read the
    posted form or wrote, for a role who may read it (a refusal must still write nothing)."""
    if read_outcome != OK:
        return outcome.endswith(WROTE)
    return read_the_posted_form(response) or outcome.endswith(WROTE)


@pytest.mark.parametrize("role", ROLES)
def test_every_role_writes_what_the_matrix_says(client, matrix_objects, role):
    objects = matrix_objects
    """Each write row's form, posted by this role: the answer, and whether anything was
    written. Each write is undone before the next, so the rows do not depend on each other.
    Every other page gets an empty POST, which must reach no form and write nothing."""
    login(client, objects, role)
    got = {}
    for key, (kwargs_key, data, expected) in WRITES.items():
        form = data(objects) if callable(data) else data
        outcome, _response = write_outcome(client, _url(key, kwargs_key, objects), form)
        got[key] = (outcome, expected[role])
    written = {key.split(" ")[0] for key in WRITES}
    for key, (kwargs_key, expected) in MATRIX.items():
        if key.split(" ")[0] in written:
            continue
        outcome, response = write_outcome(client, _url(key, kwargs_key, objects), {})
        if unlisted_form_handler(response, outcome, expected[role]):
            got[key] = (outcome, "a write row")
    wrong = {key: value for key, value in got.items() if value[0] != value[1]}
    assert wrong == {}, "(got, expected) per page"


def test_nobody_revokes_another_users_token(client, matrix_objects):
    objects = matrix_objects
    client.force_login(user_with_role(Role.SECRETARIAT))
    response = client.post(reverse("accounts:token_revoke", kwargs=objects["token"]))
    assert response.status_code == 404


# --- the API: every operation against every role -----------------------------------------

WRITERS_OF_FR = {Role.SECRETARIAT, Role.FOCAL_POINT}
CONSTITUENT_READERS_FR = READERS | {Role.GROUP_SECRETARIAT, Role.FOCAL_POINT}


def api_rule(allowed, ok=200):
    return {role: (401 if role == "anonymous" else ok if role in allowed else 403)
            for role in ROLES}


ALL_API = api_rule(set(Role.values))
# (method, path template) -> (path arguments key, body, expected status per role)
API_MATRIX = {
    ("GET", "/api/me"): (None, None, ALL_API),
    ("GET", "/api/member-states"): (None, None, ALL_API),
    ("GET", "/api/member-states/{iso2}"): ("other_state", None,
                                            api_rule(set(Role.values) - {Role.FOCAL_POINT})),
    ("PATCH", "/api/member-states/{iso2}"): ("own_state", {"name_en": "French Republic"},
                                              api_rule({Role.SECRETARIAT})),
    ("GET", "/api/member-states/{iso2}/organisations"): ("own_state", None,
                                                          api_rule(CONSTITUENT_READERS_FR)),
    ("POST", "/api/member-states/{iso2}/organisations"): (
        "own_state", {"kind": "workers", "name": "Union"}, api_rule(WRITERS_OF_FR, 201)),
    ("GET", "/api/organisations/{id}"): ("own_org", None, api_rule(CONSTITUENT_READERS_FR)),
    ("PATCH", "/api/organisations/{id}"): ("other_org", {"acronym": "X"},
                                            api_rule({Role.SECRETARIAT})),
    ("GET", "/api/people"): (None, None, api_rule(READERS | {Role.GROUP_SECRETARIAT,
                                                             Role.FOCAL_POINT})),
    ("POST", "/api/people"): (None, {"name": "Ada", "gender": "f", "member_state": "FR"},
                              api_rule(WRITERS_OF_FR, 201)),
    ("GET", "/api/people/{id}"): ("other_person", None,
                                  api_rule(READERS | {Role.GROUP_SECRETARIAT})),
    ("PATCH", "/api/people/{id}"): ("own_person", {"function": "Adviser"},
                                    api_rule(WRITERS_OF_FR)),
    ("GET", "/api/meetings"): (None, None, ALL_API),
    ("POST", "/api/meetings"): (None, {"type": "gb", "title_en": "Governing Body"},
                                api_rule(MANAGERS, 201)),
    ("GET", "/api/meetings/{id}"): ("meeting", None, ALL_API),
    ("PATCH", "/api/meetings/{id}"): ("meeting", {"acronym": "CIT"}, api_rule(MANAGERS)),
    ("GET", "/api/sessions"): (None, None, ALL_API),
    ("POST", "/api/sessions"): ("new_session", None, api_rule(MANAGERS, 201)),
    ("GET", "/api/sessions/{id}"): ("session", None, ALL_API),
    ("PATCH", "/api/sessions/{id}"): ("session", {"city": "Genève"}, api_rule(MANAGERS)),
    ("GET", "/api/sessions/{id}/agenda-items"): ("session", None, ALL_API),
    ("POST", "/api/sessions/{id}/agenda-items"): ("session", {"number": "IX",
                                                               "title_en": "Other"},
                                                   api_rule(MANAGERS, 201)),
    ("GET", "/api/agenda-items/{id}"): ("item", None, ALL_API),
    ("PATCH", "/api/agenda-items/{id}"): ("item", {"title_en": "Renamed"},
                                          api_rule(MANAGERS)),
    ("DELETE", "/api/agenda-items/{id}"): ("item", None, api_rule(MANAGERS, 204)),
}
for _rows in _ROW_MODULES:
    API_MATRIX.update(getattr(_rows, "API_ROWS", {}))


def test_every_api_operation_is_in_the_matrix(client):
    schema = client.get("/api/openapi.json").json()
    operations = {(method.upper(), path) for path, methods in schema["paths"].items()
                  for method in methods}
    assert operations == set(API_MATRIX)


def _api_call(client, objects, method, template, args_key, body):
    if isinstance(args_key, tuple):  # several keys: their path arguments merged
        args = {name: value for key in args_key for name, value in objects[key].items()}
    else:
        args = objects[args_key] if args_key and args_key != "new_session" else {}
    path = template.replace("{iso2}", args.get("iso2", "")).replace(
        "{id}", str(args.get("pk", "")))
    for name, value in args.items():  # other path arguments by their name ({language})
        path = path.replace(f"{{{name}}}", str(value))
    if callable(body):  # a body naming other objects of the matrix
        body = body(objects)
    if args_key == "new_session":
        body = {"meeting": objects["meeting"]["pk"], "title_en": "Extra session",
                "opens_at": "2027-03-01T10:00:00+01:00",
                "closes_at": "2027-03-02T18:00:00+01:00", "time_zone": "Europe/Zurich"}
    kwargs = {"content_type": "application/json", "data": body} if body is not None else {}
    return getattr(client, method.lower())(path, **kwargs)


@pytest.mark.parametrize("role", ROLES)
def test_every_role_gets_what_the_api_matrix_says(client, matrix_objects, role):
    objects = matrix_objects
    login(client, objects, role)
    got = {}
    # DELETE rows go last, so that no later row needs what they removed.
    rows = sorted(API_MATRIX.items(), key=lambda row: row[0][0] == "DELETE")
    for (method, template), (args_key, body, expected, *options) in rows:
        before = database_fingerprint() if method != "GET" else None
        response = _api_call(client, objects, method, template, args_key, body)
        # A write that succeeds writes; any other answer (a refusal, bad input) writes nothing.
        wrote = method != "GET" and database_fingerprint() != before
        writes = method != "GET" and WRITES_NOTHING not in options
        got[(method, template)] = ((response.status_code, wrote),
                                   (expected[role], writes and expected[role] < 300))
    wrong = {key: value for key, value in got.items() if value[0] != value[1]}
    assert wrong == {}, "((status, wrote), expected) per operation"
