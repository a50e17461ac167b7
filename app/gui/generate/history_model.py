"""The generations of a platform folder (its git commits), newest first."""

from __future__ import annotations

from typing import Any

from app.domain.codegen.results import GenerationCommit
from app.gui.formatting import format_datetime, format_number
from app.gui.qt import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

COLUMNS = ("time", "author", "version", "summary", "commit")
TIME, AUTHOR, VERSION, SUMMARY, COMMIT = range(len(COLUMNS))
COMMIT_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex


class GenerationHistoryModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._commits: list[GenerationCommit] = []
        self._cells: list[tuple[str, ...]] = []

    def set_commits(self, commits: list[GenerationCommit]) -> None:
        self.beginResetModel()
        self._commits = list(commits)
        self._cells = [self._format(c) for c in self._commits]
        self.endResetModel()

    def commit_at(self, row: int) -> GenerationCommit | None:
        return self._commits[row] if 0 <= row < len(self._commits) else None

    def retranslate(self) -> None:
        self._cells = [self._format(c) for c in self._commits]
        if self._commits:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._commits) - 1, len(COLUMNS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    def _format(self, commit: GenerationCommit) -> tuple[str, ...]:
        return (
            format_datetime(commit.time),
            commit.author,
            format_number(commit.version) if commit.version is not None else "—",
            self._describe(commit),
            commit.id[:12],
        )

    def _describe(self, commit: GenerationCommit) -> str:
        """The commit's first line in the console's language when it is one of the
        generator's own, else as written."""
        summary = commit.summary
        if summary.startswith("Roll back to generation "):
            return self.tr("Rolled back to an earlier generation")
        if summary.startswith("Generate ") and commit.blueprint:
            return self.tr("Generated from the blueprint")
        return summary

    def _titles(self) -> tuple[str, ...]:
        return (self.tr("When"), self.tr("Who"), self.tr("Blueprint version"), self.tr("What"),
                self.tr("Commit"))

    def rowCount(self, parent: AnyIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._commits)

    def columnCount(self, parent: AnyIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._commits):
            return None
        row, column = index.row(), index.column()
        commit = self._commits[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[row][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COMMIT:
                return commit.id
            if column == SUMMARY:
                return commit.summary
            return self._cells[row][column] or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == VERSION:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == COMMIT_ROLE:
            return commit.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles()[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
