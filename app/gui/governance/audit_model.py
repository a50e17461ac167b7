"""The Audit table: one page of audit entries, newest first."""

from __future__ import annotations

from typing import Any

from app.domain.governance.audit import AuditEntry
from app.gui.formatting import format_datetime, format_number
from app.gui.governance.texts import yes_no
from app.gui.qt import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

COLUMNS = ("seq", "time", "actor", "action", "subject", "outcome", "signed")
SEQ, TIME, ACTOR, ACTION, SUBJECT, OUTCOME, SIGNED = range(len(COLUMNS))
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex


class AuditTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[AuditEntry] = []
        self._cells: list[tuple[str, ...]] = []

    def set_entries(self, entries: list[AuditEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self._cells = [self._format(e) for e in self._entries]
        self.endResetModel()

    def entry_at(self, row: int) -> AuditEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def row_of(self, seq: int) -> int:
        return next((i for i, e in enumerate(self._entries) if e.seq == seq), -1)

    def retranslate(self) -> None:
        self._cells = [self._format(e) for e in self._entries]
        if self._entries:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._entries) - 1, len(COLUMNS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    @staticmethod
    def _format(entry: AuditEntry) -> tuple[str, ...]:
        return (
            format_number(entry.seq),
            format_datetime(entry.recorded_time),
            entry.actor,
            entry.action,
            entry.subject,
            entry.outcome,
            yes_no(entry.signature is not None),
        )

    def _titles(self) -> tuple[str, ...]:
        return (
            self.tr("Entry"),
            self.tr("Time"),
            self.tr("Actor"),
            self.tr("Action"),
            self.tr("Subject"),
            self.tr("Outcome"),
            self.tr("Signed"),
        )

    def rowCount(self, parent: AnyIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._entries)

    def columnCount(self, parent: AnyIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._entries):
            return None
        row, column = index.row(), index.column()
        entry = self._entries[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[row][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == TIME:
                return entry.recorded_at
            if column == SIGNED and entry.key_id:
                return entry.key_id
            if column == SEQ:
                return entry.hash
            return self._cells[row][column] or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (SEQ, SIGNED):
            alignment = Qt.AlignmentFlag.AlignTrailing if column == SEQ else Qt.AlignmentFlag.AlignCenter
            return int(alignment | Qt.AlignmentFlag.AlignVCenter)
        if role == ENTRY_ROLE:
            return entry
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
