"""The fixed set of placeholders a letter template may use, and their values for a letter.

Staff write them in Word as ``{{ recipient_name }}``. A template that uses any other name is
refused at upload. Values are plain text in the letter's language; dates are written out in
full (``1er juin 2026``, ``1 de junio de 2026``).
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from tripartite.common import l10n

# name -> what it holds (shown to staff on the templates page and in docs/correspondence.md).
PLACEHOLDERS = {
    "reference": _("The letter's reference in the outgoing register (RELOFF/2026/0042)."),
    "letter_date": _("The date of the letter, written out in the letter's language."),
    "subject": _("The subject of the letter (the template's subject, filled in)."),
    "recipient_name": _("The recipient as addressed: “Permanent Mission of Kenya to the "
                        "United Nations Office … in Geneva”."),
    "addressee": _("The person addressed, their title written in the letter's language: "
                   "“H.E. Ms Amina Wanjiru”, “S.E. Mme …”, “Excma. Sra. …”."),
    "addressee_title": _("Their function: “Ambassador and Permanent Representative”."),
    "form_of_address": _("The salutation, from the title in the letter's language unless "
                         "one is typed: Excellency; Excellence; Excelentísima Señora; Sir or "
                         "Madam."),
    "postal_address": _("The postal address, on several lines."),
    "member_state": _("The recipient's member State, in the letter's language."),
    "organisation": _("The recipient's constituent organization (ministry, employers' or "
                      "workers' organization)."),
    "meeting": _("The meeting the letter is about: “International Labour Conference”."),
    "session": _("The session: “114th Session of the International Labour Conference”."),
    "session_opens": _("The session's opening day."),
    "session_closes": _("The session's closing day."),
    "session_dates": _("The session's days, as the language writes a span: “1–12 June 2026”, "
                       "“du 1er au 12 juin 2026”, “del 1 al 12 de junio de 2026”."),
    "session_place": _("Where the session meets: venue and city."),
    "credentials_deadline": _("The session's credentials deadline (21 days before the "
                              "opening unless the session sets one)."),
    "deadline": _("The date by which a reply is expected."),
    "signatory": _("Who signs the letter."),
    "signatory_title": _("The signatory's title."),
    "original_reference": _("For a reminder or an acknowledgement: the reference of the "
                            "letter it follows."),
    "original_date": _("For a reminder or an acknowledgement: the date of that letter."),
    "original_subject": _("For a reminder or an acknowledgement: the subject of that letter."),
}

# Placeholders whose value comes from the batch (the same for every letter), not from the
# recipient: missing ones are named once, for the whole batch.
BATCH_PLACEHOLDERS = ("meeting", "session", "session_opens", "session_closes", "session_dates",
                      "session_place",
                      "credentials_deadline", "deadline", "signatory", "signatory_title")
# Filled for every letter: never missing.
ALWAYS_FILLED = ("reference", "letter_date", "subject")

def long_date(day: dt.date | None, language: str) -> str:
    """``26 November 2026``, ``1er juin 2026``, ``26 de noviembre de 2026``."""
    return "" if day is None else l10n.long_date(day, language)


def label(name: str) -> str:
    return str(PLACEHOLDERS.get(name, name))


@dataclass(frozen=True)
class BatchFacts:
    """What every letter of a batch shares, read once."""

    session: object = None
    credentials_deadline: dt.date | None = None
    reply_deadline: dt.date | None = None
    signatory: str = ""
    signatory_title: str = ""
    letter_date: dt.date | None = None


def translated(instance, field: str, language: str) -> str:
    """``instance.<field>`` in ``language`` (modeltranslation's columns), English as fallback."""
    if instance is None:
        return ""
    return (getattr(instance, f"{field}_{language}", "") or getattr(instance, f"{field}_en", "")
            or getattr(instance, field, "") or "")


def _batch_block(language: str, *, meeting: str = "", session: str = "",
                 opens: dt.date | None = None, closes: dt.date | None = None, place: str = "",
                 credentials_deadline: dt.date | None = None,
                 reply_deadline: dt.date | None = None, signatory: str = "",
                 signatory_title: str = "") -> dict[str, str]:
    """The values every letter of a batch shares (BATCH_PLACEHOLDERS), dates written out in
    ``language``: a real batch's and the samples' alike."""
    return {
        "meeting": meeting,
        "session": session,
        "session_opens": long_date(opens, language),
        "session_closes": long_date(closes, language),
        "session_dates": l10n.date_range(opens, closes, language) if opens and closes else "",
        "session_place": place,
        "credentials_deadline": long_date(credentials_deadline, language),
        "deadline": long_date(reply_deadline, language),
        "signatory": signatory,
        "signatory_title": signatory_title,
    }


def batch_values(facts: BatchFacts, language: str) -> dict[str, str]:
    session = facts.session
    common = {"credentials_deadline": facts.credentials_deadline,
              "reply_deadline": facts.reply_deadline, "signatory": facts.signatory,
              "signatory_title": facts.signatory_title}
    if session is None:
        return _batch_block(language, **common)
    return _batch_block(
        language, meeting=translated(session.meeting, "title", language),
        session=translated(session, "title", language),
        opens=session.local_opens_at.date(), closes=session.local_closes_at.date(),
        place=", ".join(part for part in (translated(session, "venue", language),
                                          translated(session, "city", language)) if part), **common)


def recipient_values(entry, language: str) -> dict[str, str]:
    """The recipient's values; ``entry`` has ``member_state`` and ``organisation`` joined."""
    return {
        "recipient_name": entry.name,
        "addressee": entry.addressed_in(language),
        "addressee_title": entry.addressee_title,
        "form_of_address": entry.salutation_in(language),
        "postal_address": entry.postal_address.strip(),
        "member_state": translated(entry.member_state, "name", language),
        "organisation": entry.organisation.name if entry.organisation_id else "",
    }


def _original_block(language: str, reference: str = "", day: dt.date | None = None,
                    subject: str = "") -> dict[str, str]:
    """The letter a reminder or an acknowledgement follows: a real one's or the samples'."""
    return {"original_reference": reference, "original_date": long_date(day, language),
            "original_subject": subject}


def original_values(letter, language: str) -> dict[str, str]:
    if letter is None:
        return _original_block(language)
    return _original_block(language, letter.reference, letter.letter_date, letter.subject)


SAMPLES = {
    "en": {"recipient_name": "Permanent Mission of Kenya",
           "addressee_title": "Ambassador and Permanent Representative",
           "addressee": "H.E. Ms Amina Wanjiru",
           "form_of_address": "Excellency", "postal_address": "Avenue de la Paix 1\n1202 Geneva",
           "member_state": "Kenya", "organisation": "Ministry of Labour",
           "meeting": "International Labour Conference", "session": "114th Session",
           "session_place": "Palais des Nations, Geneva", "signatory_title": "Director"},
    "fr": {"recipient_name": "Mission permanente du Kenya",
           "addressee_title": "Ambassadrice, Représentante permanente",
           "addressee": "S.E. Mme Amina Wanjiru",
           "form_of_address": "Excellence", "postal_address": "Avenue de la Paix 1\n1202 Genève",
           "member_state": "Kenya", "organisation": "Ministère du Travail",
           "meeting": "Conférence internationale du Travail", "session": "114e session",
           "session_place": "Palais des Nations, Genève", "signatory_title": "Directeur"},
    "es": {"recipient_name": "Misión Permanente de Kenya",
           "addressee_title": "Embajadora, Representante Permanente",
           "addressee": "Excma. Sra. Amina Wanjiru", "form_of_address": "Excelentísima Señora",
           "postal_address": "Avenue de la Paix 1\n1202 Ginebra",
           "member_state": "Kenya", "organisation": "Ministerio de Trabajo",
           "meeting": "Conferencia Internacional del Trabajo", "session": "114.ª reunión",
           "session_place": "Palais des Nations, Ginebra", "signatory_title": "Director"},
}


def sample_values(language: str) -> dict[str, str]:
    """Example values, to try a template at upload and to show staff what each one looks like,
    in the template's language."""
    sample = SAMPLES.get(language, SAMPLES["en"])
    with translation.override(language):
        return {
            **sample,
            "reference": "RELOFF/2026/0042",
            "letter_date": long_date(dt.date(2026, 3, 2), language),
            "subject": "…",
            **_batch_block(language, meeting=sample["meeting"], session=sample["session"],
                           opens=dt.date(2026, 6, 1), closes=dt.date(2026, 6, 12),
                           place=sample["session_place"],
                           credentials_deadline=dt.date(2026, 5, 11),
                           reply_deadline=dt.date(2026, 4, 15), signatory="A. Officer",
                           signatory_title=sample["signatory_title"]),
            **_original_block(language, "RELOFF/2026/0007", dt.date(2026, 1, 15), "…"),
        }
