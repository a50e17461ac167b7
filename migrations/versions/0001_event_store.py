"""Event store: events, the global position counter, projection checkpoints.

Revision ID: 0001_event_store
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001_event_store"
down_revision = None
branch_labels = None
depends_on = None

JSON_TYPE = sa.JSON().with_variant(JSONB(), "postgresql")

# One round trip per stream append on PostgreSQL: take the position counter (which
# serialises writers so positions are gapless and commit in order), check the expected
# version, insert, notify listeners. Raises SQLSTATE WN409 on a stale expected version.
APPEND_FUNCTION = r"""
CREATE OR REPLACE FUNCTION webnova_append(
    p_stream_id text,
    p_expected integer,
    p_tenant_ids text[],
    p_types text[],
    p_schema_versions integer[],
    p_data jsonb,
    p_metadata jsonb
) RETURNS TABLE (first_position bigint, first_version integer, recorded_at timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
    n integer := cardinality(p_types);
    last_pos bigint;
    current_version integer;
BEGIN
    UPDATE event_position SET position = position + n WHERE id = 1
        RETURNING position INTO last_pos;
    SELECT coalesce(max(e.version), 0) INTO current_version
        FROM events e WHERE e.stream_id = p_stream_id;
    IF p_expected IS NOT NULL AND p_expected <> current_version THEN
        RAISE EXCEPTION USING ERRCODE = 'WN409',
            MESSAGE = format('%s|%s', p_expected, current_version);
    END IF;
    INSERT INTO events (position, stream_id, version, tenant_id, type, schema_version,
                        data, metadata, recorded_at)
    SELECT last_pos - n + i, p_stream_id, current_version + i, p_tenant_ids[i], p_types[i],
           p_schema_versions[i], p_data -> (i - 1), p_metadata -> (i - 1), now()
    FROM generate_series(1, n) AS i;
    PERFORM pg_notify('webnova_events', last_pos::text);
    RETURN QUERY SELECT last_pos - n + 1, current_version + 1, now();
END
$$;
"""


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("position", sa.BigInteger, nullable=False),
        sa.Column("stream_id", sa.String(200), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("tenant_id", sa.String(200), nullable=False),
        sa.Column("type", sa.String(200), nullable=False),
        sa.Column("schema_version", sa.Integer, nullable=False),
        sa.Column("data", JSON_TYPE, nullable=False),
        sa.Column("metadata", JSON_TYPE, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("stream_id", "version", name="pk_events"),
        sa.UniqueConstraint("position", name="uq_events_position"),
    )
    op.create_index("ix_events_tenant_position", "events", ["tenant_id", "position"])
    op.create_index("ix_events_type", "events", ["type"])
    op.create_table(
        "event_position",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("position", sa.BigInteger, nullable=False),
    )
    op.execute("INSERT INTO event_position (id, position) VALUES (1, 0)")
    op.create_table(
        "projection_checkpoints",
        sa.Column("projection", sa.String(200), nullable=False),
        sa.Column("tenant_id", sa.String(200), nullable=False),
        sa.Column("position", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("projection", "tenant_id", name="pk_projection_checkpoints"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(APPEND_FUNCTION)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS webnova_append")
    op.drop_table("projection_checkpoints")
    op.drop_table("event_position")
    op.drop_index("ix_events_type", "events")
    op.drop_index("ix_events_tenant_position", "events")
    op.drop_table("events")
