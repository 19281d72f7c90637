"""The pages of jobs: a job's progress (polled by htmx), "My downloads", the file, retrying."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tripartite.common.exports import safe_filename
from tripartite.common.services import PermissionDeniedError, ServiceError
from tripartite.jobs import permissions, selectors, services
from tripartite.jobs.models import Job, JobStatus


def _job(request, pk) -> Job:
    job = selectors.job_with_owner(pk)
    if job is None:
        raise Http404
    if not permissions.can_view_job(request.user, job):
        raise PermissionDenied
    return job


def _context(request, job: Job) -> dict:
    return {"job": job, "poll_seconds": settings.JOBS_PAGE_POLL,
            "can_retry": permissions.can_retry_job(request.user, job)}


@login_required
def job_detail(request, pk):
    """The job's progress; htmx asks for the progress part again every JOBS_PAGE_POLL seconds until
    the job has finished (then the part it gets back no longer asks)."""
    job = _job(request, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    if request.htmx:
        # 286: htmx stops polling (the job has finished), after showing this last part.
        return render(request, "jobs/_progress.html", _context(request, job),
                      status=286 if job.finished else 200)
    return render(request, "jobs/job_detail.html", _context(request, job))


@login_required
def job_list(request):
    """My downloads: the user's jobs, the latest first."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    jobs = list(selectors.jobs_of(request.user)[:selectors.MY_DOWNLOADS_LIMIT])
    return render(request, "jobs/job_list.html", {"jobs": jobs})


@login_required
def job_file(request, pk):
    """The job's file, streamed from the storage after the permission check (never a public
    address of the store)."""
    job = _job(request, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    if job.status != JobStatus.DONE or not job.result:
        messages.error(request, _("This job has no file (yet)."))
        return redirect("jobs:job_detail", pk=job.pk)
    try:
        handle = default_storage.open(job.result.name, "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=safe_filename(job.result_name),
                        content_type=job.result_type or "application/octet-stream")


@login_required
def job_retry(request, pk):
    job = _job(request, pk)
    if not permissions.can_retry_job(request.user, job):
        raise PermissionDenied
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.job_retry(job=job, actor=request.user)
    except PermissionDeniedError as error:
        raise PermissionDenied from error
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The job is queued again."))
    return redirect("jobs:job_detail", pk=job.pk)
