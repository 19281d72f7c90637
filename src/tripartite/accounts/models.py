import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tripartite.common.models import Group


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat officer")
    CREDENTIALS_COMMITTEE = "credentials_committee", _("Credentials Committee member")
    FOCAL_POINT = "focal_point", _("Member State focal point")
    GROUP_SECRETARIAT = "group_secretariat", _("Group secretariat")
    MEETING_OFFICER = "meeting_officer", _("Meeting officer")
    DELEGATE = "delegate", _("Delegate")
    SENIOR_OFFICIAL = "senior_official", _("Senior official")
    OBSERVER = "observer", _("Read-only observer")
    REGISTRATION_DESK = "registration_desk", _("Registration desk")
    CHECKIN_STAFF = "checkin_staff", _("Check-in staff")
    UNIT_OFFICER = "unit_officer", _("Unit or field office officer")


class User(AbstractUser):
    """A person who logs in. What they may see and do follows from ``role`` and its scope."""

    role = models.CharField(_("role"), max_length=30, choices=Role.choices,
                            default=Role.OBSERVER)
    member_state = models.ForeignKey(
        "constituents.MemberState", verbose_name=_("member State"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="users",
        help_text=_("For a focal point: the one State whose data they see."))
    group = models.CharField(_("group"), max_length=20, choices=Group.choices, blank=True,
                             help_text=_("For a group secretariat: Employers or Workers."))
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES,
                                blank=True)
    unit = models.CharField(_("unit"), max_length=100, blank=True,
                            help_text=_("For a unit officer: the unit or field office."))
    person = models.OneToOneField(
        "constituents.Person", verbose_name=_("person"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="user",
        help_text=_("The participant this login belongs to (a delegate, an adviser)."))
    # Part of the signed calendar feed key: replacing it (on request, on a password change)
    # makes every feed address given out before stop working. Empty until first replaced,
    # so the addresses given out before this field existed keep working until then.
    calendar_feed_nonce = models.CharField(max_length=32, blank=True, default="",
                                           editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                name="focal_point_has_member_state",
                condition=~models.Q(role="focal_point") | models.Q(member_state__isnull=False),
            ),
            models.CheckConstraint(
                name="group_secretariat_has_group",
                condition=~models.Q(role="group_secretariat")
                | models.Q(group__in=["employers", "workers"]),
            ),
            models.CheckConstraint(
                name="unit_officer_has_unit",
                condition=~models.Q(role="unit_officer") | ~models.Q(unit=""),
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username


class ApiToken(models.Model):
    """A personal token for the API. Only its SHA-256 digest is stored.

    A token lives for a number of days chosen at creation (at most a year), and is revoked
    with all the user's other tokens when their password changes or their account is
    deactivated: a leaked token must not outlive the credentials it was made under.
    """

    DEFAULT_VALID_DAYS = 90
    MAX_VALID_DAYS = 365
    VALID_DAYS_CHOICES = (30, 90, 180, 365)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def has_expired(self, now=None) -> bool:
        return self.expires_at <= (now or timezone.now())

    @staticmethod
    def new_secret() -> str:
        return "tp_" + secrets.token_urlsafe(32)

    @staticmethod
    def digest_of(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()
