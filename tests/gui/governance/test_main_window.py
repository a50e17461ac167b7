"""The governance panes in the console's main window: reachable from the navigation, the
pending badge on the Approvals entry, the in-window notice where there is no system tray,
and all of it in Arabic."""

from __future__ import annotations

from typing import Any

from app.gui.formatting import strip_isolation
from app.gui.qt import QSystemTrayIcon, Qt
from app.gui.shell import Shell
from tests.gui.conftest import wait_until
from tests.gui.governance.conftest import ban_request


def test_the_panes_are_in_the_navigation_with_a_pending_badge(
    seeded: str, shell: Shell, qtbot: Any
) -> None:
    del seeded
    window = shell.window
    section = window.governance
    navigation = window.navigation
    titles = [navigation.item(r).text() for r in range(navigation.count())]
    assert titles[-4:] == ["Approvals", "Audit Log", "Users", "Constitution"]
    assert not any(page.is_built for page in section.pages)  # built on first visit
    for page, item in zip(section.pages, section.items, strict=True):
        navigation.setCurrentItem(item)
        assert window.stack.currentWidget() is page
        assert page.is_built
    # From the View menu or its shortcut, anywhere in the window.
    menu = window.view_menu.actions()
    for page, action, keys in zip(section.pages, section.show_actions,
                                  ("Ctrl+6", "Ctrl+7", "Ctrl+8", "Ctrl+9"), strict=True):
        assert action in menu
        assert action.shortcut().toString() == keys
        navigation.setCurrentRow(0)
        action.trigger()
        assert window.stack.currentWidget() is page
    assert section.show_actions[2].text() == "&Users"

    workspace = shell.session.workspace
    assert workspace is not None
    wait_until(qtbot, lambda: section.watch.loaded)
    ban_request(workspace)
    section.watch.poll()
    wait_until(qtbot, lambda: section.watch.pending == 1)
    assert section.items[0].data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Approvals: \u20681\u2069 waiting for a decision")
    if not QSystemTrayIcon.isSystemTrayAvailable():  # offscreen: the window says it instead
        wait_until(qtbot, window.banner.isVisible)
        assert strip_isolation(window.banner.text()) == (
            "Approval needed: admin asks for approval: Ban user bob")

    shell.languages.apply("ar")
    wait_until(qtbot, lambda: section.items[0].text() == "الموافقات")
    assert [item.text() for item in section.items] == [
        "الموافقات", "سجل التدقيق", "المستخدمون", "الدستور"]
    assert strip_isolation(section.items[0].data(Qt.ItemDataRole.AccessibleTextRole)) == (
        "الموافقات: ١ بانتظار قرار")
    assert section.approvals.layoutDirection() == Qt.LayoutDirection.RightToLeft
    wait_until(qtbot, lambda: strip_isolation(window.banner.text()).startswith(
        "مطلوب موافقة: يطلب admin الموافقة على: حظر المستخدم bob"))
