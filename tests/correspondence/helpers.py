"""Builders shared by the correspondence tests (plain functions, usable outside fixtures)."""

import datetime as dt
import io
import zipfile

import docx

from tests.factories import GENEVA, MeetingFactory, SessionFactory, state
from tripartite.correspondence.models import AddressBookEntry, RecipientKind

MISSIONS = {
    "KE": ("en", "Permanent Mission of Kenya to the United Nations Office and other "
                 "international organizations in Geneva", "Excellency"),
    "FR": ("fr", "Mission permanente de la France auprès de l'Office des Nations Unies et des "
                 "autres organisations internationales à Genève", "Excellence"),
    "MX": ("es", "Misión Permanente de México ante la Oficina de las Naciones Unidas y otros "
                 "organismos internacionales en Ginebra", "Excelentísimo Señor"),
}


def make_session(**kwargs):
    meeting = MeetingFactory()
    defaults = {
        "meeting": meeting, "number": "114",
        "title_en": "114th Session of the International Labour Conference",
        "title_fr": "114e session de la Conférence internationale du Travail",
        "title_es": "114.ª reunión de la Conferencia Internacional del Trabajo",
        "opens_at": dt.datetime(2026, 6, 1, 10, tzinfo=GENEVA),
        "closes_at": dt.datetime(2026, 6, 12, 18, tzinfo=GENEVA),
        "venue_en": "Palais des Nations", "city_en": "Geneva",
    }
    defaults.update(kwargs)
    return SessionFactory(**defaults)


def make_entries(codes=("KE", "FR", "MX")) -> dict[str, AddressBookEntry]:
    made = {}
    for iso2 in codes:
        language, name, form = MISSIONS[iso2]
        made[iso2] = AddressBookEntry.objects.create(
            kind=RecipientKind.PERMANENT_MISSION, member_state=state(iso2), name=name,
            excellency=True, courtesy_title="ms", addressee="Ada Example",
            addressee_title="Ambassador", form_of_address=form, language=language,
            postal_address="Rue de Lausanne 1\n1202 Genève", email=f"mission.{iso2.lower()}"
            "@example.org")
    return made


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def docx_with_paragraphs(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_without_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a Word file")
    return buffer.getvalue()
