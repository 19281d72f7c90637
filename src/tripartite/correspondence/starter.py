"""The starter set of letter templates, written for Tripartite, in English, French and Spanish.

Notes verbales are in the third person: the Office presents its compliments to the Permanent
Mission, and closes by renewing the assurances of its highest consideration; they are not
signed (the signatory is recorded in the register, the note is initialled and stamped).
Letters to Ministers and to organizations are signed and use the recipient's form of address.

``tripartite correspondence_starter --write`` builds the Word files in ``data/`` from the texts
below (python-docx); ``tripartite correspondence_starter`` puts them into the library as the
first version of each template (as does the demo, and the button on the templates page).
"""

import io
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from tripartite.common import office
from tripartite.correspondence.models import LetterKind

DATA_DIR = Path(__file__).resolve().parent / "data"

OFFICE = {"en": "INTERNATIONAL LABOUR OFFICE", "fr": "BUREAU INTERNATIONAL DU TRAVAIL",
          "es": "OFICINA INTERNACIONAL DEL TRABAJO"}
REFERENCE = {"en": "Ref.: {{ reference }}", "fr": "Réf. : {{ reference }}",
             "es": "Ref.: {{ reference }}"}
DATED = {"en": "Geneva, {{ letter_date }}", "fr": "Genève, le {{ letter_date }}",
         "es": "Ginebra, {{ letter_date }}"}
SUBJECT_LINE = {"en": "Subject: {{ subject }}", "fr": "Objet : {{ subject }}",
                "es": "Asunto: {{ subject }}"}
OPENING = {
    "en": "The International Labour Office presents its compliments to the "
          "{{ recipient_name }} and ",
    "fr": "Le Bureau international du Travail présente ses compliments à la "
          "{{ recipient_name }} et ",
    "es": "La Oficina Internacional del Trabajo saluda atentamente a la {{ recipient_name }} y ",
}
CLOSING = {
    "en": "The International Labour Office avails itself of this opportunity to renew to the "
          "Permanent Mission the assurances of its highest consideration.",
    "fr": "Le Bureau international du Travail saisit cette occasion pour renouveler à la "
          "Mission permanente les assurances de sa haute considération.",
    "es": "La Oficina Internacional del Trabajo aprovecha la oportunidad para reiterar a la "
          "Misión Permanente el testimonio de su más alta consideración.",
}
CLOSING_GENERAL = {
    "en": "The International Labour Office avails itself of this opportunity to renew the "
          "assurances of its highest consideration.",
    "fr": "Le Bureau international du Travail saisit cette occasion pour renouveler les "
          "assurances de sa haute considération.",
    "es": "La Oficina Internacional del Trabajo aprovecha la oportunidad para reiterar el "
          "testimonio de su más alta consideración.",
}
SESSION_DATES = {
    "en": "the {{ session }} will be held at {{ session_place }}, {{ session_dates }}",
    "fr": "la {{ session }} se tiendra {{ session_dates }} ({{ session_place }})",
    "es": "la {{ session }} se celebrará en {{ session_place }} {{ session_dates }}",
}
ARTICLE_3 = {
    "en": "In accordance with article 3 of the Constitution of the International Labour "
          "Organization, each delegation is composed of two Government delegates, one "
          "Employers' delegate and one Workers' delegate, who may be accompanied by advisers. "
          "The Employers' and Workers' delegates and their advisers are to be chosen in "
          "agreement with the most representative organizations of employers and workers in "
          "the country.",
    "fr": "Conformément à l'article 3 de la Constitution de l'Organisation internationale du "
          "Travail, chaque délégation se compose de deux délégués gouvernementaux, d'un délégué "
          "des employeurs et d'un délégué des travailleurs, qui peuvent être accompagnés de "
          "conseillers techniques. Les délégués des employeurs et des travailleurs et leurs "
          "conseillers techniques sont désignés en accord avec les organisations "
          "professionnelles les plus représentatives des employeurs et des travailleurs du pays.",
    "es": "De conformidad con el artículo 3 de la Constitución de la Organización Internacional "
          "del Trabajo, cada delegación está integrada por dos delegados gubernamentales, un "
          "delegado de los empleadores y un delegado de los trabajadores, que podrán estar "
          "acompañados de consejeros técnicos. Los delegados de los empleadores y de los "
          "trabajadores y sus consejeros técnicos son designados de acuerdo con las "
          "organizaciones profesionales más representativas de empleadores y de trabajadores "
          "del país.",
}
SIGNED_CLOSING = {
    "minister": {
        "en": "Please accept, {{ form_of_address }}, the assurances of my highest "
              "consideration.",
        "fr": "Je vous prie d'agréer, {{ form_of_address }}, les assurances de ma très haute "
              "considération.",
        "es": "Le ruego acepte, {{ form_of_address }}, el testimonio de mi más alta "
              "consideración.",
    },
    "organisation": {
        "en": "Yours faithfully,",
        "fr": "Je vous prie d'agréer, {{ form_of_address }}, l'expression de ma considération "
              "distinguée.",
        "es": "Le saluda atentamente,",
    },
}
OPTIONAL_ADDRESS = "{% if postal_address %}{{ postal_address }}{% endif %}"
SALUTATION = {"en": "{{ form_of_address }},", "fr": "{{ form_of_address }},",
              "es": "{{ form_of_address }}:"}


@dataclass(frozen=True)
class StarterTemplate:
    code: str
    kind: str
    style: str  # "note" (note verbale, third person) or "letter" (signed)
    names: dict
    subjects: dict
    body: dict  # language -> paragraphs


STARTERS = (
    StarterTemplate(
        "note-verbale", LetterKind.NOTE_VERBALE, "note",
        {"en": "Note verbale to Permanent Missions", "fr": "Note verbale aux missions "
         "permanentes", "es": "Nota verbal a las misiones permanentes"},
        {"en": "{{ session }}: information", "fr": "{{ session }} : information",
         "es": "{{ session }}: información"},
        {"en": [OPENING["en"] + "has the honour to inform it that " + SESSION_DATES["en"] + ".",
                "The Office would be grateful if the Permanent Mission could bring this "
                "information to the attention of the competent authorities of its country."],
         "fr": [OPENING["fr"] + "a l'honneur de l'informer que " + SESSION_DATES["fr"] + ".",
                "Le Bureau saurait gré à la Mission permanente de bien vouloir porter cette "
                "information à l'attention des autorités compétentes de son pays."],
         "es": [OPENING["es"] + "tiene el honor de informarle de que " + SESSION_DATES["es"]
                + ".",
                "La Oficina agradecería a la Misión Permanente que tuviera a bien señalar esta "
                "información a la atención de las autoridades competentes de su país."]}),
    StarterTemplate(
        "invitation", LetterKind.INVITATION, "note",
        {"en": "Invitation to a session", "fr": "Invitation à une session",
         "es": "Invitación a una reunión"},
        {"en": "Invitation to the {{ session }}", "fr": "Invitation à la {{ session }}",
         "es": "Invitación a la {{ session }}"},
        {"en": [OPENING["en"] + "has the honour to invite its Government to send a tripartite "
                "delegation to the {{ session }}, which will be held at {{ session_place }}, "
                "{{ session_dates }}.",
                ARTICLE_3["en"],
                "The credentials of the delegation should reach the Office by "
                "{{ credentials_deadline }} at the latest, through the online delegations "
                "portal."],
         "fr": [OPENING["fr"] + "a l'honneur d'inviter son gouvernement à envoyer une "
                "délégation tripartite à la {{ session }}, qui se tiendra "
                "{{ session_dates }} ({{ session_place }}).",
                ARTICLE_3["fr"],
                "Les pouvoirs de la délégation devraient parvenir au Bureau au plus tard le "
                "{{ credentials_deadline }}, par le portail en ligne des délégations."],
         "es": [OPENING["es"] + "tiene el honor de invitar a su Gobierno a enviar una "
                "delegación tripartita a la {{ session }}, que se celebrará en "
                "{{ session_place }} {{ session_dates }}.",
                ARTICLE_3["es"],
                "Los poderes de la delegación deberían llegar a la Oficina a más tardar el "
                "{{ credentials_deadline }}, por medio del portal en línea de las "
                "delegaciones."]}),
    StarterTemplate(
        "credentials-reminder", LetterKind.CREDENTIALS_REMINDER, "note",
        {"en": "Credentials reminder", "fr": "Rappel relatif aux pouvoirs",
         "es": "Recordatorio relativo a los poderes"},
        {"en": "Credentials for the {{ session }}", "fr": "Pouvoirs pour la {{ session }}",
         "es": "Poderes para la {{ session }}"},
        {"en": [OPENING["en"] + "has the honour to recall that the {{ session }} will open on "
                "{{ session_opens }}.",
                "As of the date of this note, the Office has not received the credentials of "
                "the delegation of its country, which were due by {{ credentials_deadline }}. "
                "The Office would be grateful if the Permanent Mission could arrange for them "
                "to be submitted as soon as possible through the online delegations portal, so "
                "that the delegation may appear in the provisional list of delegations."],
         "fr": [OPENING["fr"] + "a l'honneur de rappeler que la {{ session }} s'ouvrira le "
                "{{ session_opens }}.",
                "À la date de la présente note, le Bureau n'a pas reçu les pouvoirs de la "
                "délégation de son pays, qui devaient lui parvenir au plus tard le "
                "{{ credentials_deadline }}. Le Bureau saurait gré à la Mission permanente de "
                "bien vouloir les lui faire parvenir dans les meilleurs délais par le portail "
                "en ligne des délégations, afin que la délégation puisse figurer dans la liste "
                "provisoire des délégations."],
         "es": [OPENING["es"] + "tiene el honor de recordarle que la {{ session }} se "
                "inaugurará el {{ session_opens }}.",
                "A la fecha de la presente nota, la Oficina no ha recibido los poderes de la "
                "delegación de su país, que debían llegarle a más tardar el "
                "{{ credentials_deadline }}. La Oficina agradecería a la Misión Permanente que "
                "tuviera a bien enviarlos a la mayor brevedad por medio del portal en línea de "
                "las delegaciones, a fin de que la delegación pueda figurar en la lista "
                "provisional de delegaciones."]}),
    StarterTemplate(
        "minister-letter", LetterKind.MINISTER, "letter",
        {"en": "Letter to a Minister", "fr": "Lettre à un ministre",
         "es": "Carta a un ministro"},
        {"en": "{{ session }}", "fr": "{{ session }}", "es": "{{ session }}"},
        {"en": ["I have the honour to inform you that " + SESSION_DATES["en"] + ".",
                "The Office would be honoured by your participation and by that of your "
                "country's tripartite delegation. The arrangements for the session will be "
                "communicated to your Permanent Mission in Geneva."],
         "fr": ["J'ai l'honneur de vous informer que " + SESSION_DATES["fr"] + ".",
                "Le Bureau serait honoré de votre participation et de celle de la délégation "
                "tripartite de votre pays. Les dispositions pratiques relatives à la session "
                "seront communiquées à votre Mission permanente à Genève."],
         "es": ["Tengo el honor de informarle de que " + SESSION_DATES["es"] + ".",
                "Sería un honor para la Oficina contar con su participación y con la de la "
                "delegación tripartita de su país. Las disposiciones prácticas relativas a la "
                "reunión se comunicarán a su Misión Permanente en Ginebra."]}),
    StarterTemplate(
        "organisation-letter", LetterKind.ORGANISATION, "letter",
        {"en": "Letter to employers' or workers' organizations",
         "fr": "Lettre aux organisations d'employeurs ou de travailleurs",
         "es": "Carta a las organizaciones de empleadores o de trabajadores"},
        {"en": "{{ session }}: nomination of delegates",
         "fr": "{{ session }} : désignation des délégués",
         "es": "{{ session }}: designación de los delegados"},
        {"en": ["I have the honour to inform you that " + SESSION_DATES["en"] + ".",
                "Under article 3(5) of the Constitution, the Employers' and Workers' delegates "
                "and their advisers are nominated by the Government in agreement with the most "
                "representative organizations of employers and workers. Your organization may "
                "wish to contact the Government of your country in good time for that "
                "purpose."],
         "fr": ["J'ai l'honneur de vous informer que " + SESSION_DATES["fr"] + ".",
                "Aux termes de l'article 3, paragraphe 5, de la Constitution, les délégués et "
                "conseillers techniques des employeurs et des travailleurs sont désignés par le "
                "gouvernement en accord avec les organisations professionnelles les plus "
                "représentatives des employeurs et des travailleurs. Votre organisation "
                "souhaitera peut-être prendre contact à cette fin, en temps utile, avec le "
                "gouvernement de votre pays."],
         "es": ["Tengo el honor de informarle de que " + SESSION_DATES["es"] + ".",
                "En virtud del párrafo 5 del artículo 3 de la Constitución, los delegados y "
                "consejeros técnicos de los empleadores y de los trabajadores son designados "
                "por el Gobierno de acuerdo con las organizaciones profesionales más "
                "representativas de empleadores y de trabajadores. Su organización tal vez "
                "desee ponerse en contacto oportunamente con el Gobierno de su país con ese "
                "fin."]}),
    StarterTemplate(
        "acknowledgement", LetterKind.ACKNOWLEDGEMENT, "note",
        {"en": "Acknowledgement", "fr": "Accusé de réception", "es": "Acuse de recibo"},
        {"en": "Acknowledgement of receipt: {{ session }}",
         "fr": "Accusé de réception : {{ session }}", "es": "Acuse de recibo: {{ session }}"},
        {"en": [OPENING["en"] + "has the honour to acknowledge receipt of its communication "
                "concerning the {{ session }}, of which the Office has taken due note."],
         "fr": [OPENING["fr"] + "a l'honneur d'accuser réception de sa communication relative "
                "à la {{ session }}, dont le Bureau a dûment pris note."],
         "es": [OPENING["es"] + "tiene el honor de acusar recibo de su comunicación relativa a "
                "la {{ session }}, de la que la Oficina ha tomado debida nota."]}),
    StarterTemplate(
        "circular", LetterKind.CIRCULAR, "circular",
        {"en": "Circular", "fr": "Circulaire", "es": "Circular"},
        {"en": "Circular: {{ session }}", "fr": "Circulaire : {{ session }}",
         "es": "Circular: {{ session }}"},
        {"en": [OPENING["en"] + "has the honour to inform it that " + SESSION_DATES["en"] + ".",
                "The documents of the session will be made available on its web page as they "
                "are published. The Office remains at the disposal of the constituents for any "
                "further information."],
         "fr": [OPENING["fr"] + "a l'honneur de l'informer que " + SESSION_DATES["fr"] + ".",
                "Les documents de la session seront mis à disposition sur sa page Web au fur et "
                "à mesure de leur publication. Le Bureau reste à la disposition des mandants "
                "pour tout renseignement complémentaire."],
         "es": [OPENING["es"] + "tiene el honor de informarle de que " + SESSION_DATES["es"]
                + ".",
                "Los documentos de la reunión se publicarán en su página web a medida que "
                "estén disponibles. La Oficina queda a disposición de los mandantes para "
                "cualquier información adicional."]}),
    StarterTemplate(
        "reply-reminder", LetterKind.REMINDER, "circular",
        {"en": "Reminder of a letter awaiting reply", "fr": "Rappel d'une lettre restée sans "
         "réponse", "es": "Recordatorio de una carta pendiente de respuesta"},
        {"en": "Reminder: {{ original_subject }}", "fr": "Rappel : {{ original_subject }}",
         "es": "Recordatorio: {{ original_subject }}"},
        {"en": ["The International Labour Office presents its compliments to the "
                "{{ recipient_name }} and, with reference to its communication "
                "{{ original_reference }} of {{ original_date }} concerning "
                "“{{ original_subject }}”, has the honour to recall that a reply was "
                "requested.",
                "The Office would be grateful to receive that reply by {{ deadline }}."],
         "fr": ["Le Bureau international du Travail présente ses compliments à la "
                "{{ recipient_name }} et, se référant à sa communication "
                "{{ original_reference }} du {{ original_date }} relative à "
                "« {{ original_subject }} », a l'honneur de rappeler qu'une réponse était "
                "attendue.",
                "Le Bureau saurait gré à son correspondant de bien vouloir lui faire parvenir "
                "cette réponse d'ici au {{ deadline }}."],
         "es": ["La Oficina Internacional del Trabajo saluda atentamente a la "
                "{{ recipient_name }} y, con referencia a su comunicación "
                "{{ original_reference }} de fecha {{ original_date }} relativa a "
                "«{{ original_subject }}», tiene el honor de recordarle que se solicitaba una "
                "respuesta.",
                "La Oficina agradecería recibir dicha respuesta a más tardar el "
                "{{ deadline }}."]}),
)


def file_name(code: str, language: str) -> str:
    return f"{code}.{language}.docx"


def _paragraph(document, text: str = "", *, bold=False, align=None, space_after=8):
    paragraph = document.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    return paragraph


def build_docx(starter: StarterTemplate, language: str) -> bytes:
    """One starter template as a Word file (placeholders in docxtpl's Jinja syntax)."""
    document = office.a4(docx.Document())
    style = document.styles["Normal"]
    style.font.name = "Noto Serif"
    style.font.size = Pt(11)
    header = document.sections[0].header.paragraphs[0]
    header.text = OFFICE[language]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.runs[0].bold = True
    right = WD_ALIGN_PARAGRAPH.RIGHT
    _paragraph(document, REFERENCE[language], align=right, space_after=0)
    if starter.style == "letter":
        _paragraph(document, DATED[language], align=right, space_after=18)
        addressee = ("{{ addressee }}" if starter.kind == LetterKind.MINISTER
                     else "{% if addressee %}{{ addressee }}{% endif %}")
        for line in (addressee, "{% if addressee_title %}{{ addressee_title }}{% endif %}",
                     "{{ recipient_name }}", OPTIONAL_ADDRESS):
            _paragraph(document, line, space_after=0)
        _paragraph(document)
        _paragraph(document, SUBJECT_LINE[language], bold=True, space_after=12)
        _paragraph(document, SALUTATION[language])
        for text in starter.body[language]:
            _paragraph(document, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        _paragraph(document, SIGNED_CLOSING[starter.code.split("-")[0]][language],
                   space_after=36)
        _paragraph(document, "{{ signatory }}", space_after=0)
        _paragraph(document, "{{ signatory_title }}", space_after=0)
        return _save(document)
    _paragraph(document, space_after=18)
    for text in starter.body[language]:
        _paragraph(document, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    closing = CLOSING if starter.style == "note" else CLOSING_GENERAL
    _paragraph(document, closing[language], align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=24)
    _paragraph(document, DATED[language], align=right, space_after=36)
    _paragraph(document, "{{ recipient_name }}", space_after=0)
    _paragraph(document, OPTIONAL_ADDRESS, space_after=0)
    return _save(document)


def _save(document) -> bytes:
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def write_files(directory: Path = DATA_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for starter in STARTERS:
        for language in ("en", "fr", "es"):
            path = directory / file_name(starter.code, language)
            path.write_bytes(build_docx(starter, language))
            written.append(path)
    return written
