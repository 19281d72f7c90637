"""The address book's titles, typed until now before the name ("H.E. Ms Amina Wanjiru"), into
the list they are now chosen from, so that each letter writes them in its own language.

A name that begins with a title the product knows (``common.titles``: English, French or
Spanish, with or without full stops) loses it to ``excellency``, ``courtesy_title`` and, where
the title says it, ``addressee_gender``: "H.E. Ms Amina Wanjiru" becomes His/Her Excellency,
Ms, female, "Amina Wanjiru", which a French letter writes "S.E. Mme Amina Wanjiru". A name
that begins with any other title is kept as typed.

A form of address that is one of the salutations the product writes itself ("Excellency",
"Excellence", "Excelentísimo Señor", "Sir or Madam", "Madame"…) is emptied, so that the
letter's own language gives it (an English "Excellency" on a French entry reads "Excellence");
what it said (an excellency, a gender) is kept on the entry when its title did not say it. Any
other form of address ("Monsieur l'Ambassadeur") is kept: it replaces the salutation.
Reversing puts the title back before the name.
"""

from django.db import migrations

from tripartite.common import titles


def _salutations() -> dict[str, tuple[bool, str]]:
    """Each salutation the product writes (lower case) -> (excellency, gender or "")."""
    known: dict[str, tuple[bool, str]] = {}
    for kind, languages in titles.SALUTATIONS.items():
        for forms in languages.values():
            for text, gender in zip(forms, ("m", "f", ""), strict=True):
                said = known.setdefault(text.casefold(), (kind == "excellency", gender))
                if said[1] != gender:  # "Excellency" says no gender
                    known[text.casefold()] = (said[0], "")
    for text in ("dear sir or madam", "sir/madam", "madam/sir"):
        known[text] = (False, "")
    return known


def _gender(title: str, code: str, feminine: bool) -> str:
    if stated := titles.stated_gender(code):
        return stated
    if feminine:
        return "f"
    return "m" if title.casefold().startswith(("excmo", "his ")) else ""


def into_the_list(apps, schema_editor):
    Entry = apps.get_model("correspondence", "AddressBookEntry")
    salutations = _salutations()
    changed = []
    for entry in Entry.objects.all():
        title, name = titles.split(entry.addressee)
        parsed = titles.parse(title) if title else None
        if parsed is not None:
            excellency, code, feminine = parsed
            entry.addressee_gender = _gender(title, code, feminine)
            # "Mrs", "Miss", "Mlle": the list has "Ms" for every woman, as the United
            # Nations write it ("Mme", "Sra." in French and Spanish all the same).
            code = "ms" if code in ("mrs", "miss") else code
            entry.excellency, entry.courtesy_title, entry.addressee = excellency, code, name
        said = salutations.get(" ".join(entry.form_of_address.split()).casefold())
        if said is not None:
            excellency, gender = said
            if parsed is None:
                entry.excellency = excellency
            if not entry.addressee_gender and gender:
                entry.addressee_gender = gender
            entry.form_of_address = ""
        if parsed is not None or said is not None:
            changed.append(entry)
    Entry.objects.bulk_update(changed, ["excellency", "courtesy_title", "addressee",
                                        "addressee_gender", "form_of_address"], batch_size=500)


def back_before_the_name(apps, schema_editor):
    Entry = apps.get_model("correspondence", "AddressBookEntry")
    changed = []
    for entry in Entry.objects.exclude(courtesy_title="", excellency=False):
        if entry.courtesy_title == "other":
            title = " ".join(part for part in ("H.E." if entry.excellency else "",
                                               entry.other_title) if part)
        else:
            title = titles.written(entry.courtesy_title, "en", excellency=entry.excellency,
                                   gender=entry.addressee_gender)
        if title and entry.addressee:
            entry.addressee = f"{title} {entry.addressee}"
            changed.append(entry)
    Entry.objects.bulk_update(changed, ["addressee"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("correspondence", "0003_address_book_titles_from_a_list"),
    ]

    operations = [
        migrations.RunPython(into_the_list, back_before_the_name),
    ]
