"""The tables behind a generated platform's usage metering (``metering.py``).

``usage_log`` is append-only: every flush of the in-process counters adds one row per
tenant, resource and period with the quantity counted since the flush before (requests
per hour; users seen for the first time that day; stored bytes once per tenant and day).
Its id is the cursor the console pulls by: PostgreSQL assigns ids under a transaction
advisory lock held until commit, so a row with a smaller id is never committed after
one with a larger id, and a pull that saw id N has seen every row up to N.

``usage_active_users`` remembers who was counted active on a day, so a user signing in on
two app servers is counted once."""

from __future__ import annotations

from app.domain.codegen.schema import Column, Index, Table

# table -> the SQLAlchemy class that maps it in the generated system_models.py
USAGE_MODELS: dict[str, str] = {
    "usage_log": "UsageLogEntry",
    "usage_active_users": "UsageActiveUser",
}


def usage_tables() -> tuple[Table, ...]:
    log = Table(
        "usage_log",
        (Column("id", "sa.Integer()", "int", False, primary_key=True, family="number"),
         Column("tenant_id", "sa.String(64)", "str", False, family="text"),
         Column("resource", "sa.String(32)", "str", False, family="text"),
         Column("period_start", "t.UTCDateTime()", "dt.datetime", False, family="datetime"),
         Column("period_end", "t.UTCDateTime()", "dt.datetime", False, family="datetime"),
         Column("quantity", "sa.BigInteger()", "int", False, family="number"),
         Column("recorded_at", "t.UTCDateTime()", "dt.datetime", False, family="datetime")),
        (Index("ix_usage_log_tenant_period", ("tenant_id", "resource", "period_start")),),
    )
    users = Table(
        "usage_active_users",
        (Column("tenant_id", "sa.String(64)", "str", False, primary_key=True, family="text"),
         Column("day", "sa.String(10)", "str", False, primary_key=True, family="text"),
         Column("user_id", "sa.String(36)", "str", False, primary_key=True, family="text")),
    )
    return log, users
