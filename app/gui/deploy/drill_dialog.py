"""A drill's outcome (``webnova backup drill``): each table's rows when the backup was taken
and after it was restored into the scratch database, and the verdict — every table
matches, which tables do not, or why nothing could be compared."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.gui.formatting import fill, ltr
from app.gui.qt import (
    QAbstractItemView,
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from app.services.db_backups import DrillReport
    from app.services.environment_backups import BackupEntry

TABLE, EXPECTED, RESTORED, VERDICT = range(4)


def drill_verdict(entry: BackupEntry, report: DrillReport) -> str:
    """The verdict in words: every table matches, which do not, or why none was compared."""
    translate = QCoreApplication.translate
    if report.problem:
        return fill(translate("DrillDialog", "The drill of backup %1 could not compare the "
                              "rows: %2"), ltr(entry.id), report.problem)
    if report.ok:
        return fill(translate("DrillDialog", "Drill of backup %1: the rows of every table "
                              "match (%2 tables)."), ltr(entry.id), len(report.tables))
    wrong = translate("DrillDialog", ", ").join(ltr(t.table) for t in report.tables if not t.ok)
    return fill(translate("DrillDialog", "Drill of backup %1: the rows of these tables do not "
                          "match: %2."), ltr(entry.id), wrong)


class DrillDialog(QDialog):
    def __init__(self, entry: BackupEntry, report: DrillReport,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drillDialog")
        self.setWindowTitle(self.tr("Backup drill"))
        self.verdict = QLabel(drill_verdict(entry, report), self)
        self.verdict.setObjectName("drillVerdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.scratch = QLabel(fill(self.tr("Restored into the scratch database %1, dropped "
                                           "after."), ltr(report.scratch)), self)
        self.scratch.setWordWrap(True)
        self.table = QTreeWidget(self)
        self.table.setObjectName("drillTable")
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setHeaderLabels([self.tr("Table"), self.tr("Rows in the backup"),
                                    self.tr("Rows restored"), self.tr("Verdict")])
        self.table.setAccessibleName(self.tr("Rows of each table, in the backup and restored"))
        header = self.table.header()
        for column in (TABLE, EXPECTED, RESTORED):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for check in report.tables:
            item = QTreeWidgetItem(self.table)
            item.setText(TABLE, ltr(check.table))
            item.setText(EXPECTED, fill("%1", check.expected) if check.expected is not None
                         else "—")
            item.setText(RESTORED, fill("%1", check.restored) if check.restored is not None
                         else "—")
            item.setText(VERDICT, self.tr("Match") if check.ok else self.tr("Mismatch"))
            if not check.ok:
                font = item.font(VERDICT)
                font.setBold(True)
                item.setFont(VERDICT, font)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(self.scratch)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.resize(self.minimumWidth(), self.fontMetrics().height() * 22)
