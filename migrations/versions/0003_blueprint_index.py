"""Read model of blueprints: latest version and document per blueprint.

Revision ID: 0003_blueprint_index
Revises: 0002_tenant_isolation
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0003_blueprint_index"
down_revision = "0002_tenant_isolation"
branch_labels = None
depends_on = None

TENANT_CONDITION = "tenant_id = current_setting('webnova.tenant_id', true)"


def upgrade() -> None:
    op.create_table(
        "blueprints",
        sa.Column("tenant_id", sa.String(200), nullable=False),
        sa.Column("key", sa.String(63), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("name_en", sa.String(200), nullable=False),
        sa.Column("name_ar", sa.String(200), nullable=False),
        sa.Column("domain", sa.String(40), nullable=False),
        sa.Column("document", sa.JSON().with_variant(JSONB(), "postgresql"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=True),
        sa.PrimaryKeyConstraint("tenant_id", "key", name="pk_blueprints"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE blueprints OWNER TO webnova_owner")
        op.execute("ALTER TABLE blueprints ENABLE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY tenant_isolation ON blueprints "
            f"USING ({TENANT_CONDITION}) WITH CHECK ({TENANT_CONDITION})"
        )
        op.execute("GRANT SELECT, INSERT, UPDATE ON blueprints TO webnova_app")


def downgrade() -> None:
    op.drop_table("blueprints")
