"""The person addressed and the salutation of a letter come from a title chosen from the list
(common/titles.py), written in the letter's language: "H.E. Ms" is "S.E. Mme" in a French
letter and "Excma. Sra." in a Spanish one, and the salutation "Excellence",
"Excelentísima Señora"; a typed form of address replaces the salutation; "Other" is written as
typed."""

import pytest
from django.urls import reverse

from tests.correspondence.helpers import docx_text
from tests.correspondence.test_mail_merge import hand_picked
from tests.factories import state
from tripartite.correspondence import placeholders
from tripartite.correspondence.models import AddressBookEntry, RecipientKind
from tripartite.correspondence.services import batches

pytestmark = pytest.mark.django_db


def _entry(language="fr", **fields) -> AddressBookEntry:
    return AddressBookEntry.objects.create(**{
        "kind": RecipientKind.MINISTRY, "member_state": state("FR"), "language": language,
        "name": "Ministère du Travail", **fields})


@pytest.mark.parametrize(("fields", "en", "fr", "es"), [
    ({"excellency": True, "courtesy_title": "ms"},
     ("H.E. Ms Ada Example", "Excellency"), ("S.E. Mme Ada Example", "Excellence"),
     ("Excma. Sra. Ada Example", "Excelentísima Señora")),
    ({"courtesy_title": "dr", "addressee_gender": "f"},
     ("Dr Ada Example", "Madam"), ("Dr Ada Example", "Madame"),
     ("Dra. Ada Example", "Señora")),
    ({"courtesy_title": "mr"},
     ("Mr Ada Example", "Sir"), ("M. Ada Example", "Monsieur"), ("Sr. Ada Example", "Señor")),
    ({"excellency": True, "courtesy_title": "other", "other_title": "Sheikh",
      "addressee_gender": "m"},
     ("H.E. Sheikh Ada Example", "Excellency"), ("S.E. Sheikh Ada Example", "Excellence"),
     ("Excmo. Sr. Sheikh Ada Example", "Excelentísimo Señor")),
    ({}, ("Ada Example", "Sir or Madam"), ("Ada Example", "Madame, Monsieur"),
     ("Ada Example", "Señora, Señor")),
])
def test_the_title_and_the_salutation_are_written_in_the_letters_language(fields, en, fr, es):
    entry = _entry(addressee="Ada Example", **fields)
    assert [(values["addressee"], values["form_of_address"])
            for values in (placeholders.recipient_values(entry, language)
                           for language in ("en", "fr", "es"))] == [en, fr, es]


def test_a_typed_form_of_address_replaces_the_salutation():
    entry = _entry(addressee="Ada Example", excellency=True, courtesy_title="ms",
                   form_of_address="Madame la Ministre")
    values = placeholders.recipient_values(entry, "fr")
    assert (values["addressee"], values["form_of_address"]) == (
        "S.E. Mme Ada Example", "Madame la Ministre")


def test_without_a_name_there_is_no_one_addressed():
    entry = _entry(excellency=True, courtesy_title="ms")
    assert placeholders.recipient_values(entry, "fr")["addressee"] == ""


def test_generated_letters_write_the_title_and_salutation_in_their_language(
        secretariat, starters, session, entries):
    for entry in entries.values():
        entry.form_of_address = ""  # the salutation follows the title
        entry.save()
    batch = hand_picked(secretariat, starters["minister-letter"], entries.values(), session,
                        signatory="A. Officer", signatory_title="Director")
    batch = batches.batch_generate(actor=secretariat, batch=batch, pdf_files=False)
    texts = {letter.language: docx_text(letter.word_file.read())
             for letter in batch.letters.all()}
    # The same entry data (H.E., Ms, Ada Example, no form of address) in three languages.
    assert "H.E. Ms Ada Example" in texts["en"] and "\nExcellency,\n" in texts["en"]
    assert "S.E. Mme Ada Example" in texts["fr"] and "\nExcellence,\n" in texts["fr"]
    assert "Excma. Sra. Ada Example" in texts["es"]
    assert "\nExcelentísima Señora:\n" in texts["es"]


def test_the_form_offers_the_titles_and_refuses_other_without_its_text(client, secretariat):
    client.force_login(secretariat)
    url = reverse("correspondence:entry_create")
    page = client.get(url).content.decode()
    assert 'name="courtesy_title"' in page and 'value="dr"' in page
    data = {"kind": "ministry", "member_state": state("MX").pk, "language": "es",
            "name": "Secretaría del Trabajo", "addressee": "Ada Example",
            "courtesy_title": "other", "active": "on"}

    refused = client.post(url, data)
    assert refused.status_code == 200 and not AddressBookEntry.objects.exists()
    assert "Type the title, or choose one from the list." in refused.content.decode()

    saved = client.post(url, {**data, "courtesy_title": "dr", "addressee_gender": "f",
                              "excellency": "on"})
    assert saved.status_code == 302
    book = client.get(reverse("correspondence:address_book")).content.decode()
    assert "Excma. Dra. Ada Example" in book and "Excelentísima Señora" in book


def test_the_form_offers_the_titles_in_the_readers_language(client, secretariat):
    secretariat.language = "fr"
    secretariat.save()
    client.force_login(secretariat)
    page = client.get(reverse("correspondence:entry_create")).content.decode()
    assert "Son Excellence" in page
    assert '<option value="mr">M.</option>' in page
    assert '<option value="ms">Mme</option>' in page


def test_a_draft_batch_warns_when_its_pdf_letters_lack_a_font(client, secretariat, starters,
                                                             session, entries, monkeypatch):
    from tripartite.common import fonts
    monkeypatch.setattr(fonts, "font_installed", lambda family: False)
    entries["KE"].addressee = "አበበ ቢቂላ"
    entries["KE"].save()
    batch = hand_picked(secretariat, starters["minister-letter"], entries.values(), session)
    client.force_login(secretariat)
    html = client.get(reverse("correspondence:batch_detail", args=[batch.pk])).content.decode()
    assert "Ethiopic" in html and "fonts-noto-core" in html

    monkeypatch.setattr(fonts, "font_installed", lambda family: True)
    html = client.get(reverse("correspondence:batch_detail", args=[batch.pk])).content.decode()
    assert "fonts-noto" not in html
