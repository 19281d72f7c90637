from modeltranslation.translator import TranslationOptions, register

from tripartite.sittings.models import ItemRecord


@register(ItemRecord)
class ItemRecordTranslation(TranslationOptions):
    """The text of a decision in English, French and Spanish, like the agenda item's title."""

    fields = ("decision_text",)
    required_languages = {"default": ()}
