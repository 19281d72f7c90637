"""A person's title is shown in the reader's or the document's language (common/titles.py)."""

import pytest

from tripartite.common.titles import salutation, split, title_in, written


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


@pytest.mark.parametrize(("code", "excellency", "gender", "en", "fr", "es"), [
    ("ms", True, "", "H.E. Ms", "S.E. Mme", "Excma. Sra."),
    ("mr", True, "", "H.E. Mr", "S.E. M.", "Excmo. Sr."),
    ("dr", False, "f", "Dr", "Dr", "Dra."),
    ("", True, "f", "H.E.", "S.E.", "Excma. Sra."),
    ("prof", False, "m", "Prof.", "Pr", "Prof."),
    ("", False, "", "", "", ""),
])
def test_a_title_chosen_from_the_list_is_written_in_each_language(code, excellency, gender,
                                                                    en, fr, es):
    assert [written(code, language, excellency=excellency, gender=gender)
            for language in ("en", "fr", "es")] == [en, fr, es]


@pytest.mark.parametrize(("code", "excellency", "gender", "en", "fr", "es"), [
    ("ms", True, "", "Excellency", "Excellence", "Excelentísima Señora"),
    ("mr", True, "", "Excellency", "Excellence", "Excelentísimo Señor"),
    ("", True, "x", "Excellency", "Excellence", "Excelencia"),
    ("dr", False, "f", "Madam", "Madame", "Señora"),
    ("mr", False, "f", "Sir", "Monsieur", "Señor"),  # the title states the gender
    ("", False, "", "Sir or Madam", "Madame, Monsieur", "Señora, Señor"),
])
def test_the_salutation_follows_the_title_in_the_letters_language(code, excellency, gender,
                                                                    en, fr, es):
    assert [salutation(code, language, excellency=excellency, gender=gender)
            for language in ("en", "fr", "es")] == [en, fr, es]


@pytest.mark.parametrize(("text", "title", "name"), [
    ("H.E. Ms Amina Wanjiru", "H.E. Ms", "Amina Wanjiru"),
    ("S.E. M. Jean Exemple", "S.E. M.", "Jean Exemple"),
    ("Excma. Sra. Ana Ruiz", "Excma. Sra.", "Ana Ruiz"),
    ("Dr Ada Example", "Dr", "Ada Example"),
    ("H.E. Kofi", "H.E.", "Kofi"),
    ("He Wei", "", "He Wei"),
    ("Sheikh Ahmed", "", "Sheikh Ahmed"),
    ("Ms", "", "Ms"),
    ("", "", ""),
])
def test_a_name_typed_with_its_title_is_split(text, title, name):
    assert split(text) == (title, name)
