"""Helpers for tests of pages whose file is made by a job."""

from django.urls import reverse

from tripartite.jobs.models import Job


def job_of(response) -> Job:
    """The job a form queued: the form leads to the job's progress page."""
    assert response.status_code == 302, response.status_code
    location = response["Location"]
    assert location.startswith("/downloads/"), location
    return Job.objects.get(pk=int(location.split("/")[2]))


def file_of(client, job: Job) -> bytes:
    job.refresh_from_db()
    download = client.get(reverse("jobs:job_file", kwargs={"pk": job.pk}))
    assert download.status_code == 200, (download.status_code, job.status, job.problem)
    return b"".join(download.streaming_content)


def queued_file(client, run_jobs, url: str, data: dict | None = None) -> bytes:
    """POST ``url`` (a form that queues a job), run the worker, and download the file."""
    job = job_of(client.post(url, data or {}))
    assert run_jobs() == 1
    return file_of(client, job)
