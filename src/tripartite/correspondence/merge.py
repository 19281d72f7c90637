"""Mail-merge: the values of each letter of a batch, the check made before anything is
generated, the preview of the first letter in each language, and the zip of a batch.

The check reads every placeholder the template's versions print for every recipient: one
missing value anywhere stops the batch, and the check lists every recipient and every field
missing, plus what the batch itself lacks (the session, a deadline, a signatory), the
languages without a version of the template and the chosen States without an address book
entry.
"""

import io
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from tripartite.common.services import ServiceError
from tripartite.correspondence import documents, placeholders, selectors
from tripartite.correspondence.models import (
    AddressBookEntry,
    Letter,
    MailMergeBatch,
    Selection,
    TemplateVersion,
)
from tripartite.delegations.evaluation import credentials_deadline
from tripartite.delegations.selectors import credentials_settings

LANGUAGE_ORDER = ("en", "fr", "es")


@dataclass
class RecipientRow:
    entry: AddressBookEntry
    language: str
    missing: list[str] = field(default_factory=list)
    original: Letter | None = None


@dataclass
class BatchCheck:
    """What stops a batch, if anything."""

    rows: list[RecipientRow]
    versions: dict[str, TemplateVersion]
    batch_missing: list[str] = field(default_factory=list)
    languages_without_version: list[str] = field(default_factory=list)
    states_without_entry: list = field(default_factory=list)
    versions_refused: list[str] = field(default_factory=list)

    @property
    def rows_missing(self) -> list[RecipientRow]:
        return [row for row in self.rows if row.missing]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not (self.rows_missing or self.batch_missing
                                        or self.languages_without_version
                                        or self.states_without_entry
                                        or self.versions_refused)

    def problems(self) -> list[str]:
        """Every problem, one sentence each, for messages and the API."""
        found = list(self.versions_refused)
        if not self.rows:
            found.append(_("The batch has no recipient."))
        if self.batch_missing:
            found.append(_("The batch lacks: %(fields)s.") % {
                "fields": ", ".join(self.batch_missing)})
        for language in self.languages_without_version:
            found.append(_("The template has no version in %(language)s.") % {
                "language": language_name(language)})
        if self.states_without_entry:
            found.append(_("No address book entry for: %(states)s.") % {
                "states": ", ".join(state.name for state in self.states_without_entry)})
        for row in self.rows_missing:
            found.append(_("%(recipient)s lacks: %(fields)s.") % {
                "recipient": row.entry.name, "fields": ", ".join(row.missing)})
        return found


def language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


def batch_facts(batch: MailMergeBatch) -> placeholders.BatchFacts:
    session = batch.session
    deadline = None
    if session is not None:
        deadline = credentials_deadline(session, credentials_settings(session))
    return placeholders.BatchFacts(
        session=session, credentials_deadline=deadline, reply_deadline=batch.reply_deadline,
        signatory=batch.signatory, signatory_title=batch.signatory_title,
        letter_date=batch.letter_date)


def batch_entries(batch: MailMergeBatch) -> list[AddressBookEntry]:
    return list(batch.recipients.select_related("member_state", "organisation")
                .order_by("name", "id"))


def originals_by_recipient(batch: MailMergeBatch) -> dict[int, Letter]:
    """For a reminder batch: each recipient's letter in the batch reminded."""
    if batch.reminder_of_id is None:
        return {}
    return {letter.recipient_id: letter for letter in batch.reminder_of.letters.all()}


def values_for(batch: MailMergeBatch, row: RecipientRow, facts, reference: str) -> dict:
    language = row.language
    values = {
        **placeholders.recipient_values(row.entry, language),
        **placeholders.batch_values(facts, language),
        **placeholders.original_values(row.original, language),
        "reference": reference,
        "letter_date": placeholders.long_date(batch.letter_date, language),
    }
    subject = placeholders.translated(batch.template, "subject", language)
    values["subject"] = documents.render_subject(subject, values)
    return values


def check_batch(batch: MailMergeBatch) -> BatchCheck:
    """Every recipient against every placeholder the template prints, before generation."""
    template = batch.template
    versions = selectors.current_versions(template)
    facts = batch_facts(batch)
    originals = originals_by_recipient(batch)
    rows = [RecipientRow(entry, entry.language, original=originals.get(entry.pk))
            for entry in batch_entries(batch)]
    check = BatchCheck(rows=rows, versions=versions)
    check.languages_without_version = [code for code in LANGUAGE_ORDER
                                       if code not in versions
                                       and any(row.language == code for row in rows)]
    check.versions_refused = _versions_refused(template, versions, rows)
    batch_missing = set()
    for row in rows:
        version = versions.get(row.language)
        if version is None:
            continue
        needed = set(version.placeholders.get("required", []))
        needed |= documents.subject_placeholders(
            placeholders.translated(template, "subject", row.language))
        values = {**placeholders.recipient_values(row.entry, row.language),
                  **placeholders.batch_values(facts, row.language),
                  **placeholders.original_values(row.original, row.language)}
        for name in sorted(needed - set(placeholders.ALWAYS_FILLED)):
            if values.get(name, "").strip():
                continue
            if name in placeholders.BATCH_PLACEHOLDERS:
                batch_missing.add(name)
            else:
                row.missing.append(name)
    check.batch_missing = [name for name in placeholders.PLACEHOLDERS if name in batch_missing]
    if batch.selection not in (Selection.HAND_PICKED, Selection.NON_REPLIERS):
        check.states_without_entry = selectors.recipients_for(
            selection=batch.selection, audience=batch.audience, region=batch.region,
            session=batch.session).states_without_entry
    return check


def _versions_refused(template, versions: dict, rows: list[RecipientRow]) -> list[str]:
    """The versions (and subjects) this batch would use that today's checks refuse: a
    template stored before a rule existed is never run, it is named with the reason."""
    refused = []
    for code in LANGUAGE_ORDER:
        version = versions.get(code)
        if version is None or not any(row.language == code for row in rows):
            continue
        problem = documents.stored_template_problem(read_file(version.file))
        if not problem:
            try:
                documents.check_subject(placeholders.translated(template, "subject", code))
            except ServiceError as error:
                problem = error.message
        if problem:
            refused.append(_("Version %(number)s of the template in %(language)s cannot be "
                             "used: %(problem)s") % {"number": version.number,
                                                     "language": language_name(code),
                                                     "problem": problem})
    return refused


def read_file(field_file) -> bytes:
    with default_storage.open(field_file.name, "rb") as handle:
        return handle.read()


def preview(batch: MailMergeBatch, language: str) -> tuple[RecipientRow, bytes] | None:
    """The first letter of the batch in ``language``, rendered as Word, with a stand-in
    reference (references are given only at generation)."""
    check = check_batch(batch)
    row = next((row for row in check.rows if row.language == language), None)
    version = check.versions.get(language)
    if row is None or version is None:
        return None
    values = values_for(batch, row, batch_facts(batch), _("[reference]"))
    return row, documents.render_docx(read_file(version.file), values)


def letter_file_stem(letter: Letter) -> str:
    state = letter.member_state.iso2 if letter.member_state_id else f"r{letter.recipient_id}"
    return f"{letter.reference.replace('/', '-')}_{state}_{letter.language}"


def batch_zip(batch: MailMergeBatch) -> io.BytesIO:
    """Every letter of the batch, Word and PDF, in one zip (built in memory)."""
    buffer = io.BytesIO()
    letters = batch.letters.select_related("member_state").order_by("number")
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for letter in letters:
            stem = letter_file_stem(letter)
            archive.writestr(f"word/{stem}.docx", read_file(letter.word_file))
            if letter.pdf_file:
                archive.writestr(f"pdf/{stem}.pdf", read_file(letter.pdf_file))
    buffer.seek(0)
    return buffer


def zip_name(batch: MailMergeBatch) -> str:
    return f"letters-{batch.template.code}-{batch.pk}-{timezone.localdate():%Y%m%d}.zip"
