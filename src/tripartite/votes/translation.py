from modeltranslation.translator import TranslationOptions, register

from tripartite.votes.models import Vote


@register(Vote)
class VoteTranslation(TranslationOptions):
    fields = ("subject",)
    required_languages = ("en",)
