"""Names people read for the blueprint's sections, attributes and values, translated.

The document keeps its identifiers (``shared_schema``, ``payment_card``); the editor shows
each one in the console's language. Tables hold the English source texts (marked for
lupdate); the functions translate them at the moment they are shown.
"""

from __future__ import annotations

from app.gui.qt import QT_TRANSLATE_NOOP, QCoreApplication

SECTIONS = "BlueprintSections"
ATTRIBUTES = "BlueprintAttributes"
VALUES = "BlueprintValues"

_SECTIONS = {
    "identity": QT_TRANSLATE_NOOP("BlueprintSections", "Identity"),
    "compliance": QT_TRANSLATE_NOOP("BlueprintSections", "Compliance"),
    "entities": QT_TRANSLATE_NOOP("BlueprintSections", "Entities"),
    "roles": QT_TRANSLATE_NOOP("BlueprintSections", "Roles"),
    "pages": QT_TRANSLATE_NOOP("BlueprintSections", "Pages"),
    "tiers": QT_TRANSLATE_NOOP("BlueprintSections", "Tiers"),
    "integrations": QT_TRANSLATE_NOOP("BlueprintSections", "Integrations"),
    "environments": QT_TRANSLATE_NOOP("BlueprintSections", "Environments"),
    "locales": QT_TRANSLATE_NOOP("BlueprintSections", "Languages"),
}
_ITEMS = {
    "entity": QT_TRANSLATE_NOOP("BlueprintSections", "Entity"),
    "field": QT_TRANSLATE_NOOP("BlueprintSections", "Field"),
    "relation": QT_TRANSLATE_NOOP("BlueprintSections", "Relation"),
    "role": QT_TRANSLATE_NOOP("BlueprintSections", "Role"),
    "page": QT_TRANSLATE_NOOP("BlueprintSections", "Page"),
    "tier": QT_TRANSLATE_NOOP("BlueprintSections", "Tier"),
    "integration": QT_TRANSLATE_NOOP("BlueprintSections", "Integration"),
    "environment": QT_TRANSLATE_NOOP("BlueprintSections", "Environment"),
}

# Sections named in version summaries.
_CHANGED_SECTIONS = {
    "blueprint": QT_TRANSLATE_NOOP("BlueprintSections", "Blueprint settings"),
    "fields": QT_TRANSLATE_NOOP("BlueprintSections", "Fields"),
    "relations": QT_TRANSLATE_NOOP("BlueprintSections", "Relations"),
}

_ATTRIBUTES = {
    "key": QT_TRANSLATE_NOOP("BlueprintAttributes", "Key"),
    "name": QT_TRANSLATE_NOOP("BlueprintAttributes", "Name"),
    "description": QT_TRANSLATE_NOOP("BlueprintAttributes", "Description"),
    "owner": QT_TRANSLATE_NOOP("BlueprintAttributes", "Owner"),
    "tenant_id": QT_TRANSLATE_NOOP("BlueprintAttributes", "Tenant"),
    "domain": QT_TRANSLATE_NOOP("BlueprintAttributes", "Domain"),
    "tenancy": QT_TRANSLATE_NOOP("BlueprintAttributes", "Tenancy"),
    "compliance": QT_TRANSLATE_NOOP("BlueprintAttributes", "Frameworks"),
    "data_residency": QT_TRANSLATE_NOOP("BlueprintAttributes", "Data residency"),
    "transfers": QT_TRANSLATE_NOOP("BlueprintAttributes", "Recorded transfer bases"),
    "self_service": QT_TRANSLATE_NOOP("BlueprintAttributes", "Data subjects' own role"),
    "locales": QT_TRANSLATE_NOOP("BlueprintAttributes", "Languages"),
    "default_locale": QT_TRANSLATE_NOOP("BlueprintAttributes", "Default language"),
    "default_direction": QT_TRANSLATE_NOOP("BlueprintAttributes", "Default direction"),
    "label": QT_TRANSLATE_NOOP("BlueprintAttributes", "Label"),
    "plural_label": QT_TRANSLATE_NOOP("BlueprintAttributes", "Plural label"),
    "audit_log": QT_TRANSLATE_NOOP("BlueprintAttributes", "Audit log"),
    "encrypted_at_rest": QT_TRANSLATE_NOOP("BlueprintAttributes", "Encrypted at rest"),
    "retention_days": QT_TRANSLATE_NOOP("BlueprintAttributes", "Retention (days)"),
    "erasure": QT_TRANSLATE_NOOP("BlueprintAttributes", "Erasure"),
    "type": QT_TRANSLATE_NOOP("BlueprintAttributes", "Type"),
    "required": QT_TRANSLATE_NOOP("BlueprintAttributes", "Required"),
    "unique": QT_TRANSLATE_NOOP("BlueprintAttributes", "Unique"),
    "indexed": QT_TRANSLATE_NOOP("BlueprintAttributes", "Indexed"),
    "classification": QT_TRANSLATE_NOOP("BlueprintAttributes", "Classification"),
    "storage": QT_TRANSLATE_NOOP("BlueprintAttributes", "Storage"),
    "min_length": QT_TRANSLATE_NOOP("BlueprintAttributes", "Minimum length"),
    "max_length": QT_TRANSLATE_NOOP("BlueprintAttributes", "Maximum length"),
    "pattern": QT_TRANSLATE_NOOP("BlueprintAttributes", "Pattern"),
    "minimum": QT_TRANSLATE_NOOP("BlueprintAttributes", "Minimum"),
    "maximum": QT_TRANSLATE_NOOP("BlueprintAttributes", "Maximum"),
    "precision": QT_TRANSLATE_NOOP("BlueprintAttributes", "Precision"),
    "scale": QT_TRANSLATE_NOOP("BlueprintAttributes", "Scale"),
    "currency": QT_TRANSLATE_NOOP("BlueprintAttributes", "Currency"),
    "enum_values": QT_TRANSLATE_NOOP("BlueprintAttributes", "Allowed values"),
    "reference": QT_TRANSLATE_NOOP("BlueprintAttributes", "Refers to"),
    "on_delete": QT_TRANSLATE_NOOP("BlueprintAttributes", "On delete"),
    "max_size_mb": QT_TRANSLATE_NOOP("BlueprintAttributes", "Maximum size (MB)"),
    "allowed_media_types": QT_TRANSLATE_NOOP("BlueprintAttributes", "Allowed media types"),
    "default": QT_TRANSLATE_NOOP("BlueprintAttributes", "Default value"),
    "kind": QT_TRANSLATE_NOOP("BlueprintAttributes", "Kind"),
    "target": QT_TRANSLATE_NOOP("BlueprintAttributes", "Target entity"),
    "permissions": QT_TRANSLATE_NOOP("BlueprintAttributes", "Permissions"),
    "title": QT_TRANSLATE_NOOP("BlueprintAttributes", "Title"),
    "entity": QT_TRANSLATE_NOOP("BlueprintAttributes", "Entity"),
    "path": QT_TRANSLATE_NOOP("BlueprintAttributes", "Path"),
    "roles": QT_TRANSLATE_NOOP("BlueprintAttributes", "Roles"),
    "price": QT_TRANSLATE_NOOP("BlueprintAttributes", "Price"),
    "interval": QT_TRANSLATE_NOOP("BlueprintAttributes", "Billing interval"),
    "limits": QT_TRANSLATE_NOOP("BlueprintAttributes", "Limits"),
    "entity_limits": QT_TRANSLATE_NOOP("BlueprintAttributes", "Records per entity"),
    "trial_days": QT_TRANSLATE_NOOP("BlueprintAttributes", "Trial (days)"),
    "features": QT_TRANSLATE_NOOP("BlueprintAttributes", "Features"),
    "grace_days": QT_TRANSLATE_NOOP("BlueprintAttributes", "Grace period (days)"),
    "category": QT_TRANSLATE_NOOP("BlueprintAttributes", "Category"),
    "provider": QT_TRANSLATE_NOOP("BlueprintAttributes", "Provider"),
    "purpose": QT_TRANSLATE_NOOP("BlueprintAttributes", "Purpose"),
    "region": QT_TRANSLATE_NOOP("BlueprintAttributes", "Region"),
    "country": QT_TRANSLATE_NOOP("BlueprintAttributes", "Country"),
    "server_size": QT_TRANSLATE_NOOP("BlueprintAttributes", "Server size"),
    "replicas": QT_TRANSLATE_NOOP("BlueprintAttributes", "Replicas"),
    "backups": QT_TRANSLATE_NOOP("BlueprintAttributes", "Backups"),
    "backup_retention_days": QT_TRANSLATE_NOOP("BlueprintAttributes", "Backup retention (days)"),
    "encryption_at_rest": QT_TRANSLATE_NOOP("BlueprintAttributes", "Encryption at rest"),
}
# Attributes whose meaning depends on the node.
_NODE_ATTRIBUTES = {
    ("environment", "domain"): QT_TRANSLATE_NOOP("BlueprintAttributes", "Web domain"),
    ("environment", "name"): QT_TRANSLATE_NOOP("BlueprintAttributes", "Environment"),
    ("integration", "provider"): QT_TRANSLATE_NOOP("BlueprintAttributes", "Service provider"),
    ("tier", "name"): QT_TRANSLATE_NOOP("BlueprintAttributes", "Display name"),
}

# Value tables, by the attribute that holds the value.
_DOMAINS = {
    "financial": QT_TRANSLATE_NOOP("BlueprintValues", "Financial services"),
    "healthcare": QT_TRANSLATE_NOOP("BlueprintValues", "Healthcare"),
    "government": QT_TRANSLATE_NOOP("BlueprintValues", "Government"),
    "education": QT_TRANSLATE_NOOP("BlueprintValues", "Education"),
    "enterprise": QT_TRANSLATE_NOOP("BlueprintValues", "Enterprise"),
}
_VALUES: dict[str, dict[str, object]] = {
    "domain": _DOMAINS,
    "compliance": {
        "pci_dss": QT_TRANSLATE_NOOP("BlueprintValues", "PCI DSS (payment cards)"),
        "hipaa": QT_TRANSLATE_NOOP("BlueprintValues", "HIPAA (US health data)"),
        "gdpr": QT_TRANSLATE_NOOP("BlueprintValues", "GDPR (EU personal data)"),
        "pdpl": QT_TRANSLATE_NOOP("BlueprintValues", "PDPL (Saudi personal data)"),
    },
    "tenancy": {
        "single_tenant": QT_TRANSLATE_NOOP("BlueprintValues", "Single tenant"),
        "shared_schema": QT_TRANSLATE_NOOP("BlueprintValues", "Shared schema, row-level security"),
        "schema_per_tenant": QT_TRANSLATE_NOOP("BlueprintValues", "Schema per tenant"),
        "database_per_tenant": QT_TRANSLATE_NOOP("BlueprintValues", "Database per tenant"),
    },
    "type": {
        "string": QT_TRANSLATE_NOOP("BlueprintValues", "Short text"),
        "text": QT_TRANSLATE_NOOP("BlueprintValues", "Long text"),
        "integer": QT_TRANSLATE_NOOP("BlueprintValues", "Whole number"),
        "decimal": QT_TRANSLATE_NOOP("BlueprintValues", "Decimal number"),
        "money": QT_TRANSLATE_NOOP("BlueprintValues", "Money"),
        "boolean": QT_TRANSLATE_NOOP("BlueprintValues", "Yes or no"),
        "date": QT_TRANSLATE_NOOP("BlueprintValues", "Date"),
        "datetime": QT_TRANSLATE_NOOP("BlueprintValues", "Date and time"),
        "enum": QT_TRANSLATE_NOOP("BlueprintValues", "One of a list"),
        "reference": QT_TRANSLATE_NOOP("BlueprintValues", "Reference to an entity"),
        "file": QT_TRANSLATE_NOOP("BlueprintValues", "File"),
    },
    "classification": {
        "public": QT_TRANSLATE_NOOP("BlueprintValues", "Public"),
        "internal": QT_TRANSLATE_NOOP("BlueprintValues", "Internal"),
        "personal": QT_TRANSLATE_NOOP("BlueprintValues", "Personal data"),
        "sensitive_health": QT_TRANSLATE_NOOP("BlueprintValues", "Sensitive health data"),
        "payment_card": QT_TRANSLATE_NOOP("BlueprintValues", "Payment card data"),
        "special_category": QT_TRANSLATE_NOOP("BlueprintValues", "Special-category personal data"),
    },
    "storage": {
        "plain": QT_TRANSLATE_NOOP("BlueprintValues", "Plain"),
        "encrypted": QT_TRANSLATE_NOOP("BlueprintValues", "Encrypted with the owner's key"),
        "provider_token": QT_TRANSLATE_NOOP("BlueprintValues", "Payment provider token only"),
        "hashed": QT_TRANSLATE_NOOP("BlueprintValues", "Hashed"),
    },
    "on_delete": {
        "restrict": QT_TRANSLATE_NOOP("BlueprintValues", "Refuse while referenced"),
        "cascade": QT_TRANSLATE_NOOP("BlueprintValues", "Delete the referring records"),
        "set_null": QT_TRANSLATE_NOOP("BlueprintValues", "Clear the reference"),
    },
    "erasure": {
        "none": QT_TRANSLATE_NOOP("BlueprintValues", "No erasure"),
        "delete": QT_TRANSLATE_NOOP("BlueprintValues", "Delete on request"),
        "anonymise": QT_TRANSLATE_NOOP("BlueprintValues", "Anonymise on request"),
    },
    "kind": {
        "one_to_many": QT_TRANSLATE_NOOP("BlueprintValues", "One to many"),
        "many_to_many": QT_TRANSLATE_NOOP("BlueprintValues", "Many to many"),
        "list": QT_TRANSLATE_NOOP("BlueprintValues", "List page"),
        "detail": QT_TRANSLATE_NOOP("BlueprintValues", "Detail page"),
        "form": QT_TRANSLATE_NOOP("BlueprintValues", "Form page"),
        "dashboard": QT_TRANSLATE_NOOP("BlueprintValues", "Dashboard"),
        "content": QT_TRANSLATE_NOOP("BlueprintValues", "Content page"),
    },
    "actions": {
        "list": QT_TRANSLATE_NOOP("BlueprintValues", "List"),
        "read": QT_TRANSLATE_NOOP("BlueprintValues", "Read"),
        "create": QT_TRANSLATE_NOOP("BlueprintValues", "Create"),
        "update": QT_TRANSLATE_NOOP("BlueprintValues", "Update"),
        "delete": QT_TRANSLATE_NOOP("BlueprintValues", "Delete"),
        "export": QT_TRANSLATE_NOOP("BlueprintValues", "Export"),
        "approve": QT_TRANSLATE_NOOP("BlueprintValues", "Approve"),
    },
    "interval": {
        "month": QT_TRANSLATE_NOOP("BlueprintValues", "Monthly"),
        "year": QT_TRANSLATE_NOOP("BlueprintValues", "Yearly"),
    },
    "category": {
        "payments": QT_TRANSLATE_NOOP("BlueprintValues", "Payments"),
        "email": QT_TRANSLATE_NOOP("BlueprintValues", "Email"),
        "sms": QT_TRANSLATE_NOOP("BlueprintValues", "Text messages (SMS)"),
        "storage": QT_TRANSLATE_NOOP("BlueprintValues", "File storage"),
        "identity": QT_TRANSLATE_NOOP("BlueprintValues", "Identity and sign-in"),
        "maps": QT_TRANSLATE_NOOP("BlueprintValues", "Maps"),
        "analytics": QT_TRANSLATE_NOOP("BlueprintValues", "Analytics"),
        "ai": QT_TRANSLATE_NOOP("BlueprintValues", "AI assistance"),
        "health_records": QT_TRANSLATE_NOOP("BlueprintValues", "Health records exchange"),
    },
    "provider": {
        "hetzner": QT_TRANSLATE_NOOP("BlueprintValues", "Hetzner Cloud"),
        "on_premises": QT_TRANSLATE_NOOP("BlueprintValues", "Owner's own data centre"),
    },
    "name": {
        "development": QT_TRANSLATE_NOOP("BlueprintValues", "Development"),
        "staging": QT_TRANSLATE_NOOP("BlueprintValues", "Staging"),
        "production": QT_TRANSLATE_NOOP("BlueprintValues", "Production"),
    },
    "locales": {
        "ar": QT_TRANSLATE_NOOP("BlueprintValues", "Arabic"),
        "en": QT_TRANSLATE_NOOP("BlueprintValues", "English"),
    },
    "default_direction": {
        "rtl": QT_TRANSLATE_NOOP("BlueprintValues", "Right to left"),
        "ltr": QT_TRANSLATE_NOOP("BlueprintValues", "Left to right"),
    },
}
_VALUES["default_locale"] = _VALUES["locales"]


def section_name(kind: str) -> str:
    source = _SECTIONS.get(kind) or _ITEMS.get(kind) or _CHANGED_SECTIONS.get(kind)
    return QCoreApplication.translate(SECTIONS, str(source)) if source else kind


def attribute_name(attr: str, node: str = "") -> str:
    source = _NODE_ATTRIBUTES.get((node, attr)) or _ATTRIBUTES.get(attr)
    return QCoreApplication.translate(ATTRIBUTES, str(source)) if source else attr


def value_name(attr: str, value: str) -> str:
    """A stored value as people read it; unknown values are shown as stored."""
    source = _VALUES.get(attr, {}).get(value)
    return QCoreApplication.translate(VALUES, str(source)) if source else value


def domain_name(domain: str) -> str:
    return value_name("domain", domain)
