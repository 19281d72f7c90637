"""Template names and subjects in EN/FR/ES, by the project's one mechanism (modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from tripartite.correspondence.models import LetterTemplate


@register(LetterTemplate)
class LetterTemplateTranslation(TranslationOptions):
    fields = ("name", "subject")
    required_languages = ("en", "fr", "es")
