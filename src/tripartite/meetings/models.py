"""Official meetings: a meeting (the organ or series) holds sessions; a session has agenda
items, committees and officers. Titles are stored in EN/FR/ES (see translation.py)."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tripartite.common.models import Group, TimeStampedModel


class MeetingType(models.TextChoices):
    ILC = "ilc", _("International Labour Conference")
    GB = "gb", _("Governing Body")
    REGIONAL = "regional", _("Regional meeting")
    SECTORAL = "sectoral", _("Sectoral or technical meeting")
    EXPERTS = "experts", _("Meeting of experts")
    SYMPOSIUM = "symposium", _("Symposium, seminar or workshop")
    INFORMAL = "informal", _("Informal consultation")


class Meeting(TimeStampedModel):
    """An organ or a series of meetings, e.g. the International Labour Conference."""

    type = models.CharField(_("type"), max_length=20, choices=MeetingType.choices)
    title = models.CharField(_("title"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=20, blank=True,
                               help_text=_("Used in document symbols, e.g. ILC, GB, APRM."))

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["title_en"]

    def __str__(self):
        return self.title


class Session(TimeStampedModel):
    """A session of a meeting, e.g. the 114th Session of the Conference.

    ``opens_at`` and ``closes_at`` are stored in UTC and shown in ``time_zone``, the
    venue's zone.
    """

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT,
                                related_name="sessions")
    number = models.CharField(_("number"), max_length=20, blank=True,
                              help_text=_("e.g. 114 or 350bis"))
    title = models.CharField(_("title"), max_length=300)
    opens_at = models.DateTimeField(_("opens"), db_index=True)
    closes_at = models.DateTimeField(_("closes"))
    time_zone = models.CharField(_("time zone"), max_length=60, default="Europe/Zurich")
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.ForeignKey("constituents.MemberState", verbose_name=_("country"),
                                null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    working_languages = models.JSONField(_("working languages"), default=list, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["opens_at", "id"]
        constraints = [
            models.CheckConstraint(name="session_closes_after_it_opens",
                                   condition=models.Q(closes_at__gt=models.F("opens_at"))),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("A session must close after it opens.")
        if self.time_zone not in zoneinfo.available_timezones():
            errors["time_zone"] = _("Unknown time zone: %(zone)s") % {"zone": self.time_zone}
        languages = {code for code, _name in settings.LANGUAGES}
        if not isinstance(self.working_languages, list) or not set(
                self.working_languages) <= languages:
            errors["working_languages"] = _("Working languages must be among en, fr and es.")
        if errors:
            raise ValidationError(errors)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def has_closed(self, now=None) -> bool:
        """Whether the session is over: acts on it (credentials, check-in, votes) are then
        warned about (``closed_warning``)."""
        return self.closes_at is not None and self.closes_at < (now or timezone.now())

    def closed_warning(self, now=None) -> str:
        """The warning shown before an act on a session that is over ("" while it is not)."""
        if not self.has_closed(now):
            return ""
        return gettext("This session closed on %(date)s: an act recorded now is dated after "
                       "its close. Make sure it is meant.") % {
            "date": date_format(self.closes_at.astimezone(self.zone), "j F Y")}

    @property
    def local_opens_at(self):
        return self.opens_at.astimezone(self.zone)

    @property
    def local_closes_at(self):
        return self.closes_at.astimezone(self.zone)

    def get_working_languages_display(self) -> str:
        names = dict(settings.LANGUAGES)
        return ", ".join(str(names.get(code, code)) for code in self.working_languages)


class AgendaItem(TimeStampedModel):
    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.CASCADE,
                                related_name="agenda_items")
    number = models.CharField(_("number"), max_length=20,
                              help_text=_("As published: I, II, IV, INS/3 …"))
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=500)
    technical = models.BooleanField(
        _("counts for advisers"), default=True,
        help_text=_("Technical items placed on the agenda, and the standing item on the "
                    "application of standards, entitle each delegate to up to two advisers "
                    "for each item (Constitution art. 3(2))."))

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["session", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "number"],
                                    name="unique_agenda_item_number_per_session"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class CommitteeKind(models.TextChoices):
    TECHNICAL = "technical", _("Technical committee")
    STANDING = "standing", _("Standing committee")
    CREDENTIALS = "credentials", _("Credentials Committee")
    FINANCE = "finance", _("Finance Committee")
    GENERAL_AFFAIRS = "general_affairs", _("General Affairs Committee")
    OTHER = "other", _("Other")


class Committee(TimeStampedModel):
    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.CASCADE,
                                related_name="committees")
    kind = models.CharField(_("kind"), max_length=20, choices=CommitteeKind.choices,
                            default=CommitteeKind.TECHNICAL)
    name = models.CharField(_("name"), max_length=300)
    agenda_item = models.ForeignKey(AgendaItem, verbose_name=_("agenda item"), null=True,
                                    blank=True, on_delete=models.SET_NULL,
                                    related_name="committees")

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["session", "name_en"]

    def __str__(self):
        return self.name


class OfficerRole(models.TextChoices):
    CHAIR = "chair", _("Chairperson / President")
    VICE_CHAIR = "vice_chair", _("Vice-Chairperson / Vice-President")
    REPORTER = "reporter", _("Reporter")
    SECRETARY = "secretary", _("Secretary")


class Officer(TimeStampedModel):
    """An officer of a session, or of one of its committees."""

    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.CASCADE,
                                related_name="officers")
    committee = models.ForeignKey(Committee, verbose_name=_("committee"), null=True,
                                  blank=True, on_delete=models.CASCADE, related_name="officers")
    role = models.CharField(_("role"), max_length=20, choices=OfficerRole.choices)
    group = models.CharField(_("group"), max_length=20, blank=True,
                             choices=Group.choices)
    person = models.ForeignKey("constituents.Person", verbose_name=_("person"),
                               on_delete=models.PROTECT, related_name="offices")

    class Meta:
        verbose_name = _("officer")
        verbose_name_plural = _("officers")
        ordering = ["session", "committee", "role", "id"]

    def __str__(self):
        return f"{self.get_role_display()}: {self.person}"
