"""Multilingual content: one column per official language, through django-modeltranslation.

Chosen once for the whole project: ``name`` reads in the active language and falls back
to English, then French, then Spanish; ``name_en``, ``name_fr``, ``name_es`` are real
columns, so lists sort and search in SQL.
"""

from modeltranslation.translator import TranslationOptions, register

from tripartite.constituents.models import MemberState


@register(MemberState)
class MemberStateTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("en", "fr", "es")
