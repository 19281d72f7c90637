"""Small text helpers shared by lists and pages."""

import unicodedata

from django.utils.translation import get_language, gettext


def current_language() -> str:
    """The active language's base code ("en", "fr", "es"): the key of the rules' messages and
    of the per-language texts ("en" when translation is deactivated)."""
    return (get_language() or "en").split("-")[0]


def sort_key(text: str) -> str:
    """The alphabetical sort key of a name: accents removed, casefolded.

    Independent of the server's locale, so "États-Unis" sorts with E and "Åland" with A on
    every machine.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# Characters refused in every text a client sends (forms, API bodies, query strings).
# NUL: PostgreSQL cannot store it in text and answers an error. The bidirectional embeddings,
# overrides and isolates are invisible and make a name read differently from what is stored
# ("Trojan Source"); the marks a script needs (U+200E/U+200F, and the zero-width non-joiner
# and joiner U+200C/U+200D) stay allowed.
REFUSED_CHARACTERS = frozenset(
    "\x00" + "".join(chr(code) for code in range(0x202A, 0x202F))
    + "".join(chr(code) for code in range(0x2066, 0x206A)))


def refused_character(text: str) -> str | None:
    """The first refused character of ``text`` as ``U+XXXX``, or None if there is none."""
    for character in text:
        if character in REFUSED_CHARACTERS:
            return f"U+{ord(character):04X}"
    return None


def refused_character_message(code_point: str) -> str:
    return gettext("This text contains an invisible control character (%(character)s) that "
                   "is not accepted; remove it and send again.") % {"character": code_point}
