"""Sending a batch by e-mail with the PDF attached: nothing starts unless every letter can
go; an interrupted batch is resumed without sending anyone a letter twice."""

import datetime as dt

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse

from tests.correspondence import failing_mail
from tests.factories import user_with_role
from tripartite.accounts.models import Role
from tripartite.common.models import ActionLogEntry
from tripartite.common.services import PermissionDeniedError, ServiceError
from tripartite.correspondence.models import BatchStatus, LetterStatus, Selection
from tripartite.correspondence.services import batches, sending

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


def test_the_page_sends_and_shows_the_interruption(secretariat, generated, settings, client):
    settings.EMAIL_BACKEND = "tests.correspondence.failing_mail.FailingAfter"
    failing_mail.FailingAfter.accept = 2
    client.force_login(secretariat)
    url = reverse("correspondence:batch_detail", kwargs={"pk": generated.pk})
    page = client.post(url, {"action": "send"}, follow=True).content.decode()
    assert "Sending stopped after 2 of 3 letters" in page
    assert "Resume sending" in page
    failing_mail.FailingAfter.accept = 100
    page = client.post(url, {"action": "send"}, follow=True).content.decode()
    assert "Every letter was sent by e-mail." in page
    assert len(mail.outbox) == 3


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
