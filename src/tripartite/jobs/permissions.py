"""Who may see a job and its file, and who may retry it.

A job's file is what its owner asked for, made with the owner's rights at the time: only the
owner sees it, and the secretariat's support staff (a secretariat officer who is also Django
staff) when helping them. Only the owner retries: the job runs again with the owner's rights.
"""

from tripartite.accounts.models import Role
from tripartite.accounts.permissions import AnyUser, has_role, is_active_user
from tripartite.jobs.models import Job


def can_view_job(user: AnyUser, job: Job) -> bool:
    if not is_active_user(user):
        return False
    return job.owner_id == user.pk or (user.is_staff and has_role(user, Role.SECRETARIAT))


def can_retry_job(user: AnyUser, job: Job) -> bool:
    return is_active_user(user) and job.owner_id == user.pk
