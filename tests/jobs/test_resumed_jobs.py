"""A job whose worker is killed half-way is resumed by another run, and nothing is done twice:
a batch of badges killed while its PDF was being stored prints each badge once, under numbers
nobody else got (the mail-merge's letters and references: tests/correspondence/
test_interrupted_mail_merge.py)."""

import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from tests.correspondence.failing_storage import WorkerKilled
from tests.factories import SessionFactory, user_with_role
from tests.jobs.helpers import file_of
from tests.registration.factories import registration
from tripartite.accounts.models import Role
from tripartite.jobs import services
from tripartite.jobs.models import JobStatus
from tripartite.registration.models import Badge
from tripartite.registration.services import desk
from tripartite.registration.tasks import print_badges

pytestmark = pytest.mark.django_db


@pytest.fixture
def dying_storage(settings, tmp_path):
    """The default storage: the next file written kills the worker."""
    settings.MEDIA_ROOT = tmp_path / "media"
    healthy = django_settings.STORAGES

    def die():
        from tests.correspondence.failing_storage import DyingAfter

        DyingAfter.accept, DyingAfter.failure, DyingAfter.taken = 0, WorkerKilled, 0
        settings.STORAGES = {**healthy, "default": {
            "BACKEND": "tests.correspondence.failing_storage.DyingAfter"}}

    def heal():
        settings.STORAGES = healthy
    die.heal = heal
    return die


def test_a_badge_batch_killed_half_way_prints_each_badge_once(client, dying_storage, run_jobs):
    session = SessionFactory()
    people = [registration(session, "FR") for _ in range(3)]
    officer = user_with_role(Role.REGISTRATION_DESK)
    job = desk.badges_print_queue(actor=officer, session=session, member_state="FR")
    assert job.total == 3

    dying_storage()
    assert run_jobs() == 1  # the worker dies storing the PDF, inside the transaction
    dying_storage.heal()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.RUNNING, 1)
    assert not Badge.objects.exists()  # rolled back with the dead transaction
    dead_attempt = job.attempt

    later = timezone.now() + services.stale_after() + dt.timedelta(seconds=1)
    assert services.jobs_resume_stale(now=later) == [job]
    assert run_jobs() == 1
    job.refresh_from_db()
    assert (job.status, job.attempts, job.done, job.total) == (JobStatus.DONE, 2, 3, 3)
    assert sorted(Badge.objects.values_list("registration_id", "number")) == sorted(
        (person.pk, number) for number, person in enumerate(people, start=1))
    # The dead run, delivered late, changes nothing: no badge reprinted, no number taken.
    assert print_badges.call(job.pk, dead_attempt) == "superseded"
    assert Badge.objects.count() == 3
    client.force_login(officer)
    assert file_of(client, job).startswith(b"%PDF")
