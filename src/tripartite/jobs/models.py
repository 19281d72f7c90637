"""A job: long work (a batch of letters, of badges, a document) that a worker runs for a user.

The user sees its progress, finds its file under "My downloads", and retries it when it
failed. ``attempt`` is the token of the run that may work on it now: a run whose token is no
longer the job's (the job was retried, or resumed after its worker died) stops at its next
step and changes nothing (see ``tripartite.jobs.runner``).
"""

import datetime as dt

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from tripartite.common.models import TimeStampedModel


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for the worker")
    RUNNING = "running", _("In progress")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


UNFINISHED = (JobStatus.QUEUED, JobStatus.RUNNING)
WAITING_LONG = dt.timedelta(minutes=1)


def result_path(job: "Job", filename: str) -> str:
    # One folder per attempt: a file written by a run that was then superseded is never
    # the file of the run that finishes.
    return f"jobs/{job.pk}/{job.attempt}/{filename}"


class Job(TimeStampedModel):
    kind = models.CharField(_("kind"), max_length=60)
    title = models.CharField(_("title"), max_length=300,
                             help_text=_("In the owner's language, as they asked for it."))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"),
                              on_delete=models.PROTECT, related_name="jobs")
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    task_path = models.CharField(_("task"), max_length=200)
    params = models.JSONField(_("parameters"), default=dict, blank=True,
                              encoder=DjangoJSONEncoder)
    back_url = models.CharField(_("started from"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices,
                              default=JobStatus.QUEUED)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    step = models.CharField(_("step"), max_length=200, blank=True)
    problem = models.TextField(_("problem"), blank=True)
    result = models.FileField(_("file"), upload_to=result_path, max_length=400, blank=True)
    result_name = models.CharField(_("file name"), max_length=200, blank=True)
    result_type = models.CharField(_("file type"), max_length=120, blank=True)
    attempt = models.CharField(_("attempt"), max_length=32)
    attempts = models.PositiveSmallIntegerField(_("runs"), default=0)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "-created_at"]),
                   models.Index(fields=["status", "heartbeat_at"])]

    def __str__(self):
        return self.title

    @property
    def finished(self) -> bool:
        return self.status not in UNFINISHED

    @property
    def waiting_long(self) -> bool:
        """Queued for over a minute: no worker may be running."""
        from django.utils import timezone

        return (self.status == JobStatus.QUEUED
                and self.updated_at < timezone.now() - WAITING_LONG)

    @property
    def left(self) -> int:
        return max(0, (self.total or 0) - self.done)

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))
