"""The Deploy pane in the console's main window: in the navigation after Generate, reachable
with Ctrl+Shift+D and from the View menu, built on its first visit; its empty state leads
to Settings."""

from __future__ import annotations

from typing import Any

from app.gui.main_window import SETTINGS
from app.gui.qt import QKeySequence
from app.gui.shell import Shell
from tests.gui.conftest import wait_until


def test_the_pane_is_in_the_navigation_after_generate(shell: Shell, qtbot: Any) -> None:
    window = shell.window
    section = window.deploy
    navigation = window.navigation
    titles = [navigation.item(r).text() for r in range(navigation.count())]
    assert titles[5:9] == ["Generate", "Deploy", "Costs", "Approvals"]
    assert section.row == 6
    assert not section.item.icon().isNull()
    assert section.show_action in window.view_menu.actions()
    assert section.show_action.shortcut() == QKeySequence("Ctrl+Shift+D")
    assert not section.page.is_built  # built on its first visit
    section.show_action.trigger()
    assert window.stack.currentWidget() is section.page
    assert section.page.is_built and navigation.currentRow() == section.row
    pane = section.pane
    wait_until(qtbot, lambda: pane.listing is not None and not pane.loading)
    assert pane.no_platforms.isVisible()

    workspace = shell.session.workspace
    assert workspace is not None
    workspace.blueprints.create_from_template_now("enterprise", "hub", "root")
    wait_until(qtbot, lambda: pane.no_accounts.isVisible())  # the live feed lists it
    pane.no_accounts.button.click()
    assert navigation.currentRow() == SETTINGS

    shell.languages.apply("ar")
    wait_until(qtbot, lambda: section.item.text() == "النشر")
    assert section.show_action.text() == "ال&نشر"
