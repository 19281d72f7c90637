"""The correspondence API: a batch created, checked, generated and sent; the register."""

import pytest
from django.core import mail
from django.core.files.base import ContentFile

from tests.api import client_for, send
from tests.factories import user_with_role
from tripartite.accounts.models import Role

pytestmark = pytest.mark.django_db


def test_a_batch_through_the_api(secretariat, starters, session, entries, run_jobs):
    client = client_for(secretariat)
    entries["FR"].addressee = ""
    entries["FR"].save()
    body = {"template": "minister-letter", "selection": "hand_picked", "session": session.pk,
            "recipients": [entry.pk for entry in entries.values()], "signatory": "A. Officer",
            "signatory_title": "Director", "letter_date": "2026-03-02",
            "reply_deadline": "2026-04-01"}
    created = send(client, "post", "/api/correspondence/batches", body)
    assert created.status_code == 201
    batch = created.json()
    assert (batch["status"], batch["ready"], batch["recipients"]) == ("draft", False, 3)
    assert batch["missing"] == [{"recipient": entries["FR"].pk,
                                 "recipient_name": entries["FR"].name, "language": "fr",
                                 "missing": ["addressee"]}]
    url = f"/api/correspondence/batches/{batch['id']}"
    refused = send(client, "post", f"{url}/generate", {"pdf_files": False})
    assert refused.status_code == 400
    assert refused.json()["code"] == "batch_incomplete"

    entries["FR"].addressee = "S.E. M. Jean Exemple"
    entries["FR"].save()
    queued = send(client, "post", f"{url}/generate", {"pdf_files": False}).json()
    assert (queued["status"], queued["letters"]) == ("generating", 0)
    job = client.get(f"/api/jobs/{queued['job']}").json()
    assert (job["status"], job["kind"], job["file_url"]) == ("queued", "correspondence.batch",
                                                            None)
    assert run_jobs() == 1
    job = client.get(f"/api/jobs/{queued['job']}").json()
    assert (job["status"], job["done"], job["total"], job["problem"]) == ("done", 3, 3, "")
    archive = client.get(job["file_url"])
    assert (archive.status_code, archive["Content-Type"]) == (200, "application/zip")
    generated = client.get(url).json()
    assert (generated["status"], generated["letters"], generated["sent"]) == ("generated", 3, 0)

    letters = client.get("/api/correspondence/letters", {"awaiting": "true"}).json()
    assert letters["count"] == 3
    first = letters["items"][0]
    assert (first["reference"], first["language"], first["template"],
            first["template_version"], first["pdf_url"]) == (
        "RELOFF/2026/0001", "es", "minister-letter", 1, None)
    refused = send(client, "post", f"{url}/send", {})
    assert refused.status_code == 400 and refused.json()["code"] == "cannot_send"

    from tripartite.correspondence.models import Letter

    for letter in Letter.objects.all():
        letter.pdf_file.save("x.pdf", ContentFile(b"%PDF-1.4"))
    sending = send(client, "post", f"{url}/send", {}).json()
    assert (sending["status"], sending["sent"], mail.outbox) == ("sending", 0, [])
    assert client.get(f"/api/jobs/{sending['job']}").json()["kind"] == (
        "correspondence.batch_send")
    assert run_jobs() == 1
    sent = client.get(url).json()
    assert (sent["status"], sent["sent"]) == ("sent", 3)
    assert len(mail.outbox) == 3
    detail = client.get(f"/api/correspondence/letters/{first['id']}").json()
    assert detail["status"] == "sent" and detail["sent_to"] == "mission.mx@example.org"


def test_unknown_template_is_a_422(secretariat):
    response = send(client_for(secretariat), "post", "/api/correspondence/batches",
                    {"template": "nope", "selection": "all"})
    assert response.status_code == 422


def test_readers_read_and_may_not_write(starters):
    client = client_for(user_with_role(Role.OBSERVER))
    assert client.get("/api/correspondence/letters").status_code == 200
    response = send(client, "post", "/api/correspondence/batches",
                    {"template": "circular", "selection": "all"})
    assert response.status_code == 403
