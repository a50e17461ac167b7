"""One-event append function: the common case without array handling.

Revision ID: 0005_single_event_append
Revises: 0004_audit_log
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0005_single_event_append"
down_revision = "0004_audit_log"
branch_labels = None
depends_on = None

SIGNATURE = "webnova_append_one(text, integer, text, text, integer, jsonb, jsonb)"

# Same contract as webnova_append (counter row lock, WN409 on a stale version, notify on
# commit) for exactly one event.
FUNCTION = r"""
CREATE OR REPLACE FUNCTION webnova_append_one(
    p_stream_id text,
    p_expected integer,
    p_tenant_id text,
    p_type text,
    p_schema_version integer,
    p_data jsonb,
    p_metadata jsonb,
    OUT first_position bigint,
    OUT first_version integer,
    OUT recorded_at timestamptz
)
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE event_position SET position = position + 1 WHERE id = 1
        RETURNING position INTO first_position;
    SELECT coalesce(max(e.version), 0) + 1 INTO first_version
        FROM events e WHERE e.stream_id = p_stream_id;
    IF p_expected IS NOT NULL AND p_expected <> first_version - 1 THEN
        RAISE EXCEPTION USING ERRCODE = 'WN409',
            MESSAGE = format('%s|%s', p_expected, first_version - 1);
    END IF;
    recorded_at := now();
    INSERT INTO events (position, stream_id, version, tenant_id, type, schema_version,
                        data, metadata, recorded_at)
    VALUES (first_position, p_stream_id, first_version, p_tenant_id, p_type,
            p_schema_version, p_data, p_metadata, recorded_at);
    PERFORM pg_notify('webnova_events', first_position::text);
END
$$;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(FUNCTION)
    op.execute(f"ALTER FUNCTION {SIGNATURE} OWNER TO webnova_owner")
    op.execute(f"GRANT EXECUTE ON FUNCTION {SIGNATURE} TO webnova_app")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP FUNCTION IF EXISTS {SIGNATURE}")
