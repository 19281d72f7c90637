"""Writes of the library: adding a document (or a language version, or a revision) with its
file, and extracting its text for search.

All or nothing: the document, its file row, the stored file, the search index's row and the
action log are written together; on any refusal or error the transaction is rolled back and
the file already written to storage is deleted, so nothing is half-stored.
"""

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from tripartite.accounts.models import User
from tripartite.common.services import PermissionDeniedError, ServiceError, log_action
from tripartite.jobs.services import job_queue
from tripartite.library import permissions, search
from tripartite.library.models import Document, DocumentFile, DocumentType, TextStatus
from tripartite.library.symbols import parse_symbol
from tripartite.library.uploads import (
    INLINE_EXTRACTION_UP_TO,
    CheckedFile,
    check_document_file,
    extract_text,
)
from tripartite.meetings.models import AgendaItem, Session

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


@dataclass(frozen=True)
class Added:
    document: Document
    file: DocumentFile
    new_document: bool
    warning: str = ""  # e.g. a PDF without a text layer
    job: Any = None  # the text extraction's job, for a big file


def _earlier_and_later(document: Document) -> tuple[Document | None, Document | None]:
    """The revision just before ``document`` and the one just after, if any."""
    same_paper = Document.objects.select_for_update().filter(
        base_symbol=document.base_symbol, addendum=document.addendum,
        corrigendum=document.corrigendum, is_decision=document.is_decision
    ).exclude(pk=document.pk)
    earlier = same_paper.filter(revision__lt=document.revision).order_by("-revision").first()
    later = same_paper.filter(revision__gt=document.revision).order_by("revision").first()
    return earlier, later


def _link_revisions(document: Document) -> None:
    """A revision supersedes the one before it (both stay); one added out of order goes
    between its neighbours."""
    earlier, later = _earlier_and_later(document)
    if later is not None and later.supersedes_id == (earlier.pk if earlier else None):
        later.supersedes = None
        later.save(update_fields=["supersedes", "updated_at"])
    if earlier is not None:
        document.supersedes = earlier
        document.save(update_fields=["supersedes", "updated_at"])
    if later is not None and later.supersedes_id is None:
        later.supersedes = document
        later.save(update_fields=["supersedes", "updated_at"])


def _check_links(session: Session | None, agenda_items: Iterable[AgendaItem]) -> list[AgendaItem]:
    items = list(agenda_items)
    if any(session is None or item.session_id != session.pk for item in items):
        raise ServiceError(_("An agenda item must be one of the document's session."),
                           field="agenda_items", code="item_of_another_session")
    return items


def _stored_file(document: Document, *, language: str, checked: CheckedFile,
                 actor: User) -> DocumentFile:
    file = DocumentFile(document=document, language=language, kind=checked.kind,
                        original_name=checked.name[:255], size=len(checked.content),
                        sha256=hashlib.sha256(checked.content).hexdigest(),
                        pages=checked.pages, uploaded_by=actor)
    file.file.save(f"{checked.kind}.{checked.kind}", ContentFile(checked.content), save=False)
    return file


def _set_text(file: DocumentFile, text: str, pages: int | None) -> None:
    file.text = text
    file.pages = pages if pages is not None else file.pages
    file.text_status = TextStatus.READY if text.strip() else TextStatus.NO_TEXT


def no_text_warning() -> str:
    return _("This PDF has no text layer (a scan?): it is kept, but search will not find its "
             "text. Upload a PDF with text when there is one.")


def document_add(*, actor: User, symbol: str, language: str, uploaded_file: Any,
                 title_en: str = "", title_fr: str = "", title_es: str = "",
                 type: str = "", date: dt.date | None = None, session: Session | None = None,
                 agenda_items: Iterable[AgendaItem] = ()) -> Added:
    """Add a language version under ``symbol``: a new document (or revision) when the symbol
    is new, another language of it when the symbol exists without that language; a language
    it already has is refused. A big file's text is extracted by a background job."""
    stored: list[str] = []
    try:
        with transaction.atomic():
            added = _document_add(actor=actor, symbol=symbol, language=language,
                                  uploaded_file=uploaded_file, titles={
                                      "en": title_en, "fr": title_fr, "es": title_es},
                                  type=type, date=date, session=session,
                                  agenda_items=agenda_items, stored=stored)
    except BaseException:
        for name in stored:  # nothing half-stored: the file goes with the rolled-back rows
            default_storage.delete(name)
        raise
    return added


def _document_add(*, actor: User, symbol: str, language: str, uploaded_file: Any,
                  titles: dict[str, str], type: str, date: dt.date | None,
                  session: Session | None, agenda_items: Iterable[AgendaItem],
                  stored: list[str]) -> Added:
    if not permissions.can_manage_library(actor):
        raise PermissionDeniedError
    parsed = parse_symbol(symbol)
    if language not in LANGUAGE_CODES:
        raise ServiceError(_("Choose English, French or Spanish."), field="language",
                           code="unknown_language")
    existing = Document.objects.select_for_update().filter(
        base_symbol=parsed.base, revision=parsed.revision, addendum=parsed.addendum,
        corrigendum=parsed.corrigendum, is_decision=parsed.decision).first()
    if existing is not None and existing.files.filter(language=language).exists():
        raise ServiceError(_("%(symbol)s already has its %(language)s version. A new "
                             "version of the paper is a revision: give it its own symbol, "
                             "like %(symbol)s(Rev.1).") % {
            "symbol": existing.symbol, "language": dict(settings.LANGUAGES)[language]},
            field="symbol", code="duplicate_symbol", status=409)
    if existing is None:
        if not titles["en"].strip():
            raise ServiceError(_("Give the document's title in English."), field="title_en",
                               code="required")
        if type not in DocumentType.values:
            raise ServiceError(_("Choose the document's type."), field="type",
                               code="required")
        if date is None:
            raise ServiceError(_("Give the document's date."), field="date", code="required")
    checked = check_document_file(uploaded_file)
    new_document = existing is None
    if existing is None:
        assert date is not None  # checked above
        items = _check_links(session, agenda_items)
        document = Document(
            symbol=parsed.text, base_symbol=parsed.base, organ=parsed.organ,
            session_number=parsed.session, section=parsed.section, number=parsed.number,
            revision=parsed.revision, addendum=parsed.addendum,
            corrigendum=parsed.corrigendum, is_decision=parsed.decision,
            title_en=titles["en"].strip(), title_fr=titles["fr"].strip(),
            title_es=titles["es"].strip(), type=type, date=date, session=session,
            added_by=actor)
        document.full_clean(exclude=["supersedes", "title"])
        document.save()
        document.agenda_items.set(items)
        _link_revisions(document)
    else:
        document = existing
        if titles.get(language, "").strip() and not getattr(document, f"title_{language}"):
            setattr(document, f"title_{language}", titles[language].strip())
            document.save(update_fields=[f"title_{language}", "updated_at"])
    file = _stored_file(document, language=language, checked=checked, actor=actor)
    stored.append(str(file.file.name))
    warning, job = "", None
    if len(checked.content) <= INLINE_EXTRACTION_UP_TO:
        extracted = extract_text(checked.content, checked.kind)
        _set_text(file, extracted.text, extracted.pages)
        if file.text_status == TextStatus.NO_TEXT:
            warning = no_text_warning()
    file.save()
    if file.text_status != TextStatus.PENDING:
        search.index_file(file)
    else:
        job = job_queue(owner=actor, kind="library.extract", task=(
            "tripartite.library.tasks.extract_text"), params={"file": file.pk}, total=1,
            title=_("Text of %(symbol)s (%(language)s) for search") % {
                "symbol": document.symbol, "language": file.get_language_display()},
            back_url=f"/library/documents/{document.pk}/")
    log_action(actor=actor, action="library.document.added" if new_document
               else "library.language_version.added", obj=document,
               data={"symbol": document.symbol, "language": language,
                     "file": file.original_name, "sha256": file.sha256, "size": file.size,
                     "text": file.text_status})
    return Added(document, file, new_document, warning, job)


def document_file_text_extract(*, file_id: int) -> DocumentFile:
    """Extract a stored file's text and index it (the background job of a big file). A
    damaged file is marked so (``failed``: kept, not searchable) and the job says why."""
    file = DocumentFile.objects.select_related("document").get(pk=file_id)
    with default_storage.open(str(file.file.name), "rb") as handle:
        content = handle.read()
    try:
        extracted = extract_text(content, file.kind)
    except ServiceError:
        DocumentFile.objects.filter(pk=file.pk).update(text_status=TextStatus.FAILED)
        raise
    with transaction.atomic():
        file = DocumentFile.objects.select_for_update().select_related("document").get(
            pk=file_id)
        _set_text(file, extracted.text, extracted.pages)
        file.save(update_fields=["text", "pages", "text_status", "updated_at"])
        search.index_file(file)
        log_action(actor=None, action="library.language_version.text_extracted",
                   obj=file.document, data={"language": file.language,
                                            "text": file.text_status,
                                            "characters": len(file.text)})
    return file
