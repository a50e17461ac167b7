"""The table of the Deploy pane's releases: every built release of the platform with what
became of it on the chosen environment (the backups are :mod:`app.gui.deploy.backups_page`).
It only draws; :class:`~app.gui.deploy.releases_tab.ReleasesTab` fills it."""

from __future__ import annotations

from collections.abc import Sequence

from app.gui.deploy.release_ops import DEPLOYING, INTERRUPTED, ROLLED_BACK, RUNNING, ReleaseRow
from app.gui.formatting import fill, format_datetime, ltr
from app.gui.qt import (
    QAbstractItemView,
    QCoreApplication,
    QEvent,
    QHeaderView,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

RELEASE, BLUEPRINT, BUILT, BUILT_BY, RUNS, STATUS, DEPLOYED, DEPLOYED_BY = range(8)


def outcome_name(status: str | None) -> str:
    """How a release's last deploy to the environment ended, in words."""
    translate = QCoreApplication.translate
    return {
        None: translate("ReleaseTable", "Not deployed here"),
        "deployed": translate("ReleaseTable", "Deployed"),
        ROLLED_BACK: translate("ReleaseTable", "Rolled back"),
        "switched_back": translate("ReleaseTable", "Switched back"),
        "failed": translate("ReleaseTable", "Failed"),
        RUNNING: translate("ReleaseTable", "Running (another console)"),
        DEPLOYING: translate("ReleaseTable", "Being deployed from here"),
        INTERRUPTED: translate("ReleaseTable", "Interrupted"),
    }.get(status, status or "")


class ReleaseTable(QTreeWidget):
    """One row per built release, oldest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("releaseTable")
        self.setColumnCount(8)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setMinimumHeight(self.fontMetrics().height() * 7)
        header = self.header()
        header.setStretchLastSection(True)
        for column in range(DEPLOYED_BY):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.rows: list[ReleaseRow] = []
        self.retranslate()

    def show_rows(self, rows: Sequence[ReleaseRow]) -> None:
        self.rows = list(rows)
        self.clear()
        for row in self.rows:
            item = QTreeWidgetItem(self)
            item.setData(RELEASE, Qt.ItemDataRole.UserRole, row.release)
            self._texts(item, row)

    def item_of(self, release: int) -> QTreeWidgetItem | None:
        index = next((i for i, r in enumerate(self.rows) if r.release == release), -1)
        return self.topLevelItem(index) if index >= 0 else None

    def _texts(self, item: QTreeWidgetItem, row: ReleaseRow) -> None:
        item.setText(RELEASE, fill("%1", row.release))
        item.setText(BLUEPRINT, fill("%1", row.blueprint_version))
        item.setText(BUILT, format_datetime(row.built_at, "short"))
        item.setText(BUILT_BY, ltr(row.built_by))
        item.setText(RUNS, self.tr("Runs now") if row.current else "")
        item.setText(STATUS, outcome_name(row.status))
        item.setToolTip(STATUS, row.reason)
        item.setText(DEPLOYED, format_datetime(row.deployed_at, "short") if row.deployed_at else "")
        item.setText(DEPLOYED_BY, ltr(row.deployed_by) if row.deployed_by else "")
        spoken = fill(self.tr("Release %1, blueprint version %2, built %3 by %4; %5"),
                      row.release, row.blueprint_version, item.text(BUILT), ltr(row.built_by),
                      item.text(STATUS))
        if row.current:
            spoken = " ".join((spoken, self.tr("Runs now.")))
        for column in range(self.columnCount()):
            item.setData(column, Qt.ItemDataRole.AccessibleTextRole, spoken)

    def retranslate(self) -> None:
        self.setHeaderLabels([self.tr("Release"), self.tr("Blueprint"), self.tr("Built"),
                              self.tr("Built by"), self.tr("Here"), self.tr("Last deploy here"),
                              self.tr("Deployed"), self.tr("Deployed by")])
        self.setAccessibleName(self.tr("Releases of the platform"))
        for index, row in enumerate(self.rows):
            item = self.topLevelItem(index)
            if item is not None:
                self._texts(item, row)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
