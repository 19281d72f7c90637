"""The ILO document symbol parser on real shapes (domain notes DOC-1, DOC-2), valid and not."""

import pytest
from django.utils import translation

from tripartite.library.symbols import SymbolError, looks_like_symbol, parse_symbol

# symbol typed -> (canonical, organ, session, section, number, revision, addendum,
#                  corrigendum, decision, base)
VALID = {
    "GB.356/INS/3(Rev.1)": ("GB.356/INS/3(Rev.1)", "GB", "356", "INS", "3", 1, 0, 0, False,
                            "GB.356/INS/3"),
    "GB.355/PFA/1": ("GB.355/PFA/1", "GB", "355", "PFA", "1", 0, 0, 0, False, "GB.355/PFA/1"),
    "GB.356/INS/3/Add.1": ("GB.356/INS/3/Add.1", "GB", "356", "INS", "3", 0, 1, 0, False,
                           "GB.356/INS/3"),
    "GB.356/INS/3/Corr.2": ("GB.356/INS/3/Corr.2", "GB", "356", "INS", "3", 0, 0, 2, False,
                            "GB.356/INS/3"),
    "GB.340/PFA/8(Corr.)": ("GB.340/PFA/8(Corr.)", "GB", "340", "PFA", "8", 0, 0, 1, False,
                            "GB.340/PFA/8"),
    "GB.326/INS/12(Add.)": ("GB.326/INS/12(Add.)", "GB", "326", "INS", "12", 0, 1, 0, False,
                            "GB.326/INS/12"),
    "GB.337/INS/12/1(Rev.1)": ("GB.337/INS/12/1(Rev.1)", "GB", "337", "INS", "12/1", 1, 0, 0,
                               False, "GB.337/INS/12/1"),
    "GB.341/PFA/1(Rev.)": ("GB.341/PFA/1(Rev.)", "GB", "341", "PFA", "1", 1, 0, 0, False,
                           "GB.341/PFA/1"),
    "GB.343/PFA/3/Decision": ("GB.343/PFA/3/Decision", "GB", "343", "PFA", "3", 0, 0, 0, True,
                              "GB.343/PFA/3"),
    "GB.349/INS/INF/1": ("GB.349/INS/INF/1", "GB", "349", "INS/INF", "1", 0, 0, 0, False,
                         "GB.349/INS/INF/1"),
    "GB.313/LILS/INF/1": ("GB.313/LILS/INF/1", "GB", "313", "LILS/INF", "1", 0, 0, 0, False,
                          "GB.313/LILS/INF/1"),
    "GB.334/LILS/PV": ("GB.334/LILS/PV", "GB", "334", "LILS/PV", "", 0, 0, 0, False,
                       "GB.334/LILS/PV"),
    "GB.356/PV": ("GB.356/PV", "GB", "356", "PV", "", 0, 0, 0, False, "GB.356/PV"),
    "GB.267/9/1": ("GB.267/9/1", "GB", "267", "", "9/1", 0, 0, 0, False, "GB.267/9/1"),
    "GB.274/PFA/9/2": ("GB.274/PFA/9/2", "GB", "274", "PFA", "9/2", 0, 0, 0, False,
                       "GB.274/PFA/9/2"),
    "GB.338/INS/2/2": ("GB.338/INS/2/2", "GB", "338", "INS", "2/2", 0, 0, 0, False,
                       "GB.338/INS/2/2"),
    "GB.350bis/HL/1": ("GB.350bis/HL/1", "GB", "350bis", "HL", "1", 0, 0, 0, False,
                       "GB.350bis/HL/1"),
    "GB.356/INS/3(Rev.2)(Add.1)": ("GB.356/INS/3(Rev.2)(Add.1)", "GB", "356", "INS", "3", 2,
                                   1, 0, False, "GB.356/INS/3"),
    "ILC.114/Record No. 5A": ("ILC.114/Record No. 5A", "ILC", "114", "Record", "5A", 0, 0, 0,
                              False, "ILC.114/Record No. 5A"),
    "ILC.111/Record No. 2A(Rev.1)": ("ILC.111/Record No. 2A(Rev.1)", "ILC", "111", "Record",
                                     "2A", 1, 0, 0, False, "ILC.111/Record No. 2A"),
    "ILC.112/Record No.3B": ("ILC.112/Record No. 3B", "ILC", "112", "Record", "3B", 0, 0, 0,
                             False, "ILC.112/Record No. 3B"),
    "ILC.113/Report IV(1)": ("ILC.113/Report IV(1)", "ILC", "113", "Report", "IV(1)", 0, 0, 0,
                             False, "ILC.113/Report IV(1)"),
    "ILC.111/Report I(A)": ("ILC.111/Report I(A)", "ILC", "111", "Report", "I(A)", 0, 0, 0,
                            False, "ILC.111/Report I(A)"),
    "ILC.112/Report III(B)": ("ILC.112/Report III(B)", "ILC", "112", "Report", "III(B)", 0, 0,
                              0, False, "ILC.112/Report III(B)"),
    "ILC.110/Report II": ("ILC.110/Report II", "ILC", "110", "Report", "II", 0, 0, 0, False,
                          "ILC.110/Report II"),
    "ILC.112/D.1": ("ILC.112/D.1", "ILC", "112", "D", "1", 0, 0, 0, False, "ILC.112/D.1"),
    "APRM.16/D.5": ("APRM.16/D.5", "APRM", "16", "D", "5", 0, 0, 0, False, "APRM.16/D.5"),
    # Typed loosely: capitals and spaces are put right.
    "gb.356/ins/3(rev.1)": ("GB.356/INS/3(Rev.1)", "GB", "356", "INS", "3", 1, 0, 0, False,
                            "GB.356/INS/3"),
    "  ILC.114/Record   No. 5a ": ("ILC.114/Record No. 5A", "ILC", "114", "Record", "5A", 0,
                                   0, 0, False, "ILC.114/Record No. 5A"),
}

# symbol -> the part named as wrong
INVALID = {
    "": "symbol",
    "GB356/INS/3": "organ",
    "G8.356/INS/3": "organ",
    "International.356/INS/3": "organ",
    "GB.35a/INS/3": "session",
    "GB.0/INS/3": "session",
    "GB.1234/INS/3": "session",
    "GB.356": "section",
    "GB.356/": "section",
    "GB.356/INS": "number",
    "GB.356/INS/INF": "number",
    "GB.356/INS/3(Rev1)": "revision",
    "GB.356/INS/3(Rev.1)(Rev.2)": "revision",
    "GB.356/INS/3(Rev.0)": "revision",
    "GB.356/INS/3/Add.1/Add.2": "addendum",
    "GB.356/INS/3(Corr.1)/Corr.2": "corrigendum",
    "GB.356/INS/3/PFA": "section",
    "GB.356//3": "symbol",
    "GB.356/INS/3a": "number",
    "GB.356/INS/1000": "number",
    "ILC.114/Record No. X": "record",
    "ILC.114/Record": "record",
    "ILC.113/Report IIII(1)": "report",
    "ILC.113/Report 4": "report",
    "ILC.112/D.": "number",
}


@pytest.mark.parametrize("typed", list(VALID))
def test_a_valid_symbol_gives_its_parts(typed):
    (text, organ, session, section, number, revision, addendum, corrigendum, decision,
     base) = VALID[typed]

    symbol = parse_symbol(typed)

    assert (symbol.text, symbol.organ, symbol.session, symbol.section, symbol.number,
            symbol.revision, symbol.addendum, symbol.corrigendum, symbol.decision,
            symbol.base) == (text, organ, session, section, number, revision, addendum,
                             corrigendum, decision, base)
    assert parse_symbol(symbol.text) == symbol  # the canonical spelling reads the same


@pytest.mark.parametrize("typed", list(INVALID))
def test_an_invalid_symbol_is_refused_naming_the_wrong_part(typed):
    with pytest.raises(SymbolError) as refused:
        parse_symbol(typed)

    assert refused.value.part == INVALID[typed]
    assert refused.value.field == "symbol"
    assert refused.value.code == "invalid_symbol"


def test_the_table_has_at_least_thirty_shapes():
    assert len(VALID) + len(INVALID) >= 30


def test_the_refusal_quotes_the_part_at_fault():
    with pytest.raises(SymbolError) as refused:
        parse_symbol("GB.35a/INS/3")
    assert refused.value.message == "“35a” is not a session: write its number, like 356."

    with pytest.raises(SymbolError) as refused:
        parse_symbol("GB.356/INS/3(Rev1)")
    assert refused.value.message.startswith("“(Rev1)” is not understood")


@pytest.mark.parametrize(("language", "expected"), [
    ("fr", "« 35a » n'est pas une session : écrivez son numéro, par exemple 356."),
    ("es", "«35a» no es una reunión: escriba su número, por ejemplo 356."),
])
def test_the_refusal_is_in_the_users_language(language, expected):
    with translation.override(language), pytest.raises(SymbolError) as refused:
        parse_symbol("GB.35a/INS/3")
    assert refused.value.message == expected


def test_a_query_is_read_as_a_symbol_only_when_it_is_one():
    assert looks_like_symbol("GB.356/INS/3").base == "GB.356/INS/3"
    assert looks_like_symbol('"gb.356/ins/3(rev.1)"').text == "GB.356/INS/3(Rev.1)"
    assert looks_like_symbol("working time") is None
    assert looks_like_symbol("GB.356/INS") is None  # not whole: searched as words
