from modeltranslation.translator import TranslationOptions, register

from tripartite.meetings.models import AgendaItem, Committee, Meeting, Session


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("en",)


@register(Session)
class SessionTranslation(TranslationOptions):
    """Title, venue and city in EN/FR/ES: "Geneva", "Genève", "Ginebra"; an empty French or
    Spanish venue or city reads as the English one."""

    fields = ("title", "venue", "city")
    required_languages = {"en": ("title",), "default": ()}


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("en",)


@register(Committee)
class CommitteeTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("en",)
