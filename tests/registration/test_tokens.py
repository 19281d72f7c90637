"""Badge tokens: signed, rotated with the key, forged ones refused."""

import pytest

from tripartite.registration import tokens


def test_a_token_round_trips_and_carries_only_the_badge_id():
    token = tokens.sign("abc123")
    assert token.startswith("abc123:")
    assert tokens.unsign(f"  {token}\n") == "abc123"


@pytest.mark.parametrize("text", ["", "abc123", "abc123:forged", "x" * 300, None])
def test_forged_or_damaged_tokens_are_refused(text):
    with pytest.raises(tokens.InvalidToken):
        tokens.unsign(text)


def test_a_token_signed_with_another_key_is_refused(settings):
    token = tokens.sign("abc123")
    settings.BADGE_SIGNING_KEY = "a-brand-new-key"
    with pytest.raises(tokens.InvalidToken):
        tokens.unsign(token)


def test_rotating_the_key_keeps_old_badges_valid(settings):
    old_key = settings.BADGE_SIGNING_KEY
    token = tokens.sign("abc123")
    settings.BADGE_SIGNING_KEY = "the-new-key"
    settings.BADGE_SIGNING_KEY_FALLBACKS = [old_key]
    assert tokens.unsign(token) == "abc123"
    assert tokens.sign("abc123") != token  # new badges get the new key
