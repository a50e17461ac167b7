"""Fixtures for the Assistant pane: a real local workspace opened the way the console
opens it (the person at the console is "owner"), the pane on it in a window of its own,
and Claude played by the loopback fake of the Anthropic API, reached through the real SDK.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.bootstrap import Console, Workspace
from app.gui.assist.pane import AssistantPane
from app.gui.i18n import LanguageController
from app.gui.qt import QApplication, QCoreApplication, QEvent, QMainWindow
from app.gui.session import WorkspaceSession
from app.services.assistant_model import API_KEY_SECRET
from tests.assist.fake_anthropic import API_KEY, FakeAnthropic
from tests.gui.conftest import wait_until

OWNER = "owner"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The offscreen platform has no window manager to pass size hints to; it says so as a
    warning, which is not a failure of these panes."""
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
def session(qapp: QApplication, qtbot: Any, aio_loop: asyncio.AbstractEventLoop,
            console: Console, monkeypatch: pytest.MonkeyPatch) -> Iterator[WorkspaceSession]:
    del qapp, aio_loop
    monkeypatch.setenv("WEBNOVA_USER", OWNER)
    made = WorkspaceSession(console)
    made.start()
    wait_until(qtbot, lambda: made.workspace is not None, 20_000)
    try:
        yield made
    finally:
        made.close()


def workspace_of(session: WorkspaceSession) -> Workspace:
    assert session.workspace is not None
    return session.workspace


@pytest.fixture
def workspace(session: WorkspaceSession) -> Workspace:
    return workspace_of(session)


@pytest.fixture
def clinic(workspace: Workspace) -> str:
    """A healthcare blueprint "clinic" at version 1, written before the pane opens."""
    workspace.blueprints.create_from_template_now("healthcare", "clinic", OWNER)
    return "clinic"


@pytest.fixture
def pane(session: WorkspaceSession, qtbot: Any) -> Iterator[AssistantPane]:
    made = AssistantPane(session)
    window = QMainWindow()
    window.resize(1180, 720)
    window.setCentralWidget(made)
    qtbot.addWidget(window)
    with qtbot.waitSignal(made.listed, timeout=10_000):
        window.show()
    try:
        yield made
    finally:
        made.shutdown()
        window.close()
        # Deleted here, on the GUI thread: left to Python's collector, the window could
        # be destroyed on a database thread, with its text cursors' timers still running.
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def choose(pane: AssistantPane, qtbot: Any, key: str | None) -> None:
    """Pick ``key`` (None: a new platform) and wait for its conversations to load."""
    if pane.selected_key() == key and pane.chat.key == key:
        return
    with qtbot.waitSignal(pane.chat.history_loaded, timeout=10_000):
        assert pane.select_blueprint(key)


@pytest.fixture
def claude(workspace: Workspace) -> Iterator[FakeAnthropic]:
    """The assistant pointed at the loopback fake, with a key in the keyring; the gateway
    records the waits it asks for instead of sleeping."""
    gateway = workspace.orchestrator.gateway
    with FakeAnthropic() as fake:
        gateway.secrets.set(API_KEY_SECRET, API_KEY)
        gateway.settings_store.update_now(OWNER, base_url=fake.base_url)
        waits: list[float] = []

        async def record(seconds: float) -> None:
            waits.append(seconds)

        gateway.sleep = record
        yield fake
