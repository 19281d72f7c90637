"""The shared rate limit, in the database (no Redis): fixed windows, expired ones removed."""

from datetime import UTC, datetime, timedelta

import pytest

from tripartite.common import ratelimit
from tripartite.common.models import RateCounter

pytestmark = pytest.mark.django_db
AT = datetime(2026, 6, 8, 9, 30, 5, tzinfo=UTC)


def test_a_window_allows_the_limit_then_refuses():
    answers = [ratelimit.hit("door:1", 3, 60, now=AT + timedelta(seconds=i)) for i in range(5)]

    assert answers == [True, True, True, False, False]
    assert list(RateCounter.objects.filter(key__startswith="door:").values_list(
        "key", "window_start", "count")) == [
        ("door:1", datetime(2026, 6, 8, 9, 30, tzinfo=UTC), 5)]


def test_each_key_counts_alone():
    assert ratelimit.hit("door:1", 1, 60, now=AT)
    assert ratelimit.hit("door:2", 1, 60, now=AT)
    assert not ratelimit.hit("door:1", 1, 60, now=AT)


def test_the_next_window_starts_again_and_removes_the_ended_ones():
    ratelimit.hit("door:1", 1, 60, now=AT)
    ratelimit.hit("door:2", 1, 60, now=AT)

    allowed = ratelimit.hit("door:1", 1, 60, now=AT + timedelta(seconds=60))

    assert allowed is True
    assert list(RateCounter.objects.filter(key__startswith="door:").values_list(
        "key", "window_start", "count")) == [
        ("door:1", datetime(2026, 6, 8, 9, 31, tzinfo=UTC), 1)]


def test_a_key_too_long_is_a_programming_error():
    with pytest.raises(ValueError, match="at most 200 characters"):
        ratelimit.hit("k" * 201, 1, 60, now=AT)
