"""Usage records: who used how much of what, for which platform, environment and tenant,
over which period. Every cost the console shows is a usage record times a price.

A record is validated when it is made; a bad value is a :class:`UsageRecordError` naming
the field (``quantity: must not be negative``). Quantities are ``Decimal`` with at most
six decimal places, so sums are exact everywhere (the rollup keeps micro-units as integers).

Where records come from:

* ``UsageRecorded`` events, one record each: imports (``webnova usage import``), platform
  reports and the cloud meter (:mod:`app.domain.costs.cloud_meter`);
* ``AiUsageRecorded`` events the assistant already writes: :func:`records_from_ai_usage`
  reads them as records, so AI usage is booked once, by the assistant, and never twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

USAGE_RECORDED = "UsageRecorded"
AI_USAGE_RECORDED = "AiUsageRecorded"  # written by app.services.ai_usage

SOURCES = ("ai", "cloud", "platform", "import")
CATEGORIES = ("ai", "cloud", "provider", "platform")
PROVIDERS = ("anthropic", "hetzner", "stripe", "owner")
SCALE = 6  # decimal places a quantity may have
MICRO = Decimal(10) ** SCALE
STEP = Decimal(1).scaleb(-SCALE)
MAX_QUANTITY = Decimal(10) ** 12
MAX_TEXT = 200

# Resources the console knows, with the unit and category they are counted in.
KNOWN_RESOURCES: dict[str, tuple[str, str]] = {
    "ai.tokens.input": ("token", "ai"),
    "ai.tokens.output": ("token", "ai"),
    "ai.tokens.cache_write": ("token", "ai"),
    "ai.tokens.cache_read": ("token", "ai"),
    "cloud.server_hours": ("hour", "cloud"),
    "cloud.volume_gb_months": ("GB-month", "cloud"),
    "cloud.traffic_gb": ("GB", "cloud"),
    "platform.requests": ("request", "platform"),
    "platform.storage_gb": ("GB", "platform"),
    "platform.active_users": ("user", "platform"),
}
_RESOURCE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
_UNIT = re.compile(r"^[A-Za-z][A-Za-z0-9_\-/]{0,39}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
FIELDS = ("actor", "platform", "environment", "tenant", "resource", "quantity", "unit",
          "period_start", "period_end", "source", "category", "provider", "sku")


class UsageRecordError(ValueError):
    """A usage record that cannot be kept; ``field`` names the offending field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class UsageRecord:
    """One measured use of a resource. ``tenant`` is the platform's tenant the usage is for
    ("" when it is not a tenant's: infrastructure, the owner's AI use); ``sku`` says which
    kind of the resource (a model, a server type), which its price depends on."""

    resource: str
    quantity: Decimal
    unit: str
    period_start: datetime
    period_end: datetime
    source: str
    category: str
    provider: str
    platform: str = ""
    environment: str = ""
    tenant: str = ""
    sku: str = ""
    actor: str | None = None

    def __post_init__(self) -> None:
        for name in ("platform", "environment", "tenant", "sku"):
            _text(name, getattr(self, name), required=False)
        if self.actor is not None:
            _text("actor", self.actor, required=False)
        _text("resource", self.resource)
        if not _RESOURCE.match(self.resource):
            raise UsageRecordError("resource", f"{self.resource!r} is not a dotted resource name "
                                   "(like ai.tokens.input or platform.requests)")
        _text("unit", self.unit)
        if not _UNIT.match(self.unit):
            raise UsageRecordError("unit", f"{self.unit!r} is not a unit name (letters, digits, - / _)")
        known = KNOWN_RESOURCES.get(self.resource)
        if known is not None and known[0] != self.unit:
            raise UsageRecordError("unit", f"{self.resource} is counted in {known[0]!r}, "
                                   f"not {self.unit!r}")
        object.__setattr__(self, "quantity", check_quantity(self.quantity))
        for name, allowed in (("source", SOURCES), ("category", CATEGORIES),
                              ("provider", PROVIDERS)):
            value = getattr(self, name)
            if value not in allowed:
                raise UsageRecordError(name, f"{value!r} is not one of {', '.join(allowed)}")
        start = _utc("period_start", self.period_start)
        end = _utc("period_end", self.period_end)
        if end < start:
            raise UsageRecordError("period_end", "is before period_start")
        object.__setattr__(self, "period_start", start)
        object.__setattr__(self, "period_end", end)

    @property
    def day(self) -> str:
        """The UTC day the record counts on in daily rollups: the day its period starts."""
        return self.period_start.strftime("%Y-%m-%d")

    @property
    def micro_units(self) -> int:
        return int(self.quantity * MICRO)

    def dimensions(self) -> tuple[str, str, str, str, str, str, str, str]:
        return (self.platform, self.environment, self.tenant, self.category, self.provider,
                self.resource, self.sku, self.unit)

    def to_json(self) -> dict[str, Any]:
        return {"actor": self.actor, "platform": self.platform, "environment": self.environment,
                "tenant": self.tenant, "resource": self.resource, "quantity": str(self.quantity),
                "unit": self.unit, "period_start": self.period_start.isoformat(),
                "period_end": self.period_end.isoformat(), "source": self.source,
                "category": self.category, "provider": self.provider, "sku": self.sku}

    @classmethod
    def from_json(cls, data: Mapping[str, Any], defaults: Mapping[str, Any] | None = None) -> UsageRecord:
        """A record from JSON values (strings for quantity and times). Unknown fields and
        missing required ones are errors naming the field."""
        if not isinstance(data, Mapping):
            raise UsageRecordError("record", "must be an object")
        unknown = sorted(set(data) - set(FIELDS))
        if unknown:
            raise UsageRecordError(unknown[0], f"is not a field of a usage record "
                                   f"(known: {', '.join(FIELDS)})")
        values = {**(defaults or {}), **{k: v for k, v in data.items() if v is not None}}
        resource = values.get("resource")
        if isinstance(resource, str) and resource and not _RESOURCE.match(resource):
            raise UsageRecordError("resource", f"{resource!r} is not a dotted resource name "
                                   "(like ai.tokens.input or platform.requests)")
        known = KNOWN_RESOURCES.get(str(resource or ""))
        if known is not None:
            values.setdefault("unit", known[0])
            values.setdefault("category", known[1])
        for required in ("resource", "quantity", "unit", "period_start", "source", "category",
                         "provider"):
            if values.get(required) in (None, ""):
                raise UsageRecordError(required, "is missing")
        for name in ("resource", "unit", "source", "category", "provider", "platform",
                     "environment", "tenant", "sku", "actor"):
            if name in values and not isinstance(values[name], str):
                raise UsageRecordError(name, f"must be a text, not {type(values[name]).__name__}")
        start = parse_time("period_start", values["period_start"])
        end = parse_time("period_end", values["period_end"]) if values.get("period_end") else start
        return cls(resource=values["resource"], quantity=parse_quantity(values["quantity"]),
                   unit=values["unit"], period_start=start, period_end=end,
                   source=values["source"], category=values["category"],
                   provider=values["provider"], platform=values.get("platform", ""),
                   environment=values.get("environment", ""), tenant=values.get("tenant", ""),
                   sku=values.get("sku", ""), actor=values.get("actor") or None)


def _text(name: str, value: object, required: bool = True) -> str:
    if not isinstance(value, str):
        raise UsageRecordError(name, f"must be a text, not {type(value).__name__}")
    if required and not value.strip():
        raise UsageRecordError(name, "must not be empty")
    if value != value.strip():
        raise UsageRecordError(name, "must not start or end with spaces")
    if len(value) > MAX_TEXT:
        raise UsageRecordError(name, f"must be at most {MAX_TEXT} characters")
    if _CONTROL.search(value):
        raise UsageRecordError(name, "must not contain control characters")
    return value


def check_quantity(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise UsageRecordError("quantity", f"must be a decimal number, not {type(value).__name__}")
    quantity = Decimal(value)
    if not quantity.is_finite():
        raise UsageRecordError("quantity", "must be a finite number")
    if quantity < 0:
        raise UsageRecordError("quantity", "must not be negative")
    if quantity >= MAX_QUANTITY:
        raise UsageRecordError("quantity", f"must be less than {MAX_QUANTITY:,}")
    exact = quantity.quantize(STEP)
    if exact != quantity:
        raise UsageRecordError("quantity", f"must have at most {SCALE} decimal places")
    return plain(exact)


def plain(value: Decimal) -> Decimal:
    """``value`` without trailing zeros and never in exponent form (100, not 1E+2)."""
    reduced = value.normalize()
    exponent = reduced.as_tuple().exponent
    return reduced.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else reduced


def parse_quantity(value: object) -> Decimal:
    """A quantity from JSON or CSV: a number or a decimal string (floats go through their
    shortest text, so 0.1 stays 0.1)."""
    if isinstance(value, bool):
        raise UsageRecordError("quantity", "must be a decimal number, not bool")
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, str):
        try:
            value = Decimal(value.strip())
        except InvalidOperation:
            raise UsageRecordError("quantity", f"{value!r} is not a decimal number") from None
    return check_quantity(value)


def parse_time(field: str, value: object) -> datetime:
    """An ISO 8601 time with its UTC offset (``2026-11-03T10:00:00Z``), as UTC."""
    if isinstance(value, datetime):
        return _utc(field, value)
    if not isinstance(value, str):
        raise UsageRecordError(field, f"must be an ISO 8601 time, not {type(value).__name__}")
    text = value.strip()
    try:
        moment = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text)
    except ValueError:
        raise UsageRecordError(field, f"{value!r} is not an ISO 8601 time") from None
    return _utc(field, moment)


def _utc(field: str, moment: object) -> datetime:
    if not isinstance(moment, datetime):
        raise UsageRecordError(field, "must be a time")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise UsageRecordError(field, "must include a UTC offset (for example 2026-11-03T10:00:00Z)")
    return moment.astimezone(UTC)


_AI_TOKENS = (("input_tokens", "ai.tokens.input"), ("output_tokens", "ai.tokens.output"),
              ("cache_creation_input_tokens", "ai.tokens.cache_write"),
              ("cache_read_input_tokens", "ai.tokens.cache_read"))


def records_from_ai_usage(data: Mapping[str, Any], at: datetime,
                          actor: str | None) -> list[UsageRecord]:
    """The usage records one ``AiUsageRecorded`` event stands for: one per kind of token
    the call used (none for zero), counted by model (the ``sku``)."""
    model = str(data.get("model") or "")[:MAX_TEXT]
    records = []
    for key, resource in _AI_TOKENS:
        count = data.get(key) or 0
        if isinstance(count, int) and not isinstance(count, bool) and count > 0:
            records.append(UsageRecord(resource, Decimal(count), "token", at, at, "ai", "ai",
                                       "anthropic", sku=model, actor=actor))
    return records


DIMENSIONS = ("platform", "environment", "tenant", "category", "provider", "resource", "sku", "unit")


@dataclass(frozen=True, slots=True)
class UsageSum:
    """A sum of usage over some days for one combination of dimensions (the ones a query
    grouped by; the others are absent). ``day`` is set in per-day series."""

    dimensions: Mapping[str, str]
    quantity: Decimal
    records: int
    day: str | None = None

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"day": self.day} if self.day is not None else {}
        return {**body, **self.dimensions, "quantity": str(self.quantity), "records": self.records}


def check_dimensions(names: Iterable[str], field: str = "by") -> tuple[str, ...]:
    chosen = tuple(names)
    for name in chosen:
        if name not in DIMENSIONS:
            raise UsageRecordError(field, f"{name!r} is not a dimension (known: {', '.join(DIMENSIONS)})")
    return chosen


def month_range(period: str) -> tuple[date, date]:
    """``2026-11`` as the days it spans: ``(2026-11-01, 2026-12-01)``, the end excluded."""
    if not re.fullmatch(r"\d{4}-\d{2}", period or ""):
        raise UsageRecordError("period", f"{period!r} is not a month (use YYYY-MM, like 2026-11)")
    year, month = int(period[:4]), int(period[5:])
    if not 1 <= month <= 12 or year < 1:
        raise UsageRecordError("period", f"{period!r} is not a month (use YYYY-MM, like 2026-11)")
    start = date(year, month, 1)
    end = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return start, end


def records_of_event(kind: str, data: Mapping[str, Any], at: datetime,
                     actor: str | None) -> list[UsageRecord]:
    """The usage records an event of the store stands for (none for other events)."""
    if kind == USAGE_RECORDED:
        return [UsageRecord.from_json(data)]
    if kind == AI_USAGE_RECORDED:
        return records_from_ai_usage(data, at, actor)
    return []


_ROLLUP_CHECKED = ("resource", "unit", "source", "category", "provider", "platform",
                   "environment", "tenant", "sku", "actor")
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


@lru_cache(maxsize=8192)
def _checked_dimensions(values: tuple[Any, ...]) -> tuple[str, ...]:
    """A record's text fields, validated once per distinct combination (a rollup meets the
    same few combinations again and again)."""
    fields = dict(zip(_ROLLUP_CHECKED, values, strict=True))
    record = UsageRecord(fields["resource"], Decimal(0), fields["unit"], _EPOCH, _EPOCH,
                         fields["source"], fields["category"], fields["provider"],
                         fields["platform"], fields["environment"], fields["tenant"],
                         fields["sku"], fields["actor"])
    return record.dimensions()


def rollup_entry(data: Mapping[str, Any]) -> tuple[str, tuple[str, ...], int]:
    """(UTC day, dimensions, quantity in micro-units) of a ``UsageRecorded`` event's data,
    as :meth:`UsageRecord.from_json` would read it: the same checks, with the text fields of
    complete records checked once per distinct combination."""
    if len(data) != len(FIELDS) or not all(name in data for name in FIELDS) or any(
            not isinstance(data[name], str) for name in FIELDS if name != "actor"):
        record = UsageRecord.from_json(data)
        return record.day, record.dimensions(), record.micro_units
    try:
        dimensions = _checked_dimensions(tuple(data[name] for name in _ROLLUP_CHECKED))
    except TypeError:  # an actor that is not a text (unhashable, say): the full check says so
        record = UsageRecord.from_json(data)
        return record.day, record.dimensions(), record.micro_units
    quantity = parse_quantity(data["quantity"])
    start = parse_time("period_start", data["period_start"])
    end = parse_time("period_end", data["period_end"]) if data["period_end"] else start
    if end < start:
        raise UsageRecordError("period_end", "is before period_start")
    return start.date().isoformat(), dimensions, int(quantity * MICRO)
