"""The Costs pane loading a 12-month dashboard over 1,000,000 usage records, offscreen, while
a 5 ms timer on the GUI thread records the longest gap between its ticks: the GUI thread is
never blocked for more than 50 ms (issue 14), measured here, not assumed.

    python -m benchmarks.costs_gui                    # 1,000,000 records, SQLite
    python -m benchmarks.costs_gui --records 200000 --loads 3 --json

A fresh local workspace (its own WEBNOVA_HOME) gets price books (Hetzner's list, Claude's
shipped prices, the owner's request price, rates to SAR) and a year of usage: the rollup
rows ``benchmarks/costs.py``'s records fold into, written with the projection's own upsert
(``benchmarks/usage_rollup_data.py``; a few seconds instead of minutes of appends). The pane
is built (QtCharts imported) before the clock starts; then each load — pricing the year on
the workspace's database thread and drawing it a part per turn of the event loop — is timed
from the request to the last part drawn. PASS when the worst gap of every load is <= 50 ms.
Progress goes to stderr, the report to stdout; the exit status is 0 either way.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sys
import tempfile
import time
from datetime import timedelta
from typing import Any

GAP_TARGET_MS = 50.0
TICK_MS = 5


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run(records: int, loads: int) -> dict[str, Any]:
    from app.bootstrap import Console
    from app.gui.app import create_application
    from app.gui.costs.pane import CostsPane
    from app.gui.qt import QElapsedTimer, QTimer, asyncio_event_loop
    from app.gui.session import WorkspaceSession
    from benchmarks.costs import DAYS, FIRST_DAY
    from benchmarks.usage_rollup_data import usage_sums, write_rollup
    from tests.gui.costs.conftest import price_books

    app = create_application()
    loop = asyncio_event_loop(app)
    asyncio.set_event_loop(loop)
    session = WorkspaceSession(Console())
    result: dict[str, Any] = {"records": records}

    async def bench() -> None:
        session.start()
        while session.workspace is None:
            await asyncio.sleep(0.05)
        workspace = session.workspace
        progress(f"generating {records:,} usage records into the rollup")
        started = time.perf_counter()
        sums = usage_sums(records, seed=1)
        price_books(workspace)
        result["rollup_rows"] = write_rollup(workspace.engine, workspace.entry.tenant_id, sums)
        result["generate_s"] = round(time.perf_counter() - started, 2)
        started = time.perf_counter()
        pane = CostsPane(session)
        pane.resize(1180, 720)
        pane.show()
        result["pane_build_ms"] = round((time.perf_counter() - started) * 1000, 1)
        while pane.loading:
            await asyncio.sleep(0.01)
        clock, gaps = QElapsedTimer(), []
        timer = QTimer()
        timer.setInterval(TICK_MS)
        last = [0]

        def tick() -> None:
            now = clock.elapsed()
            gaps.append(now - last[0])
            last[0] = now

        timer.timeout.connect(tick)
        result["loads"] = []
        for index in range(loads):
            done = asyncio.get_running_loop().create_future()
            pane.loaded.connect(lambda d=done: d.done() or d.set_result(None))
            gaps.clear()
            clock.start()
            last[0] = 0
            timer.start()
            started = time.perf_counter()
            # a different period each time would be the same work: reload the year
            pane.set_period(FIRST_DAY, FIRST_DAY + timedelta(days=DAYS))
            await done
            elapsed = time.perf_counter() - started
            timer.stop()
            pane.loaded.disconnect()
            worst = max(gaps, default=0)
            result["loads"].append({"load_s": round(elapsed, 2), "worst_gap_ms": worst,
                                    "ticks": len(gaps)})
            progress(f"load {index + 1}: {elapsed:.2f} s, worst gap {worst} ms")
        board = pane.board
        result["total_cost"] = str(board.total.cost.rounded()) if board else None
        pane.shutdown()
        pane.close()

    try:
        loop.run_until_complete(bench())
    finally:
        session.close()
    worst = max(x["worst_gap_ms"] for x in result["loads"])
    result["worst_gap_ms"] = worst
    result["pass"] = worst <= GAP_TARGET_MS
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.costs_gui",
                                     description="Costs pane: GUI thread gaps while loading.")
    parser.add_argument("--records", type=int, default=1_000_000, help="default 1,000,000")
    parser.add_argument("--loads", type=int, default=3, help="dashboard loads (default 3)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.records < 1 or args.loads < 1:
        parser.error("--records and --loads must be >= 1")
    home = tempfile.mkdtemp(prefix="webnova-costs-gui-")
    os.environ["WEBNOVA_HOME"] = home
    os.environ.setdefault("WEBNOVA_KEYRING", "memory")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    try:
        result = run(args.records, args.loads)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    result["run_s"] = round(time.perf_counter() - started, 1)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        verdict = "PASS" if result["pass"] else "FAIL"
        print(f"Costs pane, 12-month dashboard over {result['records']:,} records "
              f"({result['rollup_rows']:,} rollup rows, SQLite; total {result['total_cost']})")
        print(f"  pane built in {result['pane_build_ms']} ms (before the clock)")
        for i, load in enumerate(result["loads"], 1):
            print(f"  load {i}: {load['load_s']} s, worst GUI-thread gap {load['worst_gap_ms']} ms "
                  f"({load['ticks']} ticks of {TICK_MS} ms)")
        print(f"  worst gap {result['worst_gap_ms']} ms <= {GAP_TARGET_MS:g} ms: {verdict}; "
              f"run {result['run_s']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
