"""What a platform sells at Stripe, from its blueprint: one product and one recurring price
per tier, and the steps that bring the owner's Stripe account there.

Pure: the Stripe objects found are given as ``RemoteProduct`` / ``RemotePrice``; the steps
come back as data. Stripe prices are immutable: a tier whose amount, currency or interval
changed gets a new price, and the old one is archived (a governed step, ``price_change``).

Every object carries metadata linking it to the platform, the tier and the blueprint version;
the current price of a tier is found by its lookup key ``webnova:<platform>:<tier>``, and every
create has an idempotency key derived from the blueprint version and the tier, so a rerun, or
a sync killed midway and run again, creates nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from app.domain.blueprint.model import Blueprint, Tier
from app.domain.errors import WebNovaError

# Stripe's currencies without a minor unit, and those with three decimals.
ZERO_DECIMAL = frozenset({"BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF",
                          "UGX", "VND", "VUV", "XAF", "XOF", "XPF"})
THREE_DECIMAL = frozenset({"BHD", "JOD", "KWD", "OMR", "TND"})
LIVE_STATUSES = frozenset({"active", "trialing", "past_due", "unpaid", "paused"})


class CatalogError(WebNovaError):
    pass


def minor_units(amount: Decimal, currency: str, where: str = "") -> int:
    """The amount in the currency's smallest unit, as Stripe takes it (SAR 99.00 → 9900)."""
    exponent = 0 if currency in ZERO_DECIMAL else 3 if currency in THREE_DECIMAL else 2
    scaled = amount * (10 ** exponent)
    if scaled != scaled.to_integral_value():
        raise CatalogError(f"{where}the price {amount} {currency} cannot be charged: {currency} "
                           f"has {exponent or 'no'} decimal places")
    return int(scaled)


@dataclass(frozen=True)
class RemoteProduct:
    id: str
    name: str
    active: bool
    metadata: dict[str, str]
    features: tuple[str, ...] = ()


@dataclass(frozen=True)
class RemotePrice:
    id: str
    product: str
    unit_amount: int
    currency: str  # lower case, as Stripe answers
    interval: str | None
    active: bool
    lookup_key: str | None
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TierOffer:
    """One tier as Stripe should sell it."""

    tenant_id: str
    platform: str
    tier: str
    blueprint_version: int
    name: str
    name_ar: str
    features: tuple[str, ...]
    unit_amount: int
    currency: str  # upper case, as the blueprint writes it
    interval: str
    trial_days: int
    grace_days: int

    @property
    def lookup_key(self) -> str:
        return f"webnova:{self.platform}:{self.tier}"

    def idempotency_key(self, step: str) -> str:
        return (f"webnova:{self.tenant_id}:{self.platform}:v{self.blueprint_version}:"
                f"{self.tier}:{step}")

    def product_metadata(self) -> dict[str, str]:
        return {"webnova_tenant": self.tenant_id, "webnova_platform": self.platform,
                "webnova_tier": self.tier, "webnova_blueprint_version": str(self.blueprint_version),
                "webnova_name_ar": self.name_ar, "webnova_trial_days": str(self.trial_days),
                "webnova_grace_days": str(self.grace_days)}

    def price_metadata(self) -> dict[str, str]:
        return {"webnova_tenant": self.tenant_id, "webnova_platform": self.platform,
                "webnova_tier": self.tier, "webnova_blueprint_version": str(self.blueprint_version)}

    def price_matches(self, price: RemotePrice) -> bool:
        return (price.unit_amount, price.currency, price.interval) == (
            self.unit_amount, self.currency.lower(), self.interval)

    def product_differs(self, product: RemoteProduct) -> bool:
        wanted = self.product_metadata()
        return (product.name != self.name or not product.active
                or tuple(product.features) != self.features
                or any(product.metadata.get(k) != v for k, v in wanted.items()))

    def price_text(self) -> str:
        return amount_text(self.unit_amount, self.currency, self.interval)

    def to_json(self) -> dict[str, Any]:
        return {"platform": self.platform, "tier": self.tier,
                "blueprint_version": self.blueprint_version, "unit_amount": self.unit_amount,
                "currency": self.currency, "interval": self.interval,
                "lookup_key": self.lookup_key}


_PER_AR = {"day": "يوميًا", "week": "أسبوعيًا", "month": "شهريًا", "year": "سنويًا"}


def amount_text(unit_amount: int, currency: str, interval: str | None, language: str = "en") -> str:
    """``199.00 SAR a month``; in Arabic ``199.00 SAR شهريًا`` (the amount kept left to right)."""
    currency = currency.upper()
    exponent = 0 if currency in ZERO_DECIMAL else 3 if currency in THREE_DECIMAL else 2
    value = f"{Decimal(unit_amount).scaleb(-exponent):.{exponent}f} {currency}"
    if language == "ar":
        per = _PER_AR.get(interval or "", "")
        return f"\u2066{value}\u2069 {per}".rstrip()
    return f"{value} a {interval}" if interval else value


def offer_of(tier: Tier, blueprint: Blueprint, version: int) -> TierOffer:
    where = f"tier {tier.key!r}: "
    return TierOffer(
        tenant_id=blueprint.tenant_id, platform=blueprint.key, tier=tier.key,
        blueprint_version=version, name=f"{blueprint.name.en} — {tier.name.en}",
        name_ar=f"{blueprint.name.ar} — {tier.name.ar}",
        features=tuple(f.en for f in tier.features),
        unit_amount=minor_units(tier.price, tier.currency, where), currency=tier.currency,
        interval=tier.interval.value, trial_days=tier.trial_days, grace_days=tier.grace_days)


def offers(blueprint: Blueprint, version: int) -> list[TierOffer]:
    if not blueprint.tiers:
        raise CatalogError(f"blueprint {blueprint.key!r} v{version} declares no tiers; "
                           "there is nothing to sell")
    return [offer_of(tier, blueprint, version) for tier in blueprint.tiers]
