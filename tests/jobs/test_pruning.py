"""Old jobs go, with their files: those finished over JOBS_KEEP_DAYS days ago, by the worker
every JOBS_PRUNE_EVERY seconds or at once by `tripartite prunejobs`; a job still waiting or
running, or finished recently, stays."""

import datetime as dt
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.factories import SessionFactory, state, user_with_role
from tripartite.accounts.models import Role
from tripartite.common.models import ActionLogEntry
from tripartite.delegations.models import PublishedList
from tripartite.delegations.services.lists import list_file_queue
from tripartite.jobs import services
from tripartite.jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_job(settings, tmp_path, run_jobs):
    owner = user_with_role(Role.FOCAL_POINT, member_state=state("FR"))
    published = PublishedList.objects.create(session=SessionFactory(), kind="provisional",
                                             rows=[])

    def make(*, finished_days_ago: float | None, run: bool = True) -> Job:
        job = list_file_queue(actor=owner, session=published.session, published=published,
                              order="en")
        if run:
            assert run_jobs() == 1
        if finished_days_ago is not None:
            at = timezone.now() - dt.timedelta(days=finished_days_ago)
            Job.objects.filter(pk=job.pk).update(finished_at=at)
            DBTaskResult.objects.filter(args_kwargs__args__0=job.pk).update(finished_at=at)
        job.refresh_from_db()
        return job

    return make


def test_jobs_finished_long_ago_go_with_every_file_of_theirs(make_job, settings):
    settings.JOBS_KEEP_DAYS = 30
    old = make_job(finished_days_ago=31)
    # A file a superseded attempt left in its own folder goes too.
    stray = default_storage.save(f"jobs/{old.pk}/an-earlier-attempt/list.pdf",
                                 ContentFile(b"%PDF-1.4"))
    failed = make_job(finished_days_ago=40)
    Job.objects.filter(pk=failed.pk).update(status=JobStatus.FAILED)
    recent = make_job(finished_days_ago=29)
    waiting = make_job(finished_days_ago=None, run=False)
    running = make_job(finished_days_ago=None, run=False)
    Job.objects.filter(pk=running.pk).update(status=JobStatus.RUNNING,
                                             heartbeat_at=timezone.now())
    assert default_storage.exists(old.result.name) and default_storage.exists(stray)

    assert services.jobs_prune(dry_run=True) == services.Pruned(jobs=2, files=3, tasks=2)
    assert Job.objects.count() == 5 and default_storage.exists(stray)

    pruned = services.jobs_prune()
    assert pruned == services.Pruned(jobs=2, files=3, tasks=2)
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk, running.pk}
    assert not default_storage.exists(old.result.name) and not default_storage.exists(stray)
    assert default_storage.exists(recent.result.name)
    logged = ActionLogEntry.objects.filter(action="jobs.job.pruned")
    assert sorted(int(entry.object_id) for entry in logged) == sorted([old.pk, failed.pk])
    assert services.jobs_prune() == services.Pruned(jobs=0, files=0, tasks=0)


def test_the_command_prunes_at_once_and_the_worker_every_so_often(make_job, settings,
                                                                  monkeypatch):
    old = make_job(finished_days_ago=10)
    out = io.StringIO()
    call_command("prunejobs", "--days", "10", "--dry-run", stdout=out)
    assert out.getvalue().strip() == ("Would remove 1 job(s), 1 file(s) and 1 finished "
                                      "task(s) of the queue.")
    call_command("prunejobs", stdout=out)  # JOBS_KEEP_DAYS (30): kept
    assert Job.objects.filter(pk=old.pk).exists()
    call_command("prunejobs", "--days", "10", stdout=out)
    assert not Job.objects.filter(pk=old.pk).exists()

    from tripartite.jobs import worker as worker_module

    calls = []
    monkeypatch.setattr(worker_module.services, "jobs_prune",
                        lambda: calls.append(1) or services.Pruned(0, 0, 0))
    clock = iter([5000.0, 5100.0, 5700.0])
    monkeypatch.setattr(worker_module.time, "monotonic", lambda: next(clock))
    settings.JOBS_PRUNE_EVERY = 600
    worker = worker_module.JobWorker()
    worker.prune_old_jobs()  # at start
    worker.prune_old_jobs()  # 100 s later: not yet
    worker.prune_old_jobs()  # 700 s later: again
    assert len(calls) == 2
