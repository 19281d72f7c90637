"""The library's pages and API: search with filters, a document with its versions and
revisions, the file behind its permission check, the upload form's messages."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import user_with_role
from tests.library.conftest import add
from tests.library.files import encrypted_pdf_bytes, pdf_bytes, upload
from tripartite.accounts.models import Role
from tripartite.library.models import Document

pytestmark = pytest.mark.django_db


@pytest.fixture
def papers(secretariat):
    original = add(secretariat, "GB.356/INS/3", "La réunion sur le temps de travail",
                   language="fr", title_en="Working time", title_fr="Temps de travail")
    revised = add(secretariat, "GB.356/INS/3(Rev.1)", "Working time, revised <script>",
                  title_en="Working time (revised)")
    note = add(secretariat, "GB.356/BN/3", "Internal briefing", type="briefing_note",
               title_en="Briefing")
    return original, revised, note


def test_the_search_page_finds_marks_and_filters(client, papers):
    client.force_login(user_with_role(Role.OBSERVER))

    page = client.get(reverse("library:index"), {"q": "reunion"}).content.decode()
    assert "<mark>réunion</mark>" in page and "GB.356/INS/3" in page
    assert "Temps de travail" in page  # the French version's title

    page = client.get(reverse("library:index"), {"q": "working", "language": "fr"})
    assert "GB.356/INS/3(Rev.1)" not in page.content.decode()
    assert "&lt;script&gt;" in client.get(reverse("library:index"), {"q": "revised"}
                                          ).content.decode()


def test_the_search_page_lists_the_latest_without_internal_papers(client, papers):
    client.force_login(user_with_role(Role.FOCAL_POINT))
    page = client.get(reverse("library:index")).content.decode()
    assert "GB.356/INS/3(Rev.1)" in page and "GB.356/BN/3" not in page
    assert "Add a document" not in page


def test_the_document_page_shows_versions_and_revisions(client, papers):
    original, revised, _note = papers
    client.force_login(user_with_role(Role.DELEGATE))
    page = client.get(reverse("library:document_detail", args=[original.document.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    assert reverse("library:file_download", args=[original.file.pk]) in html
    assert "superseded by GB.356/INS/3(Rev.1)" in html
    assert reverse("library:document_detail", args=[revised.document.pk]) in html


def test_files_are_served_only_to_those_who_may_read_them(client, papers):
    original, _revised, note = papers
    client.force_login(user_with_role(Role.OBSERVER))
    response = client.get(reverse("library:file_download", args=[original.file.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Content-Type"] == "application/pdf"
    assert client.get(reverse("library:file_download", args=[note.file.pk])).status_code == 403
    assert client.get(reverse("library:document_detail",
                              args=[note.document.pk])).status_code == 403
    client.force_login(user_with_role(Role.SENIOR_OFFICIAL))
    assert client.get(reverse("library:file_download", args=[note.file.pk])).status_code == 200


def test_the_upload_form_adds_warns_and_refuses(client, secretariat):
    client.force_login(secretariat)
    form = {"symbol": "GB.356/POL/1", "language": "en", "title_en": "Skills",
            "type": "decision_paper", "date": "2026-03-02"}

    added = client.post(reverse("library:upload"), {**form, "file": upload(pdf_bytes())},
                        follow=True)
    assert "GB.356/POL/1 is in the library." in added.content.decode()
    assert "no text layer" in added.content.decode()

    refused = client.post(reverse("library:upload"), {
        **form, "symbol": "GB.356/POL/2", "file": upload(encrypted_pdf_bytes())})
    assert refused.status_code == 200
    assert "protected by a password" in refused.content.decode()
    wrong = client.post(reverse("library:upload"), {
        **form, "symbol": "GB.35x/POL/2", "file": upload(pdf_bytes("x"))})
    assert "“35x” is not a session" in wrong.content.decode()
    assert Document.objects.count() == 1


def test_the_upload_form_in_french(client, secretariat):
    secretariat.language = "fr"
    secretariat.save()
    client.force_login(secretariat)
    page = client.post(reverse("library:upload"), {
        "symbol": "GB.356/POL/1(Rev1)", "language": "en", "file": upload(pdf_bytes("x"))},
        HTTP_ACCEPT_LANGUAGE="fr")
    assert "« (Rev1) » n&#x27;est pas compris" in page.content.decode()


def test_the_api_searches_and_adds(client, papers, secretariat):
    client.force_login(user_with_role(Role.OBSERVER))
    found = client.get("/api/library/search", {"q": "GB.356/INS/3"}).json()
    assert found["count"] == 2 and found["symbol"] == "GB.356/INS/3"
    assert [item["symbol"] for item in found["items"]] == ["GB.356/INS/3",
                                                           "GB.356/INS/3(Rev.1)"]
    listed = client.get("/api/library/documents").json()
    assert listed["count"] == 2  # not the briefing note
    note = papers[2].document.pk
    assert client.get(f"/api/library/documents/{note}").json()["code"] == "forbidden"

    client.force_login(secretariat)
    response = client.post("/api/library/documents", {
        "symbol": "GB.356/INS/3(Rev.1)", "language": "es",
        "file": upload(pdf_bytes("Tiempo de trabajo"))})
    assert response.status_code == 201
    assert [file["language"] for file in response.json()["files"]] == ["en", "es"]
    refused = client.post("/api/library/documents", {
        "symbol": "GB.356/INS/3(Rev.1)", "language": "es",
        "file": upload(pdf_bytes("Otra vez"))})
    assert refused.status_code == 409 and refused.json()["code"] == "duplicate_symbol"
    damaged = client.post("/api/library/documents", {
        "symbol": "GB.356/INS/4", "language": "es", "title_en": "X", "type": "minutes",
        "date": "2026-03-01", "file": upload(b"%PDF-1.4 broken")})
    assert damaged.status_code == 400 and damaged.json() == {
        "code": "damaged_file", "field": "body.file", "message": damaged.json()["message"]}


def test_the_api_lists_documents_filtered_latest_first(client, secretariat, gb_session):
    add(secretariat, "GB.356/INS/3", "Working time", session=gb_session,
        date=dt.date(2026, 3, 2))
    add(secretariat, "GB.356/INS/2", "Standards", session=gb_session, type="information_paper",
        date=dt.date(2026, 3, 2))
    add(secretariat, "GB.355/PFA/1", "Budget", date=dt.date(2025, 11, 1))
    add(secretariat, "ILC.114/Record No. 5A", "Credentials", type="record",
        date=dt.date(2026, 6, 5))
    add(secretariat, "GB.356/BN/3", "Briefing", type="briefing_note", session=gb_session,
        date=dt.date(2026, 3, 3))
    client.force_login(user_with_role(Role.OBSERVER))

    def listed(**filters):
        answer = client.get("/api/library/documents", filters)
        assert answer.status_code == 200
        return [item["symbol"] for item in answer.json()["items"]]

    assert listed() == ["ILC.114/Record No. 5A", "GB.356/INS/2", "GB.356/INS/3",
                        "GB.355/PFA/1"]  # latest first, then by symbol; no briefing note
    assert listed(organ="gb") == ["GB.356/INS/2", "GB.356/INS/3", "GB.355/PFA/1"]
    assert listed(session=gb_session.pk) == ["GB.356/INS/2", "GB.356/INS/3"]
    assert listed(type="decision_paper") == ["GB.356/INS/3", "GB.355/PFA/1"]
    assert listed(date_from="2026-01-01", date_to="2026-03-31") == ["GB.356/INS/2",
                                                                    "GB.356/INS/3"]
    assert listed(organ="GB", type="decision_paper", date_to="2025-12-31") == ["GB.355/PFA/1"]
    assert listed(type="briefing_note") == []  # not for an observer, filter or not
    client.force_login(secretariat)
    assert listed(type="briefing_note") == ["GB.356/BN/3"]


def test_the_api_list_of_documents_costs_the_same_queries_for_1_and_3(client, secretariat):
    client.force_login(user_with_role(Role.OBSERVER))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/library/documents", {"organ": "GB"}).status_code == 200
        return len(captured)

    add(secretariat, "GB.356/INS/1", "One")
    one = queries()
    add(secretariat, "GB.356/INS/2", "Two")
    add(secretariat, "GB.356/INS/2", "Deux", language="fr")
    add(secretariat, "GB.356/INS/3", "Three")
    assert queries() == one
