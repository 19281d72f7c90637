"""The columns of the delegation template, shared by the template and its reading."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

MAX_ROWS = 500
LANGUAGES = ("en", "fr", "es")
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español"}


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # lazy: rendered in the language active when it is read
    help: str
    width: int


COLUMNS = (
    Column("group", gettext_lazy("Group"), gettext_lazy(
        "government, employers or workers (choose from the list)."), 14),
    Column("role", gettext_lazy("Role"), gettext_lazy(
        "delegate, substitute_delegate, adviser, adviser_substitute_delegate, "
        "territory_adviser (an additional adviser for a non-metropolitan territory), minister, "
        "accompanying_minister, state_representative (a representative of a State or province "
        "of a federal State), observer or other (choose from the list)."), 26),
    Column("title", gettext_lazy("Title"), gettext_lazy("Mr, Ms, Dr, H.E. … (optional)."), 8),
    Column("name", gettext_lazy("Name"), gettext_lazy(
        "As the person writes it, in any script (required)."), 28),
    Column("name_latin", gettext_lazy("Name in Latin script"), gettext_lazy(
        "Used for sorting; leave it empty when the name is already in Latin script."), 28),
    Column("gender", gettext_lazy("Gender"), gettext_lazy(
        "f (female), m (male) or x (other / not stated)."), 9),
    Column("function", gettext_lazy("Function"), gettext_lazy(
        "The person's post, e.g. Minister of Labour (optional)."), 30),
    Column("email", gettext_lazy("E-mail"), gettext_lazy("Optional."), 28),
    Column("organisation", gettext_lazy("Organization"), gettext_lazy(
        "For the Employers' and Workers' members: the organization in agreement with which "
        "they were chosen (Constitution art. 3(5)), by its name or acronym as listed on this "
        "sheet. For Government members: their ministry, if listed (optional)."), 30),
    Column("adviser_to", gettext_lazy("Adviser to (row number of the delegate)"), gettext_lazy(
        "For an adviser or a substitute delegate: the number of the row, on the first sheet, "
        "of the delegate accompanied (or the name of a delegate already nominated)."), 16),
    Column("agenda_items", gettext_lazy("Agenda items"), gettext_lazy(
        "For an adviser: the numbers of the agenda items followed, as published, separated by "
        "commas, e.g. \"IV, V\"."), 16),
    Column("represents", gettext_lazy("Territory, State or province represented"),
           gettext_lazy(
               "Only for a territory_adviser (the non-metropolitan territory represented or "
               "advised on, Constitution art. 3(3)) and a state_representative (the State or "
               "province of the federal State); empty for the other roles."), 24),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
REQUIRED_COLUMNS = ("group", "role", "name", "gender")


def column_label(key: str) -> str:
    """The column's header in the active language; empty for no column."""
    return str(COLUMN_BY_KEY[key].label) if key in COLUMN_BY_KEY else ""
