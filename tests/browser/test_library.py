"""The library's journey in Chromium: from the menu, search with accents left out, filter by
language, open the document, find its other language version and its revision."""

import datetime as dt

import pytest

from tests.browser.test_journeys import log_in
from tests.factories import UserFactory, user_with_role
from tests.library.files import pdf_bytes, upload
from tripartite.accounts.models import Role
from tripartite.library import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _add(actor, symbol, language, text, **details):
    services.document_add(actor=actor, symbol=symbol, language=language,
                          uploaded_file=upload(pdf_bytes(text)), **details)


def test_a_delegate_searches_filters_and_opens_a_document(page, live_server, settings,
                                                          tmp_path):
    settings.MEDIA_ROOT = tmp_path
    staff = user_with_role(Role.SECRETARIAT)
    paper = {"title_en": "Working time", "type": "decision_paper", "date": dt.date(2026, 3, 2)}
    _add(staff, "GB.356/INS/3", "en", "The meeting on working time arrangements.", **paper)
    _add(staff, "GB.356/INS/3", "fr", "La réunion sur l'aménagement du temps de travail.",
         title_fr="Temps de travail")
    _add(staff, "GB.356/INS/3(Rev.1)", "es", "La reunión sobre el tiempo de trabajo.",
         **{**paper, "title_es": "Tiempo de trabajo"})
    delegate = UserFactory(role=Role.DELEGATE)

    log_in(page, live_server, delegate.username)
    page.locator("nav.mainnav a", has_text="Library").click()
    page.fill("input[name=q]", "reunion")
    page.select_option("select[name=language]", "fr")
    page.click("form[role=search] button[type=submit]")
    results = page.locator("ol.search-results > li")
    assert results.count() == 1
    assert results.locator("mark").inner_text() == "réunion"
    results.locator("a", has_text="GB.356/INS/3").click()

    assert page.locator("h1").inner_text() == "GB.356/INS/3"
    assert page.locator("#files-heading + table tbody tr").count() == 2
    page.locator("a", has_text="GB.356/INS/3(Rev.1)").click()
    assert page.locator("h1").inner_text() == "GB.356/INS/3(Rev.1)"
