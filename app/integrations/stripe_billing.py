"""The owner's Stripe account through the official SDK (``stripe.StripeClient``).

The API address is Stripe's, or ``WEBNOVA_STRIPE_API_BASE`` (a proxy, or the loopback fake in
tests). Stripe's error messages quote a masked key; they are not passed on: the errors here
say what is wrong in the console's words and name a missing permission.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, TypeVar

import stripe

from app.domain.billing.catalog import RemotePrice, RemoteProduct, TierOffer
from app.domain.billing.revenue import trim
from app.domain.redaction import redactor
from app.services.billing_ports import (
    BillingError,
    EventsPage,
    KeyCheck,
    StripeKeyRefusedError,
    StripePermissionError,
)

API_BASE = "https://api.stripe.com"
_PERMISSION = re.compile(r"'(rak_[a-z_]+)'")
T = TypeVar("T")
# What ``billing sync`` does at Stripe, and a request that needs each permission without
# changing anything: Stripe checks permissions before parameters, so an empty create answers
# 403 without the permission and 400 (a missing parameter) with it.
SYNC_NEEDS: dict[str, Callable[[stripe.StripeClient], Any]] = {
    "rak_product_read": lambda c: c.v1.products.list(params={"limit": 1}),
    "rak_product_write": lambda c: c.v1.products.create(params={}),  # type: ignore[typeddict-item]
    "rak_price_read": lambda c: c.v1.prices.list(params={"limit": 1}),
    "rak_price_write": lambda c: c.v1.prices.create(params={}),  # type: ignore[typeddict-item]
    "rak_subscription_read": lambda c: c.v1.subscriptions.list(params={"limit": 1}),
}


def _call(fn: Callable[[], T], doing: str) -> T:
    try:
        return fn()
    except stripe.AuthenticationError as exc:
        code = (exc.json_body or {}).get("error", {}).get("code") if isinstance(
            exc.json_body, dict) else None
        why = "it was revoked or has expired" if code == "api_key_expired" else "it is not valid"
        raise StripeKeyRefusedError(f"Stripe refused the key while {doing}: {why}") from None
    except stripe.PermissionError as exc:
        found = _PERMISSION.search(exc.user_message or str(exc))
        permission = found.group(1) if found else None
        raise StripePermissionError(
            f"the Stripe key may not do this ({doing})"
            + (f": it lacks the permission {permission}" if permission else ""),
            permission) from None
    except stripe.StripeError as exc:
        detail = redactor.redact(exc.user_message or type(exc).__name__)
        raise BillingError(f"Stripe answered an error while {doing}: {detail}") from None


def _product(obj: Any) -> RemoteProduct:
    return RemoteProduct(obj.id, obj.name, bool(obj.active), obj.metadata.to_dict(),
                         tuple(f.name for f in (obj.marketing_features or [])))


def _price(obj: Any) -> RemotePrice:
    recurring = obj.recurring
    return RemotePrice(obj.id, obj.product, int(obj.unit_amount or 0), obj.currency,
                       recurring.interval if recurring else None, bool(obj.active),
                       obj.lookup_key, obj.metadata.to_dict())


class StripeBilling:
    def __init__(self, key: str, api_base: str | None = None) -> None:
        redactor.register(key)
        self.restricted = key.startswith("rk_")
        self.livemode = "_live_" in key
        self.client = stripe.StripeClient(
            key, base_addresses={"api": api_base or os.environ.get("WEBNOVA_STRIPE_API_BASE")
                                 or API_BASE},
            max_network_retries=2)

    def check(self) -> KeyCheck:
        account_id = None
        try:
            account = _call(self.client.v1.accounts.retrieve_current, "reading the account")
            account_id = account.id
        except StripePermissionError:
            pass  # a restricted key need not read the account: it is a valid key all the same
        missing = []
        for permission, probe in SYNC_NEEDS.items():
            try:
                _call(partial(probe, self.client), f"checking {permission}")
            except StripePermissionError as exc:
                missing.append(exc.permission or permission)
            except StripeKeyRefusedError:
                raise
            except BillingError:
                pass  # 400 for an empty create: the permission is there
        return KeyCheck(account_id, self.restricted, self.livemode, tuple(missing))

    def find_product(self, platform: str, tier: str) -> RemoteProduct | None:
        def scan() -> RemoteProduct | None:
            for obj in self.client.v1.products.list(params={"limit": 100}).auto_paging_iter():
                meta = obj.metadata.to_dict()
                if meta.get("webnova_platform") == platform and meta.get("webnova_tier") == tier:
                    return _product(obj)
            return None
        return _call(scan, f"looking up the product of tier {tier!r}")

    def create_product(self, offer: TierOffer, idempotency_key: str) -> RemoteProduct:
        return _product(_call(lambda: self.client.v1.products.create(params={
            "name": offer.name, "metadata": offer.product_metadata(),
            "marketing_features": [{"name": f} for f in offer.features]},
            options={"idempotency_key": idempotency_key}),
            f"creating the product of tier {offer.tier!r}"))

    def update_product(self, product_id: str, offer: TierOffer,
                       idempotency_key: str) -> RemoteProduct:
        return _product(_call(lambda: self.client.v1.products.update(product_id, params={
            "name": offer.name, "active": True, "metadata": offer.product_metadata(),
            "marketing_features": [{"name": f} for f in offer.features] or ""},  # type: ignore[typeddict-item]
            options={"idempotency_key": idempotency_key}),
            f"updating the product of tier {offer.tier!r}"))

    def find_price(self, lookup_key: str) -> RemotePrice | None:
        found = _call(lambda: self.client.v1.prices.list(
            params={"lookup_keys": [lookup_key], "limit": 1}), f"looking up price {lookup_key}")
        return _price(found.data[0]) if found.data else None

    def create_price(self, product_id: str, offer: TierOffer, idempotency_key: str,
                     transfer_lookup_key: bool = False) -> RemotePrice:
        params: dict[str, Any] = {
            "product": product_id, "currency": offer.currency.lower(),
            "unit_amount": offer.unit_amount, "recurring": {"interval": offer.interval},
            "lookup_key": offer.lookup_key, "metadata": offer.price_metadata(),
            "nickname": f"{offer.tier} v{offer.blueprint_version}"}
        if transfer_lookup_key:
            params["transfer_lookup_key"] = True
        return _price(_call(lambda: self.client.v1.prices.create(
            params=params, options={"idempotency_key": idempotency_key}),  # type: ignore[arg-type]
            f"creating the price of tier {offer.tier!r}"))

    def archive_price(self, price_id: str, idempotency_key: str) -> RemotePrice:
        return _price(_call(lambda: self.client.v1.prices.update(
            price_id, params={"active": False}, options={"idempotency_key": idempotency_key}),
            f"archiving price {price_id}"))

    def live_subscriptions(self, price_id: str) -> int:
        from app.domain.billing.catalog import LIVE_STATUSES

        def count() -> int:
            listed = self.client.v1.subscriptions.list(params={"price": price_id, "limit": 100})
            return sum(1 for s in listed.auto_paging_iter() if s.status in LIVE_STATUSES)
        return _call(count, f"counting the subscriptions on price {price_id}")

    def events_page(self, types: Sequence[str], limit: int, ending_before: str | None = None,
                    starting_after: str | None = None) -> EventsPage:
        params: dict[str, Any] = {"types": list(types), "limit": limit}
        if ending_before:
            params["ending_before"] = ending_before
        if starting_after:
            params["starting_after"] = starting_after
        listed = _call(lambda: self.client.v1.events.list(params=params),  # type: ignore[arg-type]
                       "reading the events list")
        return EventsPage([trim(e.to_dict()) for e in listed.data], bool(listed.has_more))


class StripeConnections:
    def __init__(self, api_base: str | None = None) -> None:
        self.api_base = api_base

    def open(self, key: str) -> StripeBilling:
        return StripeBilling(key, self.api_base)
