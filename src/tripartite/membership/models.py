"""Who sits in a committee of the Conference, and in the Governing Body, and when.

Membership is history: a change closes one row (``valid_until``) and opens another
(``valid_from``), it never edits a past period. Periods are half-open: a member is a member
from ``valid_from`` (included) until ``valid_until`` (excluded). Who votes, and with what
weight, is never stored on a membership: ``selectors`` derive it through
``tripartite.rules.membership``; a ``WeightSnapshot`` is the published record of the weights
after each change, with its date.
"""

from fractions import Fraction

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tripartite.common.models import Group, TimeStampedModel


class CommitteeSeat(models.TextChoices):
    REGULAR = "regular", pgettext_lazy("committee seat", "Regular member")
    DEPUTY = "deputy", pgettext_lazy("committee seat", "Deputy member")


class GoverningBodySeat(models.TextChoices):
    TITULAR = "titular", pgettext_lazy("Governing Body seat", "Titular member")
    DEPUTY = "deputy", pgettext_lazy("Governing Body seat", "Deputy member")


def _check_period(start, end, errors, field="valid_until"):
    if start is not None and end is not None and end <= start:
        errors[field] = _("A membership must end after it starts.")


def _check_group_fields(group, kind, member_state_id, errors, deputy_only_government=True):
    if group == Group.GOVERNMENT and member_state_id is None:
        errors["member_state"] = _("A Government member represents a member State: choose it.")
    if deputy_only_government and kind == CommitteeSeat.DEPUTY and group != Group.GOVERNMENT:
        errors["kind"] = _("Only Government members can be deputy members of a committee.")


class CommitteeMembership(TimeStampedModel):
    """One period of one person's membership of a committee of the Conference."""

    committee = models.ForeignKey("meetings.Committee", verbose_name=_("committee"),
                                  on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey("constituents.Person", verbose_name=_("person"),
                               on_delete=models.PROTECT, related_name="committee_memberships")
    nomination = models.ForeignKey(
        "delegations.Nomination", verbose_name=_("nomination"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="committee_memberships",
        help_text=_("The person's place in their delegation to the session, when known."))
    member_state = models.ForeignKey("constituents.MemberState", verbose_name=_("member State"),
                                     null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    group = models.CharField(_("group"), max_length=20, choices=Group.choices)
    kind = models.CharField(pgettext_lazy("membership", "seat"), max_length=20,
                            choices=CommitteeSeat.choices, default=CommitteeSeat.REGULAR)
    valid_from = models.DateTimeField(_("member from"), db_index=True)
    valid_until = models.DateTimeField(
        _("member until"), null=True, blank=True,
        help_text=_("Empty while the person is still a member; the end is excluded."))

    class Meta:
        verbose_name = _("committee membership")
        verbose_name_plural = _("committee memberships")
        ordering = ["committee", "group", "kind", "valid_from", "id"]
        constraints = [
            models.CheckConstraint(
                name="committee_membership_ends_after_it_starts",
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gt=models.F("valid_from"))),
            models.CheckConstraint(
                name="committee_deputies_are_government_members",
                condition=~models.Q(kind="deputy") | models.Q(group="government")),
            models.UniqueConstraint(
                fields=["committee", "person"], condition=models.Q(valid_until__isnull=True),
                name="one_open_committee_membership_per_person"),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_group_display()}, {self.get_kind_display()})"

    def clean(self):
        errors = {}
        _check_period(self.valid_from, self.valid_until, errors)
        _check_group_fields(self.group, self.kind, self.member_state_id, errors)
        if errors:
            raise ValidationError(errors)


class Replacement(TimeStampedModel):
    """A deputy member votes in place of another member from ``valid_from`` until
    ``valid_until`` (excluded; empty while it runs): what the committee's and the Governing
    Body's replacements share (an abstract model: no table of its own)."""

    valid_from = models.DateTimeField(_("from"))
    valid_until = models.DateTimeField(_("until"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        abstract = True


class CommitteeReplacement(Replacement):
    """CTTE-2: a deputy Government member votes in place of a regular one who asked, in
    writing, to be replaced."""

    committee = models.ForeignKey("meetings.Committee", verbose_name=_("committee"),
                                  on_delete=models.CASCADE, related_name="replacements")
    replaced = models.ForeignKey(CommitteeMembership, verbose_name=_("regular member replaced"),
                                 on_delete=models.PROTECT, related_name="replaced_by")
    deputy = models.ForeignKey(CommitteeMembership, verbose_name=_("deputy member"),
                               on_delete=models.PROTECT, related_name="replacing")

    class Meta:
        verbose_name = _("committee replacement")
        verbose_name_plural = _("committee replacements")
        ordering = ["committee", "valid_from", "id"]
        constraints = [models.CheckConstraint(
            name="committee_replacement_ends_after_it_starts",
            condition=models.Q(valid_until__isnull=True)
            | models.Q(valid_until__gt=models.F("valid_from")))]

    def __str__(self):
        return f"{self.deputy.person} ← {self.replaced.person}"


class SnapshotReason(models.TextChoices):
    CONSTITUTED = "constituted", _("The committee was constituted")
    ADDED = "added", _("A member joined")
    REMOVED = "removed", _("A member left")
    CHANGED = "changed", _("A member's seat changed")
    REPLACED = "replaced", _("A deputy member replaces a regular member")
    REPLACEMENT_ENDED = "replacement_ended", _("A replacement ended")
    REPUBLISHED = "republished", _("Recomputed and published again")


class WeightSnapshot(models.Model):
    """CTTE-1: the weights of a committee from ``effective_at``, as published at ``published_at``.

    Votes are exact fractions kept as text ("2", "3/2"); they are whole numbers under the
    least-common-multiple rule, but nothing here assumes it.
    """

    committee = models.ForeignKey("meetings.Committee", verbose_name=_("committee"),
                                  on_delete=models.CASCADE, related_name="weight_snapshots")
    effective_at = models.DateTimeField(_("effective from"), db_index=True)
    government = models.PositiveIntegerField(_("Government members entitled to vote"))
    employers = models.PositiveIntegerField(_("Employer members entitled to vote"))
    workers = models.PositiveIntegerField(_("Worker members entitled to vote"))
    government_votes = models.CharField(_("votes of each Government member"), max_length=40)
    employers_votes = models.CharField(_("votes of each Employer member"), max_length=40)
    workers_votes = models.CharField(_("votes of each Worker member"), max_length=40)
    government_total = models.CharField(_("Government group total"), max_length=40)
    employers_total = models.CharField(_("Employers' group total"), max_length=40)
    workers_total = models.CharField(_("Workers' group total"), max_length=40)
    weighted = models.BooleanField(_("weighted"), default=True)
    voters = models.JSONField(_("voters"), default=dict,
                              help_text=_("Person id -> [group, votes], as published."))
    findings = models.JSONField(default=list)
    reason = models.CharField(_("reason"), max_length=20, choices=SnapshotReason.choices,
                              default=SnapshotReason.REPUBLISHED)
    subject = models.CharField(_("concerning"), max_length=300, blank=True,
                               help_text=_("The member whose change led to the new weights."))
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                     on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("weight snapshot")
        verbose_name_plural = _("weight snapshots")
        ordering = ["committee", "effective_at", "id"]
        get_latest_by = ["effective_at", "id"]

    def __str__(self):
        return f"{self.committee} — {self.effective_at:%Y-%m-%d %H:%M}"

    def votes(self) -> dict[str, Fraction]:
        return {"government": Fraction(self.government_votes),
                "employers": Fraction(self.employers_votes),
                "workers": Fraction(self.workers_votes)}

    def totals(self) -> dict[str, Fraction]:
        return {"government": Fraction(self.government_total),
                "employers": Fraction(self.employers_total),
                "workers": Fraction(self.workers_total)}

    def rows(self):
        """(group, members entitled to vote, votes each, group total), for the pages."""
        votes, totals = self.votes(), self.totals()
        return [(group, getattr(self, group), votes[group], totals[group])
                for group in ("government", "employers", "workers")]


class GoverningBodyMembership(TimeStampedModel):
    """A seat on the Governing Body (a meeting of type GB) for a term (GB-1).

    The term runs from ``term_from`` (included) to ``term_until`` (excluded), in days of the
    session's time zone.
    """

    meeting = models.ForeignKey("meetings.Meeting", verbose_name=_("Governing Body"),
                                on_delete=models.PROTECT, related_name="gb_memberships")
    person = models.ForeignKey("constituents.Person", verbose_name=_("person"),
                               on_delete=models.PROTECT, related_name="gb_memberships")
    member_state = models.ForeignKey(
        "constituents.MemberState", verbose_name=_("member State"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
        help_text=_("The State holding a Government seat; empty for Employer and Worker "
                    "members unless you want it shown."))
    group = models.CharField(_("group"), max_length=20, choices=Group.choices)
    seat = models.CharField(pgettext_lazy("membership", "seat"), max_length=20,
                            choices=GoverningBodySeat.choices, default=GoverningBodySeat.TITULAR)
    term_from = models.DateField(_("term from"))
    term_until = models.DateField(_("term until"), null=True, blank=True,
                                  help_text=_("Empty while the term runs; the day is excluded."))

    class Meta:
        verbose_name = _("Governing Body membership")
        verbose_name_plural = _("Governing Body memberships")
        ordering = ["meeting", "seat", "group", "member_state__name_en", "id"]
        constraints = [models.CheckConstraint(
            name="gb_term_ends_after_it_starts",
            condition=models.Q(term_until__isnull=True)
            | models.Q(term_until__gt=models.F("term_from")))]

    def __str__(self):
        label = self.member_state or self.person
        return f"{label} ({self.get_group_display()}, {self.get_seat_display()})"

    def clean(self):
        errors = {}
        _check_period(self.term_from, self.term_until, errors, field="term_until")
        _check_group_fields(self.group, self.seat, self.member_state_id, errors,
                            deputy_only_government=False)
        if errors:
            raise ValidationError(errors)


class GoverningBodyReplacement(Replacement):
    """At a session of the Governing Body, a deputy member votes in place of an absent titular
    member of the same group, from ``valid_from`` until ``valid_until`` (excluded)."""

    session = models.ForeignKey("meetings.Session", verbose_name=_("session"),
                                on_delete=models.CASCADE, related_name="gb_replacements")
    titular = models.ForeignKey(GoverningBodyMembership, verbose_name=_("titular member"),
                                on_delete=models.PROTECT, related_name="replaced_by")
    deputy = models.ForeignKey(GoverningBodyMembership, verbose_name=_("deputy member"),
                               on_delete=models.PROTECT, related_name="replacing")

    class Meta:
        verbose_name = _("Governing Body replacement")
        verbose_name_plural = _("Governing Body replacements")
        ordering = ["session", "valid_from", "id"]
        constraints = [models.CheckConstraint(
            name="gb_replacement_ends_after_it_starts",
            condition=models.Q(valid_until__isnull=True)
            | models.Q(valid_until__gt=models.F("valid_from")))]

    def __str__(self):
        return f"{self.deputy} ← {self.titular}"
