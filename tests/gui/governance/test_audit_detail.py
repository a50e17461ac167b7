"""The audit entry detail view over a real SQLite workspace: a signed decision opened by
Enter, every field against the stored entry, a tampered entry that does not verify, and an
Arabic view with no English label left."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text

from app.domain.governance.actions import ActionDescriptor
from app.domain.governance.audit import AuditEntry, payload_hash
from app.gui.formatting import FSI, LRI, PDI, format_datetime, strip_isolation
from app.gui.governance.audit_detail import FIELDS, HEX_FIELDS
from app.gui.governance.audit_detail_lines import RLM, payload_lines, reason_of
from app.gui.governance.audit_pane import AuditPane
from app.gui.i18n import LanguageController
from app.gui.qt import QAbstractButton, QApplication, QLabel, Qt
from app.gui.session import WorkspaceSession
from tests.gui.conftest import wait_until
from tests.gui.governance.conftest import ban_request, host, workspace_of


@pytest.fixture
def pane(session: WorkspaceSession, qtbot: Any) -> Iterator[AuditPane]:
    workspace = workspace_of(session)
    request = ban_request(workspace)  # 1 approval.request
    workspace.governance.decide_now(request.id, "root", True, "Confirmed by «the board»")  # 2, 3
    made = AuditPane(session)
    window = host(qtbot, made, 1180, 720)
    wait_until(qtbot, lambda: made.model.rowCount() == 3)
    yield made
    made.shutdown()
    window.close()


def stored(pane: AuditPane, seq: int) -> AuditEntry:
    assert pane.workspace is not None
    (entry,) = [e for e in pane.workspace.audit.entries(limit=100).entries if e.seq == seq]
    return entry


def open_by_keyboard(pane: AuditPane, qtbot: Any, seq: int) -> None:
    row = pane.model.row_of(seq)
    pane.table.setFocus()
    pane.table.setCurrentIndex(pane.model.index(row, 0))
    with qtbot.waitSignal(pane.detail.loaded, timeout=10_000):
        qtbot.keyClick(pane.table, Qt.Key.Key_Return)


def shown(pane: AuditPane, name: str) -> str:
    return strip_isolation(pane.detail.values[name].text())


def test_enter_opens_a_signed_decision_with_every_field(pane: AuditPane, qtbot: Any) -> None:
    assert not pane.detail.isVisible()
    open_by_keyboard(pane, qtbot, 2)
    detail = pane.detail
    assert detail.isVisible()
    assert detail.isAncestorOf(QApplication.focusWidget())  # the keyboard is in the view
    entry = stored(pane, 2)
    assert entry.signature is not None and entry.key_id is not None
    assert strip_isolation(detail.title.text()) == "Entry 2"
    assert shown(pane, "seq") == f"2 in the chain of tenant {entry.tenant_id}"
    assert shown(pane, "time") == format_datetime(entry.recorded_time, "long")
    assert shown(pane, "actor") == entry.actor == "root"
    assert shown(pane, "action") == "Approved (signed code approval.approve)"
    assert shown(pane, "outcome") == "Approved (signed code approve)"
    assert shown(pane, "subject") == entry.subject
    assert shown(pane, "reason") == "Confirmed by «the board»"  # as the owner typed it
    assert detail.values["reason"].text() == f"{FSI}Confirmed by «the board»{PDI}"
    for name in HEX_FIELDS:
        assert shown(pane, name).replace("\n", "") == getattr(entry, name)
    assert detail.values["hash"].text().startswith(LRI)
    assert shown(pane, "key") == f"{entry.key_id}, registered for root"
    assert shown(pane, "hash_check") == "✔ Verifies: its content matches its hash"
    assert shown(pane, "link_check") == "✔ Verifies: it holds the hash of the entry before it"
    assert shown(pane, "signature_check") == "✔ Verifies with the key of root"
    assert stored(pane, 1).hash == entry.prev_hash

    lines = dict(line.split(": ", 1) for line in shown(pane, "details").splitlines())
    assert lines["/request"] == entry.subject
    assert lines["/decision"] == "approve"
    assert lines["/reason"] == "Confirmed by «the board»"
    assert lines["/action/kind"] == "user.ban"
    assert lines["/action/context/reason"] == "shared customer records"
    assert lines["/why"] == "Posted other customers' records in a public channel"
    assert "{" not in shown(pane, "details")  # lines, not a repr

    monospace = {detail.values[name].font().family() for name in HEX_FIELDS}
    assert monospace == {"DejaVu Sans Mono"}
    assert detail.values["hash"].textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    detail.copy_buttons["signature"].click()
    assert QApplication.clipboard().text() == entry.signature

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not detail.isVisible()
    assert pane.table.hasFocus()


def test_details_shown_are_the_ones_the_entry_hashes(pane: AuditPane, qtbot: Any) -> None:
    open_by_keyboard(pane, qtbot, 3)  # the ban carried out after the approval
    assert pane.detail.details is not None
    assert payload_hash(pane.detail.details) == stored(pane, 3).payload_hash
    assert shown(pane, "reason") == "shared customer records"
    assert shown(pane, "signature") == "Not signed"
    assert shown(pane, "signature_check") == "Not signed (only the owners' decisions are)"
    assert not pane.detail.copy_buttons["signature"].isVisible()
    assert pane.detail.copy_buttons["hash"].isVisible()

    open_by_keyboard(pane, qtbot, 1)
    assert shown(pane, "link_check") == "✔ Verifies: it is the first entry of the chain"
    assert shown(pane, "reason") == "Posted other customers' records in a public channel"


def test_an_entry_without_rebuildable_details_says_so(pane: AuditPane, qtbot: Any) -> None:
    assert pane.workspace is not None
    pane.workspace.governance.check_now(ActionDescriptor(
        "user.suspend", "admin", pane.workspace.entry.tenant_id, "bob"))
    pane.refresh()
    wait_until(qtbot, lambda: pane.model.rowCount() == 4 and not pane.browser.loading)
    open_by_keyboard(pane, qtbot, 4)
    assert pane.detail.details is None
    assert shown(pane, "details").startswith("The log keeps only the hash of the details")
    assert shown(pane, "reason") == "None recorded"
    assert shown(pane, "payload_hash").replace("\n", "") == stored(pane, 4).payload_hash


def test_a_tampered_entry_does_not_verify(pane: AuditPane, qtbot: Any) -> None:
    assert pane.workspace is not None
    with pane.workspace.engine.begin() as conn:  # whoever holds the file edits it
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("UPDATE audit_log SET outcome = 'reject' WHERE seq = 2"))
        conn.execute(text("UPDATE audit_log SET prev_hash = :h WHERE seq = 3"), {"h": "ab" * 32})
        conn.execute(text("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                          "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"))
    open_by_keyboard(pane, qtbot, 2)
    assert shown(pane, "outcome") == "Rejected (signed code reject)"  # what is stored now
    assert shown(pane, "hash_check") == (
        "✖ Does not verify: its content does not match its hash (edited)")
    assert shown(pane, "signature_check") == (
        "✖ Does not verify: the signature does not match the signed fields")
    assert shown(pane, "link_check").startswith("✔")  # its own link is intact

    pane.table.setFocus()
    pane.table.setCurrentIndex(pane.model.index(pane.model.row_of(3), 0))  # the view follows
    wait_until(qtbot, lambda: pane.detail.entry is not None and pane.detail.entry.seq == 3
               and not pane.detail.loading)
    assert shown(pane, "link_check") == "✖ Does not verify: it does not hold the hash of entry 2"


ISOLATED = re.compile(f"[{LRI}{FSI}][^{PDI}]*{PDI}")
LTR_ISOLATED = re.compile(f"{LRI}[^{PDI}]*{PDI}")


def test_arabic_view_has_no_english_label(pane: AuditPane, qtbot: Any, qapp: Any) -> None:
    languages = LanguageController(qapp)
    try:
        languages.apply("ar")
        open_by_keyboard(pane, qtbot, 2)
        detail = pane.detail
        assert strip_isolation(detail.values["outcome"].text()).startswith("وُوفق عليه")
        assert detail.names["reason"].text() == "السبب:"
        texts = [w.text() for w in detail.findChildren(QLabel)]
        texts += [w.text() for w in detail.findChildren(QAbstractButton)]
        texts += [w.accessibleName() for w in detail.findChildren(QLabel)]
        assert len([t for t in texts if t]) > len(FIELDS) * 2
        for shown_text in texts:
            left = ISOLATED.sub("", ISOLATED.sub("", shown_text))  # nested isolates too
            assert not re.search("[A-Za-z]", left), shown_text
        for line in detail.values["details"].text().splitlines():  # read from the right
            assert line.startswith(f"{RLM}{LRI}/")
        for name in HEX_FIELDS:  # hex lines isolated left to right, never reversed
            for line in detail.values[name].text().splitlines():
                assert line.startswith(LRI) and line.endswith(PDI)
        assert detail.layoutDirection() == Qt.LayoutDirection.RightToLeft

        assert pane.workspace is not None
        for kind in ("user.suspend", "user.ban"):  # outcomes allow and needs_approval
            pane.workspace.governance.check_now(ActionDescriptor(
                kind, "admin", pane.workspace.entry.tenant_id, "bob"))
        pane.refresh()
        wait_until(qtbot, lambda: pane.model.rowCount() == 5 and not pane.browser.loading)
        for seq in range(1, 6):
            open_by_keyboard(pane, qtbot, seq)
            for name in ("action", "outcome"):  # the words, without the signed code
                words = strip_isolation(LTR_ISOLATED.sub("", detail.values[name].text()))
                assert not re.search("[A-Za-z]", words), (seq, words)
    finally:
        languages.apply("en")


def test_double_click_opens_it_and_close_closes_it(pane: AuditPane, qtbot: Any) -> None:
    index = pane.model.index(pane.model.row_of(1), 0)
    rect = pane.table.visualRect(index)
    with qtbot.waitSignal(pane.detail.loaded, timeout=10_000):
        qtbot.mouseClick(pane.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(pane.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert pane.detail.isVisible() and pane.detail.entry is not None
    assert pane.detail.entry.seq == 1
    pane.detail.close_button.click()
    assert not pane.detail.isVisible() and pane.detail.entry is None

    with qtbot.waitSignal(pane.detail.loaded, timeout=10_000):
        qtbot.mouseDClick(pane.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    pane.set_workspace(None)  # another workspace: nothing of this one stays in view
    assert not pane.detail.isVisible() and pane.detail.entry is None


def test_details_become_json_pointer_lines() -> None:
    payload = {"a/b": {"c~d": [1, None, True]}, "empty": {}, "none": [], "text": "قرار «x»"}
    assert payload_lines(payload) == [
        ("/a~1b/c~0d/0", "1"), ("/a~1b/c~0d/1", "null"), ("/a~1b/c~0d/2", "true"),
        ("/empty", "{}"), ("/none", "[]"), ("/text", "قرار «x»")]
    assert payload_lines("plain") == [("/", "plain")]
    assert reason_of({"reason": " ", "why": "because"}) == "because"
    assert reason_of({"action": {"context": {"reason": "r"}}}) == "r"
    assert reason_of({"action": "x"}) is None and reason_of(None) is None
