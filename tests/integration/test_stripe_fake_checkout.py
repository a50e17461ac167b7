"""The loopback Stripe's customers, Checkout Sessions and customer portal sessions, driven
through the official SDK as a generated platform drives them: what Stripe requires is
required, what does not exist is 404, and the sessions carry their URLs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import stripe

from tests.support.stripe_fake import SECRET_KEY, StripeFake


@pytest.fixture
def sdk() -> Iterator[tuple[StripeFake, stripe.StripeClient]]:
    with StripeFake() as fake:
        yield fake, stripe.StripeClient(SECRET_KEY, base_addresses={"api": fake.url}, max_network_retries=0)


def prices(client: stripe.StripeClient) -> tuple[str, str]:
    product = client.v1.products.create(params={"name": "Campus"})
    monthly = client.v1.prices.create(params={"product": product.id, "currency": "eur", "unit_amount": 900,
                                              "recurring": {"interval": "month"}})
    once = client.v1.prices.create(params={"product": product.id, "currency": "eur", "unit_amount": 900})
    return monthly.id, once.id


def test_a_subscription_checkout_for_a_customer(sdk: tuple[StripeFake, stripe.StripeClient]) -> None:
    fake, client = sdk
    monthly, _ = prices(client)
    customer = client.v1.customers.create(params={"email": "a@campus.example", "metadata": {"tenant_id": "t1"}})
    assert customer.id.startswith("cus_") and customer.metadata["tenant_id"] == "t1"
    session = client.v1.checkout.sessions.create(params={
        "mode": "subscription", "customer": customer.id, "client_reference_id": "t1",
        "success_url": "https://campus.example/ok", "line_items": [{"price": monthly, "quantity": 1}],
        "subscription_data": {"trial_period_days": 14, "metadata": {"tenant_id": "t1"}}})
    assert (session.object, session.mode, session.status, session.customer) == (
        "checkout.session", "subscription", "open", customer.id)
    assert session.url == f"https://checkout.stripe.com/c/pay/{session.id}"
    assert fake.objects.checkout_requests[session.id]["trial_period_days"] == 14
    portal = client.v1.billing_portal.sessions.create(params={"customer": customer.id,
                                                               "return_url": "https://campus.example"})
    assert portal.url.startswith("https://billing.stripe.com/p/session/") and portal.customer == customer.id


def test_what_stripe_refuses_the_fake_refuses(sdk: tuple[StripeFake, stripe.StripeClient]) -> None:
    _fake, client = sdk
    monthly, once = prices(client)
    base = {"mode": "subscription", "success_url": "https://campus.example/ok",
            "line_items": [{"price": monthly}]}
    cases = [
        ({k: v for k, v in base.items() if k != "success_url"}, "success_url"),
        ({**base, "mode": "rent"}, "mode"),
        ({**base, "line_items": [{"price": once}]}, "line_items[0][price]"),
        ({**base, "subscription_data": {"trial_period_days": 0}}, "trial_period_days"),
        ({**base, "client_reference_id": "x" * 201}, "client_reference_id"),
    ]
    for params, param in cases:
        with pytest.raises(stripe.InvalidRequestError) as refused:
            client.v1.checkout.sessions.create(params=params)
        assert refused.value.param == param, (param, refused.value.user_message)
    with pytest.raises(stripe.InvalidRequestError) as missing:
        client.v1.checkout.sessions.create(params={**base, "customer": "cus_nobody"})
    assert missing.value.http_status == 404 and missing.value.code == "resource_missing"
    with pytest.raises(stripe.InvalidRequestError) as no_customer:
        client.v1.billing_portal.sessions.create(params={"return_url": "https://campus.example"})
    assert no_customer.value.param == "customer"
