"""LibreOffice missing or unable to start: the conversion says so in the user's language, the
caller offers the Word files (never a 500)."""

import pytest
from django.utils import translation

from tripartite.common import office


def test_without_libreoffice_the_conversion_says_so(monkeypatch):
    monkeypatch.setattr(office, "SOFFICE", "/nonexistent/soffice")
    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    assert not office.conversion_available()
    with pytest.raises(office.PdfUnavailable) as refused:
        office.convert({"letter": b""})
    assert str(refused.value) == (
        "PDF files were not made: LibreOffice is not installed on the server "
        "(scripts/system-packages.sh installs it). The Word files are ready.")


def test_a_program_that_cannot_be_started_is_refused_plainly(monkeypatch, tmp_path):
    not_a_program = tmp_path / "soffice"
    not_a_program.write_text("not executable")
    not_a_program.chmod(0o644)
    monkeypatch.setattr(office, "SOFFICE", str(not_a_program))
    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    with translation.override("fr"), pytest.raises(office.PdfUnavailable) as refused:
        office.docx_to_pdf(b"")
    assert str(refused.value) == (
        "Les fichiers PDF n'ont pas été produits : LibreOffice n'a pas pu être lancé "
        "(Permission denied). Les fichiers Word sont prêts.")


def test_nothing_to_convert_needs_no_libreoffice(monkeypatch):
    monkeypatch.setattr(office, "SOFFICE", "/nonexistent/soffice")
    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    assert office.convert({}) == {}
