"""The Approvals table: one row per request, pending first."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.gui.formatting import format_datetime, format_number
from app.gui.governance.approval_flow import utcnow
from app.gui.governance.texts import countdown, describe_action, state_name
from app.gui.qt import QAbstractTableModel, QFont, QModelIndex, QObject, QPersistentModelIndex, Qt
from app.services.approvals import ApprovalRequest, ApprovalState

COLUMNS = ("state", "action", "requester", "requested", "expires", "votes")
STATE, ACTION, REQUESTER, REQUESTED, EXPIRES, VOTES = range(len(COLUMNS))
REQUEST_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex


class ApprovalsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._requests: list[ApprovalRequest] = []
        self._cells: list[tuple[str, ...]] = []
        self._states: list[ApprovalState] = []
        self._now = utcnow()

    # ------------------------------------------------------------------ content
    def set_requests(self, requests: list[ApprovalRequest], now: datetime | None = None) -> None:
        self._now = now or utcnow()
        if [r.id for r in requests] == [r.id for r in self._requests]:
            # Same rows: update in place, so the selection and scroll position stay.
            self._requests = list(requests)
            self.refresh_times(self._now)
            return
        self.beginResetModel()
        self._requests = list(requests)
        self._format_all()
        self.endResetModel()

    def refresh_times(self, now: datetime | None = None) -> None:
        """States and countdowns move with time; so do the words for them."""
        self._now = now or utcnow()
        self._format_all()
        if self._requests:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._requests) - 1, len(COLUMNS) - 1))

    def retranslate(self) -> None:
        self.refresh_times(self._now)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    def _format_all(self) -> None:
        self._states = [r.state(self._now) for r in self._requests]
        self._cells = [self._format(r, s) for r, s in zip(self._requests, self._states, strict=True)]

    def _format(self, request: ApprovalRequest, state: ApprovalState) -> tuple[str, ...]:
        if state is ApprovalState.PENDING:
            expires = countdown(request.expires_at, self._now)
        else:
            expires = "—"
        votes = f"{format_number(request.approvals)}/{format_number(request.requirement.quorum)}"
        return (
            state_name(state),
            describe_action(request),
            request.requester,
            format_datetime(request.requested_at),
            expires,
            votes,
        )

    def request_at(self, row: int) -> ApprovalRequest | None:
        return self._requests[row] if 0 <= row < len(self._requests) else None

    def row_of(self, request_id: str) -> int:
        return next((i for i, r in enumerate(self._requests) if r.id == request_id), -1)

    def _titles(self) -> tuple[str, ...]:
        return (
            self.tr("State"),
            self.tr("Action"),
            self.tr("Requested by"),
            self.tr("Requested"),
            self.tr("Expires"),
            self.tr("Approvals"),
        )

    # ------------------------------------------------------------------ Qt model
    def rowCount(self, parent: AnyIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._requests)

    def columnCount(self, parent: AnyIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._requests):
            return None
        row, column = index.row(), index.column()
        request = self._requests[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[row][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == EXPIRES:
                return format_datetime(request.expires_at, "full")
            if column == REQUESTED:
                return format_datetime(request.requested_at, "full")
            if column == ACTION:
                return request.why
            return self._cells[row][column]
        if (role == Qt.ItemDataRole.FontRole and column == STATE
                and self._states[row] is ApprovalState.PENDING):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == VOTES:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == REQUEST_ROLE:
            return request
        if role == ID_ROLE:
            return request.id
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
