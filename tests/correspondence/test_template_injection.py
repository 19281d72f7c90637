"""Template injection: a letter template (or subject) may print placeholders, test them and
pass them through a few text filters, nothing else. Known server-side template injection
payloads are refused at upload (service and page) with the paragraph they are on, nothing is
stored; a hostile template stored before the rules is refused before any mail-merge; and were
one ever to reach the renderer, the sandbox refuses it."""

import io
from pathlib import Path

import docx
import pytest
from django.test import Client
from django.urls import reverse
from docxtpl import DocxTemplate
from jinja2.exceptions import SecurityError, TemplateAssertionError

from tests.correspondence.helpers import docx_text, docx_with_paragraphs
from tests.correspondence.test_templates import upload
from tripartite.common.models import ActionLogEntry
from tripartite.common.services import ServiceError
from tripartite.correspondence import documents, merge, placeholders, starter
from tripartite.correspondence.models import (
    LetterTemplate,
    MailMergeBatch,
    Selection,
    TemplateVersion,
)
from tripartite.correspondence.services import batches, templates
from tripartite.correspondence.template_rules import ALLOWED_FILTERS, LetterSandbox

pytestmark = pytest.mark.django_db

ALLOWED = ("A template may print the placeholders ({{ name }}), test them with {% if name %} … "
           "{% endif %} and pass them through the filters upper, lower, capitalize, title and "
           "trim; nothing else.")
# payload -> what the refusal names (None: refused as an unknown placeholder)
PAYLOADS = {
    "{{ ''.__class__.__mro__[1].__subclasses__() }}": "a call (“(…)”)",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}": "a call (“(…)”)",
    "{{ self._TemplateReference__context }}":
        "reading an attribute (“._TemplateReference__context”)",
    "{{ lipsum.__globals__ }}": "reading an attribute (“.__globals__”)",
    "{% set x = recipient_name %}{{ x }}": "the tag “{% set %}”",
    "{% import 'os' as os %}": "the tag “{% import %}”",
    "{% include 'secrets.txt' %}": "the tag “{% include %}”",
    "{% extends 'base.html' %}": "the tag “{% extends %}”",
    "{% for c in recipient_name %}{{ c }}{% endfor %}": "the tag “{% for %}”",
    "{% macro m() %}{% endmacro %}": "the tag “{% macro %}”",
    "{{ recipient_name|attr('__class__') }}": "the filter “|attr”",
    "{{ recipient_name|format('%s') }}": "the filter “|format”",
    "{{ recipient_name|upper('x') }}": "the filter “|upper” with arguments",
    "{{ recipient_name.__class__ }}": "reading an attribute (“.__class__”)",
    "{{ recipient_name.upper() }}": "a call (“(…)”)",
    "{{ subject[0] }}": "an index or a key (“[…]”)",
    "{{ recipient_name * 100000000 }}": "a calculation or a comparison other than == and !=",
    "{% if recipient_name is defined %}x{% endif %}": "the test “is defined”",
    "{{ config }}": None,
    "{{ request }}": None,
}
# Runs a command on the server if the template is ever executed unsandboxed.
MARKER = Path("/tmp/tripartite-template-injection-marker")  # noqa: S108 — proof, not data
COMMAND = f"{{{{ cycler.__init__.__globals__.os.popen('touch {MARKER}').read() }}}}"


@pytest.fixture(autouse=True)
def _no_marker():
    MARKER.unlink(missing_ok=True)
    yield
    assert not MARKER.exists(), "a template ran a command on the server"


def docx_with_header(header: str, *paragraphs: str) -> bytes:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = header
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_with_title(title: str) -> bytes:
    document = docx.Document()
    document.add_paragraph("{{ recipient_name }}")
    document.core_properties.title = title
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def refused_upload(template, content) -> ServiceError:
    before = (TemplateVersion.objects.count(), ActionLogEntry.objects.count())
    with pytest.raises(ServiceError) as refused:
        templates.template_version_upload(actor=template.secretariat, template=template,
                                         language="en", uploaded_file=upload(content))
    assert (TemplateVersion.objects.count(), ActionLogEntry.objects.count()) == before
    return refused.value


@pytest.fixture
def circular(starters, secretariat):
    template = starters["circular"]
    template.secretariat = secretariat
    return template


def expected_message(payload, what, where):
    if what is None:
        name = payload.strip("{} ")
        return (f"Unknown placeholders: {{{{ {name} }}}} in {where} (“{payload}”). The "
                f"placeholders a template may use are: {', '.join(placeholders.PLACEHOLDERS)}.")
    return f"A template may not contain {what}, found in {where} (“{payload}”). {ALLOWED}"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_injection_in_the_body_is_refused_with_its_paragraph(circular, payload):
    refused = refused_upload(circular, docx_with_paragraphs("Ref.: {{ reference }}", payload))
    what = PAYLOADS[payload]
    assert refused.code == ("unknown_placeholder" if what is None else "forbidden_in_template")
    assert refused.field == "file"
    assert refused.message == expected_message(payload, what, "paragraph 2 of the body")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_injection_in_the_header_is_refused_with_its_part(circular, payload):
    refused = refused_upload(circular, docx_with_header(payload, "{{ recipient_name }}"))
    assert refused.message == expected_message(payload, PAYLOADS[payload],
                                               "paragraph 1 of the header")


def test_an_injection_in_the_document_properties_is_refused(circular):
    refused = refused_upload(circular, docx_with_title(COMMAND))
    assert refused.code == "forbidden_in_template"
    assert refused.message.startswith(
        "A template may not contain a call (“(…)”), found in paragraph 6 of the document "
        "properties (")


def test_a_command_in_a_template_never_runs_at_upload(circular):
    for content in (docx_with_paragraphs(COMMAND), docx_with_header(COMMAND, "x"),
                    docx_with_title(COMMAND)):
        assert refused_upload(circular, content).code == "forbidden_in_template"


@pytest.mark.parametrize("payload", [p for p, what in PAYLOADS.items() if what])
def test_an_injection_in_the_subject_is_refused(secretariat, circular, payload):
    data = {"code": "x", "kind": "circular", "name_en": "X", "name_fr": "X", "name_es": "X",
            "subject_en": "S", "subject_fr": payload, "subject_es": "S"}
    with pytest.raises(ServiceError) as refused:
        templates.template_create(actor=secretariat, data=data)
    assert (refused.value.code, refused.value.field) == ("forbidden_in_template", "subject_fr")
    assert refused.value.message == (
        f"The subject “{payload}” may not contain {PAYLOADS[payload]}. {ALLOWED}")
    assert not LetterTemplate.objects.filter(code="x").exists()
    with pytest.raises(ServiceError) as refused:
        templates.template_update(actor=secretariat, template=circular,
                                 changes={"subject_en": payload})
    assert refused.value.code == "forbidden_in_template"
    circular.refresh_from_db()
    assert circular.subject_en == "Circular: {{ session }}"


def test_the_upload_page_refuses_an_injection_and_stores_nothing(circular, secretariat):
    client = Client()
    client.force_login(secretariat)
    url = reverse("correspondence:template_detail", kwargs={"pk": circular.pk})
    payload = "{{ recipient_name.__class__ }}"
    response = client.post(url, {"language": "en", "note": "",
                                 "file": upload(docx_with_paragraphs("Dear", payload))})
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        expected_message(payload, PAYLOADS[payload], "paragraph 2 of the body")]
    assert circular.versions.filter(language="en").count() == 1


def test_the_template_page_refuses_an_injection_in_the_subject(secretariat):
    client = Client()
    client.force_login(secretariat)
    response = client.post(reverse("correspondence:template_create"), {
        "code": "x", "kind": "circular", "name_en": "X", "name_fr": "X", "name_es": "X",
        "subject_en": "{{ lipsum.__globals__ }}", "subject_fr": "S", "subject_es": "S",
        "active": "on"})
    assert response.status_code == 200
    assert response.context["form"].errors["subject_en"] == [
        "The subject “{{ lipsum.__globals__ }}” may not contain reading an attribute "
        f"(“.__globals__”). {ALLOWED}"]
    assert not LetterTemplate.objects.filter(code="x").exists()


# --- what was stored before the rules ------------------------------------------------------

def _store_unchecked(template, language: str, content: bytes) -> TemplateVersion:
    """A version as an upload made before these rules left it: never scanned."""
    from django.core.files.base import ContentFile

    number = template.versions.filter(language=language).count() + 1
    version = TemplateVersion(template=template, language=language, number=number,
                              original_name="old.docx", sha256="0" * 64, size=len(content),
                              placeholders={"required": [], "optional": []})
    version.file.save("template.docx", ContentFile(content), save=False)
    version.save()
    return version


def _batch(secretariat, template, entries, session):
    return batches.batch_create(actor=secretariat, template=template,
                                 selection=Selection.HAND_PICKED,
                                 hand_picked=[entries["KE"].pk], session=session)


def test_a_hostile_template_stored_before_the_rules_is_refused_before_the_merge(
        secretariat, starters, entries, session):
    template = starters["circular"]
    _store_unchecked(template, "en", docx_with_paragraphs("Dear", COMMAND))
    batch = _batch(secretariat, template, entries, session)
    reason = (f"A template may not contain a call (“(…)”), found in paragraph 2 of the body "
              f"(“{COMMAND[:79]}…”). {ALLOWED}")
    expected = f"Version 2 of the template in English cannot be used: {reason}"
    assert merge.check_batch(batch).problems() == [expected]
    with pytest.raises(ServiceError) as refused:
        batches.batch_generate(actor=secretariat, batch=batch, pdf_files=False)
    assert refused.value.code == "batch_incomplete"
    assert refused.value.problems == [expected]
    batch.refresh_from_db()
    assert (batch.status, batch.letters.count()) == ("draft", 0)
    assert batch.problem == f"Nothing was generated. {expected}"


def test_the_preview_of_a_hostile_stored_template_is_refused(secretariat, starters, entries,
                                                             session):
    template = starters["circular"]
    _store_unchecked(template, "en", docx_with_paragraphs("{{ recipient_name.__class__ }}"))
    batch = _batch(secretariat, template, entries, session)
    with pytest.raises(ServiceError) as refused:
        batches.preview_language(batch, "en")
    assert refused.value.code == "forbidden_in_template"
    assert refused.value.message == (
        "This template contains reading an attribute (“.__class__”), which a template may not "
        f"contain: upload a corrected version. {ALLOWED}")
    client = Client()
    client.force_login(secretariat)
    response = client.get(reverse("correspondence:batch_preview",
                                  kwargs={"pk": batch.pk, "language": "en"}), follow=True)
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [refused.value.message]


def test_a_hostile_subject_stored_before_the_rules_is_refused(secretariat, starters, entries,
                                                              session):
    template = starters["circular"]
    LetterTemplate.objects.filter(pk=template.pk).update(subject_en=COMMAND)
    template.refresh_from_db()
    batch = _batch(secretariat, template, entries, session)
    with pytest.raises(ServiceError) as refused:
        batches.batch_generate(actor=secretariat, batch=batch, pdf_files=False)
    assert refused.value.code == "batch_incomplete"
    assert refused.value.problems == [
        f"Version 1 of the template in English cannot be used: The subject “{COMMAND}” may "
        f"not contain a call (“(…)”). {ALLOWED}"]
    with pytest.raises(ServiceError) as refused:
        documents.render_subject(COMMAND, placeholders.sample_values("en"))
    assert refused.value.code == "forbidden_in_template"
    assert not MailMergeBatch.objects.get(pk=batch.pk).letters.exists()


# --- the second wall -------------------------------------------------------------------------

def test_the_docxtpl_forms_pass_the_rules():
    documents.scan_template(docx_with_paragraphs(
        "{%p if addressee %}", "{{r addressee }}", "{%p endif %}", "{{- recipient_name -}}"))


@pytest.mark.parametrize("payload", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    COMMAND,
    "{{ self._TemplateReference__context }}",
    "{{ recipient_name.upper() }}",
    "{{ subject[0] }}",
    "{{ recipient_name * 100000000 }}",
])
def test_the_sandbox_refuses_a_hostile_template_that_bypassed_the_checks(payload):
    values = placeholders.sample_values("en")
    with pytest.raises(SecurityError):
        LetterSandbox(autoescape=True).from_string(payload).render(values)
    hostile = DocxTemplate(io.BytesIO(docx_with_paragraphs("Dear", payload)))
    with pytest.raises(SecurityError):  # docxtpl straight into the sandbox, no rule checked
        hostile.render(values, jinja_env=LetterSandbox(autoescape=True), autoescape=True)


def test_the_sandbox_has_no_filter_beyond_the_allowed_ones():
    with pytest.raises(TemplateAssertionError, match="No filter named 'attr'"):
        LetterSandbox().from_string("{{ recipient_name|attr('__class__') }}")
    assert sorted(LetterSandbox().filters) == sorted(ALLOWED_FILTERS)
    assert (LetterSandbox().globals, LetterSandbox().tests) == ({}, {})


def test_the_renderer_refuses_a_hostile_template_before_compiling_it():
    with pytest.raises(ServiceError) as refused:
        documents.render_docx(docx_with_paragraphs("Dear", COMMAND),
                              placeholders.sample_values("en"))
    assert refused.value.code == "forbidden_in_template"


# --- what stays allowed ---------------------------------------------------------------------

def test_every_starter_template_passes_the_rules():
    for code in (item.code for item in starter.STARTERS):
        for language in ("en", "fr", "es"):
            content = (starter.DATA_DIR / starter.file_name(code, language)).read_bytes()
            documents.scan_template(content)
            assert documents.stored_template_problem(content) == ""
            documents.check_subject(next(item for item in starter.STARTERS
                                         if item.code == code).subjects[language])


def test_a_full_mail_merge_still_renders_with_the_allowed_forms(secretariat, starters,
                                                                 entries, session):
    template = starters["circular"]
    content = docx_with_header(
        "{{ reference }}", "{{ member_state|upper }} — {{ recipient_name }}",
        "{%p if addressee %}", "{{ addressee }}", "{%p endif %}",
        "{% if member_state == 'Kenya' %}Jambo{% else %}Hello{% endif %}",
        "{{ postal_address }}")
    templates.template_version_upload(actor=secretariat, template=template, language="en",
                                     uploaded_file=upload(content))
    batch = _batch(secretariat, template, entries, session)
    batches.batch_generate(actor=secretariat, batch=batch, pdf_files=False)
    letter = batch.letters.get()
    assert docx_text(letter.word_file.read()).split("\n") == [
        "KENYA — " + entries["KE"].name, "H.E. Ms Ada Example", "Jambo",
        "Rue de Lausanne 1", "1202 Genève"]  # one paragraph, a line break in it
    assert letter.subject == "Circular: 114th Session of the International Labour Conference"
