"""The Stripe fake's resources: products, prices, subscriptions, the account and the events
list, shaped like Stripe's own fixtures (``stripe_data/fixtures.json``, from Stripe's OpenAPI
repository, MIT licence in ``stripe_data/LICENSE``).

Every create or update appends an event (``product.created``, ``price.updated`` with
``previous_attributes``, ...); lists answer newest first, as Stripe's do.
"""

from __future__ import annotations

import copy
import itertools
import json
import secrets
import string
import time
from pathlib import Path
from typing import Any

from tests.support.stripe_form import (
    StripeError,
    boolean,
    check_params,
    integer,
    invalid,
    merge_metadata,
    missing,
    no_such,
)

FIXTURES: dict[str, Any] = json.loads(
    (Path(__file__).parent / "stripe_data" / "fixtures.json").read_text(encoding="utf-8"))
API_VERSION = "2023-08-16"
INTERVALS = ("day", "week", "month", "year")
SUBSCRIPTION_STATUSES = ("incomplete", "incomplete_expired", "trialing", "active", "past_due",
                         "canceled", "unpaid", "paused")
_ALPHABET = string.ascii_letters + string.digits
PAGING = {"limit": None, "starting_after": None, "ending_before": None, "expand": None}


def new_id(prefix: str, length: int = 24) -> str:
    return f"{prefix}_{''.join(secrets.choice(_ALPHABET) for _ in range(length))}"


class StripeObjects:
    def __init__(self, account_id: str) -> None:
        self.account_id = account_id
        self.tables: dict[str, dict[str, dict[str, Any]]] = {
            "product": {}, "price": {}, "subscription": {}, "event": {}, "invoice": {},
            "payout": {}, "customer": {}, "checkout_session": {}, "billing_portal_session": {}}
        self.now = lambda: int(time.time())  # tests move it to date what they make
        self._order = itertools.count(1)
        self.checkout_requests: dict[str, dict[str, Any]] = {}  # what a checkout would subscribe to
        self._seq: dict[str, int] = {}

    # ------------------------------------------------------------ helpers
    def _store(self, kind: str, obj: dict[str, Any]) -> dict[str, Any]:
        self.tables[kind][obj["id"]] = obj
        self._seq[obj["id"]] = next(self._order)
        return obj

    def get(self, kind: str, ident: str) -> dict[str, Any]:
        found = self.tables[kind].get(ident)
        if found is None:
            raise no_such(kind, ident)
        return found

    def newest_first(self, kind: str) -> list[dict[str, Any]]:
        return sorted(self.tables[kind].values(), key=lambda o: -self._seq[o["id"]])

    def record(self, type_: str, obj: dict[str, Any], request: dict[str, Any],
               previous: dict[str, Any] | None = None) -> None:
        event = copy.deepcopy(FIXTURES["event"])
        data: dict[str, Any] = {"object": copy.deepcopy(obj)}
        if previous:
            data["previous_attributes"] = copy.deepcopy(previous)
        event.update(id=new_id("evt"), created=self.now(), type=type_, data=data,
                     api_version=API_VERSION, request=request, livemode=False, pending_webhooks=0)
        self._store("event", event)

    def account(self) -> dict[str, Any]:
        account = copy.deepcopy(FIXTURES["account"])
        account.update(id=self.account_id, email="owner@example.org", country="SA",
                       default_currency="sar", charges_enabled=True, payouts_enabled=True)
        return account

    # ------------------------------------------------------------ products
    def create_product(self, params: dict[str, Any], request: dict[str, Any]) -> dict[str, Any]:
        check_params(params, {"id": None, "name": None, "active": None, "description": None,
                              "metadata": None, "marketing_features": None, "expand": None})
        name = params.get("name")
        if not name:
            raise missing("name")
        ident = params.get("id") or new_id("prod", 14)
        if ident in self.tables["product"]:
            raise StripeError(400, "Product already exists.", code="resource_already_exists",
                              param="id")
        now = self.now()
        product = copy.deepcopy(FIXTURES["product"])
        product.update(id=ident, name=name, created=now, updated=now, default_price=None,
                       description=params.get("description") or None, images=[],
                       package_dimensions=None, active=boolean(params, "active") is not False,
                       metadata=merge_metadata({}, params.get("metadata", {})),
                       marketing_features=_features(params.get("marketing_features")))
        self._store("product", product)
        self.record("product.created", product, request)
        return product

    def update_product(self, ident: str, params: dict[str, Any],
                       request: dict[str, Any]) -> dict[str, Any]:
        check_params(params, {"name": None, "active": None, "description": None, "metadata": None,
                              "marketing_features": None, "default_price": None, "expand": None})
        product = self.get("product", ident)
        before = copy.deepcopy(product)
        if "name" in params:
            if not params["name"]:
                raise invalid("name", "You passed an empty string for 'name'. We assume empty "
                              "values are an attempt to unset a parameter; however 'name' cannot "
                              "be unset. You should remove 'name' from your request or supply a "
                              "non-empty value.")
            product["name"] = params["name"]
        if "description" in params:
            product["description"] = params["description"] or None
        if "active" in params:
            product["active"] = boolean(params, "active")
        if "metadata" in params:
            product["metadata"] = merge_metadata(product["metadata"], params["metadata"])
        if "marketing_features" in params:
            product["marketing_features"] = _features(params["marketing_features"])
        if "default_price" in params:
            product["default_price"] = self.get("price", params["default_price"])["id"]
        self._changed("product", product, before, request)
        return product

    def list_products(self, query: dict[str, Any]) -> list[dict[str, Any]]:
        check_params(query, {**PAGING, "active": None, "ids": None})
        items = self.newest_first("product")
        active = boolean(query, "active")
        if active is not None:
            items = [p for p in items if p["active"] is active]
        if "ids" in query:
            items = [p for p in items if p["id"] in set(query["ids"])]
        return items

    # ------------------------------------------------------------ prices
    def create_price(self, params: dict[str, Any], request: dict[str, Any]) -> dict[str, Any]:
        check_params(params, {
            "currency": None, "product": None, "unit_amount": None, "active": None,
            "nickname": None, "lookup_key": None, "transfer_lookup_key": None, "metadata": None,
            "tax_behavior": None, "expand": None,
            "recurring": {"interval": None, "interval_count": None, "trial_period_days": None,
                          "usage_type": None}})
        for name in ("currency", "product", "unit_amount"):
            if name not in params:
                raise missing(name)
        currency = params["currency"].lower()
        if len(currency) != 3 or not currency.isalpha():
            raise invalid("currency", f"Invalid currency: {params['currency']}. Stripe "
                          "currently supports these currencies: usd, eur, sar, ...")
        product = self.get("product", params["product"])
        amount = integer(params, "unit_amount")
        recurring = params.get("recurring")
        if recurring is not None:
            if "interval" not in recurring:
                raise missing("recurring[interval]")
            if recurring["interval"] not in INTERVALS:
                raise invalid("recurring[interval]", f"Invalid recurring[interval]: must be one "
                              f"of {', '.join(INTERVALS)}")
            recurring = {"interval": recurring["interval"],
                         "interval_count": integer(recurring, "interval_count", 1) or 1,
                         "trial_period_days": integer(recurring, "trial_period_days"),
                         "usage_type": recurring.get("usage_type", "licensed"), "meter": None}
        lookup_key = params.get("lookup_key") or None
        self._claim_lookup_key(lookup_key, boolean(params, "transfer_lookup_key"), request)
        price = copy.deepcopy(FIXTURES["price"])
        price.update(id=new_id("price"), created=self.now(), currency=currency,
                     product=product["id"], unit_amount=amount, unit_amount_decimal=str(amount),
                     recurring=recurring, type="recurring" if recurring else "one_time",
                     lookup_key=lookup_key, nickname=params.get("nickname") or None,
                     active=boolean(params, "active") is not False, transform_quantity=None,
                     metadata=merge_metadata({}, params.get("metadata", {})),
                     tax_behavior=params.get("tax_behavior", "unspecified"))
        self._store("price", price)
        self.record("price.created", price, request)
        return price

    def _claim_lookup_key(self, key: str | None, transfer: bool | None,
                          request: dict[str, Any]) -> None:
        if key is None:
            return
        holder = next((p for p in self.tables["price"].values() if p["lookup_key"] == key), None)
        if holder is None:
            return
        if not transfer:
            raise StripeError(400, f"A price (`{holder['id']}`) already uses that lookup key.",
                              code="lookup_key_exists", param="lookup_key")
        before = copy.deepcopy(holder)
        holder["lookup_key"] = None
        self._changed("price", holder, before, request)

    def update_price(self, ident: str, params: dict[str, Any],
                     request: dict[str, Any]) -> dict[str, Any]:
        # Stripe prices are immutable but for these: a new amount needs a new price.
        check_params(params, {"active": None, "metadata": None, "lookup_key": None,
                              "transfer_lookup_key": None, "nickname": None, "expand": None})
        price = self.get("price", ident)
        before = copy.deepcopy(price)
        if "lookup_key" in params and (params["lookup_key"] or None) != price["lookup_key"]:
            self._claim_lookup_key(params["lookup_key"] or None,
                                   boolean(params, "transfer_lookup_key"), request)
            price["lookup_key"] = params["lookup_key"] or None
        if "active" in params:
            price["active"] = boolean(params, "active")
        if "nickname" in params:
            price["nickname"] = params["nickname"] or None
        if "metadata" in params:
            price["metadata"] = merge_metadata(price["metadata"], params["metadata"])
        self._changed("price", price, before, request)
        return price

    def list_prices(self, query: dict[str, Any]) -> list[dict[str, Any]]:
        check_params(query, {**PAGING, "active": None, "currency": None, "product": None,
                             "type": None, "lookup_keys": None})
        items = self.newest_first("price")
        active = boolean(query, "active")
        if active is not None:
            items = [p for p in items if p["active"] is active]
        for name in ("currency", "product", "type"):
            if name in query:
                items = [p for p in items if p[name] == query[name]]
        if "lookup_keys" in query:
            keys = query["lookup_keys"]
            if not isinstance(keys, list):
                raise invalid("lookup_keys", "Invalid array")
            items = [p for p in items if p["lookup_key"] in set(keys)]
        return items

    # ------------------------------------------------------------ subscriptions
    def add_subscription(self, price_id: str, status: str = "active",
                         quantity: int = 1) -> dict[str, Any]:
        """What a checkout would have made (tests seed live subscriptions with this)."""
        if status not in SUBSCRIPTION_STATUSES:
            raise ValueError(f"unknown subscription status {status!r}")
        price = self.get("price", price_id)
        subscription = copy.deepcopy(FIXTURES["subscription"])
        item = subscription["items"]["data"][0]
        now = self.now()
        item.update(id=new_id("si", 14), price=copy.deepcopy(price), quantity=quantity,
                    created=now, plan=None)
        subscription["items"]["data"] = [item]
        subscription.update(id=new_id("sub"), status=status, created=now, start_date=now,
                            billing_cycle_anchor=now, customer=new_id("cus", 14),
                            currency=price["currency"], metadata={}, canceled_at=None,
                            cancel_at=None, cancel_at_period_end=False, ended_at=None,
                            trial_start=None, trial_end=None, pending_update=None,
                            latest_invoice=None)
        self._store("subscription", subscription)
        self.record("customer.subscription.created", subscription, {"id": None,
                                                                   "idempotency_key": None})
        return subscription

    def list_subscriptions(self, query: dict[str, Any]) -> list[dict[str, Any]]:
        check_params(query, {**PAGING, "price": None, "status": None, "customer": None})
        items = self.newest_first("subscription")
        status = query.get("status")
        if status is None:
            items = [s for s in items if s["status"] != "canceled"]
        elif status == "ended":
            items = [s for s in items if s["status"] in ("canceled", "incomplete_expired")]
        elif status != "all":
            if status not in SUBSCRIPTION_STATUSES:
                raise invalid("status", f"Invalid status: must be one of "
                              f"{', '.join(SUBSCRIPTION_STATUSES)}, ended or all")
            items = [s for s in items if s["status"] == status]
        if "price" in query:
            items = [s for s in items
                     if any(i["price"]["id"] == query["price"] for i in s["items"]["data"])]
        if "customer" in query:
            items = [s for s in items if s["customer"] == query["customer"]]
        return items

    # ------------------------------------------------------------ events
    def list_events(self, query: dict[str, Any]) -> list[dict[str, Any]]:
        check_params(query, {**PAGING, "type": None, "types": None})
        items = self.newest_first("event")
        if "type" in query:
            wanted = query["type"]
            if wanted.endswith(".*"):
                items = [e for e in items if e["type"].startswith(wanted[:-1])]
            else:
                items = [e for e in items if e["type"] == wanted]
        if "types" in query:
            items = [e for e in items if e["type"] in set(query["types"])]
        return items

    def _changed(self, kind: str, obj: dict[str, Any], before: dict[str, Any],
                 request: dict[str, Any]) -> None:
        previous = {k: v for k, v in before.items() if obj.get(k) != v}
        if not previous:
            return
        if kind == "product":
            obj["updated"] = self.now()
        self.record(f"{kind}.updated", obj, request, previous)


def _features(given: Any) -> list[dict[str, str]]:
    if given is None or given == "":
        return []
    if not isinstance(given, list) or not all(isinstance(f, dict) and f.get("name")
                                              for f in given):
        raise invalid("marketing_features", "Invalid array: each feature needs a name")
    if len(given) > 15:
        raise invalid("marketing_features", "A product can have at most 15 marketing features.")
    return [{"name": f["name"]} for f in given]


def page(items: list[dict[str, Any]], query: dict[str, Any], url: str) -> dict[str, Any]:
    """Stripe's cursor pagination over a newest-first list."""
    limit = integer(query, "limit", 1)
    limit = 10 if limit is None else limit
    if limit > 100:
        raise invalid("limit", "This value must be less than or equal to 100.")
    ids = [i["id"] for i in items]
    if "starting_after" in query:
        cursor = query["starting_after"]
        if cursor not in ids:
            raise no_such(url.rsplit("/", 1)[-1].rstrip("s"), cursor)
        items = items[ids.index(cursor) + 1:]
        chosen = items[:limit]
        more = len(items) > limit
    elif "ending_before" in query:
        cursor = query["ending_before"]
        if cursor not in ids:
            raise no_such(url.rsplit("/", 1)[-1].rstrip("s"), cursor)
        before = items[:ids.index(cursor)]
        chosen = before[-limit:]
        more = len(before) > limit
    else:
        chosen = items[:limit]
        more = len(items) > limit
    return {"object": "list", "data": copy.deepcopy(chosen), "has_more": more, "url": url}
