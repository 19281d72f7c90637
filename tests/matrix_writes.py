"""Write rows of the permission matrix for the core pages (accounts, constituents, meetings).

WRITES = {"app:url_name[ variant]": (objects key or None, form data, {role: outcome})}: every
role POSTs the data, a form as a browser would send it, and gets the outcome. The data is
what a permitted user would type, so that a page that forgot its check would write, and the
matrix would see it. ``data`` may be a function of the matrix's objects (by key), for forms
that name an object. Outcomes: ``WROTE`` (answered and something was written), ``OK``
(answered, nothing written: a refusal shown as a message, a form with nothing to do), ``NO``
(403), ``LOGIN``, ``NOT_FOUND`` (404), each refusal with nothing written.
"""

from tests.delegations.matrix_rules import LOGIN, NO, NOT_ALLOWED, OK, ROLES
from tripartite.accounts.models import Role

WROTE = "ok, wrote"
# An official act's confirmation (common/confirm.py): without it the page only asks.
CONFIRMED = {"confirm": "yes"}
NOT_FOUND = "not found"
MANAGERS = {Role.SECRETARIAT, Role.MEETING_OFFICER}
EDITORS_FR = {Role.SECRETARIAT, Role.FOCAL_POINT}


def write_rule(allowed, *, ok=frozenset(), anonymous=LOGIN, others=NO):
    """``WROTE`` for the ``allowed`` roles, ``OK`` (answered, nothing written) for the ``ok``
    ones, ``others`` for the rest, ``anonymous`` for them."""
    def outcome(role):
        if role == "anonymous":
            return anonymous
        return WROTE if role in allowed else OK if role in ok else others
    return {role: outcome(role) for role in ROLES}


def writes_as_read(row):
    """The write outcomes of a page whose readers (OK on GET; NOT_ALLOWED for a POST-only
    page) are exactly its writers: they write, the others are refused as on GET."""
    _key, expectations = row
    return {role: WROTE if outcome in (OK, NOT_ALLOWED) else outcome
            for role, outcome in expectations.items()}


SESSION_FORM = {
    "number": "116", "title_en": "116th Session of the International Labour Conference",
    "opens_on": "2027-06-07", "opens_time": "10:00", "closes_on": "2027-06-18",
    "closes_time": "18:00", "time_zone": "Europe/Zurich", "venue_en": "Palais des Nations",
    "city_en": "Geneva", "working_languages": ["en", "fr", "es"],
}
ORGANISATION = {"kind": "workers", "name": "Matrix Workers' Union", "acronym": "MWU"}
PERSON = {"name": "Ada Matrix", "gender": "f", "function": "Adviser"}

WRITES = {
    # Anyone may try to log in; a wrong password is counted (the login throttle), for all.
    "accounts:login": (None, {"username": "nobody", "password": "wrong"},
                       write_rule(set(), anonymous=WROTE, others=OK)),
    # Logging out (or not being logged in) sends to the login page; sessions are not counted.
    "accounts:logout": (None, {}, write_rule(set(), others=LOGIN)),
    # The chosen language is kept on a logged-in user's account.
    "accounts:set_language": (None, {"language": "fr", "next": "/"},
                              write_rule(set(Role.values), anonymous=OK)),
    "accounts:profile": (None, {"name": "Matrix token"}, write_rule(set(Role.values))),
    # Another user's token: not found for everyone, even the secretariat.
    "accounts:token_revoke": ("token", {}, write_rule(set(), others=NOT_FOUND)),
    # Each login replaces its own calendar feed key (the user row's nonce, and the log).
    "accounts:calendar_feed_key_replace": (None, {}, write_rule(set(Role.values))),
    # Every login may change its own password; the change revokes its tokens and is logged
    # (tests/accounts/test_accounts.py checks the new password itself).
    "accounts:password_change": (None, {"old_password": "secret-pass-123",
                                        "new_password1": "Another-pass-456",
                                        "new_password2": "Another-pass-456"},
                                 write_rule(set(Role.values))),
    # Nobody of that address: the page answers the same, and writes nothing.
    "accounts:password_reset": (None, {"email": "nobody@example.org"},
                                write_rule(set(), anonymous=OK, others=OK)),
    "accounts:password_reset_confirm": ("reset", {"new_password1": "Another-pass-456",
                                                  "new_password2": "Another-pass-456"},
                                        write_rule(set(), anonymous=OK, others=OK)),
    "constituents:member_state_edit": ("own_state", {"name_en": "French Republic",
                                                     "name_fr": "France", "name_es": "Francia"},
                                       write_rule({Role.SECRETARIAT})),
    "constituents:organisation_create": ("own_state", ORGANISATION, write_rule(EDITORS_FR)),
    "constituents:organisation_create other": ("other_state", ORGANISATION,
                                               write_rule({Role.SECRETARIAT})),
    "constituents:organisation_edit": ("own_org", ORGANISATION, write_rule(EDITORS_FR)),
    "constituents:organisation_edit other": ("other_org", ORGANISATION,
                                             write_rule({Role.SECRETARIAT})),
    "constituents:person_detail": ("own_person", PERSON, write_rule(EDITORS_FR)),
    "constituents:person_detail other": ("other_person", PERSON,
                                         write_rule({Role.SECRETARIAT})),
    "constituents:person_create": ("own_state", PERSON, write_rule(EDITORS_FR)),
    "constituents:person_create other": ("other_state", PERSON,
                                         write_rule({Role.SECRETARIAT})),
    "meetings:meeting_create": (None, {"type": "gb", "title_en": "Matrix meeting",
                                       "acronym": "MM"}, write_rule(MANAGERS)),
    "meetings:meeting_edit": ("meeting", {"type": "ilc", "title_en": "Renamed Conference",
                                          "acronym": "ILC"}, write_rule(MANAGERS)),
    "meetings:session_create": ("meeting_of_session", SESSION_FORM, write_rule(MANAGERS)),
    "meetings:session_edit": ("session", SESSION_FORM, write_rule(MANAGERS)),
    "meetings:agenda_item_create": ("session_of_item", {"number": "IX", "title_en": "Other"},
                                    write_rule(MANAGERS)),
    "meetings:committee_create": ("session_of_item", {"kind": "technical",
                                                      "name_en": "Matrix Committee"},
                                  write_rule(MANAGERS)),
    "meetings:agenda_item_edit": ("item", {"number": "XX", "title_en": "Renamed item"},
                                  write_rule(MANAGERS)),
    "meetings:officer_create": ("session_of_item", lambda objects: {
        "role": "chair", "group": "government", "person": objects["own_person"]["pk"]},
        write_rule(MANAGERS)),
    "meetings:officer_delete": ("officer", {}, write_rule(MANAGERS)),
    "meetings:agenda_item_delete": ("item", {}, write_rule(MANAGERS)),
}


def pdf_file(name="letter.pdf"):
    """A real one-page PDF, new for each request (an upload is read once)."""
    import io

    import pypdf
    from django.core.files.uploadedfile import SimpleUploadedFile

    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


def state_pk(iso2):
    from tests.factories import state

    return state(iso2).pk
