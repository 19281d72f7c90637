"""Every text a client sends, in a form, a JSON body or a query string, refuses NUL (which
PostgreSQL cannot store) and the invisible bidirectional overrides (which make a name read
otherwise than it is stored), with a clear message; nothing is changed. The joiners that
scripts need stay allowed."""

import pytest

from tests import factories
from tests.api import actions, client_for, send
from tripartite.accounts.models import Role
from tripartite.common.text import refused_character
from tripartite.constituents.models import Person

pytestmark = pytest.mark.django_db

REFUSED = ["\x00", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
           "\u2066", "\u2067", "\u2068", "\u2069"]


def message(character: str) -> str:
    return (f"This text contains an invisible control character (U+{ord(character):04X}) "
            "that is not accepted; remove it and send again.")


@pytest.fixture
def secretariat():
    return client_for(factories.user_with_role(Role.SECRETARIAT))


@pytest.mark.parametrize("character", REFUSED)
def test_a_json_body_with_a_refused_character_is_a_422(secretariat, character):
    before = actions()

    response = send(secretariat, "post", "/api/people",
                    {"name": f"Ana{character}lia", "gender": "f"})

    assert response.status_code == 422
    assert response.json() == {"code": "validation_error", "message": message(character),
                               "errors": [{"field": "body.name",
                                           "message": message(character)}]}
    assert not Person.objects.exists()
    assert actions() == before


def test_a_query_string_with_nul_is_a_422(secretariat):
    response = secretariat.get("/api/people?q=a%00b")

    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "query.q", "message": message("\x00")}]


@pytest.mark.parametrize("character", ["\x00", "\u202e"])
def test_a_form_with_a_refused_character_is_a_400_page(secretariat, character):
    response = secretariat.post("/meetings/new/", {"type": "ilc", "title_en": f"x{character}"})

    assert response.status_code == 400
    assert message(character) in response.content.decode()


def test_a_page_query_string_with_nul_is_a_400_page(secretariat):
    response = secretariat.get("/constituents/people/?q=a%00b")

    assert response.status_code == 400
    assert message("\x00") in response.content.decode()


def test_the_refusal_speaks_the_users_language():
    client = client_for(factories.user_with_role(Role.SECRETARIAT, language="es"))

    response = client.get("/api/people?q=%E2%80%AE")

    assert response.status_code == 422
    assert "U+202E" in response.json()["message"]
    assert response.json()["message"].startswith("Este texto")


def test_the_joiners_that_scripts_need_are_kept(secretariat):
    name = "می\u200cخواهم"  # Persian, with a zero-width non-joiner

    response = send(secretariat, "post", "/api/people",
                    {"name": name, "name_latin": "Mikhaham", "gender": "f"})

    assert response.status_code == 201
    assert Person.objects.get().name == name


@pytest.mark.parametrize(("text", "found"), [
    ("plain", None), ("a\u200db", None), ("a\u200eb", None), ("a\x00b", "U+0000"),
    ("a\u2069", "U+2069"), ("\u202a", "U+202A")])
def test_refused_character_names_the_first_one(text, found):
    assert refused_character(text) == found
