"""The migration that moves the address book's typed titles into the list (0004)."""

import pytest

from tests.migrations import migrate_to, schema_back_to_the_latest  # noqa: F401

BEFORE = [("correspondence", "0003_address_book_titles_from_a_list")]
AFTER = [("correspondence", "0004_address_book_titles_into_the_list")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("schema_back_to_the_latest")
def test_typed_titles_are_moved_into_the_list_and_known_salutations_follow_the_title():
    old = migrate_to(BEFORE)
    Entry = old.get_model("correspondence", "AddressBookEntry")
    france = old.get_model("constituents", "MemberState").objects.get(iso2="FR")
    typed = {  # addressee, form of address, language
        "english title on a French entry": ("H.E. Ms Amina Wanjiru", "Excellency", "fr"),
        "Spanish title": ("Excmo. Sr. Juan Pérez", "Excelentísimo Señor", "es"),
        "doctor": ("Dra. Ana Ruiz", "Señora", "es"),
        "Mrs": ("Mrs Jane Smith", "Madam", "en"),
        "by function": ("S.E. M. Jean Exemple", "Monsieur l'Ambassadeur", "fr"),
        "unknown title": ("Sheikh Ahmed Al-Thani", "Excellency", "en"),
        "a name like a title": ("He Wei", "Sir or Madam", "en"),
        "no one": ("", "Dear Sir or Madam", "en"),
    }
    made = {key: Entry.objects.create(kind="permanent_mission", member_state=france,
                                      name=key, addressee=addressee, form_of_address=form,
                                      language=language).pk
            for key, (addressee, form, language) in typed.items()}

    new = migrate_to(AFTER).get_model("correspondence", "AddressBookEntry")

    fields = ("excellency", "courtesy_title", "addressee", "addressee_gender", "form_of_address")
    assert {key: tuple(getattr(new.objects.get(pk=pk), name) for name in fields)
            for key, pk in made.items()} == {
        "english title on a French entry": (True, "ms", "Amina Wanjiru", "f", ""),
        "Spanish title": (True, "mr", "Juan Pérez", "m", ""),
        "doctor": (False, "dr", "Ana Ruiz", "f", ""),
        "Mrs": (False, "ms", "Jane Smith", "f", ""),
        "by function": (True, "mr", "Jean Exemple", "m", "Monsieur l'Ambassadeur"),
        "unknown title": (True, "", "Sheikh Ahmed Al-Thani", "", ""),
        "a name like a title": (False, "", "He Wei", "", ""),
        "no one": (False, "", "", "", ""),
    }

    back = migrate_to(BEFORE).get_model("correspondence", "AddressBookEntry")
    assert back.objects.get(pk=made["english title on a French entry"]).addressee == (
        "H.E. Ms Amina Wanjiru")
    assert back.objects.get(pk=made["doctor"]).addressee == "Dr Ana Ruiz"
