"""Usage rollup on PostgreSQL and SQLite: a 12-month dashboard from the rollup against a raw
``GROUP BY`` over the raw usage events, in the same run.

Run from the repository root::

    python -m benchmarks.costs                        # 1,000,000 records, both databases
    python -m benchmarks.costs --records 200000       # a quicker check
    python -m benchmarks.costs --backend sqlite --json

For each database: a fresh workspace is filled with N ``UsageRecorded`` events over 12
months (8 resources: the owner's AI tokens, cloud usage of 5 platforms × 2 environments,
requests and active users of 20 platform tenants), appended through the event
store in batches of 10,000 (100 streams of 100 events per transaction; the time is
reported). Then, timed:

* build: the rollup from scratch (``SqlUsageRollup.rebuild``: every event read, folded per
  batch, upserted with its checkpoint);
* catch-up: ``--catch-up`` new records appended, then ``SqlUsageRollup.catch_up``;
* dashboard: the 12-month dashboard a Costs pane loads: a daily series by category plus
  totals by platform, by tenant and by provider, from the rollup;
* raw: the same four aggregates as ``GROUP BY`` queries over the raw events (JSON fields
  extracted in SQL; on SQLite quantities summed as REAL), which must give the same sums.

Dashboard and raw run ``--repeats`` times, interleaved; the best run counts. Targets: the
dashboard at least 20x faster than the raw aggregate, and under 100 ms. On PostgreSQL
everything runs as an application role (IN ROLE webnova_app) with row-level security in
force; before the queries run, ``VACUUM (ANALYZE)`` (as autovacuum would) gives the planner
its statistics for both tables. Progress goes to stderr, the report to stdout; the exit status is 0 either way.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from app.domain.costs.usage import USAGE_RECORDED, UsageRecord
from app.domain.events import NewEvent
from app.services.ports import StreamAppend
from app.store.engine import create_workspace_engine
from app.store.event_store import PostgresEventStore, SqlEventStore, SqliteEventStore
from app.store.migrations import upgrade
from app.store.usage_rollup import SqlUsageRollup
from tests.support.pgserver import PgServer, start_server

TENANT = "tenant-bench"
SPEEDUP_TARGET = 20.0
DASHBOARD_TARGET_MS = 100.0
DATABASE = "costs_bench"
APP_PASSWORD = "bench-app-pass"
FIRST_DAY = date(2025, 12, 1)
DAYS = 365
PER_STREAM = 100
STREAMS_PER_BATCH = 100
# (resource, unit, category, provider, sku, whose): "tenant" usage is a platform tenant's in
# production; "platform" usage is an environment's infrastructure; "owner" usage is the
# owner's own (the assistant), tied to no platform.
RESOURCES = (("ai.tokens.input", "token", "ai", "anthropic", "claude-sonnet-4-5", "owner"),
             ("ai.tokens.output", "token", "ai", "anthropic", "claude-sonnet-4-5", "owner"),
             ("ai.tokens.cache_read", "token", "ai", "anthropic", "claude-sonnet-4-5", "owner"),
             ("cloud.server_hours", "hour", "cloud", "hetzner", "cx22", "platform"),
             ("cloud.volume_gb_months", "GB-month", "cloud", "hetzner", "volume", "platform"),
             ("cloud.traffic_gb", "GB", "cloud", "hetzner", "", "platform"),
             ("platform.requests", "request", "platform", "owner", "", "tenant"),
             ("platform.active_users", "user", "platform", "stripe", "", "tenant"))
PLATFORMS = ("hub", "clinic", "school", "bank", "shop")
ENVIRONMENTS = ("production", "staging")
TENANTS = 4  # per platform: 20 in all


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def usage_events(count: int, rng: random.Random) -> list[NewEvent]:
    start = datetime.combine(FIRST_DAY, datetime.min.time(), UTC)
    events = []
    for _ in range(count):
        resource, unit, category, provider, sku, whose = rng.choice(RESOURCES)
        moment = start + timedelta(minutes=rng.randrange(DAYS * 24 * 60))
        quantity = Decimal(rng.randrange(1, 5_000_000)).scaleb(-3)
        platform = "" if whose == "owner" else rng.choice(PLATFORMS)
        environment = {"owner": "", "tenant": "production"}.get(whose) or rng.choice(ENVIRONMENTS)
        tenant = f"{platform}-customer-{rng.randrange(TENANTS)}" if whose == "tenant" else ""
        record = UsageRecord(resource, quantity, unit, moment, moment + timedelta(hours=1),
                             "platform", category, provider, platform, environment, tenant, sku)
        events.append(NewEvent(USAGE_RECORDED, TENANT, record.to_json(), {"actor": "bench"}))
    return events


def append(store: SqlEventStore, count: int, seed: int) -> float:
    """``count`` records in transactions of STREAMS_PER_BATCH × PER_STREAM events; seconds."""
    rng = random.Random(seed)
    elapsed, done = 0.0, 0
    while done < count:
        size = min(PER_STREAM * STREAMS_PER_BATCH, count - done)
        events = usage_events(size, rng)  # made outside the clock: only the appends count
        appends = [StreamAppend(f"usage:{TENANT}:{uuid.uuid4()}", events[i:i + PER_STREAM], 0)
                   for i in range(0, size, PER_STREAM)]
        started = time.perf_counter()
        store.append_batch(appends)
        elapsed += time.perf_counter() - started
        done += size
        if done % 200_000 == 0:
            progress(f"  appended {done:,} records")
    return elapsed


# ---------------------------------------------------------------------------- the queries
def dashboard(rollup: SqlUsageRollup, start: date, end: date) -> list[Any]:
    return [rollup.daily(start, end, ["category"]), rollup.totals(start, end, ["platform"]),
            rollup.totals(start, end, ["tenant"]), rollup.totals(start, end, ["provider"])]


def raw_sql(dialect: str) -> list[str]:
    if dialect == "postgresql":
        day, field, quantity = ("substr(data->>'period_start', 1, 10)", "data->>'{}'",
                                "sum((data->>'quantity')::numeric)")
    else:
        day, field, quantity = ("substr(json_extract(data, '$.period_start'), 1, 10)",
                                "json_extract(data, '$.{}')",
                                "sum(CAST(json_extract(data, '$.quantity') AS REAL))")
    where = (f"WHERE tenant_id = :t AND type = '{USAGE_RECORDED}' AND {day} >= :start "
             f"AND {day} < :end")
    category = field.format("category")
    queries = [f"SELECT {day}, {category}, {quantity}, count(*) FROM events {where} "
               f"GROUP BY {day}, {category} ORDER BY 1, 2"]
    for name in ("platform", "tenant", "provider"):
        column = field.format(name)
        queries.append(f"SELECT {column}, {quantity}, count(*) FROM events {where} "
                       f"GROUP BY {column} ORDER BY 1")
    return queries


def raw(engine: Engine, start: date, end: date) -> list[Any]:
    params = {"t": TENANT, "start": start.isoformat(), "end": end.isoformat()}
    with engine.connect() as conn:
        return [conn.execute(text(sql), params).all() for sql in raw_sql(engine.dialect.name)]


def same_sums(ours: list[Any], floor: list[Any]) -> bool:
    """The rollup's sums and counts equal the raw aggregate's (REAL sums within 1e-6)."""
    series, *totals = ours
    raw_series, *raw_totals = floor
    pairs = [([(s.day, s.dimensions["category"], s.quantity, s.records) for s in series],
              [tuple(r) for r in raw_series])]
    for mine, theirs in zip(totals, raw_totals, strict=True):
        pairs.append(([(*s.dimensions.values(), s.quantity, s.records) for s in mine],
                      [tuple(r) for r in theirs]))
    for mine, theirs in pairs:
        if len(mine) != len(theirs):
            return False
        for a, b in zip(mine, theirs, strict=True):
            if a[:-2] != b[:-2] or a[-1] != b[-1]:
                return False
            if abs(Decimal(str(a[-2])) - Decimal(str(b[-2]))) > Decimal("1e-6") * max(1, abs(a[-2])):
                return False
    return True


def best_of(repeats: int, runs: list[tuple[str, Callable[[], Any]]]) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {name: [] for name, _ in runs}
    for repeat in range(repeats):
        for name, run in runs if repeat % 2 == 0 else runs[::-1]:
            gc.collect()
            started = time.perf_counter()
            run()
            timings[name].append(time.perf_counter() - started)
    return timings


# ---------------------------------------------------------------------------- one backend
def bench(backend: str, store: SqlEventStore, records: int, catch_up: int,
          repeats: int, settle: Callable[[], None] = lambda: None) -> dict[str, Any]:
    progress(f"{backend}: appending {records:,} usage records")
    append_s = append(store, records, seed=1)
    rollup = SqlUsageRollup(store, TENANT)
    progress(f"{backend}: building the rollup from scratch")
    started = time.perf_counter()
    rollup.rebuild()
    build_s = time.perf_counter() - started
    progress(f"{backend}: appending {catch_up:,} more and catching up")
    append_more_s = append(store, catch_up, seed=2)
    started = time.perf_counter()
    caught = rollup.catch_up()
    catch_up_s = time.perf_counter() - started
    with store.engine.connect() as conn:
        rows = int(conn.execute(text("SELECT count(*) FROM usage_rollup WHERE tenant_id = :t"),
                                {"t": TENANT}).scalar_one())
    settle()  # what autovacuum would have done by the time an owner opens the pane
    start, end = FIRST_DAY, FIRST_DAY + timedelta(days=DAYS)
    ours, floor = dashboard(rollup, start, end), raw(store.engine, start, end)
    progress(f"{backend}: dashboard vs raw GROUP BY, {repeats} runs each")
    timings = best_of(repeats, [("dashboard", lambda: dashboard(rollup, start, end)),
                                ("raw", lambda: raw(store.engine, start, end))])
    dash_s, raw_s = min(timings["dashboard"]), min(timings["raw"])
    speedup = raw_s / dash_s
    total = records + catch_up
    return {
        "backend": backend, "records": total, "rollup_rows": rows,
        "append_s": round(append_s + append_more_s, 2),
        "append_per_s": round(total / (append_s + append_more_s)),
        "build_s": round(build_s, 2), "build_per_s": round(records / build_s),
        "catch_up_records": caught, "catch_up_s": round(catch_up_s, 3),
        "dashboard_ms": [round(t * 1000, 1) for t in timings["dashboard"]],
        "raw_ms": [round(t * 1000, 1) for t in timings["raw"]],
        "dashboard_best_ms": round(dash_s * 1000, 1), "raw_best_ms": round(raw_s * 1000, 1),
        "speedup": round(speedup, 1), "same_sums": same_sums(ours, floor),
        "pass": speedup >= SPEEDUP_TARGET and dash_s * 1000 < DASHBOARD_TARGET_MS
        and same_sums(ours, floor),
    }


def run_sqlite(args: argparse.Namespace) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="webnova-costs-"))
    engine = create_workspace_engine(f"sqlite:///{folder / 'costs.sqlite3'}")
    try:
        upgrade(engine)
        return bench("sqlite", SqliteEventStore(engine), args.records, args.catch_up, args.repeats)
    finally:
        engine.dispose()
        shutil.rmtree(folder, ignore_errors=True)


def run_postgres(args: argparse.Namespace) -> dict[str, Any]:
    progress("starting a throwaway PostgreSQL server")
    server: PgServer = start_server(fsync=True)
    try:
        server.create_database(DATABASE)
        owner = create_workspace_engine(server.url(DATABASE))
        try:
            upgrade(owner)
        finally:
            owner.dispose()
        role = f"bench_{uuid.uuid4().hex[:8]}"
        server.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{APP_PASSWORD}' IN ROLE webnova_app")
        engine = create_workspace_engine(server.url(DATABASE, user=role, password=APP_PASSWORD),
                                         tenant_id=TENANT)
        try:
            return bench("postgresql", PostgresEventStore(engine), args.records, args.catch_up,
                         args.repeats, lambda: server.execute(
                             "VACUUM (ANALYZE) events, usage_rollup", DATABASE))
        finally:
            engine.dispose()
    finally:
        server.stop()


# ---------------------------------------------------------------------------- report
def render(results: list[dict[str, Any]]) -> str:
    lines = [f"usage rollup: 12-month dashboard from the rollup vs a raw GROUP BY over the "
             f"raw events; targets >= {SPEEDUP_TARGET:g}x and < {DASHBOARD_TARGET_MS:g} ms", ""]
    for r in results:
        verdict = "PASS" if r["pass"] else "FAIL"
        lines += [
            f"{r['backend']}: {r['records']:,} records -> {r['rollup_rows']:,} rollup rows",
            f"  append (batches of {PER_STREAM * STREAMS_PER_BATCH:,}): {r['append_s']} s "
            f"({r['append_per_s']:,} records/s)",
            f"  rollup from scratch: {r['build_s']} s ({r['build_per_s']:,} records/s)",
            f"  catch-up of {r['catch_up_records']:,} new records: {r['catch_up_s']} s",
            f"  dashboard (rollup): best {r['dashboard_best_ms']} ms of {r['dashboard_ms']}",
            f"  raw GROUP BY:       best {r['raw_best_ms']} ms of {r['raw_ms']}",
            f"  same sums: {'yes' if r['same_sums'] else 'NO'}; raw / dashboard = "
            f"{r['speedup']}x, dashboard {r['dashboard_best_ms']} ms: {verdict}",
            "",
        ]
    return "\n".join(lines).rstrip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.costs",
                                     description="Usage rollup dashboard vs raw GROUP BY.")
    parser.add_argument("--records", type=int, default=1_000_000, help="default 1,000,000")
    parser.add_argument("--catch-up", type=int, default=10_000, help="default 10,000")
    parser.add_argument("--repeats", type=int, default=5, help="runs per query (default 5)")
    parser.add_argument("--backend", choices=("all", "postgresql", "sqlite"), default="all")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    if args.records < 1 or args.catch_up < 1 or args.repeats < 1:
        parser.error("--records, --catch-up and --repeats must be >= 1")
    results = []
    if args.backend in ("all", "postgresql"):
        results.append(run_postgres(args))
    if args.backend in ("all", "sqlite"):
        results.append(run_sqlite(args))
    print(json.dumps(results, indent=2) if args.json else render(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
