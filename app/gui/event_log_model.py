"""The Event Log's table: one page of recorded events, newest first."""

from __future__ import annotations

from typing import Any

from app.domain.events import RecordedEvent
from app.gui.formatting import format_datetime, format_number
from app.gui.qt import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

COLUMNS = ("position", "time", "type", "stream", "tenant", "actor")
POSITION, TIME, TYPE, STREAM, TENANT, ACTOR = range(len(COLUMNS))
EVENT_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex


class EventTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._events: list[RecordedEvent] = []
        self._cells: list[tuple[str, ...]] = []  # display text, formatted once per page

    # ------------------------------------------------------------------ content
    def set_events(self, events: list[RecordedEvent]) -> None:
        self.beginResetModel()
        self._events = list(events)
        self._cells = [self._format(event) for event in self._events]
        self.endResetModel()

    def event_at(self, row: int) -> RecordedEvent | None:
        return self._events[row] if 0 <= row < len(self._events) else None

    def row_of(self, position: int) -> int:
        return next((i for i, e in enumerate(self._events) if e.position == position), -1)

    def retranslate(self) -> None:
        """Numbers, dates and headers in the new language."""
        self._cells = [self._format(event) for event in self._events]
        if self._events:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._events) - 1, len(COLUMNS) - 1)
            )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    @staticmethod
    def _format(event: RecordedEvent) -> tuple[str, ...]:
        return (
            format_number(event.position),
            format_datetime(event.recorded_at),
            event.type,
            event.stream_id,
            event.tenant_id,
            event.actor or "",
        )

    def _titles(self) -> tuple[str, ...]:
        return (
            self.tr("Position"),
            self.tr("Time"),
            self.tr("Type"),
            self.tr("Stream"),
            self.tr("Tenant"),
            self.tr("Actor"),
        )

    # ------------------------------------------------------------------ Qt model
    def rowCount(self, parent: AnyIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._events)

    def columnCount(self, parent: AnyIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._events):
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[row][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            event = self._events[row]
            if column == TIME:
                return event.recorded_at.isoformat()
            if column == STREAM:
                return f"{event.stream_id} (v{event.version})"
            return self._cells[row][column] or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == POSITION:
            return int(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
        if role == EVENT_ROLE:
            return self._events[row]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles()[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
