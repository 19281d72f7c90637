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
from django.utils import timezone
from django.utils.translation import gettext as _

from tripartite.accounts.models import User
from tripartite.common.services import (
    PermissionDeniedError,
    ServiceError,
    apply_changes,
    log_action,
)
from tripartite.jobs.services import job_queue
from tripartite.library import permissions, search
from tripartite.library.models import (
    Decision,
    Document,
    DocumentFile,
    DocumentType,
    FollowUpStatus,
    Instrument,
    Provision,
    RulesText,
    TextStatus,
)
from tripartite.library.provisions import SplitError, split_text
from tripartite.library.symbols import parse_symbol
from tripartite.library.uploads import (
    INLINE_EXTRACTION_UP_TO,
    CheckedFile,
    check_document_file,
    extract_text,
    read_rules_text,
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


# ---------------------------------------------------------------------------------------------
# Decisions and their follow-up

FOLLOW_UP_FIELDS = ("status", "unit", "deadline", "report_session")


def _texts(text_en: str, text_fr: str, text_es: str) -> dict[str, str]:
    return {"en": (text_en or "").strip(), "fr": (text_fr or "").strip(),
            "es": (text_es or "").strip()}


def _check_follow_up(*, status: str, deadline: dt.date | None, date: dt.date) -> None:
    if status not in FollowUpStatus.values:
        raise ServiceError(_("Choose the status of the follow-up."), field="status",
                           code="required")
    if deadline is not None and deadline < date:
        raise ServiceError(_("The deadline cannot be before the decision."),
                           field="deadline", code="deadline_before_decision")


def decision_record(*, actor: User, agenda_item: AgendaItem | None, date: dt.date | None,
                    text_en: str, text_fr: str = "", text_es: str = "",
                    document: Document | None = None, paragraph: str = "",
                    requests: str = "", addressed_to: str = "", unit: str = "",
                    deadline: dt.date | None = None,
                    report_session: Session | None = None) -> Decision:
    """Record a decision taken on ``agenda_item`` (one not recorded at the Chair's console:
    those come by themselves), or, for a session older than the product's meetings, on
    ``document`` alone, with its text in English (required), French and Spanish, the
    document and paragraph it was taken on, what it asks of whom, and its follow-up (pending
    to begin with). The secretariat only."""
    with transaction.atomic():
        if not permissions.can_manage_decisions(actor):
            raise PermissionDeniedError
        texts = _texts(text_en, text_fr, text_es)
        if not texts["en"]:
            raise ServiceError(_("Give the text of the decision, in English at least."),
                               field="text_en", code="required")
        if date is None:
            raise ServiceError(_("Give the date of the decision."), field="date",
                               code="required")
        if agenda_item is None and document is None:
            raise ServiceError(_("Choose the agenda item, or the document for a session "
                                 "older than the meetings in Tripartite."),
                               field="agenda_item", code="required")
        _check_follow_up(status=FollowUpStatus.PENDING, deadline=deadline, date=date)
        decision = Decision(
            agenda_item=agenda_item, text_en=texts["en"], text_fr=texts["fr"],
            text_es=texts["es"], document=document, paragraph=(paragraph or "").strip(),
            date=date, requests=(requests or "").strip(),
            addressed_to=(addressed_to or "").strip(), unit=(unit or "").strip(),
            deadline=deadline, report_session=report_session, recorded_by=actor)
        decision.full_clean(exclude=["text", "item_record"])
        decision.save()
        log_action(actor=actor, action="library.decision.recorded", obj=decision, data={
            "item": agenda_item.pk if agenda_item else None,
            "document": document.pk if document else None,
            "paragraph": decision.paragraph, "unit": decision.unit,
            "deadline": deadline.isoformat() if deadline else None,
            **{f"text_{language}": value for language, value in texts.items()}})
    return decision


def decision_follow_up_update(*, actor: User, decision: Decision, status: str,
                              unit: str = "", deadline: dt.date | None = None,
                              report_session: Session | None = None,
                              note: str = "") -> Decision:
    """Change a decision's follow-up: its status (pending, in progress, reported, closed),
    the unit responsible, the deadline and the session to report to. Each change is logged
    with its values before and after (and the note, if any): the decision's history."""
    with transaction.atomic():
        if not permissions.can_manage_decisions(actor):
            raise PermissionDeniedError
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        _check_follow_up(status=status, deadline=deadline, date=decision.date)
        note = (note or "").strip()
        if len(note) > 2000:
            raise ServiceError(_("A note is limited to %(count)s characters.")
                               % {"count": 2000}, field="note")
        diff = apply_changes(decision, {
            "status": status, "unit": (unit or "").strip(), "deadline": deadline,
            "report_session": report_session}, fields=FOLLOW_UP_FIELDS)
        if not diff and not note:
            raise ServiceError(_("Nothing changed."), code="unchanged")
        decision.full_clean(exclude=["text", "item_record"])
        decision.save()
        log_action(actor=actor, action="library.decision.follow_up.updated", obj=decision,
                   data={**diff, **({"note": note} if note else {})})
    return decision


def _paper_of(item: AgendaItem) -> Document | None:
    """The one report for decision on ``item``, when there is exactly one."""
    papers = list(item.documents.filter(type=DocumentType.REPORT_FOR_DECISION)[:2])
    return papers[0] if len(papers) == 1 else None


def decision_from_record(*, record: Any, actor: User | None) -> Decision:
    """Copy the decision the Chair recorded at the console (a ``sittings.ItemRecord``) into
    the library: a new decision (pending follow-up, on the item's report for decision when
    it has one), or, when the Chair changes it, its new text and outcome, keeping the
    follow-up. Called inside the console's transaction (the signal), so both or neither."""
    item = record.agenda_item
    date = (timezone.localtime(record.decided_at, item.session.zone).date()
            if record.decided_at else timezone.localdate())
    texts = {language: getattr(record, f"decision_text_{language}") or ""
             for language in LANGUAGE_CODES}
    decision = Decision.objects.select_for_update().filter(item_record=record).first()
    if decision is None:
        decision = Decision(agenda_item=item, item_record=record, date=date,
                            outcome=record.outcome, document=_paper_of(item),
                            **{f"text_{language}": value for language, value in texts.items()})
        decision.save()
        log_action(actor=actor, action="library.decision.from_sitting", obj=decision, data={
            "item": item.pk, "sitting": record.sitting_id, "outcome": record.outcome})
        return decision
    diff = apply_changes(decision, {"outcome": record.outcome, "date": date,
                                    **{f"text_{language}": value
                                       for language, value in texts.items()}},
                         fields=("outcome", "date", *(f"text_{code}" for code in LANGUAGE_CODES)))
    if diff:
        decision.save()
        log_action(actor=actor, action="library.decision.changed", obj=decision, data=diff)
    return decision


def on_decision_recorded(sender: Any, *, record: Any, actor: User | None, **kwargs: Any) -> None:
    """The receiver of ``sittings.signals.decision_recorded``."""
    decision_from_record(record=record, actor=actor)


# ---------------------------------------------------------------------------------------------
# The rules' texts


@dataclass(frozen=True)
class TextImported:
    text: RulesText
    replaced: bool  # an earlier import of the same version and language was replaced
    articles: int
    provisions: int


def split_refusal(error: SplitError) -> ServiceError:
    """A splitter's refusal as the secretariat reads it, on the ``file`` field."""
    if error.code == "empty":
        message = _("The file has no text.")
    elif error.code == "no_article":
        message = _("No article was found in this file: each article must start on a line of "
                    "its own with “Article 4”, “Art. 4” or “Artículo 4”. Nothing was "
                    "imported.")
    elif error.code == "duplicate_article":
        message = _("Line %(line)s: article %(article)s is given a second time. Nothing was "
                    "imported.") % {"line": error.line, "article": error.article}
    else:
        message = _("Line %(line)s: paragraph %(paragraph)s of article %(article)s is given a "
                    "second time. Nothing was imported.") % {
            "line": error.line, "article": error.article, "paragraph": error.paragraph}
    return ServiceError(message, code=f"text_{error.code}", field="file")


def rules_text_import(*, actor: User, instrument: str, language: str,
                      version_date: dt.date, uploaded_file: Any) -> TextImported:
    """Import one language of one version of an instrument from a .docx or plain-text file,
    split into articles and paragraphs (provisions.py). An earlier import of the same
    instrument, version and language is replaced in the same transaction: readers see the old
    provisions or the new ones, never a mix. A file that cannot be read or in which no article
    is found is refused and changes nothing."""
    if not permissions.can_manage_rules_texts(actor):
        raise PermissionDeniedError
    if instrument not in Instrument.values:
        raise ServiceError(_("Choose an instrument."), code="invalid_instrument",
                           field="instrument")
    if language not in LANGUAGE_CODES:
        raise ServiceError(_("Choose English, French or Spanish."), code="invalid_language",
                           field="language")
    content, name = read_rules_text(uploaded_file)
    try:
        split = split_text(content)
    except SplitError as error:
        raise split_refusal(error) from error
    with transaction.atomic():
        text, created = RulesText.objects.select_for_update().get_or_create(
            instrument=instrument, language=language, version_date=version_date,
            defaults={"imported_by": actor, "imported_at": timezone.now(),
                      "source_name": name[:255]})
        if not created:
            text.provisions.all().delete()
            text.imported_by, text.imported_at, text.source_name = (
                actor, timezone.now(), name[:255])
            text.save(update_fields=["imported_by", "imported_at", "source_name",
                                     "updated_at"])
        Provision.objects.bulk_create(
            Provision(text=text, position=position, article=item.article,
                      paragraph=item.paragraph, heading=item.heading[:300], body=item.text)
            for position, item in enumerate(split, start=1))
        articles = len({item.article for item in split})
        log_action(actor=actor, action="library.rules_text.imported", obj=text, data={
            "instrument": instrument, "language": language,
            "version_date": version_date.isoformat(), "file": name[:255],
            "articles": articles, "provisions": len(split), "replaced": not created})
        transaction.on_commit(forget_provision_index)
    forget_provision_index()
    return TextImported(text=text, replaced=not created, articles=articles,
                        provisions=len(split))


def forget_provision_index() -> None:
    from tripartite.library import citation_links

    citation_links.forget()
