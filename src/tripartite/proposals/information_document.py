"""The information document for a session of the Governing Body: "Approved symposia, seminars,
workshops and similar meetings" (MTG-3; e.g. GB.349/INS/INF/1), in English, French or Spanish,
as Word (python-docx) and PDF (the Word file converted by LibreOffice).

It opens with the header of a Governing Body paper (DOC-3): "INTERNATIONAL LABOUR OFFICE",
"Governing Body", the session with its place and dates, the symbol, the section in words and
its code, "Date:", "Original:", and the agenda item it comes under ("SECOND ITEM ON THE
AGENDA"; "For information" when none is named). The meetings follow under the heading of the
department or region responsible for them (``headings.py``), numbered throughout.

The document's own words are kept here in the three languages, with the ILO's terms (see the
glossary), so that it reads the same whatever the interface's translations say; the meetings'
titles, purposes and relevance to standards are the proposals' own text in that language
(English where a translation is missing); countries carry their official names.
"""

import datetime as dt
import io
import re
from dataclasses import dataclass

from django.utils import timezone, translation
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Pt

from tripartite.common import office
from tripartite.common.l10n import amount, date_range, long_date
from tripartite.common.text import sort_key
from tripartite.meetings import places
from tripartite.meetings.models import AgendaItem, MeetingType, Session
from tripartite.proposals import headings
from tripartite.proposals.models import MeetingProposal, ProposalState
from tripartite.proposals.selectors import proposals_with_facts
from tripartite.rules import proposals as rules

LANGUAGES = ("en", "fr", "es")
SYMBOL = re.compile(r"^GB\.(\d{3})(bis)?/(INS|POL|LILS|PFA|HL|WP/GBC)(/INF)?/\d+(/\d+)*"
                    r"(\((Rev\.\d*|Add\.|Corr\.)\))?(/Decision)?$")

TEXT = {
    "en": {
        "office": "INTERNATIONAL LABOUR OFFICE", "date_label": "Date: {date}",
        "original": "Original: {language}",
        "body": "Governing Body", "for_information": "For information",
        "title": "Approved symposia, seminars, workshops and similar meetings",
        "intro": "Since the {previous}, the Officers of the Governing Body have approved the "
                 "following meetings.",
        "intro_first": "The Officers of the Governing Body have approved the following "
                       "meetings.",
        "none": "No meeting was approved in this period.",
        "date": "Proposed date", "place": "Place", "financing": "Financing",
        "coverage": "Geographical coverage", "composition": "Composition of participants",
        "resource_persons": "Resource persons", "observers": "Observers", "purpose": "Purpose",
        "standards": "Relevance to international labour standards",
        "languages": "Working language(s)", "type": "Type of meeting", "online": "Online",
        "government": "Governments", "employers": "Employers", "workers": "Workers",
        "women": "{persons} (of whom {women} women)", "tripartite": "tripartite",
        "not_tripartite": "not tripartite", "approved_on": "Approved on {date}",
        "take_note": "The Governing Body is invited to take note of this information.",
    },
    "fr": {
        "office": "BUREAU INTERNATIONAL DU TRAVAIL", "date_label": "Date: {date}",
        "original": "Original: {language}",
        "body": "Conseil d'administration", "for_information": "Pour information",
        "title": "Colloques, séminaires, ateliers et autres réunions analogues approuvés",
        "intro": "Depuis la {previous}, le bureau du Conseil d'administration a approuvé les "
                 "réunions suivantes.",
        "intro_first": "Le bureau du Conseil d'administration a approuvé les réunions "
                       "suivantes.",
        "none": "Aucune réunion n'a été approuvée pendant cette période.",
        "date": "Date proposée", "place": "Lieu", "financing": "Financement",
        "coverage": "Couverture géographique", "composition": "Composition",
        "resource_persons": "Personnes-ressources", "observers": "Observateurs",
        "purpose": "Objet", "standards": "Intérêt pour les normes internationales du travail",
        "languages": "Langue(s) de travail", "type": "Type de réunion", "online": "En ligne",
        "government": "Gouvernements", "employers": "Employeurs", "workers": "Travailleurs",
        "women": "{persons} (dont {women} femmes)", "tripartite": "tripartite",
        "not_tripartite": "non tripartite", "approved_on": "Approuvée le {date}",
        "take_note": "Le Conseil d'administration est invité à prendre note de ces "
                     "informations.",
    },
    "es": {
        "office": "OFICINA INTERNACIONAL DEL TRABAJO", "date_label": "Fecha: {date}",
        "original": "Original: {language}",
        "body": "Consejo de Administración", "for_information": "Para información",
        "title": "Simposios, seminarios, talleres y otras reuniones similares aprobados",
        "intro": "Desde la {previous}, la Mesa del Consejo de Administración ha aprobado las "
                 "reuniones siguientes.",
        "intro_first": "La Mesa del Consejo de Administración ha aprobado las reuniones "
                       "siguientes.",
        "none": "No se aprobó ninguna reunión en este período.",
        "date": "Fecha propuesta", "place": "Lugar", "financing": "Financiación",
        "coverage": "Cobertura geográfica", "composition": "Composición",
        "resource_persons": "Personas de recursos", "observers": "Observadores",
        "purpose": "Objetivo", "standards": "Pertinencia para las normas internacionales del "
                                           "trabajo",
        "languages": "Idioma(s) de trabajo", "type": "Tipo de reunión", "online": "En línea",
        "government": "Gobiernos", "employers": "Empleadores", "workers": "Trabajadores",
        "women": "{persons} (de las cuales {women} mujeres)", "tripartite": "tripartita",
        "not_tripartite": "no tripartita", "approved_on": "Aprobada el {date}",
        "take_note": "Se invita al Consejo de Administración a que tome nota de esta "
                     "información.",
    },
}

# The sections of the Governing Body (DOC-1), in words.
SECTIONS = {
    "INS": ("Institutional Section", "Section institutionnelle", "Sección Institucional"),
    "POL": ("Policy Development Section", "Section de l'élaboration des politiques",
            "Sección de Formulación de Políticas"),
    "LILS": ("Legal Issues and International Labour Standards Section",
             "Section des questions juridiques et des normes internationales du travail",
             "Sección de Cuestiones Jurídicas y Normas Internacionales del Trabajo"),
    "PFA": ("Programme, Financial and Administrative Section",
            "Section du programme, du budget et de l'administration",
            "Sección de Programa, Presupuesto y Administración"),
    "HL": ("High-Level Section", "Segment de haut niveau", "Sección de Alto Nivel"),
    "WP/GBC": ("Working Party on the Functioning of the Governing Body and the International "
               "Labour Conference",
               "Groupe de travail sur le fonctionnement du Conseil d'administration et de la "
               "Conférence internationale du Travail",
               "Grupo de Trabajo sobre el Funcionamiento del Consejo de Administración y de la "
               "Conferencia Internacional del Trabajo"),
}
LANGUAGE_INDEX = {"en": 0, "fr": 1, "es": 2}
ORIGINAL_NAMES = {"en": ("English", "anglais", "inglés"), "fr": ("French", "français", "francés"),
                  "es": ("Spanish", "espagnol", "español")}
# Ordinals of agenda items, as the papers write them in capitals.
ORDINALS = {
    "en": ("FIRST", "SECOND", "THIRD", "FOURTH", "FIFTH", "SIXTH", "SEVENTH", "EIGHTH",
           "NINTH", "TENTH", "ELEVENTH", "TWELFTH", "THIRTEENTH", "FOURTEENTH", "FIFTEENTH",
           "SIXTEENTH", "SEVENTEENTH", "EIGHTEENTH", "NINETEENTH", "TWENTIETH"),
    "fr": ("PREMIÈRE", "DEUXIÈME", "TROISIÈME", "QUATRIÈME", "CINQUIÈME", "SIXIÈME",
           "SEPTIÈME", "HUITIÈME", "NEUVIÈME", "DIXIÈME", "ONZIÈME", "DOUZIÈME", "TREIZIÈME",
           "QUATORZIÈME", "QUINZIÈME", "SEIZIÈME", "DIX-SEPTIÈME", "DIX-HUITIÈME",
           "DIX-NEUVIÈME", "VINGTIÈME"),
    "es": ("PRIMER", "SEGUNDO", "TERCER", "CUARTO", "QUINTO", "SEXTO", "SÉPTIMO", "OCTAVO",
           "NOVENO", "DÉCIMO", "UNDÉCIMO", "DUODÉCIMO", "DECIMOTERCER", "DECIMOCUARTO",
           "DECIMOQUINTO", "DECIMOSEXTO", "DECIMOSÉPTIMO", "DECIMOCTAVO", "DECIMONOVENO",
           "VIGÉSIMO"),
}
AGENDA_ITEM = {"en": "{ordinal} ITEM ON THE AGENDA", "fr": "{ordinal} QUESTION À L'ORDRE DU JOUR",
               "es": "{ordinal} PUNTO DEL ORDEN DEL DÍA"}
AGENDA_ITEM_NUMBERED = {"en": "AGENDA ITEM {number}",
                        "fr": "QUESTION {number} À L'ORDRE DU JOUR",
                        "es": "PUNTO {number} DEL ORDEN DEL DÍA"}
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def section_of(symbol: str) -> str:
    """The section code of a symbol ("INS" for GB.357/INS/INF/1); INS when none is given."""
    match = SYMBOL.match(symbol or "")
    return match.group(3) if match else "INS"


def _item_number(number: str) -> int | None:
    """The item's place in its section: "INS/2" → 2, "IV" → 4, "3" → 3."""
    last = (number or "").strip().rsplit("/", 1)[-1].strip().upper()
    if last.isdigit():
        return int(last)
    if last and set(last) <= set(ROMAN):
        total = 0
        for index, letter in enumerate(last):
            value = ROMAN[letter]
            following = ROMAN[last[index + 1]] if index + 1 < len(last) else 0
            total += -value if value < following else value
        return total
    return None


def agenda_item_line(number: str, language: str) -> str:
    """ "SECOND ITEM ON THE AGENDA", "DEUXIÈME QUESTION À L'ORDRE DU JOUR", "SEGUNDO PUNTO
    DEL ORDEN DEL DÍA"; "AGENDA ITEM 21" beyond the table's ordinals."""
    value = _item_number(number)
    if value is not None and 1 <= value <= len(ORDINALS[language]):
        return AGENDA_ITEM[language].format(ordinal=ORDINALS[language][value - 1])
    return AGENDA_ITEM_NUMBERED[language].format(number=(number or "").strip())


def session_ordinal(session: Session, language: str) -> str:
    """ "357th Session", "357e session", "357.ª reunión"; the session's title when its number is
    not a plain number."""
    number = (session.number or "").strip()
    if not number.isdigit():
        return getattr(session, f"title_{language}") or session.title_en or ""
    value = int(number)
    if language == "fr":
        return f"{value}{'re' if value == 1 else 'e'} session"
    if language == "es":
        return f"{value}.ª reunión"
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10,
                                                                                  "th")
    return f"{value}{suffix} Session"


@dataclass
class Period:
    session: Session
    previous: Session | None
    first_day: dt.date | None  # decisions on or after this day (None: no lower bound)
    last_day: dt.date          # and before this day


def gb_sessions():
    return Session.objects.filter(meeting__type=MeetingType.GB).select_related(
        "meeting").order_by("-opens_at")


def period_of(session: Session) -> Period:
    """Since the opening of the previous session of the Governing Body, up to this one's."""
    previous = (Session.objects.filter(meeting__type=MeetingType.GB,
                                       opens_at__lt=session.opens_at)
                .order_by("-opens_at").first())
    return Period(session=session, previous=previous,
                  first_day=previous.local_opens_at.date() if previous else None,
                  last_day=session.local_opens_at.date())


def approved_meetings(period: Period) -> list[MeetingProposal]:
    proposals = proposals_with_facts().filter(
        state__in=(ProposalState.APPROVED, ProposalState.REPORT_RECEIVED),
        decision="approved", decided_on__lt=period.last_day)
    if period.first_day is not None:
        proposals = proposals.filter(decided_on__gte=period.first_day)
    return list(proposals.order_by("start", "id"))


def default_symbol(session: Session) -> str:
    return f"GB.{session.number}/INS/INF/1" if session.number else ""


def _translated(proposal, name: str, language: str) -> str:
    return (getattr(proposal, f"{name}_{language}") or getattr(proposal, f"{name}_en") or "")


def entry_fields(proposal: MeetingProposal, language: str) -> list[tuple[str, str]]:
    """The fields the Governing Body expects for one meeting, labelled in ``language``."""
    words = TEXT[language]
    with translation.override(language):
        country = proposal.country.name if proposal.country else ""
        coverage = ", ".join(sorted((state.name for state in proposal.coverage.all()),
                                    key=sort_key))
    place = words["online"] if proposal.online else ", ".join(
        part for part in (places.place_in(proposal.city, language), country) if part)
    financing = "; ".join(
        f"{rules.FUNDING_SOURCE_NAMES[line.source][language]}"
        f"{' – ' + line.donor if line.donor else ''} "
        f"({amount(line.amount, line.currency, language)})"
        for line in proposal.financing.all())
    composition = "; ".join(f"{words[group]}: {getattr(proposal, group)}"
                            for group in ("government", "employers", "workers")
                            if getattr(proposal, group) is not None)
    if proposal.tripartite is not None:
        composition += f" ({words['tripartite' if proposal.tripartite else 'not_tripartite']})"
    resource = ""
    if proposal.resource_persons is not None:
        resource = (words["women"].format(persons=proposal.resource_persons,
                                          women=proposal.resource_persons_women)
                    if proposal.resource_persons_women else str(proposal.resource_persons))
    languages = ", ".join(rules.LANGUAGE_NAMES.get(code, {}).get(language, code)
                          for code in proposal.languages)
    kind = (rules.MEETING_TYPE_NAMES[rules.MeetingType(proposal.type)][language]
            if proposal.type else "")
    dates = (date_range(proposal.start, proposal.end, language, capital=True)
             if proposal.start else "")
    return [
        (words["type"], kind), (words["date"], dates), (words["place"], place),
        (words["financing"], financing), (words["coverage"], coverage),
        (words["composition"], composition), (words["resource_persons"], resource),
        (words["observers"], "" if proposal.observers is None else str(proposal.observers)),
        (words["purpose"], _translated(proposal, "purpose", language)),
        (words["standards"], _translated(proposal, "standards_relevance", language)),
        (words["languages"], languages),
    ]


def _right_tab(paragraph, document) -> None:
    """A tab stop at the right margin: the symbol and the section code go there."""
    section = document.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    paragraph.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)


def _header(document, session: Session, language: str, *, symbol: str, date: dt.date,
            original: str, agenda_item: AgendaItem | None) -> None:
    """The header of a Governing Body paper (DOC-3)."""
    words = TEXT[language]
    index = LANGUAGE_INDEX[language]
    symbol = symbol or default_symbol(session)
    section = section_of(symbol)
    office_line = document.add_paragraph()
    office_line.add_run(words["office"]).bold = True
    document.add_paragraph(words["body"])
    place = getattr(session, f"city_{language}") or session.city_en or ""
    dates = date_range(session.local_opens_at.date(), session.local_closes_at.date(), language)
    line = document.add_paragraph()
    _right_tab(line, document)
    line.add_run(", ".join(part for part in (session_ordinal(session, language), place, dates)
                           if part))
    line.add_run("\t")
    line.add_run(symbol).bold = True
    section_line = document.add_paragraph()
    _right_tab(section_line, document)
    section_line.add_run(SECTIONS.get(section, (section,) * 3)[index] + "\t" + section)
    for text in (words["date_label"].format(date=long_date(date, language)),
                 words["original"].format(language=ORIGINAL_NAMES[original][index])):
        document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    item = document.add_paragraph()
    item.add_run(agenda_item_line(agenda_item.number, language) if agenda_item is not None
                 else words["for_information"]).bold = True


def grouped(meetings: list[MeetingProposal], language: str) -> list[tuple[str, list]]:
    """The meetings under their headings (``headings.py``), each group in date order."""
    groups: dict[headings.Heading, list[MeetingProposal]] = {}
    for proposal in meetings:
        region = proposal.country.ilo_region if proposal.country else None
        groups.setdefault(headings.heading_of(proposal.unit, region, language),
                          []).append(proposal)
    return [(heading.text, items) for heading, items in
            sorted(groups.items(), key=lambda pair: pair[0].rank)]


def build_docx(session: Session, language: str, *, symbol: str = "",
               date: dt.date | None = None, original: str = "en",
               agenda_item: AgendaItem | None = None) -> bytes:
    """The information document in ``language`` as a Word file: dated ``date`` (today in the
    session's zone when None), originally written in ``original``, under ``agenda_item``."""
    if language not in LANGUAGES or original not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}")
    words = TEXT[language]
    period = period_of(session)
    meetings = approved_meetings(period)
    document = office.a4(Document())
    document.core_properties.title = words["title"]
    document.core_properties.language = language
    style = document.styles["Normal"]
    style.font.name = "Noto Sans"
    style.font.size = Pt(10.5)

    grid = document.styles["Table Grid"]
    _header(document, session, language, symbol=symbol, original=original,
            date=date or timezone.now().astimezone(session.zone).date(),
            agenda_item=agenda_item)

    document.add_heading(words["title"], level=1)
    if period.previous is not None:
        previous = (getattr(period.previous, f"title_{language}") or period.previous.title_en)
        document.add_paragraph(words["intro"].format(previous=previous))
    else:
        document.add_paragraph(words["intro_first"])
    if not meetings:
        document.add_paragraph(words["none"])
    number = 0
    for heading, proposals in grouped(meetings, language):
        document.add_heading(heading, level=2)
        for proposal in proposals:
            number += 1
            document.add_heading(f"{number}. {_translated(proposal, 'title', language)}",
                                 level=3)
            fields = entry_fields(proposal, language)
            # Made at its full size at once: python-docx's add_row and row.cells re-read the
            # whole table each time, which made a document of 100 meetings take seconds.
            table = document.add_table(rows=len(fields), cols=2)
            table.style = grid
            for row, (label, value) in zip(table.rows, fields, strict=True):
                label_cell, value_cell = row.cells
                label_cell.paragraphs[0].add_run(label).bold = True
                value_cell.paragraphs[0].text = value or "—"
            if proposal.decided_on:
                document.add_paragraph(words["approved_on"].format(
                    date=long_date(proposal.decided_on, language))).runs[0].italic = True
    document.add_paragraph(words["take_note"])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
