from modeltranslation.translator import TranslationOptions, register

from tripartite.meetings.models import AgendaItem, Committee, Meeting, Session


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("en",)


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("en",)


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("en",)


@register(Committee)
class CommitteeTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("en",)
