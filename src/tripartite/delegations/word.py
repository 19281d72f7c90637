"""The list of delegations as a Word document (python-docx), from the same rows and sections
as the page and the PDF: A4, the list's title and the session, then each State with its
groups and, for each person, the title, the name (family name in capitals: "Mme Hélène
MARCHETTI"; the Latin form below a name in another script), the role and the function; on a
list that marks changes, the marker and what the person's entry read before."""

import io

from docx import Document
from docx.shared import Pt

from tripartite.common import office
from tripartite.delegations import lists


def list_docx(*, rows, language: str, title: str, session_titles=(), published: str = "",
              marked: bool = False) -> bytes:
    document = office.a4(Document())
    document.core_properties.title = title
    document.core_properties.language = language
    style = document.styles["Normal"]
    style.font.name = "Noto Sans"
    style.font.size = Pt(10)
    for line in session_titles:
        if line:
            document.add_paragraph(line)
    document.add_heading(title, level=1)
    if published:
        document.add_paragraph(published)
    if marked:
        for marker, text in lists.change_legend():
            document.add_paragraph(f"{marker}: {text}")
    for state in lists.sections(rows, language):
        document.add_heading(state.name, level=2)
        for group in state.groups:
            document.add_heading(group.heading, level=3)
            for person in group.persons:
                paragraph = document.add_paragraph()
                if person["change"]:
                    paragraph.add_run(f"[{person['marker']}] ").italic = True
                if person.get("title"):
                    paragraph.add_run(person["title"] + " ")
                name = paragraph.add_run(person["display_name"])
                name.bold = True
                name.font.strike = person["change"] == lists.WITHDRAWN
                if person["latin_differs"]:
                    paragraph.add_run(f" ({person['display_latin']})")
                paragraph.add_run("\n" + person["role_label"])
                if person.get("function"):
                    paragraph.add_run("\n" + person["function"])
                if person["before_label"]:
                    paragraph.add_run("\n← " + person["before_label"]).italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
