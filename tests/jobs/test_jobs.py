"""Background jobs: the progress page, "My downloads", who may see a job's file, a failed job
that says why (in its owner's language) and is retried, and the worker itself."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.api import client_for
from tests.factories import SessionFactory, state, user_with_role
from tests.jobs.helpers import file_of, job_of
from tripartite.accounts.models import Role
from tripartite.common.models import ActionLogEntry
from tripartite.delegations.models import PublishedList
from tripartite.delegations.services.lists import list_file_queue
from tripartite.jobs import runner, services
from tripartite.jobs.models import WAITING_LONG, Job, JobStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    return PublishedList.objects.create(session=SessionFactory(), kind="provisional", rows=[])


@pytest.fixture
def focal_point():
    return user_with_role(Role.FOCAL_POINT, member_state=state("FR"))


def pdf_url(published):
    return reverse("delegations:list_published_pdf", kwargs={"pk": published.pk})


def test_the_owner_follows_the_job_then_finds_the_file_under_my_downloads(
        client, focal_point, published, run_jobs):
    client.force_login(focal_point)
    job = job_of(client.post(pdf_url(published), {"order": "fr"}))
    assert (job.owner, job.kind, job.status, job.params) == (
        focal_point, "delegations.list_file", JobStatus.QUEUED,
        {"session": published.session_id, "published": published.pk, "order": "fr",
         "format": "pdf"})

    page = client.get(reverse("jobs:job_detail", kwargs={"pk": job.pk})).content.decode()
    assert "Waiting for the worker…" in page
    back = reverse("delegations:list_published", kwargs={"pk": published.pk})
    assert f'<a href="{back}">Back to the page it was started from</a>' in page
    assert f'hx-get="/downloads/{job.pk}/" hx-trigger="every 2s"' in page
    assert 'aria-live="polite"' in page and "<progress" in page
    polled = client.get(reverse("jobs:job_detail", kwargs={"pk": job.pk}), HTTP_HX_REQUEST="true")
    assert polled.status_code == 200 and "<html" not in polled.content.decode()

    assert run_jobs() == 1
    polled = client.get(reverse("jobs:job_detail", kwargs={"pk": job.pk}), HTTP_HX_REQUEST="true")
    # 286: htmx shows this last part and stops asking.
    assert polled.status_code == 286
    job.refresh_from_db()
    assert f"Download {job.result_name}" in polled.content.decode()
    assert job.result_name.endswith("-provisional-list-of-delegations.pdf")
    content = file_of(client, job)
    assert content.startswith(b"%PDF")
    downloads = client.get(reverse("jobs:job_list")).content.decode()
    assert reverse("jobs:job_file", kwargs={"pk": job.pk}) in downloads
    assert ActionLogEntry.objects.filter(action="jobs.job.done", object_id=str(job.pk),
                                         actor=focal_point).count() == 1


def test_a_job_no_worker_took_says_the_worker_may_not_be_running(client, focal_point,
                                                                  published):
    job = list_file_queue(actor=focal_point, session=published.session, published=published,
                          order="en")
    client.force_login(focal_point)
    url = reverse("jobs:job_detail", kwargs={"pk": job.pk})
    assert "may not be running" not in client.get(url).content.decode()
    almost = timezone.now() - WAITING_LONG / 2
    Job.objects.filter(pk=job.pk).update(updated_at=almost)
    assert "may not be running" not in client.get(url).content.decode()
    Job.objects.filter(pk=job.pk).update(updated_at=timezone.now() - WAITING_LONG)
    assert "the background worker may not be running" in client.get(url).content.decode()


def test_my_downloads_is_linked_from_the_user_menu(client, focal_point):
    client.force_login(focal_point)
    home = client.get(reverse("home")).content.decode()
    assert f'<a href="{reverse("jobs:job_list")}">My downloads</a>' in home
    downloads = client.get(reverse("jobs:job_list")).content.decode()
    assert (f'<a href="{reverse("jobs:job_list")}" aria-current="page">My downloads</a>'
            in downloads)


def test_a_focal_point_cannot_download_another_users_job_result(
        focal_point, published, run_jobs):
    job = list_file_queue(actor=focal_point, session=published.session, published=published,
                         order="en")
    run_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE

    urls = [reverse(name, kwargs={"pk": job.pk})
            for name in ("jobs:job_detail", "jobs:job_file")]
    german = user_with_role(Role.FOCAL_POINT, member_state=state("DE"))
    for other in (german, user_with_role(Role.SECRETARIAT)):
        browser = Client()
        browser.force_login(other)
        assert [browser.get(url).status_code for url in urls] == [403, 403]
        api = client_for(other)
        assert api.get(f"/api/jobs/{job.pk}").status_code == 403
        assert api.get(f"/api/jobs/{job.pk}/file").status_code == 403
        assert api.get("/api/jobs").json() == {"items": [], "count": 0}
    # The secretariat's support staff (Django staff) may look, to help; not retry.
    support = Client()
    support.force_login(user_with_role(Role.SECRETARIAT, is_staff=True))
    assert [support.get(url).status_code for url in urls] == [200, 200]
    assert support.post(reverse("jobs:job_retry", kwargs={"pk": job.pk})).status_code == 403

    own = client_for(focal_point)
    listed = own.get("/api/jobs").json()
    assert [item["id"] for item in listed["items"]] == [job.pk]
    detail = own.get(f"/api/jobs/{job.pk}").json()
    assert (detail["status"], detail["file_url"], detail["page_url"]) == (
        "done", f"/api/jobs/{job.pk}/file", f"/downloads/{job.pk}/")
    download = own.get(detail["file_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_failed_job_says_why_in_its_owners_language_and_is_tried_again(
        client, run_jobs):
    session = SessionFactory()
    observer = user_with_role(Role.OBSERVER, language="fr")
    client.force_login(observer)
    job = job_of(client.post(reverse("delegations:list_current_pdf",
                                     kwargs={"session_pk": session.pk}), {"order": "en"}))
    assert job.language == "fr"
    # The observer's role changes before the worker gets to it: the worker checks again.
    observer.role = Role.FOCAL_POINT
    observer.member_state = state("FR")
    observer.save()
    assert run_jobs() == 1
    job.refresh_from_db()
    assert (job.status, job.problem, job.result.name) == (
        JobStatus.FAILED, "Vous n'êtes pas autorisé(e) à effectuer cette action.", "")
    page = client.get(reverse("jobs:job_detail", kwargs={"pk": job.pk})).content.decode()
    assert "autorisé(e) à effectuer cette action." in page
    assert reverse("jobs:job_retry", kwargs={"pk": job.pk}) in page

    observer.role, observer.member_state = Role.OBSERVER, None
    observer.save()
    retried = client.post(reverse("jobs:job_retry", kwargs={"pk": job.pk}))
    assert retried["Location"] == reverse("jobs:job_detail", kwargs={"pk": job.pk})
    job.refresh_from_db()
    assert (job.status, job.problem) == (JobStatus.QUEUED, "")
    assert run_jobs() == 1
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.DONE, 2)
    assert file_of(client, job).startswith(b"%PDF")
    # Only a failed job is retried.
    again = client.post(reverse("jobs:job_retry", kwargs={"pk": job.pk}), follow=True)
    assert "Seule une tâche qui a échoué peut être relancée." in again.content.decode()


def test_a_job_whose_input_was_deleted_meanwhile_says_so(focal_point, published, run_jobs):
    job = list_file_queue(actor=focal_point, session=published.session, published=published,
                         order="en")
    published.delete()
    assert run_jobs() == 1
    job.refresh_from_db()
    assert (job.status, job.problem) == (
        JobStatus.FAILED, "Something this work needed was deleted meanwhile: nothing was "
                          "made. Start it again from its page if it still exists.")


def test_a_running_job_with_a_sign_of_life_is_not_resumed(focal_point, published):
    job = list_file_queue(actor=focal_point, session=published.session, published=published,
                         order="en")
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, heartbeat_at=now)
    assert services.jobs_resume_stale(now=now + services.stale_after()) == []
    assert services.jobs_resume_stale(
        now=now + services.stale_after() + dt.timedelta(seconds=1)) == [job]
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED


def test_the_jobs_timings_come_from_the_settings(client, focal_point, published, settings,
                                                 monkeypatch):
    settings.JOBS_STALE_AFTER = 7
    job = list_file_queue(actor=focal_point, session=published.session, published=published,
                         order="en")
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, heartbeat_at=now)
    assert services.stale_after() == dt.timedelta(seconds=7)
    assert services.jobs_resume_stale(now=now + dt.timedelta(seconds=7)) == []
    assert services.jobs_resume_stale(now=now + dt.timedelta(seconds=8)) == [job]

    # The worker looks for dead runs every JOBS_RESUME_EVERY seconds, not at every turn.
    from tripartite.jobs import worker as worker_module

    looked = []
    monkeypatch.setattr(worker_module.services, "jobs_resume_stale", lambda: looked.append(1)
                        or [])
    clock = iter([1000.0, 1004.0, 1006.0])
    monkeypatch.setattr(worker_module.time, "monotonic", lambda: next(clock))
    settings.JOBS_RESUME_EVERY = 5
    worker = worker_module.JobWorker()
    worker._resumed_at = 995.0
    worker.resume_stale_jobs()  # 5 s since the last look: looks
    worker.resume_stale_jobs()  # 4 s: not yet
    worker.resume_stale_jobs()  # 6 s: looks
    assert len(looked) == 2

    settings.JOBS_PAGE_POLL = 5
    client.force_login(focal_point)
    page = client.get(reverse("jobs:job_detail", kwargs={"pk": job.pk})).content.decode()
    assert 'hx-trigger="every 5s"' in page


def test_a_run_whose_attempt_was_replaced_does_nothing(focal_point, published):
    job = list_file_queue(actor=focal_point, session=published.session, published=published,
                         order="en")
    done = []
    assert runner.run_job(job.pk, "not-its-attempt", done.append) == "superseded"
    assert done == []
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED


def test_my_downloads_costs_the_same_queries_for_one_job_or_ten(client, focal_point, published):
    client.force_login(focal_point)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("jobs:job_list")).status_code == 200
        return len(captured)

    list_file_queue(actor=focal_point, session=published.session, published=published,
                   order="en")
    one = queries()
    for _ in range(9):
        list_file_queue(actor=focal_point, session=published.session, published=published,
                       order="en")
    assert queries() == one


def test_the_worker_refuses_to_start_without_the_database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with pytest.raises(CommandError, match="The worker needs the database queue"):
        call_command("worker", "--max-tasks", "1")


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_runs_a_queued_job(focal_point, published, monkeypatch, settings,
                                              tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(runner, "heartbeat_seconds", None)
    settings.JOBS_HEARTBEAT = 4
    job = list_file_queue(actor=focal_point, session=published.session, published=published,
                         order="en")
    import signal

    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command("worker", "--max-tasks", "1", "--interval", "0")
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert runner.heartbeat_seconds == 4.0  # JOBS_HEARTBEAT


def test_a_live_job_beats_several_times_before_it_counts_as_dead():
    """A worker slowed down (a long transaction on SQLite delays a beat) must not see the
    job of a live worker resumed under it: the defaults leave room for several beats."""
    from tripartite.config import settings as defaults
    assert defaults.JOBS_STALE_AFTER >= 4 * defaults.JOBS_HEARTBEAT
