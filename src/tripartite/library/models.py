"""The governance library: documents under their ILO symbol, each with a file per language.

A :class:`Document` is one symbol (``GB.356/INS/3(Rev.1)``): its parts as parsed by
``symbols.parse_symbol``, its title in EN/FR/ES (translation.py), its type, date, session
and agenda items, and the earlier revision it supersedes (both are kept). A
:class:`DocumentFile` is one language version of it: the file, kept through Django's storage
API and served only by a permission-checked view, and the text extracted for search.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tripartite.common.models import TimeStampedModel
from tripartite.sittings.models import DecisionOutcome


class DocumentType(models.TextChoices):
    REPORT_FOR_DECISION = "decision_paper", _("Report for decision")
    REPORT_FOR_INFORMATION = "information_paper", _("Report for information")
    CONFERENCE_REPORT = "conference_report", _("Conference report")
    RECORD = "record", _("Record of proceedings")
    MINUTES = "minutes", _("Minutes")
    DECISION = "decision", _("Decision")
    STANDING_ORDERS = "standing_orders", _("Standing Orders")
    CONSTITUTION = "constitution", _("Constitution")
    NOTE = "note", _("Internal note")
    BRIEFING_NOTE = "briefing_note", _("Briefing note")
    LETTER = "letter", _("Letter")


# The Office's internal papers: read only by its staff (permissions.can_view_restricted).
RESTRICTED_TYPES = frozenset({DocumentType.NOTE, DocumentType.BRIEFING_NOTE,
                              DocumentType.LETTER})


class Document(TimeStampedModel):
    symbol = models.CharField(_("symbol"), max_length=120, unique=True,
                              help_text=_("e.g. GB.356/INS/3(Rev.1) or ILC.114/Record No. 5A"))
    base_symbol = models.CharField(_("base symbol"), max_length=120, db_index=True,
                                   help_text=_("The symbol without revision, addendum and "
                                               "corrigendum: what every revision shares."))
    organ = models.CharField(_("organ"), max_length=10, db_index=True)
    session_number = models.CharField(_("session number"), max_length=10)
    section = models.CharField(_("section"), max_length=40, blank=True)
    number = models.CharField(_("number"), max_length=40, blank=True)
    revision = models.PositiveSmallIntegerField(_("revision"), default=0)
    addendum = models.PositiveSmallIntegerField(_("addendum"), default=0)
    corrigendum = models.PositiveSmallIntegerField(_("corrigendum"), default=0)
    is_decision = models.BooleanField(_("decision page"), default=False)
    title = models.CharField(_("title"), max_length=500)
    type = models.CharField(_("type"), max_length=30, choices=DocumentType.choices)
    date = models.DateField(_("date"), db_index=True)
    session = models.ForeignKey("meetings.Session", verbose_name=_("session"), null=True,
                                blank=True, on_delete=models.PROTECT, related_name="documents")
    agenda_items = models.ManyToManyField("meetings.AgendaItem", verbose_name=_("agenda items"),
                                          blank=True, related_name="documents")
    supersedes = models.OneToOneField(
        "self", verbose_name=_("supersedes"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="superseded_by", help_text=_("The earlier revision this one replaces."))
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("added by"),
                                 null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-date", "symbol"]
        constraints = [
            # Two spellings of one paper ("(Add.)" and "(Add.1)") are one document.
            models.UniqueConstraint(
                name="library_document_one_per_version",
                fields=["base_symbol", "revision", "addendum", "corrigendum", "is_decision"]),
        ]
        indexes = [models.Index(fields=["organ", "session_number"])]

    def __str__(self):
        return f"{self.symbol} {self.title}"

    @property
    def restricted(self) -> bool:
        return self.type in RESTRICTED_TYPES


class TextStatus(models.TextChoices):
    PENDING = "pending", _("Text being extracted")
    READY = "ready", _("Searchable")
    NO_TEXT = "no_text", _("No text layer: not searchable")
    FAILED = "failed", _("Text could not be extracted")


class FileKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word"


def document_upload_path(instance: "DocumentFile", filename: str) -> str:
    """Our own name, never the uploader's: ``library/<document>/<language>-<random>.<ext>``."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"library/{instance.document_id}/{instance.language}-{uuid.uuid4().hex[:12]}.{extension}"


class DocumentFile(TimeStampedModel):
    document = models.ForeignKey(Document, verbose_name=_("document"),
                                 on_delete=models.CASCADE, related_name="files")
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    file = models.FileField(_("file"), upload_to=document_upload_path, max_length=300)
    kind = models.CharField(_("format"), max_length=5, choices=FileKind.choices)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)
    text_status = models.CharField(_("text"), max_length=10, choices=TextStatus.choices,
                                   default=TextStatus.PENDING)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"),
                                    null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        ordering = ["document", "language"]
        constraints = [
            models.UniqueConstraint(name="library_one_file_per_language",
                                    fields=["document", "language"]),
        ]

    def __str__(self):
        return f"{self.document.symbol} ({self.language})"


class FollowUpStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    IN_PROGRESS = "in_progress", _("In progress")
    REPORTED = "reported", _("Reported")
    CLOSED = "closed", _("Closed")


# Awaiting follow-up: what the list of decisions shows unless asked otherwise.
AWAITING = (FollowUpStatus.PENDING, FollowUpStatus.IN_PROGRESS)


class Decision(TimeStampedModel):
    """A decision taken on an agenda item, and its follow-up.

    Its text is stored in EN/FR/ES (translation.py). One recorded at the Chair's console
    (``sittings.ItemRecord``) is copied here by ``services.decision_from_record`` when the
    Chair records it and keeps its link to the record; the published results of the votes on
    its agenda item are read from the votes room (``selectors.item_votes``). The follow-up
    (unit, deadline or session to report to, status) is the secretariat's.
    Each change of follow-up is in the action log, which the decision's page shows.
    """

    # Empty for a decision of a session older than the product's meetings: then the document
    # it was taken on says which (services.decision_record requires one or the other).
    agenda_item = models.ForeignKey("meetings.AgendaItem", verbose_name=_("agenda item"),
                                    null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="library_decisions")
    text = models.TextField(_("text of the decision"))
    outcome = models.CharField(_("outcome"), max_length=30, blank=True,
                               choices=DecisionOutcome.choices)
    document = models.ForeignKey(Document, verbose_name=_("document"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="decisions",
                                 help_text=_("The document the decision was taken on."))
    paragraph = models.CharField(_("paragraph"), max_length=40, blank=True,
                                 help_text=_("e.g. 12 or 12(b): the paragraph of the "
                                             "document that proposes the decision."))
    date = models.DateField(_("date of the decision"), db_index=True)
    requests = models.TextField(_("what it asks"), blank=True)
    addressed_to = models.CharField(_("of whom"), max_length=200, blank=True,
                                    help_text=_("e.g. the Director-General, the Office."))
    unit = models.CharField(_("unit responsible"), max_length=100, blank=True,
                            db_index=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    report_session = models.ForeignKey(
        "meetings.Session", verbose_name=_("session to report to"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="decisions_reported",
        help_text=_("The session at which the Office reports back."))
    status = models.CharField(_("status"), max_length=20, choices=FollowUpStatus.choices,
                              default=FollowUpStatus.PENDING, db_index=True)
    item_record = models.OneToOneField(
        "sittings.ItemRecord", verbose_name=_("record at the sitting"), null=True,
        blank=True, on_delete=models.SET_NULL, related_name="library_decision")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-date", "id"]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self):
        if self.agenda_item_id is not None:
            return f"{self.agenda_item.session.title} — {self.agenda_item.number} ({self.date})"
        return f"{self.document.symbol if self.document_id else ''} ({self.date})"


class Instrument(models.TextChoices):
    """The instruments whose provisions the rules cite (rules/citations.py)."""

    CONSTITUTION = "constitution", _("Constitution")
    ILC_STANDING_ORDERS = "ilc_standing_orders", _("Standing Orders of the Conference")
    GB_STANDING_ORDERS = "gb_standing_orders", _("Standing Orders of the Governing Body")


class RulesText(TimeStampedModel):
    """One language of one version of an instrument, imported from the secretariat's file and
    split into its provisions (provisions.split_text). Importing the same instrument, language
    and version again replaces its provisions in one transaction."""

    instrument = models.CharField(_("instrument"), max_length=30, choices=Instrument.choices)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    version_date = models.DateField(_("version of"), help_text=_(
        "The date of the version: of its adoption or last amendment."))
    source_name = models.CharField(_("file name"), max_length=255, blank=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("imported by"),
                                    null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    imported_at = models.DateTimeField(_("imported at"))

    class Meta:
        verbose_name = _("rules text")
        verbose_name_plural = _("rules texts")
        ordering = ["instrument", "-version_date", "language"]
        constraints = [
            models.UniqueConstraint(name="library_rulestext_one_per_version_language",
                                    fields=["instrument", "version_date", "language"]),
        ]

    def __str__(self):
        return f"{self.get_instrument_display()} ({self.version_date}, {self.language})"


class Provision(models.Model):
    """An article's paragraph ("" for its unnumbered text) in one rules text."""

    text = models.ForeignKey(RulesText, verbose_name=_("text"), on_delete=models.CASCADE,
                             related_name="provisions")
    position = models.PositiveIntegerField(_("position"))
    article = models.CharField(_("article"), max_length=20)
    paragraph = models.CharField(_("paragraph"), max_length=10, blank=True)
    heading = models.CharField(_("heading"), max_length=300, blank=True)
    body = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        ordering = ["text", "position"]
        constraints = [
            models.UniqueConstraint(name="library_provision_one_per_paragraph",
                                    fields=["text", "article", "paragraph"]),
        ]

    def __str__(self):
        return f"art. {self.article}" + (f"({self.paragraph})" if self.paragraph else "")

    @property
    def anchor(self) -> str:
        return f"art-{self.article.lower()}" + (f"-{self.paragraph}" if self.paragraph else "")
