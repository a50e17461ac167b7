"""Fixtures for the Generate pane: a local workspace opened the way the console opens it,
with a blueprint from the healthcare template, and the pane on it. Teardown stops any
platform the pane started and closes the workspace, every timer and thread."""

from __future__ import annotations

import asyncio
import gc
import threading
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from app.bootstrap import Console, Workspace
from app.gui.generate.pane import GeneratePane
from app.gui.i18n import LanguageController
from app.gui.qt import QApplication, QMainWindow
from app.gui.session import WorkspaceSession
from tests.gui.conftest import wait_until

KEY = "clinic"
T = TypeVar("T")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The offscreen platform has no window manager to pass a message box's size hints to;
    it says so as a warning, which is not a failure of this pane."""
    here = str(Path(__file__).parent)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.qt_log_ignore("does not support propagateSizeHints"))


@pytest.fixture
def languages(qapp: QApplication) -> Iterator[LanguageController]:
    controller = LanguageController(qapp)
    try:
        yield controller
    finally:
        controller.apply("en")


@pytest.fixture
def pane(
    qapp: QApplication, qtbot: Any, aio_loop: asyncio.AbstractEventLoop, console: Console,
    tmp_path: Path,
) -> Iterator[GeneratePane]:
    """The pane on the local workspace, which has the clinic blueprint (healthcare
    template); its output folder is under the test's temporary folder."""
    del qapp, aio_loop
    # Widgets earlier tests left to the garbage collector are collected here, on the GUI
    # thread: a collection that happens to run on a generation or runtime worker thread
    # would destroy their timers from that thread.
    gc.collect()
    session = WorkspaceSession(console)
    window = QMainWindow()
    window.resize(1180, 760)
    window.setMinimumSize(760, 480)
    made = GeneratePane(session)
    window.setCentralWidget(made)
    qtbot.addWidget(window)
    window.show()
    session.start()
    wait_until(qtbot, lambda: made.workspace is not None, 20_000)
    wait_until(qtbot, lambda: not made.loading)
    service = made.workspace.blueprints
    settle(qtbot, service.create_from_template("healthcare", KEY, "owner"))
    made.refresh()
    wait_until(qtbot, lambda: made.chooser.key() == KEY and made.chooser.chosen_version() == 1)
    wait_until(qtbot, lambda: not made.loading and made.chooser.out() is not None)
    made.chooser.choose(tmp_path / "platform")
    try:
        yield made
    finally:
        made.shutdown()
        stopping = made.runtime.stop_thread
        if stopping is not None:
            stopping.join(30)
        session.close()
        window.close()
        window.deleteLater()
        no_platform_left(qtbot)
        gc.collect()


def no_platform_left(qtbot: Any) -> None:
    """Every platform the test started has stopped, and its log reader with it."""
    def ours() -> list[str]:
        return [t.name for t in threading.enumerate()
                if t.name.startswith(("platform-stop-", "platform-log-"))]

    wait_until(qtbot, lambda: not ours(), 15_000)


def settle(qtbot: Any, work: Coroutine[Any, Any, T], timeout: int = 20_000) -> T:
    """Await ``work`` on the event loop (database work runs on the workspace's runner)."""
    task = asyncio.ensure_future(work)
    wait_until(qtbot, task.done, timeout)
    return task.result()


def workspace_of(pane: GeneratePane) -> Workspace:
    assert pane.workspace is not None
    return pane.workspace


def out_of(pane: GeneratePane) -> Path:
    out = pane.chooser.out()
    assert out is not None
    return out


def generate(pane: GeneratePane, qtbot: Any, dry_run: bool = False) -> Any:
    """Press Generate and wait for the result."""
    pane.chooser.dry_run.setChecked(dry_run)
    with qtbot.waitSignal(pane.generated, timeout=30_000) as blocker:
        qtbot.mouseClick(pane.generate_button, _left())
    wait_until(qtbot, lambda: pane.run is None)
    return blocker.args[0]


def _left() -> Any:
    from app.gui.qt import Qt

    return Qt.MouseButton.LeftButton
