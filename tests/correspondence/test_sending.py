"""Sending a batch by e-mail with the PDF attached: nothing starts unless every letter can
go; an interrupted batch is resumed without sending anyone a letter twice."""

import datetime as dt

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.correspondence import failing_mail
from tests.factories import user_with_role
from tests.jobs.helpers import job_of
from tripartite.accounts.models import Role
from tripartite.common.models import ActionLogEntry
from tripartite.common.services import PermissionDeniedError, ServiceError
from tripartite.correspondence.models import BatchStatus, Letter, LetterStatus, Selection
from tripartite.correspondence.services import batches, sending
from tripartite.jobs import services as job_services
from tripartite.jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated(secretariat, starters, session, entries):
    batch = batches.batch_create(actor=secretariat, template=starters["circular"],
                                  selection=Selection.HAND_PICKED,
                                  hand_picked=[entry.pk for entry in entries.values()],
                                  session=session, letter_date=dt.date(2026, 3, 2))
    batch = batches.batch_generate(actor=secretariat, batch=batch, pdf_files=False)
    for letter in batch.letters.all():  # stand-in PDFs: LibreOffice is tested elsewhere
        letter.pdf_file.save(f"{letter.number}.pdf",
                             ContentFile(b"%PDF-1.4 " + letter.reference.encode()))
    return batch


def test_every_letter_goes_to_its_recipient_with_its_pdf(secretariat, generated):
    batch = sending.batch_send(actor=secretariat, batch=generated)
    assert batch.status == BatchStatus.SENT
    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["mission.mx@example.org"],
         "RELOFF/2026/0001 — Circular: 114.ª reunión de la Conferencia Internacional del "
         "Trabajo"),
        (["mission.fr@example.org"],
         "RELOFF/2026/0002 — Circulaire : 114e session de la Conférence internationale du "
         "Travail"),
        (["mission.ke@example.org"],
         "RELOFF/2026/0003 — Circular: 114th Session of the International Labour Conference"),
    ]
    name, content, mimetype = mail.outbox[1].attachments[0]
    assert (name, content, mimetype) == ("RELOFF-2026-0002.pdf", b"%PDF-1.4 RELOFF/2026/0002",
                                         "application/pdf")
    assert mail.outbox[1].body.startswith("Veuillez trouver ci-joint la lettre RELOFF/2026/0002")
    letters = list(batch.letters.order_by("number"))
    assert all(letter.status == LetterStatus.SENT and letter.sent_at for letter in letters)
    assert [letter.sent_to for letter in letters] == [
        "mission.mx@example.org", "mission.fr@example.org", "mission.ke@example.org"]
    with pytest.raises(ServiceError, match="Only a generated batch can be sent"):
        sending.batch_send(actor=secretariat, batch=batch)
    assert len(mail.outbox) == 3


def test_an_interrupted_batch_resumes_and_sends_each_letter_once(secretariat, generated,
                                                                 settings):
    settings.EMAIL_BACKEND = "tests.correspondence.failing_mail.FailingAfter"
    failing_mail.FailingAfter.accept = 1
    with pytest.raises(ServiceError) as stopped:
        sending.batch_send(actor=secretariat, batch=generated)
    assert stopped.value.code == "send_interrupted"
    assert stopped.value.message.startswith(
        "Sending stopped after 1 of 3 letters: Connection unexpectedly closed. Send the batch "
        "again to send the rest; nobody receives a letter twice.")
    generated.refresh_from_db()
    assert generated.status == BatchStatus.INTERRUPTED
    assert [m.to for m in mail.outbox] == [["mission.mx@example.org"]]
    assert list(generated.letters.filter(sent_at__isnull=False)
                .values_list("reference", flat=True)) == ["RELOFF/2026/0001"]

    failing_mail.FailingAfter.accept = 2  # the server takes one more, then fails again
    with pytest.raises(ServiceError):
        sending.batch_send(actor=secretariat, batch=generated)
    failing_mail.FailingAfter.accept = 100  # back up
    batch = sending.batch_send(actor=secretariat, batch=generated)
    assert batch.status == BatchStatus.SENT
    assert [m.to[0] for m in mail.outbox] == [
        "mission.mx@example.org", "mission.fr@example.org", "mission.ke@example.org"]
    assert ActionLogEntry.objects.filter(
        action="correspondence.batch.send_interrupted").count() == 2


def test_nothing_is_sent_when_a_recipient_has_no_address(secretariat, generated, entries):
    entries["KE"].email = ""
    entries["KE"].save()
    with pytest.raises(ServiceError, match=f"Nothing was sent. {entries['KE'].name} has no "
                                           "e-mail address."):
        sending.batch_send(actor=secretariat, batch=generated)
    assert mail.outbox == []
    generated.refresh_from_db()
    assert generated.status == BatchStatus.GENERATED


def test_the_page_sends_through_a_job_and_shows_the_interruption(
        secretariat, generated, settings, client, run_jobs):
    settings.EMAIL_BACKEND = "tests.correspondence.failing_mail.FailingAfter"
    failing_mail.FailingAfter.accept = 2
    client.force_login(secretariat)
    url = reverse("correspondence:batch_detail", kwargs={"pk": generated.pk})
    job = job_of(client.post(url, {"action": "send"}))
    assert (job.kind, job.total, job.back_url) == ("correspondence.batch_send", 3, url)
    assert mail.outbox == []  # nothing went in the request
    generated.refresh_from_db()
    assert generated.status == BatchStatus.SENDING
    # Asked again meanwhile: refused, nothing queued twice.
    page = client.post(url, {"action": "send"}, follow=True).content.decode()
    assert "This batch is being sent right now." in page

    assert run_jobs() == 1
    job.refresh_from_db()
    # (Its progress, 2 of 3, is written outside the test's transaction on PostgreSQL: not
    # seen here; the problem says how far it went.)
    assert (job.status, job.total) == (JobStatus.FAILED, 3)
    assert job.problem.startswith("Sending stopped after 2 of 3 letters")
    page = client.get(url).content.decode()
    assert "Sending stopped after 2 of 3 letters" in page
    assert "Resume sending" in page

    failing_mail.FailingAfter.accept = 100
    client.post(reverse("jobs:job_retry", kwargs={"pk": job.pk}))
    assert run_jobs() == 1
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.problem) == (JobStatus.DONE, 3, 3, "")
    generated.refresh_from_db()
    assert generated.status == BatchStatus.SENT
    assert sorted(m.to[0] for m in mail.outbox) == [
        "mission.fr@example.org", "mission.ke@example.org", "mission.mx@example.org"]


def test_a_sending_taken_up_after_its_worker_died_sends_no_letter_twice(
        secretariat, generated, run_jobs):
    """The dead run had sent the first letter and was handing the second to the mail server:
    the run that takes over sends the third, not the second (it may have gone), and says so;
    trying the job again then sends the second."""
    job = sending.batch_send_start(actor=secretariat, batch=generated)
    first, second, third = generated.letters.order_by("number")
    Letter.objects.filter(pk=first.pk).update(sent_at=timezone.now(), status=LetterStatus.SENT)
    long_ago = timezone.now() - job_services.stale_after() - dt.timedelta(seconds=5)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, heartbeat_at=long_ago,
                                         params={"batch": generated.pk, "sending": second.pk},
                                         attempts=1)
    DBTaskResult.objects.all().delete()  # the dead worker's task
    assert [resumed.pk for resumed in job_services.jobs_resume_stale()] == [job.pk]
    assert run_jobs() == 1
    assert [m.to[0] for m in mail.outbox] == [third.recipient.email]
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.problem.startswith(f"The worker stopped while handing {second.reference} to "
                                  "the mail server: it may have gone, so it was not sent again.")
    generated.refresh_from_db()
    assert generated.status == BatchStatus.INTERRUPTED

    job_services.job_retry(job=job, actor=secretariat)
    assert run_jobs() == 1
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (JobStatus.DONE, 3, 3)
    assert [m.to[0] for m in mail.outbox] == [third.recipient.email, second.recipient.email]
    generated.refresh_from_db()
    assert generated.status == BatchStatus.SENT


def test_a_sending_run_that_was_replaced_sends_nothing_more(secretariat, generated):
    from tripartite.correspondence import tasks

    job = sending.batch_send_start(actor=secretariat, batch=generated)
    Job.objects.filter(pk=job.pk).update(attempt="the-new-run")
    assert tasks.send_batch.call(job.pk, job.attempt) == "superseded"
    assert mail.outbox == []


def test_the_api_queues_the_sending(secretariat, generated, run_jobs):
    from tests.api import client_for

    api = client_for(secretariat)
    answer = api.post(f"/api/correspondence/batches/{generated.pk}/send", {},
                      content_type="application/json")
    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == "sending"
    job_url = f"/api/jobs/{answer.json()['job']}"
    assert api.get(job_url).json()["total"] == 3
    assert run_jobs() == 1
    assert (api.get(job_url).json()["status"], len(mail.outbox)) == ("done", 3)


def test_only_the_secretariat_sends(generated, client):
    with pytest.raises(PermissionDeniedError):
        sending.batch_send(actor=user_with_role(Role.SENIOR_OFFICIAL), batch=generated)
    client.force_login(user_with_role(Role.OBSERVER))
    url = reverse("correspondence:batch_detail", kwargs={"pk": generated.pk})
    assert client.post(url, {"action": "send"}).status_code == 403
    assert mail.outbox == []


def test_a_batch_being_sent_is_not_sent_twice_at_once(secretariat, generated):
    from tripartite.correspondence.models import MailMergeBatch

    MailMergeBatch.objects.filter(pk=generated.pk).update(status=BatchStatus.SENDING)
    with pytest.raises(ServiceError, match="This batch is being sent right now."):
        sending.batch_send(actor=secretariat, batch=generated)
    assert mail.outbox == []
    # Left "being sent" by a crash long ago: it can be resumed.
    MailMergeBatch.objects.filter(pk=generated.pk).update(
        updated_at=generated.updated_at - dt.timedelta(hours=1))
    assert sending.batch_send(actor=secretariat, batch=generated).status == BatchStatus.SENT
    assert len(mail.outbox) == 3
