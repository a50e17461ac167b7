"""The blueprint contract: one platform, described completely.

Every later step (AI proposals, code generation, deployment, billing) reads a blueprint
and nothing else. The JSON Schema under resources/schemas/ is generated from these models.
Cross-field rules live in ``rules.py``; compliance checks are data (``resources/compliance``).
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

SCHEMA_VERSION: Literal[2] = 2  # 2: tiers sell (trial, features, entity limits, grace)

Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,62}$"),
    Field(description="lower_snake_case name, starting with a letter, at most 63 characters"),
]
Key = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$"),
    Field(description="lower-case letters, digits and '-', at most 63 characters"),
]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
LongText = Annotated[str, StringConstraints(max_length=4000)]
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class LocalizedText(Strict):
    """A text in both of the console's languages."""

    en: ShortText
    ar: ShortText


class BlueprintDomain(StrEnum):
    financial = "financial"
    healthcare = "healthcare"
    government = "government"
    education = "education"
    enterprise = "enterprise"


class Framework(StrEnum):
    pci_dss = "pci_dss"
    hipaa = "hipaa"
    gdpr = "gdpr"
    pdpl = "pdpl"  # Saudi Personal Data Protection Law


class TenancyModel(StrEnum):
    single_tenant = "single_tenant"
    shared_schema = "shared_schema"  # one schema, tenant_id on every row, row-level security
    schema_per_tenant = "schema_per_tenant"
    database_per_tenant = "database_per_tenant"


class FieldType(StrEnum):
    string = "string"
    text = "text"
    integer = "integer"
    decimal = "decimal"
    money = "money"
    boolean = "boolean"
    date = "date"
    datetime = "datetime"
    enum = "enum"
    reference = "reference"
    file = "file"


class Classification(StrEnum):
    public = "public"
    internal = "internal"
    personal = "personal"
    sensitive_health = "sensitive_health"
    payment_card = "payment_card"
    # GDPR Articles 9 and 10, the PDPL's sensitive data: religion, ethnicity, biometrics,
    # genetic data, political opinions, union membership, sex life, criminal records
    special_category = "special_category"


# Classifications that make a field personal data (every privacy check applies to them).
PERSONAL_CLASSIFICATIONS = frozenset({
    Classification.personal, Classification.sensitive_health, Classification.payment_card,
    Classification.special_category,
})


class Storage(StrEnum):
    plain = "plain"
    encrypted = "encrypted"  # encrypted at field level with a key the owner holds
    provider_token = "provider_token"  # only a payment provider's token is stored
    hashed = "hashed"


class OnDelete(StrEnum):
    restrict = "restrict"
    cascade = "cascade"
    set_null = "set_null"


class ErasurePath(StrEnum):
    none = "none"
    delete = "delete"
    anonymise = "anonymise"


class EntityField(Strict):
    name: Identifier
    label: LocalizedText
    type: FieldType
    required: bool = False
    unique: bool = False
    indexed: bool = False
    classification: Classification = Classification.internal
    storage: Storage = Storage.plain
    description: LongText | None = None
    # constraints, by type
    min_length: int | None = Field(default=None, ge=0)
    max_length: int | None = Field(default=None, ge=1, le=1_000_000)
    pattern: Annotated[str, StringConstraints(max_length=500)] | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    precision: int | None = Field(default=None, ge=1, le=38)
    scale: int | None = Field(default=None, ge=0, le=18)
    currency: CurrencyCode | None = None
    enum_values: list[Identifier] | None = None
    reference: Identifier | None = Field(default=None, description="entity this field points at")
    on_delete: OnDelete | None = None
    max_size_mb: int | None = Field(default=None, ge=1, le=10_000)
    allowed_media_types: list[Annotated[str, StringConstraints(max_length=100)]] | None = None
    default: str | int | bool | Decimal | None = None


class RelationKind(StrEnum):
    one_to_many = "one_to_many"
    many_to_many = "many_to_many"


class Relation(Strict):
    name: Identifier
    kind: RelationKind
    target: Identifier
    label: LocalizedText | None = None


class Entity(Strict):
    name: Identifier
    label: LocalizedText
    plural_label: LocalizedText | None = None
    description: LongText | None = None
    fields: list[EntityField] = Field(min_length=1, max_length=500)
    relations: list[Relation] = Field(default_factory=list)
    audit_log: bool = False
    encrypted_at_rest: bool = False
    retention_days: int | None = Field(default=None, ge=1, le=36_500)
    erasure: ErasurePath = ErasurePath.none


class Action(StrEnum):
    list = "list"
    read = "read"
    create = "create"
    update = "update"
    delete = "delete"
    export = "export"
    approve = "approve"


class Permission(Strict):
    entity: Identifier
    actions: list[Action] = Field(min_length=1)
    own_records_only: bool = False


class Role(Strict):
    name: Identifier
    label: LocalizedText
    description: LongText | None = None
    permissions: list[Permission] = Field(default_factory=list)
    self_service: bool | None = Field(
        default=None,
        description="people acting on their own records (patients, students, citizens); "
        "unset: judged from the role's name",
    )


# Role names that mean the data subjects themselves, acting through a self-service portal.
_SELF_SERVICE = re.compile(
    r"(?:portal_)?(?:patient|student|citizen|customer|client|applicant|member|resident|"
    r"beneficiary|learner|parent|guardian|subscriber|cardholder|policyholder|policy_holder|"
    r"account_holder|traveller|traveler|guest|visitor|donor|claimant|taxpayer|employee|"
    r"candidate|tenant_user|end_user)s?(?:_(?:portal|user|self_service|account))?"
)


def is_self_service(role: Role) -> bool:
    """Whether a role is the data subjects' own (declared, or judged from its name)."""
    if role.self_service is not None:
        return role.self_service
    return _SELF_SERVICE.fullmatch(role.name) is not None


class PageKind(StrEnum):
    list = "list"
    detail = "detail"
    form = "form"
    dashboard = "dashboard"
    content = "content"


class Page(Strict):
    key: Key
    title: LocalizedText
    kind: PageKind
    entity: Identifier | None = None
    path: Annotated[str, StringConstraints(pattern=r"^/[a-z0-9/_:-]*$", max_length=200)]
    roles: list[Identifier] = Field(default_factory=list, description="empty: every signed-in role")


class NavItem(Strict):
    page: Key
    children: list[NavItem] = Field(default_factory=list)


class Interval(StrEnum):
    month = "month"
    year = "year"


class Tier(Strict):
    """A subscription the platform sells to its tenants (through the owner's Stripe account)."""

    key: Key
    name: LocalizedText
    price: Decimal = Field(ge=0, max_digits=12, decimal_places=2)
    currency: CurrencyCode
    interval: Interval
    limits: dict[Identifier, int] = Field(
        default_factory=dict,
        description="quotas of the whole tenant: users, storage_gb, api_calls_per_month, ...")
    entity_limits: dict[Identifier, int] = Field(
        default_factory=dict,
        description="the most records a tenant may keep of an entity, by the entity's name")
    trial_days: int = Field(default=0, ge=0, le=730,
                            description="free days before the first charge; 0: no trial")
    features: list[LocalizedText] = Field(
        default_factory=list, max_length=15,
        description="what the tier offers, as shown on the pricing page and at checkout")
    grace_days: int = Field(
        default=7, ge=0, le=90,
        description="days a past-due tenant keeps full access before it becomes read-only")


class IntegrationCategory(StrEnum):
    payments = "payments"
    email = "email"
    sms = "sms"
    storage = "storage"
    identity = "identity"
    maps = "maps"
    analytics = "analytics"
    ai = "ai"
    health_records = "health_records"


class Integration(Strict):
    category: IntegrationCategory
    provider: Annotated[str, StringConstraints(max_length=100)] | None = None
    purpose: LocalizedText | None = None


class Provider(StrEnum):
    hetzner = "hetzner"
    on_premises = "on_premises"


class EnvironmentName(StrEnum):
    development = "development"
    staging = "staging"
    production = "production"


class Environment(Strict):
    name: EnvironmentName
    provider: Provider
    region: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]{2,40}$")]
    country: CountryCode | None = Field(
        default=None, description="where the servers stand; required for on_premises"
    )
    server_size: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]{2,40}$")]
    replicas: int = Field(default=1, ge=1, le=100)
    backups: bool = False
    backup_retention_days: int | None = Field(default=None, ge=1, le=3650)
    encryption_at_rest: bool = False
    domain: Annotated[
        str, StringConstraints(max_length=253, pattern=r"^([a-z0-9-]{1,63}\.)+[a-z]{2,63}$")
    ] | None = None


class TransferMechanism(StrEnum):
    """The legal ground that lets personal data be kept in a country outside the home
    jurisdiction of the blueprint's frameworks."""

    adequacy_decision = "adequacy_decision"  # GDPR Art. 45; PDPL transfer regulations
    standard_contractual_clauses = "standard_contractual_clauses"  # GDPR Art. 46(2)(c)
    binding_corporate_rules = "binding_corporate_rules"  # GDPR Art. 47
    explicit_consent = "explicit_consent"  # GDPR Art. 49(1)(a)
    regulator_approval = "regulator_approval"  # e.g. the PDPL's competent authority


class TransferBasis(Strict):
    """A recorded basis for keeping personal data in ``country``: without one, declaring the
    country in data_residency lifts no transfer rule."""

    country: CountryCode
    mechanism: TransferMechanism
    reference: ShortText = Field(description="the document that records it (decision, contract, approval)")
    recorded_on: datetime.date


class Locale(StrEnum):
    ar = "ar"
    en = "en"


class Blueprint(Strict):
    """One platform, completely."""

    schema_version: Literal[2] = SCHEMA_VERSION
    key: Key
    name: LocalizedText
    description: LocalizedText | None = None
    owner: ShortText
    tenant_id: ShortText
    domain: BlueprintDomain
    compliance: list[Framework] = Field(default_factory=list)
    data_residency: list[CountryCode] = Field(
        default_factory=list, description="countries where personal data may be stored"
    )
    transfers: list[TransferBasis] = Field(
        default_factory=list,
        description="the recorded legal basis for each country outside the frameworks' home",
    )
    tenancy: TenancyModel
    entities: list[Entity] = Field(min_length=1, max_length=2000)
    roles: list[Role] = Field(min_length=1)
    pages: list[Page] = Field(default_factory=list)
    navigation: list[NavItem] = Field(default_factory=list)
    tiers: list[Tier] = Field(default_factory=list)
    integrations: list[Integration] = Field(default_factory=list)
    environments: list[Environment] = Field(min_length=1)
    locales: list[Locale] = Field(min_length=1)
    default_locale: Locale
    default_direction: Literal["rtl", "ltr"]

    @model_validator(mode="before")
    @classmethod
    def _read_earlier_formats(cls, data: Any) -> Any:
        """A document of an earlier format (stored versions, files, code-generation locks)
        is read in this one; see upcast.py."""
        if isinstance(data, dict):
            from app.domain.blueprint.upcast import upcast  # it reads SCHEMA_VERSION from here

            return upcast(data)
        return data


# Where each provider region stands; compliance checks read the country from here.
HETZNER_REGIONS: dict[str, str] = {
    "fsn1": "DE",
    "nbg1": "DE",
    "hel1": "FI",
    "ash": "US",
    "hil": "US",
    "sin": "SG",
}

EU_EEA = frozenset(
    ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO"]
)


def environment_country(env: Environment) -> str | None:
    if env.country:
        return env.country
    if env.provider is Provider.hetzner:
        return HETZNER_REGIONS.get(env.region)
    return None
