"""Every form field is rendered by the one field template (common/_field.html, through
common/_form_fields.html or common/_form_body.html): label above, help text, errors, the same
everywhere. This walks the templates and fails on a Django form field rendered by hand: a
literal ``<input>``/``<select>``/``<textarea>`` named like a visible field of one of the
product's forms, a bound field printed with ``{{ form.field }}``, ``label_tag``, or Django's
own layouts (``as_div``, ``as_p``...). Hidden fields (a form's ``seen_updated_at``, its
``action``) may be printed alone: they have no label to place."""

import importlib
import pkgutil
import re
from pathlib import Path

from django import forms
from django.contrib.auth import forms as auth_forms

import tripartite

TEMPLATES = Path(tripartite.__file__).parent / "templates"
SHARED = {"common/_field.html"}

# (template, what is found): why it stays by hand. Keep it short.
ALLOWED = {
    ("accounts/profile.html", "name"): "the API token's name: a plain form of the profile page, "
                                       "no Django form behind it",
    ("constituents/person_list.html", "q"): "a search box (GET), no Django form behind it",
    ("correspondence/address_book.html", "q"): "a search box (GET), no Django form behind it",
    ("correspondence/address_book.html", "kind"): "a filter (GET), no Django form behind it",
    ("meetings/calendar_month.html", "type"): "a filter (GET), no Django form behind it",
    ("meetings/calendar_list.html", "type"): "a filter (GET), no Django form behind it",
    ("proposals/pipeline.html", "unit"): "a filter (GET), no Django form behind it",
    ("proposals/pipeline.html", "proposals"): "one checkbox per row of the table: the "
                                              "proposals the batch form sends",
    ("votes/_ballot_panel.html", "choice"): "the ballot's choices, one row per voter, in the "
                                            "ballot's own accessible layout (docs/votes.md)",
    ("proposals/information_documents.html", "agenda_item"): "one GET form per session of "
        "the Governing Body (symbol, agenda item, original language), no Django form behind it",
    ("proposals/information_documents.html", "symbol"): "the same GET forms' symbol box",
    ("library/index.html", "q"): "the library's search box (GET), wider than the filters "
                                 "beside it, its help under the form",
    ("membership/_moment.html", "at"): "the moment a page shows (GET), no Django form",
    ("membership/committee_detail.html", "at"): "the moment of each row's change, in the table",
    ("membership/gb_session.html", "at"): "the moment of each row's change, in the table",
    ("membership/gb_session.html", "term_until"): "each row's end of term, in the table",
}

FIELD_TAG = re.compile(r"<(input|select|textarea)\b([^>]*)>", re.S)
NAME = re.compile(r"""\bname=["']([a-z_0-9]+)["']""")
HIDDEN = re.compile(r"""\btype=["'](hidden|submit|button)["']""")
DJANGO_LAYOUT = re.compile(r"\.(as_div|as_p|as_table|as_ul)\b|label_tag")
BOUND_FIELD = re.compile(r"\{\{\s*([a-z_.]*form)\.([a-z_0-9]+)\s*(\|[^}]*)?\}\}")
FIELD_ATTRIBUTES = {"errors", "label", "id_for_label", "help_text", "value", "name",
                    "non_field_errors", "auto_id", "html_name", "initial", "is_hidden",
                    "field", "widget_type"}


def _product_forms() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(tripartite.__path__, "tripartite."):
        if module.name.rsplit(".", 1)[-1] in {"forms", "portal_forms", "review_forms"} or (
                module.name.endswith("_forms")):
            importlib.import_module(module.name)
    # Django's own forms on the product's pages: logging in, the password's pages.
    found = [auth_forms.AuthenticationForm, auth_forms.PasswordResetForm,
             auth_forms.SetPasswordForm, auth_forms.PasswordChangeForm]
    todo: list[type[forms.BaseForm]] = [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("tripartite."):
                found.append(sub)
    return found


def _visible_field_names() -> set[str]:
    names = set()
    for form_class in _product_forms():
        for name, field in getattr(form_class, "base_fields", {}).items():
            if not field.widget.is_hidden:
                names.add(name)
    return names


def hand_rendered(text: str, visible: set[str]) -> list[str]:
    """What ``text`` (a template) renders by hand: field names, or the Django layout used."""
    found = []
    for match in FIELD_TAG.finditer(text):
        attributes = match.group(2)
        name = NAME.search(attributes)
        if name and name.group(1) in visible and not HIDDEN.search(attributes):
            found.append(name.group(1))
    found += [match.group(0) for match in DJANGO_LAYOUT.finditer(text)]
    for match in BOUND_FIELD.finditer(text):
        if match.group(2) in visible and match.group(2) not in FIELD_ATTRIBUTES:
            found.append(match.group(2))
    return found


def test_the_walk_sees_the_product_forms():
    visible = _visible_field_names()
    assert {"question", "summary", "opinion", "reference", "q", "username"} <= visible
    assert "seen_updated_at" not in visible  # hidden everywhere


def test_the_walk_catches_each_way_of_rendering_a_field_by_hand():
    visible = {"question", "opinion"}
    assert hand_rendered('<textarea name="question"></textarea>', visible) == ["question"]
    assert hand_rendered("{{ query_form.question }}", visible) == ["question"]
    assert hand_rendered("{{ form.as_div }}", visible) == [".as_div"]
    assert hand_rendered("{{ field.label_tag }}{{ field }}", visible) == ["label_tag"]
    assert hand_rendered('<input type="hidden" name="question" value="1">', visible) == []
    assert hand_rendered("{{ opinion_form.opinion.errors }}", visible) == []


def test_no_form_field_is_rendered_by_hand():
    visible = _visible_field_names()
    problems, used = [], set()
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if name in SHARED:
            continue
        for what in hand_rendered(path.read_text(), visible):
            if (name, what) in ALLOWED:
                used.add((name, what))
            else:
                problems.append(f"{name}: {what}")
    assert problems == [], "Render these through common/_form_fields.html:\n" + "\n".join(
        problems)
    assert set(ALLOWED) == used, f"Allowed but no longer found: {set(ALLOWED) - used}"
