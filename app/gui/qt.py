"""The one module that imports PySide6 (and qasync, which runs asyncio on Qt's loop).

Every other GUI module takes Qt names from here, so a Qt upgrade or a binding switch
touches one file; ruff bans ``import PySide6`` everywhere else.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Property, QObject, Qt, Signal, Slot
from shiboken6 import isValid

if TYPE_CHECKING:  # what type checkers see; at run time __getattr__ resolves names
    from PySide6.QtCharts import *  # type: ignore[assignment]
    from PySide6.QtCore import *
    from PySide6.QtGui import *  # type: ignore[assignment]
    from PySide6.QtWidgets import *  # type: ignore[assignment]


# Modules only some panes need (the Costs pane's charts): their names (QChart, QBarSeries...)
# import them when first asked for. QtPdf (reading PDFs) is not the console's: the bundle
# leaves it out, and tests that read a report back import it themselves.
_LATER_MODULES = ("PySide6.QtCharts",)
_LATER_PREFIXES = ("QChart", "QBar", "QStackedBar", "QValueAxis", "QAbstract", "QLine",
                   "QHorizontal", "QLegend")


def __getattr__(name: str) -> object:
    """Every other Qt name (``from app.gui.qt import QLabel``), looked up on first use:
    a star import would build every class of three modules at start-up."""
    for module in (QtWidgets, QtGui, QtCore):
        value = getattr(module, name, None)
        if value is not None:
            globals()[name] = value
            return value
    if name.startswith(_LATER_PREFIXES):
        import importlib

        for later in _LATER_MODULES:  # imported on first use: start-up never pays for them
            value = getattr(importlib.import_module(later), name, None)
            if value is not None:
                globals()[name] = value
                return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")




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
    import qasync  # imported here, after PySide6, so qasync binds to PySide6

    loop: asyncio.AbstractEventLoop = qasync.QEventLoop(app, already_running=already_running)
    return loop


def detach_event_loop(loop: asyncio.AbstractEventLoop, app: QtCore.QCoreApplication) -> None:
    """Close a loop made with ``already_running=True`` without asking Qt to quit.

    ``loop.stop()`` would call ``QCoreApplication.exit()``, which makes every later nested
    Qt event loop return at once; here only asyncio's own bookkeeping is undone.
    """
    import qasync

    if not isinstance(loop, qasync.QEventLoop):
        raise TypeError("not a qasync loop")
    with contextlib.suppress(RuntimeError, TypeError):
        app.aboutToQuit.disconnect(loop._after_run_forever)
    loop._QEventLoop__is_running = False
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
    "is_alive",
]
