"""Looking at a State's delegation page creates nothing: the delegation is opened by the
first form sent (a POST), and that opening is logged once.

A focal point's or the secretariat's GET used to create the delegation and log
"delegations.delegation.opened". The site-wide check is tests/test_get_never_writes.py.
"""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import GENEVA, SessionFactory, state, user_with_role
from tripartite.accounts.models import Role
from tripartite.common.models import ActionLogEntry
from tripartite.delegations.models import Delegation, Nomination

pytestmark = pytest.mark.django_db
PAGES = ("portal_delegation", "portal_template", "portal_letter", "portal_letter_upload",
         "portal_import", "portal_submit")


@pytest.fixture
def session():
    return SessionFactory(opens_at=dt.datetime(2027, 6, 7, 10, 0, tzinfo=GENEVA),
                          closes_at=dt.datetime(2027, 6, 18, 18, 0, tzinfo=GENEVA))


def url(session, name="portal_delegation", iso2="FR"):
    return reverse(f"delegations:{name}", kwargs={"session_pk": session.pk, "iso2": iso2})


@pytest.mark.parametrize("role", [Role.FOCAL_POINT, Role.SECRETARIAT])
def test_every_portal_page_of_an_unopened_delegation_creates_nothing_on_get(
        client, session, role):
    client.force_login(user_with_role(role))

    codes = [client.get(url(session, name)).status_code for name in PAGES]

    # The page, the template, the letter (none yet: back to the page); the forms' targets
    # answer only POST.
    assert codes == [200, 200, 302, 405, 405, 405]
    assert not Delegation.objects.exists()
    assert not ActionLogEntry.objects.exists()


def test_the_unopened_page_shows_the_empty_forms_whose_first_save_opens_it(client, session):
    focal = user_with_role(Role.FOCAL_POINT)
    client.force_login(focal)

    page = client.get(url(session))
    response = client.post(url(session), {"group": "government", "role": "delegate",
                                          "name": "Claire Dubois", "gender": "f"})

    assert page.context["can_edit"] is True and page.context["delegation"].pk is None
    assert f'action="{url(session)}#add"' in page.content.decode()
    assert response.status_code == 302
    delegation = Delegation.objects.get()
    assert (delegation.member_state, delegation.session) == (state("FR"), session)
    assert list(Nomination.objects.values_list("delegation", "person__name")) == [
        (delegation.pk, "Claire Dubois")]
    assert list(ActionLogEntry.objects.order_by("id").values_list("action", "actor")) == [
        ("delegations.delegation.opened", focal.pk),
        ("constituents.person.created", focal.pk),
        ("delegations.nomination.added", focal.pk)]
