"""Office uploads are checked as archives before any parser opens them: a zip bomb, a row of a
million cells or a sheet claiming the whole grid is refused by its code (``archive_*``,
``sheet_too_large``), never inflated; a real document passes. The readers (letter templates,
replies, concept notes, the delegation spreadsheet) are exercised in their own apps' tests
and here through their services."""

import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.common.bombs import (
    declaring_size,
    many_members,
    million_cell_row,
    sheet_xml,
    with_member,
)
from tests.correspondence.helpers import docx_with_paragraphs
from tripartite.common.archives import (
    ArchiveLimits,
    ArchiveRefused,
    SheetLimits,
    check_office_archive,
    check_sheet_sizes,
)
from tripartite.proposals.uploads import check_concept_note

LIMITS = SheetLimits(max_rows=1000, max_columns=32)
GIB = 1024 ** 3


def refusal(content: bytes) -> ArchiveRefused:
    with pytest.raises(ArchiveRefused) as refused:
        check_office_archive(content)
        check_sheet_sizes(content, limits=LIMITS)
    return refused.value


def test_a_real_word_document_passes():
    content = docx_with_paragraphs("Ref.: {{ reference }}", "Text")
    check_office_archive(content)
    check_sheet_sizes(content, limits=LIMITS)


def test_content_that_is_not_a_zip_is_left_to_its_reader():
    for content in (b"", b"%PDF-1.7 ... PK\x05\x06" + bytes(18), b"not a zip"):
        check_office_archive(content)
        check_sheet_sizes(content, limits=LIMITS)


def test_a_member_declaring_gigabytes_is_refused_from_the_directory():
    content = declaring_size(with_member(docx_with_paragraphs("x"), "word/media/a.bin", b"a"),
                             "word/media/a.bin", 4 * GIB - 1)
    refused = refusal(content)
    assert refused.code == "archive_too_large"
    assert refused.field == "file"
    assert refused.message == (
        "Once unpacked, a part of this file (“word/media/a.bin”) would take 4.0\xa0GB; the "
        "limit is 16.0\xa0MB. It was not opened.")


def test_members_within_the_limit_each_but_too_large_together_are_refused():
    content = docx_with_paragraphs("x")
    names = [f"word/media/{number}.bin" for number in range(5)]
    for name in names:
        content = with_member(content, name, b"a")
    for name in names:
        content = declaring_size(content, name, 15 * 1024 * 1024)
    with pytest.raises(ArchiveRefused) as refused:  # any ratio, to reach the total
        check_office_archive(content, limits=ArchiveLimits(max_ratio=10 ** 9))
    refused = refused.value
    assert refused.code == "archive_too_large"
    assert refused.message.startswith("Once unpacked, this file would take 75.")


def test_a_highly_compressed_million_cell_row_is_refused_by_its_ratio():
    content = with_member(docx_with_paragraphs("x"), "xl/worksheets/sheet1.xml",
                          million_cell_row())
    assert len(content) < 100_000  # 4.8 MB of XML in a few kilobytes
    refused = refusal(content)
    assert refused.code == "archive_too_compressed"
    assert refused.message.startswith(
        "A part of this file (“xl/worksheets/sheet1.xml”) is compressed ")


def test_a_stored_million_cell_row_is_refused_by_the_streamed_count():
    content = with_member(docx_with_paragraphs("x"), "xl/worksheets/sheet1.xml",
                          million_cell_row(), zipfile.ZIP_STORED)
    refused = refusal(content)
    assert refused.code == "sheet_too_large"
    assert refused.message == (
        "Row 1 of a sheet of this workbook has cells beyond column 32. A sheet may have at "
        "most 1000 rows and 32 columns; it was not read. Copy the rows into a fresh template "
        "and upload that.")


@pytest.mark.parametrize(("sheet", "start"), [
    (sheet_xml('<row r="1"><c r="A1"/></row>', dimension="A1:XFD1048576"),
     "A sheet of this workbook spans A1:XFD1048576."),
    (sheet_xml('<row r="1048576"><c r="A1048576"/></row>'),
     "A sheet of this workbook goes down to row 1048576."),
    (sheet_xml("<row/>" * 1001), "A sheet of this workbook goes down to row 1001."),
    (sheet_xml('<row r="2"><c r="XFD2"/></row>'),
     "Row 2 of a sheet of this workbook has cells beyond column 32."),
], ids=["dimension", "far row", "many rows", "far column"])
def test_a_sheet_larger_than_expected_is_refused(sheet, start):
    content = with_member(docx_with_paragraphs("x"), "xl/worksheets/sheet1.xml", sheet)
    refused = refusal(content)
    assert refused.code == "sheet_too_large"
    assert refused.message.startswith(start + " A sheet may have at most 1000 rows")


def test_a_sheet_anywhere_in_the_archive_is_counted():
    content = with_member(docx_with_paragraphs("x"), "xl/elsewhere.xml",
                          sheet_xml('<row r="5000"/>'))
    assert refusal(content).code == "sheet_too_large"


def test_a_sheet_declaring_a_document_type_is_refused():
    sheet = (b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaa">]>'
             + sheet_xml("")[sheet_xml("").index(b"<worksheet"):])
    content = with_member(docx_with_paragraphs("x"), "xl/worksheets/sheet1.xml", sheet)
    assert refusal(content).code == "sheet_too_large"


@pytest.mark.parametrize(("name", "reason"), [
    ("../../etc/cron.d/evil", "its path leads outside the document"),
    ("/etc/passwd", "its path leads outside the document"),
    ("word\\..\\evil.xml", "its path leads outside the document"),
    ("word/inner.zip", "it is an archive inside the document"),
    ("word/media/other.docx", "it is an archive inside the document"),
])
def test_odd_entries_are_refused(name, reason):
    refused = refusal(with_member(docx_with_paragraphs("x"), name, b"data"))
    assert refused.code == "archive_odd_member"
    assert refused.message == (
        f"This file has an unexpected part (“{name}”): {reason}. It was not opened; save the "
        "document again from Word or Excel and upload the new file.")


def test_an_embedded_chart_workbook_is_not_odd():
    content = with_member(docx_with_paragraphs("x"),
                          "word/embeddings/Microsoft_Excel_Worksheet.xlsx", b"PK\x03\x04")
    check_office_archive(content)


def test_too_many_members_are_refused_before_zipfile_lists_them():
    refused = refusal(many_members(1001))
    assert refused.code == "archive_too_many_members"
    assert refused.message == ("This file holds 1001 parts; a document of this kind has at "
                               "most 1000. It was not opened.")


def test_a_concept_note_bomb_is_refused_by_its_field():
    content = declaring_size(with_member(docx_with_paragraphs("x"), "word/media/a.bin", b"a"),
                             "word/media/a.bin", 4 * GIB - 1)
    with pytest.raises(ArchiveRefused) as refused:
        check_concept_note(SimpleUploadedFile("note.docx", content))
    assert (refused.value.code, refused.value.field) == ("archive_too_large", "concept_note")
    check_concept_note(SimpleUploadedFile("note.docx", docx_with_paragraphs("A real note")))
