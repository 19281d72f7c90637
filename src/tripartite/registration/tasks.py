"""Background work of registration: a batch of badges (a delegation's, or every one never
printed) and their PDF, as a job (``tripartite.jobs``) queued by
:func:`~tripartite.registration.services.desk.badges_print_queue`.

The badges (new numbers, the old ones revoked), their PDF and the job's end are one
transaction: a run killed half-way leaves nothing, and the run that resumes it prints each
badge once, under numbers nobody else got.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_tasks import task

from tripartite.common.services import ServiceError
from tripartite.jobs.runner import JobContext, JobFile, run_job
from tripartite.meetings.models import Session
from tripartite.registration import badges, selectors
from tripartite.registration.models import Registration
from tripartite.registration.services import desk


@task()
def print_badges(job_id: int, attempt: str) -> str:
    return run_job(job_id, attempt, _print_badges)


def _print_badges(context: JobContext) -> None:
    session = Session.objects.select_related("meeting").get(pk=context.params["session"])
    iso2 = context.params.get("member_state", "")
    chosen = context.params.get("registrations")
    if chosen:
        found = Registration.objects.in_bulk(chosen)
        registrations = [found[pk] for pk in chosen if pk in found]
        if len(registrations) != len(chosen):
            raise ServiceError(_("A registration to print was deleted meanwhile: no badge "
                                 "was printed."), code="unknown_reference")
    else:
        registrations = list(selectors.delegation_registrations(session, iso2) if iso2
                             else selectors.never_printed(session))
    context.progress(0, len(registrations), _("Printing the badges"))
    with transaction.atomic():
        printed = desk.badges_print(actor=context.owner, session=session,
                                    registrations=registrations)
        content = badges.badges_document(selectors.badges_for_printing(printed),
                                         **badges.session_options(session),
                                         timestamp=timezone.now())
        name = slugify("badges" if chosen else f"badges {iso2}" if iso2
                       else "badges not yet printed")
        context.complete(JobFile(name=f"{name}.pdf", content=content,
                                 content_type="application/pdf"))
