"""The environments of the workspace's platforms: each platform, and under it one row per
environment — its name, where it stands (region) and its status badge."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.gui.deploy.environments import EnvironmentRow, EnvironmentStatus
from app.gui.deploy.texts import platform_name, region_text, status_name
from app.gui.formatting import fill, ltr
from app.gui.qt import (
    QAbstractItemView,
    QEvent,
    QHeaderView,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
    Signal,
)

ENVIRONMENT, REGION, STATUS = range(3)
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class EnvironmentList(QTreeWidget):
    chosen = Signal(object)  # the EnvironmentRow now chosen, or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deployEnvironments")
        self.setColumnCount(3)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)  # every platform shows its environments
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(ENVIRONMENT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(REGION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.ResizeToContents)
        self.rows: list[EnvironmentRow] = []
        self.statuses: Mapping[tuple[str, str], EnvironmentStatus] = {}
        self.items: list[QTreeWidgetItem] = []  # one per environment, as ``rows``
        self.platforms: list[QTreeWidgetItem] = []
        self.currentItemChanged.connect(lambda *_a: self.chosen.emit(self.current()))
        self.retranslate()

    def set_rows(self, rows: Sequence[EnvironmentRow],
                 statuses: Mapping[tuple[str, str], EnvironmentStatus]) -> None:
        """Show ``rows``, keeping the chosen environment chosen when it is still there."""
        before = self.current()
        self.rows = list(rows)
        self.statuses = dict(statuses)
        self.blockSignals(True)
        try:
            self.clear()
            self.items = []
            self.platforms = []
            parents: dict[str, QTreeWidgetItem] = {}
            for row in self.rows:
                parent = parents.get(row.platform)
                if parent is None:
                    parent = parents[row.platform] = QTreeWidgetItem(self)
                    parent.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: not chosen itself
                    parent.setFirstColumnSpanned(True)
                    font = parent.font(0)
                    font.setBold(True)
                    parent.setFont(0, font)
                    parent.setData(0, ROW_ROLE, None)
                    self.platforms.append(parent)
                    self._platform_texts(parent, row)
                item = QTreeWidgetItem(parent)
                item.setData(ENVIRONMENT, ROW_ROLE, row)
                self._texts(item, row)
                self.items.append(item)
            self.expandAll()
        finally:
            self.blockSignals(False)
        keep = next((i for i, r in enumerate(self.rows)
                     if before is not None and r.key == before.key), 0 if self.rows else -1)
        if keep >= 0:
            self.setCurrentItem(self.items[keep])
        if self.current() is None or before is None or self.current() != before:
            self.chosen.emit(self.current())

    def _platform_texts(self, item: QTreeWidgetItem, row: EnvironmentRow) -> None:
        platform = platform_name(row)
        item.setText(0, platform)
        item.setToolTip(0, fill(self.tr("%1 (key %2)"), platform, ltr(row.platform)))
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, fill(self.tr("Platform %1"), platform))

    def _texts(self, item: QTreeWidgetItem, row: EnvironmentRow) -> None:
        status = self.statuses.get(row.key)
        platform = platform_name(row)
        item.setText(ENVIRONMENT, ltr(row.environment))
        item.setText(REGION, region_text(row))
        item.setText(STATUS, status_name(status) if status is not None else "")
        spoken = fill(self.tr("%1, environment %2, %3: %4"), platform, ltr(row.environment),
                      region_text(row), item.text(STATUS))
        for column in range(self.columnCount()):
            item.setData(column, Qt.ItemDataRole.AccessibleTextRole, spoken)

    def current(self) -> EnvironmentRow | None:
        item = self.currentItem()
        if item is None:
            return None
        row: EnvironmentRow | None = item.data(ENVIRONMENT, ROW_ROLE)
        return row

    def choose(self, platform: str, environment: str) -> bool:
        for index, row in enumerate(self.rows):
            if row.key == (platform, environment):
                self.setCurrentItem(self.items[index])
                return True
        return False

    def retranslate(self) -> None:
        self.setHeaderLabels([self.tr("Environment"), self.tr("Region"), self.tr("Status")])
        self.setAccessibleName(self.tr("Environments of the platforms"))
        for item, row in zip(self.items, self.rows, strict=True):
            self._texts(item, row)
            parent = item.parent()
            if parent is not None:
                self._platform_texts(parent, row)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
