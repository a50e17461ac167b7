"""Regenerating over the owner's edits: merges and conflicts shown, conflicts resolved by
keeping mine or taking the generated file (after a confirmation), and rollback."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from app.domain.codegen.merge import ChangeKind
from app.gui.formatting import strip_isolation
from app.gui.generate import conflicts_panel
from app.gui.generate.files_model import KIND_ROLE
from app.gui.generate.pane import CONFLICTS, GeneratePane
from app.gui.qt import QMessageBox
from tests.gui.conftest import wait_until
from tests.gui.generate.conftest import KEY, generate, out_of, settle, workspace_of

MODEL = "clinic_api/models/facility.py"
API = "clinic_api/api/facility.py"
PHONE = {"name": "phone", "label": {"en": "Phone", "ar": "الهاتف"}, "type": "string",
         "max_length": 20}
ACTIVE = 'is_active: Mapped[bool | None] = mapped_column("is_active", sa.Boolean(), nullable=True)'


def edit_and_revise(pane: GeneratePane, qtbot: Any) -> Path:
    """Generate version 1, edit two generated files (one where the next version changes
    the same lines), save version 2 with a new field and choose it."""
    generate(pane, qtbot)
    out = out_of(pane)
    model = out / MODEL
    model.write_text(model.read_text().replace(ACTIVE, ACTIVE[:-1] + ", index=True)"))
    api = out / API
    api.write_text(api.read_text().replace('ROUTE = "/api/v1/facility"',
                                           'ROUTE = "/api/v1/facility"  # reviewed'))
    service = workspace_of(pane).blueprints
    document = copy.deepcopy(settle(qtbot, service.get(KEY)).document)
    facility = next(e for e in document["entities"] if e["name"] == "facility")
    facility["fields"].append(dict(PHONE))
    settle(qtbot, service.save(KEY, document, 1, "owner"))
    pane.refresh()
    wait_until(qtbot, lambda: pane.chooser.version.count() == 2 and not pane.loading)
    assert pane.chooser.chosen_version() == 2
    assert pane.chooser.out() == out  # the same blueprint keeps its folder
    return out


def test_regenerating_shows_a_merge_and_a_conflict(pane: GeneratePane, qtbot: Any) -> None:
    out = edit_and_revise(pane, qtbot)
    result = generate(pane, qtbot)
    kinds = {c.path: c.kind for c in result.files}
    assert kinds[MODEL] is ChangeKind.conflict
    assert kinds[API] is ChangeKind.merged

    # The tree shows both (with what else changed), the legend counts them.
    model = pane.files.model
    assert model.index_of(MODEL).data(KIND_ROLE) == "conflict"
    assert model.index_of(API).data(KIND_ROLE) == "merged"
    assert not model.index_of("README.md").isValid()  # unchanged files are hidden
    pane.files.show_unchanged.setChecked(True)
    assert model.index_of("README.md").data(KIND_ROLE) == "unchanged"
    pane.files.show_unchanged.setChecked(False)
    assert strip_isolation(pane.files.legend.labels[ChangeKind.conflict].text()) == "Conflict: 1"
    assert strip_isolation(pane.files.legend.labels[ChangeKind.merged].text()) == "Merged: 1"
    assert pane.files.selected_path() == MODEL  # the first conflict is shown first
    assert "your edits and the new generation change the same lines" in pane.files.file_title.text()
    pane.files.select_path(API)
    assert any(line.startswith("+") and "phone" in line
               for line in pane.files.diff.toPlainText().splitlines())

    # Conflicts are announced and listed with their report.
    wait_until(qtbot, pane.notice.isVisible)
    assert pane.notice.kind == "error"
    assert strip_isolation(pane.notice.text()).startswith("In conflict: 1 file.")
    wait_until(qtbot, lambda: pane.conflicts.conflicts != [])
    assert strip_isolation(pane.tabs.tabText(CONFLICTS)) == "Conflicts (1)"
    pane.notice.buttons()[0].click()  # Review conflicts
    assert pane.tabs.currentIndex() == CONFLICTS
    panel = pane.conflicts
    assert panel.selected_path() == MODEL
    report = panel.report.toPlainText()
    assert "<<<<<<< yours" in report and ">>>>>>> generated" in report
    assert (out / (MODEL + ".conflict")).read_text() == report
    line = panel.report.textCursor().block().text()
    assert line.startswith("<<<<<<< yours")  # the report opens where the sides differ

    # Keep mine: the report goes, the file stays as the owner left it.
    mine = (out / MODEL).read_text()
    with qtbot.waitSignal(panel.resolved, timeout=10_000):
        panel.keep_button.click()
    assert not (out / (MODEL + ".conflict")).exists()
    assert (out / MODEL).read_text() == mine
    wait_until(qtbot, lambda: panel.conflicts == [] and not panel.loading)
    assert pane.tabs.tabText(CONFLICTS) == "Conflicts"
    assert not pane.notice.isVisible()
    assert "Kept your" in strip_isolation(panel.message.text())

    # The next generation keeps the owner's file and reports nothing.
    again = generate(pane, qtbot)
    assert not again.conflicts
    assert (out / MODEL).read_text() == mine


def test_take_generated_asks_first(
    pane: GeneratePane, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = edit_and_revise(pane, qtbot)
    generate(pane, qtbot)
    panel = pane.conflicts
    wait_until(qtbot, lambda: panel.selected_path() == MODEL)
    mine = (out / MODEL).read_text()

    opened: list[Path] = []
    monkeypatch.setattr(conflicts_panel, "open_folder", lambda folder: opened.append(folder) or True)
    panel.folder_button.click()
    assert opened == [out / "clinic_api/models"]

    panel.take_button.click()
    box = panel.confirm_box
    assert box is not None and box.isVisible()
    assert "Replace" in strip_isolation(box.text()) and MODEL in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Cancel).click()
    wait_until(qtbot, lambda: panel.confirm_box is None)
    assert (out / MODEL).read_text() == mine  # nothing happened

    panel.take_button.click()
    box = panel.confirm_box
    assert box is not None
    with qtbot.waitSignal(panel.resolved, timeout=10_000):
        box.button(QMessageBox.StandardButton.Yes).click()
    generated = (out / ".webnova/base" / MODEL).read_text()
    assert (out / MODEL).read_text() == generated
    assert '"phone"' in generated
    assert not (out / (MODEL + ".conflict")).exists()
    wait_until(qtbot, lambda: panel.conflicts == [] and not panel.loading)


def test_conflicts_of_an_earlier_generation_are_listed_from_the_folder(
    pane: GeneratePane, qtbot: Any
) -> None:
    """Generated in an earlier session: the manifest names the conflicts still open."""
    out = edit_and_revise(pane, qtbot)
    generate(pane, qtbot)
    pane.result = None
    pane.conflicts.set_folder(out, None)
    wait_until(qtbot, lambda: not pane.conflicts.loading)
    assert [c.path for c in pane.conflicts.conflicts] == [MODEL]
    assert pane.conflicts.conflicts[0].report is not None


def test_rolling_back_asks_and_discards_edits_only_when_told(
    pane: GeneratePane, qtbot: Any
) -> None:
    out = edit_and_revise(pane, qtbot)
    generate(pane, qtbot)
    history = pane.history
    wait_until(qtbot, lambda: history.model.rowCount() == 2 and not history.loading)
    assert not history.rollback_button.isEnabled()  # the newest is where the folder is
    history.select_row(1)
    first = history.selected_commit()
    assert first is not None and first.version == 1
    assert history.rollback_button.isEnabled()

    # The folder has uncommitted changes (the edited api file was merged and committed; the
    # model file is the owner's): resolving a conflict leaves a change to commit.
    (out / (MODEL + ".conflict")).unlink()
    history.rollback_button.click()
    box = history.confirm_box
    assert box is not None and "blueprint version" in strip_isolation(box.text())
    box.button(QMessageBox.StandardButton.Yes).click()
    wait_until(qtbot, lambda: history.confirm_box is not None and history.confirm_box is not box,
               10_000)
    force = history.confirm_box
    assert force is not None and "discard" in force.text()
    with qtbot.waitSignal(history.rolled_back, timeout=10_000):
        force.button(QMessageBox.StandardButton.Yes).click()
    wait_until(qtbot, lambda: history.model.rowCount() == 3 and not history.loading)
    assert '"phone"' not in (out / MODEL).read_text()
    assert ", index=True)" not in (out / MODEL).read_text()
    assert "back at commit" in strip_isolation(history.message.text())
    newest = history.model.commit_at(0)
    assert newest is not None and history.model.index(0, 3).data() == (
        "Rolled back to an earlier generation")
