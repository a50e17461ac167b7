"""The environments of the workspace's platforms: each platform, and under it one row per
environment — its name, where it stands (region), its status badge (the latest deployment)
and its drift badge (the last drift check, until the next check or apply)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.gui.deploy.environments import EnvironmentRow, Standing
from app.gui.deploy.texts import drift_badge, platform_name, region_text, status_name
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

ENVIRONMENT, REGION, STATUS, DRIFT = range(4)
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class EnvironmentList(QTreeWidget):
    chosen = Signal(object)  # the EnvironmentRow now chosen, or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deployEnvironments")
        self.setColumnCount(4)
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
        header.setSectionResizeMode(DRIFT, QHeaderView.ResizeMode.ResizeToContents)
        self.rows: list[EnvironmentRow] = []
        self.statuses: Mapping[tuple[str, str], Standing] = {}
        self.drift: dict[tuple[str, str], int] = {}  # drift items found by the last check
        self.items: list[QTreeWidgetItem] = []  # one per environment, as ``rows``
        self.platforms: list[QTreeWidgetItem] = []
        self.currentItemChanged.connect(lambda *_a: self.chosen.emit(self.current()))
        self.retranslate()

    def set_rows(self, rows: Sequence[EnvironmentRow],
                 statuses: Mapping[tuple[str, str], Standing]) -> None:
        """Show ``rows``, keeping the chosen environment chosen when it is still there. A
        drift badge stays until the environment's deployment moves on (an apply)."""
        before = self.current()
        self.drift = {key: items for key, items in self.drift.items()
                      if key not in self.statuses or statuses.get(key) == self.statuses[key]}
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
            self.setColumnHidden(DRIFT, not self.drift)
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
        item.setText(DRIFT, drift_badge(self.drift.get(row.key)))
        spoken = fill(self.tr("%1, environment %2, %3: %4"), platform, ltr(row.environment),
                      region_text(row), item.text(STATUS))
        if item.text(DRIFT):
            spoken = fill(self.tr("%1; %2"), spoken, item.text(DRIFT))
        for column in range(self.columnCount()):
            item.setData(column, Qt.ItemDataRole.AccessibleTextRole, spoken)

    def current(self) -> EnvironmentRow | None:
        item = self.currentItem()
        if item is None:
            return None
        row: EnvironmentRow | None = item.data(ENVIRONMENT, ROW_ROLE)
        return row

    def set_drift(self, key: tuple[str, str], items: int | None) -> None:
        """Mark the environment drifted (``items`` found), clean (0) or unchecked (None)."""
        if items is None:
            self.drift.pop(key, None)
        else:
            self.drift[key] = items
        for item, row in zip(self.items, self.rows, strict=True):
            if row.key == key:
                self._texts(item, row)
        self.setColumnHidden(DRIFT, not self.drift)  # room for the regions until checked

    def choose(self, platform: str, environment: str) -> bool:
        for index, row in enumerate(self.rows):
            if row.key == (platform, environment):
                self.setCurrentItem(self.items[index])
                return True
        return False

    def retranslate(self) -> None:
        self.setHeaderLabels([self.tr("Environment"), self.tr("Region"), self.tr("Status"),
                             self.tr("Drift")])
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
