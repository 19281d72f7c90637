"""The action log in words: one sentence per action, in the reader's language.

"Hélène Marchetti accepted the credentials of France — 114th Session …", and for a change,
each field changed with its value before → after, named and shown as the form shows them.
Never the dotted action code nor the data dictionary. ``SENTENCES`` has one sentence per
action code logged anywhere in ``src/`` (``tests/common/test_history.py`` fails on a code
without one). Personal settings (``PERSONAL``: the interface language, tokens, the calendar
key) are shown to the person alone.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from tripartite.common.models import ActionLogEntry

# The sentence of each action: ``%(actor)s`` who did it, ``%(object)s`` what it was done to.
SENTENCES: dict[str, Promise] = {
    # accounts
    "accounts.api_token.created": pgettext_lazy(
        "history", "%(actor)s created an API token."),
    "accounts.api_token.revoked": pgettext_lazy(
        "history", "%(actor)s revoked an API token."),
    "accounts.calendar_feed_key.replaced": pgettext_lazy(
        "history", "%(actor)s replaced their calendar feed address."),
    "accounts.credentials.revoked": pgettext_lazy(
        "history", "The API tokens and calendar address of %(object)s were revoked."),
    "accounts.user.language_set": pgettext_lazy(
        "history", "%(actor)s changed their interface language."),
    # constituents
    "constituents.member_state.updated": pgettext_lazy(
        "history", "%(actor)s changed %(object)s."),
    "constituents.organisation.created": pgettext_lazy(
        "history", "%(actor)s added the organisation %(object)s."),
    "constituents.organisation.updated": pgettext_lazy(
        "history", "%(actor)s changed the organisation %(object)s."),
    "constituents.person.created": pgettext_lazy(
        "history", "%(actor)s added %(object)s."),
    "constituents.person.updated": pgettext_lazy(
        "history", "%(actor)s changed the details of %(object)s."),
    # meetings
    "meetings.meeting.created": pgettext_lazy(
        "history", "%(actor)s created the meeting %(object)s."),
    "meetings.meeting.updated": pgettext_lazy(
        "history", "%(actor)s changed the meeting %(object)s."),
    "meetings.session.created": pgettext_lazy(
        "history", "%(actor)s created the session %(object)s."),
    "meetings.session.updated": pgettext_lazy(
        "history", "%(actor)s changed the session %(object)s."),
    "meetings.agenda_item.created": pgettext_lazy(
        "history", "%(actor)s added the agenda item %(object)s."),
    "meetings.agenda_item.updated": pgettext_lazy(
        "history", "%(actor)s changed the agenda item %(object)s."),
    "meetings.agenda_item.deleted": pgettext_lazy(
        "history", "%(actor)s deleted the agenda item %(object)s."),
    "meetings.committee.created": pgettext_lazy(
        "history", "%(actor)s created the committee %(object)s."),
    "meetings.officer.created": pgettext_lazy(
        "history", "%(actor)s appointed %(object)s."),
    "meetings.officer.deleted": pgettext_lazy(
        "history", "%(actor)s removed the officer %(object)s."),
    # delegations and credentials
    "delegations.delegation.opened": pgettext_lazy(
        "history", "%(actor)s opened the delegation of %(object)s."),
    "delegations.delegation.submitted": pgettext_lazy(
        "history", "%(actor)s submitted the credentials of %(object)s."),
    "delegations.delegation.amended": pgettext_lazy(
        "history", "%(actor)s submitted an amendment to the credentials of %(object)s."),
    "delegations.delegation.review_started": pgettext_lazy(
        "history", "%(actor)s started the review of the credentials of %(object)s."),
    "delegations.delegation.accepted": pgettext_lazy(
        "history", "%(actor)s accepted the credentials of %(object)s."),
    "delegations.query.sent": pgettext_lazy(
        "history", "%(actor)s sent a query: “%(object)s”."),
    "delegations.query.answered": pgettext_lazy(
        "history", "%(actor)s answered the query “%(object)s”."),
    "delegations.nomination.added": pgettext_lazy(
        "history", "%(actor)s nominated %(object)s."),
    "delegations.nomination.withdrawn": pgettext_lazy(
        "history", "%(actor)s withdrew %(object)s."),
    "delegations.nomination.admission_refused": pgettext_lazy(
        "history", "The Conference refused to admit %(object)s (recorded by %(actor)s)."),
    "delegations.credentials_letter.uploaded": pgettext_lazy(
        "history", "%(actor)s uploaded the credentials letter %(object)s."),
    "delegations.credentials_settings.created": pgettext_lazy(
        "history", "%(actor)s set the credentials settings of %(object)s."),
    "delegations.credentials_settings.updated": pgettext_lazy(
        "history", "%(actor)s changed the credentials settings of %(object)s."),
    "delegations.arrears.recorded": pgettext_lazy(
        "history", "%(actor)s recorded the arrears status of %(object)s."),
    "delegations.list.published": pgettext_lazy(
        "history", "%(actor)s published the %(object)s."),
    "delegations.objection.lodged": pgettext_lazy(
        "history", "%(actor)s recorded the %(object)s."),
    "delegations.objection.receivability_decided": pgettext_lazy(
        "history", "%(actor)s recorded the Committee's decision on the receivability of "
        "the %(object)s."),
    "delegations.objection.outcome_decided": pgettext_lazy(
        "history", "%(actor)s recorded the Committee's decision on the %(object)s."),
    "delegations.objection.conference_decided": pgettext_lazy(
        "history", "%(actor)s recorded the Conference's decision on the %(object)s."),
    # registration
    "registration.registration.added": pgettext_lazy(
        "history", "%(actor)s registered %(object)s."),
    "registration.registration.updated": pgettext_lazy(
        "history", "%(actor)s changed the registration of %(object)s."),
    "registration.registrations.created_from_nominations": pgettext_lazy(
        "history", "%(actor)s made the registrations of %(object)s from the credentials."),
    "registration.identity.confirmed": pgettext_lazy(
        "history", "%(actor)s confirmed the identity of %(object)s."),
    "registration.photo.set": pgettext_lazy(
        "history", "%(actor)s set the badge photo of %(object)s."),
    "registration.badge.printed": pgettext_lazy(
        "history", "%(actor)s printed badge No %(object)s."),
    "registration.badge.revoked": pgettext_lazy(
        "history", "%(actor)s revoked badge No %(object)s."),
    "registration.departure.notified": pgettext_lazy(
        "history", "%(actor)s recorded the departure of %(object)s."),
    "registration.departure.withdrawn": pgettext_lazy(
        "history", "%(actor)s withdrew the departure of %(object)s."),
    "registration.quorum_basis.changed": pgettext_lazy(
        "history", "%(actor)s changed the quorum basis of %(object)s."),
    # membership
    "membership.committee_member.added": pgettext_lazy(
        "history", "%(actor)s added %(object)s to the committee."),
    "membership.committee_member.removed": pgettext_lazy(
        "history", "%(actor)s removed %(object)s from the committee."),
    "membership.committee_member.seat_opened": pgettext_lazy(
        "history", "%(actor)s opened the seat of %(object)s."),
    "membership.committee_member.seat_closed": pgettext_lazy(
        "history", "%(actor)s closed the seat of %(object)s."),
    "membership.committee_replacement.recorded": pgettext_lazy(
        "history", "%(actor)s recorded the replacement %(object)s."),
    "membership.committee_replacement.ended": pgettext_lazy(
        "history", "%(actor)s ended the replacement %(object)s."),
    "membership.gb_member.added": pgettext_lazy(
        "history", "%(actor)s added %(object)s to the Governing Body."),
    "membership.gb_member.ended": pgettext_lazy(
        "history", "%(actor)s ended the Governing Body seat of %(object)s."),
    "membership.gb_replacement.recorded": pgettext_lazy(
        "history", "%(actor)s recorded the replacement %(object)s."),
    "membership.gb_replacement.ended": pgettext_lazy(
        "history", "%(actor)s ended the replacement %(object)s."),
    "membership.weights.published": pgettext_lazy(
        "history", "%(actor)s published the weights of %(object)s."),
    # library
    "library.decision.recorded": pgettext_lazy(
        "history", "%(actor)s recorded the decision %(object)s."),
    "library.decision.from_sitting": pgettext_lazy(
        "history", "%(actor)s recorded the decision %(object)s at the Chair's console."),
    "library.decision.changed": pgettext_lazy(
        "history", "%(actor)s changed the decision %(object)s at the Chair's console."),
    "library.decision.follow_up.updated": pgettext_lazy(
        "history", "%(actor)s updated the follow-up of the decision %(object)s."),
    # votes
    "votes.vote.created": pgettext_lazy(
        "history", "%(actor)s prepared the vote “%(object)s”."),
    "votes.vote.opened": pgettext_lazy(
        "history", "%(actor)s opened the vote “%(object)s”."),
    "votes.vote.closed": pgettext_lazy(
        "history", "%(actor)s closed the vote “%(object)s”."),
    "votes.vote.published": pgettext_lazy(
        "history", "%(actor)s published the result of the vote “%(object)s”."),
    "votes.ballot.cast": pgettext_lazy(
        "history", "%(actor)s cast a ballot in the vote “%(object)s”."),
    "votes.roll_call.entered": pgettext_lazy(
        "history", "%(actor)s entered a vote read aloud in “%(object)s”."),
    "votes.totals.entered": pgettext_lazy(
        "history", "%(actor)s entered the totals of the show of hands “%(object)s”."),
    "votes.secret_ballot.participants": pgettext_lazy(
        "history", "Who took part in the secret ballot “%(object)s” was recorded."),
    "votes.result.corrected": pgettext_lazy(
        "history", "%(actor)s corrected the result %(object)s."),
    "votes.substitute.appointed": pgettext_lazy(
        "history", "%(actor)s recorded the appointment of a substitute: %(object)s."),
    # meeting proposals
    "proposals.proposal.created": pgettext_lazy(
        "history", "%(actor)s drafted the proposal %(object)s."),
    "proposals.proposal.updated": pgettext_lazy(
        "history", "%(actor)s changed the proposal %(object)s."),
    "proposals.proposal.draft": pgettext_lazy(
        "history", "%(actor)s took the proposal %(object)s back to draft."),
    "proposals.proposal.submitted": pgettext_lazy(
        "history", "%(actor)s submitted the proposal %(object)s."),
    "proposals.proposal.under_review": pgettext_lazy(
        "history", "%(actor)s started the review of the proposal %(object)s."),
    "proposals.proposal.returned": pgettext_lazy(
        "history", "%(actor)s returned the proposal %(object)s for changes."),
    "proposals.proposal.in_consultation": pgettext_lazy(
        "history", "%(actor)s sent the proposal %(object)s for consultation."),
    "proposals.proposal.with_officers": pgettext_lazy(
        "history", "%(actor)s sent the proposal %(object)s to the Officers."),
    "proposals.proposal.approved": pgettext_lazy(
        "history", "%(actor)s recorded the approval of the proposal %(object)s."),
    "proposals.proposal.not_approved": pgettext_lazy(
        "history", "%(actor)s recorded that the proposal %(object)s was not approved."),
    "proposals.proposal.held": pgettext_lazy(
        "history", "%(actor)s put the proposal %(object)s on hold."),
    "proposals.proposal.report_received": pgettext_lazy(
        "history", "%(actor)s recorded the report on the proposal %(object)s."),
    "proposals.consultation.recorded": pgettext_lazy(
        "history", "%(actor)s recorded the opinion %(object)s."),
    "proposals.batch.sent": pgettext_lazy(
        "history", "%(actor)s sent the proposals %(object)s to the Officers."),
    "proposals.rule_setting.updated": pgettext_lazy(
        "history", "%(actor)s changed the rule %(object)s."),
    # correspondence
    "correspondence.template.created": pgettext_lazy(
        "history", "%(actor)s created the letter template %(object)s."),
    "correspondence.template.updated": pgettext_lazy(
        "history", "%(actor)s changed the letter template %(object)s."),
    "correspondence.template.version_uploaded": pgettext_lazy(
        "history", "%(actor)s uploaded a new version of the template %(object)s."),
    "correspondence.template.starter_installed": pgettext_lazy(
        "history", "%(actor)s installed the starter template %(object)s."),
    "correspondence.address_book.created": pgettext_lazy(
        "history", "%(actor)s added %(object)s to the address book."),
    "correspondence.address_book.updated": pgettext_lazy(
        "history", "%(actor)s changed the address book entry %(object)s."),
    "correspondence.batch.created": pgettext_lazy(
        "history", "%(actor)s prepared the mail-merge %(object)s."),
    "correspondence.batch.updated": pgettext_lazy(
        "history", "%(actor)s changed the mail-merge %(object)s."),
    "correspondence.batch.recipients_refreshed": pgettext_lazy(
        "history", "%(actor)s refreshed the recipients of %(object)s."),
    "correspondence.batch.generated": pgettext_lazy(
        "history", "%(actor)s generated the letters of %(object)s."),
    "correspondence.batch.generation_resumed": pgettext_lazy(
        "history", "%(actor)s resumed the generation of %(object)s."),
    "correspondence.batch.generation_abandoned": pgettext_lazy(
        "history", "%(actor)s abandoned the generation of %(object)s."),
    "correspondence.batch.pdf_made": pgettext_lazy(
        "history", "%(actor)s made the PDF letters of %(object)s."),
    "correspondence.batch.sent": pgettext_lazy(
        "history", "%(actor)s sent the letters of %(object)s."),
    "correspondence.batch.send_interrupted": pgettext_lazy(
        "history", "The sending of %(object)s was interrupted (%(actor)s)."),
    "correspondence.batch.reminder_created": pgettext_lazy(
        "history", "%(actor)s prepared a reminder for %(object)s."),
    "correspondence.letter.updated": pgettext_lazy(
        "history", "%(actor)s changed the letter %(object)s."),
    "correspondence.reply.logged": pgettext_lazy(
        "history", "%(actor)s recorded a reply: %(object)s."),
    "correspondence.register_settings.updated": pgettext_lazy(
        "history", "%(actor)s changed the settings of the outgoing register."),
    # the demo
    "demo.loaded": pgettext_lazy(
        "history", "The demonstration data were loaded."),
}
# Settings of one's own: shown to that person only.
PERSONAL = frozenset({"accounts.user.language_set", "accounts.api_token.created",
                      "accounts.api_token.revoked", "accounts.calendar_feed_key.replaced"})
# Actions whose data is the fields changed, {field: [before, after]}.
CHANGES_SUFFIXES = (".updated", ".changed")
# The areas of the log, for its filter: (action prefix, label).
AREAS = (
    ("meetings.", gettext_lazy("Meetings")),
    ("delegations.", gettext_lazy("Delegations and credentials")),
    ("registration.", gettext_lazy("Registration and attendance")),
    ("membership.", gettext_lazy("Membership")),
    ("votes.", gettext_lazy("Votes")),
    ("proposals.", gettext_lazy("Meeting proposals")),
    ("correspondence.", gettext_lazy("Correspondence")),
    ("constituents.", gettext_lazy("Member States and people")),
    ("accounts.", gettext_lazy("Accounts")),
)
EMPTY = "—"


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class HistoryLine:
    entry: ActionLogEntry
    sentence: str
    changes: list[Change] = field(default_factory=list)


def visible_to(entries: QuerySet[ActionLogEntry], reader: Any) -> QuerySet[ActionLogEntry]:
    """Leave out the personal settings of anyone but ``reader``."""
    reader_id = getattr(reader, "pk", None)
    return entries.exclude(Q(action__in=PERSONAL) & ~Q(actor_id=reader_id))


def _actor_name(entry: ActionLogEntry) -> str:
    return str(entry.actor) if entry.actor_id else _("The system")


def sentence(entry: ActionLogEntry) -> str:
    """The entry as a sentence in the current language (a code without a sentence, which the
    tests forbid, still reads as words: who, and what to which object)."""
    template = SENTENCES.get(entry.action)
    values = {"actor": _actor_name(entry), "object": entry.object_repr}
    if template is None:
        return _("%(actor)s changed %(object)s.") % values
    return str(template) % values


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return found if isinstance(found, models.Field) else None


def _shown(model_field: models.Field | None, value: Any, related: dict) -> str:
    """A logged value as the form shows it: a choice's label, yes/no, a related object's
    name, a date in the reader's language."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if model_field is not None:
        if model_field.is_relation and model_field.related_model is not None:
            names = related.get(model_field.related_model, {})
            values = value if isinstance(value, list) else [value]
            return ", ".join(names.get(str(item), str(item)) for item in values)
        if model_field.choices:
            labels = {str(key): str(label) for key, label in model_field.flatchoices}
            values = value if isinstance(value, list) else [value]
            return ", ".join(labels.get(str(item), str(item)) for item in values)
        if isinstance(model_field, models.DateTimeField) and isinstance(value, str):
            from django.utils.dateparse import parse_datetime

            moment = parse_datetime(value)
            return date_format(moment, "DATETIME_FORMAT") if moment else value
        if isinstance(model_field, models.DateField) and isinstance(value, str):
            from django.utils.dateparse import parse_date

            day = parse_date(value)
            return date_format(day, "DATE_FORMAT") if day else value
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dict):
        return EMPTY if not value else ", ".join(str(item) for item in value.values())
    return str(value)


def _diffs(entry: ActionLogEntry) -> dict[str, list[Any]]:
    if not entry.action.endswith(CHANGES_SUFFIXES) or not isinstance(entry.data, dict):
        return {}
    return {name: pair for name, pair in entry.data.items()
            if isinstance(pair, list) and len(pair) == 2}


def _related_names(entries: list[ActionLogEntry]) -> dict[type[models.Model], dict[str, str]]:
    """The names of the related objects the changes name: one query per related model."""
    wanted: dict[type[models.Model], set[str]] = defaultdict(set)
    for entry in entries:
        model = entry.content_type.model_class()
        for name, pair in _diffs(entry).items():
            model_field = _field(model, name)
            if model_field is None or not model_field.is_relation or \
                    model_field.related_model is None:
                continue
            for value in pair:
                for item in (value if isinstance(value, list) else [value]):
                    if item not in (None, ""):
                        wanted[model_field.related_model].add(str(item))
    return {model: {str(obj.pk): str(obj) for obj in model._default_manager.filter(
        pk__in=[pk for pk in pks if pk.isdigit()] or [0])}
        for model, pks in wanted.items()}


def _field_order(model, name: str) -> tuple[int, str]:
    names = [field.name for field in model._meta.get_fields()] if model is not None else []
    return (names.index(name) if name in names else len(names), name)


def history_lines(entries: Iterable[ActionLogEntry]) -> list[HistoryLine]:
    """The entries in words, with their changed fields (the entries' ``actor`` and
    ``content_type`` selected with them)."""
    entries = list(entries)
    related = _related_names(entries)
    lines = []
    for entry in entries:
        model = entry.content_type.model_class()
        changes = []
        # In the model's own field order: PostgreSQL's jsonb keeps no key order.
        for name, (before, after) in sorted(_diffs(entry).items(),
                                            key=lambda item: _field_order(model, item[0])):
            model_field = _field(model, name)
            label = str(model_field.verbose_name) if model_field is not None else name
            changes.append(Change(label[:1].upper() + label[1:],
                                  _shown(model_field, before, related),
                                  _shown(model_field, after, related)))
        lines.append(HistoryLine(entry, sentence(entry), changes))
    return lines
