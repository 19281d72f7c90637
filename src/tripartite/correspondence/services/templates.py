"""The register's settings, the letter templates (and their versions, and the starter set) and
the address book: what letters are made from."""

import datetime as dt
import hashlib
from typing import Any, BinaryIO

from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils.translation import gettext as _

from tripartite.accounts.models import User
from tripartite.common.services import ServiceError, create_logged, log_action, update_logged
from tripartite.correspondence import documents, references
from tripartite.correspondence.install import install_starter_templates
from tripartite.correspondence.models import (
    AddressBookEntry,
    LetterTemplate,
    RegisterSettings,
    TemplateVersion,
)
from tripartite.correspondence.services.base import read_upload, require_manager

# --- register settings -----------------------------------------------------------------------

@transaction.atomic
def register_settings_update(*, actor: User, reference_pattern: str) -> RegisterSettings:
    require_manager(actor)
    references.check_pattern(reference_pattern)
    row, _created = RegisterSettings.objects.get_or_create(pk=1)
    return update_logged(row, changes={"reference_pattern": reference_pattern},
                         fields=("reference_pattern",), actor=actor,
                         action="correspondence.register_settings.updated")


# --- templates -------------------------------------------------------------------------------

TEMPLATE_FIELDS = ("code", "kind", "name_en", "name_fr", "name_es", "subject_en", "subject_fr",
                   "subject_es", "active")


def _check_subjects(data: dict[str, Any]) -> None:
    for language in ("en", "fr", "es"):
        if data.get(f"subject_{language}"):
            try:
                documents.check_subject(data[f"subject_{language}"])
            except ServiceError as error:
                error.field = f"subject_{language}"
                raise


@transaction.atomic
def template_create(*, actor: User, data: dict[str, Any]) -> LetterTemplate:
    require_manager(actor)
    _check_subjects(data)
    template = LetterTemplate(**{key: data[key] for key in TEMPLATE_FIELDS if key in data})
    return create_logged(template, actor=actor, action="correspondence.template.created")


@transaction.atomic
def template_update(*, actor: User, template: LetterTemplate, changes: dict[str, Any],
                    seen_updated_at: dt.datetime | None = None) -> LetterTemplate:
    require_manager(actor)
    _check_subjects(changes)
    return update_logged(template, changes=changes, fields=TEMPLATE_FIELDS[1:], actor=actor,
                         action="correspondence.template.updated",
                         seen_updated_at=seen_updated_at)


@transaction.atomic
def template_version_upload(*, actor: User, template: LetterTemplate, language: str,
                            uploaded_file: File[bytes] | BinaryIO,
                            note: str = "") -> TemplateVersion:
    """A new version of ``template`` in ``language``, checked by content and placeholders."""
    require_manager(actor)
    if language not in ("en", "fr", "es"):
        raise ServiceError(_("Choose English, French or Spanish."), field="language")
    content = read_upload(uploaded_file)
    scan = documents.scan_template(content)
    # Lock the template: two uploads at once still get distinct version numbers.
    LetterTemplate.objects.select_for_update().get(pk=template.pk)
    last = (TemplateVersion.objects.filter(template=template, language=language)
            .order_by("-number").values_list("number", flat=True).first() or 0)
    version = TemplateVersion(
        template=template, language=language, number=last + 1,
        original_name=(getattr(uploaded_file, "name", "") or "template.docx")[-255:],
        sha256=hashlib.sha256(content).hexdigest(), size=len(content),
        placeholders=scan.as_json(), note=note, uploaded_by=actor)
    version.file.save("template.docx", ContentFile(content), save=False)
    version.save()
    log_action(actor=actor, action="correspondence.template.version_uploaded", obj=template,
               data={"language": language, "version": version.number,
                     "sha256": version.sha256, "placeholders": scan.as_json()})
    return version


def template_by_code(code: str) -> LetterTemplate:
    template = LetterTemplate.objects.filter(code=code).first()
    if template is None:
        raise ServiceError(_("The template “%(code)s” is not in the library: install the "
                             "starter templates first.") % {"code": code},
                           code="template_missing")
    return template


def starter_templates_install(*, actor: User) -> list[LetterTemplate]:
    """The starter set into the library (templates already there are kept as they are)."""
    require_manager(actor)
    return install_starter_templates(actor=actor)


# --- the address book ------------------------------------------------------------------------

ENTRY_FIELDS = ("kind", "member_state", "organisation", "name", "excellency", "courtesy_title",
                "other_title", "addressee", "addressee_gender", "addressee_title",
                "form_of_address", "language", "postal_address", "email", "active")


@transaction.atomic
def address_book_entry_create(*, actor: User, data: dict[str, Any]) -> AddressBookEntry:
    require_manager(actor)
    entry = AddressBookEntry(**{key: data[key] for key in ENTRY_FIELDS if key in data})
    return create_logged(entry, actor=actor, action="correspondence.address_book.created")


@transaction.atomic
def address_book_entry_update(*, actor: User, entry: AddressBookEntry,
                              changes: dict[str, Any],
                              seen_updated_at: dt.datetime | None = None
                              ) -> AddressBookEntry:
    require_manager(actor)
    return update_logged(entry, changes=changes, fields=ENTRY_FIELDS, actor=actor,
                         action="correspondence.address_book.updated",
                         seen_updated_at=seen_updated_at)
