"""The console's read-only tables: a list of objects, each formatted once into display text.

A table is a subclass naming its columns, how to format one object into its cells and the
column titles; it may add tool tips, alignment and its own data roles. Everything else a
Qt table model needs (row and column counts, display data, headers, flags, relaying a
language change) is here, once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.gui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QHeaderView,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTableView,
    QWidget,
)

AnyIndex = QModelIndex | QPersistentModelIndex
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's object, for views and tests
TRAILING = int(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
CENTRED = int(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignVCenter)


class ObjectTableModel(QAbstractTableModel):
    """Rows of objects; subclasses set ``COLUMNS`` and implement ``format_row`` and
    ``titles``."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._objects: list[Any] = []
        self._cells: list[tuple[str, ...]] = []  # display text, formatted once per load

    # ------------------------------------------------------------------ subclass hooks
    def format_row(self, item: Any) -> tuple[str, ...]:
        """The display text of each column for ``item`` (every table says its own)."""
        return tuple(str(getattr(item, name, "")) for name in self.COLUMNS)

    def titles(self) -> tuple[str, ...]:
        """The column headers, translated (every table says its own)."""
        return self.COLUMNS

    def tool_tip(self, item: Any, column: int, text: str) -> Any:
        """What hovering over a cell shows: by default its own text (for clipped cells)."""
        return text or None

    def alignment(self, column: int) -> int | None:
        return None

    def role_data(self, item: Any, column: int, role: int) -> Any:
        """Any other role (colours, icons, a table's own roles)."""
        return item if role == OBJECT_ROLE else None

    # ------------------------------------------------------------------ content
    def set_objects(self, items: list[Any]) -> None:
        self.beginResetModel()
        self._objects = list(items)
        self._cells = [self.format_row(item) for item in self._objects]
        self.endResetModel()

    def object_at(self, row: int) -> Any:
        return self._objects[row] if 0 <= row < len(self._objects) else None

    def objects(self) -> list[Any]:
        return list(self._objects)

    def row_where(self, matches: Callable[[Any], bool]) -> int:
        return next((i for i, item in enumerate(self._objects) if matches(item)), -1)

    def retranslate(self) -> None:
        """Numbers, dates, names and headers in the new language."""
        self._cells = [self.format_row(item) for item in self._objects]
        if self._objects:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._objects) - 1, len(self.COLUMNS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)

    # ------------------------------------------------------------------ Qt model
    def rowCount(self, parent: AnyIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._objects)

    def columnCount(self, parent: AnyIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._objects):
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[row][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tool_tip(self._objects[row], column, self._cells[row][column])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(column)
        return self.role_data(self._objects[row], column, role)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.titles()[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def record_table(parent: QWidget, model: QAbstractTableModel, name: str,
                 widths: dict[int, int], compact_rows: bool = True,
                 stretch: tuple[int, ...] = (), fit: tuple[int, ...] = ()) -> QTableView:
    """The console's list of records: whole rows selected one at a time, alternating
    colours, no row numbers, Tab leaves the table. Columns start at ``widths`` (column ->
    pixels) and can be dragged; the ``fit`` columns are as wide as their heading and
    values (short things: states, names, dates, numbers); the ``stretch`` columns share
    whatever width is left (so every column stays in view at any window size), or else the
    last column takes it."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)
    rows = table.verticalHeader()
    rows.hide()
    if compact_rows:
        rows.setDefaultSectionSize(parent.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setStretchLastSection(not stretch)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column, width in widths.items():
        table.setColumnWidth(column, width)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    for column in fit:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return table
