"""Every pane follows the workspace as others change it: each test changes data from the
command line (``webnova …``, run as its own console on its own connection, off the GUI
thread as another process would) and waits for the pane to show it without a Refresh.
A pane that is hidden when the change lands shows it when it is next shown."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from app.__main__ import main
from app.gui.assist.pane import AssistantPane
from app.gui.banner import MessageBanner
from app.gui.blueprints.pane import BlueprintsPane
from app.gui.event_log_pane import EventLogPane
from app.gui.formatting import strip_isolation
from app.gui.generate.pane import GeneratePane
from app.gui.governance.audit_pane import AuditPane
from app.gui.governance.constitution_pane import ConstitutionPane
from app.gui.governance.section import GovernanceSection
from app.gui.governance.users_pane import UsersPane
from app.gui.qt import QListWidget, QMainWindow, QStackedWidget, QVBoxLayout, QWidget
from app.gui.session import WorkspaceSession
from tests.gui.conftest import wait_until
from tests.gui.governance.conftest import host, workspace_of

CLI_TIMEOUT_MS = 60_000
FOLLOW_MS = 10_000  # SQLite is polled every quarter second; a loaded machine is slower


@pytest.fixture(autouse=True)
def _no_keyring_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WEBNOVA_KEYRING", raising=False)


def webnova(qtbot: Any, user: str, *args: str) -> int:
    """``webnova ARGS`` as ``user``, on a thread of its own while the window stays live."""
    before = os.environ.get("WEBNOVA_USER")
    os.environ["WEBNOVA_USER"] = user
    try:
        with ThreadPoolExecutor(1, thread_name_prefix="cli") as pool:
            future = pool.submit(main, list(args))
            wait_until(qtbot, future.done, CLI_TIMEOUT_MS)
            return future.result()
    finally:
        if before is None:
            os.environ.pop("WEBNOVA_USER", None)
        else:
            os.environ["WEBNOVA_USER"] = before


def test_users_and_audit_follow_the_cli(session: WorkspaceSession, qtbot: Any) -> None:
    users, audit = UsersPane(session), AuditPane(session)
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.addWidget(users)
    layout.addWidget(audit)
    window = host(qtbot, holder)
    assert window.isVisible()
    wait_until(qtbot, lambda: users.model.row_of("vera") >= 0)
    wait_until(qtbot, lambda: audit._head >= 0)
    entries = audit.model.rowCount()

    assert webnova(qtbot, "root", "users", "add", "zed", "--name", "Zed Kay", "--role", "VIEWER") == 0
    wait_until(qtbot, lambda: users.model.row_of("zed") >= 0, FOLLOW_MS)
    wait_until(qtbot, lambda: audit.model.rowCount() > entries, FOLLOW_MS)

    # Hidden while it changes: shown again, it shows the change.
    users.hide()
    assert webnova(qtbot, "root", "users", "suspend", "zed", "--reason", "on leave") == 0
    qtbot.wait(800)
    row = users.model.row_of("zed")
    assert "suspended" not in _row_text(users.model, row).lower()
    users.show()
    wait_until(qtbot, lambda: "suspended" in _row_text(users.model, users.model.row_of("zed")).lower(),
               FOLLOW_MS)


def _row_text(model: Any, row: int) -> str:
    return " ".join(str(model.index(row, column).data() or "") for column in range(model.columnCount()))


def test_blueprint_lists_follow_the_cli(session: WorkspaceSession, qtbot: Any) -> None:
    blueprints, assistant, generate = BlueprintsPane(session), AssistantPane(session), GeneratePane(session)
    holder = QWidget()
    layout = QVBoxLayout(holder)
    for pane in (blueprints, assistant, generate):
        layout.addWidget(pane)
    window = host(qtbot, holder, 1200, 1400)
    assert window.isVisible()
    wait_until(qtbot, lambda: not blueprints.loading and not generate.loading)

    assert webnova(qtbot, "root", "blueprint", "new", "--template", "healthcare", "--key", "clinic") == 0
    wait_until(qtbot, lambda: blueprints.model.row_of("clinic") >= 0, FOLLOW_MS)
    wait_until(qtbot, lambda: assistant.picker.findData("clinic") >= 0, FOLLOW_MS)
    wait_until(qtbot, lambda: generate.chooser.blueprint.findData("clinic") >= 0, FOLLOW_MS)


def test_the_open_editor_follows_a_version_saved_elsewhere(
        session: WorkspaceSession, qtbot: Any, tmp_path: Path) -> None:
    workspace = workspace_of(session)
    workspace.blueprints.create_from_template_now("healthcare", "clinic", actor="root")
    pane = BlueprintsPane(session)
    window = host(qtbot, pane)
    assert window.isVisible()
    wait_until(qtbot, lambda: pane.model.row_of("clinic") >= 0)
    pane.open_blueprint("clinic")
    editor = pane.editor
    wait_until(qtbot, lambda: editor.version is not None and editor.key == "clinic")
    exported = tmp_path / "clinic.yaml"

    # Unchanged here: the editor moves to the version saved from the command line.
    assert webnova(qtbot, "root", "blueprint", "export", "clinic", "--out", str(exported)) == 0
    text = exported.read_text(encoding="utf-8")
    exported.write_text(text.replace("en: Clinic", "en: Clinic North", 1), encoding="utf-8")
    assert "Clinic North" in exported.read_text(encoding="utf-8")
    assert webnova(qtbot, "root", "blueprint", "import", str(exported)) == 0
    wait_until(qtbot, lambda: editor.version is not None and editor.version.version == 2, FOLLOW_MS)
    assert editor.session is not None and not editor.session.dirty
    assert not editor.notice.isVisible()

    # Changed here too: the owner's edits stay and the notice offers the newest version.
    assert editor.session is not None
    editor.session.edit("/name/en", "Clinic of mine")
    editor.surface.refresh("form")
    assert editor.session.dirty
    exported.write_text(text.replace("en: Clinic", "en: Clinic South", 1), encoding="utf-8")
    assert webnova(qtbot, "root", "blueprint", "import", str(exported)) == 0
    wait_until(qtbot, lambda: editor.notice.isVisible() and editor.notice.topic == "elsewhere",
               FOLLOW_MS)
    assert "Version 3 of this blueprint" in strip_isolation(editor.notice.text())
    assert editor.session.value("/name/en") == "Clinic of mine"


def test_the_approval_notice_goes_once_decided_elsewhere(
        session: WorkspaceSession, qtbot: Any) -> None:
    window = QMainWindow()
    banner = MessageBanner()
    navigation, stack = QListWidget(), QStackedWidget()
    holder = QWidget()
    layout = QVBoxLayout(holder)
    for widget in (banner, navigation, stack):
        layout.addWidget(widget)
    window.setCentralWidget(holder)
    qtbot.addWidget(window)
    section = GovernanceSection(session, navigation, stack, banner, tray_available=lambda: False)
    window.show()
    wait_until(qtbot, lambda: section.watch.loaded)
    try:
        # admin asks to ban bob: the root owner must approve.
        assert webnova(qtbot, "admin", "users", "ban", "bob", "--reason", "leaked records") == 3
        wait_until(qtbot, lambda: banner.isVisible() and "Approval needed" in banner.text(), FOLLOW_MS)
        request = next(r for r in section.watch.requests if r.action.subject == "bob")
        assert webnova(qtbot, "root", "approvals", "approve", request.id, "--reason", "seen") == 0
        wait_until(qtbot, lambda: not banner.isVisible(), FOLLOW_MS)
    finally:
        section.shutdown()


def test_a_constitution_adopted_elsewhere_replaces_the_one_shown(
        session: WorkspaceSession, qtbot: Any, tmp_path: Path) -> None:
    pane = ConstitutionPane(session)
    window = host(qtbot, pane)
    assert window.isVisible()
    wait_until(qtbot, lambda: pane.adopted is not None)
    source = pane.editor.toPlainText()
    changed = tmp_path / "constitution.yaml"
    changed.write_text(source + "\n# reviewed by the board\n", encoding="utf-8")
    assert webnova(qtbot, "root", "governance", "propose", str(changed), "--why", "a review") in (0, 3)
    requests = workspace_of(session).approvals.list_now()
    pending = [r for r in requests if r.state(r.requested_at).value == "pending"]
    for request in pending:
        assert webnova(qtbot, "root", "approvals", "approve", request.id, "--reason", "ok") == 0
    wait_until(qtbot, lambda: "# reviewed by the board" in pane.editor.toPlainText(), FOLLOW_MS)
    assert pane.adopted is not None and pane.adopted.version == 1


def test_the_event_log_follows_the_cli(session: WorkspaceSession, qtbot: Any, tmp_path: Path) -> None:
    pane = EventLogPane(session)
    window = host(qtbot, pane)
    assert window.isVisible()
    wait_until(qtbot, lambda: not pane.browser.loading)
    batch = tmp_path / "events.json"
    batch.write_text('[{"stream_id": "ledger-1", "type": "InvoiceIssued", "tenant_id": "acme",'
                     ' "data": {"n": 1}}]', encoding="utf-8")
    assert webnova(qtbot, "root", "events", "append", str(batch)) == 0
    wait_until(qtbot, lambda: any("InvoiceIssued" in _row_text(pane.model, row)
                                  for row in range(pane.model.rowCount())), FOLLOW_MS)
