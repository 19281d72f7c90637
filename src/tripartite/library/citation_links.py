"""A finding's citation, linked to the provisions' texts the library holds.

The rules cite provisions in English ("Constitution art. 4(2); SO-2021 art. 1(2)"); the
``cite`` filter (common/templatetags) writes a citation in the reader's language and, through
``render`` registered here by the library's app, links each article it cites to that
provision in the rules' texts when it is loaded (in any language: the text's page says which
languages exist). A citation, or a part of one, that names no loaded provision stays plain
text.

Which text a citation means: "Constitution" is the Constitution's latest version loaded;
"SO-2021" the Conference's Standing Orders as revised in June 2021 or later; "ILC Standing
Orders (2008)" a version of them before June 2021; "ILC Standing Orders" without a year their
latest version; "GB Standing Orders" the Governing Body's latest version.

Which provisions are loaded is read once per request (at most one query, whatever the number
of findings on the page), and on every call outside a request.
"""

import datetime as dt
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from tripartite.library.models import Instrument, Provision
from tripartite.library.provisions import anchor
from tripartite.rules.citations import cite

REVISION_2021 = dt.date(2021, 6, 1)

# The instrument named at the start of a citation, and which of its versions it means.
EDITIONS: dict[str, tuple[str, Callable[[dt.date], bool]]] = {
    "ILC Standing Orders (2008)": (Instrument.ILC_STANDING_ORDERS,
                                   lambda version: version < REVISION_2021),
    "ILC Standing Orders": (Instrument.ILC_STANDING_ORDERS, lambda version: True),
    "SO-2021": (Instrument.ILC_STANDING_ORDERS, lambda version: version >= REVISION_2021),
    "GB Standing Orders": (Instrument.GB_STANDING_ORDERS, lambda version: True),
    "Constitution": (Instrument.CONSTITUTION, lambda version: True),
}
CITED = re.compile(r"^(?P<instrument>" + "|".join(re.escape(name) for name in EDITIONS)
                   + r") (?:art\.|arts) (?P<references>\d.*)$")
REFERENCE = re.compile(r"(?P<article>\d+[a-z]*)(?:\((?P<paragraph>\d+)\))?(?:\([a-z]\))*")
_ONE = r"\d+[a-z]*(?:\(\d+\))?(?:\([a-z]\))*"
REFERENCES = re.compile(rf"^{_ONE}(?:, {_ONE})*$")

Index = dict[str, list[tuple[dt.date, frozenset[tuple[str, str]]]]]

_request = threading.local()


@dataclass(frozen=True)
class Link:
    instrument: str
    version: dt.date
    anchor: str


def _load() -> Index:
    loaded: dict[tuple[str, dt.date], set[tuple[str, str]]] = {}
    rows = Provision.objects.values_list("text__instrument", "text__version_date", "article",
                                         "paragraph").distinct()
    for instrument, version, article, paragraph in rows:
        loaded.setdefault((instrument, version), set()).add((article, paragraph))
    index: Index = {}
    for (instrument, version), provisions in sorted(loaded.items(), key=lambda item: item[0][1],
                                                    reverse=True):
        index.setdefault(instrument, []).append((version, frozenset(provisions)))
    return index


def _index() -> Index:
    if getattr(_request, "active", False):
        if getattr(_request, "index", None) is None:
            _request.index = _load()
        return _request.index
    return _load()


def request_started(**kwargs) -> None:
    _request.active, _request.index = True, None


def request_finished(**kwargs) -> None:
    _request.active, _request.index = False, None


def forget() -> None:
    """After an import: the next citation reads the provisions again."""
    _request.index = None


def link_of(instrument_name: str, article: str, paragraph: str,
            index: Index | None = None) -> Link | None:
    """Where the provision cited is, when a text holding it is loaded."""
    instrument, edition = EDITIONS[instrument_name]
    for version, provisions in (index if index is not None else _index()).get(instrument, []):
        if not edition(version):
            continue
        found = ((article, paragraph) in provisions if paragraph else
                 any(loaded == article for loaded, _paragraph in provisions))
        return Link(instrument, version, anchor(article, paragraph)) if found else None
    return None


def _href(link: Link) -> str:
    return reverse("library:rules_text_version", kwargs={
        "instrument": link.instrument, "version": link.version.isoformat()}) + f"#{link.anchor}"


def _linked_part(part: str, language: str, index: Index) -> str:
    shown = cite(part, language)
    match = CITED.match(part)
    if not match or not REFERENCES.match(match["references"]) or not shown.endswith(
            match["references"]):
        return escape(shown)
    references = match["references"]
    pieces = [escape(shown[:-len(references)])]
    position = 0
    for reference in REFERENCE.finditer(references):
        pieces.append(escape(references[position:reference.start()]))
        link = link_of(match["instrument"], reference["article"], reference["paragraph"] or "",
                       index)
        pieces.append(format_html('<a href="{}">{}</a>', _href(link), reference[0]) if link
                      else escape(reference[0]))
        position = reference.end()
    pieces.append(escape(references[position:]))
    return "".join(pieces)


def render(provision: str, language: str) -> SafeString:
    """``provision`` as ``language`` cites it, each loaded provision a link to its text."""
    if not any(CITED.match(part) for part in provision.split("; ")):
        return escape(cite(provision, language))
    index = _index()
    parts = [_linked_part(part, language, index) for part in provision.split("; ")]
    return mark_safe((" ; " if language == "fr" else "; ").join(parts))  # noqa: S308 (escaped)
