"""Small text helpers shared by lists and pages."""

import unicodedata


def sort_key(text: str) -> str:
    """The alphabetical sort key of a name: accents removed, casefolded.

    Independent of the server's locale, so "États-Unis" sorts with E and "Åland" with A on
    every machine.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
