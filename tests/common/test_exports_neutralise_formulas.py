"""CSV and Excel injection: every CSV and Excel export of the product, with hostile text
planted in the data it lists, writes no field that a spreadsheet would run as a formula.
Every export is written by ``tripartite.common.exports``; the walk below fails when a new
export URL is added without being walked."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.correspondence.helpers import make_entries
from tests.factories import SessionFactory, state, user_with_role
from tripartite.accounts.models import Role
from tripartite.common import exports
from tripartite.constituents.models import ConstituentOrganisation, MemberState
from tripartite.correspondence.install import install_starter_templates
from tripartite.correspondence.models import Selection
from tripartite.correspondence.services import batches
from tripartite.delegations.services.lists import list_publish
from tripartite.delegations.services.nominations import (
    delegation_open,
    delegation_submit,
    nomination_add,
)

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://evil","x")', "+cmd|'/c calc'!A0", "@SUM(1)", "-2+3",
           "\t=1+1", "＝1+1"]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")

EXPORTS = {  # every URL name whose route ends in csv or xlsx, and its arguments
    "correspondence:register_export": [{"fmt": "csv"}, {"fmt": "xlsx"}],
    "delegations:list_current_csv": [{"session_pk": "session"}],
    "delegations:list_current_xlsx": [{"session_pk": "session"}],
    "delegations:list_published_csv": [{"pk": "published"}],
    "delegations:list_published_xlsx": [{"pk": "published"}],
    "registration:credentials_figures_csv": [{"session_pk": "session"}],
    "delegations:portal_template": [{"session_pk": "session", "iso2": "FR"}],
}


def export_url_names() -> set[str]:
    found = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                route = str(pattern.pattern)
                if "csv" in route or "xlsx" in route:
                    found.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, "")
    return found


@pytest.fixture
def hostile_data(settings, tmp_path):
    """Names, functions, organizations, agenda items, recipients and a State's name, each
    one of the HOSTILE values."""
    settings.MEDIA_ROOT = tmp_path / "media"
    secretariat = user_with_role(Role.SECRETARIAT)
    session = SessionFactory()
    session.agenda_items.create(number="IV", title_en=HOSTILE[3], technical=True, position=1)
    ConstituentOrganisation.objects.create(member_state=state("FR"), kind="employers",
                                           name=HOSTILE[0], acronym=HOSTILE[2])
    delegation = delegation_open(actor=secretariat, member_state=state("FR"),
                                 session=session)
    for index, name in enumerate(HOSTILE):
        nomination_add(
            actor=secretariat, delegation=delegation, group="government",
            role="delegate" if index == 0 else "adviser", name=name, gender="f",
            title=HOSTILE[2], function=HOSTILE[(index + 1) % len(HOSTILE)])
    delegation_submit(actor=secretariat, delegation=delegation)
    published = list_publish(actor=secretariat, session=session, kind="provisional")
    MemberState.objects.filter(iso2="FR").update(name_en=HOSTILE[1], name_fr=HOSTILE[1])

    templates = {t.code: t for t in install_starter_templates(actor=None)}
    entries = make_entries()
    for entry, name in zip(entries.values(), HOSTILE, strict=False):
        entry.name = name
        entry.save()
    batch = batches.batch_create(
        actor=secretariat, template=templates["invitation"],
        selection=Selection.HAND_PICKED, hand_picked=[e.pk for e in entries.values()],
        session=session, letter_date=dt.date(2026, 3, 2), signatory=HOSTILE[4],
        reply_deadline=dt.date(2026, 4, 15))
    batches.batch_generate(actor=secretariat, batch=batch, pdf_files=False)
    return {"user": secretariat, "session": session.pk, "published": published.pk}


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def cells(response) -> list:
    if response["Content-Type"] == exports.XLSX_TYPE:
        workbook = openpyxl.load_workbook(io.BytesIO(_body(response)))
        return [cell for sheet in workbook.worksheets
                for row in sheet.iter_rows(values_only=True) for cell in row]
    assert response["Content-Type"] == exports.CSV_TYPE
    text = _body(response).decode("utf-8-sig")
    return [field for row in csv.reader(io.StringIO(text)) for field in row]


def test_every_export_url_of_the_product_is_walked():
    assert export_url_names() == set(EXPORTS)


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_no_exported_field_starts_with_a_formula_trigger(client, hostile_data, name, run_jobs):
    client.force_login(hostile_data["user"])
    for arguments in EXPORTS[name]:
        kwargs = {key: hostile_data.get(value, value) for key, value in arguments.items()}
        response = _exported(client, run_jobs, reverse(name, kwargs=kwargs))
        assert response.status_code == 200, (name, kwargs)
        assert response["Content-Disposition"].startswith("attachment; filename=")
        written = cells(response)
        texts = [value for value in written if isinstance(value, str)]
        assert [value for value in texts if value.startswith(TRIGGERS)] == []
        # The hostile values were there, and are kept as text behind an apostrophe.
        assert any(value.startswith("'") and value[1:] in HOSTILE for value in texts), name


def _exported(client, run_jobs, url):
    """The file an export link gives: at once, or (the lists of delegations) as the result of
    the background job its form queues (tripartite.jobs)."""
    from tripartite.jobs.models import Job

    response = client.get(url)
    if response.status_code != 200 or "Content-Disposition" in response:
        return response
    assert client.post(url).status_code == 302
    assert run_jobs() == 1
    return client.get(reverse("jobs:job_file", args=[Job.objects.latest("pk").pk]))


def test_only_text_is_neutralised_a_negative_number_stays_a_number():
    workbook = exports.XlsxWriter()
    sheet = workbook.sheet("Figures")
    workbook.append(sheet, [-2, -2.5, "-2", "-2+3", "@SUM(1)", "plain"])
    read = openpyxl.load_workbook(io.BytesIO(workbook.content())).active
    assert list(next(read.iter_rows(values_only=True))) == [
        -2, -2.5, "'-2", "'-2+3", "'@SUM(1)", "plain"]
    writer = exports.CsvWriter()
    writer.writerow([-2, "-2+3", "＠SUM(1)", dt.date(2026, 3, 2), None])
    assert writer.content().decode("utf-8-sig") == "-2,'-2+3,'＠SUM(1),2026-03-02,\r\n"


def test_a_download_name_cannot_break_out_of_its_header():
    response = exports.download(b"x", filename='a"b\r\nSet-Cookie: x=1;/../c.csv',
                                content_type=exports.CSV_TYPE)
    assert response["Content-Disposition"] == 'attachment; filename="a-b-Set-Cookie- x=1-..-c.csv"'
