"""A person's title is shown in the reader's language on the pages, and in the document's
language on the list of delegations, whatever language it was typed in (common/titles.py);
the published list keeps it as typed."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.factories import SessionFactory, state, user_with_role
from tripartite.accounts.models import Role
from tripartite.delegations import exports, lists
from tripartite.delegations.services.nominations import (
    delegation_open,
    delegation_submit,
    nomination_add,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat():
    return user_with_role(Role.SECRETARIAT)


@pytest.fixture
def ambassador(secretariat):
    session = SessionFactory()
    delegation = delegation_open(actor=secretariat, member_state=state("CL"), session=session)
    nomination = nomination_add(actor=secretariat, delegation=delegation, group="government",
                                role="delegate", name="Carmen Rojas", gender="f",
                                title="H.E. Ms", function="Embajadora")
    delegation_submit(actor=secretariat, delegation=delegation)
    return session, nomination


def _get(client, user, url, language):
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(url).content.decode()


@pytest.mark.parametrize(("language", "shown"), [("fr", "S.E. Mme"), ("es", "Excma. Sra."),
                                                 ("en", "H.E. Ms")])
def test_the_person_page_shows_the_title_in_the_readers_language(client, secretariat,
                                                                 ambassador, language, shown):
    _session, nomination = ambassador
    html = _get(client, secretariat, reverse("constituents:person_detail",
                                             kwargs={"pk": nomination.person_id}), language)
    assert f"{shown} Carmen Rojas" in html
    assert nomination.person.title == "H.E. Ms"  # stored as typed


def test_the_list_writes_the_title_in_its_language_and_keeps_it_as_typed(ambassador):
    session, _nomination = ambassador
    rows = lists.current_rows(session, "es")
    assert rows[0]["title"] == "H.E. Ms"  # what a published list stores, and the API shows
    for language, shown in (("es", "Excma. Sra."), ("fr", "S.E. Mme"), ("en", "H.E. Ms")):
        person = lists.sections(rows, language)[0].groups[0].persons[0]
        assert person["title"] == shown
        with translation.override(language):  # the spreadsheet's labels: the reader's
            table = exports.table(rows, language="fr")
        assert table[1][4] == shown


def test_a_changed_title_is_shown_before_in_the_lists_language(ambassador):
    session, _nomination = ambassador
    before = lists.current_rows(session, "fr")
    after = [{**row, "title": "Dr"} for row in before]
    person = lists.sections(lists.mark_changes(before, after), "fr")[0].groups[0].persons[0]
    assert person["title"] == "Dr"
    assert person["before_label"] == "S.E. Mme"
