"""The information document, read back from the generated Word file in each language, and
converted to PDF by LibreOffice."""

import datetime as dt
import io

import docx
import pypdf
import pytest
from django.urls import reverse

from tests.factories import (
    GENEVA,
    AgendaItemFactory,
    MeetingFactory,
    SessionFactory,
    state,
    user_with_role,
)
from tests.jobs.helpers import file_of, job_of
from tests.proposals.factories import make_proposal, to_officers
from tripartite.accounts.models import Role
from tripartite.common import office
from tripartite.jobs.models import Job
from tripartite.proposals import information_document, selectors, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def governing_body():
    """The 356th Session (March 2026) and the 357th (June 2027): the document for the 357th
    covers the meetings approved since the opening of the 356th."""
    meeting = MeetingFactory(type="gb", title_en="Governing Body",
                             title_fr="Conseil d'administration",
                             title_es="Consejo de Administración", acronym="GB")
    previous = SessionFactory(meeting=meeting, number="356",
                              title_en="356th Session of the Governing Body",
                              title_fr="356e session du Conseil d'administration",
                              title_es="356.ª reunión del Consejo de Administración",
                              opens_at=dt.datetime(2026, 3, 9, 10, tzinfo=GENEVA),
                              closes_at=dt.datetime(2026, 3, 19, 18, tzinfo=GENEVA))
    current = SessionFactory(meeting=meeting, number="357",
                             title_en="357th Session of the Governing Body",
                             title_fr="357e session du Conseil d'administration",
                             title_es="357.ª reunión del Consejo de Administración",
                             opens_at=dt.datetime(2027, 6, 14, 10, tzinfo=GENEVA),
                             closes_at=dt.datetime(2027, 6, 15, 18, tzinfo=GENEVA))
    return previous, current


@pytest.fixture
def approved(governing_body):
    secretariat = user_with_role(Role.SECRETARIAT)
    proposal = make_proposal()
    to_officers(proposal, secretariat)
    services.decision_record(proposal=proposal, actor=secretariat, decision="approved",
                             decided_on=selectors.today())
    not_approved = make_proposal(title_en="Refused colloquium")
    to_officers(not_approved, secretariat)
    services.decision_record(proposal=not_approved, actor=secretariat,
                             decision="not_approved", decided_on=selectors.today())
    return proposal


def read_back(content: bytes) -> tuple[list[str], list[list[tuple[str, str]]]]:
    document = docx.Document(io.BytesIO(content))
    paragraphs = [p.text for p in document.paragraphs if p.text]
    tables = [[(row.cells[0].text, row.cells[1].text) for row in table.rows]
              for table in document.tables]
    return paragraphs, tables


EXPECTED = {
    "en": {
        "title": "Approved symposia, seminars, workshops and similar meetings",
        "heading": "1. Workshop on minimum wages in West Africa",
        "intro": "Since the 356th Session of the Governing Body, the Officers of the Governing "
                 "Body have approved the following meetings.",
        "rows": [
            ("Type of meeting", "Workshop"), ("Proposed date", "13–15 September 2027"),
            ("Place", "Dakar, Senegal"),
            ("Financing", "ILO regular budget (25,000.00 USD); Extra-budgetary resources – "
                          "European Union (10,000.00 EUR)"),
            ("Geographical coverage", "Côte d'Ivoire, Mali, Senegal"),
            ("Composition of participants",
             "Governments: 6; Employers: 6; Workers: 6 (tripartite)"),
            ("Resource persons", "4 (of whom 2 women)"), ("Observers", "1"),
            ("Purpose", "To share experience of minimum wage fixing."),
            ("Relevance to international labour standards",
             "Minimum Wage Fixing Convention, 1970 (No. 131)."),
            ("Working language(s)", "French, English")],
    },
    "fr": {
        "title": "Colloques, séminaires, ateliers et autres réunions analogues approuvés",
        "heading": "1. Atelier sur les salaires minima en Afrique de l'Ouest",
        "intro": "Depuis la 356e session du Conseil d'administration, le bureau du Conseil "
                 "d'administration a approuvé les réunions suivantes.",
        "rows": [
            ("Type de réunion", "Atelier"), ("Date proposée", "Du 13 au 15 septembre 2027"),
            ("Lieu", "Dakar, Sénégal"),
            ("Financement", "Budget ordinaire du BIT (25\u00a0000,00 USD); Ressources "
                            "extrabudgétaires – European Union (10\u00a0000,00 EUR)"),
            ("Couverture géographique", "Côte d'Ivoire, Mali, Sénégal"),
            ("Composition", "Gouvernements: 6; Employeurs: 6; Travailleurs: 6 (tripartite)"),
            ("Personnes-ressources", "4 (dont 2 femmes)"), ("Observateurs", "1"),
            ("Objet", "Partager l'expérience de la fixation des salaires minima."),
            # No French text: the English one stands in.
            ("Intérêt pour les normes internationales du travail",
             "Minimum Wage Fixing Convention, 1970 (No. 131)."),
            ("Langue(s) de travail", "français, anglais")],
    },
    "es": {
        "title": "Simposios, seminarios, talleres y otras reuniones similares aprobados",
        "heading": "1. Taller sobre salarios mínimos en África Occidental",
        "intro": "Desde la 356.ª reunión del Consejo de Administración, la Mesa del Consejo de "
                 "Administración ha aprobado las reuniones siguientes.",
        "rows": [
            ("Tipo de reunión", "Taller"),
            ("Fecha propuesta", "Del 13 al 15 de septiembre de 2027"),
            ("Lugar", "Dakar, Senegal"),
            ("Financiación", "Presupuesto ordinario de la OIT (25\u00a0000,00 USD); Recursos "
                             "extrapresupuestarios – European Union (10\u00a0000,00 EUR)"),
            ("Cobertura geográfica", "Côte d'Ivoire, Malí, Senegal"),
            ("Composición", "Gobiernos: 6; Empleadores: 6; Trabajadores: 6 (tripartita)"),
            ("Personas de recursos", "4 (de las cuales 2 mujeres)"), ("Observadores", "1"),
            ("Objetivo", "To share experience of minimum wage fixing."),
            ("Pertinencia para las normas internacionales del trabajo",
             "Minimum Wage Fixing Convention, 1970 (No. 131)."),
            ("Idioma(s) de trabajo", "francés, inglés")],
    },
}


# The header of a Governing Body paper (DOC-3), then the title, the introduction, the heading
# of the department and the meeting.
HEADER = {
    "en": ["INTERNATIONAL LABOUR OFFICE", "Governing Body",
           "357th Session, Geneva, 14–15 June 2027\tGB.357/INS/INF/1",
           "Institutional Section\tINS", "Date: 20 May 2027", "Original: English",
           "For information"],
    "fr": ["BUREAU INTERNATIONAL DU TRAVAIL", "Conseil d'administration",
           "357e session, Genève, du 14 au 15 juin 2027\tGB.357/INS/INF/1",
           "Section institutionnelle\tINS", "Date: 20 mai 2027", "Original: anglais",
           "Pour information"],
    "es": ["OFICINA INTERNACIONAL DEL TRABAJO", "Consejo de Administración",
           "357.ª reunión, Ginebra, del 14 al 15 de junio de 2027\tGB.357/INS/INF/1",
           "Sección Institucional\tINS", "Fecha: 20 de mayo de 2027", "Original: inglés",
           "Para información"],
}
DEPARTMENT = {"en": "Sectoral Policies Department",
              "fr": "Département des politiques sectorielles",
              "es": "Departamento de Políticas Sectoriales"}


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_the_word_document_in_each_language(governing_body, approved, language):
    _previous, current = governing_body
    paragraphs, tables = read_back(information_document.build_docx(
        current, language, date=dt.date(2027, 5, 20)))
    expected = EXPECTED[language]
    assert paragraphs[:7] == HEADER[language]
    assert paragraphs[7] == expected["title"]
    assert paragraphs[8] == expected["intro"]
    assert paragraphs[9] == DEPARTMENT[language]
    assert paragraphs[10] == expected["heading"]
    assert len(tables) == 1  # the meeting not approved is left out
    assert tables[0] == expected["rows"]


@pytest.mark.parametrize(("language", "line"), [
    ("en", "SECOND ITEM ON THE AGENDA"), ("fr", "DEUXIÈME QUESTION À L'ORDRE DU JOUR"),
    ("es", "SEGUNDO PUNTO DEL ORDEN DEL DÍA")])
def test_the_agenda_item_the_section_and_the_original_language(governing_body, language,
                                                               line):
    _previous, current = governing_body
    item = AgendaItemFactory(session=current, number="POL/2", title_en="Decent work")
    paragraphs, _tables = read_back(information_document.build_docx(
        current, language, symbol="GB.357/POL/INF/1", original="fr", agenda_item=item,
        date=dt.date(2027, 5, 20)))
    section = {"en": "Policy Development Section",
               "fr": "Section de l'élaboration des politiques",
               "es": "Sección de Formulación de Políticas"}[language]
    original = {"en": "French", "fr": "français", "es": "francés"}[language]
    assert paragraphs[2].endswith("\tGB.357/POL/INF/1")
    assert paragraphs[3:7] == [f"{section}\tPOL", paragraphs[4], f"Original: {original}", line]


def test_agenda_item_numbers_and_session_ordinals():
    line = information_document.agenda_item_line
    assert line("INS/1", "en") == "FIRST ITEM ON THE AGENDA"
    assert line("IV", "fr") == "QUATRIÈME QUESTION À L'ORDRE DU JOUR"
    assert line("3", "es") == "TERCER PUNTO DEL ORDEN DEL DÍA"
    assert line("INS/21", "en") == "AGENDA ITEM INS/21"
    ordinal = information_document.session_ordinal
    assert [ordinal(SessionFactory.build(number=n), "en") for n in ("341", "342", "343",
                                                                     "311", "350")] == [
        "341st Session", "342nd Session", "343rd Session", "311th Session", "350th Session"]
    assert ordinal(SessionFactory.build(number="1"), "fr") == "1re session"
    assert ordinal(SessionFactory.build(number="350"), "es") == "350.ª reunión"


def test_meetings_are_grouped_under_their_department_or_region(governing_body):
    """As the Governing Body's papers do: the departments at headquarters, then the regions of
    the field offices in the Office's order, numbered throughout."""
    _previous, current = governing_body
    secretariat = user_with_role(Role.SECRETARIAT)
    for unit, title, country, city in (
            ("ILO Lima", "Andean workshop", "PE", "Lima"),
            ("ACTRAV", "Workers' seminar", "SN", "Dakar"),
            ("ILO Dakar", "Sahel workshop", "SN", "Dakar"),
            ("SECTOR", "Ports seminar", "CH", "Geneva"),
            ("ILO Quito", "Ecuador workshop", "EC", "Quito"),  # an office not in the table
            ("Innovation unit", "Future of work forum", "CH", "Geneva")):
        proposal = make_proposal(secretariat, unit=unit, title_en=title, title_fr="",
                                 title_es="", country=state(country), city=city)
        to_officers(proposal, secretariat)
        services.decision_record(proposal=proposal, actor=secretariat, decision="approved",
                                 decided_on=selectors.today())
    paragraphs, tables = read_back(information_document.build_docx(current, "en"))
    body = paragraphs[paragraphs.index(EXPECTED["en"]["intro"]) + 1:]
    headings = [p for p in body if not p.startswith(("Approved on", "The Governing Body"))]
    assert headings == [
        "Bureau for Workers' Activities", "1. Workers' seminar",
        "Sectoral Policies Department", "2. Ports seminar",
        "Africa", "3. Sahel workshop",
        "Americas", "4. Andean workshop", "5. Ecuador workshop",
        "Innovation unit", "6. Future of work forum"]
    assert len(tables) == 6
    french, _tables = read_back(information_document.build_docx(current, "fr"))
    assert "Bureau des activités pour les travailleurs" in french and "Afrique" in french


def test_meetings_approved_before_the_previous_session_are_left_out(governing_body, approved):
    previous, _current = governing_body
    # The document for the 356th Session covers decisions before its opening (March 2026):
    # the meeting approved today (November 2026) belongs to the 357th's.
    paragraphs, tables = read_back(information_document.build_docx(previous, "en"))
    assert tables == []
    assert "No meeting was approved in this period." in paragraphs
    assert paragraphs[8] == ("The Officers of the Governing Body have approved the following "
                             "meetings.")


def test_dates_across_months_and_the_first_of_the_month_in_french():
    start, end = dt.date(2027, 9, 30), dt.date(2027, 10, 1)
    assert information_document.date_range(start, end, "en") == "30 September – 1 October 2027"
    assert information_document.date_range(start, end, "fr", capital=True) == (
        "Du 30 septembre au 1er octobre 2027")
    assert information_document.date_range(end, end, "es") == "1 de octubre de 2027"


def test_the_page_offers_each_language_and_the_worker_makes_the_word_file(
        client, governing_body, approved, run_jobs):
    _previous, current = governing_body
    client.force_login(user_with_role(Role.SENIOR_OFFICIAL))
    page = client.get(reverse("proposals:information_documents")).content.decode()
    assert "GB.357/INS/INF/1" in page
    url = reverse("proposals:information_document", kwargs={"session_pk": current.pk})
    offer = client.get(url + "?language=fr&format=docx&symbol=GB.357/INS/INF/2")
    assert '<input type="hidden" name="symbol" value="GB.357/INS/INF/2">' in \
        offer.content.decode()
    job = job_of(client.post(url, {"language": "fr", "format": "docx",
                                   "symbol": "GB.357/INS/INF/2"}))
    assert run_jobs() == 1
    paragraphs, _tables = read_back(file_of(client, job))
    assert paragraphs[2].endswith("\tGB.357/INS/INF/2")
    assert job.result_name == "approved-meetings-GB357-fr.docx"
    refused = client.post(url, {"language": "de"})
    assert refused.status_code == 302 and refused["Location"] == reverse(
        "proposals:information_documents")
    refused = client.post(url, {"symbol": "GB.357/XYZ/1"})
    assert refused.status_code == 302
    assert Job.objects.count() == 1


def test_a_unit_officer_cannot_download_the_document(client, governing_body):
    _previous, current = governing_body
    client.force_login(user_with_role(Role.UNIT_OFFICER))
    url = reverse("proposals:information_document", kwargs={"session_pk": current.pk})
    assert client.get(url).status_code == 403
    assert client.post(url, {"language": "en", "format": "docx"}).status_code == 403
    assert not Job.objects.exists()


@pytest.mark.needs("libreoffice")
def test_the_pdf_is_converted_by_libreoffice(governing_body, approved):
    _previous, current = governing_body
    pdf = office.docx_to_pdf(information_document.build_docx(current, "es",
                                                             date=dt.date(2027, 5, 20)))
    text = " ".join(" ".join(page.extract_text().split())
                    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    for line in ("OFICINA INTERNACIONAL DEL TRABAJO", "Consejo de Administración",
                 "357.ª reunión, Ginebra", "GB.357/INS/INF/1", "Sección Institucional",
                 "Fecha: 20 de mayo de 2027", "Original: inglés",
                 "Departamento de Políticas Sectoriales"):
        assert line in text, line
    assert "Simposios, seminarios, talleres y otras reuniones similares aprobados" in text
    assert "Taller sobre salarios mínimos en África Occidental" in text


def test_without_libreoffice_the_conversion_says_so(monkeypatch):
    monkeypatch.setattr(office, "SOFFICE", "/nonexistent/soffice")
    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    assert not office.conversion_available()
    with pytest.raises(office.PdfUnavailable):
        office.docx_to_pdf(b"")


def test_places_are_named_in_the_documents_language(governing_body):
    """The proposal's city, typed in English, and the session's city read as each language
    writes them."""
    _previous, current = governing_body
    secretariat = user_with_role(Role.SECRETARIAT)
    proposal = make_proposal(city="Geneva", country=state("CH"))
    to_officers(proposal, secretariat)
    services.decision_record(proposal=proposal, actor=secretariat, decision="approved",
                             decided_on=selectors.today())
    for language, city, place in (("en", "Geneva", "Geneva, Switzerland"),
                                  ("fr", "Genève", "Genève, Suisse"),
                                  ("es", "Ginebra", "Ginebra, Suiza")):
        paragraphs, tables = read_back(information_document.build_docx(current, language))
        assert f", {city}, " in paragraphs[2]
        assert dict(tables[0])[information_document.TEXT[language]["place"]] == place


def test_the_page_asks_for_the_agenda_item_and_the_original_language(
        client, governing_body, approved, run_jobs):
    _previous, current = governing_body
    item = AgendaItemFactory(session=current, number="INS/2", title_en="Follow-up")
    other = AgendaItemFactory(session=_previous, number="INS/3", title_en="Elsewhere")
    client.force_login(user_with_role(Role.SENIOR_OFFICIAL))
    page = client.get(reverse("proposals:information_documents")).content.decode()
    assert f'<option value="{item.pk}">INS/2 — Follow-up</option>' in page
    assert 'name="file" value="es.docx"' in page
    url = reverse("proposals:information_document", kwargs={"session_pk": current.pk})
    offer = client.get(url, {"file": "es.docx", "symbol": "GB.357/INS/INF/1",
                             "agenda_item": item.pk, "original": "fr"}).content.decode()
    assert f'<input type="hidden" name="agenda_item" value="{item.pk}">' in offer
    job = job_of(client.post(url, {"language": "es", "format": "docx",
                                   "symbol": "GB.357/INS/INF/1", "agenda_item": item.pk,
                                   "original": "fr"}))
    assert run_jobs() == 1
    paragraphs, _tables = read_back(file_of(client, job))
    assert paragraphs[5:7] == ["Original: francés", "SEGUNDO PUNTO DEL ORDEN DEL DÍA"]
    with pytest.raises(services.ServiceError, match="agenda of this session"):
        services.information_document_queue(
            actor=user_with_role(Role.SENIOR_OFFICIAL), session=current, language="en",
            file_format="docx", agenda_item=other)
