"""What the Stripe fake's subscriptions earn: changes and cancellations of subscriptions,
paid invoices and payouts, each with the events Stripe sends for it (API version 2023-08-16,
objects started from ``stripe_data/fixtures.json``).

- ``update_subscription`` -> ``customer.subscription.updated`` with ``previous_attributes``;
- ``cancel_subscription`` -> ``customer.subscription.updated`` when cancelled at the period's
  end is asked first, then ``customer.subscription.deleted`` (status ``canceled``,
  ``canceled_at`` and ``ended_at`` set);
- ``pay_invoice`` -> ``invoice.created``, ``invoice.finalized`` and ``invoice.paid``
  (status ``paid``, ``amount_paid``, ``status_transitions.paid_at``, the subscription and the
  period of its line);
- ``pay_out`` -> ``payout.created`` then ``payout.paid`` (status ``paid``).

Everything is dated by ``StripeObjects.now``, which tests move.
"""

from __future__ import annotations

import copy
from typing import Any

from tests.support.stripe_form import check_params
from tests.support.stripe_objects import (
    FIXTURES,
    PAGING,
    SUBSCRIPTION_STATUSES,
    StripeObjects,
    new_id,
)

SYSTEM = {"id": None, "idempotency_key": None}  # what Stripe itself did, not an API request


def update_subscription(objects: StripeObjects, ident: str, *, status: str | None = None,
                        price_id: str | None = None, quantity: int | None = None) -> dict[str, Any]:
    if status is not None and status not in SUBSCRIPTION_STATUSES:
        raise ValueError(f"unknown subscription status {status!r}")
    subscription = objects.get("subscription", ident)
    before = copy.deepcopy(subscription)
    if status is not None:
        subscription["status"] = status
    item = subscription["items"]["data"][0]
    if price_id is not None:
        price = objects.get("price", price_id)
        item["price"] = copy.deepcopy(price)
        subscription["currency"] = price["currency"]
    if quantity is not None:
        item["quantity"] = quantity
    previous = {k: v for k, v in before.items() if subscription.get(k) != v}
    if previous:
        objects.record("customer.subscription.updated", subscription, SYSTEM, previous)
    return subscription


def cancel_subscription(objects: StripeObjects, ident: str) -> dict[str, Any]:
    subscription = objects.get("subscription", ident)
    before = copy.deepcopy(subscription)
    now = objects.now()
    subscription.update(status="canceled", canceled_at=now, ended_at=now)
    previous = {k: v for k, v in before.items() if subscription.get(k) != v}
    objects.record("customer.subscription.deleted", subscription, SYSTEM, previous)
    return subscription


def pay_invoice(objects: StripeObjects, subscription_id: str, period: tuple[int, int],
                amount_paid: int | None = None) -> dict[str, Any]:
    """The invoice of one period of a subscription, paid in full (or ``amount_paid`` of it,
    e.g. after a discount)."""
    subscription = objects.get("subscription", subscription_id)
    item = subscription["items"]["data"][0]
    price = item["price"]
    due = int(price["unit_amount"]) * int(item.get("quantity") or 1)
    paid = due if amount_paid is None else amount_paid
    now = objects.now()
    invoice = copy.deepcopy(FIXTURES["invoice"])
    ident = new_id("in")
    line = copy.deepcopy(invoice["lines"]["data"][0])
    line.update(id=new_id("il"), invoice=ident, amount=due, currency=price["currency"],
                description=f"{item.get('quantity') or 1} × {price.get('nickname') or 'plan'}",
                period={"start": period[0], "end": period[1]}, quantity=item.get("quantity") or 1,
                subscription=subscription_id, subscription_item=item["id"],
                price=copy.deepcopy(price), proration=False, type="subscription")
    invoice["lines"].update(data=[line], url=f"/v1/invoices/{ident}/lines")
    invoice.update(id=ident, created=now, currency=price["currency"],
                   customer=subscription["customer"], subscription=subscription_id,
                   billing_reason="subscription_cycle", amount_due=due, amount_paid=0,
                   amount_remaining=due, subtotal=due, total=due, period_start=period[0],
                   period_end=period[1], status="draft", paid=False, attempted=False,
                   last_finalization_error=None, from_invoice=None, latest_revision=None,
                   status_transitions={"finalized_at": None, "marked_uncollectible_at": None,
                                       "paid_at": None, "voided_at": None})
    objects._store("invoice", invoice)
    objects.record("invoice.created", invoice, SYSTEM)
    invoice["status"] = "open"
    invoice["status_transitions"]["finalized_at"] = now
    objects.record("invoice.finalized", invoice, SYSTEM)
    invoice.update(status="paid", paid=True, attempted=True, attempt_count=1, amount_paid=paid,
                   amount_remaining=0)
    invoice["status_transitions"]["paid_at"] = now
    objects.record("invoice.paid", invoice, SYSTEM)
    subscription["latest_invoice"] = ident
    return invoice


def pay_out(objects: StripeObjects, amount: int, currency: str) -> dict[str, Any]:
    payout = copy.deepcopy(FIXTURES["payout"])
    now = objects.now()
    payout.update(id=new_id("po"), amount=amount, currency=currency.lower(), created=now,
                  arrival_date=now, status="pending", balance_transaction=new_id("txn"),
                  destination=new_id("ba"), failure_balance_transaction=None)
    objects._store("payout", payout)
    objects.record("payout.created", payout, SYSTEM)
    payout["status"] = "paid"
    objects.record("payout.paid", payout, SYSTEM)
    return payout


def list_invoices(objects: StripeObjects, query: dict[str, Any]) -> list[dict[str, Any]]:
    check_params(query, {**PAGING, "subscription": None, "customer": None, "status": None})
    items = objects.newest_first("invoice")
    for name in ("subscription", "customer", "status"):
        if name in query:
            items = [i for i in items if i[name] == query[name]]
    return items


def list_payouts(objects: StripeObjects, query: dict[str, Any]) -> list[dict[str, Any]]:
    check_params(query, {**PAGING, "status": None})
    items = objects.newest_first("payout")
    if "status" in query:
        items = [p for p in items if p["status"] == query["status"]]
    return items
