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
    assert refused.value.code == office.NOT_INSTALLED
    assert str(refused.value) == (
        "PDF files were not made: LibreOffice is not installed on the server "
        "(scripts/system-packages.sh installs it). The Word files are ready.")


def test_a_program_that_cannot_be_started_is_refused_plainly(monkeypatch, tmp_path):
    not_a_program = tmp_path / "soffice"
    not_a_program.write_text("not executable")
    not_a_program.chmod(0o644)
    monkeypatch.setattr(office, "SOFFICE", str(not_a_program))
    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    with pytest.raises(office.PdfUnavailable) as refused:
        office.docx_to_pdf(b"")
    assert refused.value.code == office.NOT_STARTED
    with translation.override("fr"):  # said in the language of whoever reads it
        said = str(refused.value)
    assert said == (
        "Les fichiers PDF n'ont pas été produits : LibreOffice n'a pas pu être lancé "
        "(Permission denied). Les fichiers Word sont prêts.")


def test_nothing_to_convert_needs_no_libreoffice(monkeypatch):
    monkeypatch.setattr(office, "SOFFICE", "/nonexistent/soffice")
    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    assert office.convert({}) == {}


# A stand-in for LibreOffice (a shell script taking the same arguments): it "converts" by
# copying each source to <outdir>/<name>.pdf, after a pause, and notes the profile it was given.
FAKE_SOFFICE = """#!/bin/sh
outdir=""; profile=""
for arg in "$@"; do
  case "$arg" in -env:UserInstallation=*) profile="${arg#*=}" ;; esac
done
while [ "$#" -gt 0 ]; do
  case "$1" in
    --outdir) outdir="$2"; shift 2 ;;
    --convert-to) shift 2 ;;
    -*|--*) shift ;;
    *) sleep {pause}; name=$(basename "$1" .docx)
       {skip}cp "$1" "$outdir/$name.pdf"; echo "$profile" >> {log}; shift ;;
  esac
done
"""


def fake_soffice(monkeypatch, tmp_path, *, pause="0.2", skip=""):
    program = tmp_path / "soffice"
    log = tmp_path / "profiles.log"
    program.write_text(FAKE_SOFFICE.replace("{pause}", pause).replace("{skip}", skip)
                       .replace("{log}", str(log)))
    program.chmod(0o755)
    monkeypatch.setattr(office.shutil, "which", lambda name: str(program))
    monkeypatch.setattr(office, "POLL_SECONDS", 0.05)
    return log


def test_the_documents_are_shared_among_processes_each_with_its_own_profile(
        monkeypatch, tmp_path):
    log = fake_soffice(monkeypatch, tmp_path)
    documents = {f"letter-{number}": f"content {number}".encode() for number in range(5)}
    seen = []
    pdfs = office.convert(documents, processes=2, on_progress=seen.append)
    assert pdfs == documents  # each "PDF" is its source, under the same name
    profiles = log.read_text().split()
    assert sorted(profiles.count(profile) for profile in set(profiles)) == [2, 3]
    assert seen == sorted(seen) and seen[-1] == 5


def test_a_process_that_makes_too_few_files_is_reported(monkeypatch, tmp_path):
    fake_soffice(monkeypatch, tmp_path, skip='[ "$name" = "b" ] || ')
    with pytest.raises(office.PdfUnavailable) as refused:
        office.convert({"a": b"a", "b": b"b", "c": b"c"}, processes=2)
    assert (refused.value.code, str(refused.value)) == (
        office.INCOMPLETE, "LibreOffice made 2 PDF files out of 3. The Word files are ready.")


def test_processes_that_do_not_finish_in_time_are_stopped(monkeypatch, tmp_path):
    fake_soffice(monkeypatch, tmp_path, pause="30")
    monkeypatch.setattr(office, "BASE_SECONDS", 0.5)
    monkeypatch.setattr(office, "SECONDS_PER_FILE", 0)
    with pytest.raises(office.PdfUnavailable) as refused:
        office.convert({"a": b"a", "b": b"b"}, processes=2)
    assert str(refused.value) == ("PDF files were not made: LibreOffice did not finish in "
                                  "time. The Word files are ready.")


def test_one_process_per_core_unless_configured(monkeypatch):
    monkeypatch.setattr(office.os, "cpu_count", lambda: 6)
    monkeypatch.delenv("PDF_PROCESSES", raising=False)
    assert office.parallel_processes() == 6
    monkeypatch.setenv("PDF_PROCESSES", "3")
    assert office.parallel_processes() == 3
