"""Sittings of a session, the list of speakers and the log of what happened in the room.

The order of the list follows the rules of ``tripartite.rules.sittings`` (SIT-1 to SIT-4);
every change to a sitting or its list is made by ``sittings.services`` and logged as a
``SittingEvent`` with who made it and when.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tripartite.common.models import TimeStampedModel


class SittingState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed")


class Ordering(models.TextChoices):
    REQUEST_ORDER = "request_order", _("In order of request")
    GOVERNING_BODY = "governing_body", _(
        "Governing Body practice: spokespersons, regional groups, Governments, observers")
    MINISTERS_FIRST = "ministers_first", _("Ministers first (Conference plenary)")


class Sitting(TimeStampedModel):
    session = models.ForeignKey("meetings.Session", verbose_name=_("session"),
                                on_delete=models.CASCADE, related_name="sittings")
    committee = models.ForeignKey(
        "meetings.Committee", verbose_name=_("committee"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="sittings",
        help_text=_("Leave empty for a sitting of the plenary or of the whole body."))
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts"), help_text=_("In the venue's time zone."))
    ends_at = models.TimeField(_("ends"), null=True, blank=True,
                               help_text=_("In the venue's time zone."))
    room = models.CharField(_("room"), max_length=200, blank=True)
    agenda_items = models.ManyToManyField("meetings.AgendaItem", blank=True,
                                          verbose_name=_("agenda items taken"),
                                          related_name="sittings")
    current_item = models.ForeignKey(
        "meetings.AgendaItem", verbose_name=_("item under discussion"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")
    chair = models.ForeignKey("meetings.Officer", verbose_name=_("Chair"), null=True,
                              blank=True, on_delete=models.PROTECT, related_name="sittings",
                              help_text=_("One of the session's officers."))
    secretary = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("secretary"),
                                  null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="sittings_as_secretary")
    ordering = models.CharField(_("order of the list of speakers"), max_length=30,
                                choices=Ordering.choices, default=Ordering.REQUEST_ORDER)
    time_limit_seconds = models.PositiveIntegerField(
        _("time limit (seconds)"), null=True, blank=True, default=300,
        help_text=_("Per speech; empty for none. Five minutes in the plenary discussion "
                    "(ILC Standing Orders art. 14(6))."))
    spokesperson_limit_seconds = models.PositiveIntegerField(
        _("time limit for group spokespersons (seconds)"), null=True, blank=True,
        help_text=_("For a speech on behalf of a group; empty: as any speech."))
    reply_limit_seconds = models.PositiveIntegerField(
        _("time limit for a right of reply (seconds)"), null=True, blank=True,
        help_text=_("Empty: as any speech."))
    point_of_order_limit_seconds = models.PositiveIntegerField(
        _("time limit for a point of order (seconds)"), null=True, blank=True,
        help_text=_("Empty: as any speech."))
    state = models.CharField(_("state"), max_length=20, choices=SittingState.choices,
                             default=SittingState.PLANNED)
    list_closed = models.BooleanField(_("list of speakers closed"), default=False)
    # Bumped by every change to the list: a move made on a stale list is refused.
    list_version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("sitting")
        verbose_name_plural = _("sittings")
        ordering = ["session", "date", "starts_at", "id"]

    def __str__(self):
        return f"{self.title} ({self.date})"


class SpeakerKind(models.TextChoices):
    SPEECH = "speech", _("Speech")
    POINT_OF_ORDER = "point_of_order", _("Point of order")
    RIGHT_OF_REPLY = "right_of_reply", _("Right of reply")


class OnBehalfOf(models.TextChoices):
    SELF = "self", _("Themselves")
    DELEGATION = "delegation", _("Their delegation")
    GROUP = "group", _("Their group")


class SpeakerStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    SPEAKING = "speaking", _("Speaking")
    DONE = "done", _("Done")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class SpeakerRequest(TimeStampedModel):
    sitting = models.ForeignKey(Sitting, verbose_name=_("sitting"), on_delete=models.CASCADE,
                                related_name="speakers")
    agenda_item = models.ForeignKey("meetings.AgendaItem", verbose_name=_("agenda item"),
                                    null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    person = models.ForeignKey("constituents.Person", verbose_name=_("person"),
                               on_delete=models.PROTECT, related_name="speaker_requests")
    nomination = models.ForeignKey("delegations.Nomination", verbose_name=_("credentials"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    on_behalf_of = models.CharField(_("on behalf of"), max_length=20,
                                    choices=OnBehalfOf.choices, default=OnBehalfOf.SELF)
    kind = models.CharField(_("kind"), max_length=20, choices=SpeakerKind.choices,
                            default=SpeakerKind.SPEECH)
    # The place in the list (1, 2, ...) while waiting; none for a point of order, which goes
    # to the top without taking a place, and none once spoken or withdrawn.
    position = models.PositiveIntegerField(_("position"), null=True, blank=True)
    requested_at = models.DateTimeField(_("requested"))
    status = models.CharField(_("status"), max_length=20, choices=SpeakerStatus.choices,
                              default=SpeakerStatus.WAITING)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    notes = models.TextField(_("notes"), blank=True,
                             help_text=_("The secretary's notes on the speech, for the record."))

    class Meta:
        verbose_name = _("request for the floor")
        verbose_name_plural = _("requests for the floor")
        ordering = ["sitting", "position", "requested_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sitting", "position"],
                                    condition=models.Q(status="waiting", position__isnull=False),
                                    name="one_speaker_per_place"),
            models.UniqueConstraint(fields=["sitting"], condition=models.Q(status="speaking"),
                                    name="one_speaker_at_a_time"),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_kind_display()})"


class SittingEvent(models.Model):
    """One step of a sitting, with who took it and when (the sitting's log)."""

    sitting = models.ForeignKey(Sitting, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(_("action"), max_length=40)
    speaker = models.ForeignKey(SpeakerRequest, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="events")
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(_("at"), db_index=True)

    class Meta:
        verbose_name = _("sitting event")
        verbose_name_plural = _("sitting events")
        ordering = ["sitting", "at", "id"]

    def __str__(self):
        return f"{self.action} {self.at:%H:%M:%S}"


class DecisionOutcome(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    ADOPTED_AS_AMENDED = "adopted_as_amended", _("Adopted as amended")
    DEFERRED = "deferred", _("Deferred")
    REFERRED = "referred", _("Referred")
    NOTED = "noted", _("Noted")


class ItemRecord(TimeStampedModel):
    """What a sitting did with one of its agenda items: the secretary's notes on the item, the
    decision (with its text in English, French and Spanish), and the vote opened on it."""

    sitting = models.ForeignKey(Sitting, verbose_name=_("sitting"), on_delete=models.CASCADE,
                                related_name="item_records")
    agenda_item = models.ForeignKey("meetings.AgendaItem", verbose_name=_("agenda item"),
                                    on_delete=models.PROTECT, related_name="sitting_records")
    notes = models.TextField(_("notes"), blank=True)
    outcome = models.CharField(_("decision"), max_length=30, blank=True,
                               choices=DecisionOutcome.choices)
    decision_text = models.TextField(_("text of the decision"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    vote = models.ForeignKey("votes.Vote", verbose_name=_("vote"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="sitting_records")

    class Meta:
        verbose_name = _("item's record")
        verbose_name_plural = _("items' records")
        ordering = ["sitting", "agenda_item__position", "id"]
        constraints = [models.UniqueConstraint(fields=["sitting", "agenda_item"],
                                               name="one_record_per_item_and_sitting")]

    def __str__(self):
        return f"{self.sitting} — {self.agenda_item}"


class OpenStream(models.Model):
    """One live stream a user holds open (a room display, a delegates' page), when slots are
    counted in the database (no Redis): ``sittings.streams``. It expires unless the stream
    refreshes it, so a process that died gives its slots back by itself."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    lease = models.CharField(max_length=40, unique=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("open live stream")
        verbose_name_plural = _("open live streams")

    def __str__(self):
        return f"{self.user_id}: {self.lease}"
