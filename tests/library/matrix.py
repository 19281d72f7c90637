"""Permission-matrix rows for the library's pages and API operations.

Every login searches the library and reads its public documents and their files; the Office's
internal papers (a briefing note here) and their files reach only its staff (secretariat,
senior officials, meeting officers); only the secretariat adds documents. Decisions and their
follow-up are read by every login; the secretariat records them and updates the follow-up.
"""

from tests.delegations.matrix_rules import api_rule, rule
from tests.matrix_writes import write_rule
from tripartite.accounts.models import Role

EVERYONE = rule(set(Role.values))
SECRETARIAT = {Role.SECRETARIAT}
STAFF = {Role.SECRETARIAT, Role.SENIOR_OFFICIAL, Role.MEETING_OFFICER}

ROWS = {
    "library:index": (None, EVERYONE),
    "library:upload": (None, rule(SECRETARIAT)),
    "library:document_detail": ("library_document", EVERYONE),
    "library:document_detail restricted": ("library_restricted", rule(STAFF)),
    "library:file_download": ("library_file", EVERYONE),
    "library:file_download restricted": ("library_restricted_file", rule(STAFF)),
    # Decisions: read by every login, recorded and followed up by the secretariat.
    "library:decision_list": (None, EVERYONE),
    "library:decision_detail": ("library_decision", EVERYONE),
    "library:decision_add": (None, rule(SECRETARIAT)),
    "library:decision_follow_up": ("library_decision", rule(SECRETARIAT)),
    # The rules' texts: read by every login, imported by the secretariat.
    "library:rules_texts": (None, EVERYONE),
    "library:rules_text": ("library_rules_instrument", EVERYONE),
    "library:rules_text_version": ("library_rules_text", EVERYONE),
    "library:rules_text_import": (None, rule(SECRETARIAT)),
}


def _upload(objects) -> dict:
    from tests.library.files import pdf_bytes, upload

    return {"symbol": "GB.356/POL/2", "language": "en", "title_en": "Matrix paper",
            "type": "decision_paper", "date": "2026-03-02",
            "file": upload(pdf_bytes("Matrix paper on skills"))}


def _decision(objects) -> dict:
    return {"agenda_item": objects["library_decision_item"]["pk"], "date": "2026-03-20",
            "text_en": "The Governing Body requests a report.", "unit": "GOV",
            "deadline": "2026-10-01"}


def _rules_text(objects) -> dict:
    from tests.library.files import upload

    return {"instrument": "gb_standing_orders", "language": "en", "version_date": "2025-11-01",
            "file": upload(b"DEMO TEXT\nArticle 1\n1. A demo paragraph.", "rules.txt")}


WRITES = {
    "library:rules_text_import": (None, _rules_text, write_rule(SECRETARIAT)),
    "library:upload": (None, _upload, write_rule(SECRETARIAT)),
    "library:decision_add": (None, _decision, write_rule(SECRETARIAT)),
    "library:decision_follow_up": ("library_decision", {
        "status": "in_progress", "unit": "GOV", "note": "Report being drafted."},
        write_rule(SECRETARIAT)),
}

ALL_API = api_rule(set(Role.values))

API_ROWS = {
    ("GET", "/api/library/documents"): (None, None, ALL_API),
    ("GET", "/api/library/documents/{id}"): ("library_document", None, ALL_API),
    # Without the multipart file: 400 for the secretariat, after the permission check.
    ("POST", "/api/library/documents"): (None, {}, api_rule(SECRETARIAT, 400)),
    ("GET", "/api/library/search"): (None, None, ALL_API),
    ("GET", "/api/library/decisions"): (None, None, ALL_API),
    ("GET", "/api/library/decisions/{id}"): ("library_decision", None, ALL_API),
    ("POST", "/api/library/decisions"): (None, lambda objects: _decision(objects),
                                          api_rule(SECRETARIAT, 201)),
    ("PATCH", "/api/library/decisions/{id}/follow-up"): ("library_decision", {
        "status": "reported", "unit": "GOV", "note": "Reported."}, api_rule(SECRETARIAT)),
    ("GET", "/api/library/texts"): (None, None, ALL_API),
    ("GET", "/api/library/texts/{instrument}/{version_date}/{language}"): (
        "library_rules_text_api", None, ALL_API),
    # Without the multipart file: 400 for the secretariat, after the permission check.
    ("POST", "/api/library/texts"): (None, {}, api_rule(SECRETARIAT, 400)),
}

OPERATION_IDS = {
    ("GET", "/api/library/documents"): "document_list",
    ("GET", "/api/library/documents/{id}"): "document_detail",
    ("POST", "/api/library/documents"): "document_add",
    ("GET", "/api/library/search"): "library_search",
    ("GET", "/api/library/decisions"): "decision_list",
    ("GET", "/api/library/decisions/{id}"): "decision_detail",
    ("POST", "/api/library/decisions"): "decision_create",
    ("PATCH", "/api/library/decisions/{id}/follow-up"): "decision_follow_up_update",
    ("GET", "/api/library/texts"): "rules_text_list",
    ("GET", "/api/library/texts/{instrument}/{version_date}/{language}"): "rules_text_detail",
    ("POST", "/api/library/texts"): "rules_text_import",
}


def objects(session) -> dict:
    """A public paper of ``session`` and an internal briefing note, each with its English
    file."""
    import datetime as dt

    from tests.factories import AgendaItemFactory, user_with_role
    from tests.library.files import pdf_bytes, upload
    from tripartite.library import services

    staff = user_with_role(Role.SECRETARIAT)
    public = services.document_add(
        actor=staff, symbol="GB.356/INS/3", language="en", session=session,
        uploaded_file=upload(pdf_bytes("Working time arrangements")), title_en="Working time",
        type="decision_paper", date=dt.date(2026, 3, 2))
    restricted = services.document_add(
        actor=staff, symbol="GB.356/INS/9", language="en",
        uploaded_file=upload(pdf_bytes("Briefing on the negotiations")), title_en="Briefing",
        type="briefing_note", date=dt.date(2026, 3, 2))
    # An item of its own: the matrix deletes its other agenda item, which a decision protects.
    item = AgendaItemFactory(session=session, number="99", title_en="Follow-up of decisions")
    decision = services.decision_record(
        actor=staff, agenda_item=item, date=dt.date(2026, 3, 20),
        text_en="The Governing Body requests the Office to report.", document=public.document,
        paragraph="12", unit="GOV", deadline=dt.date(2026, 10, 1))
    services.rules_text_import(
        actor=staff, instrument="constitution", language="en", version_date=dt.date(2024, 1, 1),
        uploaded_file=upload(b"DEMO TEXT\nArticle 4\n1. A demo paragraph.", "rules.txt"))
    return {
        "library_rules_instrument": {"instrument": "constitution"},
        "library_rules_text": {"instrument": "constitution", "version": "2024-01-01"},
        "library_rules_text_api": {"instrument": "constitution", "version_date": "2024-01-01",
                                   "language": "en"},
        "library_decision": {"pk": decision.pk},
        "library_decision_item": {"pk": item.pk},
        "library_document": {"pk": public.document.pk},
        "library_file": {"pk": public.file.pk},
        "library_restricted": {"pk": restricted.document.pk},
        "library_restricted_file": {"pk": restricted.file.pk},
    }
