"""Destroying an environment: the first dialog says what goes and asks whether the volumes
(the data) go too; deleting the data asks a second time, where the owner types
``PLATFORM/ENV`` before the button can be pressed. The plan is then shown for review and
applied as any other (the owner's approval always comes first)."""

from __future__ import annotations

from app.gui.formatting import fill, ltr
from app.gui.qt import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
)


class DestroyDialog(QDialog):
    def __init__(self, platform: str, environment: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("destroyDialog")
        self.setWindowTitle(self.tr("Destroy environment"))
        self.text = QLabel(fill(self.tr(
            "Plan the deletion of every resource of %1 in the cloud: servers, addresses, "
            "network, firewall, load balancer. The plan is shown for review first and is "
            "applied only with the owner's approval."), ltr(f"{platform}/{environment}")), self)
        self.text.setWordWrap(True)
        self.delete_data = QCheckBox(self.tr("Also delete the &volumes (the data)"), self)
        self.delete_data.setToolTip(self.tr("Without this, the volumes and the data on them "
                                            "are kept"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.plan_button: QPushButton = self.buttons.addButton(
            self.tr("&Plan the destroy"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.plan_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.delete_data)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)


class ConfirmDataDialog(QDialog):
    """The second confirmation of deleting the data: type ``PLATFORM/ENV``."""

    def __init__(self, platform: str, environment: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confirmDataDialog")
        self.expected = f"{platform}/{environment}"
        self.setWindowTitle(self.tr("Delete the data for good"))
        self.text = QLabel(fill(self.tr(
            "This deletes the volumes of %1 and the data on them, for good. Type %1 to "
            "confirm:"), ltr(self.expected)), self)
        self.text.setWordWrap(True)
        self.typed = QLineEdit(self)
        self.typed.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.typed.setAccessibleName(fill(self.tr("Type %1 to confirm"), ltr(self.expected)))
        self.text.setBuddy(self.typed)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.confirm: QPushButton = self.buttons.addButton(
            self.tr("&Delete the data too"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm.setEnabled(False)
        self.typed.textChanged.connect(
            lambda text: self.confirm.setEnabled(text.strip() == self.expected))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.typed)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def _accept(self) -> None:
        if self.typed.text().strip() == self.expected:
            self.accept()
