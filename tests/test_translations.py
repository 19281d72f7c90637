"""The French and Spanish catalogues: complete, well-formed, in step with the templates.

No database is needed: the .po files are read with polib, and compiled to a temporary .mo
that is read back with the standard library's gettext.
"""

import gettext
import re
from pathlib import Path

import polib
import pytest

import tripartite

PACKAGE_DIR = Path(tripartite.__file__).resolve().parent
LOCALE_DIR = PACKAGE_DIR / "locale"
TEMPLATES_DIRS = sorted(PACKAGE_DIR.glob("**/templates"))
LANGUAGES = ["fr", "es"]
PLURAL_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "es": "nplurals=2; plural=(n != 1);",
}

# %(name)s, %s, %d, %i, %f (and their flags/width), but not the escaped %%.
PERCENT_PLACEHOLDER = re.compile(
    r"(?<!%)(?:%%)*(%(?:\([A-Za-z_]\w*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr])")
BRACE_PLACEHOLDER = re.compile(r"(?<!\{)\{[A-Za-z_]\w*\}(?!\})")

# {% translate "…" %}, {% trans '…' %} (optionally with context "…"), and _("…") in filters.
TRANSLATE_TAG = re.compile(
    r"""\{%-?\s*(?:translate|trans)\s+(?P<q>["'])(?P<msgid>.*?)(?P=q)"""
    r"""(?:\s+context\s+(?P<cq>["'])(?P<ctx>.*?)(?P=cq))?[^%]*%\}""",
    re.DOTALL,
)
UNDERSCORE_CALL = re.compile(r"""(?<![\w.])_\(\s*(?P<q>["'])(?P<msgid>.*?)(?P=q)\s*\)""")


def po_path(lang):
    return LOCALE_DIR / lang / "LC_MESSAGES" / "django.po"


@pytest.fixture(scope="module", params=LANGUAGES)
def catalogue(request):
    lang = request.param
    path = po_path(lang)
    assert path.exists(), f"{path} is missing: run `make messages` and translate it."
    return lang, polib.pofile(str(path))


def placeholders(text, python_format=True):
    """The placeholders of a text; %-ones only where gettext marked the entry python-format
    (elsewhere "30 % de" is plain text, not a conversion)."""
    found = BRACE_PLACEHOLDER.findall(text)
    if python_format:
        found += PERCENT_PLACEHOLDER.findall(text)
    return sorted(found)


def translations_of(entry):
    if entry.msgid_plural:
        return [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def label(entry):
    return f"{entry.msgctxt + ' | ' if entry.msgctxt else ''}{entry.msgid!r}"


def test_headers(catalogue):
    lang, po = catalogue
    assert po.metadata.get("Language") == lang
    assert "charset=UTF-8" in po.metadata.get("Content-Type", "")
    assert po.metadata.get("Plural-Forms") == PLURAL_FORMS[lang]
    assert not po.metadata_is_fuzzy, "the header is marked fuzzy"


def test_every_entry_is_translated(catalogue):
    _lang, po = catalogue
    active = [e for e in po if not e.obsolete]
    assert active, "the catalogue is empty"
    untranslated = [label(e) for e in active if not all(t.strip() for t in translations_of(e))]
    assert not untranslated, f"{len(untranslated)} untranslated: {untranslated[:20]}"


def test_no_fuzzy_entries(catalogue):
    _lang, po = catalogue
    fuzzy = [label(e) for e in po if "fuzzy" in e.flags and not e.obsolete]
    assert not fuzzy, f"fuzzy entries are ignored at run time; check and unflag: {fuzzy[:20]}"


def test_plural_entries_fill_every_form(catalogue):
    _lang, po = catalogue
    for entry in po:
        if entry.msgid_plural and not entry.obsolete:
            assert sorted(entry.msgstr_plural) == [0, 1], label(entry)


def test_placeholders_are_kept(catalogue):
    """Each translation carries exactly the placeholders of its source, no more, no fewer."""
    _lang, po = catalogue
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        python_format = "python-format" in entry.flags or any(
            re.search(r"%\(\w+\)", source) for source in sources)
        expected = set()
        for source in sources:
            expected.update(placeholders(source, python_format))
        for translation in translations_of(entry):
            found = set(placeholders(translation, python_format))
            if found != expected:
                problems.append(f"{label(entry)} -> {translation!r}: "
                                f"missing {sorted(expected - found)}, "
                                f"extra {sorted(found - expected)}")
    assert not problems, "\n".join(problems)


def test_python_format_entries_format(catalogue):
    """A stray % in a translation breaks `msgstr % values` at run time."""
    _lang, po = catalogue
    for entry in po:
        if entry.obsolete or "python-format" not in entry.flags:
            continue
        names = set(re.findall(r"%\((\w+)\)", entry.msgid + (entry.msgid_plural or "")))
        for translation in translations_of(entry):
            if names:
                translation % dict.fromkeys(names, 1)
            else:
                translation % tuple(1 for _ in PERCENT_PLACEHOLDER.findall(entry.msgid))


def test_french_and_spanish_have_the_same_entries():
    keys = {}
    for lang in LANGUAGES:
        po = polib.pofile(str(po_path(lang)))
        keys[lang] = {(e.msgctxt, e.msgid, e.msgid_plural) for e in po if not e.obsolete}
    assert keys["fr"] == keys["es"], "run `make messages` so that both catalogues are regenerated"


def test_compiles(catalogue, tmp_path):
    lang, po = catalogue
    mo = tmp_path / f"{lang}.mo"
    po.save_as_mofile(str(mo))
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    assert compiled.info().get("language") == lang
    entry = next(e for e in po if e.msgstr and not e.msgid_plural)
    assert compiled.gettext(entry.msgid) == entry.msgstr


# Terms a browser test and the users look for (see shared/domain/glossary.md).
KEY_TERMS = [
    ("Member States", "États Membres", "Estados Miembros"),
    ("Welcome, %(name)s", "Bienvenue, %(name)s", "Bienvenido/a, %(name)s"),
    ("Africa", "Afrique", "África"),
    ("Americas", "Amériques", "Américas"),
    ("Arab States", "États arabes", "Estados Árabes"),
    ("Asia and the Pacific", "Asie et Pacifique", "Asia y el Pacífico"),
    ("Europe and Central Asia", "Europe et Asie centrale", "Europa y Asia Central"),
    ("A session must close after it opens.",
     "Une session doit se terminer après son ouverture.",
     "Una reunión debe terminar después de su apertura."),
    ("English", "Anglais", "Inglés"),
    ("French", "Français", "Francés"),
    ("Spanish", "Espagnol", "Español"),
    ("Governing Body", "Conseil d'administration", "Consejo de Administración"),
    ("Credentials Committee", "Commission de vérification des pouvoirs",
     "Comisión de Verificación de Poderes"),
]


@pytest.mark.parametrize(("msgid", "fr", "es"), KEY_TERMS, ids=[t[0] for t in KEY_TERMS])
def test_key_terms(msgid, fr, es, tmp_path):
    for lang, expected in (("fr", fr), ("es", es)):
        mo = tmp_path / f"{lang}.mo"
        polib.pofile(str(po_path(lang))).save_as_mofile(str(mo))
        with mo.open("rb") as handle:
            assert gettext.GNUTranslations(handle).gettext(msgid) == expected, lang


# Spellings the glossary rules out.
FORBIDDEN = {
    "fr": [r"\bÉtats? membres?\b", r"\bEtats?\b", r"\bconseillers? (?!technique)"],
    "es": [r"\bEstados? miembros?\b", r"\bperíodo de sesiones\b", r"\bconsejeros? (?!técnico)"],
}


def test_glossary_spellings(catalogue):
    lang, po = catalogue
    problems = []
    for entry in po:
        for translation in translations_of(entry):
            for pattern in FORBIDDEN[lang]:
                if re.search(pattern, translation):
                    problems.append(f"{label(entry)} -> {translation!r} matches {pattern}")
    assert not problems, "\n".join(problems)


def template_msgids():
    """(context, msgid) of every literal {% translate %} and _("…") in the templates."""
    found = set()
    for directory in TEMPLATES_DIRS:
        for path in directory.rglob("*"):
            if not path.is_file() or path.suffix not in {".html", ".txt", ".xml", ".ics"}:
                continue
            text = path.read_text(encoding="utf-8")
            for match in TRANSLATE_TAG.finditer(text):
                found.add((match.group("ctx"), match.group("msgid"), path.name))
            for match in UNDERSCORE_CALL.finditer(text):
                found.add((None, match.group("msgid"), path.name))
    return found


def test_template_strings_are_in_the_catalogue():
    po = polib.pofile(str(po_path("fr")))
    known = {(e.msgctxt, e.msgid) for e in po if not e.obsolete}
    strings = template_msgids()
    assert strings, "no {% translate %} found: has the template folder moved?"
    missing = sorted(
        f"{name}: {msgid!r}" for ctx, msgid, name in strings
        if msgid and (ctx, msgid) not in known and (ctx, msgid.replace("%", "%%")) not in known
    )
    assert not missing, "run `make messages` and translate:\n" + "\n".join(missing)


# --- plurals ------------------------------------------------------------------------------
# A message that puts a count before a noun ("%(cast)s votes cast", "{{ n }} letters") needs
# gettext's plural forms (ngettext, {% blocktranslate count %}): "1 votes cast" in English,
# "1 suffrages exprimés" in French otherwise. Bounds ("at most %(count)d characters") are
# always plural and are left alone.
COUNTED = re.compile(
    r"(?:%\((?P<p>\w+)\)[sd]|\{\{ *(?P<t>\w+) *\}\})(?:</strong>)?"
    r"(?: of (?:%\(\w+\)[sd]|\{\{ *\w+ *\}\}) (?:sent|submitted|done|letters)\b"
    r"|(?: [\w'-]+){0,2}? (?:votes|letters|files|persons|voters|Missions|missions|abstentions|"
    r"badges|registrations|participants|observers|ratifications|delegations|women|replied|"
    r"left|sent|done|submitted)\b)")
BOUND = re.compile(r"(?:at most|at least|more than|up to|fewer than|than the|of the)\s*$")
NOT_COUNTS = {"actor", "name", "state", "kind", "object", "person", "member", "organisation",
              "reference", "recipient", "number", "entitled", "total"}
GETTEXT_CALLS = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy", "text"}  # text: rules
BLOCK = re.compile(r"\{%-?\s*blocktrans(?:late)?(?P<head>[^%]*)%\}(?P<body>.*?)"
                   r"\{%-?\s*endblocktrans(?:late)?\s*-?%\}", re.DOTALL)


def counted_without_plural(message: str) -> list[str]:
    found = []
    for match in COUNTED.finditer(message):
        count = match.group("p") or match.group("t")
        if count in NOT_COUNTS or BOUND.search(message[:match.start()]):
            continue
        found.append(match.group(0))
    return found


def singular_messages():
    """(where, message) of every message translated without plural forms: gettext calls in
    the Python code, {% blocktranslate %} without ``count`` in the templates."""
    import ast

    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(node, "func", None)
            name = getattr(name, "id", None) or getattr(name, "attr", None)
            if isinstance(node, ast.Call) and name in GETTEXT_CALLS:
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        yield f"{path.relative_to(PACKAGE_DIR)}:{node.lineno}", arg.value
    for folder in TEMPLATES_DIRS:
        for path in sorted(folder.rglob("*.html")):
            source = path.read_text(encoding="utf-8")
            for match in BLOCK.finditer(source):
                if re.search(r"\bcount\b", match.group("head")):
                    continue
                line = source[:match.start()].count("\n") + 1
                yield f"{path.relative_to(PACKAGE_DIR)}:{line}", match.group("body")


def test_the_plural_detector_finds_counts_and_leaves_bounds_alone():
    assert counted_without_plural("Quorum: %(quorum)s votes cast (base: %(total)s voters).") \
        == ["%(quorum)s votes"]
    assert counted_without_plural("{{ sent }} of {{ total }} sent") == [
        "{{ sent }} of {{ total }} sent"]
    assert counted_without_plural("At most %(count)d characters.") == []
    assert counted_without_plural("%(actor)s sent the letters of %(object)s.") == []


def test_messages_with_a_count_use_plural_forms():
    found = [f"{where}: {hits}" for where, message in singular_messages()
             if (hits := counted_without_plural(message))]
    assert found == [], "use ngettext or {% blocktranslate count %}:\n" + "\n".join(found)


@pytest.mark.parametrize(("language", "one", "two"), [
    ("en", "1 vote cast (3 voters entitled to vote now)",
     "2 votes cast (3 voters entitled to vote now)"),
    ("fr", "1 suffrage exprimé (3 votants ayant actuellement le droit de vote)",
     "2 suffrages exprimés (3 votants ayant actuellement le droit de vote)"),
    ("es", "1 voto emitido (3 votantes con derecho a voto en este momento)",
     "2 votos emitidos (3 votantes con derecho a voto en este momento)"),
])
def test_a_count_takes_the_languages_plural_form(language, one, two):
    from django.utils import translation
    from django.utils.translation import ngettext

    with translation.override(language):
        said = [ngettext("%(quorum)s vote cast (%(total)s voters entitled to vote now)",
                         "%(quorum)s votes cast (%(total)s voters entitled to vote now)",
                         n) % {"quorum": n, "total": 3} for n in (1, 2)]
    assert said == [one, two]
