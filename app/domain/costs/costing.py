"""Costing: the usage rollup priced by the price books, in the owner's currency.

:func:`price_rows` takes the rollup's daily rows (one per UTC day and every dimension) and
prices each on its own day, with the books in force that day (:class:`PriceBooks`), then
converts it to the owner's currency at the owner's rate of that day. A missing rate is an
error naming the pair and the day (:class:`MissingRateError`); everything else that cannot
be priced comes back as an :class:`UnpricedLine` with its reason, never as zero.

How a usage resource finds its price:

=================================  ===========================================================
``ai.tokens.<kind>`` (anthropic)    the Claude price of the model in ``sku`` for that token kind
``cloud.server_hours`` (hetzner)    the server type and location in ``sku``
``cloud.volume_gb_months``          Hetzner's price per GB and month
``cloud.traffic_gb`` (hetzner)      per TB over what the server type in ``sku`` includes
category ``platform`` (any)         the owner's price model named ``<platform>/<resource>``,
                                    else ``<resource>`` (``platform.requests``): REVENUE
=================================  ===========================================================

A cloud ``sku`` is ``<type>@<location>/<resource name>`` (``cx22@fsn1/wn-hub-app-1``, as the
cloud meter writes it); ``cx22`` alone (usage metered before locations were recorded, or an
import) is priced when the type costs the same in every location, else unpriced. A platform
resource is bound to an owner's price model by that model's name: a model named
``hub/platform.requests`` prices hub's requests, ``platform.requests`` every other
platform's; its unit must be the usage's unit. Tenants are charged the model's default price
(usage records do not carry the tenant's country).

Prices that depend on the month so far — Hetzner's whole-hour billing capped at the monthly
price per server and month, traffic included per server and month, the owner's flat, tiered
and volume models — are applied to the month's running quantity: a day costs
``charge(quantity through that day) - charge(quantity before it)``, both with the day's
books. With one book in force all month the days add up to exactly ``charge(month)``; when a
book changes mid-month, each day is priced by its own. Server-hours without a resource name
in ``sku`` are priced day by day (the cap cannot be told apart per server: never too low).

Amounts are kept exact; round them (:meth:`Money.rounded`) when shown or written out. Hetzner
amounts are net of VAT.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from app.domain.costs.anthropic import ModelNotPricedError, TokenKind
from app.domain.costs.books import NotInForceError, PriceBooks, Resource
from app.domain.costs.hetzner import TB, HetznerKind, HetznerPrices, TypeNotListedError
from app.domain.costs.money import (
    CurrencyMismatchError,
    MissingRateError,
    Money,
    MoneyError,
    currency_code,
)
from app.domain.costs.unpriced import (
    BOOK_NOT_IN_FORCE,
    MODEL_NOT_PRICED,
    NO_BOOK_YET,
    NO_MODEL,
    NO_OWNER_MODEL,
    NO_PRICE_BOOK,
    NO_SERVER_TYPE,
    OWNER_UNIT_MISMATCH,
    PRICE_ERROR,
    SERVER_LOCATION_AMBIGUOUS,
    TRAFFIC_WITHOUT_SERVER,
    TYPE_NOT_LISTED,
    UNKNOWN_SERVER_TYPE,
    UnpricedReason,
)
from app.domain.costs.usage import DIMENSIONS, UsageSum

COST = "cost"
REVENUE = "revenue"
GB = 1024**3
_TOKENS = {f"ai.tokens.{kind.value}": kind for kind in TokenKind}


@dataclass(frozen=True, slots=True)
class PricedLine:
    """One rollup row priced: ``amount`` in the owner's currency, ``native`` in the book's."""

    day: str
    dimensions: Mapping[str, str]
    quantity: Decimal
    records: int
    kind: str  # COST or REVENUE
    amount: Money
    native: Money


@dataclass(frozen=True, slots=True)
class UnpricedLine:
    day: str
    dimensions: Mapping[str, str]
    quantity: Decimal
    records: int
    why: UnpricedReason

    @property
    def reason(self) -> str:
        """Why, in English (``why.text("ar")`` in Arabic)."""
        return self.why.english

    def to_json(self) -> dict[str, Any]:
        return {"day": self.day, **self.dimensions, "quantity": str(self.quantity),
                "records": self.records, "reason": self.reason,
                "reason_code": self.why.code, "reason_params": dict(self.why.params)}


@dataclass(frozen=True)
class Costing:
    currency: str
    lines: tuple[PricedLine, ...]
    unpriced: tuple[UnpricedLine, ...]

    def between(self, start: date, end: date) -> Costing:
        """Only the days in ``[start, end)``."""
        first, last = start.isoformat(), end.isoformat()
        return Costing(self.currency,
                       tuple(x for x in self.lines if first <= x.day < last),
                       tuple(x for x in self.unpriced if first <= x.day < last))


@dataclass(frozen=True, slots=True)
class CostSum:
    """Cost and revenue of one group (the dimensions a query grouped by), exact."""

    dimensions: Mapping[str, str]
    cost: Money
    revenue: Money
    day: str | None = None
    unpriced: int = 0  # rollup rows of this group that could not be priced

    @property
    def margin(self) -> Money:
        return self.revenue - self.cost

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"day": self.day} if self.day is not None else {}
        return {**body, **self.dimensions, "cost": str(self.cost.rounded().amount),
                "revenue": str(self.revenue.rounded().amount),
                "margin": str(self.margin.rounded().amount), "currency": self.cost.currency,
                "unpriced": self.unpriced}


class UnpricedError(Exception):
    """A row this engine cannot price, with its reason (the message is its English text)."""

    def __init__(self, reason: UnpricedReason) -> None:
        super().__init__(reason.english)
        self.reason = reason


Charge = Callable[[PriceBooks, date, Decimal], Money]


def parse_cloud_sku(sku: str) -> tuple[str, str, str]:
    """``cx22@fsn1/wn-hub-app-1`` as (type, location, resource name); parts may be empty."""
    head, _, name = sku.partition("/")
    kind, _, location = head.partition("@")
    return kind, location, name


def _server_location(prices: HetznerPrices, kind: str, location: str) -> str:
    if location:
        return location
    found = {loc: p.net for (name, loc), p in prices.server_types.items() if name == kind}
    if not found:
        raise UnpricedError(UnpricedReason.of(UNKNOWN_SERVER_TYPE, server_type=kind))
    if len({(r.hourly, r.monthly) for r in found.values()}) > 1:
        raise UnpricedError(UnpricedReason.of(SERVER_LOCATION_AMBIGUOUS, server_type=kind,
                                              locations=", ".join(sorted(found))))
    return sorted(found)[0]


def _charge_of(dims: Mapping[str, str], books: PriceBooks) -> tuple[str, Charge, bool]:
    """(COST or REVENUE, the charge for a month's running quantity, whether the running
    quantity may span days) of a row's dimensions; :class:`UnpricedError` when none applies."""
    resource, provider, sku = dims["resource"], dims["provider"], dims["sku"]
    if dims["category"] == "platform":
        models = [f"{dims['platform']}/{resource}", resource]

        def owner(b: PriceBooks, on: date, q: Decimal) -> Money:
            known = b.owner_on(on)
            name = next((m for m in models if m in known), None)
            if name is None:
                raise UnpricedError(UnpricedReason.of(NO_OWNER_MODEL, first=models[0],
                                                      second=models[1], day=on.isoformat()))
            if known[name].unit != dims["unit"]:
                raise UnpricedError(UnpricedReason.of(OWNER_UNIT_MISMATCH, model=name,
                                                      model_unit=known[name].unit,
                                                      usage_unit=dims["unit"]))
            return b.native(Resource("owner", name=name), q, on)
        return REVENUE, owner, True
    if resource in _TOKENS and provider == "anthropic":
        if not sku:
            raise UnpricedError(UnpricedReason.of(NO_MODEL))
        tokens = _TOKENS[resource].value
        return COST, lambda b, on, q: b.native(Resource("anthropic", tokens, sku), q, on), True
    if provider == "hetzner" and resource == "cloud.volume_gb_months":
        return COST, lambda b, on, q: b.hetzner_on(on).volume_gb_month[0].times(q), True
    if provider == "hetzner" and resource == "cloud.server_hours":
        server_type, location, name = parse_cloud_sku(sku)
        if not server_type:
            raise UnpricedError(UnpricedReason.of(NO_SERVER_TYPE))

        def server(b: PriceBooks, on: date, q: Decimal) -> Money:
            where = _server_location(b.hetzner_on(on), server_type, location)
            return b.native(Resource("hetzner", HetznerKind.SERVER.value, server_type, where),
                            q, on)
        return COST, server, bool(name)
    if provider == "hetzner" and resource == "cloud.traffic_gb":
        link_type, link_location, _ = parse_cloud_sku(sku)
        if not link_type or not link_location:
            raise UnpricedError(UnpricedReason.of(TRAFFIC_WITHOUT_SERVER, sku=sku))

        def traffic(b: PriceBooks, on: date, q: Decimal) -> Money:
            included = b.hetzner_on(on).type_price(link_type, link_location).included_traffic
            over = max(Decimal(0), q * GB - included) / TB
            return b.native(Resource("hetzner", HetznerKind.TRAFFIC.value, link_type,
                                     link_location), over, on)
        return COST, traffic, True
    raise UnpricedError(UnpricedReason.of(NO_PRICE_BOOK, resource=resource, provider=provider))


def reason_of(exc: MoneyError) -> UnpricedReason:
    """A price book's refusal as a reason (its English message when it has no code)."""
    if isinstance(exc, NotInForceError):
        if exc.first is None:
            return UnpricedReason.of(NO_BOOK_YET, book=exc.what, day=exc.on.isoformat())
        return UnpricedReason.of(BOOK_NOT_IN_FORCE, book=exc.what, day=exc.on.isoformat(),
                                 first=exc.first.isoformat())
    if isinstance(exc, ModelNotPricedError):
        return UnpricedReason.of(MODEL_NOT_PRICED, model=exc.model, day=exc.on.isoformat())
    if isinstance(exc, TypeNotListedError):
        return UnpricedReason.of(TYPE_NOT_LISTED, what=exc.what, name=exc.name,
                                 location=exc.location)
    return UnpricedReason.of(PRICE_ERROR, detail=exc)


def price_rows(rows: Iterable[UsageSum], books: PriceBooks, currency: str) -> Costing:
    """The rollup's daily rows (grouped by every dimension) priced on their own days in
    ``currency``. Rows of a month must all be given (from its first day) for the month's
    running quantities; :meth:`Costing.between` then keeps the days wanted."""
    currency = currency_code(currency)
    ordered = sorted(rows, key=lambda r: (r.day or "", tuple(r.dimensions.get(d, "") for d in DIMENSIONS)))
    running: dict[tuple[str, ...], Decimal] = {}
    lines: list[PricedLine] = []
    unpriced: list[UnpricedLine] = []
    # The charge depends on the dimensions only: found once per kind of usage, not per day.
    charges: dict[tuple[str, ...], tuple[str, Charge, bool] | UnpricedReason] = {}
    shared: dict[tuple[str, ...], dict[str, str]] = {}  # one dimensions mapping per kind (read only)
    for row in ordered:
        if row.day is None:
            raise ValueError("price_rows needs daily rows (with their day)")
        which = tuple(row.dimensions.get(d, "") for d in DIMENSIONS)
        dims = shared.setdefault(which, dict(zip(DIMENSIONS, which, strict=True)))
        on = date.fromisoformat(row.day)
        found = charges.get(which)
        if found is None:
            try:
                found = _charge_of(dims, books)
            except UnpricedError as exc:
                found = exc.reason  # not the exception: its traceback holds this frame
            charges[which] = found
        if isinstance(found, UnpricedReason):
            unpriced.append(UnpricedLine(row.day, dims, row.quantity, row.records, found))
            continue
        kind, charge, spans_days = found
        key = (row.day[:7] if spans_days else row.day, *(dims[d] for d in DIMENSIONS))
        before = running.get(key)
        through = (before or Decimal(0)) + row.quantity
        running[key] = through
        try:
            native = charge(books, on, through)
            if before is not None:
                native = native - charge(books, on, before)
        except MissingRateError:
            raise
        except UnpricedError as exc:
            unpriced.append(UnpricedLine(row.day, dims, row.quantity, row.records, exc.reason))
            continue
        except MoneyError as exc:
            unpriced.append(UnpricedLine(row.day, dims, row.quantity, row.records,
                                         reason_of(exc)))
            continue
        amount = books.rates.convert(native, currency, on)
        lines.append(PricedLine(row.day, dims, row.quantity, row.records, kind, amount, native))
    return Costing(currency, tuple(lines), tuple(unpriced))


def summarize(costing: Costing, by: Sequence[str] = (), per_day: bool = False) -> list[CostSum]:
    """Cost and revenue grouped by the dimensions ``by`` (and the day), ordered by group."""
    # Sums of the exact amounts (every line is in the costing's currency), one Money per group.
    groups: dict[tuple[str, ...], list[Any]] = {}  # key -> [cost, revenue, unpriced rows]
    for line in costing.lines:
        key = ((line.day,) if per_day else ()) + tuple(line.dimensions[d] for d in by)
        found = groups.get(key)
        if found is None:
            found = groups[key] = [Decimal(0), Decimal(0), 0]
        if line.amount.currency != costing.currency:
            raise CurrencyMismatchError("add", costing.currency, line.amount.currency)
        found[0 if line.kind == COST else 1] += line.amount.amount
    for left in costing.unpriced:
        key = ((left.day,) if per_day else ()) + tuple(left.dimensions[d] for d in by)
        groups.setdefault(key, [Decimal(0), Decimal(0), 0])[2] += 1
    result = []
    for key in sorted(groups):
        cost, revenue, unpriced = groups[key]
        day = key[0] if per_day else None
        names = key[1:] if per_day else key
        result.append(CostSum(dict(zip(by, names, strict=True)),
                              Money._checked(cost, costing.currency),
                              Money._checked(revenue, costing.currency), day, unpriced))
    return result


def drivers(costing: Costing, by: Sequence[str], limit: int) -> list[CostSum]:
    """The groups that cost most, most first (revenue left out)."""
    groups = [s for s in summarize(costing, by) if s.cost.amount > 0]
    return sorted(groups, key=lambda s: s.cost.amount, reverse=True)[:limit]


@dataclass(frozen=True)
class Forecast:
    """A month's spend so far (through ``through``) and where it is heading at that pace."""

    period: str
    spent: Money
    forecast: Money
    through: date | None  # the last day counted; None before the month starts
    days: int  # in the month
    days_elapsed: int

    def to_json(self) -> dict[str, Any]:
        return {"period": self.period, "spent": str(self.spent.rounded().amount),
                "forecast": str(self.forecast.rounded().amount), "currency": self.spent.currency,
                "through": None if self.through is None else self.through.isoformat(),
                "days": self.days, "days_elapsed": self.days_elapsed}


def forecast_month(start: date, spent: Money, today: date) -> Forecast:
    """A linear run rate: the month's spend through ``today`` (counted as a whole day)
    spread over the whole month. A past month's forecast is what it cost. Capped server
    prices make it an upper bound."""
    days = calendar.monthrange(start.year, start.month)[1]
    return forecast_period(start, start + timedelta(days=days), spent, today,
                           start.strftime("%Y-%m"))


def forecast_period(start: date, end: date, spent: Money, today: date,
                    period: str = "") -> Forecast:
    """:func:`forecast_month` for any days ``[start, end)``."""
    days = (end - start).days
    name = period or f"{start.isoformat()}..{(end - timedelta(days=1)).isoformat()}"
    if today < start:
        return Forecast(name, spent, spent, None, days, 0)
    elapsed = min(days, (today - start).days + 1)
    projected = spent if elapsed >= days else Money(spent.amount * days / elapsed, spent.currency)
    return Forecast(name, spent, projected, start + timedelta(days=elapsed - 1), days, elapsed)
