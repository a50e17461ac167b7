"""Small, valid blueprint documents for compliance tests: each call builds a fresh dict
that passes the schema and every cross-field rule, with only what a test names added."""

from __future__ import annotations

from typing import Any

Doc = dict[str, Any]


def label(text: str) -> dict[str, str]:
    return {"en": text.replace("_", " ").capitalize(), "ar": "تسمية"}


def field(name: str, type: str = "string", **attrs: Any) -> Doc:
    """A field; ``classification``/``storage`` and constraints go in ``attrs``."""
    result: Doc = {"name": name, "label": label(name), "type": type}
    if type == "money" and "currency" not in attrs:
        result["currency"] = "SAR"
    if type == "enum" and "enum_values" not in attrs:
        result["enum_values"] = ["draft", "active"]
    return {**result, **attrs}


def personal(name: str = "full_name", **attrs: Any) -> Doc:
    return field(name, classification="personal", **attrs)


def health(name: str = "diagnosis", **attrs: Any) -> Doc:
    return field(name, "text", classification="sensitive_health", **attrs)


def card(name: str = "card_number", storage: str = "provider_token", **attrs: Any) -> Doc:
    return field(name, classification="payment_card", storage=storage, **attrs)


def entity(name: str, *fields: Doc, **attrs: Any) -> Doc:
    """An entity with a public ``code`` field first, then ``fields``."""
    return {
        "name": name,
        "label": label(name),
        "fields": [field("code", classification="public"), *fields],
        **attrs,
    }


def compliant_entity(name: str, *fields: Doc, **attrs: Any) -> Doc:
    """An entity holding personal data the way every pack wants it held."""
    settings = {"audit_log": True, "encrypted_at_rest": True, "retention_days": 365, "erasure": "delete"}
    return entity(name, *fields, **{**settings, **attrs})


def environment(
    name: str = "production", region: str = "fsn1", provider: str = "hetzner", **attrs: Any
) -> Doc:
    result: Doc = {"name": name, "provider": provider, "region": region, "server_size": "cx22"}
    if provider == "hetzner":
        attrs.setdefault("backups", True)
        attrs.setdefault("encryption_at_rest", True)
    return {**result, **attrs}


def on_premises(country: str, name: str = "production", **attrs: Any) -> Doc:
    attrs.setdefault("backups", True)
    attrs.setdefault("encryption_at_rest", True)
    return environment(name, region="dc1", provider="on_premises", country=country, **attrs)


def role(name: str, *permissions: Doc, **attrs: Any) -> Doc:
    return {"name": name, "label": label(name), "permissions": list(permissions), **attrs}


def permission(entity_name: str, *actions: str, own: bool = False) -> Doc:
    result: Doc = {"entity": entity_name, "actions": list(actions or ("list", "read"))}
    if own:
        result["own_records_only"] = True
    return result


def transfer(country: str, mechanism: str = "standard_contractual_clauses") -> Doc:
    """A recorded transfer basis for keeping personal data in ``country``."""
    return {"country": country, "mechanism": mechanism, "reference": f"DPA-2026-{country}",
            "recorded_on": "2026-11-02"}


def blueprint(
    *entities: Doc,
    compliance: tuple[str, ...] | list[str] = (),
    data_residency: tuple[str, ...] | list[str] = (),
    environments: list[Doc] | None = None,
    roles: list[Doc] | None = None,
    **attrs: Any,
) -> Doc:
    """A valid blueprint; with no entities, one entity of public data."""
    chosen = list(entities) or [entity("note")]
    return {
        "schema_version": 1,
        "key": "test-platform",
        "name": {"en": "Test platform", "ar": "منصة تجريبية"},
        "owner": "Test owner",
        "tenant_id": "tenant-1",
        "domain": "enterprise",
        "compliance": list(compliance),
        "data_residency": list(data_residency),
        "tenancy": "single_tenant",
        "entities": chosen,
        "roles": roles if roles is not None else [role("staff", permission(chosen[0]["name"]))],
        "environments": environments if environments is not None else [environment()],
        "locales": ["ar", "en"],
        "default_locale": "ar",
        "default_direction": "rtl",
        **attrs,
    }
