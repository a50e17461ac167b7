"""Fixtures for the Deploy pane: a local workspace opened the way the console opens it, the
pane on it in a window of its own, and helpers that add sandbox cloud accounts (through the
real CloudAccounts service: a simulated Hetzner Cloud on loopback) and blueprints."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from app.bootstrap import Console, Workspace
from app.gui.deploy.pane import DeployPane
from app.gui.i18n import LanguageController
from app.gui.qt import QApplication, QMainWindow
from app.gui.session import WorkspaceSession
from tests.gui.conftest import wait_until

T = TypeVar("T")
PLAN_TIMEOUT = 60_000  # a plan starts the simulator and reads every kind of resource


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The offscreen platform has no window manager to pass size hints to; it says so as a
    warning, which is not a failure of this pane."""
    here = str(Path(__file__).parent)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.qt_log_ignore("does not support propagateSizeHints"))


@pytest.fixture(autouse=True)
def _owner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WEBNOVA_KEYRING", raising=False)  # the test's in-memory keyring
    monkeypatch.setenv("WEBNOVA_USER", "root")


@pytest.fixture
def languages(qapp: QApplication) -> Iterator[LanguageController]:
    controller = LanguageController(qapp)
    try:
        yield controller
    finally:
        controller.apply("en")


@pytest.fixture
def pane(qapp: QApplication, qtbot: Any, aio_loop: asyncio.AbstractEventLoop,
         console: Console) -> Iterator[DeployPane]:
    del qapp, aio_loop
    gc.collect()
    session = WorkspaceSession(console)
    window = QMainWindow()
    window.resize(1180, 760)
    made = DeployPane(session)
    window.setCentralWidget(made)
    qtbot.addWidget(window)
    window.show()
    session.start()
    wait_until(qtbot, lambda: made.workspace is not None, 20_000)
    wait_until(qtbot, lambda: made.listing is not None and not made.loading)
    try:
        yield made
    finally:
        made.shutdown()
        session.close()
        window.close()
        window.deleteLater()
        gc.collect()


def settle(qtbot: Any, work: Coroutine[Any, Any, T], timeout: int = 30_000) -> T:
    """Await ``work`` on the event loop (database work runs on the workspace's runner)."""
    task = asyncio.ensure_future(work)
    wait_until(qtbot, task.done, timeout)
    return task.result()


def workspace_of(pane: DeployPane) -> Workspace:
    assert pane.workspace is not None
    return pane.workspace


def add_sandbox(pane: DeployPane, qtbot: Any, name: str = "demo") -> None:
    """A sandbox account, added as Settings → Cloud accounts adds one."""
    workspace = workspace_of(pane)
    cloud = workspace.cloud
    assert cloud is not None
    settle(qtbot, workspace.runner.run(lambda: cloud.add(name, "hetzner", None, "root",
                                                         sandbox=True)))


def add_blueprint(pane: DeployPane, qtbot: Any, template: str, key: str) -> None:
    settle(qtbot, workspace_of(pane).blueprints.create_from_template(template, key, "root"))


def relist(pane: DeployPane, qtbot: Any) -> None:
    """List again now (the live feed would too, a moment later)."""
    with qtbot.waitSignal(pane.listed, timeout=20_000):
        pane.refresh()


def plan(pane: DeployPane, qtbot: Any) -> Any:
    """Press Plan and wait for the plan on screen (a PricedPlan)."""
    with qtbot.waitSignal(pane.planned, timeout=PLAN_TIMEOUT) as blocker:
        pane.plan_button.click()
    wait_until(qtbot, lambda: pane.planning is None)
    return blocker.args[0]
