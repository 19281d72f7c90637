"""References of the outgoing register: the pattern, the series per year, no gap and no
repeat, also when transactions roll back and when batches are generated at the same time."""

import datetime as dt
import io
import threading

import pytest
from django.db import connection, connections, transaction

from tests.correspondence.helpers import make_entries, make_session
from tests.factories import user_with_role
from tripartite.accounts.models import Role
from tripartite.common.services import ServiceError
from tripartite.constituents.models import MemberState
from tripartite.correspondence import references
from tripartite.correspondence.install import install_starter_templates
from tripartite.correspondence.models import (
    AddressBookEntry,
    Letter,
    RecipientKind,
    ReferenceCounter,
    RegisterSettings,
    Selection,
)
from tripartite.correspondence.services import batches, templates


def test_a_pattern_must_name_the_number_and_nothing_unknown():
    assert references.check_pattern("RELOFF/{year}/{number:04d}") == "RELOFF/{year}/{number:04d}"
    with pytest.raises(ServiceError, match=r"must contain \{number\}"):
        references.check_pattern("RELOFF/{year}")
    with pytest.raises(ServiceError, match="only use {year} and {number}, not unit"):
        references.check_pattern("{unit}/{number}")
    with pytest.raises(ServiceError, match="cannot be read"):
        references.check_pattern("RELOFF/{number")


@pytest.mark.django_db(transaction=True)
def test_allocation_runs_only_inside_a_transaction():
    with pytest.raises(RuntimeError):
        references.allocate(1, year=2026)


@pytest.mark.django_db
def test_numbers_follow_each_other_per_year_and_a_rollback_gives_them_back():
    with transaction.atomic():
        first = references.allocate(2, year=2026)
    assert [r.text for r in first] == ["RELOFF/2026/0001", "RELOFF/2026/0002"]
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        references.allocate(5, year=2026)
        1 / 0  # noqa: B018 — the letters' transaction fails after allocating
    with transaction.atomic():
        assert references.allocate(1, year=2026)[0].text == "RELOFF/2026/0003"
        assert references.allocate(1, year=2027)[0].text == "RELOFF/2027/0001"


@pytest.mark.django_db
def test_the_pattern_is_configurable_and_starts_its_own_series():
    secretariat = user_with_role(Role.SECRETARIAT)
    templates.register_settings_update(actor=secretariat, reference_pattern="NV/{number}/{year}")
    assert RegisterSettings.objects.get().reference_pattern == "NV/{number}/{year}"
    with transaction.atomic():
        assert references.allocate(1, year=2026)[0].text == "NV/1/2026"
    with pytest.raises(ServiceError):
        templates.register_settings_update(actor=secretariat, reference_pattern="NV/{year}")


def _batch_to(entries, template, session, actor):
    return batches.batch_create(actor=actor, template=template,
                                 selection=Selection.HAND_PICKED,
                                 hand_picked=[entry.pk for entry in entries], session=session,
                                 letter_date=dt.date(2026, 3, 2))


def _damaged_copy(template, actor):
    copy = templates.template_create(actor=actor, data={
        "code": "damaged", "kind": template.kind, "name_en": "Damaged", "name_fr": "Abîmé",
        "name_es": "Dañado", "subject_en": "S", "subject_fr": "S", "subject_es": "S"})
    for language in ("en", "fr", "es"):
        version = template.versions.get(language=language)
        templates.template_version_upload(actor=actor, template=copy, language=language,
                                         uploaded_file=io.BytesIO(version.file.read()))
        damaged = copy.versions.get(language=language)
        with open(damaged.file.path, "wb") as handle:
            handle.write(b"PK\x03\x04 damaged")
    return copy


def _more_missions(count):
    states = MemberState.objects.exclude(iso2__in=["KE", "FR", "MX"]).order_by("iso2")[:count]
    return [AddressBookEntry.objects.create(kind=RecipientKind.PERMANENT_MISSION,
                                            member_state=state, name=f"Mission {state.iso2}",
                                            language="en", email="m@example.org")
            for state in states]


@pytest.mark.django_db(transaction=True)
def test_batches_generated_at_the_same_time_share_one_gap_free_series(settings, tmp_path):
    """Real concurrent transactions on PostgreSQL (one connection per thread); on SQLite,
    which has one writer at a time, the same batches run one after the other."""
    settings.MEDIA_ROOT = tmp_path / "media"
    actor = user_with_role(Role.SECRETARIAT)
    template = install_starter_templates(actor=None)[0]
    session = make_session()
    recipients = [*make_entries().values(), *_more_missions(21)]
    concurrent = [_batch_to(recipients[i::4], template, session, actor) for i in range(4)]
    # One more batch fails after taking its numbers: its template's Word file was damaged on
    # disk after the upload, so rendering fails inside the transaction.
    broken = _batch_to(recipients[:3], _damaged_copy(template, actor), session, actor)
    errors = []

    def generate(batch):
        try:
            batches.batch_generate(actor=actor, batch=batch, pdf_files=False)
        except Exception as error:  # noqa: BLE001 — collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    if connection.vendor == "postgresql":
        barrier = threading.Barrier(len(concurrent) + 1)

        def run(batch):
            barrier.wait()
            generate(batch)

        threads = [threading.Thread(target=run, args=(batch,))
                   for batch in [*concurrent, broken]]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    else:
        for batch in [concurrent[0], broken, *concurrent[1:]]:
            generate(batch)

    assert [error.code for error in errors] == ["generation_failed"]
    assert not broken.letters.exists()
    numbers = sorted(Letter.objects.values_list("number", flat=True))
    assert numbers == list(range(1, len(recipients) + 1))
    assert Letter.objects.values("reference").distinct().count() == len(recipients)
    assert ReferenceCounter.objects.get().last_number == len(recipients)
    for batch in concurrent:  # each batch's numbers are consecutive: one lock per batch
        own = sorted(batch.letters.values_list("number", flat=True))
        assert own == list(range(own[0], own[0] + len(own)))


@pytest.mark.django_db
def test_the_admin_changes_the_pattern_through_the_service(client):
    secretariat = user_with_role(Role.SECRETARIAT, is_staff=True)
    client.force_login(secretariat)
    url = "/admin/correspondence/registersettings/add/"
    refused = client.post(url, {"reference_pattern": "NV/{year}"})
    assert "must contain {number}" in refused.content.decode()
    client.post(url, {"reference_pattern": "NV/{year}/{number:03d}"})
    assert references.reference_pattern() == "NV/{year}/{number:03d}"
