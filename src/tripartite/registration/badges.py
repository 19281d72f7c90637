"""Badges as a PDF, set by Typst: one badge a page, CR80 card or A6 (``BADGE_FORMAT``).

Each badge shows the photo, the name (any script, with its Latin form when it differs), the
delegation or organization, the group, the role, the number, a colour band per category
(``BADGE_COLOURS``) and a QR code made with segno that holds only the signed token
(``tokens.sign(badge.token_id)``): no personal data.

The data reaches the template (``typst/badges.typ``) as one JSON string in ``sys.inputs``, so
no name is ever read as Typst markup; photos and QR codes are written as files in a
private temporary folder (``photos/<n>.jpg``, ``qr/<n>.png``), removed after. Fonts: the
Noto families of ``delegations.pdf`` (one scan per process).

A badge is printed in the session's language (``badge_language``: its first working language,
English when it has none): the band's category, the role (in the holder's grammatical gender,
from the nomination), the State's name and the session's title. A role typed at the desk for
an observer, the press or the secretariat is printed as typed.
"""

import datetime as dt
import io
import json
import tempfile
from pathlib import Path

import segno
import typst
from django.conf import settings
from django.utils import translation

from tripartite.delegations.lists import ROLE_LABELS
from tripartite.delegations.pdf import fonts
from tripartite.registration import tokens
from tripartite.registration.models import BadgeCategory

TEMPLATE = Path(__file__).resolve().parent / "typst" / "badges.typ"
LANGUAGES = ("en", "fr", "es")
# "No" before the badge's number, as each language abbreviates "number".
NUMBER_LABELS = {"en": "No", "fr": "N°", "es": "N.º"}
FORMATS = {"cr80": "CR80 card (54 × 85.6 mm)", "a6": "A6 (105 × 148 mm)"}


# Any of the eight QR masks gives a valid code every reader decodes; segno's search for the
# "best" one scores all eight in pure Python (about 13 ms a badge, most of the time of a
# batch of badges). The tokens are random letters and digits, which no mask turns into the
# patterns that search avoids; tests/registration/test_badges.py decodes 200 of them.
QR_MASK = 2


def qr_png(text: str) -> bytes:
    """The QR code of ``text`` as a PNG of one pixel per module, quiet zone included; the
    template scales it up without smoothing ("pixelated")."""
    out = io.BytesIO()
    segno.make(text, error="m", micro=False, mask=QR_MASK).save(out, kind="png", scale=1,
                                                                 border=4)
    return out.getvalue()


def name_size(name: str) -> float:
    """The name's size in badge units (mm on a CR80 card): long names smaller."""
    length = len(name)
    return 4.4 if length <= 20 else 3.6 if length <= 30 else 3.0 if length <= 42 else 2.5


def badge_language(session) -> str:
    """The language badges of ``session`` are printed in: its first working language
    (en, fr or es), English when it has none."""
    for language in session.working_languages or []:
        if language in LANGUAGES:
            return language
    return "en"


def session_options(session) -> dict:
    """``badges_document``'s language and session title for the badges of ``session``."""
    language = badge_language(session)
    with translation.override(language):
        return {"language": language, "session_title": str(session.title)}


def role_and_affiliation(registration, language: str) -> tuple[str, str]:
    """The role and the delegation printed on the badge, in ``language``: from the
    nomination (the role in the holder's gender, the State's name) when there is one, else as
    typed at the desk."""
    nomination = registration.nomination
    if nomination is None or nomination.role not in ROLE_LABELS:
        return registration.role_label, registration.affiliation
    english, french, spanish = ROLE_LABELS[nomination.role]
    gender = registration.person.gender if registration.person.gender in ("m", "f") else "x"
    role = {"fr": french[gender], "es": spanish[gender]}.get(language, english)
    if nomination.represents:
        role = f"{role} — {nomination.represents}"
    state = nomination.delegation.member_state
    affiliation = (getattr(state, f"name_{language}", "") or getattr(state, "name_en", "")
                   or registration.affiliation)
    return role, affiliation


def badge_data(badge, language: str = "en") -> dict:
    registration = badge.registration
    person = registration.person
    latin = person.name_latin if person.name_latin and person.name_latin != person.name else ""
    with translation.override(language):
        category = str(BadgeCategory(registration.category).label)
    role, affiliation = role_and_affiliation(registration, language)
    return {
        "number": badge.number,
        "name": person.name,
        "latin": latin,
        "name_size": name_size(person.name),
        "affiliation": affiliation,
        "category": category,
        "role": role,
        "colour": settings.BADGE_COLOURS.get(registration.category, "#444444"),
        "photo": f"photos/{badge.number}.jpg" if registration.photo else "",
        "qr": f"qr/{badge.number}.png",
    }


def _photo_bytes(registration) -> bytes | None:
    if not registration.photo:
        return None
    try:
        with registration.photo.open("rb") as handle:
            return handle.read()
    except (FileNotFoundError, OSError):
        return None


def badges_document(badges, *, session_title: str, language: str = "en",
                    badge_format: str | None = None, output: str = "pdf", ppi: int = 300,
                    timestamp: dt.datetime | None = None):
    """The badges (with ``registration__person`` loaded) as PDF bytes in ``language``, or
    with ``output="png"`` a list of page images (tests decode the QR code from them)."""
    badge_format = badge_format or settings.BADGE_FORMAT
    files = {}
    entries = []
    for badge in badges:
        entry = badge_data(badge, language)
        if entry["photo"]:
            content = _photo_bytes(badge.registration)
            if content is None:
                entry["photo"] = ""
            else:
                files[entry["photo"]] = content
        files[entry["qr"]] = qr_png(tokens.sign(badge.token_id))
        entries.append(entry)
    data = {"format": badge_format, "session": session_title, "badges": entries,
            "number_label": NUMBER_LABELS.get(language, NUMBER_LABELS["en"])}
    stamp = (timestamp or dt.datetime(2000, 1, 1)).astimezone(dt.UTC).replace(microsecond=0)
    # Typst reads images from its project folder: a private temporary one, removed after.
    with tempfile.TemporaryDirectory(prefix="badges-") as folder:
        root = Path(folder)
        (root / "photos").mkdir()
        (root / "qr").mkdir()
        for name, content in files.items():
            (root / name).write_bytes(content)
        main = root / "badges.typ"
        main.write_bytes(TEMPLATE.read_bytes())
        result = typst.compile(str(main), root=str(root), font_paths=fonts(), format=output,
                               ppi=ppi if output == "png" else None,
                               sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
                               timestamp=stamp)
    if output == "png" and isinstance(result, bytes):
        return [result]
    return result
