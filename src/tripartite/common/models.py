"""The base model and the action log shared by every app."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class Group(models.TextChoices):
    """The three groups of the tripartite table."""

    GOVERNMENT = "government", _("Government")
    EMPLOYERS = "employers", _("Employers")
    WORKERS = "workers", _("Workers")


class TimeStampedModel(models.Model):
    """Every domain model knows when it was created and last changed (used for edit conflicts)."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class ActionLogQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
        ).select_related("actor")

    def update(self, **kwargs):
        raise ActionLogIsImmutable

    def delete(self):
        raise ActionLogIsImmutable


class ActionLogIsImmutable(Exception):
    """The action log is append-only: nothing edits or deletes an entry."""


class ActionLogEntry(models.Model):
    """Who did what to which object, when, with what data.

    Written only by :func:`tripartite.common.services.log_action`, inside the same
    transaction as the change it records.
    """

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    data = models.JSONField(_("data"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    objects = ActionLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("action log entry")
        verbose_name_plural = _("action log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ActionLogIsImmutable
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ActionLogIsImmutable


class RateCounter(models.Model):
    """How many times ``key`` was hit in the fixed window starting at ``window_start``.

    Kept in the database when there is no shared cache (no Redis): every worker process of
    the server then counts in the same row. Written only by
    :func:`tripartite.common.ratelimit.hit`; not logged (a counter, not a domain change).
    """

    key = models.CharField(max_length=200)
    window_start = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("rate counter")
        verbose_name_plural = _("rate counters")
        constraints = [models.UniqueConstraint(fields=["key", "window_start"],
                                               name="one_rate_counter_per_key_and_window")]

    def __str__(self):
        return f"{self.key} @ {self.window_start:%Y-%m-%d %H:%M:%S}: {self.count}"
