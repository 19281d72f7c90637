"""Acts on a session that is over are warned about: the confirmation of credentials, votes
and badges says so, and so does the door page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import GENEVA, SessionFactory, user_with_role
from tests.votes.factories import delegate_user, plenary, vote
from tripartite.accounts.models import Role
from tripartite.votes import services
from tripartite.votes.models import Ballot

pytestmark = pytest.mark.django_db


def test_a_session_knows_when_it_is_over():
    session = SessionFactory(opens_at=dt.datetime(2026, 6, 1, 10, tzinfo=GENEVA),
                             closes_at=dt.datetime(2026, 6, 12, 18, tzinfo=GENEVA))
    during = dt.datetime(2026, 6, 5, tzinfo=dt.UTC)
    after = dt.datetime(2026, 6, 13, tzinfo=dt.UTC)
    assert not session.has_closed(during) and session.closed_warning(during) == ""
    assert session.has_closed(after)
    assert session.closed_warning(after) == (
        "This session closed on 12 June 2026: an act recorded now is dated after its close. "
        "Make sure it is meant.")


def test_a_ballot_on_a_session_that_is_over_is_warned_about_before_it_is_cast(client):
    item, delegates = plenary(("FR",))
    item.session.closes_at = timezone.now() - dt.timedelta(days=1)
    item.session.save()
    v = services.vote_open(actor=user_with_role(Role.SECRETARIAT), vote=vote(item))
    client.force_login(delegate_user(delegates["FR"][0]))
    question = client.post(reverse("votes:vote_ballot", args=[v.pk]),
                           {"choice": "yes"}).content.decode()
    assert '<p class="confirm-warning" role="alert"><strong>Warning:</strong> This session ' \
           "closed on" in question
    assert not Ballot.objects.exists()


def test_no_warning_while_the_session_runs(client):
    item, delegates = plenary(("FR",))
    item.session.opens_at = timezone.now() - dt.timedelta(days=1)
    item.session.closes_at = timezone.now() + dt.timedelta(days=1)
    item.session.save()
    v = services.vote_open(actor=user_with_role(Role.SECRETARIAT), vote=vote(item))
    client.force_login(delegate_user(delegates["FR"][0]))
    question = client.post(reverse("votes:vote_ballot", args=[v.pk]),
                           {"choice": "yes"}).content.decode()
    assert "Cast this vote?" in question and "confirm-warning" not in question


def test_the_door_page_of_a_session_that_is_over_says_so(client):
    session = SessionFactory(closes_at=timezone.now() - dt.timedelta(hours=1),
                             opens_at=timezone.now() - dt.timedelta(days=3))
    client.force_login(user_with_role(Role.CHECKIN_STAFF))
    page = client.get(reverse("registration:checkin", args=[session.pk])).content.decode()
    assert '<p class="session-closed" role="alert">This session closed on' in page
