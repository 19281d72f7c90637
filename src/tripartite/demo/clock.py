"""The demo's calendar, placed relative to the day it is loaded.

The demo's data are written for one day, ``REFERENCE_DAY``: the 11th day of the 114th Session
of the Conference (opened on 1 June 2026, closing on 12 June), with the 356th Session of the
Governing Body behind it and the 357th the day after it closes. Loaded on another day, every
fixed date of the demo moves by the same number of days, so that a new user always finds
the Conference in progress, votes open, deadlines and the Governing Body to come, and the
earlier sessions past. Dates computed from a session (registrations, check-ins, votes) follow
it; the proposals still in the pipeline are dated from the real today already.
"""

import datetime as dt

# The day the demo's fixed dates describe.
REFERENCE_DAY = dt.date(2026, 6, 11)


class DemoClock:
    """Moves the demo's fixed dates to the load day (set by ``loader.load_demo``)."""

    def __init__(self) -> None:
        self.shift = dt.timedelta(0)

    def load_on(self, day: dt.date) -> None:
        self.shift = day - REFERENCE_DAY

    def date(self, year: int, month: int, day: int) -> dt.date:
        return dt.date(year, month, day) + self.shift

    def moment(self, value: dt.datetime) -> dt.datetime:
        return value + self.shift


clock = DemoClock()
