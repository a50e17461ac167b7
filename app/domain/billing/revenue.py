"""What a platform's tiers earn at Stripe: MRR, churn and money received, per tier, from the
Stripe events the console has recorded (``customer.subscription.*``, ``invoice.paid``,
``payout.paid``).

Pure. :func:`trim` keeps what the figures need of one Stripe event (no customer's name,
e-mail or address is kept); :func:`figures` replays the recorded events in their order:

- a subscription is *paying* while its status is ``active`` or ``past_due`` (a trial pays
  nothing yet; ``unpaid``, ``paused`` and ``canceled`` pay nothing);
- **MRR** is the sum of the paying subscriptions' recurring amounts (unit amount × quantity)
  at the period's end (or now, if sooner), normalised to a month: a yearly price counts
  a twelfth, a weekly one 52/12, a daily one 365/12, divided by the interval count;
- **churn** is the share of the subscriptions paying at the period's start that were
  cancelled (``customer.subscription.deleted``) within it; none when none was paying;
- **received** is the invoices paid within the period (``status_transitions.paid_at``),
  by currency and converted to the owner's currency at the owner's rate of the day paid;
- **payouts** are the payouts paid within the period, by currency (money moved to the bank:
  shown, never added to what was received).

A subscription's tier is the ``webnova_tier`` of its price's metadata (set by ``billing
sync``); a price another platform's sync made is not counted here, and a price made outside
the console counts under the tier ``""`` (shown as "other").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from app.domain.billing.catalog import THREE_DECIMAL, ZERO_DECIMAL
from app.domain.costs.money import ExchangeRates, Money, currency_code, total

SUBSCRIPTION_TYPES = ("customer.subscription.created", "customer.subscription.updated",
                      "customer.subscription.deleted")
EVENT_TYPES = (*SUBSCRIPTION_TYPES, "invoice.paid", "payout.paid")
PAYING = frozenset({"active", "past_due"})
PER_MONTH = {"month": Decimal(1), "year": Decimal(1) / 12, "week": Decimal(52) / 12,
             "day": Decimal(365) / 12}


def stripe_amount(minor: int, currency: str) -> Money:
    """Stripe's integer amount (in the currency's smallest unit) as Money."""
    code = currency_code(currency, "Stripe currency")
    exponent = 0 if code in ZERO_DECIMAL else 3 if code in THREE_DECIMAL else 2
    return Money(Decimal(int(minor)).scaleb(-exponent), code)


def _price(price: Mapping[str, Any] | None, quantity: Any) -> dict[str, Any]:
    price = price or {}
    recurring = price.get("recurring") or {}
    meta = price.get("metadata") or {}
    return {"price": price.get("id"), "unit_amount": int(price.get("unit_amount") or 0),
            "currency": str(price.get("currency") or ""), "interval": recurring.get("interval"),
            "interval_count": int(recurring.get("interval_count") or 1),
            "quantity": int(quantity if quantity is not None else 1),
            "platform": meta.get("webnova_platform"), "tier": meta.get("webnova_tier") or ""}


def trim(event: Mapping[str, Any]) -> dict[str, Any]:
    """The parts of a Stripe event (as its JSON) the figures need."""
    kind = str(event["type"])
    obj = event["data"]["object"]
    kept: dict[str, Any]
    if kind.startswith("customer.subscription."):
        kept = {"id": obj["id"], "status": obj["status"],
                "items": [_price(i.get("price"), i.get("quantity"))
                          for i in (obj.get("items") or {}).get("data", [])]}
    elif kind.startswith("invoice."):
        parent = (obj.get("parent") or {}).get("subscription_details") or {}
        lines = (obj.get("lines") or {}).get("data", [])
        paid_at = (obj.get("status_transitions") or {}).get("paid_at") or event["created"]
        kept = {"id": obj["id"], "amount_paid": int(obj.get("amount_paid") or 0),
                "currency": obj["currency"], "paid_at": int(paid_at),
                "subscription": obj.get("subscription") or parent.get("subscription"),
                "period_start": obj.get("period_start"), "period_end": obj.get("period_end"),
                "items": [_price(line.get("price"), line.get("quantity")) for line in lines
                          if line.get("price")]}
    elif kind.startswith("payout."):
        kept = {"id": obj["id"], "amount": int(obj.get("amount") or 0),
                "currency": obj["currency"], "arrival_date": obj.get("arrival_date")}
    else:
        kept = {"id": obj.get("id")}
    return {"id": event["id"], "type": kind, "created": int(event["created"]), "object": kept}


@dataclass
class TierFigures:
    tier: str
    mrr: Money
    paying_at_start: int = 0
    paying_at_end: int = 0
    cancelled: int = 0  # of those paying at the start
    received: Money | None = None
    received_by_currency: dict[str, Money] = field(default_factory=dict)

    @property
    def churn(self) -> Decimal | None:
        return (Decimal(self.cancelled) / self.paying_at_start) if self.paying_at_start else None

    def to_json(self) -> dict[str, Any]:
        churn = self.churn
        return {"tier": self.tier, "mrr": str(self.mrr.rounded().amount),
                "subscriptions_at_start": self.paying_at_start,
                "subscriptions_at_end": self.paying_at_end, "cancelled": self.cancelled,
                "churn": None if churn is None else str(churn.quantize(Decimal("0.0001"))),
                "received": str((self.received or Money.zero(self.mrr.currency))
                                .rounded().amount),
                "received_by_currency": {c: str(m.rounded().amount)
                                         for c, m in sorted(self.received_by_currency.items())}}


@dataclass
class PlatformRevenue:
    platform: str
    start: date
    end: date  # exclusive
    currency: str
    tiers: list[TierFigures]
    payouts: dict[str, Money]
    cost: Money | None = None  # from the costing engine, when it could price the period

    @property
    def mrr(self) -> Money:
        return total((t.mrr for t in self.tiers), self.currency)

    @property
    def received(self) -> Money:
        return total((t.received for t in self.tiers if t.received is not None), self.currency)

    @property
    def churn(self) -> Decimal | None:
        start = sum(t.paying_at_start for t in self.tiers)
        return Decimal(sum(t.cancelled for t in self.tiers)) / start if start else None

    @property
    def margin(self) -> Money | None:
        return None if self.cost is None else self.received - self.cost

    def to_json(self) -> dict[str, Any]:
        churn = self.churn

        def amount(m: Money | None) -> str | None:
            return None if m is None else str(m.rounded().amount)

        return {"platform": self.platform, "from": self.start.isoformat(),
                "to": self.end.isoformat(), "currency": self.currency,
                "mrr": amount(self.mrr), "received": amount(self.received),
                "churn": None if churn is None else str(churn.quantize(Decimal("0.0001"))),
                "cost": amount(self.cost), "margin": amount(self.margin),
                "payouts": {c: amount(m) for c, m in sorted(self.payouts.items())},
                "tiers": [t.to_json() for t in self.tiers]}


def _ts(day: date) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())


def _day(ts: int) -> date:
    return datetime.fromtimestamp(ts, UTC).date()


def _monthly(item: Mapping[str, Any]) -> Money:
    per = PER_MONTH.get(str(item["interval"]))
    if per is None:  # a one-off price: not recurring revenue
        return Money.zero(currency_code(item["currency"], "Stripe currency"))
    amount = stripe_amount(item["unit_amount"] * item["quantity"], item["currency"])
    return amount.times(per / item["interval_count"])


def figures(platform: str, events: Iterable[Mapping[str, Any]], start: date, end: date,
            currency: str, rates: ExchangeRates, now: datetime) -> PlatformRevenue:
    """The figures of ``[start, end)`` from the trimmed events, oldest first. A missing
    exchange rate raises ``MissingRateError`` naming the pair and the day."""
    currency = currency_code(currency, "owner's currency")
    t0, t1 = _ts(start), min(_ts(end), int(now.timestamp()))
    mrr_day = min(_day(t1 - 1) if t1 > t0 else start, end)
    at_start: dict[str, dict[str, Any]] = {}
    latest: dict[str, dict[str, Any]] = {}
    cancelled: set[str] = set()
    tiers: dict[str, TierFigures] = {}
    payouts: dict[str, Money] = {}

    def tier(name: str) -> TierFigures:
        return tiers.setdefault(name, TierFigures(name, Money.zero(currency)))

    def ours(items: list[dict[str, Any]]) -> bool:
        return bool(items) and items[0]["platform"] in (None, platform)

    for event in events:
        obj, when, kind = event["object"], int(event["created"]), str(event["type"])
        if kind in SUBSCRIPTION_TYPES:
            if not ours(obj["items"]):
                continue
            if when < t0:
                at_start[obj["id"]] = obj
            if when < t1:
                latest[obj["id"]] = obj
                if kind.endswith(".deleted") and when >= t0:
                    cancelled.add(obj["id"])
        elif kind == "invoice.paid":
            paid = int(obj["paid_at"])
            if not t0 <= paid < t1 or (obj["items"] and not ours(obj["items"])):
                continue
            subscription = latest.get(obj["subscription"] or "")
            items = obj["items"] or (subscription or {}).get("items") or [{"tier": ""}]
            figures_of = tier(items[0]["tier"])
            money = stripe_amount(obj["amount_paid"], obj["currency"])
            got = figures_of.received_by_currency.get(money.currency)
            figures_of.received_by_currency[money.currency] = money if got is None else got + money
            converted = rates.convert(money, currency, _day(paid))
            figures_of.received = (converted if figures_of.received is None
                                   else figures_of.received + converted)
        elif kind == "payout.paid" and t0 <= when < t1:
            money = stripe_amount(obj["amount"], obj["currency"])
            payouts[money.currency] = payouts.get(money.currency, Money.zero(money.currency)) + money
    for ident, obj in at_start.items():
        if obj["status"] in PAYING:
            figures_of = tier(obj["items"][0]["tier"])
            figures_of.paying_at_start += 1
            if ident in cancelled:
                figures_of.cancelled += 1
    for obj in latest.values():
        if obj["status"] in PAYING:
            figures_of = tier(obj["items"][0]["tier"])
            figures_of.paying_at_end += 1
            for item in obj["items"]:
                monthly = _monthly(item)
                figures_of.mrr = figures_of.mrr + rates.convert(monthly, currency, mrr_day)
    ordered = [tiers[k] for k in sorted(tiers)]
    return PlatformRevenue(platform, start, end, currency, ordered, payouts)
