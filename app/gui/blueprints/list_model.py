"""The list of the workspace's blueprints: key, name, domain, version, last change."""

from __future__ import annotations

from typing import Any

from app.gui.blueprints.labels import domain_name
from app.gui.formatting import format_datetime, format_number, language
from app.gui.qt import Qt
from app.gui.table_model import TRAILING, ObjectTableModel
from app.services.ports import BlueprintSummary

COLUMNS = ("key", "name", "domain", "version", "updated", "by")
KEY, NAME, DOMAIN, VERSION, UPDATED, BY = range(len(COLUMNS))
KEY_ROLE = Qt.ItemDataRole.UserRole + 2


class BlueprintListModel(ObjectTableModel):
    COLUMNS = COLUMNS

    def set_blueprints(self, rows: list[BlueprintSummary]) -> None:
        self.set_objects(rows)

    def summary_at(self, row: int) -> BlueprintSummary | None:
        summary: BlueprintSummary | None = self.object_at(row)
        return summary

    def keys(self) -> list[str]:
        return [row.key for row in self.objects()]

    def row_of(self, key: str) -> int:
        return self.row_where(lambda r: r.key == key)

    def format_row(self, item: Any) -> tuple[str, ...]:
        row: BlueprintSummary = item
        name = row.name_ar if language() == "ar" and row.name_ar else row.name_en
        return (row.key, name, domain_name(row.domain), format_number(row.version),
                format_datetime(row.updated_at), row.updated_by or "")

    def titles(self) -> tuple[str, ...]:
        return (self.tr("Key"), self.tr("Name"), self.tr("Domain"), self.tr("Version"),
                self.tr("Updated"), self.tr("By"))

    def tool_tip(self, item: Any, column: int, text: str) -> Any:
        if column == NAME:
            return f"{item.name_en}\n{item.name_ar}"
        if column == UPDATED:
            return item.updated_at.isoformat()
        return super().tool_tip(item, column, text)

    def alignment(self, column: int) -> int | None:
        return TRAILING if column == VERSION else None

    def role_data(self, item: Any, column: int, role: int) -> Any:
        return item.key if role == KEY_ROLE else super().role_data(item, column, role)
