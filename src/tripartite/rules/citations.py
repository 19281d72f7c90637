"""The provisions the rules cite, as French and Spanish readers cite them.

The rules keep one citation per finding, in English ("Constitution art. 17(2); ILC Standing
Orders (2008) art. 21"); ``cite`` writes it in the reader's language ("Constitution, art. 17,
paragr. 2" is not how the Office writes it either: it keeps the article numbers as they are and
translates the instrument). Pages and documents call it on the provision they show, through the
``cite`` template filter. A citation it does not know is returned as it is, so a new rule is
never hidden, and the language walk (tests/test_language_walk.py) finds the words left in
English.
"""

LANGUAGES = ("en", "fr", "es")

# Whole citations that describe rather than number a provision (the proposals' rules).
WHOLE: dict[str, tuple[str, str]] = {
    "GB Officers' approval of symposia, seminars, workshops and similar meetings; contents of "
    "each entry of the information document (e.g. GB.349/INS/INF/1)": (
        "Approbation par le bureau du Conseil d'administration des colloques, séminaires, "
        "ateliers et autres réunions analogues ; contenu de chaque entrée du document "
        "d'information (par exemple GB.349/INS/INF/1)",
        "Aprobación por la Mesa del Consejo de Administración de simposios, seminarios, "
        "talleres y otras reuniones similares; contenido de cada entrada del documento de "
        "información (por ejemplo, GB.349/INS/INF/1)"),
    "Standing Orders for technical meetings and meetings of experts (GB.334, 2018): equal "
    "numbers for the Employers' and Workers' groups": (
        "Règlement des réunions techniques et des réunions d'experts (GB.334, 2018) : nombre "
        "égal pour le groupe des employeurs et le groupe des travailleurs",
        "Reglamento de las reuniones técnicas y de las reuniones de expertos (GB.334, 2018): "
        "igual número para el Grupo de los Empleadores y el Grupo de los Trabajadores"),
    "Standing Orders for technical meetings and meetings of experts (GB.334, 2018): "
    "consultation of the Employers' and Workers' groups": (
        "Règlement des réunions techniques et des réunions d'experts (GB.334, 2018) : "
        "consultation du groupe des employeurs et du groupe des travailleurs",
        "Reglamento de las reuniones técnicas y de las reuniones de expertos (GB.334, 2018): "
        "consulta del Grupo de los Empleadores y del Grupo de los Trabajadores"),
    "Office practice for proposals to the Officers of the Governing Body (lead time set by the "
    "secretariat)": (
        "Pratique du Bureau pour les propositions soumises au bureau du Conseil "
        "d'administration (délai fixé par le secrétariat)",
        "Práctica de la Oficina para las propuestas sometidas a la Mesa del Consejo de "
        "Administración (plazo fijado por la secretaría)"),
    "Approval by the Officers of the Governing Body before the meeting": (
        "Approbation par le bureau du Conseil d'administration avant la réunion",
        "Aprobación por la Mesa del Consejo de Administración antes de la reunión"),
    "Programme of meetings approved by the Officers of the Governing Body": (
        "Programme des réunions approuvé par le bureau du Conseil d'administration",
        "Programa de reuniones aprobado por la Mesa del Consejo de Administración"),
    "Information document on approved meetings: financing, source and amount "
    "(e.g. GB.349/INS/INF/1)": (
        "Document d'information sur les réunions approuvées : financement, source et montant "
        "(par exemple GB.349/INS/INF/1)",
        "Documento de información sobre las reuniones aprobadas: financiación, fuente y monto "
        "(por ejemplo, GB.349/INS/INF/1)"),
    "Information document on approved meetings: working languages (e.g. GB.349/INS/INF/1)": (
        "Document d'information sur les réunions approuvées : langues de travail (par exemple "
        "GB.349/INS/INF/1)",
        "Documento de información sobre las reuniones aprobadas: idiomas de trabajo (por "
        "ejemplo, GB.349/INS/INF/1)"),
    "Gender balance: at least 30 % women (Governing Body, 332nd Session, March 2018; ILC "
    "resolutions on gender equality)": (
        "Équilibre entre hommes et femmes : au moins 30 % de femmes (Conseil d'administration, "
        "332e session, mars 2018 ; résolutions de la CIT sur l'égalité entre hommes et femmes)",
        "Equilibrio de género: al menos un 30 % de mujeres (Consejo de Administración, "
        "332.ª reunión, marzo de 2018; resoluciones de la CIT sobre la igualdad de género)"),
}

# Parts of numbered citations, replaced in this order (the longer first).
PHRASES: tuple[tuple[str, str, str], ...] = (
    ("ILC Standing Orders (2008) art.", "Règlement de la Conférence (2008), art.",
     "Reglamento de la Conferencia (2008), art."),
    ("SO-2021 art.", "Règlement de la Conférence (2021), art.",
     "Reglamento de la Conferencia (2021), art."),
    ("ILC Standing Orders (2008)", "Règlement de la Conférence (2008)",
     "Reglamento de la Conferencia (2008)"),
    ("SO-2021", "Règlement de la Conférence (2021)", "Reglamento de la Conferencia (2021)"),
    ("Constitution arts ", "Constitution, art. ", "Constitución, arts. "),
    ("Constitution art. ", "Constitution, art. ", "Constitución, art. "),
    ("Governing Body, 332nd Session (March 2018)",
     "Conseil d'administration, 332e session (mars 2018)",
     "Consejo de Administración, 332.ª reunión (marzo de 2018)"),
    ("ILC resolutions on gender equality",
     "résolutions de la CIT sur l'égalité entre hommes et femmes",
     "resoluciones de la CIT sobre la igualdad de género"),
    ("Governing Body practice", "pratique du Conseil d'administration",
     "práctica del Consejo de Administración"),
    ("ILO practice", "pratique de l'OIT", "práctica de la OIT"),
    ("Rules for Regional Meetings", "Règlement des réunions régionales",
     "Reglamento de las Reuniones Regionales"),
    ("practice", "pratique", "práctica"),
)


def cite(provision: str, language: str) -> str:
    """``provision`` as ``language`` cites it; English, and unknown languages, unchanged."""
    if language not in LANGUAGES or language == "en" or not provision:
        return provision
    index = LANGUAGES.index(language) - 1
    if provision in WHOLE:
        return WHOLE[provision][index]
    parts = []
    for part in provision.split("; "):
        if part in WHOLE:
            parts.append(WHOLE[part][index])
            continue
        for phrase in PHRASES:
            part = part.replace(phrase[0], phrase[index + 1])
        parts.append(part)
    return " ; ".join(parts) if language == "fr" else "; ".join(parts)
