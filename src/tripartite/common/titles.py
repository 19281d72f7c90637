"""A person's title ("Ms", "H.E. Mr", "Dr") written in the reader's or the document's language.

A title is stored as typed (the portal, the spreadsheet, the API, the demo), so a list
published yesterday and the API keep what they had. It is *shown* in the language of the page,
list, badge or letter: a courtesy title the product knows, in any of its three languages and
with or without full stops, is written as that language writes it::

    "H.E. Ms" -> fr "S.E. Mme",   es "Excma. Sra."
    "Mr"      -> fr "M.",         es "Sr."
    "Dr"      -> fr "Dr",         es "Dr." / "Dra." (by the person's gender)
    "Mme"     -> en "Ms"

A title the product does not know ("Sheikh", "Hon.", "Rev.") is shown as typed. Spanish has
no courtesy title that leaves the gender unstated: "Mx" is left out in Spanish ("H.E. Mx" is
"S.E.", Su Excelencia). Pure Python: no Django.
"""

import re

LANGUAGES = ("en", "fr", "es")

# code -> (English, French, Spanish masculine, Spanish feminine), and the gender it states.
COURTESY = {
    "mr": (("Mr", "M.", "Sr.", "Sr."), "m"),
    "ms": (("Ms", "Mme", "Sra.", "Sra."), "f"),
    "mrs": (("Mrs", "Mme", "Sra.", "Sra."), "f"),
    "miss": (("Miss", "Mlle", "Srta.", "Srta."), "f"),
    "mx": (("Mx", "Mx", "", ""), ""),
    "dr": (("Dr", "Dr", "Dr.", "Dra."), ""),
    "prof": (("Prof.", "Pr", "Prof.", "Prof.ª"), ""),
}

# How each courtesy title may be typed, once lower-cased and without full stops.
SPELLINGS = {
    "mr": ("mr", "m", "monsieur", "sr", "señor", "senor"),
    "ms": ("ms", "madame", "mme", "sra", "señora", "senora"),
    "mrs": ("mrs",),
    "miss": ("miss", "mlle", "mademoiselle", "srta", "señorita", "senorita"),
    "mx": ("mx",),
    "dr": ("dr", "dre", "dra", "doctor", "doctora", "docteur", "docteure"),
    "prof": ("prof", "profª", "prof ª", "professor", "professeur", "professeure", "pr",
             "profesor", "profesora"),
}
FEMININE_SPELLINGS = {"dra", "doctora", "dre", "docteure", "profesora", "professeure",
                      "profª", "prof ª"}
# "His/Her Excellency" as typed: H.E., S.E. (Son/Su Excelencia), Excmo./Excma.
EXCELLENCY = ("his excellency", "her excellency", "son excellence", "su excelencia",
              "excelentísimo", "excelentísima", "excmo", "excma", "he", "se")

_CODES = {spelling: code for code, spellings in SPELLINGS.items() for spelling in spellings}


def _normal(text: str) -> str:
    text = re.sub(r"\s+", " ", text.replace(".", "").strip().lower())
    return re.sub(r"^([hs]) e\b", r"\1e", text)  # "S. E. Mme", as French typography spaces it


def parse(title: str) -> tuple[bool, str, bool] | None:
    """(excellency, courtesy code or "", typed in the feminine) for a title the product knows,
    None for any other."""
    text = _normal(title)
    if not text:
        return None
    excellency = False
    for prefix in EXCELLENCY:
        if text == prefix or text.startswith(prefix + " "):
            excellency, text = True, text[len(prefix):].strip()
            break
    feminine = text in FEMININE_SPELLINGS or _normal(title).startswith(("excma", "her "))
    if not text:
        return (True, "", feminine) if excellency else None
    code = _CODES.get(text)
    if code is None:
        return None
    return excellency, code, feminine


def title_in(title: str, language: str, gender: str = "") -> str:
    """``title`` as ``language`` writes it (see the module's docstring); unknown titles, and
    any title in a language other than en, fr, es, as typed. ``gender`` ("m", "f", "x") chooses
    the Spanish forms a title does not settle itself (Dr./Dra., Excmo./Excma.)."""
    title = (title or "").strip()
    parsed = parse(title) if language in LANGUAGES else None
    if parsed is None:
        return title
    excellency, code, feminine = parsed
    stated = COURTESY[code][1] if code else ""
    form = stated or ("f" if feminine else gender if gender in ("m", "f") else "")
    if code:
        english, french, spanish_m, spanish_f = COURTESY[code][0]
        courtesy = {"en": english, "fr": french,
                    "es": spanish_f if form == "f" else spanish_m}[language]
    else:
        courtesy = ""
    if not excellency:
        return courtesy
    if language == "es":
        if not form or code == "mx":
            return "S.E."
        prefix = "Excma." if form == "f" else "Excmo."
        if not code:
            courtesy = "Sra." if form == "f" else "Sr."
        return f"{prefix} {courtesy}"
    prefix = {"en": "H.E.", "fr": "S.E."}[language]
    return " ".join(part for part in (prefix, courtesy) if part)


# --- titles chosen from a list (the address book) ---------------------------------------------

# The courtesy titles a form offers, in this order.
CODES = ("mr", "ms", "mrs", "miss", "mx", "dr", "prof")


def stated_gender(code: str, gender: str = "") -> str:
    """"m" or "f" as the courtesy title ``code`` states it, else as ``gender`` does, else ""."""
    stated = COURTESY[code][1] if code in COURTESY else ""
    return stated or (gender if gender in ("m", "f") else "")


def written(code: str, language: str, *, excellency: bool = False, gender: str = "") -> str:
    """A title chosen from ``CODES`` (or "" for none), with or without "His/Her Excellency",
    as ``language`` writes it: ("ms", "fr", excellency) -> "S.E. Mme"."""
    english = " ".join(part for part in ("H.E." if excellency else "",
                                         COURTESY[code][0][0] if code in COURTESY else "")
                       if part)
    return title_in(english, language, gender) if english else ""


# The salutation of a letter ("Excellency," "Madame," "Señor:"), as each language opens and
# closes a formal letter: by the excellency, else by the gender the title or the person states.
SALUTATIONS = {
    "excellency": {"en": ("Excellency", "Excellency", "Excellency"),
                   "fr": ("Excellence", "Excellence", "Excellence"),
                   "es": ("Excelentísimo Señor", "Excelentísima Señora", "Excelencia")},
    "plain": {"en": ("Sir", "Madam", "Sir or Madam"),
              "fr": ("Monsieur", "Madame", "Madame, Monsieur"),
              "es": ("Señor", "Señora", "Señora, Señor")},
}


def salutation(code: str, language: str, *, excellency: bool = False, gender: str = "") -> str:
    """How a letter in ``language`` addresses the person: "Excellency" / "Excellence" /
    "Excelentísima Señora" for an excellency, else "Madam" / "Madame" / "Señora" (or both
    forms when neither the title nor ``gender`` states one). English for another language."""
    forms = SALUTATIONS["excellency" if excellency else "plain"]
    masculine, feminine, either = forms.get(language, forms["en"])
    form = stated_gender(code, gender)
    return masculine if form == "m" else feminine if form == "f" else either


def split(text: str) -> tuple[str, str]:
    """(the title a name begins with, the rest): "H.E. Ms Amina Wanjiru" -> ("H.E. Ms",
    "Amina Wanjiru"); ("", text) when it begins with no title the product knows. The name
    keeps at least one word, and "He"/"Se" without a full stop is a name, not "H.E."."""
    words = (text or "").split()
    for count in range(min(4, len(words) - 1), 0, -1):
        head = " ".join(words[:count])
        if words[0].casefold() in ("he", "se") or parse(head) is None:
            continue
        return head, " ".join(words[count:])
    return "", " ".join(words)
