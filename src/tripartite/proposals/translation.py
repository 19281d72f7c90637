from modeltranslation.translator import TranslationOptions, register

from tripartite.proposals.models import MeetingProposal


@register(MeetingProposal)
class MeetingProposalTranslation(TranslationOptions):
    """Meeting content in EN/FR/ES; the information document falls back to English."""

    fields = ("title", "purpose", "standards_relevance")
    required_languages = ()
