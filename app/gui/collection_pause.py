"""Pausing Python's cyclic garbage collector while background work makes many objects.

A full collection stops every thread (it holds the GIL) for as long as it takes to walk
every tracked object, a few hundred milliseconds in a console with Qt and a year of priced
usage loaded; started by a worker that allocates fast (pricing 30,000 rollup rows makes
hundreds of thousands of amounts), it freezes the window as surely as work on the GUI
thread would. Those objects hold no cycles and are freed by reference counting, so the
collector is paused while such work runs and resumes after the last one ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
_lock = threading.Lock()
_running = 0
_was_enabled = True


def without_collection(work: Callable[[], T]) -> T:
    """``work()`` with automatic cyclic collection paused (nested and concurrent calls too)."""
    global _running, _was_enabled
    with _lock:
        if _running == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _running += 1
    try:
        return work()
    finally:
        with _lock:
            _running -= 1
            if _running == 0 and _was_enabled:
                gc.enable()
