"""The console retries a failed call to Claude by the official SDK's rules
(``anthropic._base_client``: ``_should_retry`` and ``_calculate_retry_timeout``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.assist.retry import RetryPolicy, parse_retry_after, should_retry

POLICY = RetryPolicy(max_retries=3)


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503, 504, 529])
def test_statuses_the_sdk_retries(status: int) -> None:
    assert should_retry(status, {})


@pytest.mark.parametrize("status", [400, 401, 402, 403, 404, 413, 422])
def test_statuses_the_sdk_does_not_retry(status: int) -> None:
    assert not should_retry(status, {})


def test_x_should_retry_overrides_the_status() -> None:
    assert not should_retry(529, {"X-Should-Retry": "false"})
    assert should_retry(400, {"x-should-retry": "true"})
    assert should_retry(500, {"x-should-retry": "maybe"})  # anything else: the status decides


@pytest.mark.parametrize(("retry_after", "expected"), [
    (0.001, 0.001), (3.0, 3.0), (60.0, 60.0),  # honoured: more than 0, at most a minute
    (0.0, 0.5), (-4.0, 0.5), (60.5, 0.5), (120.0, 0.5), (None, 0.5),  # otherwise backoff
])
def test_retry_after_is_honoured_only_between_0_and_60_seconds(retry_after: float | None,
                                                               expected: float) -> None:
    assert POLICY.delay(0, retry_after) == expected


def test_backoff_doubles_from_half_a_second_up_to_eight() -> None:
    policy = RetryPolicy(max_retries=8)
    assert [policy.delay(n, None) for n in range(7)] == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]


def test_attempts_are_bounded() -> None:
    assert POLICY.delay(2, None) == 2.0
    assert POLICY.delay(3, None) is None
    assert POLICY.delay(3, 1.0) is None
    assert RetryPolicy(max_retries=0).delay(0, 1.0) is None


@given(st.integers(min_value=0, max_value=2000), st.floats(min_value=0.0, max_value=0.999999))
def test_jitter_shortens_the_backoff_by_at_most_a_quarter(retry: int, jitter: float) -> None:
    policy = RetryPolicy(max_retries=5000)
    full = policy.delay(retry, None)
    waited = policy.delay(retry, None, jitter)
    assert full is not None
    assert waited is not None
    assert 0.75 * full <= waited <= full
    assert waited == pytest.approx(full * (1 - 0.25 * jitter))


def test_retry_after_headers_in_milliseconds_seconds_or_a_date() -> None:
    now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    assert parse_retry_after({"retry-after-ms": "250", "retry-after": "9"}) == 0.25
    assert parse_retry_after({"retry-after-ms": "soon", "retry-after": "9"}) == 9.0
    assert parse_retry_after({"Retry-After": "1.5"}) == 1.5
    date = format_datetime(now + timedelta(seconds=30), usegmt=True)
    assert parse_retry_after({"retry-after": date}, now) == 30.0
    past = format_datetime(now - timedelta(seconds=30), usegmt=True)
    assert POLICY.delay(0, parse_retry_after({"retry-after": past}, now)) == 0.5
    assert parse_retry_after({"retry-after": "tomorrow-ish"}) is None
    assert parse_retry_after({}) is None
