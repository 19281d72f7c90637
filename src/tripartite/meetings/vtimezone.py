"""VTIMEZONE components for iCalendar feeds, from Python's time zone data.

Outlook ignores RDATE in time zone definitions, so each zone is written the way Outlook and
Google write it: yearly rules (RRULE BYMONTH/BYDAY). Years whose changes follow no such rule
are written as single onsets. Pure: no Django.
"""

import calendar as pycalendar
import datetime as dt
import functools
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import icalendar

UTC = dt.UTC

_WEEKDAYS_ICAL = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class _Transition:
    at: dt.datetime  # UTC
    before: dt.timedelta
    after: dt.timedelta
    name: str

    @property
    def wall(self) -> dt.datetime:
        """The local time of the change, read on the clock before it (RFC 5545 onset)."""
        return (self.at + self.before).replace(tzinfo=None)

    @property
    def rule(self) -> tuple:
        wall = self.wall
        days_in_month = pycalendar.monthrange(wall.year, wall.month)[1]
        nth = -1 if wall.day + 7 > days_in_month else (wall.day - 1) // 7 + 1
        return wall.month, nth, wall.weekday(), wall.time()


def _transitions(zone: ZoneInfo, year: int) -> list[_Transition]:
    """Every change of UTC offset in ``year`` (UTC), found day by day, then to the second."""
    found = []
    moment = dt.datetime(year, 1, 1, tzinfo=UTC)
    end = dt.datetime(year + 1, 1, 1, tzinfo=UTC)
    offset = moment.astimezone(zone).utcoffset()
    while moment < end:
        following = moment + dt.timedelta(days=1)
        if following.astimezone(zone).utcoffset() != offset:
            low, high = moment, following
            while high - low > dt.timedelta(seconds=1):
                middle = low + (high - low) / 2
                if middle.astimezone(zone).utcoffset() == offset:
                    low = middle
                else:
                    high = middle
            after = high.astimezone(zone)
            found.append(_Transition(at=high, before=offset, after=after.utcoffset(),
                                     name=after.tzname() or ""))
            offset = after.utcoffset()
            moment = high
        else:
            moment = following
    return found


def _shape(transitions: list[_Transition], year: int) -> tuple:
    """What a year's changes look like; equal shapes in a row make one yearly rule."""
    if not transitions:
        return ("fixed",)
    if len(transitions) == 2:
        first, second = transitions
        if first.before == second.after and first.after == second.before:
            return ("yearly", first.before, first.after, first.rule, second.rule)
    return ("irregular", year)


@functools.lru_cache(maxsize=512)
def _zone_periods(tzid: str, first_year: int, last_year: int) -> tuple:
    """Runs of consecutive years sharing a shape: (shape, [transitions of each year])."""
    zone = ZoneInfo(tzid)
    periods = []
    for year in range(first_year, last_year + 1):
        transitions = _transitions(zone, year)
        shape = _shape(transitions, year)
        if periods and periods[-1][0] == shape:
            periods[-1][1].append(transitions)
        else:
            periods.append((shape, [transitions]))
    return tuple((shape, tuple(map(tuple, years))) for shape, years in periods)


def _onset(transition: _Transition, rrule: dict | None = None) -> icalendar.cal.Component:
    onset = (icalendar.TimezoneDaylight() if transition.after > transition.before
             else icalendar.TimezoneStandard())
    onset.add("dtstart", transition.wall)
    onset.add("tzoffsetfrom", transition.before)
    onset.add("tzoffsetto", transition.after)
    onset.add("tzname", transition.name)
    if rrule:
        onset.add("rrule", rrule)
    return onset


def vtimezone(tzid: str, first_year: int, last_year: int) -> icalendar.Timezone:
    """A VTIMEZONE for ``tzid``, exact from ``first_year`` on (rules continue after the last)."""
    zone = ZoneInfo(tzid)
    component = icalendar.Timezone()
    component.add("tzid", tzid)
    periods = _zone_periods(tzid, first_year, last_year)
    for index, (shape, years) in enumerate(periods):
        is_last = index == len(periods) - 1
        if shape[0] == "fixed":
            if index == 0:  # later fixed runs keep the offset of the change before them
                start = dt.datetime(first_year, 1, 1)
                moment = start.replace(tzinfo=zone)
                offset = moment.utcoffset()
                onset = icalendar.TimezoneStandard()
                onset.add("dtstart", start)
                onset.add("tzoffsetfrom", offset)
                onset.add("tzoffsetto", offset)
                onset.add("tzname", moment.tzname() or "")
                component.add_component(onset)
        elif shape[0] == "yearly" and len(years) > 1:
            for position, transition in enumerate(years[0]):
                month, nth, weekday, _time = transition.rule
                rrule = {"FREQ": "YEARLY", "BYMONTH": month,
                         "BYDAY": f"{nth}{_WEEKDAYS_ICAL[weekday]}"}
                if not is_last:
                    # Any bound between the last change and the next year's will do; a day
                    # after the last keeps readers that compare UNTIL with local time right.
                    rrule["UNTIL"] = years[-1][position].at + dt.timedelta(days=1)
                component.add_component(_onset(transition, rrule))
        else:
            for transitions in years:
                for transition in transitions:
                    component.add_component(_onset(transition))
    return component
