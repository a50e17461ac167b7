"""What a platform that sells subscriptions to its tenants is generated with.

A blueprint sells when it declares tiers and a payments integration whose provider is
Stripe. Its platform then keeps each tenant's subscription (``tenant_subscriptions``: the
tier, Stripe's status, the customer and subscription ids, the end of the paid period, since
when it is past due, and the Stripe timestamp of the state it holds, so an older event never
overwrites a newer one) and the Stripe events it has processed (``billing_events``, whose
id is the event's: a replayed event changes nothing). Both are tenant tables under row-level
security like the others.

A tenant with no subscription yet (or one whose first payment is still incomplete) works
within the first tier's limits; a tenant past due longer than its tier's grace days, or
cancelled, is read-only until it pays through the customer portal."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.blueprint.model import Blueprint, IntegrationCategory
from app.domain.codegen.schema import Check, Column, Index, Table

STRIPE = "stripe"
SUBSCRIPTION_STATUSES = ("trialing", "active", "past_due", "canceled", "incomplete")
# table -> the SQLAlchemy class that maps it in the generated system_models.py
BILLING_MODELS: dict[str, str] = {
    "tenant_subscriptions": "TenantSubscription",
    "billing_events": "BillingEvent",
}
USERS_LIMIT = "users"
API_CALLS_LIMIT = "api_calls_per_month"
STORAGE_LIMIT = "storage_gb"


@dataclass(frozen=True)
class TierSpec:
    key: str
    name_en: str
    name_ar: str
    lookup_key: str  # the Stripe price's lookup key, as ``webnova billing sync`` sets it
    trial_days: int
    grace_days: int
    users: int | None  # the most users a tenant may have
    api_calls_per_month: int | None
    storage_gb: int | None  # the most a tenant may store, in GB (10**9 bytes)
    entity_limits: tuple[tuple[str, int], ...]  # (entity, most records), blueprint order


@dataclass(frozen=True)
class BillingSpec:
    tiers: tuple[TierSpec, ...]
    admin_role: str  # the role that may start a checkout and open the customer portal

    @property
    def entry(self) -> TierSpec:
        """The tier a tenant without a paid subscription works within."""
        return self.tiers[0]


def sells(blueprint: Blueprint) -> bool:
    """Whether the blueprint sells its tiers through Stripe."""
    return bool(blueprint.tiers) and any(
        i.category is IntegrationCategory.payments and (i.provider or "").strip().lower() == STRIPE
        for i in blueprint.integrations)


def billing_spec(blueprint: Blueprint) -> BillingSpec | None:
    if not sells(blueprint):
        return None
    roles = [r.name for r in blueprint.roles]
    admin = "admin" if "admin" in roles else roles[0] if roles else "admin"
    entities = [e.name for e in blueprint.entities]
    tiers = tuple(
        TierSpec(
            key=t.key, name_en=t.name.en, name_ar=t.name.ar,
            lookup_key=f"webnova:{blueprint.key}:{t.key}",
            trial_days=t.trial_days, grace_days=t.grace_days,
            users=t.limits.get(USERS_LIMIT), api_calls_per_month=t.limits.get(API_CALLS_LIMIT),
            storage_gb=t.limits.get(STORAGE_LIMIT),
            entity_limits=tuple((name, t.entity_limits[name]) for name in entities
                                if name in t.entity_limits),
        )
        for t in blueprint.tiers)
    return BillingSpec(tiers, admin)


def billing_tables() -> tuple[Table, ...]:
    statuses = ", ".join(f"'{s}'" for s in SUBSCRIPTION_STATUSES)
    subscriptions = Table(
        "tenant_subscriptions",
        (Column("tenant_id", "sa.String(64)", "str", False, primary_key=True, family="text"),
         Column("tier", "sa.String(63)", "str", False, family="text"),
         Column("status", "sa.String(16)", "str", False, family="text"),
         Column("stripe_customer_id", "sa.String(255)", "str", True, family="text"),
         Column("stripe_subscription_id", "sa.String(255)", "str", True, family="text"),
         Column("current_period_end", "t.UTCDateTime()", "dt.datetime", True, family="datetime"),
         Column("past_due_since", "t.UTCDateTime()", "dt.datetime", True, family="datetime"),
         Column("state_at", "sa.BigInteger()", "int", False, family="number"),
         Column("updated_at", "t.UTCDateTime()", "dt.datetime", False, family="datetime")),
        (Index("uq_tenant_subscriptions_customer", ("stripe_customer_id",), True),),
        (Check("ck_tenant_subscriptions_status", f"status IN ({statuses})", "status"),),
    )
    events = Table(
        "billing_events",
        (Column("id", "sa.String(255)", "str", False, primary_key=True, family="text"),
         Column("tenant_id", "sa.String(64)", "str", False, family="text"),
         Column("type", "sa.String(100)", "str", False, family="text"),
         Column("created", "sa.BigInteger()", "int", False, family="number"),
         Column("processed_at", "t.UTCDateTime()", "dt.datetime", False, family="datetime")),
        (Index("ix_billing_events_tenant", ("tenant_id", "created")),),
    )
    return subscriptions, events
