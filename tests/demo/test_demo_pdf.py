"""The one PDF builder (the demo library's papers, the library tests' files): what it makes is
a PDF the library accepts, with the text it was given, page by page."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tripartite.demo.library import SENTENCES
from tripartite.demo.pdf import pdf_bytes, wrapped
from tripartite.library.uploads import check_document_file, extract_text


def test_a_demo_paper_is_a_pdf_the_library_accepts_with_its_words_in_lines_that_fit():
    text = "\n".join(sentence.format(session="356e session du Conseil d'administration",
                                     about="l'aménagement du temps de travail", count=42)
                     for sentence in SENTENCES["fr"])
    content = pdf_bytes(wrapped(text))

    checked = check_document_file(SimpleUploadedFile("paper.pdf", content))
    extracted = extract_text(content, "pdf")
    assert (checked.kind, checked.pages, extracted.pages) == ("pdf", 1, 1)
    assert extracted.text.split() == text.split()  # accents and apostrophes kept
    lines = extracted.text.splitlines()
    assert len(lines) > len(SENTENCES["fr"]) and max(len(line) for line in lines) <= 90


def test_pages_and_a_blank_page_without_text_layer():
    content = pdf_bytes("First (page)\nback\\slash", "", "Third")

    extracted = extract_text(content, "pdf")
    assert extracted.pages == 3
    assert extracted.text == "First (page)\nback\\slash\nThird"  # blank lines dropped
    assert extract_text(pdf_bytes(), "pdf").text == ""


def test_wrapped_cuts_between_words_and_keeps_the_paragraphs():
    assert wrapped("aaa bbb ccc\nddd", width=7) == "aaa bbb\nccc\nddd"
