"""Adding documents: new symbols, language versions, revisions, and every bad file refused
with its message and nothing half-stored."""

import datetime as dt
import os

import pytest
from django.db import DatabaseError, connection

from tests.factories import AgendaItemFactory, user_with_role
from tests.library.conftest import add
from tests.library.files import (
    big_pdf,
    docx_bytes,
    encrypted_pdf_bytes,
    pdf_bytes,
    unreadable_pdf,
    upload,
)
from tripartite.accounts.models import Role
from tripartite.common.models import ActionLogEntry
from tripartite.common.services import PermissionDeniedError, ServiceError
from tripartite.jobs.models import Job
from tripartite.library import services, uploads
from tripartite.library.models import Document, DocumentFile, TextStatus
from tripartite.library.symbols import SymbolError

pytestmark = pytest.mark.django_db


def stored_files(settings) -> list[str]:
    root = settings.MEDIA_ROOT / "library"
    return sorted(os.path.join(folder, name) for folder, _dirs, names in os.walk(root)
                  for name in names)


def test_a_new_symbol_adds_a_document_with_its_parts_text_and_session(secretariat,
                                                                       gb_session):
    item = AgendaItemFactory(session=gb_session, number="3")
    added = services.document_add(
        actor=secretariat, symbol="gb.356/ins/3", language="en",
        uploaded_file=upload(pdf_bytes("Decent work in the platform economy")),
        title_en="Platform economy", title_fr="Économie des plateformes",
        type="decision_paper", date=dt.date(2026, 3, 2), session=gb_session,
        agenda_items=[item])

    document = added.document
    assert added.new_document and added.warning == "" and added.job is None
    assert (document.symbol, document.base_symbol, document.organ, document.session_number,
            document.section, document.number) == (
        "GB.356/INS/3", "GB.356/INS/3", "GB", "356", "INS", "3")
    assert list(document.agenda_items.all()) == [item]
    assert added.file.text == "Decent work in the platform economy"
    assert (added.file.text_status, added.file.pages, added.file.kind) == ("ready", 1, "pdf")
    assert ActionLogEntry.objects.filter(action="library.document.added").count() == 1


def test_the_same_symbol_in_another_language_is_a_language_version(secretariat):
    first = add(secretariat, "GB.356/INS/3", "Working time")
    second = add(secretariat, "GB.356/INS/3", "Temps de travail", language="fr",
                 kind="docx", title_fr="Temps de travail")

    assert second.document == first.document and not second.new_document
    assert sorted(first.document.files.values_list("language", flat=True)) == ["en", "fr"]
    second.document.refresh_from_db()
    assert second.document.title_fr == "Temps de travail"
    assert second.file.text == "Temps de travail" and second.file.kind == "docx"


def test_a_language_it_already_has_is_refused_and_nothing_is_stored(secretariat, settings):
    add(secretariat, "GB.356/INS/3", "Working time")
    before = stored_files(settings)

    with pytest.raises(ServiceError) as refused:
        add(secretariat, "GB.356/INS/3", "Working time again")

    assert (refused.value.code, refused.value.field, refused.value.status) == (
        "duplicate_symbol", "symbol", 409)
    assert "GB.356/INS/3 already has its English version" in refused.value.message
    assert stored_files(settings) == before
    assert DocumentFile.objects.count() == 1


def test_a_revision_supersedes_the_earlier_one_and_both_stay(secretariat):
    original = add(secretariat, "GB.356/INS/3", "First").document
    second = add(secretariat, "GB.356/INS/3(Rev.2)", "Third").document
    first = add(secretariat, "GB.356/INS/3(Rev.1)", "Second").document  # added late

    for document in (original, first, second):
        document.refresh_from_db()
    assert (original.supersedes, first.supersedes, second.supersedes) == (None, original,
                                                                          first)
    assert Document.objects.filter(base_symbol="GB.356/INS/3").count() == 3


def test_two_spellings_of_one_addendum_are_one_document(secretariat):
    add(secretariat, "GB.326/INS/12(Add.)", "Addendum")
    again = add(secretariat, "GB.326/INS/12(Add.1)", "Addendum", language="es")

    assert not again.new_document and again.document.symbol == "GB.326/INS/12(Add.)"


def test_a_symbol_that_does_not_parse_is_refused_naming_its_part(secretariat, settings):
    with pytest.raises(SymbolError) as refused:
        add(secretariat, "GB.356/INS/3(Rev1)", "Text")
    assert refused.value.part == "revision"
    assert Document.objects.count() == 0 and stored_files(settings) == []


@pytest.mark.parametrize(("content", "name", "code"), [
    (encrypted_pdf_bytes(), "paper.pdf", "encrypted_pdf"),
    (pdf_bytes("Cut short")[:120], "paper.pdf", "damaged_file"),
    (unreadable_pdf("Its page cannot be read"), "paper.pdf", "damaged_file"),
    (b"%PDF-1.7 and then nothing a PDF has", "paper.pdf", "damaged_file"),
    (docx_bytes("A Word file")[:300], "paper.docx", "damaged_file"),
    (docx_bytes("A Word file"), "paper.pdf", "wrong_extension"),
    (pdf_bytes("A PDF"), "paper.docx", "wrong_extension"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "paper.doc", "old_word_format"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "paper.pdf", "not_a_document"),
    (b"", "paper.pdf", "empty_file"),
])
def test_a_bad_file_is_refused_with_its_reason_and_nothing_is_half_stored(
        secretariat, settings, content, name, code):
    with pytest.raises(ServiceError) as refused:
        services.document_add(actor=secretariat, symbol="GB.356/INS/3", language="en",
                              uploaded_file=upload(content, name), title_en="Paper",
                              type="decision_paper", date=dt.date(2026, 3, 2))

    assert (refused.value.code, refused.value.field) == (code, "file")
    assert Document.objects.count() == 0 and DocumentFile.objects.count() == 0
    assert stored_files(settings) == []


def test_a_failure_after_the_file_was_stored_removes_it(secretariat, settings):
    """The index write fails (its table is gone, inside this test's transaction): rows and
    file both go."""
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE library_search")
    with pytest.raises(DatabaseError):
        add(secretariat, "GB.356/INS/3", "Working time")

    assert Document.objects.count() == 0 and stored_files(settings) == []


def test_a_pdf_without_text_layer_is_kept_with_a_warning(secretariat):
    added = add(secretariat, "GB.356/INS/4", "")

    assert added.file.text_status == TextStatus.NO_TEXT and added.file.text == ""
    assert "no text layer" in added.warning


def test_only_the_secretariat_adds_documents(db):
    for role in (Role.SENIOR_OFFICIAL, Role.OBSERVER, Role.FOCAL_POINT):
        with pytest.raises(PermissionDeniedError):
            add(user_with_role(role), "GB.356/INS/3", "Text")
    assert Document.objects.count() == 0


def test_a_new_document_needs_its_title_type_and_date(secretariat):
    with pytest.raises(ServiceError) as refused:
        add(secretariat, "GB.356/INS/3", "Text", title_en="")
    assert refused.value.field == "title_en"
    with pytest.raises(ServiceError) as refused:
        add(secretariat, "GB.356/INS/3", "Text", type="")
    assert refused.value.field == "type"


def add_big(actor, content: bytes):
    return services.document_add(
        actor=actor, symbol="GB.356/INS/5", language="en",
        uploaded_file=upload(big_pdf(content)), title_en="Safety", type="decision_paper",
        date=dt.date(2026, 3, 10))


def test_a_big_file_is_read_by_a_job_and_found_once_done(secretariat, run_jobs):
    from tripartite.library import search

    added = add_big(secretariat, pdf_bytes("Occupational safety and health"))

    assert added.file.size > uploads.INLINE_EXTRACTION_UP_TO
    assert added.file.text_status == TextStatus.PENDING and added.job is not None
    assert search.search(secretariat, "safety").total == 0
    assert run_jobs() == 1

    added.file.refresh_from_db()
    assert added.file.text_status == TextStatus.READY
    assert added.file.text == "Occupational safety and health"
    assert Job.objects.get(pk=added.job.pk).status == "done"
    assert search.search(secretariat, "safety").total == 1


def test_a_big_damaged_file_fails_its_job_and_says_so(secretariat, run_jobs):
    added = add_big(secretariat, unreadable_pdf("Occupational safety and health"))
    assert added.file.text_status == TextStatus.PENDING  # its pages were counted
    run_jobs()

    added.file.refresh_from_db()
    job = Job.objects.get(pk=added.job.pk)
    assert added.file.text_status == TextStatus.FAILED
    assert job.status == "failed" and "cannot be read" in job.problem
