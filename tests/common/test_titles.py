"""A person's title is shown in the reader's or the document's language (common/titles.py)."""

import pytest

from tripartite.common.titles import title_in


@pytest.mark.parametrize(("title", "gender", "fr", "es"), [
    ("H.E. Ms", "f", "S.E. Mme", "Excma. Sra."),
    ("H.E. Mr", "m", "S.E. M.", "Excmo. Sr."),
    ("Mr", "m", "M.", "Sr."),
    ("Ms", "f", "Mme", "Sra."),
    ("Mr.", "m", "M.", "Sr."),
    ("Dr", "f", "Dr", "Dra."),
    ("Dr", "m", "Dr", "Dr."),
    ("H.E. Dr", "f", "S.E. Dr", "Excma. Dra."),
    ("H.E.", "m", "S.E.", "Excmo. Sr."),
    ("Mx", "x", "Mx", ""),
    ("H.E. Mx", "x", "S.E. Mx", "S.E."),
    ("Sheikh", "m", "Sheikh", "Sheikh"),
    ("", "f", "", ""),
])
def test_a_known_title_is_written_as_french_and_spanish_write_it(title, gender, fr, es):
    assert title_in(title, "fr", gender) == fr
    assert title_in(title, "es", gender) == es


@pytest.mark.parametrize(("typed", "english"), [
    ("Mme", "Ms"), ("M.", "Mr"), ("Sra.", "Ms"), ("Excmo. Sr.", "H.E. Mr"),
    ("S.E. Mme", "H.E. Ms"), ("S. E. M.", "H.E. Mr"), ("Dra.", "Dr"), ("Ms", "Ms"),
])
def test_a_title_typed_in_french_or_spanish_is_read_in_english(typed, english):
    assert title_in(typed, "en", "x") == english


def test_a_title_in_another_language_is_left_as_typed():
    assert title_in("Ms", "ar", "f") == "Ms"
