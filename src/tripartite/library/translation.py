from modeltranslation.translator import TranslationOptions, register

from tripartite.library.models import Decision, Document


@register(Document)
class DocumentTranslation(TranslationOptions):
    """The title in EN/FR/ES; an empty French or Spanish title reads as the English one."""

    fields = ("title",)
    required_languages = ("en",)


@register(Decision)
class DecisionTranslation(TranslationOptions):
    """The text of a decision in EN/FR/ES, like the Chair's console records it."""

    fields = ("text",)
    required_languages = ("en",)
