"""The owner's choice of a way back when migrations ran since the release a rollback goes
to (``webnova release rollback --downgrade|--restore-backup``): each way with what it
loses, in the console's language (the plan's Arabic when the console is Arabic), none
chosen at first; the rollback button is enabled only once one is, and Escape cancels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.gui.formatting import fill, language, ltr
from app.gui.qt import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QRadioButton,
    Qt,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from app.services.release_rollback import RollbackPlan


class RollbackChoiceDialog(QDialog):
    def __init__(self, plan: RollbackPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rollbackChoiceDialog")
        self.setWindowTitle(self.tr("Choose how to go back"))
        where = ltr(f"{plan.platform}/{plan.environment}")
        self.text = QLabel(fill(self.tr(
            "Migrations ran on %1 since release %2: its database is newer than release %2 "
            "knows. Choose how to go back from release %3; either way loses data:"),
            where, plan.target, plan.current), self)
        self.text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        self.group = QButtonGroup(self)
        self.ways: dict[str, QRadioButton] = {}
        arabic = language() == "ar"
        titles = {"downgrade": self.tr("&Downgrade the database"),
                  "restore": self.tr("&Restore the backup")}
        for consequence in plan.options():
            button = QRadioButton(titles[consequence.choice], self)
            button.setObjectName(f"{consequence.choice}Way")
            said = QLabel(consequence.ar if arabic else consequence.en, self)
            said.setObjectName(f"{consequence.choice}Consequence")
            said.setWordWrap(True)
            said.setTextFormat(Qt.TextFormat.PlainText)
            said.setIndent(self.fontMetrics().averageCharWidth() * 3)
            said.setBuddy(button)
            button.setAccessibleDescription(said.text())
            self.group.addButton(button)
            self.ways[consequence.choice] = button
            layout.addWidget(button)
            layout.addWidget(said)
        if plan.backup is None:
            self.no_backup = QLabel(fill(self.tr(
                "Restoring a backup is not possible: none was taken before a deploy after "
                "release %1."), plan.target), self)
            self.no_backup.setWordWrap(True)
            layout.addWidget(self.no_backup)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.confirm: QPushButton = self.buttons.addButton(
            self.tr("Roll &back this way"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm.setEnabled(False)
        self.group.buttonToggled.connect(lambda _b, _on: self.confirm.setEnabled(
            self.choice() is not None))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

    def choice(self) -> str | None:
        """The way chosen ("downgrade" or "restore"); None until one is."""
        return next((way for way, button in self.ways.items() if button.isChecked()), None)

    def _accept(self) -> None:
        if self.choice() is not None:
            self.accept()
