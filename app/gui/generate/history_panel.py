"""The generations of the platform folder (git commits), and rolling back to one of them
(as a new commit, after a confirmation)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.codegen.results import GenerationCommit
from app.gui.background import BackgroundOp
from app.gui.formatting import fill, format_datetime, format_number, ltr
from app.gui.generate.history_model import COMMIT, TIME, VERSION, GenerationHistoryModel
from app.gui.generate.problems import is_uncommitted_changes, problem_text
from app.gui.qt import (
    QAbstractItemView,
    QEvent,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from app.services.codegen import CodegenService, RollbackResult


class GenerationHistoryPanel(QWidget):
    loaded = Signal()
    rolled_back = Signal(str)  # the commit the folder is back at

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.codegen: CodegenService | None = None
        self.root: Path | None = None
        self.loading = False
        self.busy = False
        self.confirm_box: QMessageBox | None = None
        self.model = GenerationHistoryModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("generationHistory")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for column, width in ((TIME, 190), (1, 110), (VERSION, 130), (COMMIT, 120)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.rollback_button = QPushButton(self)
        self.rollback_button.clicked.connect(lambda: self.ask_rollback(self.selected_commit()))
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QHBoxLayout()
        buttons.addWidget(self.rollback_button)
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.retranslate()

    def set_folder(self, codegen: CodegenService | None, root: Path | None) -> None:
        self.codegen, self.root = codegen, root
        self.model.set_commits([])
        self.message.setText("")
        self.refresh()

    def refresh(self) -> None:
        codegen, root = self.codegen, self.root
        self._update_buttons()
        if codegen is None or root is None:
            return
        self.loading = True

        async def work() -> list[GenerationCommit]:
            if not (root / ".git").is_dir():
                return []
            return await codegen.history(root)

        def show(commits: list[GenerationCommit]) -> None:
            if root != self.root:
                return
            chosen = self.selected_commit()
            self.model.set_commits(commits)
            ids = [c.id for c in commits]
            row = ids.index(chosen.id) if chosen is not None and chosen.id in ids else 0
            if commits:
                self.table.setCurrentIndex(self.model.index(row, 0))
            self.loaded.emit()

        def done() -> None:
            self.loading = False
            self._update_buttons()

        BackgroundOp(self, work).success(show).failure(self._failed).finished(done).run()

    def selected_commit(self) -> GenerationCommit | None:
        index = self.table.currentIndex()
        return self.model.commit_at(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        self.table.setCurrentIndex(self.model.index(row, 0))

    # ------------------------------------------------------------------ rolling back
    def ask_rollback(self, commit: GenerationCommit | None, force: bool = False) -> None:
        if commit is None or self.codegen is None or self.root is None:
            return
        box = QMessageBox(self)
        box.setObjectName("rollbackBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Roll back the platform"))
        when = format_datetime(commit.time)
        if force:
            box.setText(self.tr("Files in the folder changed since the last generation (your "
                                "edits, or resolved conflicts). Roll back anyway and discard "
                                "those changes?"))
        elif commit.version is not None:
            box.setText(fill(self.tr("Make the folder what the generation of %1 (blueprint version "
                                     "%2) left? This is recorded as a new generation; nothing "
                                     "is deleted from the history."), when,
                             format_number(commit.version)))
        else:
            box.setText(fill(self.tr("Make the folder what the generation of %1 left? This is "
                                     "recorded as a new generation; nothing is deleted from the "
                                     "history."), when))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(lambda: self.rollback(commit.id, force))
        box.finished.connect(lambda _code: setattr(self, "confirm_box", None))
        self.confirm_box = box
        box.open()

    def rollback(self, commit_id: str, force: bool = False) -> None:
        codegen, root = self.codegen, self.root
        if codegen is None or root is None or self.busy:
            return
        self.busy = True
        self._update_buttons()
        target = next((c for c in self.model_commits() if c.id == commit_id), None)

        def done(result: RollbackResult) -> None:
            self.message.setText(fill(self.tr("The folder is back at commit %1 (%Ln files restored).",
                                              "", len(result.paths)), ltr(result.restored[:12])))
            self.rolled_back.emit(result.restored)
            self.refresh()

        def failed(exc: BaseException) -> None:
            if not force and is_uncommitted_changes(exc) and target is not None:
                self.ask_rollback(target, force=True)
            else:
                self._failed(exc)

        def finished() -> None:
            self.busy = False
            self._update_buttons()

        BackgroundOp(self, lambda: codegen.rollback(root, commit_id, force)).success(done).failure(
            failed).finished(finished).run()

    def model_commits(self) -> list[GenerationCommit]:
        return [c for row in range(self.model.rowCount())
                if (c := self.model.commit_at(row)) is not None]

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(problem_text(exc))

    # ------------------------------------------------------------------ drawing
    def _update_buttons(self) -> None:
        index = self.table.currentIndex()
        ready = self.codegen is not None and self.root is not None and not self.busy
        self.rollback_button.setEnabled(ready and index.isValid() and index.row() > 0)
        self.refresh_button.setEnabled(ready)

    def retranslate(self) -> None:
        self.rollback_button.setText(self.tr("R&oll back to this generation…"))
        self.rollback_button.setToolTip(self.tr("Make the folder what the selected generation "
                                                "left, as a new generation"))
        self.refresh_button.setText(self.tr("R&efresh"))
        self.table.setAccessibleName(self.tr("Generations of the platform folder"))
        self.model.retranslate()
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
