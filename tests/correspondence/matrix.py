"""Permission-matrix rows for the official correspondence pages and API operations.

The secretariat manages; senior officials and observers read the register, templates,
address book and batches; nobody else sees any letter (a focal point least of all). The
preview renders a letter for the one who is about to generate it: the secretariat only.
"""

import datetime as dt
import io

from django.core.files.base import ContentFile

from tests.delegations.matrix_rules import api_rule, rule
from tests.matrix_writes import state_pk, write_rule
from tripartite.accounts.models import Role

READERS = {Role.SECRETARIAT, Role.SENIOR_OFFICIAL, Role.OBSERVER}
MANAGERS = {Role.SECRETARIAT}
POST_ONLY = rule(set(), others="not allowed")

ROWS = {
    "correspondence:register": (None, rule(READERS)),
    "correspondence:register_export": ("register_csv", rule(READERS)),
    "correspondence:register_export xlsx": ("register_xlsx", rule(READERS)),
    "correspondence:awaiting": (None, rule(READERS)),
    "correspondence:letter_detail": ("letter", rule(READERS)),
    "correspondence:letter_file": ("letter_word", rule(READERS)),
    "correspondence:reply_file": ("reply", rule(READERS)),
    "correspondence:template_list": (None, rule(READERS)),
    "correspondence:template_create": (None, rule(MANAGERS)),
    "correspondence:template_detail": ("letter_template", rule(READERS)),
    "correspondence:template_version_file": ("template_version", rule(READERS)),
    "correspondence:address_book": (None, rule(READERS)),
    "correspondence:entry_create": (None, rule(MANAGERS)),
    "correspondence:entry_edit": ("address_entry", rule(MANAGERS)),
    "correspondence:batch_list": (None, rule(READERS)),
    "correspondence:batch_create": (None, rule(MANAGERS)),
    "correspondence:batch_detail": ("batch", rule(READERS)),
    "correspondence:batch_detail draft": ("draft_batch", rule(READERS)),
    "correspondence:batch_preview": ("draft_batch_preview", rule(MANAGERS)),
    "correspondence:batch_zip": ("batch", rule(READERS)),
    "correspondence:credentials_reminder": ("delegation_session", POST_ONLY),
}

API_ROWS = {
    ("GET", "/api/correspondence/letters"): (None, None, api_rule(READERS)),
    ("GET", "/api/correspondence/letters/{id}"): ("letter", None, api_rule(READERS)),
    ("GET", "/api/correspondence/batches/{id}"): ("batch", None, api_rule(READERS)),
    ("POST", "/api/correspondence/batches"): (None, {
        "template": "note-verbale", "selection": "region", "region": "Europe and Central Asia"},
        api_rule(MANAGERS, 201)),
    ("POST", "/api/correspondence/batches/{id}/generate"): (
        "draft_batch", {"pdf_files": False}, api_rule(MANAGERS)),
    ("POST", "/api/correspondence/batches/{id}/send"): ("batch", {}, api_rule(MANAGERS)),
}

# (method, path template) -> operationId, for tests/api/test_api_auth_errors.py.
OPERATION_IDS = {
    ("GET", "/api/correspondence/letters"): "letter_list",
    ("GET", "/api/correspondence/letters/{id}"): "letter_detail",
    ("GET", "/api/correspondence/batches/{id}"): "batch_detail",
    ("POST", "/api/correspondence/batches"): "batch_create",
    ("POST", "/api/correspondence/batches/{id}/generate"): "batch_generate",
    ("POST", "/api/correspondence/batches/{id}/send"): "batch_send",
}


def objects(session) -> dict:
    """A generated batch of one letter to France's Permanent Mission (with a reply), a draft
    batch to Germany's, the starter templates and their address book entries."""
    from tests.factories import state, user_with_role
    from tripartite.correspondence.install import install_starter_templates
    from tripartite.correspondence.models import AddressBookEntry, RecipientKind, Selection
    from tripartite.correspondence.services import batches, replies

    secretariat = user_with_role(Role.SECRETARIAT)
    templates = {t.code: t for t in install_starter_templates(actor=None)}
    entries = [AddressBookEntry.objects.create(
        kind=RecipientKind.PERMANENT_MISSION, member_state=state(iso2), language=language,
        name=name, email=f"mission.{iso2.lower()}@example.org")
        for iso2, language, name in (("FR", "fr", "Mission permanente de la France"),
                                     ("DE", "en", "Permanent Mission of Germany"))]
    batch = batches.batch_create(actor=secretariat, template=templates["note-verbale"],
                                  selection=Selection.HAND_PICKED, hand_picked=[entries[0].pk],
                                  session=session, letter_date=dt.date(2026, 3, 2),
                                  reply_deadline=dt.date(2026, 4, 1))
    batches.batch_generate(actor=secretariat, batch=batch, pdf_files=False)
    letter = batch.letters.get()
    # A stand-in PDF (LibreOffice is too slow for a fixture made once per role): the batch
    # can be sent.
    letter.pdf_file.save("letter.pdf", ContentFile(b"%PDF-1.4 letter"), save=True)

    reply = replies.reply_log(actor=secretariat, letter=letter,
                               received_on=dt.date(2026, 3, 9),
                               uploaded_file=io.BytesIO(b"%PDF-1.4 reply"))
    draft = batches.batch_create(actor=secretariat, template=templates["note-verbale"],
                                  selection=Selection.HAND_PICKED, hand_picked=[entries[1].pk],
                                  session=session, letter_date=dt.date(2026, 3, 2))
    version = templates["note-verbale"].versions.get(language="en")
    return {
        "register_csv": {"fmt": "csv"}, "register_xlsx": {"fmt": "xlsx"},
        "letter": {"pk": letter.pk}, "letter_word": {"pk": letter.pk, "kind": "word"},
        "reply": {"pk": reply.pk}, "letter_template": {"pk": templates["note-verbale"].pk},
        "template_version": {"pk": version.pk}, "address_entry": {"pk": entries[0].pk},
        "batch": {"pk": batch.pk}, "draft_batch": {"pk": draft.pk},
        "draft_batch_preview": {"pk": draft.pk, "language": "en"},
    }


def _template_version(objects):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tripartite.correspondence import starter

    content = (starter.DATA_DIR / starter.file_name("acknowledgement", "en")).read_bytes()
    return {"language": "en", "note": "Matrix wording", "file": SimpleUploadedFile(
        "template.docx", content)}


def _template_pk(code):
    from tripartite.correspondence.models import LetterTemplate

    return LetterTemplate.objects.get(code=code).pk


ENTRY = {"kind": "permanent_mission", "language": "en", "name": "Permanent Mission of Italy",
         "email": "mission.it@example.org", "active": "on"}
WRITES = {
    "correspondence:letter_detail": ("letter", {"status": "signed", "channel": "email"},
                                     write_rule(MANAGERS)),
    "correspondence:template_create": (None, {
        "code": "matrix-letter", "kind": "acknowledgement", "name_en": "Matrix letter",
        "name_fr": "Lettre", "name_es": "Carta", "subject_en": "Matrix", "subject_fr": "Matrice",
        "subject_es": "Matriz", "active": "on"}, write_rule(MANAGERS)),
    "correspondence:template_detail": ("letter_template", _template_version,
                                       write_rule(MANAGERS)),
    "correspondence:entry_create": (None, lambda objects: {
        **ENTRY, "member_state": state_pk("IT")}, write_rule(MANAGERS)),
    "correspondence:entry_edit": ("address_entry", lambda objects: {
        **ENTRY, "member_state": state_pk("FR"), "name": "Mission permanente de la France"},
        write_rule(MANAGERS)),
    "correspondence:batch_create": (None, lambda objects: {
        "template": _template_pk("note-verbale"), "selection": "region",
        "audience": "permanent_mission", "region": "Europe and Central Asia",
        "letter_date": "2026-03-02"}, write_rule(MANAGERS)),
    "correspondence:batch_detail": ("batch", {"action": "send"}, write_rule(MANAGERS)),
    "correspondence:batch_detail draft": ("draft_batch", {"action": "generate"},
                                          write_rule(MANAGERS)),
    "correspondence:credentials_reminder": ("delegation_session", lambda objects: {
        "template": _template_pk("credentials-reminder"), "reply_deadline": "2026-05-15"},
        write_rule(MANAGERS)),
}
