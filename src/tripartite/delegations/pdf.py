"""The list of delegations as a PDF, set by Typst from the list's rows.

``list_pdf`` is pure of the request and of the database: it takes ordered rows (see
``lists.py``) and the document's titles, and returns the PDF's bytes. The template is
``typst/list_of_delegations.typ``; the data reaches it as one JSON string in
``sys.inputs``, so no value from the database is ever read as Typst markup.

Names in any script need fonts that have their glyphs: the template asks for the Noto
families (Latin, Cyrillic, Greek, Arabic, Hebrew, Armenian, Georgian, Devanagari, Bengali,
Thai, Ethiopic, CJK), found among the system fonts; ``LIST_PDF_FONT_PATHS`` in the settings
adds folders (a list of paths) for a server that keeps them elsewhere.
"""

import datetime as dt
import json
from pathlib import Path

import typst

from tripartite.common import fonts as common_fonts
from tripartite.delegations import lists

TEMPLATE = Path(__file__).resolve().parent / "typst" / "list_of_delegations.typ"


def fonts() -> typst.Fonts:
    """The fonts, scanned once per process (``common.fonts``, which also tells which are
    missing)."""
    return common_fonts.typst_fonts()


def document_data(*, rows, language: str, title: str, session_titles, published: str,
                  marked: bool) -> dict:
    """The JSON the template reads: titles, legend, and the States with their persons."""
    states = []
    for state in lists.sections(rows, language):
        states.append({"name": state.name, "groups": [
            {"heading": group.heading, "persons": [_person(p) for p in group.persons]}
            for group in state.groups]})
    figures = lists.counts(rows)
    return {
        "title": title,
        "session": [line for line in session_titles if line],
        "published": published,
        "language": language,
        "marked": marked,
        "legend": [[change, lists.change_marker(change), lists.trilingual(text)]
                   for change, text in lists.CHANGE_LEGEND.items()],
        "counts": (f"{figures['states']} delegations / délégations / delegaciones · "
                   f"{figures['persons']} persons / personnes / personas"),
        "states": states,
    }


def _person(p: dict) -> dict:
    return {
        "title": p.get("title") or "",
        "name": p["display_name"],
        "latin": p["display_latin"] if p["latin_differs"] else "",
        "role": p["role_label"],
        "function": p.get("function") or "",
        "change": p.get("change"),
        "marker": p.get("marker", ""),
        "before": p.get("before_label", ""),
    }


def list_pdf(*, rows, language: str, title: str, session_titles=(), published: str = "",
             marked: bool = False, timestamp: dt.datetime | None = None) -> bytes:
    """The PDF of ordered ``rows`` (marked with ``change`` when ``marked``)."""
    data = document_data(rows=rows, language=language, title=title,
                         session_titles=session_titles, published=published, marked=marked)
    return compile_typst(TEMPLATE, data, timestamp=timestamp)


def compile_typst(template: Path, data: dict, *, timestamp: dt.datetime | None = None) -> bytes:
    """Set ``template`` with ``data`` (as ``sys.inputs.data``); the same input gives the same
    bytes, dated ``timestamp`` (a fixed date when None)."""
    stamp = (timestamp or dt.datetime(2000, 1, 1)).astimezone(dt.UTC).replace(microsecond=0)
    return typst.compile(
        str(template), root=str(template.parent), font_paths=fonts(),
        sys_inputs={"data": json.dumps(data, ensure_ascii=False)}, timestamp=stamp)
