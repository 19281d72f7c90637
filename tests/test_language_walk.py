"""Nothing in the wrong language: every page of the permission matrix, as every role that may
open it, in French and in Spanish, has no English left in its visible text.

A page's visible text is its text nodes outside <script>, <style> and <template>, with the
``title``, ``placeholder``, ``aria-label`` and ``alt`` attributes a user also reads. Each
sentence or label is looked at alone; it is English when it holds a word that only English
uses ("the", "of", "with", "Geneva", "reprinted", …: ``ENGLISH_WORDS``). Proper names and the
matrix's own test data (written in English by the factories, as a user could type it) are in
``ALLOWED``, a short list. What the database engine does is not this test's subject: it runs
on SQLite only (tests/conftest.py, ``engine_independent``).
"""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse

from tests.test_permission_matrix import (  # noqa: F401 — fixtures
    MATRIX,
    OK,
    ROLES,
    _objects_once,
    login,
    matrix_objects,
)

pytestmark = [pytest.mark.django_db, pytest.mark.engine_independent]

# Words no French or Spanish sentence uses, and the English words that leaked before.
ENGLISH_WORDS = {
    "the", "of", "and", "with", "to", "is", "are", "for", "not", "this", "that", "from",
    "have", "was", "were", "which", "will", "been", "your", "you", "there", "their", "these",
    "those", "what", "when", "who", "how", "should", "would", "could", "must", "yet", "any",
    "none", "yes", "than", "its", "it", "by", "be", "an", "or", "after", "before",
    "because", "only", "each", "every", "here", "now", "being", "does", "did",
    "geneva", "reprinted", "delegate", "delegates", "adviser", "advisers", "government",
    "employers", "workers", "minister", "meeting", "committee", "credentials", "received",
    "accepted", "submitted", "draft", "pending", "open", "closed", "published", "edit",
    "delete", "save", "cancel", "back", "show", "download", "print", "search", "home",
    "profile", "log", "out", "new", "add", "remove", "list", "lists", "name",
    "status", "time", "results", "workshop", "seminar", "symposium", "members",
    "member", "states", "state", "labour", "conference", "body", "governing",
    "mr", "ms", "mrs",  # personal titles, which a page writes in its reader's language
}
# What users typed but a page shows in its reader's language, so it is not test data to
# leave alone: a person's title ("Ms" is "Mme", "Sra."; common/titles.py) and the role of a
# registration from a nomination (the badge's English label; "Adviser" is "Conseiller
# technique").
READER_LANGUAGE_COLUMNS = {("Person", "title"), ("Registration", "role_label")}
# Proper names and the test data of the matrix (tests/factories.py and the matrix modules
# write it in English); a phrase here is taken out of the text before it is looked at.
ALLOWED = (
    "International Labour Conference", "Governing Body", "Palais des Nations",
    "Employers' Federation", "Agenda item", "Session of the Conference", "Tripartite",
    "ILO regular budget", "New Delhi", "New York",  # also their French names
)

SKIPPED_TAGS = {"script", "style", "template", "code", "pre", "textarea"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
             "source", "track", "wbr"}
READ_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
TRILINGUAL = re.compile(r" / ")
SEGMENTS = re.compile(r"[.:;!?·—|()\[\]/\n]+")
WORDS = re.compile(r"[^\W\d_]+")
# Code a user reads as code: placeholders, time zone names, file names.
CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\b\w+_\w+\b|\S+\.(?:docx|pdf|csv|xlsx)\b")


class VisibleText(HTMLParser):
    """The text a user reads: text nodes outside skipped tags, and the read attributes. An
    element whose ``lang`` names another language (a letter previewed in its recipient's
    language, a language offered in its own name) is left out, as it should be marked."""

    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.parts: list[str] = []
        self.skipped: list[str] = []  # the open elements that are skipped

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        other_language = (values.get("lang") or self.language).split("-")[0] != self.language
        if self.skipped or tag in SKIPPED_TAGS or other_language:
            if tag not in VOID_TAGS:
                self.skipped.append(tag)
            return
        for name in READ_ATTRIBUTES:
            if values.get(name):
                self.parts.append(values[name])

    def handle_endtag(self, tag):
        if self.skipped and self.skipped[-1] == tag:
            self.skipped.pop()

    def handle_data(self, data):
        if not self.skipped and data.strip():
            self.parts.append(data)


def visible_text(html: str, language: str) -> list[str]:
    parser = VisibleText(language)
    parser.feed(html)
    return parser.parts


def english_segments(parts: list[str], data: set[str]) -> list[str]:
    """The sentences or labels of ``parts`` that read as English."""
    found = []
    phrases = sorted((*ALLOWED, *(text for text in data if len(text) > 3)), key=len,
                     reverse=True)
    for part in parts:
        if len(TRILINGUAL.split(part)) >= 3:
            continue  # "Delegate / Délégué / Delegado": the ILO's trilingual form, on purpose
        part = part.strip()
        if part in data:
            continue
        for phrase in phrases:
            if phrase in part:
                part = part.replace(phrase, " ")
        for segment in SEGMENTS.split(part):
            words = {word.lower() for word in WORDS.findall(CODE.sub(" ", segment))}
            if words & ENGLISH_WORDS:
                found.append(" ".join(segment.split()))
    return found


def test_the_matrix_data_has_titles_and_registrations_the_walk_would_see(
        matrix_objects):  # noqa: F811
    """Pages show titles and roles in the reader's language only when the walked data has
    them: people with a title, registrations from a nomination with an English role."""
    from tripartite.constituents.models import Person
    from tripartite.registration.models import Registration

    data = _data_strings()
    assert Person.objects.exclude(title="").exists()
    assert "Ms" not in data
    english_roles = set(Registration.objects.filter(nomination__isnull=False)
                        .exclude(role_label="").values_list("role_label", flat=True))
    assert english_roles and not english_roles & data


def test_the_detector_finds_english_and_leaves_french_and_spanish_alone():
    assert english_segments(["Reprinted badge", "Ginebra, 1 de junio"], set()) == [
        "Reprinted badge"]
    assert english_segments(["H.E. Ms", "Adviser"], set()) == ["Ms", "Adviser"]
    assert english_segments(["S.E. Mme", "Excma. Sra.", "Conseiller technique"], set()) == []
    assert english_segments(["Genève", "du 1er au 12 juin 2026", "Délégué des employeurs",
                             "Conferencia Internacional del Trabajo"], set()) == []


def _data_strings() -> set[str]:
    """What users typed into the matrix's database (tests/factories.py and the matrix modules
    write it in English): every text column of the project's models, except the ones stored
    per language (modeltranslation's, which a French page must show in French) and choices
    (codes whose labels are the interface's)."""
    from django.apps import apps
    from django.db import models
    from modeltranslation.translator import NotRegistered, translator

    strings: set[str] = set()
    for model in apps.get_models():
        if not model.__module__.startswith("tripartite."):
            continue
        try:
            translated = set(translator.get_options_for_model(model).all_fields)
        except NotRegistered:
            translated = set()
        columns = [field.attname for field in model._meta.concrete_fields
                   if isinstance(field, models.CharField | models.TextField)
                   and not field.choices and field.name not in translated
                   and not any(field.name.startswith(f"{name}_") for name in translated)
                   and (model.__name__, field.name) not in READER_LANGUAGE_COLUMNS]
        if model.__name__ == "MemberState":
            continue
        if model.__name__ == "Registration":  # the role typed at the desk is shown as typed
            strings.update(model.objects.filter(nomination__isnull=True)
                           .values_list("role_label", flat=True))
        if columns:
            for values in model.objects.values_list(*columns):
                strings.update(value for value in values if isinstance(value, str))
        # Content typed in English only: the page shows it, for want of a translation.
        for name in translated - {"name"} if model.__name__ == "MemberState" else translated:
            for english, french, spanish in model.objects.values_list(
                    f"{name}_en", f"{name}_fr", f"{name}_es"):
                if english and not (french and spanish):
                    strings.add(english)
    return {text.strip() for text in strings if len(text.strip()) > 1}


@pytest.mark.parametrize("language", ["fr", "es"])
def test_no_page_has_english_left_in_french_or_spanish(client, matrix_objects,  # noqa: F811
                                                       language):
    objects = matrix_objects
    data = _data_strings()
    found: dict[tuple[str, str], list[str]] = {}
    walked = 0
    for role in ROLES:
        client.logout()
        user = login(client, objects, role)
        if user is not None:
            user.language = language
            user.save(update_fields=["language"])
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        for key, (kwargs_key, expected) in MATRIX.items():
            if expected[role] != OK:
                continue
            url = reverse(key.split(" ")[0],
                          kwargs=objects[kwargs_key] if kwargs_key else None)
            response = client.get(url)
            if (response.status_code != 200
                    or not response.get("Content-Type", "").startswith("text/html")):
                continue
            walked += 1
            english = english_segments(visible_text(response.content.decode(), language), data)
            if english:
                found[(key, role)] = sorted(set(english))
    assert walked > 100
    by_segment: dict[str, list[str]] = {}
    for (key, role), segments in found.items():
        for segment in segments:
            by_segment.setdefault(segment, []).append(f"{key} ({role})")
    report = "\n".join(f"{segment!r}: {pages[0]}{' and more' if len(pages) > 1 else ''}"
                       for segment, pages in sorted(by_segment.items()))
    assert not by_segment, f"English in {language} pages:\n{report}"


@pytest.mark.parametrize("language", ["fr", "es"])
def test_a_badge_printed_for_a_french_or_spanish_session_has_no_english(language, settings,
                                                                        tmp_path):
    """The badge's own words (band, role, State, "No") in the session's language; the person's
    name and the session's title are data."""
    import io

    from pypdf import PdfReader

    from tests.factories import PersonFactory, SessionFactory
    from tests.registration.factories import desk_user, registration
    from tripartite.registration import badges
    from tripartite.registration.services import desk

    settings.MEDIA_ROOT = tmp_path
    session = SessionFactory(working_languages=[language])
    registrations = [registration(session, iso2, group=group, role=role,
                                  person=PersonFactory(name=name, gender=gender))
                     for iso2, group, role, name, gender in (
                         ("GR", "government", "adviser", "Eleni Nikolaou", "f"),
                         ("KE", "employers", "delegate", "Otieno Kamau", "m"),
                         ("DE", "workers", "substitute_delegate", "Karl Arbeiter", "m"))]
    printed = desk.badges_print(actor=desk_user(), session=session, registrations=registrations)
    pdf = badges.badges_document(printed, **badges.session_options(session))
    lines = [line for page in PdfReader(io.BytesIO(pdf)).pages
             for line in page.extract_text().splitlines()]
    data = {session.title, "Eleni Nikolaou", "Otieno Kamau", "Karl Arbeiter"}
    assert english_segments(lines, data) == [], lines
