"""Time limits: the one place where the rules count days and hours.

Every time limit of the rules is counted here, so that the same kind of limit is counted the
same way everywhere (the page that announces a limit and the rule that applies it cannot
disagree):

- ``hours_from``: a limit in hours from a given hour of a day, in a local time zone, such as
  the time limit for objections (ILC Standing Orders (2008) art. 26bis(1)(a): 72 hours from
  10:00 on the opening day, 48 hours from 10:00 on the day a revised list is published).
  Hours are counted as elapsed time: across a change of summer time the deadline moves by an
  hour on the clock rather than the period being an hour longer or shorter.
- ``days_before``: a date a number of calendar days (or weeks) before another, such as the
  deposit of credentials 21 days before the opening (CRED-1, art. 26) or a proposal's lead
  time before the meeting.

A date inside a rule's message is written as each language writes it (``written``: "15 March
2027", "15 mars 2027", "15 de marzo de 2027"), never as an ISO date; the same words as the
pages' and documents' ``common/l10n.long_date`` (a test keeps them in step).

Pure Python: the time zone is passed in, nothing is read from the clock.
"""

import functools
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from tripartite.rules.catalogue import text


def hours_from(day: date, clock: time, hours: int, time_zone: tzinfo) -> datetime:
    """The moment ``hours`` elapsed hours after ``clock`` on ``day`` in ``time_zone``, in
    that zone's local time."""
    start = datetime.combine(day, clock, tzinfo=time_zone)
    return (start.astimezone(UTC) + timedelta(hours=hours)).astimezone(time_zone)


def days_before(day: date, *, days: int = 0, weeks: int = 0) -> date:
    """The date ``days`` days and ``weeks`` weeks before ``day``."""
    return day - timedelta(days=days, weeks=weeks)


@functools.cache
def months() -> tuple[dict[str, str], ...]:
    """The months, in every language (read from the catalogue once)."""
    return (text("January"), text("February"), text("March"), text("April"), text("May"),
            text("June"), text("July"), text("August"), text("September"), text("October"),
            text("November"), text("December"))


def written(day: date) -> dict[str, str]:
    """``day`` as each language writes it in a sentence, for a message's parameter:
    {"en": "1 June 2026", "fr": "1er juin 2026", "es": "1 de junio de 2026"} (the months and
    the order of the words from the rules' catalogue)."""
    month = months()[day.month - 1]
    if day.day == 1:
        return text("1 %(month)s %(year)s", month=month, year=str(day.year))
    return text("%(day)s %(month)s %(year)s", day=str(day.day), month=month,
                year=str(day.year))
