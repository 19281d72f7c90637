"""The records of sittings as documents, in English, French or Spanish: the draft summary
record of a sitting (per item: the speakers in order with capacity and delegation, the
secretary's notes, the decision and any vote's result with its arithmetic) and the record of
decisions of a session (every item, its decisions and votes).

Both are made from ``sittings.selectors`` into one plain structure (a title, heading lines,
sections of labelled paragraphs), which is set as Word (python-docx) for the secretariat to
edit, or as PDF (Typst, as the lists of delegations and the results sheets are)."""

import io
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from tripartite.common import l10n, office
from tripartite.delegations.pdf import compile_typst
from tripartite.meetings.models import Session
from tripartite.sittings import selectors
from tripartite.sittings.models import Sitting

TEMPLATE = Path(__file__).resolve().parent / "typst" / "record.typ"


def _minutes(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def vote_lines(vote: dict[str, Any]) -> list[str]:
    """A vote's result with its arithmetic, in the active language."""
    if "outcome" not in vote:
        return [_("Vote: %(subject)s (%(method)s) — %(state)s, no result yet.")
                % {"subject": vote["subject"], "method": vote["method"],
                   "state": vote["state"]}]
    return [
        _("Vote: %(subject)s (%(method)s)") % {"subject": vote["subject"],
                                               "method": vote["method"]},
        _("For %(yes)s, against %(no)s, abstentions %(abstain)s; votes cast %(cast)s; quorum "
          "%(quorum)s; required majority %(required)s. %(outcome)s.") % vote,
        *vote["explanation"]]


def _speaker_label(speaker: dict[str, Any]) -> str:
    parts = [part for part in (speaker["delegation"], speaker["group"], speaker["capacity"])
             if part]
    label = speaker["name"] + (f" ({', '.join(parts)})" if parts else "")
    if speaker["on_behalf_of"]:
        label += " — " + _("on behalf of: %(whom)s") % {"whom": speaker["on_behalf_of"]}
    if speaker["kind"] != "speech":
        label += f" [{speaker['kind_label']}]"
    return label + f" — {_minutes(speaker['seconds'])}"


def _session_lines(session: Session) -> list[str]:
    return [session.meeting.title, session.title]


def proceedings_data(sitting: Sitting, language: str) -> dict[str, Any]:
    """The draft summary record of ``sitting`` in ``language``."""
    with translation.override(language):
        items = selectors.proceedings(sitting, language)
        sitting_line = f"{sitting.title} — {l10n.long_date(sitting.date, language)}, " \
                       f"{sitting.starts_at:%H:%M}"
        if sitting.room:
            sitting_line += f", {sitting.room}"
        lines = [*_session_lines(sitting.session), sitting_line]
        if sitting.chair_id:
            lines.append(_("Chair: %(name)s") % {"name": sitting.chair.person.name})
        sections = []
        for entry in items:
            paragraphs = []
            if entry.notes:
                paragraphs.append({"label": _("Notes on the item"), "text": entry.notes})
            if entry.speakers:
                paragraphs.append({"label": _("Speakers, in the order they spoke"),
                                   "text": ""})
            for number, speaker in enumerate(entry.speakers, start=1):
                paragraphs.append({"label": f"{number}. {_speaker_label(speaker)}",
                                   "text": speaker["notes"]})
            if not entry.speakers:
                paragraphs.append({"label": _("Nobody took the floor."), "text": ""})
            if entry.outcome:
                paragraphs.append({"label": _("Decision: %(outcome)s")
                                   % {"outcome": entry.outcome_label},
                                   "text": entry.decision_text})
            if entry.vote:
                lines_of_vote = vote_lines(entry.vote)
                paragraphs.append({"label": lines_of_vote[0],
                                   "text": "\n".join(lines_of_vote[1:])})
            sections.append({"heading": entry.title, "paragraphs": paragraphs})
        return {"language": language, "title": _("Record of proceedings (draft)"),
                "lines": lines, "sections": sections}


def decisions_data(session: Session, language: str) -> dict[str, Any]:
    """The record of decisions of ``session`` in ``language``."""
    with translation.override(language):
        sections = []
        for row in selectors.session_decisions(session, language):
            paragraphs = []
            for decision in row["decisions"]:
                paragraphs.append({"label": _("%(outcome)s (%(sitting)s, %(date)s)") % {
                    "outcome": decision["outcome_label"], "sitting": decision["sitting"],
                    "date": l10n.long_date(decision["date"], language)},
                    "text": decision["text"]})
            for vote in row["votes"]:
                lines_of_vote = vote_lines(vote)
                paragraphs.append({"label": lines_of_vote[0],
                                   "text": "\n".join(lines_of_vote[1:])})
            if not paragraphs:
                paragraphs.append({"label": _("No decision recorded."), "text": ""})
            sections.append({"heading": row["title"], "paragraphs": paragraphs})
        return {"language": language, "title": _("Record of decisions"),
                "lines": _session_lines(session), "sections": sections}


def as_docx(data: dict[str, Any]) -> bytes:
    from docx import Document
    from docx.shared import Pt

    document = office.a4(Document())
    document.core_properties.title = data["title"]
    document.core_properties.language = data["language"]
    style = document.styles["Normal"]
    style.font.name = "Noto Sans"
    style.font.size = Pt(10)
    for line in data["lines"]:
        document.add_paragraph(line)
    document.add_heading(data["title"], level=1)
    for section in data["sections"]:
        document.add_heading(section["heading"], level=2)
        for paragraph in section["paragraphs"]:
            block = document.add_paragraph()
            block.add_run(paragraph["label"]).bold = True
            if paragraph["text"]:
                block.add_run("\n" + paragraph["text"])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def as_pdf(data: dict[str, Any]) -> bytes:
    return compile_typst(TEMPLATE, data)
