"""Word letter templates: checking an upload, finding its placeholders, rendering a letter.

A template is a real .docx (a zip holding ``word/document.xml``) whose text uses the
placeholders of ``placeholders.PLACEHOLDERS`` in Jinja syntax, rendered by docxtpl. At upload
each part of the document (body, headers, footers, footnotes, properties) is read paragraph by
paragraph, so a broken placeholder, or anything a template may not contain
(``template_rules``), is reported with the paragraph it is on and its text, not with a line of
XML that staff never see. Rendering happens in ``template_rules.LetterSandbox`` and refuses
again, before compiling it, any XML that holds what a template may not contain.
"""

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field

import docx
import jinja2
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate, Listing
from jinja2 import meta, nodes

from tripartite.common.archives import check_office_archive
from tripartite.common.services import ServiceError
from tripartite.correspondence.placeholders import PLACEHOLDERS, sample_values
from tripartite.correspondence.template_rules import (
    LetterSandbox,
    TemplateNotAllowed,
    allowed_summary,
    forbidden,
    require_allowed,
)

MAX_TEMPLATE_SIZE = 5 * 1024 * 1024
# docxtpl's own tag forms ({%p if %}, {%tr for %}, {{r name }}…) read as plain Jinja here.
_DOCXTPL_TAG = re.compile(r"\{([{%])-?\s*(?:p|tr|tc|r)\s")
# Parsing only (the upload checks); nothing is rendered with it.
_ENVIRONMENT = LetterSandbox(autoescape=False)  # noqa: S701 — never HTML
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
# The core properties docxtpl fills in too (DocxTemplate.render_properties).
_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")


class TemplateProblem(ServiceError):
    def __init__(self, message, *, code="bad_template"):
        super().__init__(message, code=code, field="file")


@dataclass(frozen=True)
class TemplatePart:
    """One part of the document (the body, a header, a footer) as lines of paragraph text."""

    name: str
    paragraphs: list[str]

    @property
    def source(self) -> str:
        return "\n".join(_DOCXTPL_TAG.sub(lambda m: "{" + m.group(1) + " ", text)
                         for text in self.paragraphs)


@dataclass(frozen=True)
class TemplateScan:
    """What a valid template prints: placeholders always needed and those only printed under
    an ``{% if name %}`` that tests them (optional)."""

    required: list[str]
    optional: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"required": list(self.required), "optional": list(self.optional)}


def _paragraph_text(element) -> str:
    return Paragraph(element, None).text


def document_parts(content: bytes) -> list[TemplatePart]:
    document = docx.Document(io.BytesIO(content))
    parts = [TemplatePart(_("the body"), [_paragraph_text(p)
                                          for p in document.element.body.iter(qn("w:p"))])]
    seen = set()
    for number, section in enumerate(document.sections, start=1):
        for kind, label in (("header", _("the header")), ("footer", _("the footer"))):
            for variant in ("", "first_page_", "even_page_"):
                part = getattr(section, f"{variant}{kind}")
                if part.is_linked_to_previous:
                    continue
                element = part._element
                if id(element) in seen:
                    continue
                seen.add(id(element))
                name = label if number == 1 and not variant else f"{label} ({number})"
                parts.append(TemplatePart(name, [_paragraph_text(p)
                                                 for p in element.iter(qn("w:p"))]))
    return parts + _footnotes(document) + [_properties(document)]


def _footnotes(document) -> list[TemplatePart]:
    """The footnotes, which docxtpl renders like the body."""
    return [TemplatePart(_("the footnotes"), [_paragraph_text(p) for p in
                                              parse_xml(part.blob).iter(qn("w:p"))])
            for part in document.part.package.iter_parts() if part.content_type == _FOOTNOTES]


def _properties(document) -> TemplatePart:
    """The document's properties (title, subject…), which docxtpl renders too: one
    "paragraph" each."""
    core = document.core_properties
    return TemplatePart(_("the document properties"),
                        [getattr(core, name) or "" for name in _PROPERTIES])


def _excerpt(text: str, limit: int = 80) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _where(part: TemplatePart, line: int) -> str:
    line = max(1, min(line, len(part.paragraphs)))
    return _("paragraph %(number)s of %(part)s (“%(text)s”)") % {
        "number": line, "part": part.name, "text": _excerpt(part.paragraphs[line - 1])}


def check_is_docx(content: bytes) -> None:
    """A ServiceError unless ``content`` is a Word document (checked by content, not name)."""
    if not content:
        raise TemplateProblem(_("The file is empty."), code="empty_file")
    if len(content) > MAX_TEMPLATE_SIZE:
        raise TemplateProblem(_("The file is %(size)s; the limit is %(limit)s.") % {
            "size": filesizeformat(len(content)), "limit": filesizeformat(MAX_TEMPLATE_SIZE)},
            code="file_too_large")
    check_office_archive(content)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile as error:
        raise TemplateProblem(
            _("This file is not a Word document (.docx). Save it from Word as “Word "
              "Document (.docx)” and upload that file."), code="not_docx") from error
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise TemplateProblem(
            _("This file is a zip archive but not a Word document (.docx): it has no "
              "word/document.xml."), code="not_docx")


def scan_template(content: bytes) -> TemplateScan:
    """Check a template's placeholders; a TemplateProblem naming the paragraph if one is wrong.

    Every part must be valid Jinja on its own, hold nothing a template may not contain, use
    only known placeholders, and the document must render with sample values.
    """
    check_is_docx(content)
    try:
        parts = document_parts(content)
    except Exception as error:  # python-docx raises many kinds of errors on a damaged file
        raise TemplateProblem(_("This Word document cannot be read: it may be damaged. Open "
                                "it in Word, save it again and upload the new file."),
                              code="damaged_docx") from error
    required, optional = set(), set()
    for part in parts:
        try:
            tree = _ENVIRONMENT.parse(part.source)
        except jinja2.TemplateSyntaxError as error:
            raise TemplateProblem(
                _("A placeholder is broken in %(where)s: %(message)s.") % {
                    "where": _where(part, error.lineno or 1),
                    "message": (error.message or "").rstrip(".")},
                code="template_syntax") from error
        _refuse_forbidden(part, tree)
        used = meta.find_undeclared_variables(tree)
        unknown = sorted(used - set(PLACEHOLDERS))
        if unknown:
            raise TemplateProblem(_unknown_message(part, unknown), code="unknown_placeholder")
        printed = _required_names(tree) & set(PLACEHOLDERS)
        required |= printed
        optional |= used - printed
    _try_render(content)
    return TemplateScan(required=sorted(required), optional=sorted(optional - required))


def _refuse_forbidden(part: TemplatePart, tree: nodes.Template, *, names=False) -> None:
    """Anything but placeholders, ``if`` and the allowed filters, named with its paragraph
    (unknown names are left to the "unknown placeholders" message unless ``names``)."""
    found = [item for item in forbidden(tree, PLACEHOLDERS) if names or not item.name]
    if found:
        raise TemplateProblem(
            _("A template may not contain %(what)s, found in %(where)s.") % {
                "what": found[0].what, "where": _where(part, found[0].lineno)}
            + " " + allowed_summary(), code="forbidden_in_template")


def _not_allowed(refused: TemplateNotAllowed) -> TemplateProblem:
    return TemplateProblem(
        _("This template contains %(what)s, which a template may not contain: upload a "
          "corrected version.") % {"what": refused.found.what} + " " + allowed_summary(),
        code="forbidden_in_template")


def _unknown_message(part: TemplatePart, unknown: list[str]) -> str:
    found = []
    for name in unknown:
        pattern = re.compile(r"[{%][^}%]*\b" + re.escape(name) + r"\b")
        line = next((number for number, text in enumerate(part.paragraphs, start=1)
                     if pattern.search(text)), 1)
        found.append(_("{{ %(name)s }} in %(where)s") % {"name": name,
                                                          "where": _where(part, line)})
    return _("Unknown placeholders: %(found)s. The placeholders a template may use are: "
             "%(known)s.") % {"found": "; ".join(found), "known": ", ".join(PLACEHOLDERS)}


def _names_in(node) -> list:
    return [node, *node.find_all(nodes.Name)] if isinstance(node, nodes.Name) else list(
        node.find_all(nodes.Name))


def _required_names(node, guarded: frozenset = frozenset()) -> set[str]:
    """Names printed outside any ``{% if %}`` that tests them."""
    if isinstance(node, nodes.If):
        tested = frozenset(n.name for n in _names_in(node.test))
        names = set()
        for child in node.body:
            names |= _required_names(child, guarded | tested)
        for branch in node.elif_:
            names |= _required_names(branch, guarded | tested)
        for child in node.else_:
            names |= _required_names(child, guarded)
        return names
    if isinstance(node, nodes.Output):
        names = set()
        for child in node.nodes:
            names |= {n.name for n in _names_in(child) if n.ctx == "load"} - guarded
        return names
    names = set()
    for child in node.iter_child_nodes():
        names |= _required_names(child, guarded)
    return names


def _try_render(content: bytes) -> None:
    try:
        render_docx(content, sample_values("en"))
    except TemplateProblem:
        raise
    except Exception as error:  # docxtpl and Jinja raise many kinds of errors
        # Not "%" formatting: the literal "{% if %}" of the message would read as "% i".
        raise TemplateProblem(
            _("The template could not be filled in: %(error)s. Check that each placeholder "
              "is typed in one go, {{ name }}, and that every {% if %} has its {% endif %}.")
            .replace("%(error)s", str(error)), code="template_render") from error


class _CompiledOnce(LetterSandbox):
    """The sandbox, checking each distinct source once against ``template_rules`` and
    compiling it once: docxtpl compiles the XML of every part (body, headers, footers,
    properties) again for each letter, which was a quarter of the time of a batch. The XML
    is the same for every letter of one template version."""

    LIMIT = 256

    def __init__(self, **options):
        super().__init__(**options)
        self._compiled = {}

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002
        compiled = self._compiled.get(source)
        if compiled is None or globals or template_class:
            # TemplateNotAllowed before anything of it is compiled, let alone run.
            require_allowed(self.parse(source), PLACEHOLDERS)
            compiled = super().from_string(source, globals, template_class)
            if not (globals or template_class):
                if len(self._compiled) >= self.LIMIT:
                    self._compiled.clear()
                self._compiled[source] = compiled
        return compiled


_RENDERING = _CompiledOnce(autoescape=True)
_SUBJECTS = _CompiledOnce(autoescape=False)  # noqa: S701 — plain text, never HTML


def render_docx(content: bytes, values: dict[str, str]) -> bytes:
    """The Word letter: ``content`` (a template) filled in with ``values``.

    A template that holds what a template may not contain (one stored before the rules, say)
    is refused here too, whatever the checks before: a TemplateProblem, nothing rendered.
    """
    template = DocxTemplate(io.BytesIO(content))
    context = dict.fromkeys(PLACEHOLDERS, "") | values
    context["postal_address"] = Listing(values.get("postal_address", ""))
    try:
        template.render(context, jinja_env=_RENDERING, autoescape=True)
    except TemplateNotAllowed as refused:
        raise _not_allowed(refused) from None
    output = io.BytesIO()
    template.save(output)
    return output.getvalue()


def render_subject(subject: str, values: dict[str, str]) -> str:
    try:
        template = _SUBJECTS.from_string(subject)
    except TemplateNotAllowed as refused:
        raise ServiceError(
            _("The subject “%(subject)s” contains %(what)s, which a subject may not contain: "
              "correct it on the template's page.") % {"subject": subject,
                                                       "what": refused.found.what},
            code="forbidden_in_template", field="subject") from None
    return template.render(dict.fromkeys(PLACEHOLDERS, "") | values).strip()


def check_subject(subject: str) -> None:
    """A ServiceError unless the subject's placeholders are well formed, known and hold
    nothing a template may not contain."""
    try:
        tree = _ENVIRONMENT.parse(subject)
    except jinja2.TemplateSyntaxError as error:
        raise ServiceError(_("A placeholder is broken in the subject “%(subject)s”: "
                             "%(message)s.") % {"subject": subject, "message": error.message},
                           code="template_syntax", field="subject") from error
    found = [item for item in forbidden(tree, PLACEHOLDERS) if not item.name]
    if found:
        raise ServiceError(
            _("The subject “%(subject)s” may not contain %(what)s.") % {
                "subject": subject, "what": found[0].what} + " " + allowed_summary(),
            code="forbidden_in_template", field="subject")
    unknown = sorted(meta.find_undeclared_variables(tree) - set(PLACEHOLDERS))
    if unknown:
        raise ServiceError(_("Unknown placeholders in the subject: %(names)s.") % {
            "names": ", ".join(unknown)}, code="unknown_placeholder", field="subject")


def subject_placeholders(subject: str) -> set[str]:
    return meta.find_undeclared_variables(_ENVIRONMENT.parse(subject)) & set(PLACEHOLDERS)


def docx_paragraphs(content: bytes) -> list[str]:
    """The text of a Word file, paragraph by paragraph (body, tables included), for previews."""
    document = docx.Document(io.BytesIO(content))
    return [_paragraph_text(p) for p in document.element.body.iter(qn("w:p"))]


# Stored versions that passed today's checks, by the SHA-256 of their content: a version
# uploaded before a rule existed is checked again before its first use by this process.
_CHECKED: set[str] = set()


def stored_template_problem(content: bytes) -> str:
    """Why a stored template may not be used now ("" if it may): its archive and everything
    it contains are checked again. A file that cannot be read at all is left to rendering,
    which fails on its own and says so."""
    digest = hashlib.sha256(content).hexdigest()
    if digest in _CHECKED:
        return ""
    try:
        check_office_archive(content)
        parts = document_parts(content)
    except ServiceError as error:
        return error.message
    except Exception:  # noqa: BLE001 — python-docx raises many kinds on a damaged file
        return ""
    for part in parts:
        try:
            tree = _ENVIRONMENT.parse(part.source)
            _refuse_forbidden(part, tree, names=True)
        except jinja2.TemplateSyntaxError:
            continue
        except TemplateProblem as error:
            return error.message
    if len(_CHECKED) >= _CompiledOnce.LIMIT:
        _CHECKED.clear()
    _CHECKED.add(digest)
    return ""
