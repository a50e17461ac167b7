"""The Audit table: one page of audit entries, newest first."""

from __future__ import annotations

from typing import Any

from app.domain.governance.audit import AuditEntry
from app.gui.formatting import format_datetime, format_number
from app.gui.governance.audit_texts import action_text, outcome_text
from app.gui.governance.texts import yes_no
from app.gui.table_model import CENTRED, OBJECT_ROLE, TRAILING, ObjectTableModel

COLUMNS = ("seq", "time", "actor", "action", "subject", "outcome", "signed")
SEQ, TIME, ACTOR, ACTION, SUBJECT, OUTCOME, SIGNED = range(len(COLUMNS))
ENTRY_ROLE = OBJECT_ROLE


class AuditTableModel(ObjectTableModel):
    COLUMNS = COLUMNS

    def set_entries(self, entries: list[AuditEntry]) -> None:
        self.set_objects(entries)

    def entry_at(self, row: int) -> AuditEntry | None:
        entry: AuditEntry | None = self.object_at(row)
        return entry

    def row_of(self, seq: int) -> int:
        return self.row_where(lambda e: e.seq == seq)

    def format_row(self, item: Any) -> tuple[str, ...]:
        entry: AuditEntry = item
        return (format_number(entry.seq), format_datetime(entry.recorded_time), entry.actor,
                action_text(entry.action), entry.subject, outcome_text(entry.outcome),
                yes_no(entry.signature is not None))

    def titles(self) -> tuple[str, ...]:
        return (self.tr("Entry"), self.tr("Time"), self.tr("Actor"), self.tr("Action"),
                self.tr("Subject"), self.tr("Outcome"), self.tr("Signed"))

    def tool_tip(self, item: Any, column: int, text: str) -> Any:
        if column == TIME:
            return item.recorded_at
        if column == SIGNED and item.key_id:
            return item.key_id
        if column == SEQ:
            return item.hash
        if column == ACTION:
            return item.action
        if column == OUTCOME:
            return item.outcome
        return super().tool_tip(item, column, text)

    def alignment(self, column: int) -> int | None:
        return {SEQ: TRAILING, SIGNED: CENTRED}.get(column)
