"""``webnova billing connect|sync`` against the loopback Stripe fake, through the official SDK:
keys only in the keyring, restricted keys' missing permissions named, products and prices
created once with metadata, a governed price change, a revoked key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from app.integrations.keyring_store import SERVICE, MemoryKeyring
from tests.cli.conftest import Run
from tests.support.stripe_fake import SECRET_KEY, StripeFake

SECRET = "billing/local/default/bank/stripe"
TIERS = ["sme-essential", "sme-growth", "corporate"]


@pytest.fixture
def stripe_fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[StripeFake]:
    monkeypatch.setenv("WEBNOVA_USER", "root")
    with StripeFake() as fake:
        monkeypatch.setenv("WEBNOVA_STRIPE_API_BASE", fake.url)
        yield fake


@pytest.fixture
def bank(webnova: Run, stripe_fake: StripeFake) -> str:
    made = webnova("blueprint", "new", "--template", "financial", "--key", "bank")
    assert made.code == 0, made.err
    return "bank"


def everything_written(home: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file())


def test_a_secret_key_is_checked_and_kept_in_the_keyring_only(
        webnova: Run, bank: str, stripe_fake: StripeFake, memory_keyring: MemoryKeyring,
        console_home: Path) -> None:
    connected = webnova("billing", "connect", "--platform", bank, "--key-stdin",
                        stdin=SECRET_KEY + "\n")
    assert connected.code == 0, connected.err
    assert (f"connected platform 'bank' to Stripe of account {stripe_fake.account_id} "
            "(secret key, test mode); the key is in the OS keyring") in connected.out
    assert "lacks" not in connected.out
    assert memory_keyring.get_password(SERVICE, SECRET) == SECRET_KEY
    shown = [webnova("events", "tail", "--json"), webnova("audit", "list", "--json")]
    assert "BillingConnected" in shown[0].out and "billing.connect" in shown[1].out
    outputs = connected.out + connected.err + "".join(r.out + r.err for r in shown)
    assert SECRET_KEY not in outputs
    assert SECRET_KEY.encode() not in everything_written(console_home)


def test_the_key_can_come_from_an_environment_variable(
        webnova: Run, bank: str, monkeypatch: pytest.MonkeyPatch,
        memory_keyring: MemoryKeyring) -> None:
    monkeypatch.setenv("SHOP_STRIPE_KEY", SECRET_KEY)
    done = webnova("billing", "connect", "--platform", bank, "--key-from-env", "SHOP_STRIPE_KEY",
                   "--json")
    assert done.code == 0, done.err
    assert done.json()["restricted"] is False and done.json()["missing_permissions"] == []
    assert memory_keyring.get_password(SERVICE, SECRET) == SECRET_KEY
    unset = webnova("billing", "connect", "--platform", bank, "--key-from-env", "NOT_SET_HERE")
    assert unset.code == 2 and "NOT_SET_HERE is not set" in unset.error


def test_an_invalid_key_is_refused_and_nothing_is_stored(
        webnova: Run, bank: str, memory_keyring: MemoryKeyring, console_home: Path) -> None:
    wrong = "sk_test_51NotTheRightKey000000000000000000000000000000000000000000000"
    refused = webnova("billing", "connect", "--platform", bank, "--key-stdin", stdin=wrong)
    assert refused.code == 1
    assert refused.error == ("error: Stripe refused the key while reading the account: "
                             "it is not valid")
    assert memory_keyring.get_password(SERVICE, SECRET) is None
    assert "BillingConnected" not in webnova("events", "tail", "--json").out
    assert wrong not in refused.out + refused.err
    publishable = webnova("billing", "connect", "--platform", bank, "--key-stdin",
                          stdin="pk_test_abc")
    assert publishable.code == 1 and "not a Stripe secret key" in publishable.error
    unknown = webnova("billing", "connect", "--platform", "nope", "--key-stdin", stdin=SECRET_KEY)
    assert unknown.code == 1 and "no blueprint 'nope'" in unknown.error
    assert memory_keyring.get_password(SERVICE, "billing/local/default/nope/stripe") is None


def test_a_restricted_key_is_accepted_and_its_missing_permissions_named(
        webnova: Run, bank: str, stripe_fake: StripeFake, memory_keyring: MemoryKeyring) -> None:
    key = stripe_fake.restricted_key("rak_product_write", "rak_price_read")
    connected = webnova("billing", "connect", "--platform", bank, "--key-stdin", stdin=key)
    assert connected.code == 0, connected.err
    assert "connected platform 'bank' to Stripe (restricted key, test mode)" in connected.out
    assert ("the key lacks permissions 'webnova billing sync' needs: rak_price_write, "
            "rak_subscription_read") in connected.out
    assert memory_keyring.get_password(SERVICE, SECRET) == key
    assert stripe_fake.all("product") == [] and stripe_fake.all("event") == []  # probes only
    refused = webnova("billing", "sync", "--platform", bank)
    assert refused.code == 1
    assert "it lacks the permission rak_price_write" in refused.error
    assert key not in refused.out + refused.err


def test_sync_creates_products_and_prices_once(
        webnova: Run, bank: str, stripe_fake: StripeFake) -> None:
    assert webnova("billing", "connect", "--platform", bank, "--key-stdin", stdin=SECRET_KEY).code == 0
    start = len(stripe_fake.requests)
    synced = webnova("billing", "sync", "--platform", bank, "--json")
    assert synced.code == 0, synced.err
    assert synced.json()["created_products"] == TIERS == synced.json()["created_prices"]
    products = {p["metadata"]["webnova_tier"]: p for p in stripe_fake.all("product")}
    assert sorted(products) == sorted(TIERS)
    growth = products["sme-growth"]
    assert growth["metadata"]["webnova_platform"] == "bank"
    assert growth["metadata"]["webnova_blueprint_version"] == "1"
    assert growth["metadata"]["webnova_name_ar"].endswith("باقة النمو للمنشآت")
    prices = {p["lookup_key"]: p for p in stripe_fake.all("price")}
    price = prices["webnova:bank:sme-growth"]
    assert (price["unit_amount"], price["currency"], price["recurring"]["interval"]) == (
        19900, "sar", "month")
    assert price["product"] == growth["id"] and price["metadata"]["webnova_tier"] == "sme-growth"
    assert prices["webnova:bank:corporate"]["recurring"]["interval"] == "year"
    keys = [key for method, _path, key in stripe_fake.requests[start:] if method == "POST"]
    assert keys == [f"webnova:gulf-horizon-bank:bank:v1:{tier}:{step}" for tier in TIERS
                    for step in ("product", "price")]  # derived, so a rerun replays them
    posts = stripe_fake.posts()

    again = webnova("billing", "sync", "--platform", bank, "--json")
    assert again.code == 0, again.err
    assert again.json()["unchanged"] == TIERS and again.json()["created_prices"] == []
    assert stripe_fake.posts() == posts  # looked up, nothing created or changed
    assert len(stripe_fake.all("product")) == 3 and len(stripe_fake.all("price")) == 3
    history = webnova("events", "tail", "--json").out
    assert history.count("BillingSynced") == 2
    assert SECRET_KEY not in webnova("audit", "list", "--json").out


def change_price(webnova: Run, tmp_path: Path, tier: str, price: int) -> None:
    exported = webnova("blueprint", "export", "bank", "--format", "yaml")
    assert exported.code == 0, exported.err
    document = yaml.safe_load(exported.out)
    next(t for t in document["tiers"] if t["key"] == tier)["price"] = price
    path = tmp_path / "bank.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    imported = webnova("blueprint", "import", str(path))
    assert imported.code == 0, imported.err


def test_a_price_change_waits_for_approval_and_shows_the_live_subscriptions(
        webnova: Run, bank: str, stripe_fake: StripeFake, tmp_path: Path) -> None:
    assert webnova("billing", "connect", "--platform", bank, "--key-stdin", stdin=SECRET_KEY).code == 0
    assert webnova("billing", "sync", "--platform", bank).code == 0
    old = next(p for p in stripe_fake.all("price") if p["lookup_key"] == "webnova:bank:sme-growth")
    for status in ("active", "active", "past_due", "canceled"):
        stripe_fake.add_subscription(old["id"], status)
    change_price(webnova, tmp_path, "sme-growth", 249)

    waiting = webnova("billing", "sync", "--platform", bank)
    assert waiting.code == 3, waiting.err
    assert "tier sme-growth: the price change 199.00 SAR a month → 249.00 SAR a month " \
           "(live subscriptions on the old price: 3 subscriptions) waits for approval" in waiting.out
    prices = stripe_fake.all("price")
    assert len(prices) == 3 and all(p["active"] for p in prices)  # nothing changed at Stripe
    request = webnova("approvals", "list", "--json").json()[0]
    assert request["action"]["kind"] == "billing.price_change"
    assert request["action"]["context"]["live_subscriptions"] == 3
    consequences = request["attachments"]
    assert "Live subscriptions on the old price: 3 subscriptions" in consequences["consequences"]
    arabic = consequences["consequences_ar"]
    assert "الاشتراكات القائمة على السعر القديم: ٣ اشتراكات" in arabic
    assert "\u2066249.00 SAR\u2069 شهريًا يحل محل \u2066199.00 SAR\u2069 شهريًا" in arabic
    again = webnova("billing", "sync", "--platform", bank, "--json")
    assert again.code == 3 and again.json()["waiting_for_approval"][0]["approval"] == request["id"]
    assert len(webnova("approvals", "list", "--json").json()) == 1  # asked once

    approved = webnova("approvals", "approve", request["id"], "--reason", "new pricing")
    assert approved.code == 0, approved.err
    prices = {p["id"]: p for p in stripe_fake.all("price")}
    assert prices[old["id"]]["active"] is False and prices[old["id"]]["lookup_key"] is None
    (new,) = [p for p in prices.values() if p["lookup_key"] == "webnova:bank:sme-growth"]
    assert (new["unit_amount"], new["active"], new["product"]) == (24900, True, old["product"])
    assert new["metadata"]["webnova_blueprint_version"] == "2"
    done = webnova("billing", "sync", "--platform", bank, "--json")
    assert done.code == 0 and done.json()["created_prices"] == [] and not done.json()["waiting_for_approval"]
    assert len(stripe_fake.all("price")) == 4
    assert "BillingPriceChanged" in webnova("events", "tail", "--json").out


def test_a_revoked_key_is_a_clear_error(webnova: Run, bank: str, stripe_fake: StripeFake) -> None:
    assert webnova("billing", "connect", "--platform", bank, "--key-stdin", stdin=SECRET_KEY).code == 0
    stripe_fake.revoke(SECRET_KEY)
    refused = webnova("billing", "sync", "--platform", bank)
    assert refused.code == 1
    assert refused.error == ("error: Stripe refused the key while looking up the product of tier "
                             "'sme-essential': it was revoked or has expired")
    assert stripe_fake.all("product") == []
    assert SECRET_KEY not in refused.out + refused.err


def test_sync_without_a_key_says_how_to_connect(webnova: Run, bank: str) -> None:
    refused = webnova("billing", "sync", "--platform", bank)
    assert refused.code == 1
    assert "run 'webnova billing connect --platform bank' first" in refused.error
