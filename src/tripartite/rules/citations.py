"""The provisions the rules cite, as French and Spanish readers cite them.

The rules keep one citation per finding, in English ("Constitution art. 17(2); ILC Standing
Orders (2008) art. 21"); ``cite`` writes it in the reader's language ("Constitution, art. 17,
paragr. 2" is not how the Office writes it either: it keeps the article numbers as they are and
translates the instrument). Pages and documents call it on the provision they show, through the
``cite`` template filter. A citation it does not know is returned as it is, so a new rule is
never hidden, and the language walk (tests/test_language_walk.py) finds the words left in
English.
"""

from tripartite.rules.catalogue import LANGUAGES, translate

# Whole citations that describe rather than number a provision (the proposals' rules). Their
# French and Spanish are in the rules' catalogue (locale/<language>/LC_MESSAGES/rules.po).
WHOLE: frozenset[str] = frozenset({
    "GB Officers' approval of symposia, seminars, workshops and similar meetings; "
    "contents of each entry of the information document (e.g. GB.349/INS/INF/1)",
    "Standing Orders for technical meetings and meetings of experts (GB.334, 2018): "
    "equal numbers for the Employers' and Workers' groups",
    "Standing Orders for technical meetings and meetings of experts (GB.334, 2018): "
    "consultation of the Employers' and Workers' groups",
    "Office practice for proposals to the Officers of the Governing Body (lead time set "
    "by the secretariat)",
    "Approval by the Officers of the Governing Body before the meeting",
    "Programme of meetings approved by the Officers of the Governing Body",
    "Information document on approved meetings: financing, source and amount (e.g. "
    "GB.349/INS/INF/1)",
    "Information document on approved meetings: working languages (e.g. GB.349/INS/INF/1)",
    "Gender balance: at least 30 % women (Governing Body, 332nd Session, March 2018; ILC "
    "resolutions on gender equality)",
})

# Parts of numbered citations, replaced in this order (the longer first); their French and
# Spanish are in the rules' catalogue too.
PHRASES: tuple[str, ...] = (
    "ILC Standing Orders (2008) art.",
    "SO-2021 art.",
    "ILC Standing Orders (2008)",
    "SO-2021",
    "Constitution arts ",
    "Constitution art. ",
    "Governing Body, 332nd Session (March 2018)",
    "ILC resolutions on gender equality",
    "Governing Body practice",
    "ILO practice",
    "Rules for Regional Meetings",
    "practice",
)


def cite(provision: str, language: str) -> str:
    """``provision`` as ``language`` cites it; English, and unknown languages, unchanged."""
    if language not in LANGUAGES or language == "en" or not provision:
        return provision
    if provision in WHOLE:
        return translate(language, provision)
    parts = []
    for part in provision.split("; "):
        if part in WHOLE:
            parts.append(translate(language, part))
            continue
        for phrase in PHRASES:
            part = part.replace(phrase, translate(language, phrase))
        parts.append(part)
    return " ; ".join(parts) if language == "fr" else "; ".join(parts)
