"""The event-store contract. ``test_sqlite.py`` and ``test_postgres.py`` run it against a
SQLite file and a real PostgreSQL server; a behaviour that differs is a bug."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from app.domain.errors import ConcurrencyError, LeaseHeldError, WorkspaceBusyError
from app.domain.events import EventValidationError, NewEvent
from app.domain.upcasting import UpcasterChain
from app.services.ports import EventFilter, StreamAppend
from app.store.event_store import SqlEventStore
from app.store.projections import ProjectionRunner, StreamIndexProjection

ROOT = Path(__file__).resolve().parents[2]


def ev(kind: str = "Thing", tenant: str = "t1", actor: str | None = None, **data: object) -> NewEvent:
    return NewEvent(type=kind, tenant_id=tenant, data=dict(data), metadata={"actor": actor})


class EventStoreContract:
    """Subclasses provide the ``store`` fixture (an empty store at the head schema), the
    ``impatient_store`` fixture (the same database, waiting at most half a second for the
    write lock) and ``hold_writer``, a context manager in which another connection holds the
    write lock, as a stalled writer would."""

    # ------------------------------------------------------------ appending
    def test_append_then_read_stream(self, store: SqlEventStore) -> None:
        recorded = store.append("order-1", [ev("Created", n=1), ev("Paid", n=2)], 0)
        assert [(e.version, e.position) for e in recorded] == [(1, 1), (2, 2)]
        read = store.read_stream("order-1")
        assert [e.type for e in read] == ["Created", "Paid"]
        assert read[0].data == {"n": 1}
        assert read[0].metadata == {"actor": None, "correlation_id": None, "causation_id": None}
        assert read[0].recorded_at.tzinfo is not None
        assert read == recorded
        assert store.stream_version("order-1") == 2
        assert store.stream_version("nothing") == 0

    def test_unicode_and_nested_data_round_trip(self, store: SqlEventStore) -> None:
        data = {"name_ar": "منصة حجز", "nested": {"list": [1, 2.5, None, True]}, "emoji": "✓"}
        store.append("s", [NewEvent("T", "t1", data, {"actor": "مالك"})], 0)
        (event,) = store.read_stream("s")
        assert event.data == data
        assert event.actor == "مالك"

    def test_stale_expected_version_writes_nothing(self, store: SqlEventStore) -> None:
        store.append("s", [ev()], 0)
        with pytest.raises(ConcurrencyError) as info:
            store.append("s", [ev(), ev()], 0)
        assert info.value.actual_version == 1
        with pytest.raises(ConcurrencyError):
            store.append("s", [ev()], 5)  # ahead of the stream: would leave a gap
        assert store.stream_version("s") == 1
        assert store.head_position() == 1
        # The position counter was not consumed by the failed appends.
        assert store.append("other", [ev()], 0)[0].position == 2

    def test_expected_version_none_appends_at_the_end(self, store: SqlEventStore) -> None:
        store.append("s", [ev()], None)
        store.append("s", [ev(), ev()], None)
        assert [e.version for e in store.read_stream("s")] == [1, 2, 3]

    def test_invalid_events_are_refused_before_writing(self, store: SqlEventStore) -> None:
        with pytest.raises(EventValidationError, match="tenant_id"):
            NewEvent("T", "")
        with pytest.raises(ValueError, match="nothing to append"):
            store.append("s", [], 0)
        with pytest.raises(EventValidationError, match="stream_id"):
            store.append("", [ev()], 0)
        assert store.head_position() == 0

    def test_batch_append_is_all_or_nothing(self, store: SqlEventStore) -> None:
        store.append("b", [ev()], 0)
        batch = [
            StreamAppend("a", [ev(), ev()], 0),
            StreamAppend("b", [ev()], 0),  # stale: b is at 1
            StreamAppend("c", [ev()], None),
        ]
        with pytest.raises(ConcurrencyError):
            store.append_batch(batch)
        assert store.stream_version("a") == 0
        assert store.stream_version("c") == 0
        assert store.head_position() == 1
        recorded = store.append_batch(
            [StreamAppend("a", [ev(), ev()], 0), StreamAppend("b", [ev()], 1)]
        )
        assert [e.position for e in recorded] == [2, 3, 4]
        assert [(e.stream_id, e.version) for e in recorded] == [("a", 1), ("a", 2), ("b", 2)]

    def test_a_conflict_in_a_batch_names_its_own_stream(self, store: SqlEventStore) -> None:
        store.append("b", [ev()], 0)
        with pytest.raises(ConcurrencyError) as info:
            store.append_batch([StreamAppend("a", [ev()], 0), StreamAppend("b", [ev()], 0)])
        assert info.value.stream_id == "b"
        assert (info.value.expected_version, info.value.actual_version) == (0, 1)
        assert store.stream_version("a") == 0
        assert store.head_position() == 1

    def test_a_stalled_writer_makes_appends_fail_as_busy(
        self, impatient_store: SqlEventStore, hold_writer: object
    ) -> None:
        with hold_writer():  # type: ignore[operator]
            started = time.monotonic()
            with pytest.raises(WorkspaceBusyError, match="the workspace is busy"):
                impatient_store.append("s", [ev()], 0)
            assert time.monotonic() - started < 5
        assert impatient_store.stream_version("s") == 0
        assert impatient_store.append("s", [ev()], 0)[0].position == 1  # usable again

    def test_same_stream_twice_in_one_batch(self, store: SqlEventStore) -> None:
        store.append_batch([StreamAppend("s", [ev()], 0), StreamAppend("s", [ev()], 1)])
        assert [e.version for e in store.read_stream("s")] == [1, 2]

    # ------------------------------------------------------------ concurrency
    def test_threads_racing_on_one_version_exactly_one_wins(self, store: SqlEventStore) -> None:
        threads_n, rounds = 6, 8
        outcomes: list[list[str]] = []
        for version in range(rounds):
            barrier = threading.Barrier(threads_n)
            results: list[str] = []
            lock = threading.Lock()

            def worker(i: int, version: int = version, barrier: threading.Barrier = barrier,
                       results: list[str] = results, lock: threading.Lock = lock) -> None:
                barrier.wait()
                try:
                    store.append("race", [ev(writer=i, round=version)], version)
                    outcome = f"won:{i}"
                except ConcurrencyError:
                    outcome = "lost"
                with lock:
                    results.append(outcome)

            workers = [threading.Thread(target=worker, args=(i,)) for i in range(threads_n)]
            for w in workers:
                w.start()
            for w in workers:
                w.join()
            outcomes.append(results)
        for results in outcomes:
            assert len(results) == threads_n
            assert sum(r.startswith("won") for r in results) == 1, results
        stream = store.read_stream("race")
        assert [e.version for e in stream] == list(range(1, rounds + 1))
        assert [e.data["round"] for e in stream] == list(range(rounds))
        winners = [int(r.split(":")[1]) for rs in outcomes for r in rs if r.startswith("won")]
        assert [e.data["writer"] for e in stream] == winners

    def test_concurrent_writers_get_gapless_positions(self, store: SqlEventStore) -> None:
        threads_n, per_thread = 5, 20

        def worker(i: int) -> None:
            for j in range(per_thread):
                store.append(f"w{i}", [ev(j=j)], None)

        workers = [threading.Thread(target=worker, args=(i,)) for i in range(threads_n)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        events = list(store.read_all())
        assert [e.position for e in events] == list(range(1, threads_n * per_thread + 1))
        per_stream = Counter(e.stream_id for e in events)
        assert per_stream == {f"w{i}": per_thread for i in range(threads_n)}
        for i in range(threads_n):
            assert [e.data["j"] for e in store.read_stream(f"w{i}")] == list(range(per_thread))

    # ------------------------------------------------------------ reading
    def test_read_all_after_position_and_limit(self, store: SqlEventStore) -> None:
        for i in range(10):
            store.append(f"s{i % 3}", [ev(i=i)], None)
        assert [e.data["i"] for e in store.read_all(after=7)] == [7, 8, 9]
        assert [e.position for e in store.read_all(after=2, limit=3)] == [3, 4, 5]
        assert list(store.read_all(after=10)) == []
        assert store.head_position() == 10

    def test_read_all_streams_large_reads_in_order(self, store: SqlEventStore) -> None:
        store.append_batch([StreamAppend(f"bulk{i}", [ev(i=i)] * 1500, 0) for i in range(8)])
        positions = [e.position for e in store.read_all()]
        assert positions == list(range(1, 12001))

    def test_query_filters_and_pages_newest_first(self, store: SqlEventStore) -> None:
        for i in range(25):
            store.append(
                f"order-{i % 5}",
                [ev("OrderPlaced" if i % 2 else "OrderPaid", tenant=f"t{i % 2}", actor=f"user{i % 3}", i=i)],
                None,
            )
        page = store.query(EventFilter(), 0, 10)
        assert page.total == 25
        assert [e.position for e in page.events] == list(range(25, 15, -1))
        assert [e.position for e in store.query(EventFilter(), 20, 10).events] == [5, 4, 3, 2, 1]
        assert store.query(EventFilter(event_type="OrderPlaced"), 0, 100).total == 12
        assert store.query(EventFilter(tenant_id="t0"), 0, 100).total == 13
        assert store.query(EventFilter(actor="user1"), 0, 100).total == 8
        assert store.query(EventFilter(text="PLACED"), 0, 100).total == 12
        assert store.query(EventFilter(text="order-3"), 0, 100).total == 5
        assert store.query(EventFilter(text="user2"), 0, 100).total == 8
        assert store.query(EventFilter(text="100%_"), 0, 100).total == 0
        now = datetime.now(UTC)
        assert store.query(EventFilter(since=now - timedelta(minutes=5)), 0, 100).total == 25
        assert store.query(EventFilter(since=now + timedelta(minutes=5)), 0, 100).total == 0
        assert store.query(EventFilter(until=now - timedelta(minutes=5)), 0, 100).total == 0
        assert store.distinct_values("type") == ["OrderPaid", "OrderPlaced"]
        assert store.distinct_values("tenant_id") == ["t0", "t1"]

    # ------------------------------------------------------------ subscriptions
    def test_subscription_catches_up_then_receives_live_events(self, store: SqlEventStore) -> None:
        for i in range(5):
            store.append("s", [ev(i=i)], None)
        sub = store.subscribe(after=2, poll_interval=0.05)
        try:
            caught_up = sub.poll(timeout=1)
            assert [e.position for e in caught_up] == [3, 4, 5]
            assert sub.poll(timeout=0.1) == []
            timer = threading.Timer(0.2, lambda: store.append("live", [ev("Live")], 0))
            timer.start()
            started = time.monotonic()
            live = sub.poll(timeout=10)
            timer.join()
            assert [e.type for e in live] == ["Live"]
            assert time.monotonic() - started < 5
            assert sub.position == 6
        finally:
            sub.close()

    # ------------------------------------------------------------ projections
    def test_projection_checkpoint_commits_with_read_model(self, store: SqlEventStore) -> None:
        store.append("a", [ev("A1"), ev("A2")], 0)
        store.append("b", [ev("B1", tenant="t2")], 0)
        store.append("c", [ev("C1")], 0)
        runner = ProjectionRunner(store, StreamIndexProjection(), "t1")
        assert runner.catch_up(batch=2) == 3
        assert runner.checkpoint() == 4
        with store.engine.connect() as conn:
            rows = conn.execute(
                text("SELECT stream_id, version, last_type FROM stream_index "
                     "WHERE tenant_id = 't1' ORDER BY stream_id")
            ).all()
        assert [tuple(r) for r in rows] == [("a", 2, "A2"), ("c", 1, "C1")]
        assert runner.run_once() == 0

    def test_failed_projection_batch_leaves_model_and_checkpoint_unchanged(
        self, store: SqlEventStore
    ) -> None:
        store.append("a", [ev("A1")], 0)
        runner = ProjectionRunner(store, StreamIndexProjection(), "t1")
        runner.catch_up()
        store.append("a", [ev("A2"), ev("Boom"), ev("A4")], 1)

        class Exploding(StreamIndexProjection):
            def apply(self, conn, event):  # type: ignore[no-untyped-def]
                if event.type == "Boom":
                    raise RuntimeError("projection bug")
                super().apply(conn, event)

        failing = ProjectionRunner(store, Exploding(), "t1")
        with pytest.raises(RuntimeError, match="projection bug"):
            failing.run_once()
        assert failing.checkpoint() == 1
        with store.engine.connect() as conn:
            version = conn.execute(
                text("SELECT version FROM stream_index WHERE stream_id = 'a'")
            ).scalar_one()
        assert version == 1
        assert runner.catch_up() == 3
        assert runner.checkpoint() == 4

    # ------------------------------------------------------------ upcasting
    def test_upcasters_lift_old_events_on_read(self, store: SqlEventStore) -> None:
        store.append("p", [NewEvent("PriceSet", "t1", {"amount": 10})], 0)
        store.append("p", [NewEvent("PriceSet", "t1", {"amount": 12, "currency": "SAR"},
                                    schema_version=2)], 1)
        chain = UpcasterChain()
        chain.register("PriceSet", 1, lambda d: {**d, "currency": "USD"})
        upcasting = type(store)(store.engine, chain)
        old, new = upcasting.read_stream("p")
        assert (old.schema_version, old.data) == (2, {"amount": 10, "currency": "USD"})
        assert (new.schema_version, new.data) == (2, {"amount": 12, "currency": "SAR"})
        assert [e.data["currency"] for e in upcasting.read_all()] == ["USD", "SAR"]
        # Stored events are untouched.
        assert store.read_stream("p")[0].data == {"amount": 10}

    # ------------------------------------------------------------ leases
    def test_a_lease_has_one_holder_and_a_dead_holder_lets_go(self, store: SqlEventStore) -> None:
        name = "deployment:t1:hub:staging"
        assert store.lease_free(name)
        with store.lease(name):
            assert not store.lease_free(name)  # a second holder in this console
            with pytest.raises(LeaseHeldError):
                store.lease(name).__enter__()
            with store.lease("deployment:t1:hub:production"):  # another name is its own lease
                pass
        assert store.lease_free(name)
        # Another process holds it, then dies by SIGKILL: the lease goes with it.
        url = store.engine.url.render_as_string(hide_password=False)
        script = (
            "import sys, time\n"
            "from sqlalchemy import create_engine\n"
            f"from app.store.event_store import {type(store).__name__} as Store\n"
            f"store = Store(create_engine({url!r}))\n"
            f"with store.lease({name!r}):\n"
            "    print('held', flush=True)\n"
            "    time.sleep(120)\n")
        child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, cwd=ROOT)
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "held", child.stderr.read() if child.stderr else ""
            assert not store.lease_free(name)
            with pytest.raises(LeaseHeldError) as held:
                store.lease(name).__enter__()
            assert "right now" in str(held.value)
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
        finally:
            if child.poll() is None:
                child.kill()
            child.communicate(timeout=30)
        deadline = time.monotonic() + 10  # PostgreSQL notices the dropped connection at once
        while not store.lease_free(name):
            assert time.monotonic() < deadline, "the dead console's lease was never released"
            time.sleep(0.05)
