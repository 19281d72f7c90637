"""Family names as the ILO's lists of delegations write them: "Mme Hélène MARCHETTI".

A person's ``family_name`` is the family name as it is written in the name in Latin script
(``name_latin``, which is the name itself for a name in Latin script). The lists show it in
capitals inside the name; a name in another script (Chinese, Arabic, Cyrillic…) is left as
written, and its Latin form gets the capitals ("王伟" / "WANG Wei").

Upper-casing is done for names, not for running text:

- a family name in any script other than Latin is never upper-cased;
- "ß" becomes the capital "ẞ", not "SS": "Strauß" and "Strauss" are different names (German
  identity documents keep them apart the same way);
- for Turkish and Azerbaijani names (``turkic``), "i" becomes "İ" and "ı" becomes "I"
  ("Çelik" → "ÇELİK", "Yılmaz" → "YILMAZ").

``guess_family_name`` splits a name whose family name was never recorded (people created
before the field existed, by hand at a desk, or imported): the last word with the particles
before it ("da Silva", "van der Berg"), the last two for Spanish naming (two family names),
the first word for the names written family name first (Chinese, Japanese, Korean,
Vietnamese, Khmer…). It is a guess that the secretariat corrects on the person's page.
"""

import re
import unicodedata

PARTICLES = frozenset({
    "al", "bin", "binti", "bint", "da", "das", "de", "del", "della", "der", "den", "di", "do",
    "dos", "du", "el", "ibn", "la", "las", "le", "les", "los", "mac", "st", "st.", "ten",
    "ter", "van", "von", "y", "zu",
})
# States whose nationals usually carry two family names (Spanish naming).
SPANISH_NAMING = frozenset({
    "AR", "BO", "CL", "CO", "CR", "CU", "DO", "EC", "ES", "GQ", "GT", "HN", "MX", "NI", "PA",
    "PE", "PY", "SV", "UY", "VE",
})
# States whose names are written family name first, also in their Latin form.
FAMILY_FIRST = frozenset({"CN", "JP", "KR", "KP", "VN", "KH"})
TURKIC = frozenset({"TR", "AZ"})

_FAMILY_FIRST_SCRIPTS = ("CJK", "HANGUL", "HIRAGANA", "KATAKANA")


def is_latin(text: str) -> bool:
    """Whether every letter of ``text`` is a Latin one (accents included)."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(unicodedata.name(ch, "").startswith("LATIN")
                                 for ch in letters)


def name_capitals(text: str, *, turkic: bool = False) -> str:
    """``text`` in capitals, as a name is written in capitals (see the module's notes)."""
    if turkic:
        text = text.replace("i", "İ").replace("ı", "I")
    return "".join("ẞ" if ch == "ß" else ch.upper() for ch in text)


def _last_match(name: str, family: str) -> re.Match | None:
    matches = list(re.finditer(rf"(?<!\w){re.escape(family)}(?!\w)", name or ""))
    return matches[-1] if matches else None


def family_found(name: str, family_name: str) -> bool:
    """Whether ``family_name`` is written, as whole words, in ``name``."""
    family = (family_name or "").strip()
    return bool(family) and _last_match(name, family) is not None


def family_in_capitals(name: str, family_name: str, *, turkic: bool = False) -> str:
    """``name`` with its family name in capitals ("Hélène MARCHETTI"); unchanged when the
    family name is not in Latin script or is not found as whole words in ``name``."""
    family = (family_name or "").strip()
    if not name or not family or not is_latin(family):
        return name
    last = _last_match(name, family)
    if last is None:
        return name
    return name[:last.start()] + name_capitals(family, turkic=turkic) + name[last.end():]


def _written_family_first(name: str) -> bool:
    return any(unicodedata.name(ch, "").startswith(_FAMILY_FIRST_SCRIPTS) for ch in name or "")


def guess_family_name(name_latin: str, *, name: str = "", state: str = "") -> str:
    """A sensible guess of the family name inside ``name_latin`` (see the module's notes);
    "" when there is nothing to guess from."""
    words = (name_latin or "").split()
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    if state in FAMILY_FIRST or _written_family_first(name):
        return words[0]
    wanted = 2 if state in SPANISH_NAMING and len(words) >= 3 else 1
    start = len(words)
    for _unit in range(wanted):
        if start <= 1:
            break
        start -= 1
        while start > 1 and words[start - 1].lower() in PARTICLES:
            start -= 1
    return " ".join(words[start:])
