"""Door staff see a participant's photo only for a badge their login has just scanned.

The door page shows the photo of the badge scanned, so that the face can be compared; the
same address, asked for any other id, used to serve anyone's photo to every check-in login.
Now: 403 before the scan, 200 right after it, 403 again once DOOR_PHOTO_MINUTES have
passed. The desk, the secretariat, the person themselves and their State's focal point keep
their access.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import SessionFactory, state, user_with_role
from tests.registration.factories import image_bytes
from tests.registration.factories import registration as nominated_registration
from tests.registration.factories_doors import badged
from tripartite.accounts.models import Role
from tripartite.registration import permissions, photos
from tripartite.registration.models import Scan
from tripartite.registration.services import checkin
from tripartite.registration.services.photos import photo_set

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def session():
    return SessionFactory()


def _with_photo(reg):
    photo_set(actor=user_with_role(Role.SECRETARIAT), registration=reg,
              content=photos.process_photo(image_bytes()).content)
    return reg


def _photo(client, reg):
    return client.get(reverse("registration:photo", kwargs={"pk": reg.pk}))


def _scan(client, session, token):
    return client.post(f"/api/sessions/{session.pk}/check-ins",
                       {"token": token, "door": "North"}, content_type="application/json")


def test_door_staff_get_a_photo_only_right_after_scanning_its_badge(client, session):
    reg, _badge, token = badged(session)
    _with_photo(reg)
    client.force_login(user_with_role(Role.CHECKIN_STAFF))

    before = _photo(client, reg)
    answer = _scan(client, session, token)
    after_scan = client.get(answer.json()["photo_url"])
    Scan.objects.update(at=timezone.now() - timedelta(minutes=permissions.DOOR_PHOTO_MINUTES,
                                                      seconds=1))
    after_window = _photo(client, reg)

    assert before.status_code == 403
    assert answer.json()["result"] == "admitted"
    assert answer.json()["photo_url"] == reverse("registration:photo", kwargs={"pk": reg.pk})
    assert after_scan.status_code == 200 and after_scan["Content-Type"] == "image/jpeg"
    assert after_window.status_code == 403


def test_counting_ids_shows_no_one_else(client, session):
    scanned, _badge, token = badged(session)
    others = [_with_photo(badged(session)[0]) for _ in range(3)]
    client.force_login(user_with_role(Role.CHECKIN_STAFF))
    _scan(client, session, token)

    codes = [_photo(client, reg).status_code for reg in [scanned, *others]]

    assert codes == [200, 403, 403, 403]


def test_another_logins_scan_opens_nothing(client, session):
    reg, _badge, token = badged(session)
    _with_photo(reg)
    client.force_login(user_with_role(Role.CHECKIN_STAFF))
    _scan(client, session, token)
    client.force_login(user_with_role(Role.CHECKIN_STAFF))

    assert _photo(client, reg).status_code == 403


def test_a_badge_refused_as_of_another_session_opens_nothing(client, session):
    reg, _badge, token = badged(SessionFactory())
    _with_photo(reg)
    client.force_login(user_with_role(Role.CHECKIN_STAFF))

    answer = _scan(client, session, token)

    assert answer.json()["result"] == "other_session" and answer.json()["photo_url"] == ""
    assert _photo(client, reg).status_code == 403


def test_the_window_is_measured_from_the_scan(session):
    reg, _badge, token = badged(session)
    staff = user_with_role(Role.CHECKIN_STAFF)
    scanned_at = checkin.scan(session, token, "North", staff).at
    window = timedelta(minutes=permissions.DOOR_PHOTO_MINUTES)

    assert permissions.can_view_photo(staff, reg, now=scanned_at) is True
    assert permissions.can_view_photo(staff, reg, now=scanned_at + window
                                      - timedelta(seconds=1)) is True
    assert permissions.can_view_photo(staff, reg, now=scanned_at + window) is False
    assert permissions.can_view_photo(staff, reg, now=scanned_at - timedelta(seconds=1)) \
        is False


@pytest.mark.parametrize("role", [Role.REGISTRATION_DESK, Role.SECRETARIAT])
def test_the_desk_and_the_secretariat_keep_their_access(client, session, role):
    reg = _with_photo(badged(session)[0])
    client.force_login(user_with_role(role))

    assert _photo(client, reg).status_code == 200


def test_the_person_and_their_states_focal_point_keep_their_access(client, session):
    reg = _with_photo(nominated_registration(session, iso2="FR"))
    person = user_with_role(Role.DELEGATE, person=reg.person)
    focal = user_with_role(Role.FOCAL_POINT, member_state=state("FR"))
    other_focal = user_with_role(Role.FOCAL_POINT, member_state=state("DE"))

    codes = []
    for user in (person, focal, other_focal):
        client.force_login(user)
        codes.append(_photo(client, reg).status_code)

    assert codes == [200, 200, 403]
