"""The Users table: each user with role, status (reason, set by) and custom permissions."""

from __future__ import annotations

from typing import Any

from app.domain.governance.users import Role, User, UserStatus
from app.gui.governance.texts import permission_name, role_name, status_name
from app.gui.qt import QFont, Qt
from app.gui.table_model import OBJECT_ROLE, ObjectTableModel

COLUMNS = ("user", "name", "role", "status", "reason", "set_by", "permissions")
USER, NAME, ROLE, STATUS, REASON, SET_BY, PERMISSIONS = range(len(COLUMNS))
USER_ROLE = OBJECT_ROLE


def custom_permissions(user: User) -> str:
    """"+ Deploy, − Read costs": what the user holds beyond or below their role."""
    parts = [f"+ {permission_name(p)}" for p in sorted(user.granted)]
    parts += [f"− {permission_name(p)}" for p in sorted(user.revoked)]
    return ", ".join(parts)


class UsersModel(ObjectTableModel):
    COLUMNS = COLUMNS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.me: str = ""

    def set_users(self, users: list[User], me: str = "") -> None:
        self.me = me
        self.set_objects(users)

    def user_at(self, row: int) -> User | None:
        user: User | None = self.object_at(row)
        return user

    def row_of(self, user_id: str) -> int:
        return self.row_where(lambda u: u.user_id == user_id)

    def format_row(self, item: Any) -> tuple[str, ...]:
        user: User = item
        return (user.user_id, user.display_name, role_name(user.role), status_name(user.status),
                user.status_reason or "", user.status_set_by or "", custom_permissions(user))

    def titles(self) -> tuple[str, ...]:
        return (self.tr("User"), self.tr("Name"), self.tr("Role"), self.tr("Status"),
                self.tr("Reason"), self.tr("Set by"), self.tr("Custom permissions"))

    def tool_tip(self, item: Any, column: int, text: str) -> Any:
        if column == USER and item.user_id == self.me:
            return self.tr("You")
        return super().tool_tip(item, column, text)

    def role_data(self, item: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole:
            if (column == ROLE and item.role is Role.ROOT_OWNER) or (
                    column == STATUS and item.status is not UserStatus.ACTIVE) or (
                    column == USER and item.user_id == self.me):
                font = QFont()
                font.setBold(True)
                return font
            return None
        return super().role_data(item, column, role)
