"""The generations of a platform folder (its git commits), newest first."""

from __future__ import annotations

from typing import Any

from app.domain.codegen.results import GenerationCommit
from app.gui.formatting import format_datetime, format_number
from app.gui.qt import Qt
from app.gui.table_model import ObjectTableModel

COLUMNS = ("time", "author", "version", "summary", "commit")
TIME, AUTHOR, VERSION, SUMMARY, COMMIT = range(len(COLUMNS))
COMMIT_ROLE = Qt.ItemDataRole.UserRole + 2


class GenerationHistoryModel(ObjectTableModel):
    COLUMNS = COLUMNS

    def set_commits(self, commits: list[GenerationCommit]) -> None:
        self.set_objects(commits)

    def commit_at(self, row: int) -> GenerationCommit | None:
        commit: GenerationCommit | None = self.object_at(row)
        return commit

    def format_row(self, item: Any) -> tuple[str, ...]:
        commit: GenerationCommit = item
        return (format_datetime(commit.time), commit.author,
                format_number(commit.version) if commit.version is not None else "—",
                self._describe(commit), commit.id[:12])

    def _describe(self, commit: GenerationCommit) -> str:
        """The commit's first line in the console's language when it is one of the
        generator's own, else as written."""
        summary = commit.summary
        if summary.startswith("Roll back to generation "):
            return self.tr("Rolled back to an earlier generation")
        if summary.startswith("Generate ") and commit.blueprint:
            return self.tr("Generated from the blueprint")
        return summary

    def titles(self) -> tuple[str, ...]:
        return (self.tr("When"), self.tr("Who"), self.tr("Blueprint version"), self.tr("What"),
                self.tr("Commit"))

    def tool_tip(self, item: Any, column: int, text: str) -> Any:
        if column == COMMIT:
            return item.id
        if column == SUMMARY:
            return item.summary
        return super().tool_tip(item, column, text)

    def alignment(self, column: int) -> int | None:
        return int(Qt.AlignmentFlag.AlignCenter) if column == VERSION else None

    def role_data(self, item: Any, column: int, role: int) -> Any:
        return item.id if role == COMMIT_ROLE else super().role_data(item, column, role)
