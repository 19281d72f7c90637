"""The secretariat sends a note verbale to three Permanent Missions, in the browser: choose
the template and the recipients, read the check, preview the French letter, generate,
download the zip."""

import io
import zipfile

import pytest

from tests.browser.test_journeys import log_in
from tests.correspondence.helpers import make_entries, make_session
from tests.factories import user_with_role
from tripartite.accounts.models import Role
from tripartite.correspondence.install import install_starter_templates
from tripartite.correspondence.models import Letter
from tripartite.jobs.worker import run_queued_tasks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_mail_merge_from_choice_to_zip(page, live_server, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    install_starter_templates(actor=None)
    session = make_session()
    entries = make_entries()
    officer = user_with_role(Role.SECRETARIAT)

    log_in(page, live_server, officer.username)
    page.click("nav.mainnav summary >> text=Correspondence")  # the menu's group opens
    page.click("nav.mainnav >> text=Outgoing register")
    assert page.locator("h1").inner_text() == "Outgoing register"
    page.click("text=New mail-merge")
    page.select_option("#id_template", label="Credentials reminder")
    page.check("input[name=selection][value=hand_picked]")
    page.select_option("#id_session", label=session.title)
    page.select_option("#id_recipients", [str(entry.pk) for entry in entries.values()])
    page.fill("#id_letter_date", "2026-03-02")
    page.click("#batch-form button[type=submit]")

    assert "All 3 recipients have every field the template needs." in page.locator(
        "#check").inner_text()
    page.click("#check >> text=French")
    preview = page.locator("#preview").inner_text()
    assert ("Le Bureau international du Travail présente ses compliments à la Mission "
            "permanente de la France") in preview
    assert "s'ouvrira le 1er juin 2026" in preview
    page.go_back()

    page.uncheck("#id_pdf_files")  # Word only: LibreOffice is tested on its own
    page.click("#generate button[type=submit]")
    # The job's page: waiting for the worker, then (the page asks again every 2 s) ready.
    assert "Waiting for the worker…" in page.locator("#job-progress").inner_text()
    assert run_queued_tasks() == 1
    page.wait_for_selector("#job-progress >> text=Ready.", timeout=10_000)
    with page.expect_download() as offered:
        page.click("#job-progress >> text=Download")
    assert offered.value.suggested_filename.startswith("letters-credentials-reminder-")
    page.click("text=Back to the page it was started from")
    assert page.locator("#batch-status").inner_text() == "Generated"
    assert page.locator("#batch-letters tbody tr").count() == 3
    assert Letter.objects.count() == 3

    with page.expect_download() as download:
        page.click("#download-zip")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    names = sorted(zipfile.ZipFile(io.BytesIO(path.read_bytes())).namelist())
    assert names == ["word/RELOFF-2026-0001_MX_es.docx", "word/RELOFF-2026-0002_FR_fr.docx",
                     "word/RELOFF-2026-0003_KE_en.docx"]
