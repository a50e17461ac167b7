"""The conversations about one blueprint, the most recent first: the list beside the chat."""

from __future__ import annotations

from typing import Any

from app.gui.assist.chat_flow import ConversationSummary
from app.gui.formatting import fill, format_datetime
from app.gui.qt import (
    QAbstractListModel,
    QEvent,
    QLabel,
    QListView,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

ID_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex


class ConversationListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ConversationSummary] = []

    def set_conversations(self, rows: list[ConversationSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def summary_at(self, row: int) -> ConversationSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, conversation_id: str | None) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == conversation_id), -1)

    def retranslate(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def rowCount(self, parent: AnyIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or index.column() != 0:
            return None
        row = self._rows[index.row()]
        title = row.title or self.tr("Explanation")
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{title}\n{format_datetime(row.updated, 'short')}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return fill(self.tr("%1 — started %2, %Ln messages", "", row.messages), title,
                        format_datetime(row.started))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return fill(self.tr("%1, last message %2"), title, format_datetime(row.updated))
        if role == ID_ROLE:
            return row.id
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag
        return flags.ItemIsEnabled | flags.ItemIsSelectable | flags.ItemNeverHasChildren


class ConversationsColumn(QWidget):
    """The list of conversations with a button to start a new one."""

    chosen = Signal(str)  # a conversation id
    new_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ConversationListModel(self)
        self.label = QLabel(self)
        self.list = QListView(self)
        self.list.setObjectName("assistConversations")
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.label.setBuddy(self.list)
        self.list.selectionModel().currentRowChanged.connect(self._current)
        self.new_button = QPushButton(self)
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self.new_requested)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.label)
        column.addWidget(self.list, 1)
        column.addWidget(self.new_button)
        QWidget.setTabOrder(self.list, self.new_button)
        self.retranslate()

    def _current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        conversation_id = current.data(ID_ROLE)
        if conversation_id:
            self.chosen.emit(str(conversation_id))

    def select(self, conversation_id: str | None) -> None:
        """Mark ``conversation_id`` as current (None: no conversation), without a signal."""
        row = self.model.row_of(conversation_id)
        self.list.selectionModel().blockSignals(True)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row, 0))
        else:
            self.list.selectionModel().clear()
        self.list.selectionModel().blockSignals(False)

    def retranslate(self) -> None:
        self.label.setText(self.tr("C&onversations"))
        self.list.setAccessibleName(self.tr("Conversations"))
        self.new_button.setText(self.tr("&New conversation"))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
