"""Which scripts the data uses, and whether the fonts that draw them are installed.

The PDFs (lists of delegations, badges, results sheets) are set by Typst with the Noto
families (``typst/*.typ``). A name in a script whose font is missing prints as empty boxes;
this module finds such names so that ``tripartite check`` (tripartite.W009) and the pages that
make PDFs say so plainly, naming the Debian package to install.

The fonts are those Typst itself finds (the system's, and the folders of
``LIST_PDF_FONT_PATHS``), scanned once per process; ``font_installed`` is the one lookup
(tests replace it).
"""

import dataclasses
import functools
import re
from collections.abc import Iterable

import typst
from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

NOTO_CORE = "fonts-noto-core"
NOTO_CJK = "fonts-noto-cjk"


@dataclasses.dataclass(frozen=True)
class Script:
    key: str
    name: Promise  # in the reader's language
    pattern: re.Pattern
    family: str  # the Noto family the templates ask for
    package: str  # the Debian package that installs it


def _script(key, name, ranges, family, package) -> Script:
    return Script(key, name, re.compile(f"[{ranges}]"), family, package)


# Latin, Cyrillic and Greek are drawn by Noto Sans or, failing it, DejaVu Sans (always there).
SCRIPTS = (
    _script("cjk", _("Chinese, Japanese or Korean"),
            "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff",
            "Noto Sans CJK SC", NOTO_CJK),
    _script("arabic", pgettext_lazy("script", "Arabic"),
            "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff",
            "Noto Sans Arabic", NOTO_CORE),
    _script("hebrew", pgettext_lazy("script", "Hebrew"), "\u0590-\u05ff",
            "Noto Sans Hebrew", NOTO_CORE),
    _script("armenian", pgettext_lazy("script", "Armenian"), "\u0530-\u058f",
            "Noto Sans Armenian", NOTO_CORE),
    _script("georgian", pgettext_lazy("script", "Georgian"), "\u10a0-\u10ff",
            "Noto Sans Georgian", NOTO_CORE),
    _script("devanagari", pgettext_lazy("script", "Devanagari"), "\u0900-\u097f",
            "Noto Sans Devanagari", NOTO_CORE),
    _script("bengali", pgettext_lazy("script", "Bengali"), "\u0980-\u09ff",
            "Noto Sans Bengali", NOTO_CORE),
    _script("thai", pgettext_lazy("script", "Thai"), "\u0e00-\u0e7f",
            "Noto Sans Thai", NOTO_CORE),
    _script("ethiopic", pgettext_lazy("script", "Ethiopic"), "\u1200-\u139f\u2d80-\u2ddf",
            "Noto Sans Ethiopic", NOTO_CORE),
)


@functools.cache
def typst_fonts() -> typst.Fonts:
    """The fonts Typst sets PDFs with, scanned once per process (a good part of a second)."""
    return typst.Fonts(font_paths=[str(path) for path in
                                   getattr(settings, "LIST_PDF_FONT_PATHS", [])])


@functools.cache
def _families() -> frozenset[str]:
    return frozenset(typst_fonts().families())


def font_installed(family: str) -> bool:
    return family in _families()


def scripts_in(texts: Iterable[str]) -> list[Script]:
    """The scripts of SCRIPTS that appear in ``texts``, in SCRIPTS' order."""
    found: set[str] = set()
    for text in texts:
        if not text or text.isascii():
            continue
        for script in SCRIPTS:
            if script.key not in found and script.pattern.search(text):
                found.add(script.key)
    return [script for script in SCRIPTS if script.key in found]


def missing_fonts(texts: Iterable[str]) -> list[Script]:
    """The scripts used in ``texts`` whose font is not installed."""
    return [script for script in scripts_in(texts) if not font_installed(script.family)]


def packages(missing: list[Script]) -> list[str]:
    return sorted({script.package for script in missing})


def warning(missing: list[Script]) -> str:
    """What a page that makes PDFs says, in the reader's language ('' when nothing is
    missing)."""
    if not missing:
        return ""
    return gettext(
        "Some names are written in %(scripts)s script, whose fonts are not installed on the "
        "server: the PDF would show empty boxes in their place. Ask the administrator to "
        "install the Debian package %(packages)s.") % {
        "scripts": ", ".join(str(script.name) for script in missing),
        "packages": ", ".join(packages(missing))}


def data_texts() -> Iterable[str]:
    """The names the PDFs print: persons (and their Latin forms), organisations, States."""
    # By label: the models' apps sit above this floor.
    for label, fields in (("constituents.Person", ("name",)),
                          ("constituents.ConstituentOrganisation", ("name",)),
                          ("constituents.MemberState", ("name",))):
        model = apps.get_model(label)
        for row in model.objects.values_list(*fields).iterator():
            yield from row


def check_message(missing: list[Script]) -> tuple[str, str]:
    """The message and hint of tripartite.W009 (English, for the operator)."""
    with_english = ", ".join(_english(script) for script in missing)
    families = ", ".join(script.family for script in missing)
    return (f"Names in the data use {with_english} script, but their fonts are not installed "
            f"({families}): PDFs (lists of delegations, badges, results sheets) would print "
            "empty boxes in their place.",
            f"Install the Debian package {' '.join(packages(missing))} "
            f"(apt-get install {' '.join(packages(missing))}), or name the folder that holds "
            "the fonts in LIST_PDF_FONT_PATHS.")


def _english(script: Script) -> str:
    with translation.override("en"):
        return str(script.name)


def warn_missing(request, texts: Iterable[str]) -> None:
    """On a page that makes PDFs: a warning when ``texts`` use a script without its font."""
    text = warning(missing_fonts(texts))
    if text:
        messages.warning(request, text)
