"""The usage rollup on SQLite and PostgreSQL: equal to the raw aggregate of the events
after any sequence of appends and catch-ups, and never ahead of or behind its checkpoint."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from app.domain.costs.usage import DIMENSIONS, UsageRecord, records_of_event
from app.domain.events import NewEvent
from app.store.engine import create_workspace_engine
from app.store.event_store import PostgresEventStore, SqlEventStore, SqliteEventStore
from app.store.migrations import upgrade
from app.store.projections import ProjectionRunner
from app.store.usage_rollup import SqlUsageRollup, UsageRollupProjection
from tests.support.pgserver import PgServer

START = date(2026, 10, 1)
FAR = (date(2000, 1, 1), date(2100, 1, 1))


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqlEventStore]:
    backend = request.param
    url = (f"sqlite:///{tmp_path / 'w.sqlite3'}" if backend == "sqlite"
           else request.getfixturevalue("pg_url"))
    engine = create_workspace_engine(url)
    upgrade(engine)
    try:
        yield SqliteEventStore(engine) if backend == "sqlite" else PostgresEventStore(engine)
    finally:
        engine.dispose()


def raw_daily(store: SqlEventStore, tenant: str, up_to: int | None = None) -> dict[tuple[str, ...], tuple[Decimal, int]]:
    """The aggregate computed straight from every event, in Decimal: what the rollup must equal."""
    sums: dict[tuple[str, ...], list[Any]] = defaultdict(lambda: [Decimal(0), 0])
    for event in store.read_all():
        if event.tenant_id != tenant or (up_to is not None and event.position > up_to):
            continue
        for record in records_of_event(event.type, event.data, event.recorded_at, event.actor):
            entry = sums[(record.day, *record.dimensions())]
            entry[0] += record.quantity
            entry[1] += 1
    return {k: (q, n) for k, (q, n) in sums.items()}


def rolled_up(rollup: SqlUsageRollup) -> dict[tuple[str, ...], tuple[Decimal, int]]:
    return {(s.day or "", *(s.dimensions[d] for d in DIMENSIONS)): (s.quantity, s.records)
            for s in rollup.daily(*FAR, by=DIMENSIONS)}


records = st.builds(
    lambda resource, quantity, day, hour, platform, env, tenant, provider: UsageRecord(
        resource[0], quantity, resource[1], datetime.combine(START + timedelta(days=day),
                                                             datetime.min.time(), UTC) + timedelta(hours=hour),
        datetime.combine(START + timedelta(days=day), datetime.min.time(), UTC) + timedelta(hours=hour),
        "import", resource[2], provider, platform, env, tenant),
    st.sampled_from([("platform.requests", "request", "platform"), ("cloud.traffic_gb", "GB", "cloud"),
                     ("ai.tokens.input", "token", "ai")]),
    st.decimals(min_value=0, max_value=Decimal("1000000"), places=6, allow_nan=False),
    st.integers(0, 70), st.integers(0, 23), st.sampled_from(["hub", "shop", ""]),
    st.sampled_from(["production", "staging"]), st.sampled_from(["", "acme", "globex"]),
    st.sampled_from(["owner", "stripe"]),
)
operations = st.lists(st.one_of(
    st.tuples(st.just("usage"), st.lists(records, min_size=1, max_size=8)),
    st.tuples(st.just("ai"), st.integers(0, 5000), st.integers(0, 500)),
    st.tuples(st.just("other"), st.integers(1, 3)),
    st.tuples(st.just("foreign"), st.lists(records, min_size=1, max_size=3)),
    st.tuples(st.just("catch_up"), st.integers(1, 7)),
), max_size=25)


def run_operations(store: SqlEventStore, steps: list[tuple[Any, ...]]) -> None:
    tenant = f"t-{uuid.uuid4().hex[:8]}"  # a fresh tenant per example: its own rollup
    rollup = SqlUsageRollup(store, tenant)
    for op in steps:
        kind = op[0]
        if kind in ("usage", "foreign"):
            owner = tenant if kind == "usage" else "someone-else"
            store.append(f"usage:{uuid.uuid4()}", [NewEvent("UsageRecorded", owner, r.to_json())
                                                  for r in op[1]], 0)
        elif kind == "ai":
            store.append(f"ai-usage:{tenant}", [NewEvent("AiUsageRecorded", tenant, {
                "model": "claude-x", "input_tokens": op[1], "output_tokens": op[2]})], None)
        elif kind == "other":
            store.append(f"misc:{uuid.uuid4()}", [NewEvent("Other", tenant, {})] * op[1], 0)
        else:
            rollup.catch_up(batch=op[1])
            assert rollup.checkpoint() == store.head_position()
            assert rolled_up(rollup) == raw_daily(store, tenant)
    rollup.catch_up(batch=4)
    expected = raw_daily(store, tenant)
    assert rolled_up(rollup) == expected
    by_platform: dict[str, Decimal] = defaultdict(Decimal)
    for key, (quantity, _n) in expected.items():
        by_platform[key[1]] += quantity
    assert {s.dimensions["platform"]: s.quantity for s in rollup.totals(*FAR, by=["platform"])} == dict(
        by_platform)
    rollup.rebuild(batch=5)  # from scratch: the same
    assert rolled_up(rollup) == expected


@given(steps=operations)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_rollup_equals_the_raw_aggregate_after_random_appends_sqlite(tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[Any, ...]]) -> None:
    shared = _shared_sqlite(tmp_path_factory)
    run_operations(shared, steps)


_SQLITE: dict[str, SqlEventStore] = {}


def _shared_sqlite(factory: pytest.TempPathFactory) -> SqlEventStore:
    if "store" not in _SQLITE:
        engine = create_workspace_engine(f"sqlite:///{factory.mktemp('rollup') / 'w.sqlite3'}")
        upgrade(engine)
        _SQLITE["store"] = SqliteEventStore(engine)
    return _SQLITE["store"]


@pytest.fixture(scope="module", autouse=True)
def _close_shared() -> Iterator[None]:
    yield
    if "store" in _SQLITE:
        _SQLITE.pop("store").engine.dispose()


def test_rollup_equals_the_raw_aggregate_after_random_appends_postgres(pg_url: str) -> None:
    engine = create_workspace_engine(pg_url)
    upgrade(engine)
    store = PostgresEventStore(engine)

    @given(steps=operations)
    @settings(max_examples=12, deadline=None)
    def check(steps: list[tuple[Any, ...]]) -> None:
        run_operations(store, steps)

    try:
        check()
    finally:
        engine.dispose()


def usage(quantity: str, day: int = 3, platform: str = "hub") -> NewEvent:
    moment = f"2026-11-{day:02d}T10:00:00Z"
    return NewEvent("UsageRecorded", "t1", UsageRecord.from_json({
        "resource": "platform.requests", "quantity": quantity, "period_start": moment,
        "provider": "owner", "source": "platform", "platform": platform}).to_json())


def test_a_crash_in_a_batch_leaves_rows_and_checkpoint_as_they_were(store: SqlEventStore) -> None:
    store.append("u1", [usage("1.5"), usage("2")], 0)
    rollup = SqlUsageRollup(store, "t1")
    rollup.catch_up()
    store.append("u2", [usage("10"), usage("20", day=4), NewEvent("Boom", "t1", {})], 0)

    class CrashAfterWriting(UsageRollupProjection):
        """Writes the batch's sums, then dies before the checkpoint moves."""

        def apply_batch(self, conn, events):  # type: ignore[no-untyped-def]
            super().apply_batch(conn, events)
            if any(e.type == "Boom" for e in events):
                raise RuntimeError("killed mid-batch")

    crashing = ProjectionRunner(store, CrashAfterWriting(), "t1")
    with pytest.raises(RuntimeError, match="killed mid-batch"):
        crashing.catch_up()
    assert rollup.checkpoint() == 2
    assert [(s.day, s.quantity, s.records) for s in rollup.daily(*FAR)] == [("2026-11-03", Decimal("3.5"), 2)]
    rollup.catch_up()  # the batch again, once: nothing counted twice
    assert [(s.day, s.quantity, s.records) for s in rollup.daily(*FAR)] == [
        ("2026-11-03", Decimal("13.5"), 3), ("2026-11-04", Decimal("20"), 1)]
    assert rolled_up(rollup) == raw_daily(store, "t1")


@pytest.mark.parametrize("first", [True, False])
def test_two_consoles_catching_up_at_once_count_nothing_twice(store: SqlEventStore,
                                                              first: bool) -> None:
    store.append("u1", [usage("1.5"), usage("2")], 0)
    if not first:
        SqlUsageRollup(store, "t1").catch_up()
        store.append("u2", [usage("10")], 0)
    mine, theirs = SqlUsageRollup(store, "t1"), SqlUsageRollup(store, "t1")
    stale = mine.runner.checkpoint()
    real = mine.runner.checkpoint
    calls = iter(range(1_000))

    def racing() -> int:  # the other console catches up between our read and our write
        if next(calls) == 0:
            theirs.catch_up()
            return stale
        return real()

    mine.runner.checkpoint = racing  # type: ignore[method-assign]
    assert mine.catch_up() == 0  # the other console applied everything
    assert rolled_up(mine) == raw_daily(store, "t1")
    assert mine.checkpoint() == store.count()


def test_a_malformed_usage_event_is_left_out_not_stuck_on(store: SqlEventStore,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    store.append("u1", [usage("1"), NewEvent("UsageRecorded", "t1", {"resource": "x"}), usage("2")], 0)
    rollup = SqlUsageRollup(store, "t1")
    rollup.catch_up()
    assert rollup.checkpoint() == 3
    assert [s.quantity for s in rollup.totals(*FAR)] == [Decimal(3)]
    assert "skips event at position 2" in caplog.text


def test_queries_filter_group_and_bound_by_day(store: SqlEventStore) -> None:
    store.append("u1", [usage("1", 1), usage("2", 2, "shop"), usage("4", 30), usage("8", 31 - 30 + 0)], 0)
    rollup = SqlUsageRollup(store, "t1")
    rollup.catch_up()
    november = (date(2026, 11, 1), date(2026, 12, 1))
    assert [(s.dimensions, s.quantity) for s in rollup.totals(*november, by=["platform"])] == [
        ({"platform": "hub"}, Decimal(13)), ({"platform": "shop"}, Decimal(2))]
    assert [(s.day, s.quantity) for s in rollup.daily(date(2026, 11, 2), date(2026, 11, 30),
                                                      where={"platform": "shop"})] == [
        ("2026-11-02", Decimal(2))]
    assert rollup.totals(date(2026, 12, 1), date(2027, 1, 1)) == []
    with pytest.raises(ValueError, match="'colour' is not a dimension"):
        rollup.totals(*november, by=["colour"])
    with pytest.raises(ValueError, match="where: 'x' is not a dimension"):
        rollup.daily(*november, where={"x": "1"})


def test_rows_of_another_tenant_are_neither_counted_nor_read(store: SqlEventStore) -> None:
    store.append("u1", [usage("5")], 0)
    store.append("u2", [NewEvent("UsageRecorded", "t2", dict(usage("7").data))], 0)
    mine, theirs = SqlUsageRollup(store, "t1"), SqlUsageRollup(store, "t2")
    mine.catch_up()
    theirs.catch_up()
    assert [s.quantity for s in mine.totals(*FAR)] == [Decimal(5)]
    assert [s.quantity for s in theirs.totals(*FAR)] == [Decimal(7)]
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM usage_rollup")).scalar_one() == 2


def test_postgres_application_role_builds_and_reads_only_its_tenants_rollup(
    pg_server: PgServer, pg_database: str, pg_url: str
) -> None:
    owner_engine = create_workspace_engine(pg_url)
    upgrade(owner_engine)
    owner = PostgresEventStore(owner_engine)
    owner.append("u-a", [usage("5")], 0)
    owner.append("u-b", [NewEvent("UsageRecorded", "t2", dict(usage("7").data))], 0)
    SqlUsageRollup(owner, "t2").catch_up()  # tenant t2's rows exist
    owner_engine.dispose()
    role = f"console_{uuid.uuid4().hex[:8]}"
    pg_server.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'app-pass' IN ROLE webnova_app")
    engine = create_workspace_engine(pg_server.url(pg_database, user=role, password="app-pass"),
                                     tenant_id="t1")
    try:
        rollup = SqlUsageRollup(PostgresEventStore(engine), "t1")
        rollup.rebuild()  # DELETE, INSERT ... ON CONFLICT and the checkpoint, as the app role
        rollup.rebuild()
        assert [s.quantity for s in rollup.totals(*FAR)] == [Decimal(5)]
        with engine.connect() as conn:
            seen = conn.execute(text("SELECT tenant_id, quantity_micro FROM usage_rollup")).all()
        assert [tuple(r) for r in seen] == [("t1", 5_000_000)]  # t2's row is invisible
    finally:
        engine.dispose()
        pg_server.execute(f"DROP OWNED BY {role}", database=pg_database)
        pg_server.execute(f"DROP ROLE {role}")
