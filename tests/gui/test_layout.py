"""Screenshot layout tests: the console's window at 1024×600 and 1180×720, in English and
Arabic, light and dark, with every pane visited once per combination. Nothing a pane shows
has text wider than its own rect — buttons, tabs, header sections, labels, check boxes,
combo boxes — and every column of the Event Log, Approvals and Audit Log is in view.

One window serves every combination (a new one per combination would make the test too
slow on a busy machine)."""

from __future__ import annotations

import time
from typing import Any

import pytest

from app.domain.governance.actions import USER_BAN, ActionDescriptor
from app.domain.governance.users import Role
from app.gui import background
from app.gui.governance.audit_model import ACTOR
from app.gui.qt import QApplication, QPoint, QRect, QTableView
from app.gui.shell import Shell
from tests.gui.conftest import append_events, wait_until
from tests.support.layout import clipped_text, shown

SIZES = ((1024, 600), (1180, 720))
LANGUAGES = ("en", "ar")
# Tables whose every column must be in view: the others scroll sideways by design.
WHOLE_TABLES = ("eventTable", "approvalsTable", "auditTable", "blueprintTable")

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def settle(qtbot: Any) -> None:
    """Until what the pane loads in the background is shown."""
    deadline = time.monotonic() + 10
    QApplication.processEvents()
    while background.pending_operations() and time.monotonic() < deadline:
        qtbot.wait(10)
    qtbot.wait(30)


def with_content(shell: Shell) -> None:
    """A blueprint, events, users, a pending approval request and audit entries."""
    workspace = shell.session.workspace
    assert workspace is not None
    workspace.blueprints.create_from_template_now("healthcare", "clinic", "root")
    append_events(workspace, 4)
    workspace.governance.ensure_owner_now()
    workspace.users.add("admin-operations", "Operations administrator", Role.ADMIN, by="root")
    workspace.governance.submit_now(
        ActionDescriptor(USER_BAN, "admin-operations", workspace.entry.tenant_id, "root",
                         context={"reason": "shared customer records"}),
        "Posted other customers' records in a public channel")


def columns_out_of_view(table: QTableView) -> str | None:
    header = table.horizontalHeader()
    if header.length() > table.viewport().width() + 1:
        return f"{table.objectName()}: columns {header.length()} px in {table.viewport().width()} px"
    return None


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_text_is_clipped_in_any_pane(shell: Shell, qtbot: Any, theme: str) -> None:
    with_content(shell)
    window = shell.window
    shell.themes.set_preference(theme)
    problems: list[str] = []
    for language in LANGUAGES:
        shell.languages.apply(language)
        for width, height in SIZES:
            window.resize(width, height)
            for row in range(window.navigation.count()):
                window.navigation.setCurrentRow(row)
                settle(qtbot)
                pane = window.stack.currentWidget()
                where = f"{theme} {language} {width}x{height} {window.navigation.item(row).text()}"
                problems += [f"{where}: {p}" for p in clipped_text(window)]
                for table in pane.findChildren(QTableView):
                    if table.objectName() in WHOLE_TABLES and shown(table, window):
                        problem = columns_out_of_view(table)
                        if problem:
                            problems.append(f"{where}: {problem}")
    assert not problems, "\n".join(problems)


def test_the_arabic_theme_choice_and_the_audit_actor_are_whole(shell: Shell, qtbot: Any) -> None:
    """The two that were cut: the theme combo box in Arabic (sized for the English text it
    first showed) and the Actor column of the audit log."""
    with_content(shell)
    window = shell.window
    window.resize(1024, 600)
    window.show_pane(1)  # Settings, first shown in English
    settle(qtbot)
    shell.languages.apply("ar")
    settle(qtbot)
    combo = window.settings.theme_combo
    assert not clipped_text(combo), clipped_text(combo)
    for index in range(combo.count()):  # every choice, not only the one shown
        combo.setCurrentIndex(index)
        assert not clipped_text(combo), clipped_text(combo)
    window.navigation.setCurrentItem(window.governance.items[1])  # the Audit Log
    audit = window.governance.audit
    wait_until(qtbot, lambda: audit.model.rowCount() > 0)
    settle(qtbot)
    table = audit.table
    actor_width = max(table.sizeHintForColumn(ACTOR), 0)
    assert table.columnWidth(ACTOR) >= actor_width
    assert QRect(QPoint(0, 0), table.viewport().size()).contains(
        QRect(table.columnViewportPosition(ACTOR), 0, table.columnWidth(ACTOR), 1))
