"""Word uploads of the correspondence (template versions, replies) are checked as archives
before python-docx or docxtpl open them: a bomb is refused with its code, nothing stored."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tests.common.bombs import declaring_size, million_cell_row, with_member
from tests.correspondence.helpers import docx_with_paragraphs
from tests.correspondence.test_templates import upload
from tripartite.common.services import ServiceError
from tripartite.correspondence.models import IncomingReply, Letter, Selection
from tripartite.correspondence.services import batches, replies, templates

pytestmark = pytest.mark.django_db

GIB = 1024 ** 3


def template_bombs():
    real = docx_with_paragraphs("{{ recipient_name }}")
    return [
        (declaring_size(with_member(real, "word/media/a.bin", b"a"), "word/media/a.bin",
                        4 * GIB - 1), "archive_too_large"),
        (with_member(real, "word/document.xml", million_cell_row()), "archive_too_compressed"),
        (with_member(real, "../document.xml", b"<x/>"), "archive_odd_member"),
    ]


@pytest.mark.parametrize("number", [0, 1, 2], ids=["declared", "compressed", "odd"])
def test_a_template_bomb_is_refused_before_it_is_opened(starters, secretariat, number):
    content, code = template_bombs()[number]
    with pytest.raises(ServiceError) as refused:
        templates.template_version_upload(actor=secretariat, template=starters["circular"],
                                         language="en", uploaded_file=upload(content))
    assert (refused.value.code, refused.value.field) == (code, "file")
    assert starters["circular"].versions.filter(language="en").count() == 1


def test_the_upload_page_shows_why_a_template_bomb_is_refused(starters, secretariat):
    client = Client()
    client.force_login(secretariat)
    template = starters["circular"]
    response = client.post(reverse("correspondence:template_detail", kwargs={"pk": template.pk}),
                           {"language": "en", "note": "", "file": upload(template_bombs()[0][0])})
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "Once unpacked, a part of this file (“word/media/a.bin”) would take 4.0\xa0GB; the "
        "limit is 16.0\xa0MB. It was not opened."]
    assert template.versions.filter(language="en").count() == 1


def test_a_reply_bomb_is_refused_and_no_reply_is_logged(starters, secretariat, entries,
                                                        session):
    batch = batches.batch_create(actor=secretariat, template=starters["circular"],
                                  selection=Selection.HAND_PICKED,
                                  hand_picked=[entries["KE"].pk], session=session)
    batches.batch_generate(actor=secretariat, batch=batch, pdf_files=False)
    letter = Letter.objects.get()
    with pytest.raises(ServiceError) as refused:
        replies.reply_log(actor=secretariat, letter=letter, received_on=dt.date(2026, 3, 9),
                           uploaded_file=upload(template_bombs()[1][0]))
    assert refused.value.code == "archive_too_compressed"
    assert not IncomingReply.objects.exists()
