"""Putting the starter templates into the library (first version of each, in three languages).

Called by the demo, by ``tripartite correspondence_starter`` (no acting user: the command is
run by an operator) and, through ``starter_templates_install``, by the secretariat's button.
Templates already in the library (by code) are left as they are.
"""

import hashlib
from functools import cache

from django.core.files.base import ContentFile
from django.db import transaction

from tripartite.common.services import log_action
from tripartite.correspondence import documents, starter
from tripartite.correspondence.models import LetterTemplate, TemplateVersion


@cache
def _starter_file(code: str, language: str) -> tuple[bytes, documents.TemplateScan]:
    """A starter template's bytes and their scan. The files ship with the package and do not
    change while it runs: scanning them (a trial render of each) once per process spares a
    second on every install after the first."""
    content = (starter.DATA_DIR / starter.file_name(code, language)).read_bytes()
    return content, documents.scan_template(content)


@transaction.atomic
def install_starter_templates(*, actor, log: bool = True) -> list[LetterTemplate]:
    """The starter templates not yet in the library; ``log=False`` for the demo's bulk load."""
    existing = set(LetterTemplate.objects.values_list("code", flat=True))
    created = []
    for spec in starter.STARTERS:
        if spec.code in existing:
            continue
        template = LetterTemplate.objects.create(
            code=spec.code, kind=spec.kind,
            **{f"name_{language}": spec.names[language] for language in ("en", "fr", "es")},
            **{f"subject_{language}": spec.subjects[language]
               for language in ("en", "fr", "es")})
        for language in ("en", "fr", "es"):
            content, scan = _starter_file(spec.code, language)
            version = TemplateVersion(
                template=template, language=language, number=1,
                original_name=starter.file_name(spec.code, language),
                sha256=hashlib.sha256(content).hexdigest(), size=len(content),
                placeholders=scan.as_json(), note="Starter template", uploaded_by=actor)
            version.file.save("template.docx", ContentFile(content), save=False)
            version.save()
        if log:
            log_action(actor=actor, action="correspondence.template.starter_installed",
                       obj=template, data={"code": spec.code})
        created.append(template)
    return created
