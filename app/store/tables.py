"""Table definitions the store queries with SQLAlchemy Core.

The schema itself is created by the Alembic chain under ``migrations/``; these objects
describe the head revision and must match it (a test compares them).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData()

JsonColumn = JSON().with_variant(JSONB(), "postgresql")

events = Table(
    "events",
    metadata,
    Column("position", BigInteger, nullable=False),
    Column("stream_id", String(200), nullable=False),
    Column("version", Integer, nullable=False),
    Column("tenant_id", String(200), nullable=False),
    Column("type", String(200), nullable=False),
    Column("schema_version", Integer, nullable=False),
    Column("data", JsonColumn, nullable=False),
    Column("metadata", JsonColumn, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("stream_id", "version", name="pk_events"),
    Index("ix_events_tenant_position", "tenant_id", "position"),
    Index("ix_events_type", "type"),
    UniqueConstraint("position", name="uq_events_position"),
)

# One row: the last global position handed out. Updating it serialises writers, which is
# what makes positions gapless and committed in order.
event_position = Table(
    "event_position",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("position", BigInteger, nullable=False),
)

projection_checkpoints = Table(
    "projection_checkpoints",
    metadata,
    Column("projection", String(200), nullable=False),
    Column("tenant_id", String(200), nullable=False),
    Column("position", BigInteger, nullable=False),
    PrimaryKeyConstraint("projection", "tenant_id", name="pk_projection_checkpoints"),
)

stream_index = Table(
    "stream_index",
    metadata,
    Column("tenant_id", String(200), nullable=False),
    Column("stream_id", String(200), nullable=False),
    Column("version", Integer, nullable=False),
    Column("last_type", String(200), nullable=False),
    Column("last_position", BigInteger, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("tenant_id", "stream_id", name="pk_stream_index"),
)

blueprints = Table(
    "blueprints",
    metadata,
    Column("tenant_id", String(200), nullable=False),
    Column("key", String(63), nullable=False),
    Column("version", Integer, nullable=False),
    Column("name_en", String(200), nullable=False),
    Column("name_ar", String(200), nullable=False),
    Column("domain", String(40), nullable=False),
    Column("document", JsonColumn, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", String(200), nullable=True),
    PrimaryKeyConstraint("tenant_id", "key", name="pk_blueprints"),
)

# Append-only: triggers refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL).
audit_log = Table(
    "audit_log",
    metadata,
    Column("tenant_id", String(200), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("recorded_at", String(40), nullable=False),  # ISO text: it is hashed as stored
    Column("actor", String(200), nullable=False),
    Column("action", String(200), nullable=False),
    Column("subject", Text, nullable=False),
    Column("payload_hash", String(64), nullable=False),
    Column("outcome", String(40), nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("signature", String(128), nullable=True),
    Column("key_id", String(64), nullable=True),
    PrimaryKeyConstraint("tenant_id", "seq", name="pk_audit_log"),
    Index("ix_audit_log_action", "tenant_id", "action"),
    Index("ix_audit_log_actor", "tenant_id", "actor"),
)

signing_keys = Table(
    "signing_keys",
    metadata,
    Column("tenant_id", String(200), nullable=False),
    Column("key_id", String(64), nullable=False),
    Column("public_key", String(128), nullable=False),
    Column("algorithm", String(20), nullable=False),
    Column("owner", String(200), nullable=False),
    Column("created_at", String(40), nullable=False),
    PrimaryKeyConstraint("tenant_id", "key_id", name="pk_signing_keys"),
)

# Sums of usage per UTC day and dimension (app/store/usage_rollup.py); quantities in
# micro-units, so sums are exact integers on both databases.
usage_rollup = Table(
    "usage_rollup",
    metadata,
    Column("tenant_id", String(200), nullable=False),
    Column("day", String(10), nullable=False),  # YYYY-MM-DD (UTC)
    Column("platform", String(200), nullable=False),
    Column("environment", String(200), nullable=False),
    Column("tenant", String(200), nullable=False),
    Column("category", String(200), nullable=False),
    Column("provider", String(200), nullable=False),
    Column("resource", String(200), nullable=False),
    Column("sku", String(200), nullable=False),
    Column("unit", String(200), nullable=False),
    Column("quantity_micro", BigInteger, nullable=False),
    Column("records", BigInteger, nullable=False),
    PrimaryKeyConstraint("tenant_id", "day", "platform", "environment", "tenant", "category",
                         "provider", "resource", "sku", "unit", name="pk_usage_rollup"),
    sqlite_with_rowid=False,
)

TENANT_TABLES = (
    "events", "projection_checkpoints", "stream_index", "blueprints", "audit_log", "signing_keys",
    "usage_rollup",
)
