"""The Audit pane over a real audit log: entries with who, what, outcome and signature,
filters and paging, and "Verify chain" naming an intact chain or the first broken entry."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text

from app.gui.formatting import strip_isolation
from app.gui.governance.audit_model import ACTION, ACTOR, OUTCOME, SEQ, SIGNED, SUBJECT
from app.gui.governance.audit_pane import AuditPane
from app.gui.qt import Qt
from app.gui.session import WorkspaceSession
from tests.gui.conftest import wait_until
from tests.gui.governance.conftest import ban_request, host, workspace_of


@pytest.fixture
def pane(session: WorkspaceSession, qtbot: Any) -> Iterator[AuditPane]:
    workspace = workspace_of(session)
    request = ban_request(workspace)  # audit: approval.request
    workspace.governance.decide_now(request.id, "root", True, "Confirmed")  # approve + user.ban
    made = AuditPane(session)
    window = host(qtbot, made)
    wait_until(qtbot, lambda: made.browser.total > 0 or made.notice.isVisible())
    yield made
    made.shutdown()
    window.close()


def rows(pane: AuditPane, column: int) -> list[str]:
    return [pane.model.index(r, column).data() for r in range(pane.model.rowCount())]


def test_lists_entries_newest_first(pane: AuditPane, qtmodeltester: Any) -> None:
    assert rows(pane, ACTION) == ["User banned", "Approved", "Approval requested"]
    assert [pane.model.index(r, ACTION).data(Qt.ItemDataRole.ToolTipRole) for r in range(3)] == [
        "user.ban", "approval.approve", "approval.request"]  # the signed code stays at hand
    assert rows(pane, ACTOR) == ["admin", "root", "admin"]
    assert rows(pane, SEQ) == ["3", "2", "1"]
    assert rows(pane, SUBJECT)[0] == "bob"
    assert rows(pane, OUTCOME) == ["Done", "Approved", "Waiting for approval"]
    assert rows(pane, SIGNED) == ["No", "Yes", "No"]  # the owner's decision is signed
    assert strip_isolation(pane.range_label.text()) == "1–3 of 3"
    qtmodeltester.check(pane.model)


def test_filters_and_pages(pane: AuditPane, session: WorkspaceSession, qtbot: Any) -> None:
    workspace = workspace_of(session)
    for target in ("vera", "audrey"):
        ban_request(workspace, target=target)
    pane.refresh()
    wait_until(qtbot, lambda: pane.browser.total == 5 and pane.combos["action"].count() > 1)

    combo = pane.combos["action"]
    combo.setCurrentIndex(combo.findData("approval.request"))
    wait_until(qtbot, lambda: pane.browser.total == 3 and not pane.browser.loading)
    assert set(rows(pane, ACTION)) == {"Approval requested"}

    combo.setCurrentIndex(0)
    qtbot.keyClicks(pane.subject, "BOB")  # part of the subject, any case
    wait_until(qtbot, lambda: pane.browser.total == 1 and not pane.browser.loading)
    assert rows(pane, ACTION) == ["User banned"]
    pane.subject.clear()
    pane._filter_changed()
    wait_until(qtbot, lambda: pane.browser.total == 5 and not pane.browser.loading)

    pane.browser.page_size = 2
    pane.refresh()
    wait_until(qtbot, lambda: pane.model.rowCount() == 2 and not pane.browser.loading)
    assert not pane.previous_action.isEnabled()
    assert pane.next_action.isEnabled()
    pane.next_action.trigger()
    wait_until(qtbot, lambda: pane.browser.offset == 2 and not pane.browser.loading)
    assert strip_isolation(pane.range_label.text()) == "3–4 of 5"
    pane.next_action.trigger()
    wait_until(qtbot, lambda: pane.browser.offset == 4 and not pane.browser.loading)
    assert rows(pane, SEQ) == ["1"]
    assert not pane.next_action.isEnabled()


def test_verify_shows_an_intact_chain_then_the_broken_entry(
    pane: AuditPane, session: WorkspaceSession, qtbot: Any
) -> None:
    with qtbot.waitSignal(pane.verified):
        pane.verify_button.click()
    head = workspace_of(session).audit.head()
    assert strip_isolation(pane.chain_status.text()) == (
        f"✔ Chain intact: 3 entries verified; the head is entry 3 ({head[1][:12]}…).")

    with workspace_of(session).engine.begin() as conn:  # whoever holds the file edits it
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("UPDATE audit_log SET outcome = 'reject' WHERE seq = 2"))
        conn.execute(text("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                          "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"))
    with qtbot.waitSignal(pane.verified):
        pane.verify_button.click()
    assert strip_isolation(pane.chain_status.text()) == (
        "✖ Chain broken at entry 2: its content does not match its hash (edited)")
    assert pane.chain_status.objectName() == "paneError"


@pytest.mark.parametrize("console_user", ["vera"])
def test_a_viewer_may_not_read_the_audit_log(pane: AuditPane) -> None:
    assert pane.notice.isVisible()
    assert strip_isolation(pane.notice.text()) == (
        "Reading the audit log needs the permission audit.read, which your role does not give.")
    assert pane.model.rowCount() == 0
    assert not pane.verify_button.isEnabled()


@pytest.mark.parametrize("console_user", ["audrey"])
def test_an_auditor_reads_it(pane: AuditPane) -> None:
    assert not pane.notice.isVisible()
    assert pane.model.rowCount() == 3
    assert pane.verify_button.isEnabled()


def test_actions_and_outcomes_read_in_arabic(pane: AuditPane, qapp: Any) -> None:
    from app.gui.i18n import LanguageController

    languages = LanguageController(qapp)
    try:
        languages.apply("ar")
        pane.model.retranslate()
        assert rows(pane, ACTION) == ["حُظر مستخدم", "وُوفق عليه", "طُلبت الموافقة"]
        assert rows(pane, OUTCOME) == ["تم", "وُوفق عليه", "بانتظار الموافقة"]
    finally:
        languages.apply("en")
