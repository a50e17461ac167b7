"""Fixtures for driving the console's window with pytest-qt (offscreen).

Each test gets an asyncio loop on Qt's event loop, a Console over its own WEBNOVA_HOME,
and (``shell``) the real main window with the local workspace open. Teardown closes the
workspace, the window, every timer and thread, and puts language and theme back.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator

import pytest

from app.bootstrap import Console, Workspace
from app.domain.events import NewEvent
from app.gui import background
from app.gui.app import create_application
from app.gui.qt import QApplication, QCoreApplication, QEvent, asyncio_event_loop, detach_event_loop
from app.gui.shell import Shell


@pytest.fixture(scope="session")
def qapp() -> QApplication:
    """The application the console itself would create (Fusion style, bundled fonts)."""
    return create_application()


@pytest.fixture(autouse=True)
def nothing_left_behind(qapp: QApplication) -> Iterator[None]:
    """After each test: no window still open, no database or opener thread still running."""
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    deadline = time.monotonic() + 10
    while _our_threads() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not _our_threads(), f"threads left running: {_our_threads()}"
    windows = [w for w in qapp.topLevelWidgets() if w.isVisible()]
    assert not windows, f"windows left open: {windows}"


def _our_threads() -> list[str]:
    prefixes = ("db-", "workspace-open", "store-feed")
    return [t.name for t in threading.enumerate() if t.name.startswith(prefixes)]


@pytest.fixture
def aio_loop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    loop = asyncio_event_loop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    try:
        yield loop
    finally:
        background.cancel_all()
        deadline = time.monotonic() + 10
        while background.pending_operations() and time.monotonic() < deadline:
            qapp.processEvents()
            time.sleep(0.005)
        remaining = [t for t in asyncio.all_tasks(loop) if not t.done()]
        for task in remaining:
            task.cancel()
        while any(not t.done() for t in remaining) and time.monotonic() < deadline:
            qapp.processEvents()
        detach_event_loop(loop, qapp)
        stop_loop_timers(loop)
        asyncio.set_event_loop(None)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert not remaining or all(t.done() for t in remaining), "background work left running"


def stop_loop_timers(loop: asyncio.AbstractEventLoop) -> None:
    """Stop the Qt timers a closed asyncio loop still holds (the timeout of a wait that
    resumed early, callbacks queued while it closed), on the GUI thread: none outlives the
    test, and none is left for a database thread to destroy later (Qt warns when it must)."""
    timer = getattr(loop, "_timer", None)
    pending = getattr(timer, "_SimpleTimer__callbacks", None)
    if timer is None or not isinstance(pending, dict):
        return
    for timer_id in list(pending):
        timer.killTimer(timer_id)
        del pending[timer_id]


@pytest.fixture
def console() -> Console:
    return Console()


@pytest.fixture
def shell(
    qapp: QApplication, qtbot: object, aio_loop: asyncio.AbstractEventLoop, console: Console
) -> Iterator[Shell]:
    del aio_loop
    made = Shell(qapp, console=console)
    made.window.show()
    made.start()
    wait_until(qtbot, lambda: made.session.workspace is not None, 20_000)
    wait_until(qtbot, lambda: not made.window.event_log.browser.loading)
    try:
        yield made
    finally:
        made.close()
        made.languages.apply("en")
        made.themes.set_preference("system")


def wait_until(qtbot: object, condition: object, timeout: int = 10_000) -> None:
    qtbot.waitUntil(condition, timeout=timeout)  # type: ignore[attr-defined]


def append_events(workspace: Workspace, count: int, start: int = 0, **overrides: str) -> None:
    """``count`` events over a few streams, types, tenants and actors."""
    types = ("BlueprintRevised", "DeploymentPlanned", "PolicyApproved")
    tenants = ("acme", "globex")
    for index in range(start, start + count):
        stream = overrides.get("stream", f"blueprint-{index % 5}")
        event = NewEvent(
            type=overrides.get("type", types[index % len(types)]),
            tenant_id=overrides.get("tenant", tenants[index % len(tenants)]),
            data={"index": index, "title": f"revision {index}"},
            metadata={"actor": overrides.get("actor", f"owner-{index % 3}")},
        )
        workspace.store.append(stream, [event], None)
