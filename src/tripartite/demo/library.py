"""Demo library: the papers of the Governing Body's and the Conference's sessions, each in
English, French and Spanish, with revisions, addenda, minutes and the Office's internal
briefing notes. Every text is written here, from templates (no text is copied from
anywhere): a topic's title and sentences, filled with the session, the item and figures.

Scaled: about 200 documents at the small scale, about 2,000 at the ILC scale; 30 decisions
with their follow-up at the small scale, 1,000 at the ILC scale. Written in bulk
(documents, files, their PDF in the storage, the search index) and without entries in the
action log: the demo load is one action by no one, recorded once by the loader.
"""

import datetime as dt
import hashlib
import random

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from tripartite.demo.pdf import pdf_bytes, wrapped
from tripartite.library import search
from tripartite.library.models import (
    Decision,
    Document,
    DocumentFile,
    DocumentType,
    FollowUpStatus,
    TextStatus,
)
from tripartite.meetings.models import AgendaItem, Session

LANGUAGES = ("en", "fr", "es")
# GB and ILC sessions whose papers the demo has, per scale: (first, last) session numbers.
GB_SESSIONS = {"small": (352, 357), "ilc": (331, 357)}
ILC_SESSIONS = {"small": (113, 114), "ilc": (104, 114)}
PAPERS_PER_SECTION = {"small": 6, "ilc": 13}

# topic: (title EN, FR, ES), (what it is about, EN, FR, ES)
TOPICS = (
    (("Working time arrangements", "Aménagement du temps de travail",
      "Ordenación del tiempo de trabajo"),
     ("working time, rest periods and the reunion of work and family life",
      "le temps de travail, les périodes de repos et la réunion du travail et de la vie "
      "familiale", "el tiempo de trabajo, los periodos de descanso y la reunión del trabajo "
      "y la vida familiar")),
    (("Decent work in the platform economy", "Le travail décent dans l'économie des "
      "plateformes", "El trabajo decente en la economía de plataformas"),
     ("the protection of workers on digital labour platforms",
      "la protection des travailleurs des plateformes numériques de travail",
      "la protección de los trabajadores de las plataformas digitales de trabajo")),
    (("Programme and budget proposals", "Propositions de programme et de budget",
      "Propuestas de Programa y Presupuesto"),
     ("the programme of work and the budget of the Office for the biennium",
      "le programme de travail et le budget du Bureau pour la période biennale",
      "el programa de trabajo y el presupuesto de la Oficina para el bienio")),
    (("Occupational safety and health", "Sécurité et santé au travail",
      "Seguridad y salud en el trabajo"),
     ("a safe and healthy working environment as a fundamental principle",
      "un milieu de travail sûr et salubre en tant que principe fondamental",
      "un entorno de trabajo seguro y saludable como principio fundamental")),
    (("Social dialogue and tripartism", "Dialogue social et tripartisme",
      "Diálogo social y tripartismo"),
     ("collective bargaining and the consultation of employers' and workers' organizations",
      "la négociation collective et la consultation des organisations d'employeurs et de "
      "travailleurs", "la negociación colectiva y la consulta de las organizaciones de "
      "empleadores y de trabajadores")),
    (("Skills and lifelong learning", "Compétences et apprentissage tout au long de la vie",
      "Competencias y aprendizaje permanente"),
     ("apprenticeships, skills policies and the transition from school to work",
      "l'apprentissage, les politiques de compétences et la transition de l'école au travail",
      "el aprendizaje, las políticas de competencias y la transición de la escuela al "
      "trabajo")),
    (("Social protection floors", "Socles de protection sociale",
      "Pisos de protección social"),
     ("universal social protection and the financing of social security",
      "la protection sociale universelle et le financement de la sécurité sociale",
      "la protección social universal y la financiación de la seguridad social")),
    (("Labour migration", "Migrations de main-d'œuvre", "Migración laboral"),
     ("fair recruitment and the rights of migrant workers",
      "le recrutement équitable et les droits des travailleurs migrants",
      "la contratación equitativa y los derechos de los trabajadores migrantes")),
    (("Just transition towards environmentally sustainable economies",
      "Transition juste vers des économies écologiquement durables",
      "Transición justa hacia economías ambientalmente sostenibles"),
     ("green jobs and the effects of climate policies on employment",
      "les emplois verts et les effets des politiques climatiques sur l'emploi",
      "los empleos verdes y los efectos de las políticas climáticas en el empleo")),
    (("Composition of the Governing Body", "Composition du Conseil d'administration",
      "Composición del Consejo de Administración"),
     ("the election of titular and deputy members and the regional distribution of seats",
      "l'élection des membres titulaires et adjoints et la répartition régionale des sièges",
      "la elección de los miembros titulares y adjuntos y la distribución regional de los "
      "puestos")),
    (("Care economy", "Économie du soin", "Economía del cuidado"),
     ("care work, care leave and the working conditions of care workers",
      "le travail de soin, les congés de soin et les conditions de travail des personnels "
      "du soin", "el trabajo de cuidados, las licencias de cuidados y las condiciones de "
      "trabajo de las personas cuidadoras")),
    (("Audit and oversight", "Audit et contrôle", "Auditoría y control"),
     ("the report of the Independent Oversight Advisory Committee",
      "le rapport du Comité consultatif de contrôle indépendant",
      "el informe del Comité Consultivo de Supervisión Independiente")),
)

SENTENCES = {
    "en": ("This document is submitted to the {session} and concerns {about}.",
           "It reviews the progress made since the previous session, with {count} member "
           "States reporting new measures, and sets out the options before the meeting.",
           "The Office held informal consultations with the Employers' and Workers' groups "
           "and with the regional coordinators before preparing this paper.",
           "Draft decision: the meeting requests the Director-General to take into account "
           "the guidance given in the discussion and to report back at a future session."),
    "fr": ("Le présent document est soumis à la {session} et porte sur {about}.",
           "Il fait le point sur les progrès accomplis depuis la session précédente, "
           "{count} États Membres ayant fait état de nouvelles mesures, et expose les options "
           "soumises à la réunion.",
           "Le Bureau a tenu des consultations informelles avec les groupes des employeurs et "
           "des travailleurs et avec les coordonnateurs régionaux avant d'établir ce document.",
           "Projet de décision : la réunion prie le Directeur général de tenir compte des "
           "orientations données lors de la discussion et de faire rapport à une session "
           "future."),
    "es": ("El presente documento se somete a la {session} y trata de {about}.",
           "Examina los progresos realizados desde la reunión anterior, con {count} Estados "
           "Miembros que informan de nuevas medidas, y expone las opciones que se presentan "
           "a la reunión.",
           "La Oficina celebró consultas informales con los Grupos de los Empleadores y de "
           "los Trabajadores y con los coordinadores regionales antes de preparar este "
           "documento.",
           "Proyecto de decisión: la reunión pide al Director General que tenga en cuenta "
           "las orientaciones formuladas durante la discusión y que presente un informe en "
           "una reunión futura."),
}
SESSION_NAMES = {
    "GB": {"en": "{n}th Session of the Governing Body",
           "fr": "{n}e session du Conseil d'administration",
           "es": "{n}.ª reunión del Consejo de Administración"},
    "ILC": {"en": "{n}th Session of the International Labour Conference",
            "fr": "{n}e session de la Conférence internationale du Travail",
            "es": "{n}.ª reunión de la Conferencia Internacional del Trabajo"},
}
REVISED = {"en": "revised", "fr": "révisé", "es": "revisado"}
BRIEFING = {"en": "Briefing note", "fr": "Note d'information", "es": "Nota informativa"}
MINUTES = {"en": "Minutes", "fr": "Procès-verbaux", "es": "Actas"}
RECORD = {"en": "Record of proceedings", "fr": "Compte rendu des travaux", "es": "Actas"}
GB_SECTIONS = ("INS", "POL", "LILS", "PFA")
ILC_REPORTS = ("I(A)", "I(B)", "II", "III(A)", "III(B)", "IV(1)", "IV(2)", "V", "VI")


def _text(rng: random.Random, organ: str, session: int, topic, language: str) -> str:
    index = LANGUAGES.index(language)
    about = topic[1][index]
    name = SESSION_NAMES[organ][language].format(n=session)
    sentences = [sentence.format(session=name, about=about, count=rng.randint(12, 140))
                 for sentence in SENTENCES[language]]
    return "\n".join(sentences)


class _Plan:
    """The documents to make, each with its texts, before anything is written."""

    def __init__(self, scale: str, sessions: dict[tuple[str, str], Session],
                 items: dict[tuple[str, str], AgendaItem]) -> None:
        self.rng = random.Random(2026)
        self.sessions = sessions
        self.items = items
        self.rows: list[dict] = []
        first, last = GB_SESSIONS[scale]
        for number in range(first, last + 1):
            self._gb_session(number, PAPERS_PER_SECTION[scale])
        first, last = ILC_SESSIONS[scale]
        for number in range(first, last + 1):
            self._ilc_session(number, scale)

    def _date(self, organ: str, number: int) -> dt.date:
        session = self.sessions.get((organ, str(number)))
        if session is not None:
            return session.local_opens_at.date() - dt.timedelta(days=self.rng.randint(3, 30))
        if organ == "GB":  # three sessions a year, March, June and November, back from 357
            back = 357 - number
            year, month = 2026 - (back + 1) // 3, (3, 11, 6)[back % 3]
            return dt.date(year, month, 1) - dt.timedelta(days=self.rng.randint(3, 30))
        return dt.date(2026 - (114 - number) - (1 if number <= 108 else 0), 5,
                       self.rng.randint(1, 28))

    def _add(self, symbol_parts: dict, titles: tuple[str, str, str], type_: str,
             organ: str, number: int, topic, texts: dict[str, str] | None = None) -> dict:
        row = {**symbol_parts, "titles": titles, "type": type_, "organ": organ, "topic": topic,
               "session_number": str(number), "date": self._date(organ, number),
               "session": self.sessions.get((organ, str(number))),
               "texts": texts or {language: _text(self.rng, organ, number, topic, language)
                                  for language in LANGUAGES}}
        self.rows.append(row)
        return row

    def _gb_session(self, number: int, papers: int) -> None:
        for section in GB_SECTIONS:
            for k in range(1, papers + 1):
                topic = self.rng.choice(TOPICS)
                item = self.items.get((f"GB{number}", f"{section}/{k}"))
                if item is not None:  # the paper on an item of the demo's sessions
                    topic = ((item.title_en, item.title_fr or item.title_en,
                              item.title_es or item.title_en), topic[1])
                base = f"GB.{number}/{section}/{k}"
                type_ = (DocumentType.REPORT_FOR_DECISION if k % 4 else
                         DocumentType.REPORT_FOR_INFORMATION)
                row = self._add({"symbol": base, "base": base, "section": section,
                                 "number": str(k)}, topic[0], type_, "GB", number, topic)
                row["item"] = item
                if self.rng.random() < 0.12:
                    titles = tuple(f"{title} ({REVISED[language]})" for title, language
                                   in zip(topic[0], LANGUAGES, strict=True))
                    revised = self._add({"symbol": f"{base}(Rev.1)", "base": base,
                                         "section": section, "number": str(k),
                                         "revision": 1}, titles, type_, "GB", number, topic)
                    revised["item"] = item
                    revised["supersedes"] = row
                if self.rng.random() < 0.06:
                    self._add({"symbol": f"{base}/Add.1", "base": base, "section": section,
                               "number": str(k), "addendum": 1}, topic[0], type_, "GB",
                              number, topic)
                if section == "INS" and self.rng.random() < 0.15:
                    titles = tuple(f"{BRIEFING[language]}: {title}" for title, language
                                   in zip(topic[0], LANGUAGES, strict=True))
                    self._add({"symbol": f"GB.{number}/BN/{k}", "base": f"GB.{number}/BN/{k}",
                               "section": "BN", "number": str(k)}, titles,
                              DocumentType.BRIEFING_NOTE, "GB", number, topic)
        if number < 357:
            symbol = f"GB.{number}/PV"
            titles = tuple(f"{MINUTES[language]} — {SESSION_NAMES['GB'][language]}"
                           .format(n=number) for language in LANGUAGES)
            self._add({"symbol": symbol, "base": symbol, "section": "PV", "number": ""},
                      titles, DocumentType.MINUTES, "GB", number, self.rng.choice(TOPICS))

    def _ilc_session(self, number: int, scale: str) -> None:
        for report in ILC_REPORTS:
            topic = self.rng.choice(TOPICS)
            symbol = f"ILC.{number}/Report {report}"
            self._add({"symbol": symbol, "base": symbol, "section": "Report",
                       "number": report}, topic[0], DocumentType.CONFERENCE_REPORT, "ILC",
                      number, topic)
        records = 9 if scale == "small" else 14
        for k in range(1, records + 1):
            for letter in ("A", "B") if k % 3 == 0 else ("",):
                topic = self.rng.choice(TOPICS)
                symbol = f"ILC.{number}/Record No. {k}{letter}"
                titles = tuple(f"{RECORD[language]}: {title}" for title, language
                               in zip(topic[0], LANGUAGES, strict=True))
                self._add({"symbol": symbol, "base": symbol, "section": "Record",
                           "number": f"{k}{letter}"}, titles, DocumentType.RECORD, "ILC",
                          number, topic)


def create_library(scale: str, sessions: dict[str, Session],
                   items: dict[tuple[str, str], AgendaItem]) -> dict[str, int]:
    by_number = {(session.meeting.acronym, session.number): session
                 for session in sessions.values() if session.number}
    plan = _Plan(scale, by_number, {(key, number): item for (key, number), item
                                    in items.items()})
    documents = Document.objects.bulk_create([
        Document(symbol=row["symbol"], base_symbol=row["base"], organ=row["organ"],
                 session_number=row["session_number"], section=row["section"],
                 number=row["number"], revision=row.get("revision", 0),
                 addendum=row.get("addendum", 0), title=row["titles"][0],
                 title_en=row["titles"][0], title_fr=row["titles"][1],
                 title_es=row["titles"][2], type=row["type"], date=row["date"],
                 session=row["session"])
        for row in plan.rows])
    for row, document in zip(plan.rows, documents, strict=True):
        row["document"] = document
    superseding = []
    for row in plan.rows:
        if "supersedes" in row:
            row["document"].supersedes = row["supersedes"]["document"]
            superseding.append(row["document"])
    Document.objects.bulk_update(superseding, ["supersedes"])
    Through = Document.agenda_items.through
    Through.objects.bulk_create([
        Through(document_id=row["document"].pk, agendaitem_id=row["item"].pk)
        for row in plan.rows if row.get("item") is not None])
    files = []
    for row in plan.rows:
        document = row["document"]
        for language, text in row["texts"].items():
            content = pdf_bytes(wrapped(text))
            name = default_storage.save(f"library/{document.pk}/{language}-demo.pdf",
                                        ContentFile(content))
            files.append(DocumentFile(
                document=document, language=language, file=name, kind="pdf",
                original_name=f"{document.symbol}-{language}.pdf", size=len(content),
                sha256=hashlib.sha256(content).hexdigest(), pages=1, text=text,
                text_status=TextStatus.READY))
    files = DocumentFile.objects.bulk_create(files, batch_size=500)
    search.index_new_files(files)
    decisions = create_decisions(scale, plan, by_number)
    return {"library documents": len(documents), "library files": len(files),
            "library decisions": decisions, "library rules texts": create_rules_texts()}


# The rules' texts of the demo: short articles invented for it, labelled as such, never the
# real instruments' wording. Their articles are some that the rules cite, so that findings on
# the demo's pages link to them.
DEMO_TEXTS = {
    ("constitution", dt.date(2024, 1, 1), "en"): """
DEMO TEXT (invented for the demo, not the real wording)
Article 3 — Delegations (demo)
1. Demo text: each Member sends a delegation of delegates and advisers.
2. Demo text: advisers accompany the delegates, at most two per item.
Article 4 — Voting (demo)
1. Demo text: each delegate votes individually.
2. Demo text: a delegate whose group is not represented may be given the floor but not the vote.
Article 13 — Finances (demo)
4. Demo text: a Member in arrears may lose its vote, as the demo shows.
""",
    ("constitution", dt.date(2024, 1, 1), "fr"): """
TEXTE DE DÉMONSTRATION (inventé pour la démo, pas le vrai texte)
Article 3 — Délégations (démo)
1. Texte de démonstration : chaque Membre envoie une délégation de délégués et de conseillers.
2. Texte de démonstration : les conseillers accompagnent les délégués, deux au plus par question.
Article 4 — Vote (démo)
1. Texte de démonstration : chaque délégué vote individuellement.
2. Texte de démonstration : un délégué sans groupe représenté parle sans voter.
Article 13 — Finances (démo)
4. Texte de démonstration : un Membre en retard de paiement peut perdre son vote.
""",
    ("constitution", dt.date(2024, 1, 1), "es"): """
TEXTO DE DEMOSTRACIÓN (inventado para la demo, no el texto real)
Artículo 3 — Delegaciones (demo)
1. Texto de demostración: cada Miembro envía una delegación de delegados y consejeros.
2. Texto de demostración: los consejeros acompañan a los delegados, dos como máximo por punto.
Artículo 4 — Votación (demo)
1. Texto de demostración: cada delegado vota individualmente.
2. Texto de demostración: un delegado cuyo grupo no está representado puede hablar pero no votar.
Artículo 13 — Finanzas (demo)
4. Texto de demostración: un Miembro atrasado en sus pagos puede perder su voto.
""",
    ("ilc_standing_orders", dt.date(2021, 6, 19), "en"): """
DEMO TEXT (invented for the demo, not the real wording)
Article 1 — Composition (demo)
1. Demo text: the demo Conference is made of the delegations of the Members.
2. Demo text: advisers are named for the items of the agenda.
Article 22 — Quorum (demo)
3. Demo text: the quorum counts the delegates registered, as the demo computes it.
""",
}


def create_rules_texts() -> int:
    """The demo's rules' texts, split like an import (library/provisions.py)."""
    from tripartite.library.models import Provision, RulesText
    from tripartite.library.provisions import split_text

    now = timezone.now()
    for (instrument, version, language), content in DEMO_TEXTS.items():
        text = RulesText.objects.create(instrument=instrument, version_date=version,
                                        language=language, imported_at=now,
                                        source_name=f"demo-{instrument}-{language}.txt")
        Provision.objects.bulk_create(
            Provision(text=text, position=position, article=item.article,
                      paragraph=item.paragraph, heading=item.heading, body=item.text)
            for position, item in enumerate(split_text(content), start=1))
    return len(DEMO_TEXTS)


# Decisions: one per Governing Body paper for decision (the latest revision), at most this many.
DECISIONS = {"small": 30, "ilc": 1000}
UNITS = ("GOVERNANCE", "NORMES", "SECTOR", "PARDEV", "PROGRAM", "FINANCE", "HRD",
         "WORKQUALITY")
DECISION_TEXTS = {
    "en": "The Governing Body, having considered document {symbol}, requested the "
          "Director-General to take into account its guidance on {about} and to report to it "
          "at its {report}.",
    "fr": "Le Conseil d'administration, ayant examiné le document {symbol}, a prié le "
          "Directeur général de tenir compte de ses orientations sur {about} et de lui faire "
          "rapport à sa {report}.",
    "es": "El Consejo de Administración, tras examinar el documento {symbol}, pidió al "
          "Director General que tuviera en cuenta sus orientaciones sobre {about} y que le "
          "informara en su {report}.",
}


def _follow_up(rng: random.Random, deadline: dt.date, today: dt.date) -> str:
    """A status as the Office's follow-up would have it by ``today``."""
    if deadline < today - dt.timedelta(days=90):
        return rng.choice((FollowUpStatus.CLOSED,) * 4 + (FollowUpStatus.REPORTED,))
    if deadline < today:
        return rng.choice((FollowUpStatus.REPORTED, FollowUpStatus.IN_PROGRESS))
    return rng.choice((FollowUpStatus.PENDING, FollowUpStatus.IN_PROGRESS))


def create_decisions(scale: str, plan: _Plan,
                     sessions: dict[tuple[str, str], Session]) -> int:
    """The decisions taken on the Governing Body's papers for decision, newest sessions
    first, with their follow-up: the unit, a deadline (or the session two sessions on, when
    the demo has it) and a status as of the load day. Written in bulk, like the documents."""
    rng = random.Random(356)
    today = timezone.localdate()
    superseded = {id(row["supersedes"]) for row in plan.rows if "supersedes" in row}
    papers = [row for row in plan.rows if row["organ"] == "GB" and id(row) not in superseded
              and row["type"] == DocumentType.REPORT_FOR_DECISION
              and not row.get("addendum")]
    papers.sort(key=lambda row: (-int(row["session_number"]), row["base"]))
    decisions = []
    for row in papers[:DECISIONS[scale]]:
        number = int(row["session_number"])
        report = number + 2
        texts = {language: DECISION_TEXTS[language].format(
            symbol=row["symbol"], about=row["topic"][1][index],
            report=SESSION_NAMES["GB"][language].format(n=report))
            for index, language in enumerate(LANGUAGES)}
        date = row["date"] + dt.timedelta(days=rng.randint(20, 40))
        deadline = date + dt.timedelta(days=rng.randint(120, 400))
        report_session = sessions.get(("GB", str(report)))
        decisions.append(Decision(
            agenda_item=row.get("item"), document=row["document"],
            paragraph=str(rng.randint(8, 40)), date=date, outcome="adopted",
            text=texts["en"], text_en=texts["en"], text_fr=texts["fr"], text_es=texts["es"],
            requests=f"A report on {row['topic'][1][0]}, with a plan of action",
            addressed_to=rng.choice(("the Director-General", "the Office")),
            unit=rng.choice(UNITS), deadline=None if report_session else deadline,
            report_session=report_session, status=_follow_up(rng, deadline, today)))
    Decision.objects.bulk_create(decisions, batch_size=500)
    return len(decisions)
