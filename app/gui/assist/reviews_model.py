"""Past reviews of a blueprint, newest first: when, version, engine and the four scores."""

from __future__ import annotations

from typing import Any

from app.domain.assist.review import CATEGORIES
from app.gui.assist.review_flow import ReviewView
from app.gui.assist.texts import category_name, engine_name
from app.gui.formatting import format_datetime, format_number
from app.gui.qt import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

WHEN, VERSION, ENGINE = range(3)
FIRST_SCORE = 3
REVIEW_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex


class ReviewListModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ReviewView] = []

    def set_reviews(self, rows: list[ReviewView]) -> None:
        self.beginResetModel()
        self._rows = sorted(rows, key=lambda r: (r.recorded_at is None, r.recorded_at),
                            reverse=True)
        self.endResetModel()

    def review_at(self, row: int) -> ReviewView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, review_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == review_id), -1)

    def retranslate(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, self.columnCount() - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def rowCount(self, parent: AnyIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else FIRST_SCORE + len(CATEGORIES)

    def _cell(self, review: ReviewView, column: int) -> str:
        if column == WHEN:
            return format_datetime(review.recorded_at, "short") if review.recorded_at else ""
        if column == VERSION:
            return format_number(review.version)
        if column == ENGINE:
            return engine_name(review.engine, review.model)
        score = review.scores.get(CATEGORIES[column - FIRST_SCORE])
        return "" if score is None else format_number(score)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < self.columnCount():
            return None
        review = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cell(review, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= VERSION \
                and index.column() != ENGINE:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == REVIEW_ROLE:
            return review
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = [self.tr("When"), self.tr("Version"), self.tr("Engine")]
        titles += [category_name(c) for c in CATEGORIES]
        return titles[section]

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag
        return flags.ItemIsEnabled | flags.ItemIsSelectable | flags.ItemNeverHasChildren
