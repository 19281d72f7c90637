"""Registration at a session: who is accredited, their badge, every entry at the doors.

A ``Registration`` exists for each accredited participant of a session (a nomination, or
someone the secretariat adds: observer, secretariat, press). ``registered_at`` is set when
the desk confirms the person's identity: from then until ``departed_at`` a delegate
entitled to vote counts in the quorum base (see ``attendance.quorum_base``).
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from tripartite.common.models import TimeStampedModel


class BadgeCategory(models.TextChoices):
    """The badge's colour band; the colours themselves are settings (BADGE_COLOURS)."""

    GOVERNMENT = "government", _("Government")
    EMPLOYERS = "employers", _("Employers")
    WORKERS = "workers", _("Workers")
    OBSERVER = "observer", _("Observer")
    SECRETARIAT = "secretariat", _("Secretariat")
    PRESS = "press", _("Press")


def photo_upload_path(registration, filename):
    # Never the uploaded name: a random one, so that a photo's address reveals nothing.
    return f"photos/{registration.session_id}/{secrets.token_hex(12)}.jpg"


class Registration(TimeStampedModel):
    session = models.ForeignKey("meetings.Session", verbose_name=_("session"),
                                on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey("constituents.Person", verbose_name=_("person"),
                               on_delete=models.PROTECT, related_name="registrations")
    nomination = models.OneToOneField(
        "delegations.Nomination", verbose_name=_("nomination"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="registration",
        help_text=_("Empty for observers, secretariat and press."))
    category = models.CharField(_("category"), max_length=20, choices=BadgeCategory.choices)
    role_label = models.CharField(_("role on the badge"), max_length=100, blank=True)
    affiliation = models.CharField(
        _("delegation or organization"), max_length=200, blank=True,
        help_text=_("Printed on the badge: the member State, or the organization."))
    photo = models.ImageField(_("photo"), upload_to=photo_upload_path, blank=True)
    photo_confirmed_at = models.DateTimeField(_("photo confirmed"), null=True, blank=True)
    registered_at = models.DateTimeField(
        _("registered"), null=True, blank=True, db_index=True,
        help_text=_("When the desk confirmed the person's identity."))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    departed_at = models.DateTimeField(
        _("departed"), null=True, blank=True,
        help_text=_("When the person's departure takes effect: from then on they no longer "
                    "count in the quorum base."))
    departure_notified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                              on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["person__name_latin", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"],
                                    name="one_registration_per_person_and_session"),
            models.CheckConstraint(
                name="departure_after_registration",
                condition=models.Q(departed_at__isnull=True)
                | models.Q(registered_at__isnull=False,
                           departed_at__gte=models.F("registered_at"))),
        ]

    def __str__(self):
        return f"{self.person} — {self.session}"


def new_token_id() -> str:
    return secrets.token_urlsafe(12)


# Badge.revoked_reason when a new badge replaced it (a code; other reasons are typed).
REPRINTED = "reprinted"


class Badge(models.Model):
    """One printed badge. Reprinting revokes the previous one: at most one is valid."""

    session = models.ForeignKey("meetings.Session", on_delete=models.CASCADE,
                                related_name="badges")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE,
                                     related_name="badges")
    number = models.PositiveIntegerField(_("badge number"))
    token_id = models.CharField(max_length=32, unique=True, default=new_token_id,
                                editable=False)
    printed_at = models.DateTimeField(_("printed"), auto_now_add=True)
    printed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("badge")
        verbose_name_plural = _("badges")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["session", "number"],
                                    name="badge_number_unique_in_session"),
            models.UniqueConstraint(fields=["registration"],
                                    condition=models.Q(revoked_at__isnull=True),
                                    name="one_valid_badge_per_registration"),
        ]

    def __str__(self):
        return f"{self.number}"

    @property
    def revoked_reason_text(self) -> str:
        """Why it was revoked, in the reader's language: "reprinted" agrees with the word
        for a badge (msgctxt "badge": "réimprimé", "reimpresa"); a typed reason as typed."""
        if self.revoked_reason == REPRINTED:
            return pgettext("badge", "reprinted")
        return self.revoked_reason


class CheckIn(models.Model):
    """The first entry of a registration on a session day: the day's attendance."""

    session = models.ForeignKey("meetings.Session", on_delete=models.CASCADE,
                                related_name="check_ins")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE,
                                     related_name="check_ins")
    badge = models.ForeignKey(Badge, on_delete=models.PROTECT, related_name="check_ins")
    day = models.DateField(_("day"), help_text=_("The session's local day."))
    at = models.DateTimeField(_("time"))
    door = models.CharField(_("door"), max_length=60)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-at"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "day"],
                                    name="one_check_in_per_person_and_day"),
        ]
        indexes = [models.Index(fields=["session", "day"])]

    def __str__(self):
        return f"{self.registration_id} @ {self.door} {self.at:%Y-%m-%d %H:%M}"


class ScanResult(models.TextChoices):
    ADMITTED = "admitted", _("Valid: entry recorded")
    ALREADY_INSIDE = "already_inside", _("Already inside today")
    REVOKED = "revoked", _("Revoked badge")
    UNKNOWN = "unknown", _("Unknown badge")
    FORGED = "forged", _("Forged or damaged code")
    OTHER_SESSION = "other_session", _("Badge for another session")
    DEPARTED = "departed", _("Departure notified: no longer admitted")


# The scans whose answer shows the badge's holder (photo, name…): the badge was found and
# belongs to the session. The others show nothing about anyone.
HOLDER_SHOWN_RESULTS = frozenset({ScanResult.ADMITTED, ScanResult.ALREADY_INSIDE,
                                  ScanResult.REVOKED, ScanResult.DEPARTED})


class Scan(models.Model):
    """Every scan at a door, admitted or refused: the door log.

    ``request_id`` is the client's idempotency key: a retried request finds its first
    answer here instead of being counted again.
    """

    session = models.ForeignKey("meetings.Session", on_delete=models.CASCADE,
                                related_name="scans")
    badge = models.ForeignKey(Badge, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="scans")
    result = models.CharField(_("result"), max_length=20, choices=ScanResult.choices)
    door = models.CharField(_("door"), max_length=60)
    at = models.DateTimeField(_("time"), db_index=True)
    request_id = models.CharField(max_length=64, null=True, blank=True, unique=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.result} @ {self.door} {self.at:%Y-%m-%d %H:%M}"


class QuorumBasis(models.TextChoices):
    """Who counts in the quorum base (ILC-3, Standing Orders art. 22(3) of 2021)."""

    DESK = "desk", _("Delegates registered at the desk, until a departure is notified")
    ACCREDITED = "accredited", _("Every accredited delegate, unless a departure is notified")


class AttendanceSettings(models.Model):
    """The attendance practice of one session; a session without a row uses the defaults."""

    session = models.OneToOneField("meetings.Session", on_delete=models.CASCADE,
                                   related_name="attendance_settings")
    quorum_basis = models.CharField(_("quorum base"), max_length=20, choices=QuorumBasis.choices,
                                    default=QuorumBasis.DESK)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance settings")
        verbose_name_plural = _("attendance settings")

    def __str__(self):
        return f"{self.session}: {self.quorum_basis}"
