"""Text set outside a request is translated lazily.

Module-level and class-level code runs once, at import, in whatever language is active then
(English): a heading given there with the non-lazy ``gettext`` stays English for everyone.
The password pages had exactly this bug. The scan below reads every module of the package
and refuses a call of ``gettext``, ``ngettext`` or ``pgettext`` (under any name they were
imported as) that runs at import time: at module level, in a class body, in a decorator, or
in a default argument value.
"""

import ast
from pathlib import Path

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

import tripartite
from tests.factories import UserFactory

PACKAGE = Path(tripartite.__file__).parent
EAGER = {"gettext", "ngettext", "pgettext", "npgettext"}


def eager_names(tree: ast.Module) -> set[str]:
    """The names under which a module imported Django's non-lazy translation functions."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            names |= {alias.asname or alias.name for alias in node.names if alias.name in EAGER}
    return names


class ImportTimeCalls(ast.NodeVisitor):
    """Calls of ``names`` in code that runs when the module is imported."""

    def __init__(self, names: set[str]):
        self.names = names
        self.found: list[int] = []

    def visit_Call(self, node: ast.Call):
        if isinstance(node.func, ast.Name) and node.func.id in self.names:
            self.found.append(node.lineno)
        self.generic_visit(node)

    def _visit_signature(self, node):
        # Decorators, defaults and annotations run at import; the body runs when called.
        for part in [*getattr(node, "decorator_list", []), *node.args.defaults,
                     *(d for d in node.args.kw_defaults if d is not None)]:
            self.visit(part)

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _visit_signature


def import_time_gettext_calls() -> list[str]:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        names = eager_names(tree)
        if not names:
            continue
        scan = ImportTimeCalls(names)
        scan.visit(tree)
        offenders += [f"{path.relative_to(PACKAGE.parent)}:{line}" for line in scan.found]
    return offenders


def test_no_text_is_translated_at_import_time():
    assert import_time_gettext_calls() == []


def test_the_scan_finds_a_heading_translated_at_import_time():
    tree = ast.parse(
        "from django.utils.translation import gettext as _\n"
        "TITLE = _('Module')\n"
        "class Page:\n"
        "    extra_context = {'heading': _('Class')}\n"
        "    def get(self, label=_('Default')):\n"
        "        return _('In a request')\n")
    scan = ImportTimeCalls(eager_names(tree))
    scan.visit(tree)
    assert scan.found == [2, 4, 5]


PASSWORD_PAGES = {
    # page: (English, French, Spanish) heading
    "password_change": ("Change password", "Changer de mot de passe", "Cambiar la contraseña"),
    "password_reset": ("Reset your password", "Réinitialiser votre mot de passe",
                       "Restablecer su contraseña"),
    "password_reset_done": ("Check your e-mail", "Consultez votre messagerie",
                            "Revise su correo electrónico"),
    "password_reset_confirm": ("Choose a new password", "Choisissez un nouveau mot de passe",
                               "Elija una nueva contraseña"),
    "password_reset_complete": ("Password changed", "Mot de passe modifié",
                                "Contraseña cambiada"),
}


def password_page(client, page, user) -> str:
    if page != "password_reset_confirm":
        return client.get(reverse(f"accounts:{page}")).content.decode()
    link = reverse(f"accounts:{page}", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user)})
    # The link moves its token into the session and sends the browser on to the form.
    return client.get(link, follow=True).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("page", PASSWORD_PAGES)
def test_the_password_pages_speak_the_users_language(page):
    user = UserFactory()
    for language, heading in zip(["en", "fr", "es", "en"], [*PASSWORD_PAGES[page],
                                                              PASSWORD_PAGES[page][0]],
                                 strict=True):
        client = Client(HTTP_ACCEPT_LANGUAGE=language)
        client.force_login(user)
        assert f"<h1>{heading}</h1>" in password_page(client, page, user), language
