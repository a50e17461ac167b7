"""The owner's Stripe account as the billing service sees it (the adapter in
app/integrations/stripe_billing.py implements it with the official SDK)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from app.domain.billing.catalog import RemotePrice, RemoteProduct, TierOffer
from app.domain.errors import WebNovaError


class BillingError(WebNovaError):
    pass


class StripeKeyRefusedError(BillingError):
    """Stripe does not accept the key (unknown, revoked or expired): 401."""


class StripePermissionError(BillingError):
    """A restricted key lacks a permission (403); ``permission`` names it (``rak_...``)."""

    def __init__(self, message: str, permission: str | None) -> None:
        super().__init__(message)
        self.permission = permission


@dataclass(frozen=True)
class KeyCheck:
    account_id: str | None  # None when the key may not read the account
    restricted: bool
    livemode: bool
    missing: tuple[str, ...]  # permissions ``billing sync`` needs that the key lacks


@dataclass(frozen=True)
class EventsPage:
    """One page of Stripe's events list: newest first, each event trimmed
    (app/domain/billing/revenue.py ``trim``)."""

    events: list[dict[str, Any]]
    has_more: bool


class StripeAccount(Protocol):
    def check(self) -> KeyCheck: ...

    def find_product(self, platform: str, tier: str) -> RemoteProduct | None: ...

    def create_product(self, offer: TierOffer, idempotency_key: str) -> RemoteProduct: ...

    def update_product(self, product_id: str, offer: TierOffer,
                       idempotency_key: str) -> RemoteProduct: ...

    def find_price(self, lookup_key: str) -> RemotePrice | None: ...

    def create_price(self, product_id: str, offer: TierOffer, idempotency_key: str,
                     transfer_lookup_key: bool = False) -> RemotePrice: ...

    def archive_price(self, price_id: str, idempotency_key: str) -> RemotePrice: ...

    def live_subscriptions(self, price_id: str) -> int: ...

    def events_page(self, types: Sequence[str], limit: int, ending_before: str | None = None,
                    starting_after: str | None = None) -> EventsPage: ...


class StripeConnector(Protocol):
    def open(self, key: str) -> StripeAccount: ...
