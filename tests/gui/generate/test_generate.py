"""Generating from the pane: progress, the file tree with change kinds and counts, diffs,
dry runs, cancelling, and the item models checked by qtmodeltester."""

from __future__ import annotations

from typing import Any

from app.domain.codegen.merge import ChangeKind
from app.gui.formatting import strip_isolation
from app.gui.generate.files_model import CHANGE, KIND_ROLE, NAME, PATH_ROLE
from app.gui.generate.pane import FILES, GeneratePane
from app.gui.qt import QFontInfo, QModelIndex, Qt
from tests.gui.conftest import wait_until
from tests.gui.generate.conftest import generate, out_of


def _file_rows(pane: GeneratePane, parent: QModelIndex | None = None) -> list[tuple[str, str]]:
    model = pane.files.model
    parent = parent or QModelIndex()
    rows = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, NAME, parent)
        if model.hasChildren(index):
            rows += _file_rows(pane, index)
        else:
            rows.append((index.data(PATH_ROLE), index.data(KIND_ROLE)))
    return rows


def test_generating_shows_progress_then_the_tree_and_counts(
    pane: GeneratePane, qtbot: Any, qtmodeltester: Any
) -> None:
    values: list[int] = []
    texts: list[str] = []
    pane.progress.valueChanged.connect(values.append)
    pane.progress_label.linkActivated.connect(texts.append)  # keeps the label's signal alive
    seen: list[str] = []
    original = pane._progress

    def spy(update: Any) -> None:
        original(update)
        seen.append(strip_isolation(pane.progress_label.text()))

    pane._progress = spy  # type: ignore[method-assign]
    result = generate(pane, qtbot)

    assert result.counts()["added"] == len(result.files) > 80
    assert values == sorted(values)  # the bar only moves forward
    assert values[-1] == pane.progress.maximum()
    assert any(text.startswith("Rendering files: ") and " of " in text for text in seen)
    assert any("clinic_api/" in text for text in seen)  # the current file
    assert any(text.startswith("Writing files: ") for text in seen)
    assert strip_isolation(pane.progress_label.text()).startswith("Generated: ")

    files = _file_rows(pane)
    assert len(files) == len(result.files)
    assert {kind for _path, kind in files} == {"added"}
    top = [strip_isolation(pane.files.model.index(r, NAME).data())
           for r in range(pane.files.model.rowCount())]
    assert top[:3] == ["clinic_api", "deploy", "migrations"]  # folders first
    assert "README.md" in top
    legend = strip_isolation(pane.files.legend.labels[ChangeKind.added].text())
    assert legend == f"Added: {len(result.files)}"
    summary = strip_isolation(pane.files.summary.text())
    assert summary.startswith(f"{len(result.files)} files generated into {out_of(pane)}")
    assert result.commit[:12] in summary

    # The selected file's diff: monospace, left to right, the whole new file added.
    assert pane.files.select_path("clinic_api/main.py")
    diff = pane.files.diff.toPlainText()
    assert diff.startswith("--- /dev/null\n+++ b/clinic_api/main.py\n@@")
    assert pane.files.diff.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert QFontInfo(pane.files.diff.font()).fixedPitch()
    assert pane.files.model.index_of("clinic_api/main.py").siblingAtColumn(CHANGE).data() == "Added"
    assert pane.tabs.currentIndex() == FILES

    wait_until(qtbot, lambda: pane.history.model.rowCount() == 1)
    commit = pane.history.model.commit_at(0)
    assert commit is not None and commit.id == result.commit and commit.version == 1
    qtmodeltester.check(pane.files.model)
    qtmodeltester.check(pane.history.model)


def test_regenerating_unchanged_hides_unchanged_files_until_asked(
    pane: GeneratePane, qtbot: Any
) -> None:
    generate(pane, qtbot)
    again = generate(pane, qtbot)
    assert again.commit is None
    assert again.counts()["unchanged"] == len(again.files)
    # Nothing changed: every file is listed (there is nothing else to show).
    assert len(_file_rows(pane)) == len(again.files)
    assert "nothing changed" in strip_isolation(pane.files.summary.text())


def test_a_dry_run_writes_nothing(pane: GeneratePane, qtbot: Any) -> None:
    result = generate(pane, qtbot, dry_run=True)
    assert result.dry_run
    assert not out_of(pane).exists()
    assert strip_isolation(pane.files.summary.text()).startswith("Dry run: ")
    assert strip_isolation(pane.progress_label.text()).startswith("Dry run done: ")
    assert len(_file_rows(pane)) == len(result.files)


def test_cancelling_before_writing(pane: GeneratePane, qtbot: Any) -> None:
    with qtbot.waitSignal(pane.generation_failed, timeout=30_000) as blocker:
        pane.generate()
        assert pane.cancel_button.isEnabled()
        qtbot.keyClick(pane.generate_button, Qt.Key.Key_Escape)
    assert blocker.args[0] == "Generation cancelled; nothing was written."
    wait_until(qtbot, lambda: pane.run is None)
    assert not (out_of(pane) / ".webnova").exists()
    assert pane.generate_button.isEnabled()
    assert not pane.cancel_button.isEnabled()


def test_keyboard_generates(pane: GeneratePane, qtbot: Any) -> None:
    pane.chooser.version.setFocus()
    with qtbot.waitSignal(pane.generated, timeout=30_000):
        qtbot.keyClick(pane.chooser.version, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert pane.chooser.blueprint_label.buddy() is pane.chooser.blueprint
    assert pane.chooser.folder_label.buddy() is pane.chooser.folder
