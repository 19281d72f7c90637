from modeltranslation.translator import TranslationOptions, register

from tripartite.library.models import Document


@register(Document)
class DocumentTranslation(TranslationOptions):
    """The title in EN/FR/ES; an empty French or Spanish title reads as the English one."""

    fields = ("title",)
    required_languages = ("en",)
