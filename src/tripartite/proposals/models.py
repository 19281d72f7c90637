"""Proposals for symposia, seminars, workshops and similar meetings, from the unit's draft to
the Officers' decision and the report (MTG-3). Title, purpose and relevance to standards are
stored in EN/FR/ES (see translation.py). Writes go through services.py; the allowed moves
between states are the table in workflow.py."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tripartite.common.models import TimeStampedModel
from tripartite.common.text import current_language
from tripartite.rules import proposals as rules


class ProposalType(models.TextChoices):
    SYMPOSIUM = rules.MeetingType.SYMPOSIUM, _("Symposium")
    SEMINAR = rules.MeetingType.SEMINAR, _("Seminar")
    WORKSHOP = rules.MeetingType.WORKSHOP, _("Workshop")
    COLLOQUIUM = rules.MeetingType.COLLOQUIUM, _("Colloquium")
    TECHNICAL_MEETING = rules.MeetingType.TECHNICAL_MEETING, _("Technical meeting")
    MEETING_OF_EXPERTS = rules.MeetingType.MEETING_OF_EXPERTS, _("Meeting of experts")
    SIMILAR_MEETING = rules.MeetingType.SIMILAR_MEETING, _("Similar meeting")


class ProposalState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    RETURNED = "returned", _("Returned for changes")
    IN_CONSULTATION = "in_consultation", _("In consultation")
    WITH_OFFICERS = "with_officers", _("With the Officers")
    APPROVED = "approved", pgettext_lazy("proposal state", "Approved")
    NOT_APPROVED = "not_approved", pgettext_lazy("proposal state", "Not approved")
    # "held" as in "on hold", not as in "the meeting was held".
    HELD = "held", _("On hold")
    REPORT_RECEIVED = "report_received", _("Report received")


class Decision(models.TextChoices):
    APPROVED = "approved", pgettext_lazy("Officers' decision", "Approved")
    NOT_APPROVED = "not_approved", pgettext_lazy("Officers' decision", "Not approved")
    DEFERRED = "deferred", pgettext_lazy("Officers' decision", "Deferred")


class FundingSource(models.TextChoices):
    REGULAR_BUDGET = rules.FundingSource.REGULAR_BUDGET, _("ILO regular budget")
    EXTRA_BUDGETARY = rules.FundingSource.EXTRA_BUDGETARY, _("Extra-budgetary resources")
    OTHER = rules.FundingSource.OTHER, pgettext_lazy("source of financing", "Other")


class ConsultedGroup(models.TextChoices):
    EMPLOYERS = "employers", _("Employers' group")
    WORKERS = "workers", _("Workers' group")


class Opinion(models.TextChoices):
    AGREES = "agrees", _("Agrees")
    AGREES_WITH_COMMENTS = "agrees_with_comments", _("Agrees, with comments")
    OBJECTS = "objects", _("Objects")


class OfficersBatch(TimeStampedModel):
    """Proposals sent together to the Officers of the Governing Body."""

    reference = models.CharField(_("reference"), max_length=100)
    sent_on = models.DateField(_("sent on"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("sent by"),
                                on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("batch sent to the Officers")
        verbose_name_plural = _("batches sent to the Officers")
        ordering = ["-sent_on", "-id"]

    def __str__(self):
        return f"{self.reference} ({self.sent_on:%Y-%m-%d})"


class MeetingProposal(TimeStampedModel):
    """A unit's proposal for a symposium, seminar, workshop or similar meeting.

    Every field may stay empty in a draft; the completeness rule (MTG-3-COMPLETE) says what is
    missing before it can be submitted. Numbers left empty are "not given", not zero.
    """

    unit = models.CharField(_("responsible unit"), max_length=100, db_index=True,
                            help_text=_("The unit at headquarters or the field office that "
                                        "proposes the meeting."))
    responsible_officer = models.CharField(_("responsible officer"), max_length=200,
                                           blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    type = models.CharField(_("type of meeting"), max_length=30, choices=ProposalType.choices,
                            blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    standards_relevance = models.TextField(_("relevance to international labour standards"),
                                           blank=True)
    start = models.DateField(_("first day"), null=True, blank=True)
    end = models.DateField(_("last day"), null=True, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=60, default="Europe/Zurich",
                                 help_text=_("Of the venue: the session in the calendar is "
                                             "shown in it."))
    country = models.ForeignKey("constituents.MemberState", verbose_name=_("country"),
                                null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    city = models.CharField(_("city"), max_length=100, blank=True)
    online = models.BooleanField(_("online"), default=False)
    coverage = models.ManyToManyField("constituents.MemberState",
                                      verbose_name=_("geographical coverage"), blank=True,
                                      related_name="+")
    tripartite = models.BooleanField(_("tripartite"), null=True, blank=True)
    government = models.PositiveIntegerField(_("Government participants"), null=True,
                                             blank=True)
    employers = models.PositiveIntegerField(_("Employers' participants"), null=True,
                                            blank=True)
    workers = models.PositiveIntegerField(_("Workers' participants"), null=True, blank=True)
    resource_persons = models.PositiveIntegerField(_("resource persons"), null=True,
                                                   blank=True)
    resource_persons_women = models.PositiveIntegerField(_("women among resource persons"),
                                                         null=True, blank=True)
    observers = models.PositiveIntegerField(_("observers"), null=True, blank=True)
    languages = models.JSONField(_("working languages"), default=list, blank=True,
                                 help_text=_("ISO 639-1 codes, e.g. en, fr, es."))
    interpretation = models.JSONField(_("interpretation"), default=list, blank=True,
                                      help_text=_("Languages with interpretation (ISO 639-1)."))
    concept_note = models.FileField(_("concept note"), upload_to="proposals/concept-notes/%Y/",
                                    blank=True)

    state = models.CharField(_("state"), max_length=20, choices=ProposalState.choices,
                             default=ProposalState.DRAFT, db_index=True)
    state_since = models.DateTimeField(_("in this state since"), auto_now_add=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    batch = models.ForeignKey(OfficersBatch, verbose_name=_("batch sent to the Officers"),
                              null=True, blank=True, on_delete=models.PROTECT,
                              related_name="proposals")
    decision = models.CharField(_("Officers' decision"), max_length=20, blank=True,
                                choices=Decision.choices)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_reference = models.CharField(_("reference of the decision"), max_length=100,
                                          blank=True)
    report_received_on = models.DateField(_("report received on"), null=True, blank=True)
    session = models.OneToOneField("meetings.Session", verbose_name=_("session in the calendar"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="proposal")

    class Meta:
        verbose_name = _("meeting proposal")
        verbose_name_plural = _("meeting proposals")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="proposal_ends_after_it_starts",
                condition=models.Q(start__isnull=True) | models.Q(end__isnull=True)
                | models.Q(end__gte=models.F("start"))),
        ]

    def __str__(self):
        return self.title or str(_("Untitled proposal"))

    def clean(self):
        if self.time_zone not in zoneinfo.available_timezones():
            raise ValidationError({"time_zone": _("Unknown time zone: %(zone)s") % {
                "zone": self.time_zone}})


class Funding(TimeStampedModel):
    """One source of a proposal's financing."""

    proposal = models.ForeignKey(MeetingProposal, on_delete=models.CASCADE,
                                 related_name="financing")
    source = models.CharField(_("source"), max_length=20, choices=FundingSource.choices)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, null=True,
                                 blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True,
                                help_text=_("ISO 4217, e.g. USD, EUR, CHF."))
    donor = models.CharField(_("donor"), max_length=200, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("financing")
        verbose_name_plural = _("financing")
        ordering = ["proposal", "position", "id"]

    def __str__(self):
        return f"{self.get_source_display()} {self.amount or ''} {self.currency}".strip()


class Consultation(TimeStampedModel):
    """The opinion of the Employers' or the Workers' group secretariat on a proposal."""

    proposal = models.ForeignKey(MeetingProposal, on_delete=models.CASCADE,
                                 related_name="consultations")
    group = models.CharField(_("group"), max_length=20, choices=ConsultedGroup.choices)
    consulted_on = models.DateField(_("consulted on"))
    opinion = models.CharField(_("opinion"), max_length=30, choices=Opinion.choices)
    comments = models.TextField(_("comments"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["proposal", "group"]
        constraints = [models.UniqueConstraint(fields=["proposal", "group"],
                                               name="one_consultation_per_group")]

    def __str__(self):
        return f"{self.get_group_display()}: {self.get_opinion_display()}"


class StateChange(models.Model):
    """A move of a proposal from one state to another: its age in each state, processing
    times and returns are read from these."""

    proposal = models.ForeignKey(MeetingProposal, on_delete=models.CASCADE,
                                 related_name="state_changes")
    from_state = models.CharField(max_length=20, choices=ProposalState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=ProposalState.choices)
    at = models.DateTimeField(_("when"), db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True,
                              on_delete=models.PROTECT, related_name="+")
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("change of state")
        verbose_name_plural = _("changes of state")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"


class Severity(models.TextChoices):
    ERROR = "error", _("Error (blocks submission to the Officers)")
    WARNING = "warning", _("Warning")
    INFO = "info", _("Information")


class ProposalRuleSetting(TimeStampedModel):
    """The secretariat's choice for one rule: on or off, its severity, its parameter."""

    rule = models.CharField(_("rule"), max_length=30, unique=True,
                            choices=[(code, code) for code in rules.RULES])
    enabled = models.BooleanField(_("applied"), default=True)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices,
                                default=Severity.ERROR)
    parameter = models.PositiveIntegerField(
        _("parameter"), null=True, blank=True,
        help_text=_("Lead time in weeks (MTG-3-LEAD-TIME) or the target share of women in per "
                    "cent (GEN-4-RESOURCE); unused by the other rules."))

    class Meta:
        verbose_name = _("rule for meeting proposals")
        verbose_name_plural = _("rules for meeting proposals")
        ordering = ["rule"]

    def __str__(self):
        return self.rule

    @property
    def title(self) -> str:
        return rules.RULE_TITLES[self.rule].get(current_language(),
                                                rules.RULE_TITLES[self.rule]["en"])

    @property
    def provision(self) -> str:
        return rules.PROVISIONS[self.rule]
