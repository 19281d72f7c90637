"""The key in a user's calendar feed address (``/meetings/calendar.ics?key=…``).

Calendar clients cannot log in, so the address carries a key signed with SECRET_KEY naming
the user and their current ``calendar_feed_nonce``. Replacing the nonce
(:func:`tripartite.accounts.services.calendar_feed_key_replace`, also done on every password
change) makes every address given out before it stop working.
"""

from django.contrib.auth import get_user_model
from django.core import signing
from django.utils.crypto import constant_time_compare

FEED_SALT = "tripartite.calendar-feed"


def _feed_signer() -> signing.Signer:
    # No timestamp (signing.dumps would add one): a user's key, and so the address their
    # calendar application subscribed to, stays the same from one page view to the next.
    return signing.Signer(salt=FEED_SALT)


def feed_key_for(user) -> str:
    """The key that lets a calendar client read the feeds as ``user``."""
    payload = {"u": user.pk}
    if user.calendar_feed_nonce:  # keys made before nonces existed carry none
        payload["n"] = user.calendar_feed_nonce
    return _feed_signer().sign_object(payload)


def user_for_feed_key(key: str | None):
    """The active user a feed key was made for, or None if the key is bad, replaced, or the
    user gone."""
    if not key:
        return None
    try:
        data = _feed_signer().unsign_object(key)
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    pk, nonce = data.get("u"), data.get("n", "")
    if not isinstance(pk, int) or isinstance(pk, bool) or not isinstance(nonce, str):
        return None
    user = get_user_model().objects.filter(pk=pk, is_active=True).first()
    if user is None or not constant_time_compare(nonce, user.calendar_feed_nonce):
        return None
    return user
