"""Settings → Cloud accounts over a real workspace: add a sandbox account (a simulated
Hetzner Cloud on this computer), check its token, remove it with a reason; a removal the
constitution holds waits for approval; the list follows accounts added from the CLI."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from app.__main__ import main
from app.gui.cloud_accounts import AddAccountDialog, CloudAccountsBox
from app.gui.formatting import strip_isolation
from app.gui.qt import QDialogButtonBox, QLineEdit
from app.gui.session import WorkspaceSession
from tests.gui.conftest import wait_until
from tests.gui.governance.conftest import host

HOLD_REMOVALS = """
  - id: cloud-account-remove
    kind: require_approval
    description:
      en: Removing a cloud account needs the root owner's approval
      ar: إزالة حساب سحابي تحتاج إلى موافقة المالك الأعلى
    when: 'action.kind == "cloud.account_remove"'
    approvers: [ROOT_OWNER]
    expires_in: 24h
"""


@pytest.fixture(autouse=True)
def _no_keyring_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WEBNOVA_KEYRING", raising=False)


@pytest.fixture
def box(session: WorkspaceSession, qtbot: Any) -> Iterator[CloudAccountsBox]:
    made = CloudAccountsBox(session)
    window = host(qtbot, made, 900, 500)
    wait_until(qtbot, lambda: made.add_button.isEnabled())
    yield made
    window.close()


def add_sandbox(box: CloudAccountsBox, qtbot: Any, name: str) -> None:
    box.add_button.click()
    dialog = box.dialog
    assert isinstance(dialog, AddAccountDialog)
    wait_until(qtbot, dialog.isVisible)
    assert dialog.token.echoMode() == QLineEdit.EchoMode.Password  # a token is never shown
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert strip_isolation(dialog.error.text()) == "Give the account a name."  # refused, still open
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.name, name)
    dialog.sandbox.setChecked(True)
    assert not dialog.token.isEnabled()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    wait_until(qtbot, lambda: box.model.row_where(lambda a: a.name == name) >= 0, 20_000)


def status(box: CloudAccountsBox) -> str:
    return strip_isolation(box.status.text())


def test_add_check_and_remove_a_sandbox_account(box: CloudAccountsBox, qtbot: Any) -> None:
    add_sandbox(box, qtbot, "demo")
    assert status(box).startswith("Added demo.")
    assert "requests left this hour" in status(box)
    row = box.model.row_where(lambda a: a.name == "demo")
    assert box.model.index(row, 2).data() == "Sandbox (simulated, nothing billed)"
    box.table.setCurrentIndex(box.model.index(row, 0))
    box.check_button.click()
    wait_until(qtbot, lambda: status(box).startswith("The token of demo is valid."), 20_000)

    box.remove_button.click()  # no reason: nothing happens but a request for one
    assert status(box).startswith("Say why the account is removed")
    assert box.window().focusWidget() is box.why  # the keyboard goes to the reason
    qtbot.keyClicks(box.why, "the trial is over")
    box.remove_button.click()
    wait_until(qtbot, lambda: box.model.rowCount() == 0, 20_000)
    assert status(box) == "Removed demo and its token; nothing in the cloud was touched."
    workspace = box.workspace
    assert workspace is not None and workspace.cloud is not None
    assert workspace.cloud.all() == []


def test_a_held_removal_waits_for_approval(box: CloudAccountsBox, qtbot: Any) -> None:
    workspace = box.workspace
    assert workspace is not None
    governance = workspace.governance
    source = governance.constitution_now().constitution.source + HOLD_REMOVALS
    request = governance.propose_constitution_now(source, "root", "hold removals")
    governance.decide_now(request.id, "root", True, "Agreed")  # type: ignore[union-attr]
    add_sandbox(box, qtbot, "demo")
    box.table.setCurrentIndex(box.model.index(0, 0))
    qtbot.keyClicks(box.why, "no longer needed")
    box.remove_button.click()
    wait_until(qtbot, lambda: "waits for approval" in status(box), 20_000)
    assert box.model.rowCount() == 1  # still there until approved


def test_the_list_follows_accounts_added_from_the_cli(box: CloudAccountsBox, qtbot: Any,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEBNOVA_USER", "root")
    assert main(["cloud", "add", "lab", "--provider", "hetzner", "--sandbox"]) == 0
    wait_until(qtbot, lambda: box.model.row_where(lambda a: a.name == "lab") >= 0, 10_000)
