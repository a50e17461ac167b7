"""The Users table: each user with role, status (reason, set by) and custom permissions."""

from __future__ import annotations

from typing import Any

from app.domain.governance.users import Role, User, UserStatus
from app.gui.governance.texts import permission_name, role_name, status_name
from app.gui.qt import QAbstractTableModel, QFont, QModelIndex, QObject, QPersistentModelIndex, Qt

COLUMNS = ("user", "name", "role", "status", "reason", "set_by", "permissions")
USER, NAME, ROLE, STATUS, REASON, SET_BY, PERMISSIONS = range(len(COLUMNS))
USER_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex


def custom_permissions(user: User) -> str:
    """"+ Deploy, − Read costs": what the user holds beyond or below their role."""
    parts = [f"+ {permission_name(p)}" for p in sorted(user.granted)]
    parts += [f"− {permission_name(p)}" for p in sorted(user.revoked)]
    return ", ".join(parts)


class UsersModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._users: list[User] = []
        self._cells: list[tuple[str, ...]] = []
        self.me: str = ""

    def set_users(self, users: list[User], me: str = "") -> None:
        self.beginResetModel()
        self._users = list(users)
        self.me = me
        self._cells = [self._format(u) for u in self._users]
        self.endResetModel()

    def user_at(self, row: int) -> User | None:
        return self._users[row] if 0 <= row < len(self._users) else None

    def row_of(self, user_id: str) -> int:
        return next((i for i, u in enumerate(self._users) if u.user_id == user_id), -1)

    def retranslate(self) -> None:
        self._cells = [self._format(u) for u in self._users]
        if self._users:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._users) - 1, len(COLUMNS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    @staticmethod
    def _format(user: User) -> tuple[str, ...]:
        return (
            user.user_id,
            user.display_name,
            role_name(user.role),
            status_name(user.status),
            user.status_reason or "",
            user.status_set_by or "",
            custom_permissions(user),
        )

    def _titles(self) -> tuple[str, ...]:
        return (
            self.tr("User"),
            self.tr("Name"),
            self.tr("Role"),
            self.tr("Status"),
            self.tr("Reason"),
            self.tr("Set by"),
            self.tr("Custom permissions"),
        )

    def rowCount(self, parent: AnyIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._users)

    def columnCount(self, parent: AnyIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._users):
            return None
        row, column = index.row(), index.column()
        user = self._users[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[row][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == USER and user.user_id == self.me:
                return self.tr("You")
            return self._cells[row][column] or None
        if role == Qt.ItemDataRole.FontRole:
            if (column == ROLE and user.role is Role.ROOT_OWNER) or (
                    column == STATUS and user.status is not UserStatus.ACTIVE) or (
                    column == USER and user.user_id == self.me):
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == USER_ROLE:
            return user
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
