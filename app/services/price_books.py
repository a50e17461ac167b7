"""The workspace's price books, as events of the stream ``prices:<tenant>``:

- ``HetznerPricesSynced``: an account's whole ``/pricing`` list, read through the provider
  port and in force from the day it was synced;
- ``ModelPriceSet``: the owner's price for a Claude model (over the shipped list), dated;
- ``ExchangeRateSet``: one of the owner's exchange rates, dated;
- ``OwnerPriceModelsDefined``: the owner's own price models for their tenants, dated;
- ``CostCurrencySet``: the owner's currency, the one costs, budgets and reports are shown in
  (:data:`DEFAULT_CURRENCY` until the owner sets one). Every day's usage is converted at
  that day's rate, so changing it changes no recorded amount.

Everything is checked before it is recorded (a price list that does not read, a rate below
zero, a tier with a gap), and each change is one append, so nothing is half-written. The
books are read by folding the stream (it grows by a handful of events a month).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from app.domain.costs.anthropic import ModelPrice, ModelPrices, TokenKind, model_price, parse_date
from app.domain.costs.books import PriceBooks
from app.domain.costs.hetzner import HetznerPrices, parse_pricing
from app.domain.costs.money import (
    ExchangeRate,
    ExchangeRates,
    MoneyError,
    currency_code,
    decimal_of,
)
from app.domain.costs.pricing import PriceModel, model_json, parse_models
from app.domain.errors import WebNovaError
from app.domain.events import NewEvent
from app.domain.governance.audit import AuditRecord
from app.services.approvals import AuditSink
from app.services.cloud_accounts import CloudAccounts
from app.services.ports import EventStore

HETZNER_SYNCED = "HetznerPricesSynced"
MODEL_PRICE_SET = "ModelPriceSet"
RATE_SET = "ExchangeRateSet"
OWNER_MODELS_DEFINED = "OwnerPriceModelsDefined"
CURRENCY_SET = "CostCurrencySet"
DEFAULT_CURRENCY = "EUR"


class PriceBookServiceError(WebNovaError):
    pass


def prices_stream(tenant_id: str) -> str:
    return f"prices:{tenant_id}"


@dataclass(frozen=True)
class HetznerSync:
    account: str
    effective: date
    synced_at: str
    synced_by: str
    prices: HetznerPrices


@dataclass(frozen=True)
class OwnerModels:
    effective: date
    defined_by: str
    models: tuple[PriceModel, ...]


@dataclass(frozen=True)
class Recorded:
    hetzner: list[HetznerSync]
    model_prices: list[ModelPrice]  # the owner's
    rates: list[ExchangeRate]
    owner: list[OwnerModels]


class PriceBookService:
    def __init__(self, store: EventStore, tenant_id: str, cloud: CloudAccounts | None,
                 shipped_model_prices: Callable[[], list[ModelPrice]],
                 audit: AuditSink | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.store = store
        self.tenant_id = tenant_id
        self.cloud = cloud
        self.shipped_model_prices = shipped_model_prices
        self.audit = audit
        self.clock = clock

    # ------------------------------------------------------------ reading
    def recorded(self) -> Recorded:
        found = Recorded([], [], [], [])
        for event in self.store.read_stream(prices_stream(self.tenant_id)):
            data = event.data
            actor = str((event.metadata or {}).get("actor", ""))
            if event.type == HETZNER_SYNCED:
                found.hetzner.append(HetznerSync(
                    data["account"], date.fromisoformat(data["effective"]), data["synced_at"],
                    actor, parse_pricing(data["pricing"])))
            elif event.type == MODEL_PRICE_SET:
                fields = {k.value: data[k.value] for k in TokenKind}
                found.model_prices.append(model_price(
                    data["model"], date.fromisoformat(data["effective"]), fields,
                    "recorded price", str(data.get("currency", "USD")), "owner"))
            elif event.type == RATE_SET:
                found.rates.append(ExchangeRate(data["from"], data["to"], Decimal(data["rate"]),
                                                date.fromisoformat(data["effective"])))
            elif event.type == OWNER_MODELS_DEFINED:
                found.owner.append(OwnerModels(date.fromisoformat(data["effective"]), actor,
                                               parse_models({"models": data["models"]})))
        return found

    def books(self) -> PriceBooks:
        """Every book, for pricing usage on any day."""
        recorded = self.recorded()
        return PriceBooks(
            hetzner=[(s.effective, s.prices) for s in recorded.hetzner],
            anthropic=ModelPrices([*self.shipped_model_prices(), *recorded.model_prices]),
            owner=[(o.effective, {m.name: m for m in o.models}) for o in recorded.owner],
            rates=ExchangeRates(recorded.rates))

    def currency(self) -> str:
        """The owner's currency: the last one set, else :data:`DEFAULT_CURRENCY`."""
        found = DEFAULT_CURRENCY
        for event in self.store.read_stream(prices_stream(self.tenant_id)):
            if event.type == CURRENCY_SET:
                found = str(event.data["currency"])
        return found

    def set_currency(self, code: str, actor: str) -> str:
        try:
            currency = currency_code(code, "currency")
        except MoneyError as exc:
            raise PriceBookServiceError(str(exc)) from None
        self._append(CURRENCY_SET, {"currency": currency}, actor, "prices.set_currency", currency)
        return currency

    def today(self) -> date:
        return self.clock().astimezone(UTC).date()

    # ------------------------------------------------------------ changing
    def _append(self, kind: str, data: dict[str, Any], actor: str, action: str, subject: str) -> None:
        self.store.append(prices_stream(self.tenant_id),
                          [NewEvent(kind, self.tenant_id, data, {"actor": actor})], None)
        if self.audit is not None:
            summary = {k: v for k, v in data.items() if k not in ("pricing", "models")}
            self.audit.append(AuditRecord(self.tenant_id, actor, action, subject, summary, "done"))

    def sync_hetzner(self, account_name: str, actor: str) -> HetznerSync:
        """Read the account's ``/pricing`` and record it, in force from today."""
        if self.cloud is None:
            raise PriceBookServiceError("this workspace has no cloud accounts service")
        account = self.cloud.get(account_name)
        if account.provider != "hetzner":
            raise PriceBookServiceError(f"cloud account {account.name!r} is a {account.provider} "
                                        "account; only Hetzner price lists can be synced")
        with self.cloud.connect(account.name) as provider:
            body = dict(provider.price_list())
        prices = parse_pricing(body)  # a list that does not read is not recorded
        now = self.clock()
        effective = now.astimezone(UTC).date()
        self._append(HETZNER_SYNCED, {"account": account.name, "effective": effective.isoformat(),
                                      "synced_at": now.isoformat(), "currency": prices.currency,
                                      "pricing": body},
                     actor, "prices.sync", account.name)
        return HetznerSync(account.name, effective, now.isoformat(), actor, prices)

    def set_rate(self, base: str, quote: str, rate: str, effective: str, actor: str) -> ExchangeRate:
        try:
            entry = ExchangeRate(base, quote, decimal_of(rate, "rate"),
                                 parse_date(effective, "date"))
        except MoneyError as exc:
            raise PriceBookServiceError(str(exc)) from None
        self._append(RATE_SET, entry.to_json(), actor, "prices.set_rate",
                     f"{entry.base}/{entry.quote}")
        return entry

    def set_model_price(self, model: str, prices: Mapping[str, str], effective: str,
                        actor: str) -> ModelPrice:
        try:
            entry = model_price(model, parse_date(effective, "date"), dict(prices), model,
                                source="owner")
        except MoneyError as exc:
            raise PriceBookServiceError(str(exc)) from None
        data = entry.to_json()
        data.pop("source")
        self._append(MODEL_PRICE_SET, data, actor, "prices.set_model", entry.model)
        return entry

    def define_models(self, document: Any, effective: str, actor: str) -> OwnerModels:
        """The owner's whole set of price models, replacing the previous set from
        ``effective`` on."""
        try:
            when = parse_date(effective, "date")
            models = parse_models(document)
        except MoneyError as exc:
            raise PriceBookServiceError(str(exc)) from None
        self._append(OWNER_MODELS_DEFINED, {"effective": when.isoformat(),
                                            "models": [model_json(m) for m in models]},
                     actor, "prices.define", ", ".join(m.name for m in models))
        return OwnerModels(when, actor, models)
