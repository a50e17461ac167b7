"""The form of the selected tree node: one control per attribute of the node's model.

Controls report the owner's changes as ``edited(path, value)``; values set from outside
(after an undo, or when the raw text changes) are loaded without echoing back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.domain.blueprint.findings import Finding, Severity
from app.gui.blueprints.form_spec import (
    FormField,
    entity_names,
    form_fields,
    relevant,
    role_names,
)
from app.gui.blueprints.labels import attribute_name, value_name
from app.gui.blueprints.session import resolve
from app.gui.formatting import language
from app.gui.qt import (
    QCheckBox,
    QComboBox,
    QEvent,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
    Signal,
)

MARKS = {"error": "✖", "warning": "⚠", "": ""}  # before a marked field's name
ACTIONS = ("list", "read", "create", "update", "delete", "export", "approve")
UNSET = "—"
CODE_KINDS = frozenset({"text", "list", "mapping", "decimal", "scalar", "entity"})
HUMAN_TEXT = frozenset({"owner", "provider"})  # free text, in whichever language
SPIN_LIMIT = 2_000_000_000
LOCALIZED_FIELD_WIDTH = 200  # each language's box; the form gives them its whole width


class LocalizedEdit(QWidget):
    """English and Arabic text, one above the other so each box has the field's whole
    width; each box keeps its language's direction."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.en_label = QLabel(self)
        self.ar_label = QLabel(self)
        self.en = QLineEdit(self)
        self.ar = QLineEdit(self)
        self.en.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.ar.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.en_label.setBuddy(self.en)
        self.ar_label.setBuddy(self.ar)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setColumnStretch(1, 1)
        for row, (label, edit) in enumerate(((self.en_label, self.en), (self.ar_label, self.ar))):
            label.setObjectName("languageTag")
            edit.setMinimumWidth(LOCALIZED_FIELD_WIDTH)
            layout.addWidget(label, row, 0)
            layout.addWidget(edit, row, 1)
            edit.textEdited.connect(lambda _text: self.changed.emit())

    def value(self) -> tuple[str, str]:
        return self.en.text(), self.ar.text()

    def set_value(self, value: tuple[str, str]) -> None:
        for edit, text in zip((self.en, self.ar), value, strict=True):
            if edit.text() != text:
                edit.setText(text)
                edit.setCursorPosition(0)  # show the beginning of a long text

    def retranslate(self, name: str) -> None:
        self.en_label.setText(self.tr("EN"))
        self.ar_label.setText(self.tr("AR"))
        self.en_label.setToolTip(self.tr("English"))
        self.ar_label.setToolTip(self.tr("Arabic"))
        self.en.setAccessibleName(f"{name} ({self.tr('English')})")
        self.ar.setAccessibleName(f"{name} ({self.tr('Arabic')})")


class FlagsEdit(QWidget):
    """A check box per allowed value, one to a line: every choice stays visible in a narrow
    form (compliance frameworks, languages), never beyond its right edge."""

    changed = Signal()
    COLUMNS = 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setColumnStretch(self.COLUMNS, 1)

    def set_choices(self, choices: list[str], name_of: Callable[[str], str]) -> None:
        if list(self.boxes) != choices:
            for box in self.boxes.values():
                self._layout.removeWidget(box)
                box.deleteLater()
            self.boxes = {}
            for position, choice in enumerate(choices):
                box = QCheckBox(self)
                box.clicked.connect(lambda _on: self.changed.emit())
                self._layout.addWidget(box, position // self.COLUMNS, position % self.COLUMNS)
                self.boxes[choice] = box
        for choice, box in self.boxes.items():
            box.setText(name_of(choice))

    def value(self) -> list[str]:
        return [choice for choice, box in self.boxes.items() if box.isChecked()]

    def set_value(self, chosen: list[str]) -> None:
        for choice, box in self.boxes.items():
            box.setChecked(choice in chosen)


class PermissionsEdit(QTableWidget):
    """A role's permissions: a row per entity, a column per action."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(len(ACTIONS) + 1)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Every entity is listed: the form scrolls, not the table.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTabKeyNavigation(False)
        self._entities: list[str] = []
        self._loading = False
        self.itemChanged.connect(self._item_changed)

    def _item_changed(self, _item: QTableWidgetItem) -> None:
        if not self._loading:
            self.changed.emit()

    def set_value(self, permissions: list[Any], entities: list[str]) -> None:
        named = [p.get("entity") for p in permissions if isinstance(p, dict)]
        rows = entities + [e for e in named if isinstance(e, str) and e not in entities]
        by_entity = {p.get("entity"): p for p in permissions if isinstance(p, dict)}
        self._loading = True
        self._entities = rows
        self.setRowCount(len(rows))
        for row, entity in enumerate(rows):
            self.setVerticalHeaderItem(row, QTableWidgetItem(entity))
            given = by_entity.get(entity, {})
            listed = given.get("actions")
            actions: list[Any] = listed if isinstance(listed, list) else []
            for column, action in enumerate(ACTIONS):
                self._check(row, column, action in actions)
            self._check(row, len(ACTIONS), given.get("own_records_only") is True)
        self._loading = False
        self._fit_height()

    def _fit_height(self) -> None:
        self.resizeRowsToContents()
        height = (self.horizontalHeader().sizeHint().height() + self.verticalHeader().length()
                  + 2 * self.frameWidth() + self.horizontalScrollBar().sizeHint().height())
        self.setFixedHeight(height)

    def _check(self, row: int, column: int, on: bool) -> None:
        item = self.item(row, column)
        if item is None:
            item = QTableWidgetItem()
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            self.setItem(row, column, item)
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def value(self) -> list[dict[str, Any]]:
        result = []
        for row, entity in enumerate(self._entities):
            actions = [a for c, a in enumerate(ACTIONS) if self._on(row, c)]
            if not actions:
                continue
            permission: dict[str, Any] = {"entity": entity, "actions": actions}
            if self._on(row, len(ACTIONS)):
                permission["own_records_only"] = True
            result.append(permission)
        return result

    def _on(self, row: int, column: int) -> bool:
        item = self.item(row, column)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def retranslate(self) -> None:
        titles = [value_name("actions", a) for a in ACTIONS] + [self.tr("Own records only")]
        self.setHorizontalHeaderLabels(titles)
        self._fit_height()
        self.setAccessibleName(self.tr("Permissions by entity and action"))


class NodeForm(QWidget):
    edited = Signal(str, object)  # JSON Pointer, value (session.REMOVE: leave it out)

    def __init__(self, kind: str, path: str, document: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.path = path
        self.fields = form_fields(kind)
        self.controls: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.marks: dict[str, list[Finding]] = {}  # attr -> the findings at its field
        self._loading = False
        self._document = document
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.layout_.setFormAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
        for spec in self.fields:
            control = self._control(spec)
            label = QLabel(self)
            label.setObjectName("fieldLabel")
            label.setBuddy(control)
            self.controls[spec.attr] = control
            self.labels[spec.attr] = label
            self.layout_.addRow(label, control)
        self.retranslate()
        self.load(document)

    # ------------------------------------------------------------------ building
    def pointer(self, attr: str) -> str:
        return f"{self.path}/{attr}"

    def _control(self, spec: FormField) -> QWidget:
        kind = spec.kind
        report = lambda *_args, s=spec: self._changed(s)  # noqa: E731
        control: QWidget
        if kind == "localized":
            control = LocalizedEdit(self)
            control.changed.connect(report)
        elif kind in ("multiline", "localized_lines"):
            control = QPlainTextEdit(self)
            control.setTabChangesFocus(True)
            control.setFixedHeight(72)
            control.textChanged.connect(report)
        elif kind in ("choice", "entity"):
            control = QComboBox(self)
            control.setEditable(kind == "entity")
            if kind == "entity":
                control.editTextChanged.connect(report)
            else:
                control.activated.connect(report)
        elif kind in ("flags", "roles"):
            control = FlagsEdit(self)
            control.changed.connect(report)
        elif kind == "boolean":
            control = QCheckBox(self)
            control.clicked.connect(report)
        elif kind == "integer":
            control = QSpinBox(self)
            low = spec.minimum if spec.minimum is not None else -SPIN_LIMIT
            if spec.default is None:
                low -= 1  # the lowest value stands for "not set"
                control.setSpecialValueText(UNSET)
            control.setRange(low, spec.maximum if spec.maximum is not None else SPIN_LIMIT)
            control.setGroupSeparatorShown(False)
            control.valueChanged.connect(report)
        elif kind == "permissions":
            control = PermissionsEdit(self)
            control.changed.connect(report)
        else:
            control = QLineEdit(self)
            control.setReadOnly(spec.read_only)
            control.textEdited.connect(report)
        control.setObjectName(f"form_{spec.attr}")
        if kind in CODE_KINDS and spec.attr not in HUMAN_TEXT:
            # Identifiers, patterns, regions and numbers read left to right in either language.
            control.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        return control

    # ------------------------------------------------------------------ values
    def _node(self) -> dict[str, Any]:
        node = resolve(self._document, self.path) if self.path else self._document
        return node if isinstance(node, dict) else {}

    def load(self, document: dict[str, Any]) -> None:
        """Show ``document``'s values (nothing is reported back)."""
        self._document = document
        node = self._node()
        self._loading = True
        try:
            for spec in self.fields:
                self._show(spec, self.controls[spec.attr], spec.shown(node.get(spec.attr)))
        finally:
            self._loading = False
        self._show_relevant_rows()

    def set_document(self, document: dict[str, Any]) -> None:
        """The document changed by this form's own edit: keep the values typed, show the
        rows that now apply (a field's constraints follow its type)."""
        self._document = document
        self._show_relevant_rows()

    def _show_relevant_rows(self) -> None:
        node = self._node()
        for spec in self.fields:
            self.layout_.setRowVisible(self.controls[spec.attr], relevant(self.kind, spec.attr, node))

    def _show(self, spec: FormField, control: QWidget, shown: Any) -> None:
        kind = spec.kind
        if isinstance(control, LocalizedEdit):
            control.set_value(shown)
        elif isinstance(control, QPlainTextEdit):
            if control.toPlainText() != shown:
                control.setPlainText(shown)
        elif isinstance(control, QComboBox):
            self._fill_combo(spec, control, shown)
        elif isinstance(control, FlagsEdit):
            choices = list(spec.choices) if kind == "flags" else role_names(self._document)
            choices += [v for v in shown if v not in choices]
            attr = spec.attr
            control.set_choices(choices, lambda v: value_name(attr, v))
            control.set_value(shown)
        elif isinstance(control, QCheckBox):
            control.setChecked(bool(shown))
        elif isinstance(control, QSpinBox):
            control.setValue(control.minimum() if shown is None else int(shown))
        elif isinstance(control, PermissionsEdit):
            control.set_value(shown, entity_names(self._document))
        elif isinstance(control, QLineEdit) and control.text() != shown:
            control.setText(shown)
            control.setCursorPosition(0)

    def _fill_combo(self, spec: FormField, combo: QComboBox, shown: str) -> None:
        if spec.kind == "entity":
            values = ["", *entity_names(self._document)]
        else:
            values = ([""] if spec.optional_choice else []) + list(spec.choices)
        if shown not in values:
            values.append(shown)
        combo.clear()
        for value in values:
            text = value if spec.kind == "entity" else value_name(spec.attr, value)
            combo.addItem(text or UNSET, value)
        if spec.kind == "entity":
            combo.setEditText(shown)
        else:
            combo.setCurrentIndex(values.index(shown))

    def value_of(self, spec: FormField) -> Any:
        control = self.controls[spec.attr]
        if isinstance(control, LocalizedEdit | FlagsEdit | PermissionsEdit):
            return control.value()
        if isinstance(control, QPlainTextEdit):
            return control.toPlainText()
        if isinstance(control, QComboBox):
            if spec.kind == "entity":
                text = control.currentText()
                index = control.findText(text)
                return control.itemData(index) if index >= 0 else text
            return control.currentData() or ""
        if isinstance(control, QCheckBox):
            return control.isChecked()
        if isinstance(control, QSpinBox):
            special = bool(control.specialValueText())
            return None if special and control.value() == control.minimum() else control.value()
        if isinstance(control, QLineEdit):
            return control.text()
        return None

    def _changed(self, spec: FormField) -> None:
        if self._loading:
            return
        self.edited.emit(self.pointer(spec.attr), spec.stored(self.value_of(spec)))

    def editable_controls(self) -> list[QWidget]:
        found: list[QWidget] = []
        for control in self.controls.values():
            if isinstance(control, LocalizedEdit):
                found += [control.en, control.ar]
            elif isinstance(control, FlagsEdit):
                found += list(control.boxes.values())
            else:
                found.append(control)
        return found

    # ------------------------------------------------------------------ language
    def mark(self, findings: list[Finding]) -> None:
        """Mark each field that a finding points at (or into): its label says so and the
        field's tool tip and accessible description give the messages."""
        self.marks = {}
        for spec in self.fields:
            pointer = self.pointer(spec.attr)
            hits = [f for f in findings if f.path == pointer or f.path.startswith(pointer + "/")]
            if hits:
                self.marks[spec.attr] = hits
        self._draw_marks()

    def _draw_marks(self) -> None:
        for spec in self.fields:
            hits = self.marks.get(spec.attr, [])
            label, control = self.labels[spec.attr], self.controls[spec.attr]
            name = attribute_name(spec.attr, self.kind)
            worst = ("error" if any(f.severity is Severity.error for f in hits)
                     else "warning" if hits else "")
            if label.property("finding") != worst:
                label.setProperty("finding", worst)
                label.style().unpolish(label)
                label.style().polish(label)
            label.setText(f"{MARKS[worst]} {name}" if worst else name)
            messages = "\n".join(f.message(language()) for f in hits)
            control.setAccessibleDescription(messages)
            control.setToolTip(messages or self._help(spec))

    def _help(self, spec: FormField) -> str:
        if spec.kind == "list":
            return self.tr("Separate values with commas.")
        if spec.kind == "mapping":
            return self.tr("Write name=number pairs separated by commas.")
        return ""

    def retranslate(self) -> None:
        for spec in self.fields:
            name = attribute_name(spec.attr, self.kind)
            self.labels[spec.attr].setText(name)
            control = self.controls[spec.attr]
            control.setAccessibleName(name)
            if isinstance(control, LocalizedEdit):
                control.retranslate(name)
            elif isinstance(control, PermissionsEdit):
                control.retranslate()
            elif isinstance(control, QComboBox | FlagsEdit):
                self._reload_one(spec)
            elif isinstance(control, QSpinBox):
                control.setSpecialValueText(UNSET if control.specialValueText() else "")
        self._draw_marks()

    def _reload_one(self, spec: FormField) -> None:
        node = self._node()
        self._loading = True
        try:
            self._show(spec, self.controls[spec.attr], spec.shown(node.get(spec.attr)))
        finally:
            self._loading = False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
