"""The list of the workspace's blueprints: key, name, domain, version, last change."""

from __future__ import annotations

from typing import Any

from app.gui.blueprints.labels import domain_name
from app.gui.formatting import format_datetime, format_number, language
from app.gui.qt import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from app.services.ports import BlueprintSummary

COLUMNS = ("key", "name", "domain", "version", "updated", "by")
KEY, NAME, DOMAIN, VERSION, UPDATED, BY = range(len(COLUMNS))
KEY_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex


class BlueprintListModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[BlueprintSummary] = []
        self._cells: list[tuple[str, ...]] = []

    def set_blueprints(self, rows: list[BlueprintSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._cells = [self._format(row) for row in self._rows]
        self.endResetModel()

    def summary_at(self, row: int) -> BlueprintSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def keys(self) -> list[str]:
        return [row.key for row in self._rows]

    def row_of(self, key: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.key == key), -1)

    def retranslate(self) -> None:
        self._cells = [self._format(row) for row in self._rows]
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    @staticmethod
    def _format(row: BlueprintSummary) -> tuple[str, ...]:
        name = row.name_ar if language() == "ar" and row.name_ar else row.name_en
        return (
            row.key,
            name,
            domain_name(row.domain),
            format_number(row.version),
            format_datetime(row.updated_at),
            row.updated_by or "",
        )

    def _titles(self) -> tuple[str, ...]:
        return (self.tr("Key"), self.tr("Name"), self.tr("Domain"), self.tr("Version"),
                self.tr("Updated"), self.tr("By"))

    def rowCount(self, parent: AnyIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[row][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            summary = self._rows[row]
            if column == NAME:
                return f"{summary.name_en}\n{summary.name_ar}"
            if column == UPDATED:
                return summary.updated_at.isoformat()
            return self._cells[row][column] or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == VERSION:
            return int(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
        if role == KEY_ROLE:
            return self._rows[row].key
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
