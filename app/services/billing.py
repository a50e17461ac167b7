"""Selling a platform's tiers through the owner's Stripe account: connect a key, sync the
catalogue.

The key lives in the OS keyring only (``billing/<workspace>/<tenant>/<platform>/stripe``): it
is checked with Stripe first, then stored, then the connection is recorded; if recording fails
the keyring entry is taken back. It never reaches an event, the audit log or an error text.

``sync`` reads the platform's latest blueprint version and, per tier, finds the product (by its
metadata) and the current price (by its lookup key) before creating anything, and creates with
idempotency keys derived from the blueprint version and the tier (see domain/billing/catalog.py).
A tier whose price changed needs a new Stripe price and the old one archived: the governed
action ``billing.price_change``, whose request shows the live subscriptions on the old price;
until it is approved nothing of that tier's price changes at Stripe. Every sync is recorded
as an event of the stream ``billing:<tenant>:<platform>`` and in the audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.domain.billing.catalog import TierOffer, amount_text, offers
from app.domain.events import NewEvent
from app.domain.governance import actions as kinds
from app.domain.governance.actions import ActionDescriptor
from app.domain.governance.audit import AuditRecord
from app.domain.plurals import count
from app.domain.redaction import redactor
from app.services.approvals import ApprovalRequest, AuditSink
from app.services.billing_ports import BillingError, KeyCheck, StripeAccount, StripeConnector
from app.services.blueprints import BlueprintService
from app.services.governance import GovernanceService
from app.services.ports import EventStore, SecretStore

CONNECTED = "BillingConnected"
SYNCED = "BillingSynced"
PRICE_CHANGED = "BillingPriceChanged"


def billing_stream(tenant_id: str, platform: str) -> str:
    return f"billing:{tenant_id}:{platform}"


@dataclass
class SyncReport:
    platform: str
    blueprint_version: int
    created_products: list[str] = field(default_factory=list)
    updated_products: list[str] = field(default_factory=list)
    created_prices: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    changed_prices: list[str] = field(default_factory=list)  # approved and done in this run
    waiting: list[dict[str, Any]] = field(default_factory=list)  # price changes awaiting approval
    error: str | None = None  # why the sync stopped, if it did

    def to_json(self) -> dict[str, Any]:
        return {"platform": self.platform, "blueprint_version": self.blueprint_version,
                "created_products": self.created_products,
                "updated_products": self.updated_products,
                "created_prices": self.created_prices, "changed_prices": self.changed_prices,
                "unchanged": self.unchanged, "waiting_for_approval": self.waiting,
                "error": self.error}


def price_change_texts(context: dict[str, Any]) -> tuple[str, str]:
    """What the owner approves, in English and Arabic: the tier, the old and new price, and
    how many live subscriptions stay on the old price."""
    live = int(context["live_subscriptions"])
    old, new = context["old_price_text"], context["new_price_text"]
    old_ar = amount_text(context["old_unit_amount"], context["old_currency"],
                         context["old_interval"], "ar")
    new_ar = amount_text(context["unit_amount"], context["currency"], context["interval"], "ar")
    tier, platform = context["tier"], context["platform"]
    english = (f"Tier {tier} of {platform}: a new Stripe price of {new} replaces {old}, which "
               f"is archived. Live subscriptions on the old price: {count(live, 'subscription')}; "
               "they keep paying it until moved, new subscribers get the new price.")
    arabic = (f"الباقة \u2068{tier}\u2069 في \u2068{platform}\u2069: سعر جديد في Stripe "
              f"{new_ar} يحل محل {old_ar} الذي يُؤرشف. الاشتراكات القائمة على "
              f"السعر القديم: {count(live, 'subscription', 'ar')}؛ تبقى عليه حتى تُنقل، "
              "ويدفع المشتركون الجدد السعر الجديد.")
    return english, arabic


class BillingService:
    def __init__(self, store: EventStore, secrets: SecretStore, connector: StripeConnector,
                 blueprints: BlueprintService, governance: GovernanceService, tenant_id: str,
                 workspace: str, audit: AuditSink | None = None) -> None:
        self.store = store
        self.secrets = secrets
        self.connector = connector
        self.blueprints = blueprints
        self.governance = governance
        self.tenant_id = tenant_id
        self.workspace = workspace
        self.audit = audit

    def key_secret(self, platform: str) -> str:
        return f"billing/{self.workspace}/{self.tenant_id}/{platform}/stripe"

    # ------------------------------------------------------------ connecting
    def connect_now(self, platform: str, key: str, actor: str) -> KeyCheck:
        key = (key or "").strip()
        if not key:
            raise BillingError("the Stripe key is empty; nothing was stored")
        redactor.register(key)
        if not key.startswith(("sk_test_", "sk_live_", "rk_test_", "rk_live_")):
            raise BillingError("this is not a Stripe secret key: it should start with sk_test_, "
                               "sk_live_, rk_test_ or rk_live_ (a publishable pk_ key cannot "
                               "manage products); nothing was stored")
        self.blueprints.get_now(platform)  # an unknown platform is named before Stripe is asked
        check = self.connector.open(key).check()
        secret = self.key_secret(platform)
        stream = billing_stream(self.tenant_id, platform)
        self.secrets.set(secret, key)
        try:
            self.store.append(stream, [NewEvent(CONNECTED, self.tenant_id, {
                "platform": platform, "account": check.account_id,
                "key_kind": "restricted" if check.restricted else "secret",
                "livemode": check.livemode, "missing_permissions": list(check.missing)},
                {"actor": actor})], self.store.stream_version(stream))
        except BaseException:
            self.secrets.delete(secret)
            raise
        self._record(actor, "billing.connect", platform, {
            "account": check.account_id, "restricted": check.restricted,
            "missing_permissions": list(check.missing)})
        return check

    def account(self, platform: str) -> StripeAccount:
        key = self.secrets.get(self.key_secret(platform))
        if not key:
            raise BillingError(f"platform {platform!r} has no Stripe key in this machine's keyring; "
                               f"run 'webnova billing connect --platform {platform}' first")
        redactor.register(key)
        return self.connector.open(key)

    # ------------------------------------------------------------ syncing
    def sync_now(self, platform: str, actor: str) -> SyncReport:
        current = self.blueprints.get_now(platform)
        report = SyncReport(platform, current.version)
        tiers = offers(current.blueprint, current.version)
        stripe = self.account(platform)
        try:
            for offer in tiers:
                self._sync_tier(stripe, offer, actor, report)
        except BillingError as exc:
            report.error = str(exc)
            raise
        finally:
            self._record_sync(actor, report)
        return report

    def _sync_tier(self, stripe: StripeAccount, offer: TierOffer, actor: str,
                   report: SyncReport) -> None:
        product = stripe.find_product(offer.platform, offer.tier)
        if product is None:
            product = stripe.create_product(offer, offer.idempotency_key("product"))
            report.created_products.append(offer.tier)
        elif offer.product_differs(product):
            product = stripe.update_product(product.id, offer,
                                            offer.idempotency_key(f"product-update-{product.id}"))
            report.updated_products.append(offer.tier)
        price = stripe.find_price(offer.lookup_key)
        if price is None:
            stripe.create_price(product.id, offer, offer.idempotency_key("price"))
            report.created_prices.append(offer.tier)
            return
        if offer.price_matches(price):
            if offer.tier not in report.updated_products + report.created_products:
                report.unchanged.append(offer.tier)
            return
        live = stripe.live_subscriptions(price.id)
        context = {**offer.to_json(), "old_price": price.id, "live_subscriptions": live,
                   "old_unit_amount": price.unit_amount, "old_currency": price.currency,
                   "old_interval": price.interval,
                   "old_price_text": amount_text(price.unit_amount, price.currency, price.interval),
                   "new_price_text": offer.price_text(), "product": product.id}
        result = self._submit_price_change(context, actor)
        if isinstance(result, ApprovalRequest):
            report.waiting.append({"tier": offer.tier, "approval": result.id,
                                   "live_subscriptions": live,
                                   "old": context["old_price_text"], "new": offer.price_text()})
        else:
            report.changed_prices.append(offer.tier)

    def _submit_price_change(self, context: dict[str, Any], actor: str) -> object:
        subject = f"{context['platform']}/{context['tier']}"
        for request in self.governance.approvals.pending_now():
            a = request.action
            if (a.kind == kinds.BILLING_PRICE_CHANGE and a.subject == subject
                    and a.context.get("old_price") == context["old_price"]
                    and a.context.get("unit_amount") == context["unit_amount"]
                    and a.context.get("currency") == context["currency"]
                    and a.context.get("interval") == context["interval"]):
                return request  # asked already: one request per change
        english, arabic = price_change_texts(context)
        action = ActionDescriptor(kinds.BILLING_PRICE_CHANGE, actor, self.tenant_id,
                                  subject=subject, context=context)
        return self.governance.submit_now(action, english, {
            "consequences": english, "consequences_ar": arabic})

    def change_price_now(self, action: ActionDescriptor) -> dict[str, Any]:
        """The executor of an allowed or approved ``billing.price_change``: the new price takes
        the tier's lookup key, the old one is archived. Safe to run again."""
        c = action.context
        stripe = self.account(str(c["platform"]))
        current = stripe.find_price(str(c["lookup_key"]))
        offer = TierOffer(self.tenant_id, str(c["platform"]), str(c["tier"]),
                          int(c["blueprint_version"]), "", "", (), int(c["unit_amount"]),
                          str(c["currency"]), str(c["interval"]), 0, 0)
        if current is not None and current.id != c["old_price"] and not offer.price_matches(current):
            raise BillingError(f"the price of tier {c['tier']!r} changed at Stripe since this was "
                               "approved; run 'webnova billing sync' again")
        if current is None or current.id == c["old_price"]:
            current = stripe.create_price(str(c["product"]), offer,
                                          offer.idempotency_key(f"price-change-{c['old_price']}"),
                                          transfer_lookup_key=True)
        stripe.archive_price(str(c["old_price"]), offer.idempotency_key(f"archive-{c['old_price']}"))
        stream = billing_stream(self.tenant_id, offer.platform)
        data = {"platform": offer.platform, "tier": offer.tier, "old_price": c["old_price"],
                "new_price": current.id, "blueprint_version": offer.blueprint_version,
                "live_subscriptions": c["live_subscriptions"]}
        self.store.append(stream, [NewEvent(PRICE_CHANGED, self.tenant_id, data,
                                            {"actor": action.actor})],
                          self.store.stream_version(stream))
        return data

    def _record_sync(self, actor: str, report: SyncReport) -> None:
        stream = billing_stream(self.tenant_id, report.platform)
        self.store.append(stream, [NewEvent(SYNCED, self.tenant_id, report.to_json(),
                                            {"actor": actor})], self.store.stream_version(stream))
        self._record(actor, "billing.sync", report.platform, report.to_json())

    def _record(self, actor: str, action: str, subject: str, payload: dict[str, Any]) -> None:
        if self.audit is not None:
            self.audit.append(AuditRecord(self.tenant_id, actor, action, subject, payload, "done"))


BillingFactory = Callable[[], BillingService]
