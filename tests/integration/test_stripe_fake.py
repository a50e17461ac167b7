"""The loopback Stripe fake, driven through the official SDK: what the console relies on
behaves as Stripe documents it (pagination, idempotency, errors, permissions, events)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import stripe

from tests.support.stripe_fake import SECRET_KEY, StripeFake
from tests.support.stripe_form import decode_form


@pytest.fixture
def fake() -> Iterator[StripeFake]:
    with StripeFake() as running:
        yield running


def client(fake: StripeFake, key: str = SECRET_KEY) -> stripe.StripeClient:
    return stripe.StripeClient(key, base_addresses={"api": fake.url}, max_network_retries=0)


def test_nested_form_parameters_are_read_as_stripe_sends_them() -> None:
    assert decode_form("metadata[tier]=pro&recurring[interval]=month&lookup_keys[0]=a"
                       "&lookup_keys[1]=b&expand[]=data&marketing_features[0][name]=SSO") == {
        "metadata": {"tier": "pro"}, "recurring": {"interval": "month"},
        "lookup_keys": ["a", "b"], "expand": ["data"], "marketing_features": [{"name": "SSO"}]}


def test_products_and_prices_keep_what_was_sent(fake: StripeFake) -> None:
    sdk = client(fake)
    product = sdk.v1.products.create(params={
        "name": "Pro", "metadata": {"webnova_tier": "pro"},
        "marketing_features": [{"name": "SSO"}]})
    assert (product.name, product.metadata["webnova_tier"]) == ("Pro", "pro")
    assert product.marketing_features[0].name == "SSO"
    price = sdk.v1.prices.create(params={
        "product": product.id, "currency": "SAR", "unit_amount": 9900,
        "recurring": {"interval": "month"}, "lookup_key": "hub:pro"})
    assert (price.currency, price.unit_amount, price.recurring.interval) == ("sar", 9900, "month")
    assert sdk.v1.prices.retrieve(price.id).lookup_key == "hub:pro"
    found = sdk.v1.prices.list(params={"lookup_keys": ["hub:pro"]})
    assert [p.id for p in found.data] == [price.id]
    updated = sdk.v1.products.update(product.id, params={"metadata": {"webnova_tier": "",
                                                                      "v": "2"}})
    assert updated.metadata.to_dict() == {"v": "2"}


def test_a_price_amount_cannot_change(fake: StripeFake) -> None:
    sdk = client(fake)
    product = sdk.v1.products.create(params={"name": "Pro"})
    price = sdk.v1.prices.create(params={"product": product.id, "currency": "usd",
                                         "unit_amount": 1000})
    with pytest.raises(stripe.InvalidRequestError) as refused:
        sdk.v1.prices.update(price.id, params={"unit_amount": 2000})  # type: ignore[typeddict-unknown-key]
    assert refused.value.http_status == 400
    assert refused.value.code == "parameter_unknown" and refused.value.param == "unit_amount"
    archived = sdk.v1.prices.update(price.id, params={"active": False})
    assert archived.active is False and archived.unit_amount == 1000


def test_errors_have_stripes_shape_and_status(fake: StripeFake) -> None:
    sdk = client(fake)
    with pytest.raises(stripe.InvalidRequestError) as missing:
        sdk.v1.products.create(params={})  # type: ignore[typeddict-item]
    assert (missing.value.http_status, missing.value.code, missing.value.param) == (
        400, "parameter_missing", "name")
    body = missing.value.json_body["error"]
    assert body["type"] == "invalid_request_error"
    assert body["doc_url"] == "https://stripe.com/docs/error-codes/parameter-missing"
    with pytest.raises(stripe.InvalidRequestError) as absent:
        sdk.v1.products.retrieve("prod_nothere")
    assert (absent.value.http_status, absent.value.code) == (404, "resource_missing")
    assert "No such product: 'prod_nothere'" in str(absent.value)
    with pytest.raises(stripe.AuthenticationError) as unknown:
        client(fake, "sk_test_notakey0000000000000000").v1.products.list()
    assert unknown.value.http_status == 401
    assert "sk_test_notakey0000000000000000" not in str(unknown.value)  # masked


def test_a_revoked_key_is_refused(fake: StripeFake) -> None:
    client(fake).v1.products.list()
    fake.revoke(SECRET_KEY)
    with pytest.raises(stripe.AuthenticationError) as expired:
        client(fake).v1.products.list()
    assert expired.value.http_status == 401
    assert expired.value.json_body["error"]["code"] == "api_key_expired"


def test_a_restricted_key_is_refused_what_it_may_not_do(fake: StripeFake) -> None:
    key = fake.restricted_key("rak_product_write", "rak_price_read")
    sdk = client(fake, key)
    sdk.v1.products.list()  # write includes read
    sdk.v1.prices.list()
    with pytest.raises(stripe.PermissionError) as refused:
        sdk.v1.prices.create(params={})  # type: ignore[typeddict-item]
    assert refused.value.http_status == 403
    assert "Having the 'rak_price_write' permission would allow this request" in str(refused.value)
    with pytest.raises(stripe.PermissionError, match="rak_subscription_read"):
        sdk.v1.subscriptions.list()
    # Permissions are checked before parameters: a write it may do answers 400, not 403.
    with pytest.raises(stripe.InvalidRequestError):
        sdk.v1.products.create(params={})  # type: ignore[typeddict-item]


def test_an_idempotency_key_replays_the_first_answer(fake: StripeFake) -> None:
    sdk = client(fake)
    first = sdk.v1.products.create(params={"name": "Pro"}, options={"idempotency_key": "k1"})
    again = sdk.v1.products.create(params={"name": "Pro"}, options={"idempotency_key": "k1"})
    assert again.id == first.id
    assert again.last_response.headers["Idempotent-Replayed"] == "true"
    assert len(fake.all("product")) == 1
    with pytest.raises(stripe.IdempotencyError) as other:
        sdk.v1.products.create(params={"name": "Basic"}, options={"idempotency_key": "k1"})
    assert other.value.http_status == 400
    assert other.value.json_body["error"]["type"] == "idempotency_error"
    # A request refused for its parameters is not remembered: the key can be used again.
    with pytest.raises(stripe.InvalidRequestError):
        sdk.v1.products.create(params={}, options={"idempotency_key": "k2"})  # type: ignore[typeddict-item]
    made = sdk.v1.products.create(params={"name": "Team"}, options={"idempotency_key": "k2"})
    assert made.name == "Team"


def test_lists_page_newest_first(fake: StripeFake) -> None:
    sdk = client(fake)
    made = [sdk.v1.products.create(params={"name": f"P{n}"}).id for n in range(7)]
    first = sdk.v1.products.list(params={"limit": 3})
    assert [p.id for p in first.data] == made[::-1][:3] and first.has_more
    second = sdk.v1.products.list(params={"limit": 3, "starting_after": first.data[-1].id})
    third = sdk.v1.products.list(params={"limit": 3, "starting_after": second.data[-1].id})
    assert [p.id for p in second.data + third.data] == made[::-1][3:]
    assert not third.has_more
    back = sdk.v1.products.list(params={"limit": 2, "ending_before": third.data[0].id})
    assert [p.id for p in back.data] == made[::-1][4:6]
    assert [p.id for p in sdk.v1.products.list().auto_paging_iter()] == made[::-1]
    with pytest.raises(stripe.InvalidRequestError, match="less than or equal to 100"):
        sdk.v1.products.list(params={"limit": 101})


def test_every_change_is_in_the_events_list(fake: StripeFake) -> None:
    sdk = client(fake)
    product = sdk.v1.products.create(params={"name": "Pro"}, options={"idempotency_key": "p"})
    price = sdk.v1.prices.create(params={"product": product.id, "currency": "usd",
                                         "unit_amount": 500, "recurring": {"interval": "year"}})
    sdk.v1.prices.update(price.id, params={"active": False})
    events = sdk.v1.events.list()
    assert [e.type for e in events.data] == ["price.updated", "price.created", "product.created"]
    assert events.data[0].data.previous_attributes["active"] is True
    assert events.data[2].request.idempotency_key == "p"
    assert [e.type for e in sdk.v1.events.list(params={"type": "price.*"}).data] == [
        "price.updated", "price.created"]


def test_subscriptions_filter_by_price_and_status(fake: StripeFake) -> None:
    sdk = client(fake)
    product = sdk.v1.products.create(params={"name": "Pro"})
    price = sdk.v1.prices.create(params={"product": product.id, "currency": "usd",
                                         "unit_amount": 500, "recurring": {"interval": "month"}})
    other = sdk.v1.prices.create(params={"product": product.id, "currency": "usd",
                                         "unit_amount": 900, "recurring": {"interval": "month"}})
    for status in ("active", "trialing", "canceled"):
        fake.add_subscription(price.id, status)
    fake.add_subscription(other.id)
    live = sdk.v1.subscriptions.list(params={"price": price.id})
    assert sorted(s.status for s in live.data) == ["active", "trialing"]  # not canceled
    every = sdk.v1.subscriptions.list(params={"price": price.id, "status": "all"})
    assert len(every.data) == 3
    assert len(sdk.v1.subscriptions.list(params={"status": "active"}).data) == 2


def test_the_account_answers_the_key_check(fake: StripeFake) -> None:
    account = client(fake).v1.accounts.retrieve_current()
    assert account.id == fake.account_id and account.object == "account"
