"""A plan as a tree: one item per step — its mark (+ ~ −/+ −), what it does, the kind and
name of the resource, and why — with the settings it changes (before → after) under it;
a firewall's rules one rule per line ("+ tcp 22 from 203.0.113.0/24"), not as JSON.

A step that destroys data is drawn in the theme's error colour, with a warning icon and
the words "its data is lost", so it never rests on colour alone.
"""

from __future__ import annotations

from app.domain.cloud.model import Kind
from app.domain.cloud.plan import Plan, Step
from app.gui.deploy.texts import MARKS, action_name, change_text, kind_name, reason, rule_changes
from app.gui.formatting import fill, ltr
from app.gui.qt import (
    QAbstractItemView,
    QBrush,
    QEvent,
    QFont,
    QHeaderView,
    QPalette,
    QStyle,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)
from app.gui.theme import accent

CHANGE, KIND, NAME, WHY = range(4)
STEP_ROLE = Qt.ItemDataRole.UserRole + 1  # the Step an item shows


class PlanTree(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planTree")
        self.setColumnCount(4)
        self.setUniformRowHeights(False)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(CHANGE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(KIND, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.ResizeToContents)
        self.plan: Plan | None = None
        self.retranslate()

    def show_plan(self, plan: Plan | None) -> None:
        self.plan = plan
        self.clear()
        if plan is None:
            return
        for step in plan.steps:
            self.addTopLevelItem(self._step_item(step))
        self._colour()
        items = self.step_items()
        if items:
            self.setCurrentItem(items[0])

    def _step_item(self, step: Step) -> QTreeWidgetItem:
        item = QTreeWidgetItem()
        item.setData(CHANGE, STEP_ROLE, step)
        change = fill("%1 %2", MARKS[step.action], action_name(step.action))
        why = reason(step)
        if step.destroys_data:
            # Said in the column that is never cut short, beside an icon, in bold.
            change = fill(self.tr("%1 — its data is lost"), change)
            item.setIcon(CHANGE, self.style().standardIcon(
                QStyle.StandardPixmap.SP_MessageBoxWarning, None, self))
            font = QFont(item.font(CHANGE))
            font.setBold(True)
            for column in range(self.columnCount()):
                item.setFont(column, font)
        item.setText(CHANGE, change)
        item.setText(KIND, kind_name(step.kind))
        item.setText(NAME, ltr(step.name))
        item.setText(WHY, why)
        spoken = fill(self.tr("%1 %2 %3; why: %4"), change, kind_name(step.kind),
                      ltr(step.name), why)
        for column in range(self.columnCount()):
            item.setData(column, Qt.ItemDataRole.AccessibleTextRole, spoken)
        item.setToolTip(WHY, why)
        for setting in step.changes:
            if step.kind is Kind.firewall and setting.setting == "rules":
                texts = rule_changes(setting.before, setting.after)
            else:
                texts = [change_text(setting.before, setting.after)]
            for text in texts:
                child = QTreeWidgetItem(item)
                child.setText(NAME, ltr(setting.setting))
                child.setText(WHY, text)
                child.setToolTip(WHY, text)
                said = fill(self.tr("Setting %1: %2"), ltr(setting.setting), text)
                for column in range(self.columnCount()):
                    child.setData(column, Qt.ItemDataRole.AccessibleTextRole, said)
        return item

    def _colour(self) -> None:
        """Data-destroying steps in the theme's error colour (repainted when it changes)."""
        window = self.palette().color(QPalette.ColorRole.Base)
        scheme = "dark" if window.lightness() < 128 else "light"
        danger = QBrush(accent(scheme, "error"))
        for item in self.step_items():
            step: Step = item.data(CHANGE, STEP_ROLE)
            if step.destroys_data:
                for column in range(self.columnCount()):
                    item.setForeground(column, danger)

    def step_items(self) -> list[QTreeWidgetItem]:
        items = (self.topLevelItem(row) for row in range(self.topLevelItemCount()))
        return [item for item in items if item is not None]

    def retranslate(self) -> None:
        self.setHeaderLabels([self.tr("Change"), self.tr("Resource"), self.tr("Name"),
                              self.tr("Why")])
        self.setAccessibleName(self.tr("Plan steps"))
        self.setAccessibleDescription(self.tr("Each step of the plan; expand a step to see "
                                              "the settings it changes"))
        if self.plan is not None:  # the same plan in the new language, as it was opened
            chosen = self.currentItem()
            current = self.indexOfTopLevelItem(chosen) if chosen is not None else 0
            expanded = [item.isExpanded() for item in self.step_items()]
            self.show_plan(self.plan)
            items = self.step_items()
            for item, was in zip(items, expanded, strict=False):
                item.setExpanded(was)
            if items:
                self.setCurrentItem(items[min(max(current, 0), len(items) - 1)])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange and self.plan is not None:
            self._colour()
        super().changeEvent(event)
