"""A mail-merge interrupted half-way (a worker killed, a disk gone full): the batch is never
stuck "being generated", a generation again gives each letter once with no reference handed
out twice and no gap, and no file of the interrupted attempt stays on disk."""

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from tests.correspondence.failing_storage import DyingAfter, WorkerKilled
from tripartite.common.models import ActionLogEntry
from tripartite.common.services import ServiceError
from tripartite.correspondence import tasks
from tripartite.correspondence.models import (
    BatchStatus,
    Letter,
    MailMergeBatch,
    ReferenceCounter,
    Selection,
)
from tripartite.correspondence.services import batches
from tripartite.jobs import services as job_services
from tripartite.jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db

REFERENCES = ["RELOFF/2026/0001", "RELOFF/2026/0002", "RELOFF/2026/0003"]
FINAL_FILES = ["correspondence/letters/2026/RELOFF-2026-0001.docx",
               "correspondence/letters/2026/RELOFF-2026-0002.docx",
               "correspondence/letters/2026/RELOFF-2026-0003.docx"]


@pytest.fixture
def batch(secretariat, starters, session, entries):
    return batches.batch_create(
        actor=secretariat, template=starters["invitation"], selection=Selection.HAND_PICKED,
        hand_picked=[entry.pk for entry in entries.values()], session=session,
        letter_date=dt.date(2026, 3, 2), reply_deadline=dt.date(2026, 4, 15),
        signatory="A. Officer")


@pytest.fixture
def dying_storage(settings):
    """The default storage dies at the second file written (the first letter is written)."""
    def die_with(failure):
        DyingAfter.accept, DyingAfter.failure, DyingAfter.taken = 1, failure, 0
        settings.STORAGES = {**django_settings.STORAGES, "default": {
            "BACKEND": "tests.correspondence.failing_storage.DyingAfter"}}
    healthy = django_settings.STORAGES

    def heal():
        settings.STORAGES = healthy
    die_with.heal = heal
    return die_with


def files_on_disk() -> list[str]:
    """Every file under MEDIA_ROOT but the templates' and the jobs' (the zip offered)."""
    root = Path(django_settings.MEDIA_ROOT)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*")
                  if path.is_file() and not str(path.relative_to(root)).startswith(
                      ("correspondence/templates/", "jobs/")))


def folders_on_disk() -> list[str]:
    root = Path(django_settings.MEDIA_ROOT) / "correspondence"
    return sorted(path.name for path in root.iterdir())


def killed_half_way(secretariat, batch, dying_storage, run_jobs) -> Job:
    """The batch's generation job, its worker killed after the first letter's file."""
    job = batches.batch_generation_start(actor=secretariat, batch=batch, pdf_files=False)
    dying_storage(WorkerKilled)
    assert run_jobs() == 1
    dying_storage.heal()
    job.refresh_from_db()
    return job


def assert_generated_once(batch):
    batch.refresh_from_db()
    assert batch.status == BatchStatus.GENERATED
    letters = list(Letter.objects.order_by("number"))
    assert [letter.reference for letter in letters] == REFERENCES
    assert sorted(letter.recipient_id for letter in letters) == sorted(
        batch.recipients.values_list("pk", flat=True))
    assert [letter.word_file.name for letter in letters] == FINAL_FILES
    assert ReferenceCounter.objects.get().last_number == 3
    assert files_on_disk() == FINAL_FILES
    assert folders_on_disk() == ["letters", "templates"]


def after_the_worker_is_taken_for_dead() -> dt.datetime:
    return timezone.now() + job_services.stale_after() + dt.timedelta(seconds=1)


def test_a_job_killed_half_way_is_resumed_and_makes_each_letter_once(
        secretariat, batch, dying_storage, run_jobs):
    job = killed_half_way(secretariat, batch, dying_storage, run_jobs)
    batch.refresh_from_db()
    dead_attempt, dead_generation = job.attempt, batch.generation_attempt
    # The database rolled the killed transaction back: no letter, no reference used. The
    # first letter's file, written before the kill, waits in the attempt's own folder; the
    # job is still "running" (nobody told it otherwise).
    assert (job.status, job.attempts) == (JobStatus.RUNNING, 1)
    assert batch.status == BatchStatus.GENERATING
    assert Letter.objects.count() == 0
    assert not ReferenceCounter.objects.filter(last_number__gt=0).exists()
    assert files_on_disk() == [f"correspondence/generating/{dead_generation}/{FINAL_FILES[0]}"]
    # While it may still be alive, it is left alone; past STALE_AFTER without a sign of
    # life, a worker queues it again under a new attempt, and runs it.
    assert job_services.jobs_resume_stale() == []
    assert job_services.jobs_resume_stale(now=after_the_worker_is_taken_for_dead()) == [job]
    assert run_jobs() == 1
    job.refresh_from_db()
    assert (job.status, job.attempts, job.done, job.total, job.problem) == (
        JobStatus.DONE, 2, 3, 3, "")
    assert job.attempt != dead_attempt
    assert job.result_name == f"letters-invitation-{batch.pk}-{timezone.localdate():%Y%m%d}.zip"
    assert_generated_once(batch)
    assert ActionLogEntry.objects.filter(action="correspondence.batch.generation_resumed",
                                         object_id=str(batch.pk)).count() == 1
    assert ActionLogEntry.objects.filter(action="jobs.job.resumed",
                                         object_id=str(job.pk)).count() == 1
    # The dead run's task, delivered again late: refused, changes nothing.
    assert tasks.generate_batch.call(job.pk, dead_attempt) == "superseded"
    assert_generated_once(batch)


def test_a_generation_killed_half_way_can_be_abandoned_at_once(secretariat, batch,
                                                                dying_storage, run_jobs):
    job = killed_half_way(secretariat, batch, dying_storage, run_jobs)
    batch = batches.batch_generation_abandon(actor=secretariat, batch=batch)
    assert batch.status == BatchStatus.DRAFT
    assert batch.problem == ("The generation was abandoned; nothing was kept. Generate the "
                             "batch again.")
    assert files_on_disk() == []
    assert ActionLogEntry.objects.filter(action="correspondence.batch.generation_abandoned",
                                         object_id=str(batch.pk)).count() == 1
    # The job, resumed, does not generate what was abandoned: it fails and says why.
    job_services.jobs_resume_stale(now=after_the_worker_is_taken_for_dead())
    assert run_jobs() == 1
    job.refresh_from_db()
    assert (job.status, job.problem) == (JobStatus.FAILED, "This generation was abandoned or "
                                         "started again: nothing was made by it.")
    assert Letter.objects.count() == 0
    batches.batch_generate(actor=secretariat, batch=batch, pdf_files=False)
    assert_generated_once(batch)


def test_the_late_run_of_a_replaced_attempt_makes_nothing(secretariat, batch, dying_storage,
                                                          run_jobs):
    job = killed_half_way(secretariat, batch, dying_storage, run_jobs)
    dead_attempt = job.attempt
    job_services.jobs_resume_stale(now=after_the_worker_is_taken_for_dead())
    # The dead attempt's task, run late by a worker coming back: refused, changes nothing.
    assert tasks.generate_batch.call(job.pk, dead_attempt) == "superseded"
    assert MailMergeBatch.objects.get(pk=batch.pk).status == BatchStatus.GENERATING
    assert Letter.objects.count() == 0
    assert run_jobs() == 1
    assert_generated_once(batch)


def test_a_generation_failing_half_way_keeps_nothing_and_can_be_generated_again(
        secretariat, batch, dying_storage):
    dying_storage(OSError)
    with pytest.raises(ServiceError) as failed:
        batches.batch_generate(actor=secretariat, batch=batch, pdf_files=False)
    dying_storage.heal()
    assert failed.value.code == "generation_failed"
    batch.refresh_from_db()
    assert (batch.status, batch.generation_attempt) == (BatchStatus.DRAFT, "")
    assert batch.problem == "Nothing was generated: No space left on device"
    assert Letter.objects.count() == 0
    assert not ReferenceCounter.objects.filter(last_number__gt=0).exists()
    assert files_on_disk() == []
    batches.batch_generate(actor=secretariat, batch=batch, pdf_files=False)
    assert_generated_once(batch)


def test_abandoning_is_refused_for_a_batch_not_being_generated(secretariat, batch):
    with pytest.raises(ServiceError) as refused:
        batches.batch_generation_abandon(actor=secretariat, batch=batch)
    assert (refused.value.code, refused.value.status) == ("not_generating", 409)


def test_a_file_left_under_a_letters_name_by_an_older_crash_is_replaced(secretariat, batch):
    """No letter points at it: the letter given that number takes its own name back."""
    stray = Path(django_settings.MEDIA_ROOT) / FINAL_FILES[0]
    stray.parent.mkdir(parents=True)
    stray.write_bytes(b"left by a killed run")
    batches.batch_generate(actor=secretariat, batch=batch, pdf_files=False)
    assert_generated_once(batch)
    assert stray.read_bytes().startswith(b"PK")


@pytest.mark.needs("libreoffice")
def test_the_pdf_files_a_dead_run_committed_are_not_made_again(secretariat, batch, run_jobs):
    """Letters, then one PDF committed before the worker died: the job, resumed, converts
    only the two letters still without one, and counts its progress over all six parts."""
    from django.core.files.base import ContentFile

    batches.batch_generate(actor=secretariat, batch=batch, pdf_files=False)
    first = Letter.objects.order_by("number").first()
    first.pdf_file.save("RELOFF-2026-0001.pdf", ContentFile(b"%PDF-1.4 made earlier"))
    job = batches.batch_generation_start(actor=secretariat, batch=batch, pdf_files=True)
    assert job.title == f"PDF files of mail-merge batch #{batch.pk} (Invitation to a session)"
    assert run_jobs() == 1
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.problem) == (JobStatus.DONE, 6, 6, "")
    first.refresh_from_db()
    assert first.pdf_file.read() == b"%PDF-1.4 made earlier"
    assert [letter.pdf_file.read()[:4] for letter in Letter.objects.order_by("number")] == [
        b"%PDF"] * 3
    assert ReferenceCounter.objects.get().last_number == 3
