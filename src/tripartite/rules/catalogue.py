"""The rules' messages in English, French and Spanish, from one catalogue translators edit.

A message is written in the code in English, as the argument of ``text()``; that English is the
message id. Its French and Spanish live in gettext files beside this module,
``locale/<language>/LC_MESSAGES/rules.po``, which translators edit like the project's other
catalogues. They are read here with the standard library, once per process: the rules need
neither Django nor compiled .mo files.

Placeholders are Python's ``%(name)s`` and must be the same in every language (a test checks
it). A message with a count is written ``text_n(singular, plural, count)``, gettext's ngettext:
each language takes the form its plural rule gives ("1 vote cast", "2 votes cast"; French takes
the singular for 0 and 1), the count being ``%(count)s``; in the catalogue it is an entry with
``msgid_plural`` and ``msgstr[0]``, ``msgstr[1]``. A message given no parameters is not
formatted, so a literal ``%`` needs no escaping there; in a message with parameters a literal
percent sign is written ``%%``.
"""

import ast
import functools
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path

LANGUAGES = ("en", "fr", "es")
TRANSLATED = ("fr", "es")  # English is the message id itself
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "rules"

# A plural entry's key and forms are joined by NUL, as in gettext's compiled catalogues.
PLURAL_SEPARATOR = "\x00"


def plural_index(language: str, count: int | Fraction) -> int:
    """The form ``count`` takes (the catalogues' Plural-Forms): French's singular covers 0
    and 1; English's and Spanish's, 1 only."""
    return int(count > 1) if language == "fr" else int(count != 1)


# A parameter: a value shown as it is, or a phrase given in each language, filled into the
# message in that language.
Param = str | int | Mapping[str, str]


def text(msgid: str, /, **params: Param) -> dict[str, str]:
    """The message ``msgid`` in every language, its ``%(name)s`` placeholders filled in.

    A parameter that is itself a message (a mapping of language to text, e.g. another
    ``text()``) is filled in with its text in the message's language.
    """
    return {language: _filled(translate(language, msgid), language, params)
            for language in LANGUAGES}


def text_n(singular: str, plural: str, count: int | Fraction, /,
           **params: Param) -> dict[str, str]:
    """The message in every language, in the plural form ``count`` takes in that language;
    ``%(count)s`` is the count (or a parameter ``count``, the count as it is to be shown: a
    weighted count as a fraction)."""
    return {language: _filled(translate_n(language, singular, plural, count), language,
                              {"count": str(count), **params})
            for language in LANGUAGES}


def translate_n(language: str, singular: str, plural: str, count: int | Fraction) -> str:
    """The form of a plural message for ``count``; English's, like gettext, when it has no
    translation."""
    found = "" if language == "en" else catalogue(language).get(
        singular + PLURAL_SEPARATOR + plural, "")
    if not found:
        return (singular, plural)[plural_index("en", count)]
    forms = found.split(PLURAL_SEPARATOR)
    return forms[min(plural_index(language, count), len(forms) - 1)]


def translate(language: str, msgid: str) -> str:
    """The translation of ``msgid``; English, like gettext, when there is none."""
    if language == "en":
        return msgid
    return catalogue(language).get(msgid) or msgid


def _filled(template: str, language: str, params: Mapping[str, Param]) -> str:
    if not params:
        return template
    return template % {name: value[language] if isinstance(value, Mapping) else value
                       for name, value in params.items()}


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def catalogue(language: str) -> dict[str, str]:
    """The translations of one language, msgid to msgstr, read once."""
    if language not in TRANSLATED:
        raise ValueError(f"no catalogue for language {language!r}")
    return read_po(po_path(language).read_text(encoding="utf-8"), name=str(po_path(language)))


class CatalogueError(ValueError):
    """A .po file the reader cannot understand; the message names the file and line."""


def read_po(source: str, *, name: str = "<po>") -> dict[str, str]:
    """The translated entries of a gettext .po file, msgid to msgstr.

    Enough of the format for a hand-edited catalogue: comments, flags, strings continued over
    several lines, C escapes. The header, untranslated entries and entries flagged ``fuzzy``
    are left out, as gettext does; a plural entry is kept under ``msgid`` NUL
    ``msgid_plural``, its forms joined by NUL. Contexts are refused (the rules use none), and so
    is a msgid given twice.
    """
    entries: dict[str, str] = {}
    entry = _Entry()
    for number, line in enumerate(source.splitlines(), start=1):
        where, stripped = f"{name}:{number}", line.strip()
        if not stripped or stripped.startswith("#~"):  # a blank line or an obsolete entry
            entry = entry.closed(entries, where)
        elif stripped.startswith("#"):
            if entry.msgstr is not None:
                entry = entry.closed(entries, where)
            if stripped.startswith("#,"):
                entry.flags |= {flag.strip() for flag in stripped[2:].split(",")}
        elif stripped.startswith("msgid "):
            if entry.msgid is not None:
                entry = entry.closed(entries, where)
            entry.msgid = _string(stripped.removeprefix("msgid "), where)
        elif (stripped.startswith("msgid_plural ") and entry.msgid is not None
              and entry.plural is None and entry.msgstr is None):
            entry.plural = _string(stripped.removeprefix("msgid_plural "), where)
            entry.last = "plural"
        elif (stripped.startswith("msgstr ") and entry.msgid is not None
              and entry.msgstr is None and entry.plural is None):
            entry.msgstr = _string(stripped.removeprefix("msgstr "), where)
            entry.last = "msgstr"
        elif (stripped.startswith(f"msgstr[{len(entry.forms)}] ") and entry.plural is not None):
            entry.forms.append(_string(stripped.split(" ", 1)[1], where))
            entry.last = "forms"
        elif stripped.startswith('"') and entry.msgid is not None:
            entry.continued(_string(stripped, where))
        else:
            raise CatalogueError(f"{where}: not understood (the rules' catalogue uses no "
                                 f"contexts): {stripped[:60]}")
    entry.closed(entries, f"{name}:end")
    return entries


class _Entry:
    """The entry being read."""

    def __init__(self) -> None:
        self.msgid: str | None = None
        self.plural: str | None = None
        self.msgstr: str | None = None
        self.forms: list[str] = []
        self.flags: set[str] = set()
        self.last = "msgid"  # the string a continued line adds to

    def continued(self, more: str) -> None:
        if self.last == "forms":
            self.forms[-1] += more
        elif self.last == "msgstr" and self.msgstr is not None:
            self.msgstr += more
        elif self.last == "plural" and self.plural is not None:
            self.plural += more
        elif self.msgid is not None:
            self.msgid += more

    def closed(self, entries: dict[str, str], where: str) -> "_Entry":
        """Record this entry if it is translated and not fuzzy; a new entry to read into."""
        if self.msgid is None:
            return self
        if self.plural is not None:
            if not self.forms:
                raise CatalogueError(f"{where}: msgid_plural without msgstr[0]: "
                                     f"{self.msgid[:60]!r}")
            self.msgid = self.msgid + PLURAL_SEPARATOR + self.plural
            self.msgstr = (PLURAL_SEPARATOR.join(self.forms) if all(self.forms) else "")
        if self.msgstr is None:
            raise CatalogueError(f"{where}: msgid without msgstr: {self.msgid[:60]!r}")
        if self.msgid in entries:
            raise CatalogueError(f"{where}: msgid given twice: {self.msgid[:60]!r}")
        if self.msgid and self.msgstr and "fuzzy" not in self.flags:
            entries[self.msgid] = self.msgstr
        return _Entry()


def _string(quoted: str, where: str) -> str:
    """A quoted .po string; its C escapes (\\n, \\", \\\\) are Python's too."""
    if len(quoted) < 2 or quoted[0] != '"' or quoted[-1] != '"':
        raise CatalogueError(f"{where}: expected a quoted string: {quoted[:60]}")
    try:
        value = ast.literal_eval(quoted)
    except (SyntaxError, ValueError) as error:
        raise CatalogueError(f"{where}: bad string: {error}") from None
    if not isinstance(value, str):
        raise CatalogueError(f"{where}: expected a string: {quoted[:60]}")
    return value
