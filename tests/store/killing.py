"""Start a process that appends a large batch, and SIGKILL it in the middle."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

STREAMS = 20
PER_STREAM = 5000

CHILD = r"""
import sys
from app.bootstrap import build_store
from app.domain.events import NewEvent
from app.services.ports import StreamAppend
from app.store.engine import create_workspace_engine

store = build_store(create_workspace_engine(sys.argv[1]))
streams, per_stream = int(sys.argv[2]), int(sys.argv[3])
appends = [
    StreamAppend(f"kill-{i}", [NewEvent("Bulk", "t1", {"j": j, "pad": "x" * 200})
                               for j in range(per_stream)], 0)
    for i in range(streams)
]
print("BEGIN", flush=True)
store.append_batch(appends)
print("DONE", flush=True)
"""


def kill_midway(url: str, in_transaction: Callable[[], bool], timeout: float = 60) -> str:
    """Run the child; once ``in_transaction()`` says the batch is being written, SIGKILL it.
    Returns "killed" or "finished" (if it committed before it could be killed)."""
    root = Path(__file__).resolve().parents[2]
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, url, str(STREAMS), str(PER_STREAM)],
        cwd=root,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "BEGIN"
        deadline = time.monotonic() + timeout
        while not in_transaction():
            if child.poll() is not None:
                return "finished"
            if time.monotonic() > deadline:
                raise AssertionError("the append never started writing")
            time.sleep(0.005)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        return "killed" if child.returncode == -signal.SIGKILL else "finished"
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if child.stdout:
            child.stdout.close()
