"""Permission-matrix rows for the registration desk's pages and API operations.

France's focal point acts for France's registrations ("own"), never Germany's ("other").
The matrix's delegate is a registered participant (Italy's, tests/votes/matrix.py): they open
the photo index, which lists their own registration, and nobody else's; their own photo is
tested in tests/registration/test_photos.py and test_desk.py.
"""

from tests.delegations.matrix_rules import NOT_ALLOWED, OK, api_rule, rule
from tests.factories import PersonFactory, state
from tests.matrix_writes import write_rule
from tripartite.accounts.models import Role
from tripartite.delegations.models import Delegation, Nomination
from tripartite.registration.models import Badge, Registration

DESK = {Role.REGISTRATION_DESK, Role.SECRETARIAT}
# Check-in staff see only the photo of a badge they just scanned (none in the matrix):
# tests/registration/test_door_staff_photo_access.py.
PHOTO_VIEWERS = DESK | {Role.CREDENTIALS_COMMITTEE}


def post_only(allowed):
    """A POST-only page: who may write gets 405 on GET, the others 403 (before the 405)."""
    return {role: NOT_ALLOWED if outcome == OK else outcome
            for role, outcome in rule(allowed).items()}


ROWS = {
    "registration:desk_index": (None, rule(DESK)),
    "registration:desk_session": ("desk_session", rule(DESK)),
    "registration:desk_registrations_create": ("desk_session", post_only(DESK)),
    "registration:desk_add": ("desk_session", rule(DESK)),
    "registration:desk_print_unprinted": ("desk_session", post_only(DESK)),
    "registration:desk_print_delegation": ("desk_state", post_only(DESK)),
    "registration:desk_registration": ("own_registration", rule(DESK)),
    "registration:desk_confirm": ("own_registration", post_only(DESK)),
    "registration:desk_print": ("own_registration", post_only(DESK)),
    "registration:desk_revoke": ("own_badge", post_only(DESK)),
    "registration:photo_index": (None, rule(DESK | {Role.FOCAL_POINT, Role.DELEGATE})),
    "registration:photo_upload": ("own_registration", rule(DESK | {Role.FOCAL_POINT})),
    "registration:photo_upload other": ("other_registration", rule(DESK)),
    "registration:photo_confirm": ("own_registration", post_only(DESK | {Role.FOCAL_POINT})),
    "registration:photo_confirm other": ("other_registration", post_only(DESK)),
    "registration:photo": ("own_registration", rule(PHOTO_VIEWERS | {Role.FOCAL_POINT})),
    "registration:photo other": ("other_registration", rule(PHOTO_VIEWERS)),
}

# Rows run in this order for each role, on the objects below and the matrix's session.
API_ROWS = {
    ("GET", "/api/sessions/{id}/registrations"): ("session", None, api_rule(DESK)),
    ("POST", "/api/sessions/{id}/registrations/from-credentials"): (
        "session", None, api_rule(DESK)),
    ("POST", "/api/sessions/{id}/registrations"): (
        "session", {"name": "Ana Press", "gender": "f", "category": "press"},
        api_rule(DESK, 201)),
    ("GET", "/api/registrations/{id}"): ("own_registration", None,
                                         api_rule(DESK | {Role.FOCAL_POINT})),
    ("POST", "/api/registrations/{id}/identity"): ("own_registration", {}, api_rule(DESK)),
    ("POST", "/api/sessions/{id}/badges"): (
        "session", {"not_printed": True, "format": "json"}, api_rule(DESK)),
    # Without the multipart file: 400 for those allowed, after the permission check.
    ("POST", "/api/registrations/{id}/photo"): ("own_registration", {},
                                                api_rule(DESK | {Role.FOCAL_POINT}, 400)),
}
OPERATION_IDS = {
    ("GET", "/api/sessions/{id}/registrations"): "registration_search",
    ("POST", "/api/sessions/{id}/registrations/from-credentials"):
        "registrations_from_credentials",
    ("POST", "/api/sessions/{id}/registrations"): "registration_add",
    ("GET", "/api/registrations/{id}"): "registration_detail",
    ("POST", "/api/registrations/{id}/identity"): "registration_confirm_identity",
    ("POST", "/api/sessions/{id}/badges"): "badge_print",
    ("POST", "/api/registrations/{id}/photo"): "registration_photo_upload",
}


def _registration(session, iso2, group) -> Registration:
    delegation = (Delegation.objects.filter(session=session, member_state__iso2=iso2).first()
                  or Delegation.objects.create(member_state=state(iso2), session=session,
                                               status="accepted"))
    nomination = Nomination.objects.create(
        delegation=delegation, person=PersonFactory(member_state=state(iso2)), group=group,
        role="adviser")
    return Registration.objects.create(
        session=session, person=nomination.person, nomination=nomination, category=group,
        role_label="Adviser", affiliation=delegation.member_state.name_en)


def objects(session) -> dict:
    own = _registration(session, "FR", "government")
    other = _registration(session, "DE", "workers")
    badge = Badge.objects.create(session=session, registration=own, number=900)
    return {
        "own_badge": {"pk": badge.pk},
        "desk_session": {"session_pk": session.pk},
        "desk_state": {"session_pk": session.pk, "iso2": "FR"},
        "own_registration": {"pk": own.pk},
        "other_registration": {"pk": other.pk},
    }


def _photo(objects):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.registration.factories import image_bytes

    return {"photo": SimpleUploadedFile("photo.jpg", image_bytes(), content_type="image/jpeg")}


# An uploaded photo waits, in a file, for the confirmation of the crop (nothing is written in
# the database yet); a confirmation that names no waiting photo is refused with a message.
WRITES = {
    "registration:desk_registrations_create": ("desk_session", {}, write_rule(DESK)),
    "registration:desk_add": ("desk_session", {
        "name": "Ana Press", "gender": "f", "category": "press", "affiliation": "Le Monde",
        "role_label": "Journalist"}, write_rule(DESK)),
    "registration:desk_print_unprinted": ("desk_session", {}, write_rule(DESK)),
    "registration:desk_print_delegation": ("desk_state", {}, write_rule(DESK)),
    "registration:desk_confirm": ("own_registration", {}, write_rule(DESK)),
    # A reprint is confirmed first (common/confirm.py); a first print is not asked.
    "registration:desk_print": ("own_registration", {"confirm": "yes"}, write_rule(DESK)),
    "registration:desk_revoke": ("own_badge", {"reason": "Lost"}, write_rule(DESK)),
    "registration:photo_upload": ("own_registration", _photo,
                                  write_rule(set(), ok=DESK | {Role.FOCAL_POINT})),
    "registration:photo_upload other": ("other_registration", _photo,
                                        write_rule(set(), ok=DESK)),
    "registration:photo_confirm": ("own_registration", {"pending": "not-a-pending-photo"},
                                   write_rule(set(), ok=DESK | {Role.FOCAL_POINT})),
    "registration:photo_confirm other": ("other_registration",
                                         {"pending": "not-a-pending-photo"},
                                         write_rule(set(), ok=DESK)),
}
