"""Votes of the Conference, its committees and the Governing Body: ballots and results.

A vote goes draft -> open -> closed -> published. Ballots of a show-of-hands or record vote
name the voter and the choice. A secret ballot keeps no row of its own: the vote keeps the
list of who voted (``VoteParticipation``, for the one-ballot rule, without a time) and its
running counts (``SecretTally``, one row per choice and weight, made when the vote opens and
all rewritten by every ballot), so that no row, row order, time or transaction id pairs a
choice with a voter; see docs/votes.md, "Secret ballots".

A result is a snapshot taken when the vote closes; once published it is never edited: a
correction is a new ``ResultCorrection`` row that names the result it corrects.
"""

from fractions import Fraction

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tripartite.common.models import Group, TimeStampedModel


class Body(models.TextChoices):
    PLENARY = "plenary", _("Plenary of the Conference")
    COMMITTEE = "committee", _("Committee")
    GOVERNING_BODY = "governing_body", _("Governing Body")


class Method(models.TextChoices):
    SHOW_OF_HANDS = "show_of_hands", _("Show of hands")
    RECORD = "record", _("Record vote")
    SECRET = "secret", _("Secret ballot")


class MajorityKind(models.TextChoices):
    SIMPLE = "simple", _("Simple majority")
    TWO_THIRDS = "two_thirds", _("Two-thirds majority of the votes cast")
    ADMISSION = "admission_of_member", _("Admission of a Member (Constitution art. 1(4))")


class DecisionKind(models.TextChoices):
    """What the vote decides; the keys are ``tripartite.rules.decisions.DECISIONS``'s, which
    say the majority, the body and the method each requires."""

    OTHER = "other", _("Another decision")
    ADOPT_CONVENTION = "adopt_convention_or_recommendation", _(
        "Final vote on a Convention or Recommendation (Constitution art. 19(2))")
    REFUSE_CREDENTIALS = "refuse_credentials", _(
        "Refusal to admit a delegate or adviser (Constitution art. 3(9))")
    RESTORE_VOTE = "restore_vote_in_arrears", _(
        "Restoration of the vote of a Member in arrears (Constitution art. 13(4))")
    ADMISSION = "admission_of_member", _("Admission of a Member (Constitution art. 1(4))")
    AMENDMENT = "adopt_constitutional_amendment", _(
        "Adoption of an amendment to the Constitution (Constitution art. 36)")
    ABROGATION = "abrogate_convention", _("Abrogation of a Convention (Constitution art. 19(9))")
    KEEP_ITEM = "keep_item_objected_to", _(
        "Keeping on the agenda an item objected to (Constitution art. 16(2))")
    NEW_ITEM = "new_agenda_item", _(
        "A new item on the agenda of the next session (Constitution art. 16(3))")
    MOVE_SEAT = "move_seat", _("Moving the seat of the Office (Constitution art. 6)")
    FINANCIAL = "financial_arrangements", _(
        "Financial and budgetary arrangements (Constitution art. 13(2)(c))")


class QuorumSource(models.TextChoices):
    FIXED = "fixed", _("Fixed by the Credentials Committee")
    ATTENDANCE = "attendance", _("Computed from attendance when the vote opens")


class VoteState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("vote state", "Draft")
    OPEN = "open", pgettext_lazy("vote state", "Open")
    CLOSED = "closed", pgettext_lazy("vote state", "Closed")
    PUBLISHED = "published", pgettext_lazy("vote state", "Published")


class Choice(models.TextChoices):
    YES = "yes", pgettext_lazy("ballot", "Yes")
    NO = "no", pgettext_lazy("ballot", "No")
    ABSTAIN = "abstain", pgettext_lazy("ballot", "Abstain")


class Vote(TimeStampedModel):
    session = models.ForeignKey("meetings.Session", verbose_name=_("session"),
                                on_delete=models.CASCADE, related_name="votes")
    agenda_item = models.ForeignKey("meetings.AgendaItem", verbose_name=_("agenda item"),
                                    null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="votes")
    committee = models.ForeignKey("meetings.Committee", verbose_name=_("committee"), null=True,
                                  blank=True, on_delete=models.PROTECT, related_name="votes")
    body = models.CharField(_("voting body"), max_length=20, choices=Body.choices,
                            default=Body.PLENARY)
    subject = models.CharField(_("what is voted on"), max_length=500)
    decision = models.CharField(
        _("kind of decision"), max_length=40, choices=DecisionKind.choices,
        default=DecisionKind.OTHER,
        help_text=_("Sets the required majority and, where the Standing Orders require it, a "
                    "record vote."))
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    majority = models.CharField(_("required majority"), max_length=30,
                                choices=MajorityKind.choices, default=MajorityKind.SIMPLE)
    quorum_source = models.CharField(_("quorum"), max_length=20, choices=QuorumSource.choices,
                                     default=QuorumSource.ATTENDANCE)
    quorum_fixed = models.PositiveIntegerField(
        _("quorum fixed by the Credentials Committee"), null=True, blank=True,
        help_text=_("The number of votes cast needed, as published by the Credentials "
                    "Committee."))
    quorum = models.PositiveIntegerField(
        _("quorum applied"), null=True, blank=True,
        help_text=_("Set when the vote opens: the fixed number, or half of the base."))
    quorum_base = models.JSONField(
        _("quorum base"), default=dict, blank=True,
        help_text=_("Registered delegates (or members) entitled to vote when the vote opened, "
                    "by group, with the total."))
    state = models.CharField(_("state"), max_length=20, choices=VoteState.choices,
                             default=VoteState.DRAFT, db_index=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["session", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="vote_fixed_quorum_given",
                condition=~models.Q(quorum_source="fixed") | models.Q(quorum_fixed__isnull=False)),
            models.CheckConstraint(
                name="vote_committee_when_committee_body",
                condition=~models.Q(body="committee") | models.Q(committee__isnull=False)),
        ]

    def __str__(self):
        return self.subject

    @property
    def is_open(self) -> bool:
        return self.state == VoteState.OPEN

    @property
    def weighted(self) -> bool:
        return self.body == Body.COMMITTEE


class Ballot(models.Model):
    """One voter's choice in a show-of-hands or record vote (never a secret one)."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ballots")
    voter = models.ForeignKey("constituents.Person", verbose_name=_("voter"),
                              on_delete=models.PROTECT, related_name="ballots")
    cast_by = models.ForeignKey("constituents.Person", verbose_name=_("cast by"),
                                on_delete=models.PROTECT, related_name="ballots_cast",
                                help_text=_("The voter, or the substitute voting in their "
                                            "place."))
    nomination = models.ForeignKey("delegations.Nomination", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    member_state = models.ForeignKey("constituents.MemberState", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    group = models.CharField(_("group"), max_length=20, choices=Group.choices)
    choice = models.CharField(_("vote"), max_length=10, choices=Choice.choices)
    weight_numerator = models.PositiveIntegerField(default=1)
    weight_denominator = models.PositiveIntegerField(default=1)
    cast_at = models.DateTimeField(_("cast at"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=_("Set when the secretariat entered a roll call."))

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["vote", "id"]
        constraints = [models.UniqueConstraint(fields=["vote", "voter"],
                                               name="one_ballot_per_voter_and_vote")]

    def __str__(self):
        return f"{self.voter} — {self.get_choice_display()}"

    @property
    def weight(self) -> Fraction:
        return Fraction(self.weight_numerator, self.weight_denominator)


class VoteParticipation(models.Model):
    """Who took part in a secret ballot: the one-ballot rule, without the choice.

    No time: the moment of voting is what an observer would match against a change of the
    tallies (the order of the ids, which is unavoidable, says only who voted before whom).
    """

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="participations")
    voter = models.ForeignKey("constituents.Person", verbose_name=_("voter"),
                              on_delete=models.PROTECT, related_name="vote_participations")
    cast_by = models.ForeignKey("constituents.Person", verbose_name=_("cast by"),
                                on_delete=models.PROTECT, related_name="+")
    group = models.CharField(_("group"), max_length=20, choices=Group.choices)

    class Meta:
        verbose_name = _("participation in a secret ballot")
        verbose_name_plural = _("participations in secret ballots")
        ordering = ["vote", "id"]
        constraints = [models.UniqueConstraint(fields=["vote", "voter"],
                                               name="one_participation_per_voter_and_vote")]

    def __str__(self):
        return f"{self.voter} — {self.vote}"


class SecretTally(models.Model):
    """How many secret ballots of a vote chose ``choice`` with this weight: a count, no voter.

    The rows of a vote (each choice for each weight) are made together, when the vote opens
    or, for a weight first met during the vote, by the first ballot of that weight; every
    ballot then rewrites all of them (``count + 1`` on its own row, ``+ 0`` on the others),
    so row order, physical place and transaction ids are the same whatever the choice. The
    weight is there for committees, where it tells the group (which is public).
    """

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="secret_tallies")
    choice = models.CharField(_("vote"), max_length=10, choices=Choice.choices)
    weight_numerator = models.PositiveIntegerField(default=1)
    weight_denominator = models.PositiveIntegerField(default=1)
    count = models.PositiveIntegerField(_("ballots"), default=0)

    class Meta:
        verbose_name = _("count of secret ballots")
        verbose_name_plural = _("counts of secret ballots")
        ordering = ["vote", "id"]
        constraints = [models.UniqueConstraint(
            fields=["vote", "choice", "weight_numerator", "weight_denominator"],
            name="one_secret_tally_per_vote_choice_and_weight")]

    def __str__(self):
        return f"{self.vote}: {self.choice} × {self.count}"

    @property
    def weight(self) -> Fraction:
        return Fraction(self.weight_numerator, self.weight_denominator)


class SubstituteAppointment(TimeStampedModel):
    """A delegate's written appointment of an adviser to act and vote in their place
    (Constitution art. 3(8)): for one vote, or for the whole session when no vote is named."""

    session = models.ForeignKey("meetings.Session", verbose_name=_("session"),
                                on_delete=models.CASCADE, related_name="substitute_appointments")
    vote = models.ForeignKey(Vote, verbose_name=_("vote"), null=True, blank=True,
                             on_delete=models.CASCADE, related_name="substitute_appointments",
                             help_text=_("Empty: for every vote of the session."))
    delegate = models.ForeignKey("delegations.Nomination", verbose_name=_("delegate"),
                                 on_delete=models.PROTECT, related_name="substitutes_appointed")
    substitute = models.ForeignKey("delegations.Nomination", verbose_name=_("substitute"),
                                   on_delete=models.PROTECT, related_name="appointed_substitute")
    appointed_at = models.DateTimeField(_("appointed at"))
    document_reference = models.CharField(_("written appointment"), max_length=200,
                                          help_text=_("The reference of the letter or note."))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("appointment of a substitute")
        verbose_name_plural = _("appointments of substitutes")
        ordering = ["session", "appointed_at", "id"]

    def __str__(self):
        return f"{self.substitute} → {self.delegate}"


class ShowOfHandsTotals(TimeStampedModel):
    """The totals counted in the room for a show of hands, entered by the secretariat."""

    vote = models.OneToOneField(Vote, on_delete=models.CASCADE, related_name="totals")
    yes = models.PositiveIntegerField(pgettext_lazy("votes", "for"))
    no = models.PositiveIntegerField(pgettext_lazy("votes", "against"))
    abstain = models.PositiveIntegerField(_("abstentions"))
    government_yes = models.PositiveIntegerField(
        _("Government delegates for"), null=True, blank=True,
        help_text=_("Needed only for the admission of a Member."))
    government_no = models.PositiveIntegerField(_("Government delegates against"), null=True,
                                                blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("totals of a show of hands")
        verbose_name_plural = _("totals of shows of hands")

    def __str__(self):
        return f"{self.vote}: {self.yes}/{self.no}/{self.abstain}"


class Outcome(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Rejected")
    VOID_NO_QUORUM = "void_no_quorum", _("Void for lack of quorum")


class ResultFigures(models.Model):
    """The figures of a result and the rules' reasoning, shared by the result computed at the
    close and by each of its corrections (an abstract model: no table of its own)."""

    yes = models.CharField(pgettext_lazy("votes", "for"), max_length=40)
    no = models.CharField(pgettext_lazy("votes", "against"), max_length=40)
    abstain = models.CharField(_("abstentions"), max_length=40)
    cast = models.CharField(_("votes cast"), max_length=40)
    quorum = models.PositiveIntegerField(_("quorum"))
    required = models.CharField(_("required majority"), max_length=40)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    explanation = models.JSONField(_("explanation"), default=list)

    class Meta:
        abstract = True


class Result(ResultFigures):
    """The result computed when the vote closed. Published, it is never changed again."""

    vote = models.OneToOneField(Vote, on_delete=models.CASCADE, related_name="result")
    ballots = models.PositiveIntegerField(_("ballots"), default=0,
                                          help_text=_("Voters who took part, abstaining "
                                                      "included."))
    computed_at = models.DateTimeField(_("computed"))

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self):
        return f"{self.vote}: {self.get_outcome_display()}"

    def save(self, *args, **kwargs):
        if self.pk and Vote.objects.filter(pk=self.vote_id, state=VoteState.PUBLISHED).exists():
            raise ValueError("A published result is final: record a correction instead.")
        super().save(*args, **kwargs)


class ResultCorrection(ResultFigures):
    """A correction of a published result: a new act, with its reason, never an edit."""

    result = models.ForeignKey(Result, on_delete=models.PROTECT, related_name="corrections")
    reason = models.TextField(_("reason for the correction"))
    corrected_at = models.DateTimeField(_("corrected"))
    corrected_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("correction of a result")
        verbose_name_plural = _("corrections of results")
        ordering = ["result", "corrected_at", "id"]

    def __str__(self):
        return f"{self.result} ({self.corrected_at:%Y-%m-%d})"
