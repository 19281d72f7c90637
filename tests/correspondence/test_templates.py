"""Templates: the starter set renders in each language (read back from Word and from the
PDF), uploads are checked by content and placeholders, versions are kept."""

import io

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.correspondence.helpers import (
    docx_text,
    docx_with_paragraphs,
    make_session,
    zip_without_document,
)
from tests.factories import user_with_role
from tripartite.accounts.models import Role
from tripartite.common.models import ActionLogEntry
from tripartite.common.services import PermissionDeniedError, ServiceError
from tripartite.correspondence import documents, placeholders, starter
from tripartite.correspondence.models import LetterTemplate, TemplateVersion
from tripartite.correspondence.services import batches, templates

pytestmark = pytest.mark.django_db

EXPECTED_OPENING = {
    "en": "The International Labour Office presents its compliments to the Permanent "
          "Mission of Kenya to the United Nations Office and other international "
          "organizations in Geneva and has the honour to recall that the 114th Session of "
          "the International Labour Conference will open on 1 June 2026.",
    "fr": "Le Bureau international du Travail présente ses compliments à la Mission "
          "permanente de la France auprès de l'Office des Nations Unies et des autres "
          "organisations internationales à Genève et a l'honneur de rappeler que la 114e "
          "session de la Conférence internationale du Travail s'ouvrira le 1er juin 2026.",
    "es": "La Oficina Internacional del Trabajo saluda atentamente a la Misión Permanente de "
          "México ante la Oficina de las Naciones Unidas y otros organismos internacionales "
          "en Ginebra y tiene el honor de recordarle que la 114.ª reunión de la Conferencia "
          "Internacional del Trabajo se inaugurará el 1 de junio de 2026.",
}
EXPECTED_CLOSING = {
    "en": "The International Labour Office avails itself of this opportunity to renew to the "
          "Permanent Mission the assurances of its highest consideration.",
    "fr": "Le Bureau international du Travail saisit cette occasion pour renouveler à la "
          "Mission permanente les assurances de sa haute considération.",
    "es": "La Oficina Internacional del Trabajo aprovecha la oportunidad para reiterar a la "
          "Misión Permanente el testimonio de su más alta consideración.",
}
ISO = {"en": "KE", "fr": "FR", "es": "MX"}


def upload(content: bytes, name="letter.docx"):
    return SimpleUploadedFile(name, content)


def test_long_dates_are_written_in_each_language():
    import datetime as dt

    assert placeholders.long_date(dt.date(2026, 6, 1), "en") == "1 June 2026"
    assert placeholders.long_date(dt.date(2026, 6, 1), "fr") == "1er juin 2026"
    assert placeholders.long_date(dt.date(2026, 8, 15), "fr") == "15 août 2026"
    assert placeholders.long_date(dt.date(2026, 6, 1), "es") == "1 de junio de 2026"


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_the_credentials_reminder_renders_in_each_language(language, starters, session,
                                                           entries, secretariat):
    from tripartite.correspondence.models import Selection

    batch = batches.batch_create(actor=secretariat, template=starters["credentials-reminder"],
                                  selection=Selection.HAND_PICKED,
                                  hand_picked=[entries[ISO[language]].pk], session=session)
    batches.batch_generate(actor=secretariat, batch=batch, pdf_files=False)
    letter = batch.letters.get()
    text = docx_text(letter.word_file.read())
    paragraphs = text.split("\n")
    assert EXPECTED_OPENING[language] in paragraphs
    assert EXPECTED_CLOSING[language] in paragraphs
    assert f"RELOFF/{batch.letter_date.year}/0001" in text
    assert "{{" not in text and "}}" not in text
    deadline = placeholders.long_date(session.local_opens_at.date().replace(day=11)
                                      .replace(month=5), language)
    assert deadline in text  # 21 days before the opening
    assert "Rue de Lausanne 1\nRue" not in text
    assert letter.language == language
    assert letter.template_version.language == language
    assert letter.subject == {"en": "Credentials for the 114th Session of the International "
                                    "Labour Conference",
                              "fr": "Pouvoirs pour la 114e session de la Conférence "
                                    "internationale du Travail",
                              "es": "Poderes para la 114.ª reunión de la Conferencia "
                                    "Internacional del Trabajo"}[language]


@pytest.mark.needs("libreoffice")
def test_letters_in_three_languages_read_back_from_their_pdf(starters, session, entries,
                                                             secretariat):
    from tripartite.correspondence.models import Selection

    batch = batches.batch_create(actor=secretariat, template=starters["credentials-reminder"],
                                  selection=Selection.HAND_PICKED,
                                  hand_picked=[entry.pk for entry in entries.values()],
                                  session=session)
    batch = batches.batch_generate(actor=secretariat, batch=batch)
    assert batch.pdf_problem == ""
    for letter in batch.letters.all():
        assert letter.pdf_file.read().startswith(b"%PDF-")
        reader = pypdf.PdfReader(io.BytesIO(letter.pdf_file.open("rb").read()))
        text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
        assert " ".join(EXPECTED_OPENING[letter.language].split()) in text
        assert letter.reference in text


def test_every_starter_template_is_valid_and_fills_in(starters):
    assert len(starters) == len(starter.STARTERS) == 8
    assert TemplateVersion.objects.count() == 24
    for version in TemplateVersion.objects.all():
        assert version.number == 1
        rendered = documents.render_docx(version.file.read(),
                                         placeholders.sample_values(version.language))
        text = docx_text(rendered)
        assert "{{" not in text and "{%" not in text
        assert "RELOFF/2026/0042" in text


def test_an_upload_must_be_a_real_word_file(starters, secretariat):
    template = starters["circular"]
    cases = [
        (b"", "The file is empty."),
        (b"%PDF-1.7 not a docx", "This file is not a Word document (.docx)."),
        (zip_without_document(), "no word/document.xml"),
    ]
    for content, message in cases:
        with pytest.raises(ServiceError, match=message.replace("(", r"\(").replace(")", r"\)")
                           .replace(".", r"\.")):
            templates.template_version_upload(actor=secretariat, template=template,
                                             language="en", uploaded_file=upload(content))
    assert template.versions.filter(language="en").count() == 1


def test_a_broken_placeholder_is_refused_with_its_paragraph(starters, secretariat):
    content = docx_with_paragraphs("Ref.: {{ reference }}", "",
                                   "Presents its compliments to the {{ recipient_name }.")
    with pytest.raises(ServiceError) as refused:
        templates.template_version_upload(actor=secretariat, template=starters["circular"],
                                         language="fr", uploaded_file=upload(content))
    assert refused.value.code == "template_syntax"
    assert refused.value.message.startswith(
        "A placeholder is broken in paragraph 3 of the body (“Presents its compliments to "
        "the {{ recipient_name }.”): ")


def test_an_unclosed_if_is_refused(starters, secretariat):
    content = docx_with_paragraphs("{% if addressee %}{{ addressee }}", "Text")
    with pytest.raises(ServiceError,
                       match="A placeholder is broken in paragraph 1 of the body .*endif"):
        templates.template_version_upload(actor=secretariat, template=starters["circular"],
                                         language="fr", uploaded_file=upload(content))


def test_an_unknown_placeholder_is_refused_with_its_paragraph(starters, secretariat):
    content = docx_with_paragraphs("Dear {{ form_of_address }},", "Your {{ ambassador }} …")
    with pytest.raises(ServiceError) as refused:
        templates.template_version_upload(actor=secretariat, template=starters["circular"],
                                         language="es", uploaded_file=upload(content))
    assert refused.value.code == "unknown_placeholder"
    assert refused.value.message.startswith(
        "Unknown placeholders: {{ ambassador }} in paragraph 2 of the body (“Your "
        "{{ ambassador }} …”). The placeholders a template may use are: reference, ")


def test_a_new_version_keeps_the_old_one_and_records_what_it_prints(starters, secretariat):
    template = starters["circular"]
    content = docx_with_paragraphs("{{ reference }} {{ letter_date }}",
                                   "{% if addressee %}To {{ addressee }}{% endif %}",
                                   "{{ recipient_name }}: {{ session }}")
    version = templates.template_version_upload(actor=secretariat, template=template,
                                               language="en", uploaded_file=upload(content),
                                               note="Shorter")
    assert version.number == 2
    assert list(template.versions.filter(language="en").values_list("number", flat=True)) == [
        2, 1]
    assert version.placeholders == {
        "required": ["letter_date", "recipient_name", "reference", "session"],
        "optional": ["addressee"]}
    assert version.file.read() == content
    entry = ActionLogEntry.objects.filter(action="correspondence.template.version_uploaded").get()
    assert entry.data["version"] == 2


def test_only_the_secretariat_uploads(starters):
    observer = user_with_role(Role.OBSERVER)
    with pytest.raises(PermissionDeniedError):
        templates.template_version_upload(actor=observer, template=starters["circular"],
                                         language="en",
                                         uploaded_file=upload(docx_with_paragraphs("x")))


def test_a_subject_with_a_broken_placeholder_is_refused(secretariat):
    with pytest.raises(ServiceError, match="A placeholder is broken in the subject"):
        templates.template_create(actor=secretariat, data={
            "code": "x", "kind": "circular", "name_en": "X", "name_fr": "X", "name_es": "X",
            "subject_en": "About {{ session", "subject_fr": "S", "subject_es": "S"})
    assert not LetterTemplate.objects.filter(code="x").exists()


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_the_samples_give_every_placeholder_as_a_letter_of_a_batch_does(db, language):
    """The samples shown at upload and a real batch's letters fill the same placeholders,
    their dates written out the same way."""
    samples = placeholders.sample_values(language)
    assert set(samples) == set(placeholders.PLACEHOLDERS)
    session = make_session()
    batch = placeholders.batch_values(placeholders.BatchFacts(session=session), language)
    assert set(batch) == set(placeholders.BATCH_PLACEHOLDERS)
    assert set(placeholders.batch_values(placeholders.BatchFacts(), language)) == set(batch)
    assert set(placeholders.original_values(None, language)) == {
        name for name in placeholders.PLACEHOLDERS if name.startswith("original_")}
    expected = {"en": "1–12 June 2026", "fr": "du 1er au 12 juin 2026",
                "es": "del 1 al 12 de junio de 2026"}[language]
    assert samples["session_dates"] == expected
