"""Tenant isolation and the stream index read model.

On PostgreSQL: an owner role that owns every table, a non-owner application role the
console connects as, and row-level security keyed on the session setting
``webnova.tenant_id`` so the application role sees only its tenant, even through raw SQL.

Revision ID: 0002_tenant_isolation
Revises: 0001_event_store
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_tenant_isolation"
down_revision = "0001_event_store"
branch_labels = None
depends_on = None

OWNER_ROLE = "webnova_owner"
APP_ROLE = "webnova_app"
TENANT_TABLES = ("events", "projection_checkpoints", "stream_index")
TENANT_CONDITION = "tenant_id = current_setting('webnova.tenant_id', true)"


def upgrade() -> None:
    op.create_table(
        "stream_index",
        sa.Column("tenant_id", sa.String(200), nullable=False),
        sa.Column("stream_id", sa.String(200), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("last_type", sa.String(200), nullable=False),
        sa.Column("last_position", sa.BigInteger, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "stream_id", name="pk_stream_index"),
    )
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        f"""
        DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{OWNER_ROLE}') THEN
                CREATE ROLE {OWNER_ROLE} NOLOGIN;
            END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{APP_ROLE}') THEN
                CREATE ROLE {APP_ROLE} NOLOGIN;
            END IF;
        END $$;
        """
    )
    op.execute(f"GRANT {OWNER_ROLE} TO CURRENT_USER")
    # PostgreSQL 15 gives no CREATE on schema public to ordinary roles, and a table's new
    # owner must have it. The upgrading role owns the database (and so the schema).
    op.execute(f"GRANT USAGE, CREATE ON SCHEMA public TO {OWNER_ROLE}")
    for table in (*TENANT_TABLES, "event_position", "alembic_version"):
        op.execute(f"ALTER TABLE {table} OWNER TO {OWNER_ROLE}")
    op.execute(
        "ALTER FUNCTION webnova_append(text, integer, text[], text[], integer[], jsonb, jsonb) "
        f"OWNER TO {OWNER_ROLE}"
    )
    for table in TENANT_TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY tenant_isolation ON {table} "
            f"USING ({TENANT_CONDITION}) WITH CHECK ({TENANT_CONDITION})"
        )
    op.execute(f"GRANT USAGE ON SCHEMA public TO {APP_ROLE}")
    op.execute(f"GRANT SELECT, INSERT ON events TO {APP_ROLE}")
    op.execute(f"GRANT SELECT, UPDATE ON event_position TO {APP_ROLE}")
    op.execute(f"GRANT SELECT, INSERT, UPDATE ON projection_checkpoints, stream_index TO {APP_ROLE}")
    op.execute(f"GRANT SELECT ON alembic_version TO {APP_ROLE}")
    op.execute(
        "GRANT EXECUTE ON FUNCTION webnova_append(text, integer, text[], text[], integer[], "
        f"jsonb, jsonb) TO {APP_ROLE}"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in TENANT_TABLES:
            op.execute(f"DROP POLICY IF EXISTS tenant_isolation ON {table}")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        op.execute(f"REVOKE ALL ON events, event_position, projection_checkpoints, stream_index, alembic_version FROM {APP_ROLE}")
    op.drop_table("stream_index")
