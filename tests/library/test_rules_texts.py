"""The rules' texts: the splitter on real-shaped inputs in three languages, the import's
refusals and its replacement of a version, the pages, the API, and the links from findings'
citations to the provisions loaded. Every text here is invented for the tests."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from tests.factories import user_with_role
from tests.library.files import docx_bytes, pdf_bytes, upload
from tripartite.accounts.models import Role
from tripartite.common.models import ActionLogEntry
from tripartite.common.services import PermissionDeniedError, ServiceError
from tripartite.library import citation_links, services
from tripartite.library.models import Provision, RulesText
from tripartite.library.provisions import SplitError, SplitProvision, split_text

ENGLISH = """DEMO TEXT — not the real Constitution
Preamble of the demo text.

Article 1 — Purpose
1. The demo organisation exists for testing.
2. It has members.
Article 4
(1) Each delegate votes individually.
(2) A delegate may be replaced,
subject to the rules.
Art. 4bis
The delegates' lists are published.
"""

FRENCH = """TEXTE DE DÉMONSTRATION
Article 1 – Objet
1. L'organisation de démonstration sert aux essais.
Article 4
1) Chaque délégué vote individuellement.
2) Un délégué peut être remplacé.
"""

SPANISH = """TEXTO DE DEMOSTRACIÓN
Artículo 1. Objeto
1. La organización de demostración sirve para pruebas.
Artículo 4
1. Cada delegado vota individualmente.
2. Un delegado puede ser sustituido.
"""


def _text(content: str, name: str = "text.txt"):
    return upload(content.encode(), name)


# ---------------------------------------------------------------------------------------------
# The splitter


def test_english_articles_paragraphs_headings_and_unnumbered_text():
    assert split_text(ENGLISH) == [
        SplitProvision("1", "1", "Purpose", "The demo organisation exists for testing."),
        SplitProvision("1", "2", "", "It has members."),
        SplitProvision("4", "1", "", "Each delegate votes individually."),
        SplitProvision("4", "2", "", "A delegate may be replaced,\nsubject to the rules."),
        SplitProvision("4bis", "", "", "The delegates' lists are published."),
    ]


def test_french_and_spanish():
    assert [(p.article, p.paragraph, p.heading) for p in split_text(FRENCH)] == [
        ("1", "1", "Objet"), ("4", "1", ""), ("4", "2", "")]
    assert [(p.article, p.paragraph, p.text) for p in split_text(SPANISH)] == [
        ("1", "1", "La organización de demostración sirve para pruebas."),
        ("4", "1", "Cada delegado vota individualmente."),
        ("4", "2", "Un delegado puede ser sustituido.")]


def test_an_article_with_text_before_its_numbered_paragraphs_keeps_it_unnumbered():
    assert split_text("Article 7 Officers\nThe Conference elects:\n1. a President;\n"
                      "2. three Vice-Presidents.") == [
        SplitProvision("7", "", "Officers", "The Conference elects:"),
        SplitProvision("7", "1", "", "a President;"),
        SplitProvision("7", "2", "", "three Vice-Presidents.")]


def test_an_article_bis_written_apart_and_a_mention_of_an_article_inside_a_line():
    provisions = split_text("Article 26 bis\nSee article 4(2) and Article 3.\n")
    assert provisions == [SplitProvision("26bis", "", "", "See article 4(2) and Article 3.")]


@pytest.mark.parametrize(("content", "code"), [
    ("", "empty"), ("  \n\n \t\n", "empty"),
    ("A title\nSome words, and no article at all.\n1. A paragraph.", "no_article"),
    ("Article 1\nOne.\nArticle 1\nAgain.", "duplicate_article"),
    ("Article 2\n1. One.\n1. One again.", "duplicate_paragraph"),
])
def test_refusals(content, code):
    with pytest.raises(SplitError) as refused:
        split_text(content)
    assert refused.value.code == code


def test_a_refusal_names_the_line():
    with pytest.raises(SplitError) as refused:
        split_text("Title\nArticle 2\n1. One.\n\n1. One again.")
    assert (refused.value.line, refused.value.article, refused.value.paragraph) == (5, "2", "1")


# ---------------------------------------------------------------------------------------------
# The import


@pytest.fixture
def constitution(secretariat):
    return services.rules_text_import(
        actor=secretariat, instrument="constitution", language="en",
        version_date=dt.date(2024, 1, 1), uploaded_file=_text(ENGLISH))


def test_import_stores_the_provisions_and_logs(constitution, secretariat):
    assert (constitution.articles, constitution.provisions, constitution.replaced) == (3, 5, False)
    assert list(Provision.objects.filter(text=constitution.text).values_list(
        "article", "paragraph")) == [("1", "1"), ("1", "2"), ("4", "1"), ("4", "2"),
                                     ("4bis", "")]
    entry = ActionLogEntry.objects.get(action="library.rules_text.imported")
    assert entry.data["provisions"] == 5 and entry.actor_id == secretariat.pk


def test_a_word_document_is_split_like_a_text(secretariat):
    imported = services.rules_text_import(
        actor=secretariat, instrument="ilc_standing_orders", language="es",
        version_date=dt.date(2021, 6, 19),
        uploaded_file=upload(docx_bytes(*SPANISH.splitlines()), "reglamento.docx"))
    assert [(p.article, p.paragraph) for p in imported.text.provisions.all()] == [
        ("1", "1"), ("4", "1"), ("4", "2")]


def test_reimport_replaces_the_version(constitution, secretariat):
    again = services.rules_text_import(
        actor=secretariat, instrument="constitution", language="en",
        version_date=dt.date(2024, 1, 1),
        uploaded_file=_text("Article 9\n1. Only this one now."))
    assert again.replaced and again.text.pk == constitution.text.pk
    assert list(Provision.objects.values_list("article", "paragraph", "body")) == [
        ("9", "1", "Only this one now.")]


@pytest.mark.parametrize(("content", "name", "code"), [
    (pdf_bytes("Article 1"), "text.pdf", "not_a_text"),
    (pdf_bytes("Article 1"), "text.txt", "not_a_text"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old word", "text.doc", "not_a_text"),
    ("Article 1 caf\xe9".encode("latin-1"), "text.txt", "not_utf8"),
    (b"", "text.txt", "empty_file"),
    (b"Title only\nNo article here.", "text.txt", "text_no_article"),
    (b"\n \n", "text.txt", "text_empty"),
])
def test_refused_files_store_nothing_and_keep_the_earlier_import(constitution, secretariat,
                                                                  content, name, code):
    with pytest.raises(ServiceError) as refused:
        services.rules_text_import(actor=secretariat, instrument="constitution",
                                   language="en", version_date=dt.date(2024, 1, 1),
                                   uploaded_file=upload(content, name))
    assert (refused.value.code, refused.value.field) == (code, "file")
    assert Provision.objects.count() == 5
    assert RulesText.objects.get().source_name == "text.txt"


def test_no_article_says_why(secretariat):
    with pytest.raises(ServiceError) as refused:
        services.rules_text_import(actor=secretariat, instrument="constitution",
                                   language="en", version_date=dt.date(2024, 1, 1),
                                   uploaded_file=_text("Just words."))
    assert "No article was found" in str(refused.value)
    assert not RulesText.objects.exists()


def test_only_the_secretariat_imports(db):
    with pytest.raises(PermissionDeniedError):
        services.rules_text_import(actor=user_with_role(Role.SENIOR_OFFICIAL),
                                   instrument="constitution", language="en",
                                   version_date=dt.date(2024, 1, 1),
                                   uploaded_file=_text(ENGLISH))


# ---------------------------------------------------------------------------------------------
# Citations linked to the provisions loaded


def _cite(provision: str, language: str = "en") -> str:
    with translation.override(language):
        return Template("{{ p|cite }}").render(Context({"p": provision}))


def test_citation_is_plain_text_when_nothing_is_loaded(db):
    assert _cite("Constitution art. 4(2)") == "Constitution art. 4(2)"


def test_citation_links_each_loaded_provision(constitution):
    href = reverse("library:rules_text_version", kwargs={
        "instrument": "constitution", "version": "2024-01-01"})
    assert _cite("Constitution art. 4(2)") == (
        f'Constitution art. <a href="{href}#art-4-2">4(2)</a>')
    # 4(3) is not in the text; article 1 is, without a paragraph cited.
    assert _cite("Constitution arts 4(3), 1; ILO practice") == (
        f'Constitution arts 4(3), <a href="{href}#art-1">1</a>; ILO practice')
    assert _cite("Constitution art. 4bis") == (
        f'Constitution art. <a href="{href}#art-4bis">4bis</a>')
    # Another instrument is not loaded: plain text.
    assert _cite("SO-2021 art. 4(2)") == "SO-2021 art. 4(2)"


def test_citation_link_in_french_keeps_the_translated_instrument(constitution):
    shown = _cite("Constitution art. 4(2); SO-2021 art. 1(2)", "fr")
    assert shown.count("<a ") == 1 and "#art-4-2" in shown and " ; " in shown
    assert shown.endswith("1(2)")


def test_editions_of_the_standing_orders(secretariat):
    for version in (dt.date(2008, 6, 1), dt.date(2021, 6, 19)):
        services.rules_text_import(actor=secretariat, instrument="ilc_standing_orders",
                                   language="en", version_date=version,
                                   uploaded_file=_text("Article 21\n1. Majority."))
    assert "2008-06-01/#art-21" in _cite("ILC Standing Orders (2008) art. 21")
    assert "2021-06-19/#art-21-1" in _cite("SO-2021 art. 21(1)")
    assert "2021-06-19/#art-21" in _cite("ILC Standing Orders art. 21")


def test_citation_text_is_escaped(constitution):
    assert _cite("Constitution art. 4(2) <b>") == "Constitution art. 4(2) &lt;b&gt;"


def test_one_query_per_request_whatever_the_number_of_citations(constitution,
                                                                django_assert_num_queries):
    citation_links.request_started()
    try:
        with django_assert_num_queries(1):
            for _ in range(5):
                assert "<a " in _cite("Constitution art. 4(1)")
    finally:
        citation_links.request_finished()


# ---------------------------------------------------------------------------------------------
# Pages


def test_page_shows_the_text_with_anchors(client, constitution):
    client.force_login(user_with_role(Role.DELEGATE))
    page = client.get(reverse("library:rules_text", kwargs={"instrument": "constitution"}))
    content = page.content.decode()
    assert page.status_code == 200
    assert 'id="art-4-2"' in content and 'id="art-4bis"' in content
    assert "subject to the rules." in content


def test_page_in_another_language_says_which_exist(client, constitution):
    client.force_login(user_with_role(Role.DELEGATE))
    page = client.get(reverse("library:rules_text", kwargs={"instrument": "constitution"}),
                      HTTP_ACCEPT_LANGUAGE="fr")
    content = page.content.decode()
    assert "Each delegate votes" not in content
    assert '<a href="?language=en" hreflang="en">' in content


def test_page_of_an_instrument_not_loaded_is_404(client, db):
    client.force_login(user_with_role(Role.DELEGATE))
    assert client.get(reverse("library:rules_text", kwargs={
        "instrument": "gb_standing_orders"})).status_code == 404
    assert client.get(reverse("library:rules_text_version", kwargs={
        "instrument": "constitution", "version": "not-a-date"})).status_code == 404


def test_import_page(client, secretariat):
    client.force_login(secretariat)
    url = reverse("library:rules_text_import")
    refused = client.post(url, {"instrument": "constitution", "language": "en",
                                "version_date": "2024-01-01",
                                "file": upload(pdf_bytes("Article 1"), "c.pdf")})
    assert refused.status_code == 200 and "Word (.docx) document or a plain-text" in (
        refused.content.decode())
    done = client.post(url, {"instrument": "constitution", "language": "en",
                             "version_date": "2024-01-01", "file": _text(ENGLISH)})
    assert done.status_code == 302 and done["Location"].endswith(
        "/texts/constitution/2024-01-01/?language=en")


# ---------------------------------------------------------------------------------------------
# API


def test_api_import_list_and_read(client, secretariat):
    client.force_login(secretariat)
    created = client.post("/api/library/texts", {
        "instrument": "constitution", "language": "fr", "version_date": "2024-01-01",
        "file": _text(FRENCH)})
    assert created.status_code == 201
    assert [p["anchor"] for p in created.json()["provisions"]] == ["art-1-1", "art-4-1",
                                                                  "art-4-2"]
    replaced = client.post("/api/library/texts", {
        "instrument": "constitution", "language": "fr", "version_date": "2024-01-01",
        "file": _text(FRENCH)})
    assert replaced.status_code == 200
    assert client.get("/api/library/texts").json() == [
        {"instrument": "constitution", "version_date": "2024-01-01", "languages": ["fr"]}]
    text = client.get("/api/library/texts/constitution/2024-01-01/fr").json()
    assert text["provisions"][1]["text"] == "Chaque délégué vote individuellement."
    assert client.get("/api/library/texts/constitution/2024-01-01/en").status_code == 404


def test_api_refuses_a_file_without_article(client, secretariat):
    client.force_login(secretariat)
    refused = client.post("/api/library/texts", {
        "instrument": "constitution", "language": "en", "version_date": "2024-01-01",
        "file": _text("No article.")})
    assert refused.status_code == 400 and refused.json()["code"] == "text_no_article"
    assert not RulesText.objects.exists()


def test_a_findings_template_links_the_provision(constitution):
    """A page's list of findings (the membership's, like every other) goes through ``cite``."""
    from django.template.loader import render_to_string

    from tripartite.rules.findings import Finding, Severity

    finding = Finding(rule="CON-4", provision="Constitution art. 4(1)", severity=Severity.ERROR,
                      message={"en": "A delegate votes individually."})
    with translation.override("es"):
        html = render_to_string("membership/_findings.html",
                                {"findings": [finding.as_dict("es")]})
    assert '/library/texts/constitution/2024-01-01/#art-4-1">4(1)</a>' in html


def test_page_in_the_readers_language_when_loaded(client, constitution, secretariat):
    services.rules_text_import(actor=secretariat, instrument="constitution", language="fr",
                               version_date=dt.date(2024, 1, 1), uploaded_file=_text(FRENCH))
    client.force_login(user_with_role(Role.DELEGATE))
    content = client.get(reverse("library:rules_text", kwargs={"instrument": "constitution"}),
                         HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Chaque délégué vote individuellement." in content
    assert "Each delegate votes" not in content and 'lang="fr"' in content


@pytest.mark.parametrize("articles", [1, 10])
def test_the_text_page_takes_a_fixed_number_of_queries(client, secretariat, articles,
                                                       django_assert_num_queries):
    content = "\n".join(f"Article {n}\n1. One.\n2. Two." for n in range(1, articles + 1))
    services.rules_text_import(actor=secretariat, instrument="constitution", language="en",
                               version_date=dt.date(2024, 1, 1), uploaded_file=_text(content))
    client.force_login(secretariat)
    url = reverse("library:rules_text", kwargs={"instrument": "constitution"})
    # session, user; the versions, the text, its provisions.
    with django_assert_num_queries(5):
        response = client.get(url)
    assert response.content.decode().count('<h2 id="art-') == articles
