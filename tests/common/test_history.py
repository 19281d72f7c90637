"""History in words (common/history.py): a sentence per action in the reader's language, the
changed fields before → after, never a code or a data dictionary, and personal settings
shown to their owner only."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import SessionFactory, user_with_role
from tripartite.accounts.models import Role
from tripartite.common.history import SENTENCES, history_lines
from tripartite.common.models import ActionLogEntry
from tripartite.meetings.services import session_update
from tripartite.proposals.models import ProposalState

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[2] / "src" / "tripartite"
APPS = ("accounts", "common", "constituents", "meetings", "delegations", "registration",
        "membership", "votes", "proposals", "correspondence", "site", "demo")
CODE = re.compile(r'"((?:' + "|".join(APPS) + r')\.[a-z_]+(?:\.[a-z_]+)?)"')


def logged_codes() -> set[str]:
    """Every action code written in the source: the literal ones (``action="…"``, and those
    chosen in an expression), and the proposal's one per state (``proposals.proposal.<state>``)."""
    codes = set()
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        text = path.read_text()
        if "log_action" not in text and "action=" not in text and "ACTION" not in text:
            continue
        codes |= {code for code in CODE.findall(text) if code.count(".") == 2
                  or code == "demo.loaded"}
    codes |= {f"proposals.proposal.{state}" for state in ProposalState.values}
    return codes


def test_every_action_code_logged_anywhere_has_a_sentence():
    codes = logged_codes()
    assert "delegations.delegation.accepted" in codes and "demo.loaded" in codes
    assert codes - set(SENTENCES) == set()


def test_every_sentence_names_only_the_actor_and_the_object():
    for code, text in SENTENCES.items():
        assert set(re.findall(r"%\((\w+)\)s", str(text))) <= {"actor", "object"}, code


def test_a_change_reads_as_a_sentence_with_each_field_before_and_after(client):
    officer = user_with_role(Role.SECRETARIAT, first_name="Hélène", last_name="Marchetti")
    session = SessionFactory(city_en="Geneva", time_zone="Europe/Zurich")
    session_update(actor=officer, session=session,
                   changes={"city_fr": "Genève (Suisse)", "time_zone": "Europe/Paris"})
    [line] = history_lines(ActionLogEntry.objects.filter(action="meetings.session.updated")
                           .select_related("actor", "content_type"))
    assert line.sentence == f"Hélène Marchetti changed the session {session.title}."
    assert [(c.label, c.before, c.after) for c in line.changes] == [
        ("Time zone", "Europe/Zurich", "Europe/Paris"),
        ("City [fr]", "Genève", "Genève (Suisse)")]

    client.force_login(officer)
    html = client.get(reverse("meetings:session_detail", args=[session.pk])).content.decode()
    assert f"Hélène Marchetti changed the session {session.title}." in html
    assert "City [fr]: <del>Genève</del>" in html and "<ins>Genève (Suisse)</ins>" in html
    assert "meetings.session.updated" not in html and "{&#x27;city" not in html

    logged_title = session.title
    with translation.override("fr"):
        [line] = history_lines(ActionLogEntry.objects.filter(
            action="meetings.session.updated").select_related("actor", "content_type"))
        # The object is named as it was when the change was made (the log is not rewritten).
        assert line.sentence == f"Hélène Marchetti a modifié la session {logged_title}."
        assert line.changes[1].label == "Ville [fr]"


def test_a_language_change_is_shown_to_its_owner_only(client):
    delegate = user_with_role(Role.OBSERVER, first_name="Ana", last_name="Lima")
    client.force_login(delegate)
    client.post(reverse("accounts:set_language"), {"language": "es", "next": "/"})
    assert ActionLogEntry.objects.filter(action="accounts.user.language_set").exists()
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})

    own = client.get(reverse("site:action_log")).content.decode()
    assert "Ana Lima changed their interface language." in own
    client.force_login(user_with_role(Role.SECRETARIAT))
    other = client.get(reverse("site:action_log")).content.decode()
    assert "interface language" not in other
    home = client.get(reverse("home")).content.decode()
    assert "interface language" not in home


def test_the_action_log_filters_by_area_in_words(client):
    officer = user_with_role(Role.SECRETARIAT, first_name="Ana", last_name="Tester")
    session = SessionFactory()
    session_update(actor=officer, session=session, changes={"city_en": "Lausanne"})
    client.force_login(officer)
    page = client.get(reverse("site:action_log"), {"action": "meetings."}).content.decode()
    assert '<option value="meetings." selected>Meetings</option>' in page
    assert f"Ana Tester changed the session {session.title}." in page
    other = client.get(reverse("site:action_log"), {"action": "votes."}).content.decode()
    assert "changed the session" not in other
