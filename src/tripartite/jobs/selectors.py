"""Reads of jobs: a user's own, for "My downloads" and the API."""

from typing import Any

from django.db.models import QuerySet

from tripartite.accounts.models import User
from tripartite.jobs.models import Job

MY_DOWNLOADS_LIMIT = 100


def jobs_of(user: User) -> QuerySet[Job]:
    """The user's jobs, the latest first."""
    return Job.objects.filter(owner=user).order_by("-created_at", "-id")


def job_with_owner(pk: int) -> Job | None:
    return Job.objects.select_related("owner").filter(pk=pk).first()


def latest_job(kind: str, **params: Any) -> Job | None:
    """The latest job of ``kind`` made with these parameters (e.g. a batch's generation)."""
    lookups = {f"params__{name}": value for name, value in params.items()}
    return (Job.objects.select_related("owner").filter(kind=kind, **lookups)
            .order_by("-created_at", "-id").first())
