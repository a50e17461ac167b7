"""The owner's choices for a plan: the cloud account, the location and the networks that
may reach SSH — each with its problem, in the domain's words, right under it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from app.domain.cloud.model import LOCATIONS, CloudSpecError
from app.gui.deploy.environments import EnvironmentRow
from app.gui.deploy.planning import PlanRequest, networks_problem, split_networks
from app.gui.deploy.texts import spec_problem
from app.gui.formatting import fill, ltr
from app.gui.live_text import show_text
from app.gui.qt import (
    QComboBox,
    QEvent,
    QFormLayout,
    QLabel,
    QLineEdit,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

ACCOUNT, LOCATION, SSH_FROM = range(3)


def _field_error(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("fieldError")
    label.setAccessibleName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()
    return label


class PlanForm(QWidget):
    changed = Signal()  # a choice changed: a plan on screen no longer answers it

    def __init__(self, workspace_name: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planForm")
        self._workspace_name = workspace_name
        self.row: EnvironmentRow | None = None
        self.account = QComboBox(self)
        self.account.setObjectName("deployAccount")
        self.account.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.location = QComboBox(self)
        self.location.setObjectName("deployLocation")
        for location, (country, _zone) in sorted(LOCATIONS.items()):
            self.location.addItem(ltr(f"{location} ({country})"), location)  # codes, no words
        self.location.currentIndexChanged.connect(self._location_changed)
        self.location_error = _field_error(self, "location")
        self.ssh_from = QLineEdit(self)
        self.ssh_from.setObjectName("deploySshFrom")
        self.ssh_from.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # networks read left to right
        self.ssh_from.textChanged.connect(self._networks_changed)
        self.ssh_error = _field_error(self, "ssh_from")
        self.labels = [QLabel(self) for _ in range(3)]
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, field, error in zip(self.labels, (self.account, self.location, self.ssh_from),
                                       (None, self.location_error, self.ssh_error), strict=True):
            label.setBuddy(field)
            cell = QWidget(self)
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(field)
            if error is not None:
                column.addWidget(error)
            form.addRow(label, cell)
        self.retranslate()

    # ------------------------------------------------------------------ choices
    def set_accounts(self, names: Sequence[str]) -> None:
        chosen = self.account.currentText()
        self.account.blockSignals(True)
        try:
            self.account.clear()
            self.account.addItems(list(names))
            if chosen in names:
                self.account.setCurrentText(chosen)
        finally:
            self.account.blockSignals(False)
        if self.account.currentText() != chosen:
            self.changed.emit()

    def set_environment(self, row: EnvironmentRow | None) -> None:
        """The chosen environment: its own Hetzner region is the default location. The same
        environment listed again (its blueprint revised) keeps the owner's choices."""
        same = row is not None and self.row is not None and row.key == self.row.key
        self.row = row
        if same:
            self._networks_changed()
            return
        self.location.blockSignals(True)
        try:
            index = self.location.findData(row.region) if row is not None and row.on_hetzner else -1
            self.location.setCurrentIndex(index)
        finally:
            self.location.blockSignals(False)
        self.clear_problems()
        self._networks_changed()

    def request(self) -> PlanRequest | None:
        row = self.row
        if row is None or self.account.currentIndex() < 0:
            return None
        location = self.location.currentData() if self.location.currentIndex() >= 0 else None
        return PlanRequest(row.platform, row.environment, self.account.currentText(),
                           location, split_networks(self.ssh_from.text()))

    # ------------------------------------------------------------------ problems
    def show_problem(self, exc: CloudSpecError) -> bool:
        """Show ``exc`` next to its field; False when it is about no field here."""
        label = {"location": self.location_error, "ssh_from": self.ssh_error}.get(exc.setting)
        if label is None:
            return False
        show_text(label, lambda: spec_problem(exc))
        label.show()
        (self.location if label is self.location_error else self.ssh_from).setFocus()
        return True

    def clear_problems(self) -> None:
        for label in (self.location_error, self.ssh_error):
            label.hide()
            label.clear()

    def _location_changed(self, _index: int) -> None:
        self.location_error.hide()
        self.changed.emit()

    def _networks_changed(self) -> None:
        """The networks are judged as they are typed."""
        row = self.row
        problem = None
        if row is not None:
            location = self.location.currentData() if self.location.currentIndex() >= 0 else None
            probe = PlanRequest(row.platform, row.environment, self.account.currentText(),
                                location, split_networks(self.ssh_from.text()))
            problem = networks_problem(row.document, probe, self._workspace_name())
        if problem is None:
            self.ssh_error.hide()
        else:
            show_text(self.ssh_error, lambda: spec_problem(problem))
            self.ssh_error.show()
        self.changed.emit()

    @property
    def networks_ok(self) -> bool:
        return self.ssh_error.isHidden()

    # ------------------------------------------------------------------ drawing
    def retranslate(self) -> None:
        for label, text in zip(self.labels, (self.tr("Cloud &account:"), self.tr("&Location:"),
                                             self.tr("SSH &from:")), strict=True):
            label.setText(text)
        self.account.setAccessibleName(self.tr("Cloud account"))
        self.location.setAccessibleName(self.tr("Location"))
        self.location.setPlaceholderText(self.tr("choose a Hetzner location"))
        self.ssh_from.setAccessibleName(self.tr("Networks that may reach SSH"))
        self.ssh_from.setPlaceholderText(fill(self.tr("e.g. %1, comma separated; empty: SSH "
                                                      "stays closed"), ltr("203.0.113.0/24")))
        self.ssh_from.setToolTip(self.tr("Only these networks may reach the servers' SSH port. "
                                         "Web traffic (80 and 443) is open to everyone."))
        self.location_error.setAccessibleName(self.tr("Problem with the location"))
        self.ssh_error.setAccessibleName(self.tr("Problem with the SSH networks"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
