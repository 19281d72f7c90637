"""Replies logged against letters, the letters awaiting replies, reminders for those who
have not replied, and the one-step credentials reminder from a session's credentials page."""

import datetime as dt
import io

import pytest
from django.urls import reverse

from tests.correspondence.helpers import docx_text
from tests.factories import state, user_with_role
from tripartite.accounts.models import Role
from tripartite.common.services import PermissionDeniedError, ServiceError
from tripartite.correspondence import selectors
from tripartite.correspondence.models import BatchStatus, Selection
from tripartite.correspondence.services import batches, replies
from tripartite.delegations.models import Delegation

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(secretariat, starters, session, entries):
    batch = batches.batch_create(actor=secretariat, template=starters["note-verbale"],
                                  selection=Selection.HAND_PICKED,
                                  hand_picked=[entry.pk for entry in entries.values()],
                                  session=session, letter_date=dt.date(2026, 3, 2),
                                  reply_deadline=dt.date(2026, 4, 1))
    return batches.batch_generate(actor=secretariat, batch=batch, pdf_files=False)


def letter_of(batch, iso2):
    return batch.letters.get(member_state__iso2=iso2)


def test_a_reply_is_logged_with_its_file_and_leaves_the_awaiting_list(secretariat, sent):
    assert [letter.reference for letter in selectors.awaiting_reply()] == [
        "RELOFF/2026/0001", "RELOFF/2026/0002", "RELOFF/2026/0003"]
    french = letter_of(sent, "FR")
    reply = replies.reply_log(actor=secretariat, letter=french,
                               received_on=dt.date(2026, 3, 20), summary="Délégation annoncée",
                               uploaded_file=io.BytesIO(b"%PDF-1.4 reply"))
    assert reply.file.read() == b"%PDF-1.4 reply"
    assert [letter.reference for letter in selectors.awaiting_reply()] == [
        "RELOFF/2026/0001", "RELOFF/2026/0003"]


def test_a_reply_file_is_checked_by_content(secretariat, sent):
    with pytest.raises(ServiceError, match=r"A reply must be a PDF or a Word \(\.docx\) file."):
        replies.reply_log(actor=secretariat, letter=letter_of(sent, "KE"),
                           received_on=dt.date(2026, 3, 20),
                           uploaded_file=io.BytesIO(b"GIF89a not a letter"))
    assert not letter_of(sent, "KE").replies.exists()


def test_the_reminder_goes_to_those_who_have_not_replied(secretariat, starters, sent):
    replies.reply_log(actor=secretariat, letter=letter_of(sent, "FR"),
                       received_on=dt.date(2026, 3, 20))
    reminder = replies.reminder_batch_create(actor=secretariat, batch=sent,
                                              reply_deadline=dt.date(2026, 4, 30),
                                              letter_date=dt.date(2026, 4, 2))
    assert reminder.template == starters["reply-reminder"]
    assert reminder.selection == Selection.NON_REPLIERS
    assert sorted(reminder.recipients.values_list("member_state__iso2", flat=True)) == [
        "KE", "MX"]
    reminder = batches.batch_generate(actor=secretariat, batch=reminder, pdf_files=False)
    kenya = reminder.letters.get(member_state__iso2="KE")
    assert kenya.reminder_of == letter_of(sent, "KE")
    assert kenya.subject == ("Reminder: 114th Session of the International Labour "
                             "Conference: information")
    text = docx_text(kenya.word_file.read())
    assert (f"with reference to its communication {letter_of(sent, 'KE').reference} of "
            "2 March 2026 concerning “114th Session of the International Labour Conference: "
            "information”, has the honour to recall that a reply was requested.") in text
    assert "The Office would be grateful to receive that reply by 30 April 2026." in text
    mexico = docx_text(reminder.letters.get(member_state__iso2="MX").word_file.read())
    assert "de fecha 2 de marzo de 2026" in mexico


def test_nobody_to_remind_when_everyone_replied(secretariat, sent):
    for letter in sent.letters.all():
        replies.reply_log(actor=secretariat, letter=letter, received_on=dt.date(2026, 3, 9))
    with pytest.raises(ServiceError, match="Every recipient of this batch has replied"):
        replies.reminder_batch_create(actor=secretariat, batch=sent)


def test_the_credentials_reminder_is_one_step_from_the_session(secretariat, starters, session,
                                                               entries, client):
    Delegation.objects.create(member_state=state("FR"), session=session, status="accepted",
                              received_on=dt.date(2026, 5, 1))
    client.force_login(secretariat)
    overview = client.get(reverse("delegations:review_overview",
                                  kwargs={"session_pk": session.pk})).content.decode()
    assert "Remind every State whose credentials have not been received" in overview
    response = client.post(reverse("correspondence:credentials_reminder",
                                   kwargs={"session_pk": session.pk}), follow=True)
    batch = response.context["batch"]
    assert batch.template == starters["credentials-reminder"]
    assert batch.selection == Selection.NO_CREDENTIALS and batch.session == session
    assert sorted(batch.recipients.values_list("member_state__iso2", flat=True)) == [
        "KE", "MX"]
    assert "The reminder batch is ready for 2 Permanent Missions" in response.content.decode()
    # The other member States have no Permanent Mission in this address book: listed.
    assert "No address book entry for: Afghanistan, Albania" in response.content.decode()
    assert batch.status == BatchStatus.DRAFT


def test_others_do_not_see_the_button_nor_may_post(session, starters, client):
    client.force_login(user_with_role(Role.SENIOR_OFFICIAL))
    overview = client.get(reverse("delegations:review_overview",
                                  kwargs={"session_pk": session.pk})).content.decode()
    assert "Remind every State" not in overview
    url = reverse("correspondence:credentials_reminder", kwargs={"session_pk": session.pk})
    assert client.post(url).status_code == 403
    with pytest.raises(PermissionDeniedError):
        replies.credentials_reminder_create(actor=user_with_role(Role.FOCAL_POINT),
                                             session=session)


def test_a_focal_point_sees_no_letter(sent, client):
    focal = user_with_role(Role.FOCAL_POINT, member_state=state("FR"))
    client.force_login(focal)
    french = letter_of(sent, "FR")
    for url in (reverse("correspondence:register"),
                reverse("correspondence:letter_detail", kwargs={"pk": french.pk}),
                reverse("correspondence:letter_file", kwargs={"pk": french.pk, "kind": "word"}),
                f"/api/correspondence/letters/{french.pk}"):
        assert client.get(url).status_code == 403, url
