"""CRED-3: objections to the nomination of a delegate or adviser, and their time limits.

Rule CRED-3 of ``../shared/domain/ilo-rules.md``: the rules' advice on whether an objection is
receivable. The Credentials Committee decides receivability (``credentials_committee``): a
unanimous decision is final, otherwise the question goes to the Conference; so the grounds
found here are warnings for the Committee, not a verdict. The time it was lodged and the
session's time zone are passed in; nothing is read from the clock.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo

from tripartite.rules import dates
from tripartite.rules.catalogue import text
from tripartite.rules.findings import Finding, Severity

OBJECTIONS = "ILC Standing Orders (2008) art. 26bis"
OBJECTION_TIME_LIMIT = "ILC Standing Orders (2008) art. 26bis(1)(a)"
OBJECTION_HOURS = 72
OBJECTION_HOURS_AFTER_REVISED_LIST = 48
LIST_PUBLISHED_AT = time(10)  # the time limits run from 10:00, local time


@dataclass(frozen=True)
class Objection:
    lodged_at: datetime  # timezone-aware
    authors_anonymous: bool = False
    author_is_adviser_to_delegate: bool = False  # to the delegate objected to
    same_facts_found_irrelevant: bool = False  # by an earlier decision of the Conference
    revised_list_published_on: date | None = None  # set when based on a revised list


@dataclass(frozen=True)
class ObjectionVerdict:
    """The rules' advice to the Committee: ``receivable`` is False when a ground of
    irreceivability is found (each a WARNING finding)."""

    receivable: bool
    deadline: datetime  # in the Conference's local time
    findings: tuple[Finding, ...]


def objection_deadline(*, opening: date, time_zone: tzinfo,
                       revised_list_published_on: date | None = None) -> datetime:
    """CRED-3 (OBJECTION_TIME_LIMIT): 72 hours from 10:00 on the opening day, or 48 hours
    from 10:00 on the day a revised list is published, in the Conference's local time
    (elapsed hours: ``dates.hours_from``). The one computation of the time limit: the rule
    below, the pages and the API all call it."""
    if revised_list_published_on is None:
        return dates.hours_from(opening, LIST_PUBLISHED_AT, OBJECTION_HOURS, time_zone)
    return dates.hours_from(revised_list_published_on, LIST_PUBLISHED_AT,
                            OBJECTION_HOURS_AFTER_REVISED_LIST, time_zone)


def objection_receivable(objection: Objection, *, opening: date,
                         time_zone: tzinfo) -> ObjectionVerdict:
    """CRED-3: the rules' advice on whether the Credentials Committee may receive an objection.

    Irreceivable when lodged after the time limit, when its authors are anonymous, when its
    author is an adviser to the delegate objected to, or when the Conference has already found
    the same facts irrelevant. Lodged exactly at the deadline is in time.
    """
    if objection.lodged_at.utcoffset() is None:
        raise ValueError("lodged_at must be timezone-aware")
    deadline = objection_deadline(opening=opening, time_zone=time_zone,
                                  revised_list_published_on=objection.revised_list_published_on)
    lodged = objection.lodged_at.astimezone(time_zone)
    grounds = [
        *_lodged_late(lodged, deadline, objection.revised_list_published_on is not None),
        *_objection_authors(objection),
    ]
    if grounds:
        return ObjectionVerdict(receivable=False, deadline=deadline, findings=tuple(grounds))
    when, until = f"{lodged:%Y-%m-%d %H:%M}", f"{deadline:%Y-%m-%d %H:%M}"
    return ObjectionVerdict(receivable=True, deadline=deadline, findings=(
        Finding("CRED-3", OBJECTIONS, Severity.INFO, text(
            "Receivable: lodged on %(when)s (local time), within the time limit ending %(until)s.",
            when=when, until=until)),))


def _lodged_late(lodged: datetime, deadline: datetime, revised: bool) -> list[Finding]:
    if lodged <= deadline:
        return []
    when, until = f"{lodged:%Y-%m-%d %H:%M}", f"{deadline:%Y-%m-%d %H:%M}"
    start = (text("48 hours from 10:00 on the day the revised list was published")
             if revised else
             text("72 hours from 10:00 on the opening day"))
    return [Finding("CRED-3", OBJECTIONS, Severity.WARNING, text(
        "Irreceivable: lodged on %(when)s (local time), after the time limit ending %(until)s "
        "(%(time_limit)s).",
        when=when, until=until, time_limit=start))]


def _objection_authors(objection: Objection) -> list[Finding]:
    grounds = []
    if objection.authors_anonymous:
        grounds.append(text("Irreceivable: the authors of the objection are anonymous."))
    if objection.author_is_adviser_to_delegate:
        grounds.append(text("Irreceivable: its author is an adviser to the delegate objected to."))
    if objection.same_facts_found_irrelevant:
        grounds.append(text(
            "Irreceivable: the Conference has already found the same facts irrelevant."))
    return [Finding("CRED-3", OBJECTIONS, Severity.WARNING, message) for message in grounds]
