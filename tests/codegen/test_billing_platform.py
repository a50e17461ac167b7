"""Generated platforms that sell their tiers through Stripe.

Only a blueprint with tiers and a Stripe payments integration gets billing: a platform
without it generates as it did (no billing files, no Stripe in its dependencies or lock, no
billing tables). The education template (tiers, Stripe) is generated with small limits,
installed from its own lock into a bare virtual environment and migrated on a real
PostgreSQL; its own billing tests run there (limits at the edge, concurrent creates at the
limit, signed webhooks replayed, reordered and forged, read-only after grace) and the
running server creates Checkout and portal sessions through the official library at the
loopback Stripe, answers webhooks signed as Stripe signs them, and refuses a tenant over its
tier's storage (as its usage meter measured it) what would add data, but not a delete."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import stripe

from app.domain.codegen.lock import BILLING_PACKAGES, canonical_name, parse_lock, without_billing
from app.domain.codegen.spec import build_spec
from app.integrations.platform_lock import PipLocks
from app.services.codegen import CodegenService
from tests.codegen.conftest import blueprint_of, template_document
from tests.codegen.test_end_to_end import fresh_environment, install_from_lock, run
from tests.support.pgserver import PgServer, free_port
from tests.support.stripe_fake import SECRET_KEY, StripeFake

PASSWORD = "correct horse battery staple"
WEBHOOK_SECRET = "whsec_" + "e2e-webhook-signing-secret-0123456789"
METERING_TOKEN = "e2e-metering-token-" + "m" * 32
BILLING_FILES = ("billing.py", "billing_api.py")


def selling_document() -> dict[str, Any]:
    """The education template (tiers, Stripe payments) with limits a test reaches: the
    second tier includes no storage at all."""
    document = template_document("education")
    entry = document["tiers"][0]
    entry["limits"]["users"] = 2
    entry["entity_limits"] = {"faculty": 2}
    document["tiers"][1]["limits"]["storage_gb"] = 0
    return document


def test_a_platform_that_sells_nothing_has_no_billing(codegen: CodegenService, tmp_path: Path) -> None:
    document = template_document("healthcare")  # tiers, but payments through moyasar
    assert document["tiers"]
    assert build_spec(blueprint_of(document)).billing is None
    root = tmp_path / "clinic"
    codegen.generate_now(blueprint_of(document), root, version=1)
    package = build_spec(blueprint_of(document)).package
    assert not any((root / package / name).exists() for name in BILLING_FILES)
    assert not (root / "tests" / "test_billing.py").exists()
    assert "stripe" not in (root / "pyproject.toml").read_text()
    for readme in ("README.md", "README.ar.md"):
        text = (root / readme).read_text(encoding="utf-8")
        assert "STRIPE_SECRET_KEY" not in text and "/billing/" not in text
    shipped = PipLocks().shipped()
    for name in ("requirements.lock", "requirements-test.lock"):
        text = (root / name).read_text()
        assert text == without_billing(shipped[name])
        assert parse_lock(text, name).names() == parse_lock(shipped[name], name).names() - BILLING_PACKAGES
    migrations = "".join(p.read_text() for p in (root / "migrations" / "versions").glob("*.py"))
    assert "tenant_subscriptions" not in migrations and "billing" not in migrations


def test_a_platform_that_starts_selling_gains_stripe_in_its_lock(codegen: CodegenService, tmp_path: Path) -> None:
    document = selling_document()
    payments = next(i for i in document["integrations"] if i["category"] == "payments")
    payments["provider"] = "sepa-direct-debit"
    root = tmp_path / "university"
    codegen.generate_now(blueprint_of(document), root, version=1)
    assert "stripe==" not in (root / "requirements.lock").read_text()
    assert "STRIPE_SECRET_KEY" not in (root / "README.md").read_text(encoding="utf-8")
    payments["provider"] = "Stripe"
    again = codegen.generate_now(blueprint_of(document), root, version=2)
    lock = parse_lock((root / "requirements.lock").read_text())
    assert {canonical_name(p.name) for p in lock.packages} >= BILLING_PACKAGES
    assert sorted(c.name for c in again.lock_changes) == sorted(
        p.name for p in lock.packages if canonical_name(p.name) in BILLING_PACKAGES)
    spec = build_spec(blueprint_of(document))
    assert spec.billing is not None and ("faculty", 2) in spec.billing.entry.entity_limits
    newest = sorted((root / "migrations" / "versions").glob("*.py"))[-1].read_text()
    assert "tenant_subscriptions" in newest and "_billing_functions()" in newest
    assert (root / spec.package / "billing_api.py").exists()
    # the READMEs describe selling: the settings, the endpoints, the limits and read-only access
    english, arabic = ((root / name).read_text(encoding="utf-8") for name in ("README.md", "README.ar.md"))
    for text, heading in ((english, "## Subscriptions (Stripe)"), (arabic, "## الاشتراكات (Stripe)")):
        assert heading in text
        for needle in ("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_BASE", "POST /billing/checkout",
                       "POST /billing/portal", "POST /billing/webhook", "GET /billing/subscription",
                       "billing.limit_reached", "storage_gb", "402", "billing.read_only_past_due",
                       f"`{spec.billing.entry.key}`"):
            assert needle in text, (heading, needle)


def stripe_signature(payload: bytes, secret: str) -> str:
    """``Stripe-Signature`` as Stripe computes it: v1 = HMAC-SHA256(secret, "<t>.<payload>")."""
    timestamp = int(time.time())
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


@pytest.fixture
def selling_platform(codegen: CodegenService, tmp_path: Path, locked_wheels: Path,
                     pg_server: PgServer) -> Iterator[tuple[Path, Path, dict[str, str], str]]:
    blueprint = blueprint_of(selling_document())
    root = tmp_path / "university"
    codegen.generate_now(blueprint, root, version=1)
    python = fresh_environment(tmp_path / "venv")
    install_from_lock(python, root, locked_wheels)
    owner, database = f"owner_{uuid.uuid4().hex[:8]}", f"selling_{uuid.uuid4().hex[:8]}"
    pg_server.execute(f"CREATE ROLE {owner} LOGIN CREATEROLE PASSWORD 'owner-password'")
    pg_server.execute(f'CREATE DATABASE "{database}" OWNER {owner}')
    env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
           "TEST_DATABASE_URL": pg_server.url(database, owner, "owner-password")}
    env.pop("DATABASE_URL", None)
    try:
        yield root, python, env, pg_server.url(database, "{login}", "login-password")
    finally:
        pg_server.drop_database(database)
        pg_server.execute(f"DROP ROLE IF EXISTS {owner}")


def test_a_selling_platform_on_postgresql_with_stripe(selling_platform: tuple[Path, Path, dict[str, str], str],
                                                      tmp_path: Path) -> None:
    root, python, env, login_url = selling_platform
    spec = build_spec(blueprint_of(selling_document()))
    # The platform's own billing and migration tests, on PostgreSQL, none skipped.
    tests = run([str(python), "-P", "-m", "pytest", "-p", "no:cacheprovider", "-x", "-rs", "-vv",
                 "tests/test_billing.py", "tests/test_migrations.py"], root, env, timeout=900)
    output = tests.stdout[-6000:] + tests.stderr[-3000:]
    assert tests.returncode == 0, output
    assert "skipped" not in tests.stdout, output
    assert "test_concurrent_creates_at_the_limit_exactly_one_succeeds PASSED" in tests.stdout, output

    # The server: migrated by the database's owner, run as a login role of the application role.
    admin_url = env["TEST_DATABASE_URL"]
    login = f"{spec.package}_login_{uuid.uuid4().hex[:6]}"
    server_env = {**env, "MIGRATION_DATABASE_URL": admin_url,
                  "DATABASE_URL": login_url.replace("{login}", login),
                  "JWT_SECRET": "j" * 48, "FIELD_ENCRYPTION_KEYS": "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                  "FIELD_INDEX_KEY": "i" * 48, "PLATFORM_USER_PASSWORD": PASSWORD,
                  "STRIPE_SECRET_KEY": SECRET_KEY, "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
                  "METERING_TOKEN": METERING_TOKEN, "USAGE_FLUSH_SECONDS": "1"}
    migrated = run([str(python), "-m", f"{spec.package}.manage", "migrate"], root, server_env)
    assert migrated.returncode == 0, migrated.stderr
    tenant = f"campus-{uuid.uuid4().hex[:6]}"
    for number, role in enumerate(("admin", "lecturer")):
        made = run([str(python), "-m", f"{spec.package}.manage", "create-user", "--tenant", tenant,
                    "--email", f"u{number}@campus.example", "--role", role], root, server_env)
        assert made.returncode == 0, made.stderr
    third = run([str(python), "-m", f"{spec.package}.manage", "create-user", "--tenant", tenant,
                 "--email", "u3@campus.example", "--role", "lecturer"], root, server_env)
    assert third.returncode == 1 and "at most 2 for users; this tenant has 2" in third.stderr, third.stderr

    with StripeFake() as fake:
        client = stripe.StripeClient(SECRET_KEY, base_addresses={"api": fake.url})
        assert spec.billing is not None
        entry, bigger = spec.billing.entry, spec.billing.tiers[1]
        assert bigger.storage_gb == 0
        product = client.v1.products.create(params={"name": entry.name_en})
        price = client.v1.prices.create(params={
            "product": product.id, "unit_amount": 9900, "currency": "eur",
            "recurring": {"interval": "month"}, "lookup_key": entry.lookup_key})
        port = free_port()
        log = tmp_path / "server.log"
        with log.open("wb") as output_file:
            server = subprocess.Popen(
                [str(python), "-m", "uvicorn", "--factory", f"{spec.package}.main:create_app",
                 "--host", "127.0.0.1", "--port", str(port)], cwd=root,
                env={**server_env, "STRIPE_API_BASE": fake.url}, stdout=output_file, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                assert server.poll() is None and time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
            signed_in = httpx.post(f"{url}/api/v1/auth/token", timeout=10, json={
                "tenant": tenant, "email": "u0@campus.example", "password": PASSWORD})
            assert signed_in.status_code == 200, signed_in.text
            admin = {"Authorization": f"Bearer {signed_in.json()['access_token']}"}
            made = httpx.post(f"{url}/api/v1/faculty", headers=admin, timeout=10,
                              json={"name": "Faculty of Science", "code": "SCI"})
            assert made.status_code == 201, made.text  # the entry tier stores up to 250 GB
            faculty = f"{url}/api/v1/faculty/{made.json()['id']}"

            no_portal = httpx.post(f"{url}/billing/portal", headers=admin, timeout=10,
                                   json={"return_url": "https://campus.example/billing"})
            assert no_portal.status_code == 409, no_portal.text
            started = httpx.post(f"{url}/billing/checkout", headers=admin, timeout=30, json={
                "tier": entry.key, "success_url": "https://campus.example/ok",
                "cancel_url": "https://campus.example/cancel"})
            assert started.status_code == 200, started.text
            assert started.json()["url"].startswith("https://checkout.stripe.com/c/pay/cs_test_")
            session = fake.objects.tables["checkout_session"][started.json()["id"]]
            assert (session["mode"], session["client_reference_id"], session["status"]) == (
                "subscription", tenant, "open")
            asked = fake.objects.checkout_requests[session["id"]]
            assert asked["line_items"] == [{"price": price.id, "quantity": 1}]
            assert asked["subscription_metadata"] == {"tenant_id": tenant, "tier": entry.key}
            assert asked["trial_period_days"] == (entry.trial_days or None)
            customer = fake.objects.tables["customer"][session["customer"]]
            assert customer["metadata"] == {"tenant_id": tenant}

            portal = httpx.post(f"{url}/billing/portal", headers=admin, timeout=30,
                                json={"return_url": "https://campus.example/billing"})
            assert portal.status_code == 200, portal.text
            assert portal.json()["url"].startswith("https://billing.stripe.com/p/session/")

            # Stripe's events, signed as Stripe signs them; the invoice names only the customer.
            created = int(time.time())
            events = [
                {"id": "evt_checkout_1", "type": "checkout.session.completed", "created": created,
                 "data": {"object": {**session, "status": "complete", "subscription": "sub_e2e"}}},
                {"id": "evt_sub_1", "type": "customer.subscription.created", "created": created + 1,
                 "data": {"object": {"id": "sub_e2e", "customer": customer["id"], "status": "active",
                                     "metadata": {"tenant_id": tenant, "tier": entry.key},
                                     "items": {"data": [{"price": {"id": price.id,
                                                                   "lookup_key": entry.lookup_key}}]}}}},
                {"id": "evt_inv_1", "type": "invoice.payment_failed", "created": created + 2,
                 "data": {"object": {"id": "in_1", "customer": customer["id"]}}},
                {"id": "evt_sub_2", "type": "customer.subscription.updated", "created": created + 3,
                 "data": {"object": {"id": "sub_e2e", "customer": customer["id"], "status": "past_due",
                                     "metadata": {"tenant_id": tenant},
                                     "items": {"data": [{"price": {"id": "price_bigger",
                                                                   "lookup_key": bigger.lookup_key}}]}}}},
            ]
            outcomes = []
            for event in (*events, events[2]):  # the invoice's event replayed
                payload = json.dumps(event).encode()
                answer = httpx.post(f"{url}/billing/webhook", content=payload, timeout=10,
                                    headers={"Stripe-Signature": stripe_signature(payload, WEBHOOK_SECRET)})
                assert answer.status_code == 200, answer.text
                outcomes.append(answer.json()["outcome"])
            assert outcomes == ["applied", "applied", "applied", "applied", "duplicate"]
            forged = json.dumps({**events[1], "id": "evt_forged"}).encode()
            refused = httpx.post(f"{url}/billing/webhook", content=forged, timeout=10,
                                 headers={"Stripe-Signature": stripe_signature(forged, "whsec_not_it")})
            assert refused.status_code == 400
            mine = httpx.get(f"{url}/billing/subscription", headers=admin, timeout=10).json()
            assert (mine["tier"], mine["status"], mine["read_only"]) == (bigger.key, "past_due", None)

            # Storage: the server's meter measured the tenant's rows at its first flush of the
            # day; the tier now allows 0 GB, so what adds data is refused, a delete is not.
            deadline = time.monotonic() + 30
            cursor, stored = "", None
            while stored is None:
                page = httpx.get(f"{url}/_webnova/usage", params={"cursor": cursor}, timeout=10,
                                 headers={"Authorization": f"Bearer {METERING_TOKEN}"}).json()
                stored = next((r for r in page["records"] if r["tenant"] == tenant and r["resource"] == "storage"),
                              None)
                cursor = page["cursor"]
                assert stored is not None or time.monotonic() < deadline, log.read_text()
                if stored is None:
                    time.sleep(0.3)
            assert stored["quantity"] > 0
            full = httpx.post(f"{url}/api/v1/faculty", headers={**admin, "Accept-Language": "ar"}, timeout=10,
                              json={"name": "Faculty of Arts", "code": "ART"})
            assert full.status_code == 402, full.text
            error = full.json()["error"]
            assert error["code"] == "billing.limit_reached" and "storage_gb" in error["message"]
            assert error["message"] == error["message_ar"] and bigger.name_ar in error["message_ar"]
            detail = error["details"][0]
            assert (detail["limit"], detail["tier"], detail["most"]) == ("storage_gb", bigger.key, 0)
            assert 0 < detail["count"] < 0.001  # GB
            changed = httpx.patch(faculty, headers=admin, timeout=10, json={"name": "Faculty of Sciences"})
            assert changed.status_code == 402 and changed.json()["error"]["details"][0]["limit"] == "storage_gb"
            assert httpx.delete(faculty, headers=admin, timeout=10).status_code == 204
            assert httpx.get(faculty, headers=admin, timeout=10).status_code == 404
        finally:
            server.terminate()
            server.wait(timeout=30)
        text = log.read_text()
        assert SECRET_KEY not in text and WEBHOOK_SECRET not in text
