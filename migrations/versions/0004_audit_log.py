"""The hash-chained audit log and the public keys that verify its signed entries.

Both tables are append-only. On PostgreSQL triggers refuse UPDATE, DELETE and TRUNCATE,
even for the owner, and the application role may only SELECT and INSERT; row-level
security confines it to its tenant. On SQLite triggers refuse UPDATE and DELETE.

Revision ID: 0004_audit_log
Revises: 0003_blueprint_index
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_audit_log"
down_revision = "0003_blueprint_index"
branch_labels = None
depends_on = None

TABLES = ("audit_log", "signing_keys")
TENANT_CONDITION = "tenant_id = current_setting('webnova.tenant_id', true)"

# restrict_violation (23001): an integrity error, as SQLite's RAISE(ABORT) is.
APPEND_ONLY_FUNCTION = """
CREATE OR REPLACE FUNCTION webnova_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'restrict_violation',
        MESSAGE = format('audit log is append-only: %s on %s refused', TG_OP, TG_TABLE_NAME);
END
$$;
"""


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("tenant_id", sa.String(200), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("recorded_at", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(200), nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("payload_hash", sa.String(64), nullable=False),
        sa.Column("outcome", sa.String(40), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("signature", sa.String(128), nullable=True),
        sa.Column("key_id", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("tenant_id", "seq", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_action", "audit_log", ["tenant_id", "action"])
    op.create_index("ix_audit_log_actor", "audit_log", ["tenant_id", "actor"])
    op.create_table(
        "signing_keys",
        sa.Column("tenant_id", sa.String(200), nullable=False),
        sa.Column("key_id", sa.String(64), nullable=False),
        sa.Column("public_key", sa.String(128), nullable=False),
        sa.Column("algorithm", sa.String(20), nullable=False),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "key_id", name="pk_signing_keys"),
    )
    if op.get_bind().dialect.name == "postgresql":
        _postgres_upgrade()
    else:
        for table in TABLES:
            for when in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{when.lower()} BEFORE {when} ON {table} "
                    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
                )


def _postgres_upgrade() -> None:
    op.execute(APPEND_ONLY_FUNCTION)
    op.execute("ALTER FUNCTION webnova_audit_append_only() OWNER TO webnova_owner")
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} OWNER TO webnova_owner")
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION webnova_audit_append_only()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION webnova_audit_append_only()"
        )
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY tenant_isolation ON {table} "
            f"USING ({TENANT_CONDITION}) WITH CHECK ({TENANT_CONDITION})"
        )
        op.execute(f"REVOKE ALL ON {table} FROM webnova_app")
        op.execute(f"GRANT SELECT, INSERT ON {table} TO webnova_app")


def downgrade() -> None:
    # Dropping a table drops its triggers and policies with it.
    op.drop_table("signing_keys")
    op.drop_index("ix_audit_log_actor", "audit_log")
    op.drop_index("ix_audit_log_action", "audit_log")
    op.drop_table("audit_log")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS webnova_audit_append_only()")
