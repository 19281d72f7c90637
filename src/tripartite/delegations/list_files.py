"""A list of delegations as its pages and files show it, and its files (PDF, Word, Excel, CSV):
shared by the pages (lists_views) and the worker that makes the files (tasks)."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tripartite.common import exports as common_exports
from tripartite.delegations import exports, lists, pdf, word
from tripartite.delegations.models import PublishedList
from tripartite.meetings.models import Session


@dataclass
class ListDocument:
    """One list as the pages and files show it: ordered rows and what to call them."""

    session: Session
    rows: list
    language: str
    kind: str
    title: str
    dated: str
    marked: bool = False
    published: PublishedList | None = None

    @property
    def session_titles(self) -> list[str]:
        titles = []
        for title in (self.session.title_en, self.session.title_fr, self.session.title_es):
            if title and title not in titles:
                titles.append(title)
        return titles

    def filename(self, extension: str) -> str:
        meeting = self.session.meeting
        number = f"-{self.published.number}" if self.kind == "revised" else ""
        stem = slugify(f"{meeting.acronym or meeting.type} {self.session.number} "
                       f"{self.kind}{number} list of delegations")
        return f"{stem}.{extension}"


def current_document(session: Session, language: str) -> ListDocument:
    now = timezone.now().astimezone(session.zone)
    return ListDocument(session=session, rows=lists.current_rows(session, language),
                        language=language, kind="current", title=lists.list_title("current"),
                        dated=now.strftime("%Y-%m-%d %H:%M"))


def published_document(published: PublishedList, language: str) -> ListDocument:
    session = published.session
    rows, marked = lists.published_rows(published, language)
    return ListDocument(session=session, rows=rows, language=language, kind=published.kind,
                        title=lists.list_title(published.kind, published.number),
                        dated=published.published_at.astimezone(session.zone)
                        .strftime("%Y-%m-%d"),
                        marked=marked, published=published)


def pdf_content(document: ListDocument) -> bytes:
    return pdf.list_pdf(rows=document.rows, language=document.language,
                        title=document.title, session_titles=document.session_titles,
                        published=document.dated, marked=document.marked,
                        timestamp=document.published.published_at
                        if document.published else None)


FORMATS = {"pdf": "application/pdf",
           "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
           "xlsx": common_exports.XLSX_TYPE, "csv": common_exports.CSV_TYPE}
FORMAT_NAMES = {"pdf": "PDF", "docx": "Word", "xlsx": "Excel", "csv": "CSV"}


def file_content(document: ListDocument, file_format: str) -> bytes:
    """The list as a PDF, a Word document, an Excel workbook or a CSV file."""
    if file_format == "pdf":
        return pdf_content(document)
    if file_format == "docx":
        return word.list_docx(rows=document.rows, language=document.language,
                              title=document.title, session_titles=document.session_titles,
                              published=document.dated, marked=document.marked)
    if file_format == "xlsx":
        return exports.to_xlsx(document.rows, language=document.language,
                               marked=document.marked, sheet_title=_("Delegations"))
    return exports.to_csv(document.rows, language=document.language, marked=document.marked)
