"""Permission-matrix rows for jobs: "My downloads" is everyone's (their own jobs); a job of
another user's, its file and its retry are nobody else's (the matrix logs in fresh users of
each role, none of them the owner; the secretariat's support staff is tested in
tests/jobs/test_jobs.py)."""

from tests.delegations.matrix_rules import api_rule, rule
from tripartite.accounts.models import Role

EVERYONE = rule(set(Role.values))
NOBODY_ELSE = rule(set())

ROWS = {
    "jobs:job_list": (None, EVERYONE),
    "jobs:job_detail": ("others_job", NOBODY_ELSE),
    "jobs:job_file": ("others_job", NOBODY_ELSE),
    "jobs:job_retry": ("others_job", NOBODY_ELSE),
}

API_ROWS = {
    ("GET", "/api/jobs"): (None, None, api_rule(set(Role.values))),
    ("GET", "/api/jobs/{id}"): ("others_job", None, api_rule(set())),
    ("GET", "/api/jobs/{id}/file"): ("others_job", None, api_rule(set())),
    ("POST", "/api/jobs/{id}/retry"): ("others_job", None, api_rule(set())),
}

# (method, path template) -> operationId, for tests/api/test_api_auth_errors.py.
OPERATION_IDS = {
    ("GET", "/api/jobs"): "job_list",
    ("GET", "/api/jobs/{id}"): "job_detail",
    ("GET", "/api/jobs/{id}/file"): "job_file",
    ("POST", "/api/jobs/{id}/retry"): "job_retry",
}


def objects(session) -> dict:
    """A finished job, with its file, of a focal point of Germany's."""
    from django.core.files.base import ContentFile

    from tests.factories import state, user_with_role
    from tripartite.jobs.models import Job, JobStatus

    owner = user_with_role(Role.FOCAL_POINT, member_state=state("DE"))
    job = Job.objects.create(kind="delegations.list_file", title="List (PDF)", owner=owner,
                             language="en", task_path="tripartite.delegations.tasks.make_list_file",
                             status=JobStatus.DONE, attempt="a" * 32)
    job.result.save("list.pdf", ContentFile(b"%PDF-1.4 Germany's"), save=False)
    job.result_name, job.result_type = "list.pdf", "application/pdf"
    job.save()
    return {"others_job": {"pk": job.pk}}
