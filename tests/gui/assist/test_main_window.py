"""The Assistant in the console's main window: its navigation entry after Blueprints,
Ctrl+4, and other panes asking it to explain something."""

from __future__ import annotations

from typing import Any

import pytest

from app.gui.assist.section import explain_this
from app.gui.formatting import strip_isolation
from app.gui.qt import QKeySequence, Qt
from app.gui.shell import Shell
from tests.gui.assist.conftest import OWNER
from tests.gui.conftest import wait_until


@pytest.fixture(autouse=True)
def person(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEBNOVA_USER", OWNER)


def test_the_assistant_in_the_navigation(shell: Shell, qtbot: Any) -> None:
    window = shell.window
    section = window.assistant
    navigation = window.navigation
    titles = [navigation.item(r).text() for r in range(navigation.count())]
    assert titles[3:5] == ["Blueprints", "Assistant"]
    assert section.row == 4
    assert not section.item.icon().isNull()
    assert section.show_action in window.view_menu.actions()
    assert section.show_action.shortcut() == QKeySequence("Ctrl+4")
    assert not section.page.is_built  # built on its first visit
    section.show_action.trigger()
    assert window.stack.currentWidget() is section.page
    assert section.page.is_built
    assert navigation.currentRow() == section.row

    workspace = shell.session.workspace
    assert workspace is not None
    workspace.blueprints.create_from_template_now("healthcare", "clinic", OWNER)
    navigation.setCurrentRow(0)  # another pane asks: the assistant comes up and answers
    pane = section.pane
    with qtbot.waitSignal(pane.chat.answered, timeout=20_000):
        assert explain_this(window.blueprints, "clinic", "/entities/4")
    assert window.stack.currentWidget() is section.page
    assert "Entity «patient»" in strip_isolation(pane.chat.transcript.toPlainText())

    shell.languages.apply("ar")
    wait_until(qtbot, lambda: section.item.text() == "المساعد")
    assert section.pane.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert section.show_action.text() == "ال&مساعد"
