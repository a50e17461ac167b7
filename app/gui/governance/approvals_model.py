"""The Approvals table: one row per request, pending first."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.gui.formatting import format_datetime, format_number
from app.gui.governance.approval_flow import utcnow
from app.gui.governance.texts import countdown, describe_action, state_name
from app.gui.qt import QFont, Qt
from app.gui.table_model import OBJECT_ROLE, ObjectTableModel
from app.services.approvals import ApprovalRequest, ApprovalState

COLUMNS = ("state", "action", "requester", "requested", "expires", "votes")
STATE, ACTION, REQUESTER, REQUESTED, EXPIRES, VOTES = range(len(COLUMNS))
REQUEST_ROLE = OBJECT_ROLE
ID_ROLE = Qt.ItemDataRole.UserRole + 2


class ApprovalsModel(ObjectTableModel):
    COLUMNS = COLUMNS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._now = utcnow()

    # ------------------------------------------------------------------ content
    def set_requests(self, requests: list[ApprovalRequest], now: datetime | None = None) -> None:
        self._now = now or utcnow()
        if [r.id for r in requests] == [r.id for r in self.objects()]:
            # Same rows: update in place, so the selection and scroll position stay.
            self._objects = list(requests)
            self.refresh_times(self._now)
            return
        self.set_objects(requests)

    def refresh_times(self, now: datetime | None = None) -> None:
        """States and countdowns move with time; so do the words for them."""
        self._now = now or utcnow()
        self._cells = [self.format_row(r) for r in self._objects]
        if self._objects:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._objects) - 1, len(COLUMNS) - 1))

    def format_row(self, item: Any) -> tuple[str, ...]:
        request: ApprovalRequest = item
        state = request.state(self._now)
        expires = countdown(request.expires_at, self._now) if state is ApprovalState.PENDING else "—"
        votes = f"{format_number(request.approvals)}/{format_number(request.requirement.quorum)}"
        return (state_name(state), describe_action(request), request.requester,
                format_datetime(request.requested_at), expires, votes)

    def request_at(self, row: int) -> ApprovalRequest | None:
        request: ApprovalRequest | None = self.object_at(row)
        return request

    def row_of(self, request_id: str) -> int:
        return self.row_where(lambda r: r.id == request_id)

    def titles(self) -> tuple[str, ...]:
        return (self.tr("State"), self.tr("Action"), self.tr("Requested by"), self.tr("Requested"),
                self.tr("Expires"), self.tr("Approvals"))

    def tool_tip(self, item: Any, column: int, text: str) -> Any:
        if column == EXPIRES:
            return format_datetime(item.expires_at, "full")
        if column == REQUESTED:
            return format_datetime(item.requested_at, "full")
        if column == ACTION:
            return item.why
        return text

    def alignment(self, column: int) -> int | None:
        return int(Qt.AlignmentFlag.AlignCenter) if column == VOTES else None

    def role_data(self, item: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole:
            if column == STATE and item.state(self._now) is ApprovalState.PENDING:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == ID_ROLE:
            return item.id
        return super().role_data(item, column, role)
