"""ILO document symbols: ``GB.356/INS/3(Rev.1)``, ``ILC.114/Record No. 5A``, ``APRM.16/D.5``.

The shapes follow the Office's practice (domain notes DOC-1 and DOC-2):

- ``<ORGAN>.<session>[bis]/`` then the document's place: a section and its number
  (``GB.355/PFA/1``, ``GB.337/INS/12/1``, an information document ``GB.349/INS/INF/1``,
  minutes ``GB.334/LILS/PV``, a pre-2011 item number ``GB.267/9/1``), a Conference record
  (``ILC.114/Record No. 5A``), a report (``ILC.113/Report IV(1)``, ``Report I(A)``) or a
  numbered document (``ILC.112/D.1``, ``APRM.16/D.5``);
- then any of a revision, an addendum and a corrigendum, each at most once, in brackets
  (``(Rev.1)``, ``(Add.)``, ``(Corr.2)``) or after a slash (``/Add.1``, ``/Corr.1``); an
  unnumbered one counts as the first;
- then ``/Decision`` for the decision's own page (``GB.343/PFA/3/Decision``).

:func:`parse_symbol` returns the parts, with the canonical spelling (capitals for the organ
and the section, single spaces) and the *base* (without revision, addendum, corrigendum and
decision), which finds every revision of a paper. A symbol that does not parse raises
:class:`SymbolError`, whose message names the part that is wrong, in the user's language.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tripartite.common.services import ServiceError

_ORGAN = re.compile(r"[A-Z]{2,8}")
_SESSION = re.compile(r"([1-9]\d{0,2})(BIS)?", re.IGNORECASE)
_SUFFIX = re.compile(r"(?:\((REV|ADD|CORR)\.(\d*)\)|/(REV|ADD|CORR)\.(\d+))$", re.IGNORECASE)
_DECISION = re.compile(r"/DECISION$", re.IGNORECASE)
_RECORD = re.compile(r"(?:PROVISIONAL\s+)?RECORD\b\s*(?:NO\.?\s*)?(.*)$", re.IGNORECASE)
_RECORD_NUMBER = re.compile(r"([1-9]\d?)([A-Z]?)", re.IGNORECASE)
_REPORT = re.compile(r"REPORT\b\s*(.*)$", re.IGNORECASE)
_REPORT_NUMBER = re.compile(r"([IVXL]+)(?:\(([1-9][A-Z]?|[A-Z])\))?", re.IGNORECASE)
_ROMAN = re.compile(r"(?=[IVXL])(L?X{0,3})(IX|IV|V?I{0,3})")
_NUMBERED = re.compile(r"D\.\s*(\d*)$", re.IGNORECASE)
_SECTION_TOKEN = re.compile(r"[A-Z]{1,6}", re.IGNORECASE)
_NUMBER_TOKEN = re.compile(r"[1-9]\d{0,2}")
_KINDS = {"REV": "Rev", "ADD": "Add", "CORR": "Corr"}


class SymbolError(ServiceError):
    """A symbol that does not parse: ``part`` names the piece at fault (``organ``,
    ``session``, ``section``, ``number``, ``revision``, ``addendum``, ``corrigendum``,
    ``record``, ``report`` or ``symbol``)."""

    def __init__(self, message: str, *, part: str) -> None:
        super().__init__(message, code="invalid_symbol", field="symbol")
        self.part = part


@dataclass(frozen=True)
class Symbol:
    organ: str
    session: str
    section: str
    number: str
    revision: int = 0
    addendum: int = 0
    corrigendum: int = 0
    decision: bool = False
    text: str = ""  # the canonical spelling
    base: str = ""  # organ, session, section and number: what every revision shares

    def __str__(self) -> str:
        return self.text


def _wrong(part: str, message: str) -> SymbolError:
    return SymbolError(message, part=part)


def _suffixes(body: str) -> tuple[str, dict[str, int], list[str]]:
    """Take the revision, addendum and corrigendum off the end of ``body``."""
    found: dict[str, int] = {}
    spelled: list[str] = []
    while match := _SUFFIX.search(body):
        kind = (match.group(1) or match.group(3)).upper()
        digits = match.group(2) if match.group(1) else match.group(4)
        part = {"REV": "revision", "ADD": "addendum", "CORR": "corrigendum"}[kind]
        if kind in found:
            raise _wrong(part, _("“%(text)s”: a symbol has at most one revision, one addendum "
                                 "and one corrigendum.") % {"text": match.group(0)})
        number = int(digits) if digits else 1
        if number == 0:
            raise _wrong(part, _("“%(text)s”: a revision, an addendum or a corrigendum is "
                                 "numbered from 1.") % {"text": match.group(0)})
        found[kind] = number
        label = _KINDS[kind]
        spelled.insert(0, f"({label}.{digits})" if match.group(1) else f"/{label}.{digits}")
        body = body[:match.start()]
    return body, found, spelled


def _place(body: str) -> tuple[str, str, str]:
    """The section, the number and their canonical spelling."""
    if record := _RECORD.match(body):
        found = _RECORD_NUMBER.fullmatch(record.group(1).strip())
        if not found:
            raise _wrong("record", _("“%(text)s” is not a record's number: write it like "
                                     "Record No. 5A.") % {"text": body})
        value = found.group(1) + found.group(2).upper()
        return "Record", value, f"Record No. {value}"
    if report := _REPORT.match(body):
        roman = _REPORT_NUMBER.fullmatch(report.group(1).strip())
        if not roman or not _ROMAN.fullmatch(roman.group(1).upper()):
            raise _wrong("report", _("“%(text)s” is not a report's number: reports are "
                                     "numbered in Roman numerals, like Report IV(1) or "
                                     "Report I(A).") % {"text": body})
        value = roman.group(1).upper() + (f"({roman.group(2).upper()})"
                                          if roman.group(2) else "")
        return "Report", value, f"Report {value}"
    if numbered := _NUMBERED.match(body):
        if not _NUMBER_TOKEN.fullmatch(numbered.group(1)):
            raise _wrong("number", _("“%(text)s” needs its number, like D.1.") % {
                "text": body})
        return "D", numbered.group(1), f"D.{numbered.group(1)}"
    sections: list[str] = []
    numbers: list[str] = []
    for token in body.split("/"):
        if _NUMBER_TOKEN.fullmatch(token):
            numbers.append(token)
        elif _SECTION_TOKEN.fullmatch(token) and not numbers:
            sections.append(token.upper())
        elif "(" in token or ")" in token:
            raise _wrong("revision", _("“%(text)s” is not understood: a revision is written "
                                       "(Rev.1), an addendum (Add.1) and a corrigendum "
                                       "(Corr.1).") % {"text": token[token.find("("):]})
        elif _SECTION_TOKEN.fullmatch(token):
            raise _wrong("section", _("“%(text)s” comes after the number: the section comes "
                                      "first, like INS/3.") % {"text": token})
        elif token == "":
            raise _wrong("symbol", _("The symbol has an empty part (two slashes together, or "
                                     "a slash at an end)."))
        else:
            raise _wrong("section" if not numbers and not token[:1].isdigit() else "number",
                         _("“%(text)s” is neither a section (capital letters, like INS or "
                           "PFA) nor a number (like 3, from 1 to 999).") % {"text": token})
    section, number = "/".join(sections), "/".join(numbers)
    if not numbers and (not sections or sections[-1] != "PV"):
        raise _wrong("number", _("The document's number is missing after “%(text)s”, "
                                 "like %(text)s/1.") % {"text": section or body})
    return section, number, body.upper() if not numbers else f"{section}/{number}".lstrip("/")


def parse_symbol(raw: str) -> Symbol:
    """The parts of an ILO document symbol, or a :class:`SymbolError` naming what is wrong."""
    text = " ".join((raw or "").split())
    if not text:
        raise _wrong("symbol", _("Type the document's symbol, like GB.356/INS/3."))
    if "." not in text.split("/", 1)[0]:
        raise _wrong("organ", _("A symbol starts with its organ and session, separated by a "
                                "full stop, like GB.356 or ILC.114."))
    organ, rest = text.split(".", 1)
    organ = organ.strip()
    if not _ORGAN.fullmatch(organ.upper()):
        raise _wrong("organ", _("“%(text)s” is not an organ: write its letters, like GB or "
                                "ILC.") % {"text": organ})
    organ = organ.upper()
    if "/" not in rest:
        raise _wrong("section", _("The symbol ends after the session: add the document's "
                                  "place, like %(organ)s.%(session)s/INS/3.") % {
            "organ": organ, "session": rest})
    session_text, body = rest.split("/", 1)
    session = _SESSION.fullmatch(session_text.strip())
    if not session:
        raise _wrong("session", _("“%(text)s” is not a session: write its number, like "
                                  "356.") % {"text": session_text})
    session_value = session.group(1) + ("bis" if session.group(2) else "")
    body = "/" + body.strip()
    decision = bool(_DECISION.search(body))
    if decision:
        body = _DECISION.sub("", body)
    body, found, spelled = _suffixes(body)
    body = body[1:].strip()
    if not body:
        raise _wrong("section", _("The symbol ends after the session: add the document's "
                                  "place, like %(organ)s.%(session)s/INS/3.") % {
            "organ": organ, "session": session_value})
    section, number, place = _place(body)
    base = f"{organ}.{session_value}/{place}"
    canonical = base + "".join(spelled) + ("/Decision" if decision else "")
    return Symbol(organ=organ, session=session_value, section=section, number=number,
                  revision=found.get("REV", 0), addendum=found.get("ADD", 0),
                  corrigendum=found.get("CORR", 0), decision=decision, text=canonical,
                  base=base)


def looks_like_symbol(text: str) -> Symbol | None:
    """The symbol ``text`` is, if it is one (a search box's query); None otherwise."""
    stripped = text.strip().strip('"')
    if "/" not in stripped or "." not in stripped.split("/", 1)[0]:
        return None
    try:
        return parse_symbol(stripped)
    except SymbolError:
        return None
