"""Jobs in the JSON API: read a job's progress, list mine, download its file, retry it.

The operations that start a job are the features' own (e.g. generating a mail-merge batch);
they answer with the job, whose ``url`` is read here until ``status`` is ``done``, then
``file_url`` gives the file. Only the owner (or the secretariat's support staff) reads a job.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from tripartite.common.api import Id, LimitOffset
from tripartite.common.exports import safe_filename
from tripartite.common.services import ServiceError
from tripartite.jobs import permissions, selectors, services
from tripartite.jobs.models import Job, JobStatus

router = Router()


class JobOut(Schema):
    id: int
    kind: str = Field(description="What the job makes, e.g. registration.badges.")
    title: str
    status: JobStatus
    done: int
    total: int | None = Field(description="Unknown until the job has counted its work.")
    step: str = Field(description="What it is doing now, in the owner's language.")
    problem: str = Field(description="Why it failed, in the owner's language.")
    created_at: datetime
    finished_at: datetime | None
    url: str = Field(description="This job in the API: poll it until it has finished.")
    page_url: str = Field(description="The job's progress page.")
    file_name: str = Field(alias="result_name")
    file_url: str | None = Field(description="The file, once done.")

    @staticmethod
    def resolve_url(job: Job) -> str:
        return f"/api/jobs/{job.pk}"

    @staticmethod
    def resolve_page_url(job: Job) -> str:
        return reverse("jobs:job_detail", args=[job.pk])

    @staticmethod
    def resolve_file_url(job: Job) -> str | None:
        return f"/api/jobs/{job.pk}/file" if job.status == JobStatus.DONE and job.result else None


def _job(request, id: int) -> Job:
    job = selectors.job_with_owner(id)
    if job is None:
        raise Http404
    if not permissions.can_view_job(request.user, job):
        raise PermissionDenied
    return job


@router.get("/jobs", response=list[JobOut], operation_id="job_list", summary="My jobs")
@paginate(LimitOffset)
def job_list(request):
    """The caller's jobs, the latest first."""
    return selectors.jobs_of(request.user)


@router.get("/jobs/{id}", response=JobOut, operation_id="job_detail",
            summary="A job's progress")
def job_detail(request, id: Id):
    return _job(request, id)


@router.get("/jobs/{id}/file", response={200: None}, operation_id="job_file",
            summary="A finished job's file",
            openapi_extra={"responses": {200: {"content": {"application/octet-stream": {}}}}})
def job_file(request, id: Id):
    job = _job(request, id)
    if job.status != JobStatus.DONE or not job.result:
        raise ServiceError(_("This job has no file (yet)."), code="no_file", status=409)
    try:
        handle = default_storage.open(job.result.name, "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=safe_filename(job.result_name),
                        content_type=job.result_type or "application/octet-stream")


@router.post("/jobs/{id}/retry", response=JobOut, operation_id="job_retry",
             summary="Try a failed job again")
def job_retry(request, id: Id):
    job = _job(request, id)
    return services.job_retry(job=job, actor=request.user)
