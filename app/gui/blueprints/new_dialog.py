"""Choose a domain template and a key for a new blueprint."""

from __future__ import annotations

import re

from app.gui.blueprints.labels import domain_name
from app.gui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRegularExpression,
    QRegularExpressionValidator,
    Qt,
    QVBoxLayout,
    QWidget,
)
from app.gui.screen_fit import NAME_FIELD_WIDTH, fit_to_screen, keep_title_whole

KEY_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}$"


class NewBlueprintDialog(QDialog):
    def __init__(self, templates: list[str], taken: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newBlueprintDialog")
        self._taken = set(taken)
        self.template = QComboBox(self)
        self.template.setObjectName("templateChoice")
        for name in templates:
            self.template.addItem(domain_name(name), name)
        self.key = QLineEdit(self)
        self.key.setObjectName("newKey")
        self.key.setValidator(QRegularExpressionValidator(QRegularExpression("[a-z0-9-]{0,63}"), self))
        self.key.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # keys are Latin code
        for field in (self.template, self.key):
            field.setMinimumWidth(NAME_FIELD_WIDTH)
        self.template_label = QLabel(self)
        self.template_label.setBuddy(self.template)
        self.key_label = QLabel(self)
        self.key_label.setBuddy(self.key)
        self.problem = QLabel(self)
        self.problem.setObjectName("fieldError")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.template_label, self.template)
        form.addRow(self.key_label, self.key)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.key.textChanged.connect(lambda _text: self._check())
        self.retranslate()
        fit_to_screen(self)

    def chosen(self) -> tuple[str, str]:
        return self.template.currentData() or "", self.key.text().strip()

    def _problem(self) -> str:
        template, key = self.chosen()
        if not template:
            return self.tr("No templates are installed.")
        if not key:
            return ""
        if not re.fullmatch(KEY_PATTERN, key):
            return self.tr("Use lower-case letters, digits and '-', starting with a letter or digit.")
        if key in self._taken:
            return self.tr("A blueprint with this key already exists.")
        return ""

    def _check(self) -> None:
        problem = self._problem()
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem and bool(self.chosen()[1]))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New blueprint"))
        keep_title_whole(self)
        self.template_label.setText(self.tr("&Domain template:"))
        self.key_label.setText(self.tr("&Key:"))
        self.key.setPlaceholderText(self.tr("for example: patient-portal"))
        self.key.setToolTip(self.tr("The blueprint's permanent name in this workspace."))
        self.template.setAccessibleName(self.tr("Domain template"))
        self.key.setAccessibleName(self.tr("Blueprint key"))
        for index in range(self.template.count()):
            self.template.setItemText(index, domain_name(self.template.itemData(index)))
        self._check()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
