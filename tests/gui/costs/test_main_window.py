"""The Costs pane in the console's main window: after Deploy, Ctrl+Shift+C and the View
menu, built (and QtCharts imported) on its first visit; in Arabic, right to left."""

from __future__ import annotations

from typing import Any

from app.gui.qt import QKeySequence
from app.gui.shell import Shell
from tests.gui.conftest import wait_until


def test_the_pane_is_in_the_navigation_after_deploy(shell: Shell, qtbot: Any) -> None:
    window = shell.window
    section = window.costs
    navigation = window.navigation
    assert navigation.item(section.row).text() == "Costs"
    assert section.row == window.deploy.row + 1
    assert section.show_action in window.view_menu.actions()
    assert section.show_action.shortcut() == QKeySequence("Ctrl+Shift+C")
    assert not section.page.is_built
    section.show_action.trigger()
    assert window.stack.currentWidget() is section.page and section.page.is_built
    pane = section.pane
    wait_until(qtbot, lambda: pane.board is not None and not pane.loading)
    assert pane.content.currentWidget() is pane.empty  # a new workspace has no usage
    shell.languages.apply("ar")
    wait_until(qtbot, lambda: section.item.text() == "التكاليف")
    assert section.show_action.text() == "ال&تكاليف"
    assert pane.tabs.tabText(0) == "الإنفاق عبر الزمن"
