"""Delegations to a session: who a member State nominates, its credentials, the Office's review.

Voting rights are never stored: they are derived by ``tripartite.rules.delegations`` from
the nominations, the Member's arrears and the Conference's decisions (see ``evaluation.py``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tripartite.common.models import Group, TimeStampedModel


class DelegationStatus(models.TextChoices):
    NOT_RECEIVED = "not_received", _("Not received")
    RECEIVED = "received", _("Received")
    UNDER_REVIEW = "under_review", _("Under review")
    QUERY_SENT = "query_sent", _("Query sent")
    ACCEPTED = "accepted", _("Accepted")


class NominationRole(models.TextChoices):
    DELEGATE = "delegate", _("Delegate")
    SUBSTITUTE_DELEGATE = "substitute_delegate", _("Substitute delegate")
    ADVISER = "adviser", _("Adviser")
    ADVISER_SUBSTITUTE_DELEGATE = "adviser_substitute_delegate", _(
        "Adviser and substitute delegate")
    # Constitution art. 3(3): additional advisers, not counted against the limit of art. 3(2).
    TERRITORY_ADVISER = "territory_adviser", _(
        "Additional adviser for a non-metropolitan territory")
    MINISTER = "minister", _("Minister attending the Conference")
    ACCOMPANYING_MINISTER = "accompanying_minister", _("Person accompanying the Minister")
    # Admitted to the sittings besides delegates and advisers (SO-2021 art. 2).
    STATE_REPRESENTATIVE = "state_representative", _(
        "Representative of a State or province of a federal State")
    OBSERVER = "observer", _("Observer")
    OTHER = "other", _("Other person attending")


# The roles whose nomination names what the person represents (Nomination.represents).
REPRESENTING_ROLES = frozenset({NominationRole.TERRITORY_ADVISER,
                                NominationRole.STATE_REPRESENTATIVE})


class ArrearsScope(models.TextChoices):
    GOVERNMENT = "government", _("Government delegates (practice)")
    DELEGATION = "delegation", _("The whole delegation")


class CredentialsSettings(TimeStampedModel):
    """Per-session options of the credentials procedure (defaults follow the rules file)."""

    session = models.OneToOneField("meetings.Session", on_delete=models.CASCADE,
                                   related_name="credentials_settings")
    deadline = models.DateField(
        _("credentials deadline"), null=True, blank=True,
        help_text=_("Leave empty for 21 days before the opening."))
    arrears_scope = models.CharField(_("votes lost for arrears"), max_length=20,
                                     choices=ArrearsScope.choices,
                                     default=ArrearsScope.GOVERNMENT)
    list_language = models.CharField(
        _("alphabetical order of the list of delegations"), max_length=2,
        choices=settings.LANGUAGES, default="fr")

    class Meta:
        verbose_name = _("credentials settings")
        verbose_name_plural = _("credentials settings")

    def __str__(self):
        return str(self.session)


class ArrearsStatus(TimeStampedModel):
    """Whether a Member is in arrears for a session (Constitution art. 13(4))."""

    member_state = models.ForeignKey("constituents.MemberState", on_delete=models.PROTECT,
                                     related_name="arrears")
    session = models.ForeignKey("meetings.Session", on_delete=models.CASCADE,
                                related_name="arrears")
    in_arrears = models.BooleanField(_("in arrears"), default=True)
    vote_restored_on = models.DateField(
        _("vote restored on"), null=True, blank=True,
        help_text=_("Date of the Conference decision restoring the right to vote."))
    decision_reference = models.CharField(_("decision reference"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("arrears status")
        verbose_name_plural = _("arrears statuses")
        constraints = [models.UniqueConstraint(fields=["member_state", "session"],
                                               name="one_arrears_status_per_state_session")]

    def __str__(self):
        return f"{self.member_state} — {self.session}"


class Delegation(TimeStampedModel):
    member_state = models.ForeignKey("constituents.MemberState", verbose_name=_("member State"),
                                     on_delete=models.PROTECT, related_name="delegations")
    session = models.ForeignKey("meetings.Session", verbose_name=_("session"),
                                on_delete=models.PROTECT, related_name="delegations")
    status = models.CharField(_("status"), max_length=20, choices=DelegationStatus.choices,
                              default=DelegationStatus.NOT_RECEIVED, db_index=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    received_on = models.DateField(
        _("credentials received on"), null=True, blank=True,
        help_text=_("The day the credentials reached the Office, in the session's time zone."))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    amendment = models.PositiveIntegerField(
        _("amendment"), default=0,
        help_text=_("0 until submitted; each change after submission is a new amendment."))

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["session", "member_state__name_en"]
        constraints = [models.UniqueConstraint(fields=["member_state", "session"],
                                               name="one_delegation_per_state_session")]

    def __str__(self):
        return f"{self.member_state} — {self.session}"

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None


class Nomination(TimeStampedModel):
    """One person in a delegation, with the group and role the credentials give them."""

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE,
                                   related_name="nominations")
    person = models.ForeignKey("constituents.Person", verbose_name=_("person"),
                               on_delete=models.PROTECT, related_name="nominations")
    group = models.CharField(_("group"), max_length=20, choices=Group.choices)
    role = models.CharField(_("role"), max_length=30, choices=NominationRole.choices)
    adviser_to = models.ForeignKey(
        "self", verbose_name=_("adviser to"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="advisers", help_text=_("For an adviser: the delegate accompanied."))
    agenda_items = models.ManyToManyField("meetings.AgendaItem", blank=True,
                                          verbose_name=_("agenda items"), related_name="+")
    organisation = models.ForeignKey(
        "constituents.ConstituentOrganisation", verbose_name=_("organization"), null=True,
        blank=True, on_delete=models.PROTECT, related_name="nominations",
        help_text=_("For Employers' and Workers' members: the organization in agreement with "
                    "which they were chosen (Constitution art. 3(5))."))
    represents = models.CharField(
        _("territory, State or province represented"), max_length=200, blank=True,
        help_text=_("For an additional adviser: the non-metropolitan territory represented or "
                    "advised on (Constitution art. 3(3)). For a representative of a federal "
                    "State's State or province: its name."))
    admitted = models.BooleanField(
        _("admitted"), default=True,
        help_text=_("False once the Conference refuses admission (Constitution art. 3(9))."))
    position = models.PositiveIntegerField(default=0)
    added_in_amendment = models.PositiveIntegerField(default=0)
    withdrawn_in_amendment = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["delegation", "position", "id"]
        constraints = [models.UniqueConstraint(
            fields=["delegation", "person"], condition=models.Q(withdrawn_in_amendment=None),
            name="a_person_once_per_delegation")]

    def __str__(self):
        return f"{self.person} ({self.get_group_display()}, {self.get_role_display()})"


def credentials_upload_path(instance, filename):
    return f"credentials/{instance.delegation.session_id}/{instance.delegation_id}/{filename}"


class CredentialLetter(models.Model):
    """The signed credentials letter (a PDF checked by content)."""

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="letters")
    file = models.FileField(_("file"), upload_to=credentials_upload_path)
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("credentials letter")
        verbose_name_plural = _("credentials letters")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.original_name


class DelegationQuery(TimeStampedModel):
    """A question from the Office about a delegation, and the focal point's answer."""

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="queries")
    question = models.TextField(_("question"))
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                 related_name="+")
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("query")
        verbose_name_plural = _("queries")
        ordering = ["created_at"]

    def __str__(self):
        return self.question[:60]


class ObjectionKind(models.TextChoices):
    OBJECTION = "objection", _("Objection")
    COMPLAINT = "complaint", _("Complaint")


class ObjectionStatus(models.TextChoices):
    """Where an objection or complaint stands in the Standing Orders' procedure."""

    PENDING = "pending", _("Receivability to be decided")
    RECEIVABILITY_AT_CONFERENCE = "receivability_at_conference", _(
        "Receivability before the Conference")
    IRRECEIVABLE = "irreceivable", _("Irreceivable")
    UNDER_EXAMINATION = "under_examination", _("Receivable, under examination")
    AT_CONFERENCE = "at_conference", _("Proposal before the Conference")
    DECIDED = "decided", _("Decided")


class Objection(TimeStampedModel):
    """An objection to a delegate's credentials, or a complaint, before the Committee."""

    session = models.ForeignKey("meetings.Session", on_delete=models.CASCADE,
                                related_name="objections")
    kind = models.CharField(_("kind"), max_length=20, choices=ObjectionKind.choices,
                            default=ObjectionKind.OBJECTION)
    delegation = models.ForeignKey(Delegation, verbose_name=_("delegation"),
                                   on_delete=models.PROTECT, related_name="objections")
    nomination = models.ForeignKey(Nomination, verbose_name=_("delegate objected to"),
                                   null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="objections")
    lodged_by = models.CharField(_("lodged by"), max_length=300, blank=True)
    authors_anonymous = models.BooleanField(_("authors anonymous"), default=False)
    author_is_adviser_to_delegate = models.BooleanField(
        _("author is an adviser to the delegate objected to"), default=False)
    same_facts_found_irrelevant = models.BooleanField(
        _("same facts already found irrelevant by the Conference"), default=False)
    lodged_at = models.DateTimeField(_("lodged at"))
    revised_list_published_on = models.DateField(
        _("revised list published on"), null=True, blank=True,
        help_text=_("Only when the objection is based on a revised list."))
    summary = models.TextField(_("summary"))
    status = models.CharField(_("status"), max_length=30, choices=ObjectionStatus.choices,
                              default=ObjectionStatus.PENDING, db_index=True)

    class Meta:
        verbose_name = _("objection or complaint")
        verbose_name_plural = _("objections and complaints")
        ordering = ["session", "lodged_at"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.delegation}"


class CommitteeDecisionKind(models.TextChoices):
    RECEIVABILITY = "receivability", _("Receivability")
    OUTCOME = "outcome", _("Outcome")


class ObjectionOutcome(models.TextChoices):
    """The outcomes of the Credentials Committee's reports (``rules.credentials_committee``)."""

    PROPOSE_INVALIDATION = "propose_invalidation", _(
        "Proposal to the Conference to invalidate the credentials")
    NO_ACTION = "no_action", _("No action, with observations")
    REQUEST_INFORMATION = "request_information", _("Request for information")
    FOLLOW_UP = "follow_up", _("Follow-up (monitoring) at the next session")
    REFERRAL = "referral", _("Referral")
    RECOMMENDATION = "recommendation", _("Recommendation")


class MemberPosition(models.TextChoices):
    FOR = "for", pgettext_lazy("committee member's vote", "For")
    AGAINST = "against", pgettext_lazy("committee member's vote", "Against")


def _position_field(label):
    return models.CharField(label, max_length=10, choices=MemberPosition.choices, blank=True,
                            help_text=_("Empty: did not take part."))


class CommitteeDecision(TimeStampedModel):
    """A decision of the Credentials Committee on an objection or complaint: on its
    receivability, or its outcome, with each member's vote and the minority's views."""

    objection = models.ForeignKey(Objection, on_delete=models.CASCADE,
                                  related_name="committee_decisions")
    kind = models.CharField(_("decision on"), max_length=20,
                            choices=CommitteeDecisionKind.choices)
    receivable = models.BooleanField(_("receivable"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=30, choices=ObjectionOutcome.choices,
                               blank=True)
    decided_on = models.DateField(_("decided on"))
    text = models.TextField(_("text of the decision"))
    government_position = _position_field(_("Government member"))
    employers_position = _position_field(_("Employer member"))
    workers_position = _position_field(_("Worker member"))
    minority_views = models.TextField(_("views of the minority"), blank=True)
    unanimous = models.BooleanField(_("unanimous"), default=False)
    to_conference = models.BooleanField(_("goes to the Conference"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("decision of the Credentials Committee")
        verbose_name_plural = _("decisions of the Credentials Committee")
        ordering = ["objection", "decided_on", "id"]

    def __str__(self):
        return f"{self.objection} — {self.get_kind_display()} ({self.decided_on})"

    @property
    def positions(self) -> list[tuple[str, str]]:
        return [(_("Government member"), self.get_government_position_display()),
                (_("Employer member"), self.get_employers_position_display()),
                (_("Worker member"), self.get_workers_position_display())]


class ConferenceResult(models.TextChoices):
    RECEIVABLE = "receivable", _("Receivable")
    IRRECEIVABLE = "irreceivable", _("Irreceivable")
    ADOPTED = "adopted", _("Proposal adopted")
    REJECTED = "rejected", _("Proposal rejected")


class ConferenceDecision(TimeStampedModel):
    """The Conference's decision on what the Committee sent it: the receivability of an
    objection on which the Committee was divided, or a proposal of the Committee."""

    committee_decision = models.OneToOneField(CommitteeDecision, on_delete=models.CASCADE,
                                              related_name="conference_decision")
    result = models.CharField(_("the Conference's decision"), max_length=20,
                              choices=ConferenceResult.choices)
    decided_on = models.DateField(_("decided on"))
    reference = models.CharField(
        _("reference"), max_length=300, blank=True,
        help_text=_("Where the decision is recorded, e.g. the record vote and the Provisional "
                    "Record."))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("decision of the Conference on an objection")
        verbose_name_plural = _("decisions of the Conference on objections")

    def __str__(self):
        return f"{self.committee_decision.objection} — {self.get_result_display()}"


class PublishedList(models.Model):
    """A published list of delegations (provisional, revised, final): a frozen snapshot.

    Each revised list is compared with the one before it to mark what changed.
    """

    class Kind(models.TextChoices):
        PROVISIONAL = "provisional", _("Provisional list")
        REVISED = "revised", _("Revised list")
        FINAL = "final", _("Final list")

    session = models.ForeignKey("meetings.Session", on_delete=models.CASCADE,
                                related_name="published_lists")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.PositiveIntegerField(_("number"), default=1)
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    rows = models.JSONField(default=list)

    class Meta:
        verbose_name = _("published list of delegations")
        verbose_name_plural = _("published lists of delegations")
        ordering = ["session", "published_at"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number} — {self.session}"
