"""The Home pane over a real workspace: platforms with their versions and generations,
the requests waiting for a decision, the audit log's size, newest entry and chain, in
English and Arabic, following the workspace as it changes; the console opens on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from app.domain.plurals import count
from app.gui.formatting import strip_isolation
from app.gui.governance.approvals_watch import ApprovalsWatch
from app.gui.home_pane import GENERATED, KEY, VERSION, HomePane
from app.gui.i18n import LanguageController
from app.gui.main_window import HOME
from app.gui.qt import QApplication, Qt
from app.gui.session import WorkspaceSession
from app.gui.shell import Shell
from tests.gui.conftest import wait_until
from tests.gui.governance.conftest import ban_request, host, workspace_of


@pytest.fixture
def home(session: WorkspaceSession, qtbot: Any) -> Iterator[HomePane]:
    watch = ApprovalsWatch(session)
    made = HomePane(session)
    made.follow_approvals(watch)
    window = host(qtbot, made, 1180, 720)
    wait_until(qtbot, lambda: made.facts is not None and watch.loaded)
    wait_until(qtbot, lambda: not made.verifying and (
        made.verification is not None or not made.facts.may_read_audit))
    yield made
    watch.shutdown()
    window.close()


def cell(home: HomePane, key: str, column: int) -> str:
    row = home.model.row_where(lambda p: p.summary.key == key)
    assert row >= 0, key
    return strip_isolation(str(home.model.index(row, column).data()))


def test_platforms_show_versions_and_generations(home: HomePane, qtbot: Any, tmp_path: Path) -> None:
    assert home.no_platforms.isVisible() and not home.table.isVisible()  # none yet: says so
    workspace = workspace_of(home.session)
    workspace.blueprints.create_from_template_now("healthcare", "clinic", actor="root")
    wait_until(qtbot, lambda: home.model.row_where(lambda p: p.summary.key == "clinic") >= 0, 10_000)
    assert home.table.isVisible() and not home.no_platforms.isVisible()
    assert cell(home, "clinic", VERSION) == "1"
    assert cell(home, "clinic", GENERATED) == "Not generated yet"

    out = tmp_path / "clinic-platform"
    workspace.codegen.generate_blueprint_now("clinic", out)
    home.refresh()  # a generation writes files, not events: Refresh (F5) reads them
    wait_until(qtbot, lambda: cell(home, "clinic", GENERATED).startswith("From version 1 ("))

    stored = workspace.blueprints.get_now("clinic")
    document = dict(stored.document)
    document["owner"] = "North Clinic Group"
    workspace.blueprints.save_now("clinic", document, 1, "root")
    wait_until(qtbot, lambda: cell(home, "clinic", VERSION) == "2", 10_000)
    assert cell(home, "clinic", GENERATED).endswith("behind the blueprint")
    assert cell(home, "clinic", KEY) == "clinic"


def test_pending_requests_come_and_go(home: HomePane, qtbot: Any) -> None:
    assert strip_isolation(home.pending_label.text()) == "No request waits for a decision."
    workspace = workspace_of(home.session)
    request = ban_request(workspace)
    wait_until(qtbot, lambda: home.pending_list.count() == 1, 10_000)
    assert strip_isolation(home.pending_label.text()) == "1 request waiting for a decision:"
    assert strip_isolation(home.pending_list.item(0).text()).startswith("admin asks: Ban user bob")
    with qtbot.waitSignal(home.open_approvals):
        home.pending_list.setCurrentRow(0)
        qtbot.keyClick(home.pending_list, Qt.Key.Key_Return)
    workspace.governance.decide_now(request.id, "root", True, "seen")
    wait_until(qtbot, lambda: home.pending_list.count() == 0, 10_000)
    assert strip_isolation(home.pending_label.text()) == "No request waits for a decision."


def test_the_audit_log_its_newest_entry_and_its_chain(home: HomePane, qtbot: Any) -> None:
    assert strip_isolation(home.audit_label.text()) == "The audit log is empty."
    workspace = workspace_of(home.session)
    request = ban_request(workspace)
    workspace.governance.decide_now(request.id, "root", True, "seen")
    wait_until(qtbot, lambda: strip_isolation(home.audit_label.text()).startswith("3 entries."),
               10_000)
    assert "number 3" in strip_isolation(home.audit_label.text())
    # verified when the log was empty: what came since is said to be unverified
    assert strip_isolation(home.chain_label.text()).endswith(
        "3 entries since then, not yet verified.")
    home.verify_chain()
    wait_until(qtbot, lambda: not home.verifying)
    assert strip_isolation(home.chain_label.text()) == (
        "Chain intact: 3 entries checked, hashes and signatures.")

    with workspace.engine.begin() as conn:  # whoever holds the file edits it
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("UPDATE audit_log SET outcome = 'reject' WHERE seq = 2"))
        conn.execute(text("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                          "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"))
    home.verify_chain()
    wait_until(qtbot, lambda: not home.verifying)
    assert strip_isolation(home.chain_label.text()).startswith("Chain broken at entry 2:")
    assert home.chain_label.property("kind") == "error"


@pytest.mark.parametrize("console_user", ["vera"])
def test_without_the_permission_the_audit_log_is_not_read(home: HomePane) -> None:
    assert strip_isolation(home.audit_label.text()) == (
        "Reading the audit log needs the permission audit.read.")
    assert not home.verify_button.isVisible()


def test_arabic(home: HomePane, qtbot: Any, languages: LanguageController) -> None:
    workspace = workspace_of(home.session)
    workspace.blueprints.create_from_template_now("healthcare", "clinic", actor="root")
    for _ in range(3):
        ban_request(workspace)
    wait_until(qtbot, lambda: home.pending_list.count() == 3, 10_000)
    languages.apply("ar")
    QApplication.processEvents()
    assert home.title.text() == "الرئيسية"
    assert strip_isolation(home.pending_label.text()) == f"{count(3, 'request', 'ar')} بانتظار قرار:"
    assert count(3, "request", "ar").endswith(" طلبات")  # the plural of 3 to 10
    assert strip_isolation(home.audit_label.text()).startswith(f"{count(3, 'entry', 'ar')}.")
    assert home.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert cell(home, "clinic", GENERATED) == "لم تُولَّد بعد"


def test_the_console_opens_on_home(shell: Shell, qtbot: Any) -> None:
    window = shell.window
    assert window.stack.currentWidget() is window.home
    assert window.navigation.currentRow() == HOME
    workspace = shell.session.workspace
    assert workspace is not None
    workspace.blueprints.create_from_template_now("education", "campus", actor=workspace.current_user)
    home = window.home
    wait_until(qtbot, lambda: home.model.row_where(lambda p: p.summary.key == "campus") >= 0, 10_000)
    # Enter on a platform opens its blueprint in the editor.
    home.table.setFocus()
    home.table.setCurrentIndex(home.model.index(0, 0))
    qtbot.keyClick(home.table, Qt.Key.Key_Return)
    wait_until(qtbot, lambda: window.blueprints_page.is_built
               and window.blueprints.editor.key == "campus", 10_000)
    assert window.stack.currentWidget() is window.blueprints_page
    window.show_home_action.trigger()
    assert window.stack.currentWidget() is window.home
