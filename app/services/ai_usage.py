"""AI usage as events: model, tokens and price of every call, for the cost dashboards and
for the Governor's monthly AI token budget.

Usage is kept in one stream per tenant and month (``ai-usage:<tenant>:<YYYY-MM>``), so
"tokens used this month" reads one short stream instead of the whole workspace.

The ``cost`` kept in each event (from the assistant's own table, app/domain/assist/pricing.py)
is the assistant's running figure for its own panel only. What AI usage costs on a
dashboard, in ``webnova costs report`` and against budgets is priced in one place: the
costs service (app/services/costs.py), from the tokens of these events and the workspace's
price books (shipped Claude prices, the owner's own, dated; converted to the owner's
currency).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from app.domain.assist.pricing import CURRENCY, cost
from app.domain.events import NewEvent
from app.services.ports import EventStore

USAGE_RECORDED = "AiUsageRecorded"
Clock = Callable[[], datetime]


def usage_stream(tenant_id: str, month: str) -> str:
    return f"ai-usage:{tenant_id}:{month}"


def month_of(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m")


@dataclass(frozen=True)
class UsageRecord:
    model: str
    input_tokens: int
    output_tokens: int
    cost: Decimal | None  # None: the model is not in the price table
    currency: str
    engine: str
    purpose: str  # "assist", "explain" or "review"
    conversation_id: str | None = None
    request_id: str | None = None
    cache_creation_input_tokens: int = 0  # written to the prompt cache (input not counted above)
    cache_read_input_tokens: int = 0  # read from the prompt cache

    @property
    def tokens(self) -> int:
        """Every token the call processed, cached or not: what the budget counts."""
        return (self.input_tokens + self.cache_creation_input_tokens
                + self.cache_read_input_tokens + self.output_tokens)

    @classmethod
    def for_call(cls, model: str, input_tokens: int, output_tokens: int, purpose: str,
                 conversation_id: str | None = None, request_id: str | None = None,
                 cache_creation_input_tokens: int = 0,
                 cache_read_input_tokens: int = 0) -> UsageRecord:
        price = cost(model, input_tokens, output_tokens, cache_creation_input_tokens,
                     cache_read_input_tokens)
        return cls(model, input_tokens, output_tokens, price, CURRENCY, "claude", purpose,
                   conversation_id, request_id, cache_creation_input_tokens,
                   cache_read_input_tokens)

    def to_json(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "input_tokens": self.input_tokens,
            "output_tokens": self.output_tokens,
            "cost": None if self.cost is None else str(self.cost),
            "currency": self.currency,
            "engine": self.engine,
            "purpose": self.purpose,
            "conversation_id": self.conversation_id,
            "request_id": self.request_id,
            "cache_creation_input_tokens": self.cache_creation_input_tokens,
            "cache_read_input_tokens": self.cache_read_input_tokens,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> UsageRecord:
        raw = data.get("cost")
        return cls(str(data.get("model", "")), int(data.get("input_tokens", 0)),
                   int(data.get("output_tokens", 0)), None if raw is None else Decimal(str(raw)),
                   str(data.get("currency", CURRENCY)), str(data.get("engine", "claude")),
                   str(data.get("purpose", "")), data.get("conversation_id"), data.get("request_id"),
                   int(data.get("cache_creation_input_tokens", 0)),
                   int(data.get("cache_read_input_tokens", 0)))


class UsageLedger:
    def __init__(self, store: EventStore, tenant_id: str, clock: Clock | None = None) -> None:
        self.store = store
        self.tenant_id = tenant_id
        self.clock = clock or (lambda: datetime.now(UTC))

    def record_now(self, record: UsageRecord, actor: str | None) -> None:
        stream = usage_stream(self.tenant_id, month_of(self.clock()))
        self.store.append(stream, [NewEvent(USAGE_RECORDED, self.tenant_id, record.to_json(),
                                            {"actor": actor})], None)

    def month_now(self, tenant_id: str | None = None, month: str | None = None) -> list[UsageRecord]:
        stream = usage_stream(tenant_id or self.tenant_id, month or month_of(self.clock()))
        return [UsageRecord.from_json(e.data) for e in self.store.read_stream(stream)
                if e.type == USAGE_RECORDED]

    def tokens_used_now(self, tenant_id: str) -> int:
        """Input and output tokens of every call this calendar month (UTC); what the
        Governor compares with the constitution's monthly AI token budget."""
        return sum(r.tokens for r in self.month_now(tenant_id))

    def totals_now(self, month: str | None = None) -> dict[str, Any]:
        records = self.month_now(month=month)
        priced = [r.cost for r in records if r.cost is not None]
        return {"month": month or month_of(self.clock()), "calls": len(records),
                "input_tokens": sum(r.input_tokens for r in records),
                "output_tokens": sum(r.output_tokens for r in records),
                "cache_creation_input_tokens": sum(r.cache_creation_input_tokens for r in records),
                "cache_read_input_tokens": sum(r.cache_read_input_tokens for r in records),
                "cost": str(sum(priced, Decimal(0))), "currency": CURRENCY,
                "unpriced_calls": len(records) - len(priced)}
