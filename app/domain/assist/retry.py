"""When to try a call to Claude again, and how long to wait first.

Rate limits (429), overload (529), server errors (5xx), timeouts and dropped connections
are retried; the server's ``retry-after-ms`` or ``retry-after`` is honoured when it is
sensible, otherwise the wait doubles from ``base`` up to ``cap``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

RETRYABLE_KINDS = frozenset({"rate_limited", "overloaded", "server", "timeout", "connection"})


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int = 3
    base: float = 0.5
    cap: float = 8.0
    longest_honoured: float = 60.0  # a longer retry-after is a reason to give up, not to wait

    def delay(self, retry: int, retry_after: float | None) -> float | None:
        """Seconds to wait before retry number ``retry`` (0-based), or None to give up."""
        if retry >= self.max_retries:
            return None
        if retry_after is not None:
            if retry_after > self.longest_honoured:
                return None
            return max(0.0, retry_after)
        return float(min(self.base * (2 ** retry), self.cap))


def parse_retry_after(headers: dict[str, str], now: datetime | None = None) -> float | None:
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
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
