"""Fixtures for the Blueprints pane: a real local workspace opened the way the console
opens it, and the pane on it, torn down with every timer and thread stopped."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from app.bootstrap import Console, Workspace
from app.gui.blueprints.editor import BlueprintEditor
from app.gui.blueprints.pane import BlueprintsPane
from app.gui.i18n import LanguageController
from app.gui.qt import QApplication, QMainWindow
from app.gui.session import WorkspaceSession
from app.services.blueprints import BlueprintVersion
from tests.gui.conftest import wait_until
from tests.services.blueprint_docs import clinic


@pytest.fixture
def languages(qapp: QApplication) -> Iterator[LanguageController]:
    controller = LanguageController(qapp)
    try:
        yield controller
    finally:
        controller.apply("en")


@pytest.fixture
def pane(
    qapp: QApplication, qtbot: Any, aio_loop: asyncio.AbstractEventLoop, console: Console
) -> Iterator[BlueprintsPane]:
    del qapp, aio_loop
    session = WorkspaceSession(console)
    window = QMainWindow()
    window.resize(1180, 760)
    window.setMinimumSize(760, 480)  # as the main window does: layouts never resize it
    made = BlueprintsPane(session)
    window.setCentralWidget(made)
    qtbot.addWidget(window)
    window.show()
    session.start()
    wait_until(qtbot, lambda: made.workspace is not None, 20_000)
    wait_until(qtbot, lambda: not made.loading)
    try:
        yield made
    finally:
        made.shutdown()
        session.close()
        window.close()
        window.deleteLater()  # on this thread, when the loop fixture flushes deletions


def workspace_of(pane: BlueprintsPane) -> Workspace:
    assert pane.workspace is not None
    return pane.workspace


def add_blueprint(pane: BlueprintsPane, document: dict[str, Any] | None = None) -> BlueprintVersion:
    """Write a blueprint straight through the service (as another console would)."""
    return workspace_of(pane).blueprints.create_now(document or clinic(), "tester")


def open_editor(pane: BlueprintsPane, qtbot: Any, key: str = "clinic") -> BlueprintEditor:
    pane.refresh()
    wait_until(qtbot, lambda: pane.model.row_of(key) >= 0)
    pane.open_blueprint(key)
    wait_until(qtbot, lambda: pane.editor.session is not None and pane.editor.key == key)
    editor = pane.editor
    wait_until(qtbot, lambda: editor.history.versions != [])
    return editor
