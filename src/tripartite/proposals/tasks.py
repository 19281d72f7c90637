"""Background work of the meeting proposals: the information document for a session of the
Governing Body (Word, and PDF by LibreOffice), as a job (``tripartite.jobs``) queued by
:func:`~tripartite.proposals.services.information_document_queue`. It changes nothing in the
database: a run resumed after its worker died makes the document again.

And the mail to the group secretariats when a proposal awaits their opinion
(``tripartite.jobs.notifications``)."""

from django.utils.translation import gettext as _
from django_tasks import task

from tripartite.accounts.models import Role, User
from tripartite.accounts.permissions import has_role
from tripartite.common import office
from tripartite.common.services import PermissionDeniedError, ServiceError
from tripartite.jobs.notifications import absolute_url, send_notice
from tripartite.jobs.runner import JobContext, JobFile, run_job
from tripartite.proposals import information_document, permissions
from tripartite.proposals.models import MeetingProposal

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@task()
def make_information_document(job_id: int, attempt: str) -> str:
    return run_job(job_id, attempt, _information_document)


def _information_document(context: JobContext) -> JobFile:
    params = context.params
    if not permissions.can_view_information_document(context.owner):
        raise PermissionDeniedError
    session = information_document.gb_sessions().get(pk=params["session"])
    language, file_format = params["language"], params["format"]
    total = 2 if file_format == "pdf" else 1
    context.progress(0, total, _("Writing the Word document"))
    # Jobs queued before the agenda item and the original language were asked have neither.
    item_pk = params.get("agenda_item")
    agenda_item = session.agenda_items.filter(pk=item_pk).first() if item_pk else None
    content = information_document.build_docx(
        session, language, symbol=params["symbol"], original=params.get("original", "en"),
        agenda_item=agenda_item)
    name = f"approved-meetings-GB{session.number or session.pk}-{language}"
    if file_format != "pdf":
        return JobFile(name=f"{name}.docx", content=content, content_type=DOCX)
    context.progress(1, total, _("Converting it to PDF"))
    try:
        content = office.docx_to_pdf(content)
    except office.PdfUnavailable as error:
        raise ServiceError(_("The PDF cannot be made on this server (LibreOffice is missing "
                             "or failed); the Word version is available."),
                           code="pdf_unavailable") from error
    return JobFile(name=f"{name}.pdf", content=content, content_type="application/pdf")


@task()
def mail_consultation_opened(user_id: int, proposal_id: int) -> bool:
    """To a group secretariat: a proposal awaits its group's opinion."""
    proposal = MeetingProposal.objects.filter(pk=proposal_id).first()
    if proposal is None:
        return False

    def write(user: User) -> tuple[str, str]:
        values = {"title": str(proposal), "unit": proposal.unit,
                  "group": user.get_group_display(),
                  "name": user.get_full_name() or user.username,
                  "url": absolute_url("proposals:detail", proposal.pk)}
        subject = _("Meeting proposal awaiting your opinion: %(title)s") % values
        body = _("Dear %(name)s,\n\n"
                 "The secretariat asks for the opinion of your group (%(group)s) on the meeting "
                 "proposal "
                 "“%(title)s” (%(unit)s):\n%(url)s\n") % values
        return subject, body

    return send_notice(user_id, write, lambda user: (
        has_role(user, Role.GROUP_SECRETARIAT)
        and permissions.can_view_proposal(user, proposal)))
