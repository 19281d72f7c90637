"""The token a badge's QR code carries: the badge's random id, signed. No personal data.

Signed with ``BADGE_SIGNING_KEY``; keys listed in ``BADGE_SIGNING_KEY_FALLBACKS`` are
still accepted, so the key can be rotated without reprinting every badge at once.
Revocation is the badge's own (``Badge.revoked_at``): a valid signature on a revoked
badge is refused all the same.
"""

from django.conf import settings
from django.core import signing

SALT = "tripartite.registration.badge"


class InvalidToken(Exception):
    """The text is not a token signed by any of our keys: forged, damaged or mistyped."""


def _signer() -> signing.Signer:
    return signing.Signer(key=settings.BADGE_SIGNING_KEY,
                          fallback_keys=settings.BADGE_SIGNING_KEY_FALLBACKS, salt=SALT)


def sign(token_id: str) -> str:
    """The text to put in the QR code for the badge whose ``token_id`` is given."""
    return _signer().sign(token_id)


def unsign(token: str) -> str:
    """The badge's ``token_id`` from a scanned or typed token; InvalidToken if not ours."""
    text = (token or "").strip()
    if not text or len(text) > 200:
        raise InvalidToken
    try:
        return _signer().unsign(text)
    except signing.BadSignature as error:
        raise InvalidToken from error
