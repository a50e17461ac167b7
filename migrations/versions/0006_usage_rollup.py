"""Daily usage rollup: sums of usage per day and dimension, a projection of the events.

Revision ID: 0006_usage_rollup
Revises: 0005_single_event_append
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_usage_rollup"
down_revision = "0005_single_event_append"
branch_labels = None
depends_on = None

TENANT_CONDITION = "tenant_id = current_setting('webnova.tenant_id', true)"
DIMENSIONS = ("platform", "environment", "tenant", "category", "provider", "resource", "sku", "unit")


def upgrade() -> None:
    op.create_table(
        "usage_rollup",
        sa.Column("tenant_id", sa.String(200), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        *(sa.Column(name, sa.String(200), nullable=False) for name in DIMENSIONS),
        sa.Column("quantity_micro", sa.BigInteger, nullable=False),
        sa.Column("records", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "day", *DIMENSIONS, name="pk_usage_rollup"),
        # SQLite: the rows are kept in key order, so a range of days is read in one pass.
        sqlite_with_rowid=False,
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE usage_rollup OWNER TO webnova_owner")
        op.execute("ALTER TABLE usage_rollup ENABLE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY tenant_isolation ON usage_rollup "
            f"USING ({TENANT_CONDITION}) WITH CHECK ({TENANT_CONDITION})"
        )
        # DELETE: a rebuild from scratch empties the tenant's rows with its checkpoint.
        op.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON usage_rollup TO webnova_app")
        op.execute("GRANT DELETE ON projection_checkpoints TO webnova_app")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("REVOKE DELETE ON projection_checkpoints FROM webnova_app")
    op.execute("DELETE FROM projection_checkpoints WHERE projection = 'usage_rollup'")
    op.drop_table("usage_rollup")
