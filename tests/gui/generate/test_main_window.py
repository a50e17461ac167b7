"""The Generate pane in the console's main window: in the navigation after the Assistant,
reachable with Ctrl+5 and from the View menu, and shut down with the window."""

from __future__ import annotations

from typing import Any

from app.gui.qt import QKeySequence
from app.gui.shell import Shell
from tests.gui.conftest import wait_until


def test_the_pane_is_in_the_navigation(shell: Shell, qtbot: Any) -> None:
    window = shell.window
    section = window.generate
    navigation = window.navigation
    titles = [navigation.item(r).text() for r in range(navigation.count())]
    assert titles[3:6] == ["Blueprints", "Assistant", "Generate"]
    assert section.row == 5
    assert not section.item.icon().isNull()
    assert section.show_action in window.view_menu.actions()
    assert section.show_action.shortcut() == QKeySequence("Ctrl+5")
    assert not section.page.is_built  # built on its first visit
    section.show_action.trigger()
    assert window.stack.currentWidget() is section.page
    assert section.page.is_built
    assert navigation.currentRow() == section.row
    wait_until(qtbot, lambda: section.pane.workspace is not None and not section.pane.loading)
    assert section.pane.empty.isVisible()  # no blueprints yet
    assert not section.pane.generate_button.isEnabled()

    shell.languages.apply("ar")
    wait_until(qtbot, lambda: section.item.text() == "التوليد")
    assert section.show_action.text() == "ال&توليد"
