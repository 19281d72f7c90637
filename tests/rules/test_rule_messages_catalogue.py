"""The rules' messages: written once in English in the code, translated in one catalogue.

Every ``text("…")`` of ``tripartite.rules`` must have its French and Spanish in
``rules/locale/<language>/LC_MESSAGES/rules.po``, with the same placeholders, and no French or
Spanish may be written in the code any more. No database and no Django: the catalogue is read
by the rules' own reader, checked against polib.
"""

import ast
import re
from pathlib import Path

import polib
import pytest

from tripartite.rules import catalogue, citations
from tripartite.rules.catalogue import CatalogueError, read_po, text, translate

RULES_DIR = Path(catalogue.__file__).resolve().parent
MODULES = sorted(RULES_DIR.glob("*.py"))
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# Letters English does not use, and the no-break space French puts before ":" and ";".
FRENCH_OR_SPANISH = re.compile("[àâäçéèêëîïôöùûüÿœæñáíóúÀÂÇÉÈÊÎÔÛÑÁÍÓÚ¿¡\u00a0]")


def text_calls():
    """(module, line, msgid, keyword names) of every text() and text_n() call in the rules;
    a plural message's msgid is its singular and plural joined by NUL, as in the catalogue,
    and its count is the placeholder ``count``."""
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(node, "func", None) and getattr(node.func, "id", None)
            if isinstance(node, ast.Call) and name == "text":
                first = node.args[0] if node.args else None
                msgid = first.value if isinstance(first, ast.Constant) else None
                yield path.name, node.lineno, msgid, {k.arg for k in node.keywords}
            elif isinstance(node, ast.Call) and name == "text_n":
                forms = [arg.value for arg in node.args[:2] if isinstance(arg, ast.Constant)]
                msgid = catalogue.PLURAL_SEPARATOR.join(forms) if len(forms) == 2 else None
                yield (path.name, node.lineno, msgid,
                       {k.arg for k in node.keywords} | {"count"})


CALLS = list(text_calls())
# The messages, and the citations' vocabulary that ``citations.cite`` translates.
MSGIDS = {msgid for _, _, msgid, _ in CALLS} | citations.WHOLE | set(citations.PHRASES)


def placeholders(message):
    return sorted(PLACEHOLDER.findall(message))


def test_the_rules_have_messages_to_translate():
    assert len(MSGIDS) > 100


def test_every_message_id_is_one_literal_string_with_its_parameters():
    # A message id built at run time could not be found in the catalogue; a parameter missing
    # from the call would fail only when the rule fires.
    wrong = [(module, line) for module, line, msgid, names in CALLS
             if msgid is None or set(placeholders(msgid)) != names]
    assert wrong == []


@pytest.mark.parametrize("language", catalogue.TRANSLATED)
def test_every_message_is_translated(language):
    missing = sorted(MSGIDS - catalogue.catalogue(language).keys())
    assert missing == [], "add to {}:\n\n{}".format(
        catalogue.po_path(language),
        "\n".join(f'msgid "{msgid}"\nmsgstr ""\n' for msgid in missing))


@pytest.mark.parametrize("language", catalogue.TRANSLATED)
def test_no_translation_is_left_over(language):
    assert sorted(catalogue.catalogue(language).keys() - MSGIDS) == []


@pytest.mark.parametrize("language", catalogue.TRANSLATED)
def test_placeholders_are_the_same_in_every_language(language):
    translations = catalogue.catalogue(language)
    differ = [msgid for msgid in MSGIDS
              if placeholders(translations[msgid]) != placeholders(msgid)]
    assert differ == []


def test_every_message_fills_in_every_language():
    # A stray "%" in a translation (30 % instead of 30 %%) breaks formatting at run time.
    for _, _, msgid, names in CALLS:
        if catalogue.PLURAL_SEPARATOR in msgid:
            singular, plural = msgid.split(catalogue.PLURAL_SEPARATOR)
            for count in (0, 1, 2):
                forms = catalogue.text_n(singular, plural, count,
                                         **dict.fromkeys(names - {"count"}, "X"))
                assert all(str(count) in form for form in forms.values()), msgid
            continue
        message = text(msgid, **dict.fromkeys(names, "X"))
        assert sorted(message) == ["en", "es", "fr"]
        assert all(message.values()), msgid
        if not names:  # not formatted: what is written is what is shown
            assert not any("%(" in m or "%%" in m for m in message.values()), msgid


@pytest.mark.parametrize("language", catalogue.TRANSLATED)
def test_the_catalogue_reads_as_polib_reads_it(language):
    po = polib.pofile(str(catalogue.po_path(language)))
    assert catalogue.catalogue(language) == {
        (entry.msgid + catalogue.PLURAL_SEPARATOR + entry.msgid_plural if entry.msgid_plural
         else entry.msgid):
        (catalogue.PLURAL_SEPARATOR.join(entry.msgstr_plural[i]
                                          for i in sorted(entry.msgstr_plural))
         if entry.msgid_plural else entry.msgstr)
        for entry in po.translated_entries()}
    # Translators' tools check the placeholders of the entries flagged python-format.
    assert [entry.msgid for entry in po if ("python-format" in entry.flags)
            != bool(placeholders(entry.msgid))] == []


def test_no_french_or_spanish_is_written_in_the_rules_code():
    inline = []
    for path in MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and FRENCH_OR_SPANISH.search(node.value):
                inline.append((path.name, node.lineno, node.value[:40]))
            if isinstance(node, ast.Dict) and any(
                    isinstance(key, ast.Constant) and key.value in ("fr", "es")
                    and not isinstance(value, ast.Call)  # LANGUAGE_NAMES: {"fr": text("French")}
                    for key, value in zip(node.keys, node.values, strict=True)):
                inline.append((path.name, node.lineno, "a message by language"))
            if isinstance(node, ast.FunctionDef) and node.name == "_text":
                inline.append((path.name, node.lineno, "_text"))
    assert inline == []


def test_a_phrase_is_filled_in_in_the_language_of_the_message():
    group = text("Workers' delegate")
    message = text("Incomplete delegation: no %(missing)s is nominated, so the %(lone)s may "
                   "sit and speak but may not vote.",
                   missing=group, lone=text("Employers' delegate"))
    assert message["fr"] == ("Délégation incomplète\u00a0: aucun délégué des travailleurs n'est "
                             "désigné\u00a0; le délégué des employeurs peut siéger et prendre la "
                             "parole, mais non voter.")


def test_a_message_missing_from_the_catalogue_is_shown_in_english():
    assert translate("fr", "Not a message of the rules") == "Not a message of the rules"


# --- the reader -------------------------------------------------------------------------------

PO = '''# a comment
msgid ""
msgstr ""
"Language: fr\\n"

#, python-format
msgid ""
"Two %(n)s "
"lines"
msgstr "Deux %(n)s\\n\\"lignes\\""

#, fuzzy
msgid "Unsure"
msgstr "Incertain"

msgid "Untranslated"
msgstr ""

#~ msgid "Obsolete"
#~ msgstr "Obsolète"
'''


def test_the_reader_keeps_translated_entries_only():
    assert read_po(PO) == {"Two %(n)s lines": 'Deux %(n)s\n"lignes"'}


@pytest.mark.parametrize(("source", "error"), [
    ('msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n', "<po>:3: not understood"),
    ('msgid "a"\nmsgid_plural "as"\n\nmsgid "b"\nmsgstr "c"\n', "<po>:3: msgid_plural without"),
    ('msgid "a"\nmsgctxt "x"\n', "<po>:2: not understood"),
    ('msgid "a"\n\nmsgid "b"\nmsgstr "c"\n', "<po>:2: msgid without msgstr: 'a'"),
    ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', "<po>:end: msgid given twice: 'a'"),
    ('msgid "a\nmsgstr "b"\n', "<po>:1: expected a quoted string"),
])
def test_the_reader_refuses_what_it_does_not_understand_naming_the_line(source, error):
    with pytest.raises(CatalogueError) as refused:
        read_po(source)
    assert str(refused.value).startswith(error)


def test_a_count_takes_each_languages_plural_form():
    """French takes the singular for 0 and 1; English and Spanish for 1 only."""
    from tripartite.rules.voting import quorum_met

    one = quorum_met(yes=1, no=0, quorum=1).findings[0].message
    assert one["en"].startswith("Quorum: 1 vote cast (1 for + 0 against) reaches the quorum")
    assert one["fr"].startswith("Quorum\u00a0: 1 suffrage exprimé (1 pour + 0 contre) atteint")
    assert one["es"].startswith("Quórum: 1 voto emitido (1 a favor + 0 en contra) alcanza")
    none = quorum_met(yes=0, no=0, quorum=1).findings[0].message
    assert none["en"].startswith("Quorum not reached: 0 votes cast")
    assert none["fr"].startswith("Quorum non atteint\u00a0: 0 suffrage exprimé")
    assert none["es"].startswith("Quórum no alcanzado: 0 votos emitidos")
    two = quorum_met(yes=1, no=1, quorum=2).findings[0].message
    assert two["fr"].startswith("Quorum\u00a0: 2 suffrages exprimés (1 pour + 1 contre) atteignent")
