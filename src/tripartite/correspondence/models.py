"""Official correspondence: Word templates and their versions, the address book, mail-merge
batches, the outgoing register (letters with gap-free references) and the replies.

A letter is written in its recipient's language from one version of a template; the version
is recorded on the letter, and a template's older versions are kept. References come from
``ReferenceCounter``, a row locked while the letters that use its numbers are created (see
``references.py``), so that numbers are never reused and leave no gap.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tripartite.common import office, titles
from tripartite.common.models import TimeStampedModel
from tripartite.constituents.models import Gender

DEFAULT_REFERENCE_PATTERN = "RELOFF/{year}/{number:04d}"


class LetterKind(models.TextChoices):
    NOTE_VERBALE = "note_verbale", _("Note verbale to Permanent Missions")
    MINISTER = "minister", _("Letter to a Minister")
    ORGANISATION = "organisation", _("Letter to employers' or workers' organizations")
    INVITATION = "invitation", _("Invitation to a session")
    CREDENTIALS_REMINDER = "credentials_reminder", _("Credentials reminder")
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement")
    CIRCULAR = "circular", _("Circular")
    REMINDER = "reminder", _("Reminder of a letter awaiting reply")


class LetterTemplate(TimeStampedModel):
    """A type of letter; its Word files, one series of versions per language, are
    ``TemplateVersion`` rows. ``name`` and ``subject`` are stored in EN/FR/ES."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=LetterKind.choices)
    name = models.CharField(_("name"), max_length=200)
    subject = models.CharField(
        _("subject"), max_length=300,
        help_text=_("The subject of each letter in the register and of the e-mail; it may use "
                    "the same placeholders as the Word file, e.g. {{ session }}."))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")
        ordering = ["name_en"]

    def __str__(self):
        return self.name


def template_upload_path(instance, filename):
    return (f"correspondence/templates/{instance.template.code}/"
            f"{instance.template.code}.{instance.language}.v{instance.number}.docx")


class TemplateVersion(models.Model):
    """One uploaded Word file of a template in one language. Never changed or removed: a new
    upload is a new version, and letters point at the version they were made from."""

    template = models.ForeignKey(LetterTemplate, on_delete=models.PROTECT,
                                 related_name="versions")
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("Word file"), upload_to=template_upload_path)
    original_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    placeholders = models.JSONField(
        _("placeholders"), default=dict,
        help_text=_("The placeholders the file uses, found when it was uploaded: "
                    "{\"required\": […], \"optional\": […]}."))
    note = models.CharField(_("note"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("template version")
        verbose_name_plural = _("template versions")
        ordering = ["template", "language", "-number"]
        constraints = [models.UniqueConstraint(fields=["template", "language", "number"],
                                               name="one_version_number_per_template_language")]

    def __str__(self):
        return f"{self.template} ({self.language}, v{self.number})"


class RecipientKind(models.TextChoices):
    PERMANENT_MISSION = "permanent_mission", _("Permanent Mission")
    MINISTRY = "ministry", _("Ministry")
    ORGANISATION = "organisation", _("Organization")
    PERSON = "person", _("Person")


class CourtesyTitle(models.TextChoices):
    """The titles a letter puts before the name, each written as the letter's language
    writes it (``common/titles.py``); "other" is typed, and written as typed. "Ms" for every
    woman, as United Nations correspondence writes it (French and Spanish have one title,
    "Mme", "Sra.")."""

    MR = "mr", pgettext_lazy("courtesy title", "Mr")
    MS = "ms", pgettext_lazy("courtesy title", "Ms")
    MX = "mx", pgettext_lazy("courtesy title", "Mx")
    DR = "dr", pgettext_lazy("courtesy title", "Dr")
    PROF = "prof", pgettext_lazy("courtesy title", "Prof.")
    OTHER = "other", pgettext_lazy("courtesy title", "Other, as typed")


class AddressBookEntry(TimeStampedModel):
    """Someone the Office writes to, with what a letter needs: the language it is written
    in (one of the three), the person addressed with their title, the form of address, the
    names and the addresses.

    The title is chosen from a list (``courtesy_title``, ``excellency``, and the person's
    gender where the title does not state it), so that a letter writes it, and the salutation,
    in the letter's language: "H.E. Ms" in English is "S.E. Mme" in French and "Excma. Sra."
    in Spanish, and the salutation "Excellency", "Excellence", "Excelentísima Señora". A title
    the list lacks is typed (``other_title``) and written as typed; ``form_of_address``, when
    typed, replaces the salutation ("Monsieur l'Ambassadeur")."""

    kind = models.CharField(_("kind"), max_length=20, choices=RecipientKind.choices)
    member_state = models.ForeignKey("constituents.MemberState", verbose_name=_("member State"),
                                     null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="address_book_entries")
    organisation = models.ForeignKey(
        "constituents.ConstituentOrganisation", verbose_name=_("constituent organization"),
        null=True, blank=True, on_delete=models.SET_NULL, related_name="address_book_entries")
    name = models.CharField(
        _("name"), max_length=300,
        help_text=_("As addressed in a letter, in the recipient's language: "
                    "“Permanent Mission of Kenya to the United Nations Office and other "
                    "international organizations in Geneva”."))
    excellency = models.BooleanField(
        _("His or Her Excellency"), default=False,
        help_text=_("An ambassador or a minister: “H.E.”, “S.E.”, “Excmo.”/“Excma.” before "
                    "the title, and “Excellency” in the salutation."))
    courtesy_title = models.CharField(
        _("courtesy title"), max_length=10, choices=CourtesyTitle.choices, blank=True,
        help_text=_("Written as the letter's language writes it."))
    other_title = models.CharField(
        _("other title"), max_length=100, blank=True,
        help_text=_("Only with the title “Other”: written as typed in every language "
                    "(Sheikh, Hon.)."))
    addressee = models.CharField(_("person addressed"), max_length=200, blank=True,
                                 help_text=_("The name, without the title: Amina Wanjiru."))
    addressee_gender = models.CharField(
        _("gender of the person addressed"), max_length=1, choices=Gender.choices, blank=True,
        help_text=_("When the title does not state it: chooses “Dra.” or “Dr.”, "
                    "“Excma.” or “Excmo.”, “Madame” or “Monsieur”."))
    addressee_title = models.CharField(
        _("function"), max_length=200, blank=True,
        help_text=_("In the recipient's language: Ambassador and Permanent Representative."))
    form_of_address = models.CharField(
        _("form of address"), max_length=100, blank=True,
        help_text=_("Left empty, the salutation follows the title in the letter's language "
                    "(Excellency; Excellence; Excelentísima Señora; Sir or Madam). Typed, it "
                    "replaces it: Monsieur l'Ambassadeur."))
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    postal_address = models.TextField(_("postal address"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("address book entry")
        verbose_name_plural = _("address book")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["kind", "member_state"])]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.courtesy_title == CourtesyTitle.OTHER and not self.other_title.strip():
            raise ValidationError({"other_title": _("Type the title, or choose one from the "
                                                    "list.")})
        if self.other_title.strip() and self.courtesy_title != CourtesyTitle.OTHER:
            raise ValidationError({"other_title": _("A typed title goes with the title "
                                                    "“Other”.")})

    def title_in(self, language: str) -> str:
        """The title before the name, as ``language`` writes it ("S.E. Mme")."""
        if self.courtesy_title == CourtesyTitle.OTHER:
            excellency = titles.written("", language, excellency=self.excellency,
                                        gender=self.addressee_gender)
            return " ".join(part for part in (excellency, self.other_title.strip()) if part)
        return titles.written(self.courtesy_title, language, excellency=self.excellency,
                              gender=self.addressee_gender)

    def addressed_in(self, language: str) -> str:
        """The person addressed with their title ("S.E. Mme Amina Wanjiru"); "" without a
        name."""
        name = self.addressee.strip()
        return " ".join(part for part in (self.title_in(language), name) if part) if name else ""

    def salutation_in(self, language: str) -> str:
        """The form of address typed, else the one the title gives in ``language``."""
        if self.form_of_address.strip():
            return self.form_of_address.strip()
        code = "" if self.courtesy_title == CourtesyTitle.OTHER else self.courtesy_title
        return titles.salutation(code, language, excellency=self.excellency,
                                 gender=self.addressee_gender)

    @property
    def addressed(self) -> str:
        """As the entry's letters write the person addressed."""
        return self.addressed_in(self.language)

    @property
    def salutation(self) -> str:
        """As the entry's letters write the salutation."""
        return self.salutation_in(self.language)


class RegisterSettings(models.Model):
    """The outgoing register's options: one row (pk 1)."""

    reference_pattern = models.CharField(
        _("reference pattern"), max_length=100, default=DEFAULT_REFERENCE_PATTERN,
        help_text=_("{year} is the year of the letter, {number} its number in that year's "
                    "series; {number:04d} writes it on four digits: RELOFF/2026/0042."))

    class Meta:
        verbose_name = _("register settings")
        verbose_name_plural = _("register settings")

    def __str__(self):
        return self.reference_pattern


class ReferenceCounter(models.Model):
    """The last number given in one series of references (a pattern and a year).

    Locked with SELECT … FOR UPDATE by the transaction that creates the letters using its
    numbers: a rolled-back transaction gives its numbers back, so there are no gaps."""

    series = models.CharField(_("series"), max_length=150, unique=True)
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")

    def __str__(self):
        return f"{self.series}: {self.last_number}"


class Selection(models.TextChoices):
    ALL_MEMBER_STATES = "all", _("All member States")
    REGION = "region", _("The member States of a region")
    GOVERNING_BODY = "governing_body", _("The Governing Body's Government members")
    NO_CREDENTIALS = "no_credentials", _("States whose credentials have not been received")
    HAND_PICKED = "hand_picked", _("Hand-picked recipients")
    NON_REPLIERS = "non_repliers", _("Recipients who have not replied")


class Audience(models.TextChoices):
    """Which address book entry of each chosen member State receives the letter."""

    PERMANENT_MISSION = "permanent_mission", _("Permanent Missions")
    MINISTRY = "ministry", _("Ministries")
    EMPLOYERS = "employers", _("Employers' organizations")
    WORKERS = "workers", _("Workers' organizations")


class BatchStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    GENERATING = "generating", _("Being generated")
    GENERATED = "generated", _("Generated")
    SENDING = "sending", _("Being sent")
    INTERRUPTED = "interrupted", _("Sending interrupted")
    SENT = "sent", _("Sent")


class MailMergeBatch(TimeStampedModel):
    """One template sent to a set of recipients: checked, previewed, generated, sent."""

    template = models.ForeignKey(LetterTemplate, verbose_name=_("template"),
                                 on_delete=models.PROTECT, related_name="batches")
    selection = models.CharField(_("recipients"), max_length=20, choices=Selection.choices)
    audience = models.CharField(_("addressed to"), max_length=20, choices=Audience.choices,
                                default=Audience.PERMANENT_MISSION)
    region = models.CharField(_("region"), max_length=40, blank=True)
    session = models.ForeignKey("meetings.Session", verbose_name=_("session"), null=True,
                                blank=True, on_delete=models.PROTECT, related_name="+",
                                help_text=_("The session the letters are about."))
    reminder_of = models.ForeignKey("self", verbose_name=_("reminder of"), null=True,
                                    blank=True, on_delete=models.PROTECT,
                                    related_name="reminders")
    recipients = models.ManyToManyField(AddressBookEntry, verbose_name=_("recipients"),
                                        related_name="batches")
    signatory = models.CharField(_("signatory"), max_length=200, blank=True)
    signatory_title = models.CharField(_("signatory's title"), max_length=200, blank=True)
    letter_date = models.DateField(_("date of the letters"))
    reply_deadline = models.DateField(_("reply expected by"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=BatchStatus.choices,
                              default=BatchStatus.DRAFT)
    # Why PDF files were not made: a code of common.office (pdf_problem_text says it).
    pdf_problem = models.TextField(_("PDF problem"), blank=True)
    problem = models.TextField(_("last problem"), blank=True)
    generated_at = models.DateTimeField(_("generated"), null=True, blank=True)
    # The generation under way: its token names the folder of its files until they are in
    # place (see staging.py); when it started tells a dead job from a running one.
    generation_attempt = models.CharField(max_length=32, blank=True)
    generation_started_at = models.DateTimeField(_("generation started"), null=True,
                                                 blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("mail-merge batch")
        verbose_name_plural = _("mail-merge batches")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.template} — {self.letter_date:%Y-%m-%d} (#{self.pk})"

    @property
    def pdf_problem_text(self) -> str:
        """``pdf_problem`` in the active language ('' when there is none)."""
        if not self.pdf_problem:
            return ""
        params = {}
        if self.pdf_problem == office.INCOMPLETE:
            letters = self.letters.all()
            params = {"made": letters.exclude(pdf_file="").count(), "total": letters.count()}
        return office.problem_message(self.pdf_problem, **params)


class LetterStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
    SENT = "sent", _("Sent")


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    POST = "post", _("Post")
    HAND = "hand", _("By hand")


def letter_upload_path(instance, filename):
    extension = filename.rsplit(".", 1)[-1]
    return (f"correspondence/letters/{instance.letter_date:%Y}/"
            f"{instance.reference.replace('/', '-')}.{extension}")


class Letter(TimeStampedModel):
    """One letter in the outgoing register."""

    reference = models.CharField(_("reference"), max_length=120, unique=True)
    series = models.CharField(_("series"), max_length=150)
    number = models.PositiveIntegerField(_("number"))
    batch = models.ForeignKey(MailMergeBatch, verbose_name=_("batch"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="letters")
    template_version = models.ForeignKey(TemplateVersion, verbose_name=_("template version"),
                                         on_delete=models.PROTECT, related_name="letters")
    recipient = models.ForeignKey(AddressBookEntry, verbose_name=_("recipient"),
                                  on_delete=models.PROTECT, related_name="letters")
    member_state = models.ForeignKey("constituents.MemberState", verbose_name=_("member State"),
                                     null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    recipient_name = models.CharField(_("recipient"), max_length=300)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=500)
    signatory = models.CharField(_("signatory"), max_length=200, blank=True)
    letter_date = models.DateField(_("date"))
    reply_deadline = models.DateField(_("reply expected by"), null=True, blank=True)
    reminder_of = models.ForeignKey("self", verbose_name=_("reminder of"), null=True,
                                    blank=True, on_delete=models.PROTECT,
                                    related_name="reminders")
    status = models.CharField(_("status"), max_length=10, choices=LetterStatus.choices,
                              default=LetterStatus.DRAFT)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices,
                               default=Channel.EMAIL)
    word_file = models.FileField(_("Word file"), upload_to=letter_upload_path)
    pdf_file = models.FileField(_("PDF file"), upload_to=letter_upload_path, blank=True)
    sent_to = models.EmailField(_("sent to"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["-letter_date", "-number", "-id"]
        constraints = [models.UniqueConstraint(fields=["series", "number"],
                                               name="one_letter_per_series_number")]
        indexes = [models.Index(fields=["reply_deadline"])]

    def __str__(self):
        return self.reference


def reply_upload_path(instance, filename):
    return f"correspondence/replies/{instance.letter_id}/{filename}"


class IncomingReply(models.Model):
    """A reply received to a letter, with its file."""

    letter = models.ForeignKey(Letter, verbose_name=_("letter"), on_delete=models.PROTECT,
                               related_name="replies")
    received_on = models.DateField(_("received on"))
    summary = models.TextField(_("summary"), blank=True)
    file = models.FileField(_("file"), upload_to=reply_upload_path, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    logged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("incoming reply")
        verbose_name_plural = _("incoming replies")
        ordering = ["letter", "received_on", "id"]

    def __str__(self):
        return f"{self.letter.reference} ← {self.received_on:%Y-%m-%d}"
