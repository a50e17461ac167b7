"""When to try a call to Claude again, and how long to wait first: the official SDK's rules.

The rules are those of ``anthropic._base_client`` (``_should_retry``,
``_calculate_retry_timeout``): the server's ``x-should-retry: true|false`` decides when it is
sent; otherwise 408, 409, 429 and every status from 500 (529 overload included) are retried,
and so are timeouts and dropped connections. The wait is the server's ``retry-after-ms``, or
``retry-after`` in seconds or as an HTTP date, when it is more than 0 and at most 60 seconds;
otherwise it is the exponential backoff, 0.5 s doubling up to 8 s, times a jitter factor
between 0.75 and 1.

A ``retry-after`` beyond 60 seconds is not waited for: the console follows the backoff like
the SDK's documented rule, because a desktop chat that sits silent for minutes looks hung,
and the retries stay bounded. If they all fail, the error shown names the server's wait, so
the owner knows when to try again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

RETRYABLE_KINDS = frozenset({"rate_limited", "overloaded", "server", "timeout", "connection",
                             "conflict"})
RETRYABLE_STATUSES = frozenset({408, 409, 429})


def should_retry(status: int, headers: Mapping[str, str]) -> bool:
    """Whether an HTTP error status is worth another attempt (the SDK's ``_should_retry``)."""
    lowered = {k.lower(): v for k, v in headers.items()}
    hint = lowered.get("x-should-retry")
    if hint == "true":
        return True
    if hint == "false":
        return False
    return status in RETRYABLE_STATUSES or status >= 500


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int = 3
    base: float = 0.5
    cap: float = 8.0
    longest_honoured: float = 60.0  # a longer retry-after falls back to the backoff

    def delay(self, retry: int, retry_after: float | None, jitter: float = 0.0) -> float | None:
        """Seconds to wait before retry number ``retry`` (0-based), or None to give up.
        ``jitter`` is a random number in [0, 1): the backoff is shortened by up to a quarter."""
        if retry >= self.max_retries:
            return None
        if retry_after is not None and 0 < retry_after <= self.longest_honoured:
            return retry_after
        backoff = min(self.base * (2.0 ** min(retry, 1000)), self.cap)
        return max(0.0, backoff * (1 - 0.25 * min(max(jitter, 0.0), 1.0)))


def parse_retry_after(headers: Mapping[str, str], now: datetime | None = None) -> float | None:
    """``retry-after-ms`` (milliseconds), else ``retry-after`` (seconds or an HTTP date)."""
    lowered = {k.lower(): v for k, v in headers.items()}
    millis = lowered.get("retry-after-ms")
    if millis is not None:
        try:
            return float(millis) / 1000.0
        except ValueError:
            pass
    value = lowered.get("retry-after")
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return (when - (now or datetime.now(UTC))).total_seconds()
