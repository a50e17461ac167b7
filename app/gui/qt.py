"""The one module that imports PySide6 (and qasync, which runs asyncio on Qt's loop).

Every other GUI module takes Qt names from here, so a Qt upgrade or a binding switch
touches one file; ruff bans ``import PySide6`` everywhere else.
"""

from __future__ import annotations

import asyncio
import ctypes
import functools
import sys
from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import *
from PySide6.QtCore import Property, QObject, Qt, Signal, SignalInstance, Slot
from PySide6.QtGui import *
from PySide6.QtWidgets import *
from shiboken6 import isValid

# PySide6 6.12's SignalInstance.emit() returns True without owning a reference to it:
# every emit from Python takes one reference from True, and after a few thousand
# emits the interpreter aborts ("bool_dealloc: deallocating True or False"). Emit
# through :func:`emit`, which hands the reference back while the defect is present.
_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    ping = Signal()


def _emit_drops_reference() -> bool:
    probe = _Probe()
    tries = 8
    before = sys.getrefcount(True)
    for _ in range(tries):
        probe.ping.emit()
    dropped = before - sys.getrefcount(True)
    for _ in range(max(dropped, 0)):  # put back what the probe itself took
        _incref(True)
    return dropped >= tries


EMIT_DROPS_REFERENCE = _emit_drops_reference()


def emit(signal: SignalInstance, *args: object) -> None:
    """``signal.emit(*args)``; use this instead of calling ``emit`` directly."""
    result = signal.emit(*args)
    if EMIT_DROPS_REFERENCE and isinstance(result, bool):
        _incref(result)


def is_alive(obj: object) -> bool:
    """False once the C++ side of a Qt object has been deleted."""
    return bool(isValid(obj))


def asyncio_event_loop(
    app: QtCore.QCoreApplication, already_running: bool = False
) -> asyncio.AbstractEventLoop:
    """An asyncio loop that runs on the Qt event loop of ``app``.

    ``already_running``: Qt's loop is already spinning (tests, embedding); the caller then
    detaches the loop with :func:`detach_event_loop` instead of stopping it.
    """
    loop: asyncio.AbstractEventLoop = _loop_class()(app, already_running=already_running)
    return loop


@functools.cache
def _loop_class() -> type:
    import qasync  # imported here, after PySide6, so qasync binds to PySide6

    class ConsoleEventLoop(qasync.QEventLoop):  # type: ignore[misc, name-defined]
        def call_soon_threadsafe(self, callback: Any, *args: Any, context: Any = None) -> None:
            # qasync emits a signal here from worker threads: emit it through ``emit``.
            emit(self._QEventLoop__call_soon_signal, callback, args)

    return ConsoleEventLoop


def detach_event_loop(loop: asyncio.AbstractEventLoop, app: QtCore.QCoreApplication) -> None:
    """Close a loop made with ``already_running=True`` without asking Qt to quit.

    ``loop.stop()`` would call ``QCoreApplication.exit()``, which makes every later nested
    Qt event loop return at once; here only asyncio's own bookkeeping is undone.
    """
    if not isinstance(loop, _loop_class()):
        raise TypeError("not a loop made by asyncio_event_loop()")
    # The loop's aboutToQuit connection stays (disconnect() has emit's reference defect);
    # on a closed loop its handler does nothing.
    del app
    loop._QEventLoop__is_running = False  # type: ignore[attr-defined]
    asyncio.events._set_running_loop(None)
    loop.close()


__all__ = [
    "Property",
    "QObject",
    "Qt",
    "QtCore",
    "QtGui",
    "QtWidgets",
    "Signal",
    "Slot",
    "asyncio_event_loop",
    "detach_event_loop",
    "emit",
    "is_alive",
]
