"""What a generated platform answers on ``GET /_webnova/usage`` (its ``metering.py``), read
as usage records.

An answer is ``{"platform", "records": [...], "cursor", "more"}``; each record is
``{"id", "tenant", "resource", "quantity", "unit", "period_start", "period_end"}`` with an
integer quantity: ``requests`` (per tenant and hour), ``active_users`` (users counted for
the first time that day) and ``storage`` (the tenant's stored bytes, measured once a day).
They become ``platform.requests``, ``platform.active_users`` and ``platform.storage_gb``
(bytes ÷ 10⁹, to six decimal places) of the platform's environment, source and category
``platform``, provider ``owner`` (the owner runs the platform).

Anything malformed is a :class:`PlatformUsageError` naming the field (``records[3].quantity``),
and then nothing of the answer is kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from app.domain.costs.usage import (
    KNOWN_RESOURCES,
    STEP,
    UsageRecord,
    UsageRecordError,
    parse_time,
)

# the platform's resource -> (its unit there, the console's resource, bytes per unit)
RESOURCES: dict[str, tuple[str, str, int]] = {
    "requests": ("request", "platform.requests", 1),
    "active_users": ("user", "platform.active_users", 1),
    "storage": ("byte", "platform.storage_gb", 10**9),
}
MAX_ID = 20


class PlatformUsageError(ValueError):
    """A metering answer that cannot be read; ``field`` names where."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class PlatformUsagePage:
    records: tuple[tuple[str, UsageRecord], ...]  # (the platform's id of the row, the record)
    cursor: str
    more: bool


def _cursor(value: object, field: str) -> str:
    if not isinstance(value, str) or not value.isdigit() or len(value) > MAX_ID:
        raise PlatformUsageError(field, f"must be a whole number as text, not {value!r}")
    return value


def read_page(answer: object, platform: str, environment: str, after: str) -> PlatformUsagePage:
    """The records of one answer to a pull after cursor ``after`` ("" for the start)."""
    if not isinstance(answer, Mapping):
        raise PlatformUsageError("answer", "must be a JSON object")
    for name in ("records", "cursor", "more"):
        if name not in answer:
            raise PlatformUsageError(name, "is missing")
    if answer.get("platform") not in (None, platform):
        raise PlatformUsageError("platform", f"is {answer.get('platform')!r}, not {platform!r}: "
                                 "the address answers for another platform")
    items = answer["records"]
    if not isinstance(items, list):
        raise PlatformUsageError("records", "must be a list")
    more = answer["more"]
    if not isinstance(more, bool):
        raise PlatformUsageError("more", "must be true or false")
    cursor = _cursor(answer["cursor"], "cursor")
    start = int(after or 0)
    if int(cursor) < start:
        raise PlatformUsageError("cursor", f"{cursor} goes back before {start}")
    records = []
    previous = start
    for index, item in enumerate(items):
        where = f"records[{index}]"
        row_id, record = _record(item, where, platform, environment)
        if not previous < int(row_id) <= int(cursor):
            raise PlatformUsageError(f"{where}.id", f"{row_id} is not after {previous} and up to "
                                     f"the cursor {cursor}")
        previous = int(row_id)
        records.append((row_id, record))
    if more and (not records or cursor == str(start)):
        raise PlatformUsageError("more", "is true but the answer brought nothing new")
    return PlatformUsagePage(tuple(records), cursor, more)


def _record(item: object, where: str, platform: str,
            environment: str) -> tuple[str, UsageRecord]:
    if not isinstance(item, Mapping):
        raise PlatformUsageError(where, "must be an object")
    for name in ("id", "tenant", "resource", "quantity", "unit", "period_start", "period_end"):
        if name not in item:
            raise PlatformUsageError(f"{where}.{name}", "is missing")
    row_id = _cursor(item["id"], f"{where}.id")
    resource = item["resource"]
    if resource not in RESOURCES:
        raise PlatformUsageError(f"{where}.resource", f"{resource!r} is not one of "
                                 f"{', '.join(RESOURCES)}")
    unit, name, per_unit = RESOURCES[resource]
    if item["unit"] != unit:
        raise PlatformUsageError(f"{where}.unit", f"{resource} is counted in {unit!r}, "
                                 f"not {item['unit']!r}")
    quantity = item["quantity"]
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 0:
        raise PlatformUsageError(f"{where}.quantity", f"must be a whole number of at least 0, "
                                 f"not {quantity!r}")
    tenant = item["tenant"]
    if not isinstance(tenant, str) or not tenant.strip():
        raise PlatformUsageError(f"{where}.tenant", "must be a tenant's id")
    amount = (Decimal(quantity) / per_unit).quantize(STEP, ROUND_HALF_UP)
    try:
        start = parse_time("period_start", item["period_start"])
        end = parse_time("period_end", item["period_end"])
        record = UsageRecord(name, amount, KNOWN_RESOURCES[name][0], start, end, "platform",
                             "platform", "owner", platform, environment, tenant)
    except UsageRecordError as exc:
        raise PlatformUsageError(f"{where}.{exc.field}", exc.message) from None
    return row_id, record

