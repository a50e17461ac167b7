"""The Stripe fake's customers, Checkout Sessions and customer portal sessions, shaped like
Stripe's fixtures (``stripe_data/fixtures.json``: ``customer``, ``checkout.session`` and
``billing_portal.session`` from Stripe's OpenAPI repository, MIT licence in
``stripe_data/LICENSE``), with the parameter rules of the API version the fake speaks:

- ``POST /v1/customers``: every parameter optional; ``metadata`` merged as on products;
- ``POST /v1/checkout/sessions``: ``mode`` one of payment, setup, subscription;
  ``success_url`` required; in subscription mode ``line_items`` of recurring prices that
  exist; ``customer`` must exist; ``client_reference_id`` at most 200 characters;
  ``subscription_data[trial_period_days]`` at least 1; the session is ``open`` with a
  ``url`` on checkout.stripe.com;
- ``POST /v1/billing_portal/sessions``: ``customer`` required and existing; a ``url`` on
  billing.stripe.com.
"""

from __future__ import annotations

import copy
import time
from typing import Any

from tests.support.stripe_form import check_params, integer, invalid, merge_metadata, missing
from tests.support.stripe_objects import FIXTURES, StripeObjects, new_id

MODES = ("payment", "setup", "subscription")


def create_customer(objects: StripeObjects, params: dict[str, Any],
                    request: dict[str, Any]) -> dict[str, Any]:
    check_params(params, {"email": None, "name": None, "description": None, "metadata": None,
                          "phone": None, "expand": None})
    customer = copy.deepcopy(FIXTURES["customer"])
    customer.update(id=new_id("cus", 14), created=int(time.time()), email=params.get("email"),
                    name=params.get("name"), description=params.get("description"),
                    phone=params.get("phone"), livemode=False,
                    metadata=merge_metadata({}, params.get("metadata", {})))
    objects._store("customer", customer)
    objects.record("customer.created", customer, request)
    return customer


def _line_items(objects: StripeObjects, given: Any, mode: str) -> list[dict[str, Any]]:
    if not isinstance(given, list) or not given:
        if mode == "subscription":
            raise missing("line_items")
        return []
    items = []
    for index, item in enumerate(given):
        if not isinstance(item, dict) or "price" not in item:
            raise missing(f"line_items[{index}][price]")
        price = objects.get("price", str(item["price"]))
        if mode == "subscription" and price.get("type") != "recurring":
            raise invalid(f"line_items[{index}][price]",
                          "You must provide at least one recurring price in `subscription` mode "
                          "when using prices.")
        items.append({"price": price["id"], "quantity": int(item.get("quantity") or 1)})
    return items


def create_checkout_session(objects: StripeObjects, params: dict[str, Any],
                            request: dict[str, Any]) -> dict[str, Any]:
    check_params(params, {"mode": None, "success_url": None, "cancel_url": None, "line_items": None,
                          "customer": None, "customer_email": None, "client_reference_id": None,
                          "metadata": None, "subscription_data": None, "expand": None,
                          "allow_promotion_codes": None, "locale": None})
    mode = params.get("mode")
    if not mode:
        raise missing("mode")
    if mode not in MODES:
        raise invalid("mode", f"Invalid mode: must be one of {', '.join(MODES)}")
    if not params.get("success_url"):
        raise missing("success_url")
    reference = params.get("client_reference_id")
    if reference is not None and len(str(reference)) > 200:
        raise invalid("client_reference_id", "Invalid string: must be at most 200 characters")
    customer = params.get("customer")
    if customer is not None:
        objects.get("customer", str(customer))
    items = _line_items(objects, params.get("line_items"), mode)
    subscription_data = params.get("subscription_data") or {}
    if not isinstance(subscription_data, dict):
        raise invalid("subscription_data", "Invalid object")
    check_params(subscription_data, {"metadata": None, "trial_period_days": None, "description": None})
    trial = integer(subscription_data, "trial_period_days", minimum=1)
    ident = new_id("cs_test", 58)
    session = copy.deepcopy(FIXTURES["checkout.session"])
    now = int(time.time())
    session.update(id=ident, object="checkout.session", mode=mode, status="open",
                   payment_status="unpaid", created=now, expires_at=now + 24 * 3600,
                   success_url=params["success_url"], cancel_url=params.get("cancel_url"),
                   customer=customer, customer_email=params.get("customer_email"),
                   client_reference_id=reference, livemode=False, subscription=None,
                   metadata=merge_metadata({}, params.get("metadata", {})),
                   url=f"https://checkout.stripe.com/c/pay/{ident}")
    objects._store("checkout_session", session)
    # what the fake keeps beside the session: what Stripe would subscribe the customer to
    objects.checkout_requests[ident] = {
        "line_items": items, "trial_period_days": trial,
        "subscription_metadata": merge_metadata({}, subscription_data.get("metadata", {}))}
    return session


def create_portal_session(objects: StripeObjects, params: dict[str, Any],
                          request: dict[str, Any]) -> dict[str, Any]:
    check_params(params, {"customer": None, "return_url": None, "configuration": None,
                          "locale": None, "expand": None})
    customer = params.get("customer")
    if not customer:
        raise missing("customer")
    objects.get("customer", str(customer))
    portal = copy.deepcopy(FIXTURES["billing_portal.session"])
    ident = new_id("bps", 24)
    portal.update(id=ident, customer=customer, created=int(time.time()), livemode=False,
                  return_url=params.get("return_url"),
                  url=f"https://billing.stripe.com/p/session/test_{ident[4:]}")
    objects._store("billing_portal_session", portal)
    return portal
