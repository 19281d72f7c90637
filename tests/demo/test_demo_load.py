"""Loading the demo into a database without it: the command's output and its second run,
``--if-empty``, a failed load that changes nothing, the calendar placed on the load day.

Apart from tests/demo/test_demo.py, whose tests share one load (tests/once.py).
"""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import IntegrityError

from tests.demo.test_demo import counts
from tripartite.constituents.models import ConstituentOrganisation, MemberState
from tripartite.delegations.models import Objection
from tripartite.demo import loader
from tripartite.demo.clock import clock
from tripartite.meetings.models import Meeting, Session
from tripartite.votes.models import Vote

pytestmark = pytest.mark.django_db


def test_the_command_prints_the_logins_and_loads_once():
    out = io.StringIO()
    call_command("demo", scale="small", stdout=out)
    assert out.getvalue().startswith("Demo data loaded (small scale)")
    assert "secretariat  Secretariat officer" in out.getvalue()
    assert "tripartite-demo" in out.getvalue()
    out = io.StringIO()
    call_command("demo", scale="small", stdout=out)
    assert out.getvalue().startswith("The demo data is already loaded: nothing changed.")
    assert "focal.ke" in out.getvalue()


def test_if_empty_leaves_a_database_with_meetings_alone():
    Meeting.objects.create(type="sectoral", title_en="Tripartite Meeting on Ports")
    out = io.StringIO()
    call_command("demo", scale="small", if_empty=True, stdout=out)
    assert out.getvalue() == "The database already holds meetings: demo data not loaded.\n"
    assert counts()["Person"] == 0
    assert counts()["Meeting"] == 1


def test_a_failed_load_changes_nothing():
    france = MemberState.objects.get(iso2="FR")
    clash = next(o for o in loader.plan_organisations(
        [loader.StateInfo(s.iso2, s.name_en) for s in MemberState.objects.all()])
        if o.iso2 == "FR" and o.kind == "workers")
    ConstituentOrganisation.objects.create(member_state=france, kind="workers", name=clash.name)
    with pytest.raises(IntegrityError):
        loader.load_demo(scale="small")
    assert counts() == {**dict.fromkeys(counts(), 0), "ConstituentOrganisation": 1}


def test_the_demo_is_alive_on_the_day_it_is_loaded():
    """Loaded on any day, the Conference is in its 11th day, the 356th Session of the
    Governing Body is past and the 357th to come, a vote is open and the proposals in the
    pipeline are dated from today."""
    day = dt.date(2025, 2, 17)  # a day before the real today: the services refuse the future
    loader.load_demo(scale="small", today=day)
    ilc = Session.objects.get(meeting__acronym="ILC", number="114")
    assert (ilc.local_opens_at.date(), ilc.local_closes_at.date()) == (
        day - dt.timedelta(days=10), day + dt.timedelta(days=1))
    assert (ilc.local_opens_at.hour, ilc.local_closes_at.hour) == (10, 18)
    noon = dt.datetime(day.year, day.month, day.day, 12, tzinfo=ilc.zone)
    assert ilc.opens_at < noon < ilc.closes_at
    gb356 = Session.objects.get(meeting__acronym="GB", number="356")
    gb357 = Session.objects.get(meeting__acronym="GB", number="357")
    assert gb356.closes_at < noon and gb357.local_opens_at.date() == day + dt.timedelta(days=2)
    assert Vote.objects.filter(session=ilc, state="open").exists()
    assert all(vote.opened_at < noon for vote in Vote.objects.filter(session=ilc))
    assert Objection.objects.filter(session=ilc).exists()
    assert all(o.lodged_at < noon for o in Objection.objects.filter(session=ilc))
    # Loaded again on the reference day, the dates are the demo's own.
    assert clock.date(2026, 6, 1) == dt.date(2026, 6, 1)
