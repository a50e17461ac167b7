"""The deployments of the chosen environment, oldest first — number, kind, state, steps
done of all, who, when, the plan's hash — and "Roll back to this" on an applied one, which
asks for a rollback plan to that deployment's desired state."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from app.gui.deploy.environments import Standing
from app.gui.deploy.texts import state_name
from app.gui.formatting import fill, format_datetime, ltr
from app.gui.qt import (
    QAbstractItemView,
    QEvent,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from app.services.deployments import Deployment

NUMBER, KIND, STATE, STEPS, BY, WHEN, PLAN = range(7)


class DeploymentHistory(QWidget):
    rollback_to = Signal(int)  # the deployment number to go back to

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deployHistory")
        self.table = QTreeWidget(self)
        self.table.setObjectName("deployHistoryTable")
        self.table.setColumnCount(7)
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.header()
        header.setStretchLastSection(True)
        for column in range(PLAN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.rollback = QPushButton(self)
        self.rollback.setObjectName("rollbackToButton")
        self.rollback.clicked.connect(self._rollback)
        row = QHBoxLayout()
        row.addWidget(self.rollback)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.deployments: list[Deployment] = []
        self.table.currentItemChanged.connect(lambda *_a: self._update())
        self.retranslate()

    def show_history(self, deployments: Sequence[Deployment]) -> None:
        chosen = self.chosen()
        self.deployments = list(deployments)
        self.table.clear()
        for deployment in self.deployments:
            item = QTreeWidgetItem(self.table)
            item.setData(NUMBER, Qt.ItemDataRole.UserRole, deployment.number)
            self._texts(item, deployment)
        keep = next((i for i, d in enumerate(self.deployments)
                     if chosen is not None and d.number == chosen.number), -1)
        if keep >= 0:
            self.table.setCurrentItem(self.table.topLevelItem(keep))
        self._update()

    def _texts(self, item: QTreeWidgetItem, deployment: Deployment) -> None:
        state_text = state_name(Standing.of({"state": deployment.state}).status)
        item.setText(NUMBER, fill("%1", deployment.number))
        item.setText(KIND, self.kind_name(deployment.kind))
        item.setText(STATE, state_text)
        item.setText(STEPS, fill(self.tr("%1 of %2"), deployment.done, deployment.steps))
        item.setText(BY, ltr(deployment.actor))
        item.setText(WHEN, format_datetime(deployment.started_at, "short"))
        item.setText(PLAN, ltr(deployment.plan_hash[:12]))
        spoken = fill(self.tr("Deployment %1: %2, %3, steps done: %4, by %5, %6"),
                      deployment.number, item.text(KIND), state_text, item.text(STEPS),
                      ltr(deployment.actor), item.text(WHEN))
        for column in range(self.table.columnCount()):
            item.setData(column, Qt.ItemDataRole.AccessibleTextRole, spoken)

    def kind_name(self, kind: str) -> str:
        return {"apply": self.tr("apply"), "rollback": self.tr("rollback"),
                "destroy": self.tr("destroy")}.get(kind, kind)

    def chosen(self) -> Deployment | None:
        item = self.table.currentItem()
        if item is None:
            return None
        index = self.table.indexOfTopLevelItem(item)
        return self.deployments[index] if 0 <= index < len(self.deployments) else None

    def _update(self) -> None:
        chosen = self.chosen()
        self.rollback.setEnabled(chosen is not None and chosen.state == "applied"
                                 and chosen.kind != "destroy")
        self.empty.setVisible(not self.deployments)
        self.table.setVisible(bool(self.deployments))

    def _rollback(self) -> None:
        chosen = self.chosen()
        if chosen is not None and chosen.state == "applied":
            self.rollback_to.emit(chosen.number)

    def retranslate(self) -> None:
        self.table.setHeaderLabels([self.tr("#"), self.tr("Kind"), self.tr("State"),
                                    self.tr("Steps"), self.tr("By"), self.tr("Started"),
                                    self.tr("Plan")])
        self.table.setAccessibleName(self.tr("Deployments of the environment"))
        self.empty.setText(self.tr("Nothing has been deployed to this environment yet."))
        self.rollback.setText(self.tr("Roll back &to this"))
        self.rollback.setToolTip(self.tr("Plan the way back to the state this deployment "
                                         "applied; review it, then apply it"))
        for row, deployment in enumerate(self.deployments):
            item = self.table.topLevelItem(row)
            if item is not None:
                self._texts(item, deployment)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
