"""The blueprint editor's tiers, one readable table: key, names in English and Arabic, price,
currency, interval, trial and grace days, limits and features — each cell edited in place
(F2, a key typed or a double click; Tab and the arrows move; Delete removes the selected tier).

A cell is written to the document as typed where it can be (numbers as numbers, limits as
``name=number`` pairs, features as ``English | العربية`` separated by ``;``) and the blueprint
rules judge the result: a cell a finding points at is marked, and its tool tip gives the
finding in English and in Arabic. Only text that cannot be read at all (a limit without
``=``) is refused, with a message naming the cell, and nothing changes.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from app.domain.blueprint.findings import Finding, Severity
from app.gui.blueprints.session import REMOVE, resolve
from app.gui.formatting import fill
from app.gui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QAction,
    QCoreApplication,
    QEvent,
    QKeySequence,
    QLabel,
    QModelIndex,
    QPersistentModelIndex,
    QPushButton,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
    Signal,
)

translate = QCoreApplication.translate
COLUMNS = ("key", "name_en", "name_ar", "price", "currency", "interval", "trial_days",
           "grace_days", "limits", "entity_limits", "features")
ATTRIBUTE = {"name_en": "name/en", "name_ar": "name/ar"}
NUMBERS = frozenset({"price", "trial_days", "grace_days"})
MARKS = {"error": "✖ ", "warning": "⚠ ", "": ""}


class CellError(ValueError):
    """Text a cell cannot hold; the message names the cell."""


def _number(text: str) -> Any:
    try:
        value = Decimal(text.replace("٫", ".").strip())
    except (InvalidOperation, ValueError):
        return text  # kept as typed: the rules name what is wrong with it
    if not value.is_finite():
        return text
    return int(value) if value == value.to_integral_value() else str(value)


def cell_text(tier: dict[str, Any], column: str) -> str:
    """What a cell shows of ``tier``."""
    if column in ("name_en", "name_ar"):
        name = tier.get("name")
        return str(name.get(column[-2:], "")) if isinstance(name, dict) else ""
    value = tier.get(column)
    if value is None:
        return "7" if column == "grace_days" else "0" if column == "trial_days" else ""
    if column in ("limits", "entity_limits"):
        return "; ".join(f"{k}={v}" for k, v in value.items()) if isinstance(value, dict) else str(value)
    if column == "features":
        if not isinstance(value, list):
            return str(value)
        return "; ".join(f"{f.get('en', '')} | {f.get('ar', '')}" if isinstance(f, dict) else str(f)
                         for f in value)
    return str(value)


def cell_value(column: str, text: str, row: int) -> Any:
    """The document value for ``text`` typed in ``column`` (REMOVE: leave it out)."""
    text = text.strip()
    where = fill(translate("TiersTable", "tier %1, %2"), row + 1, column_title(column))
    if column in NUMBERS:
        return REMOVE if not text and column != "price" else _number(text)
    if column in ("limits", "entity_limits"):
        found: dict[str, Any] = {}
        for part in filter(None, (p.strip() for p in text.split(";"))):
            name, equals, amount = part.partition("=")
            if not equals or not name.strip():
                raise CellError(fill(translate("TiersTable", "%1: «%2» is not name=number "
                                               "(for example: users=5; storage_gb=10)"),
                                     where, part))
            found[name.strip()] = _number(amount)
        return found
    if column == "features":
        features = []
        for part in filter(None, (p.strip() for p in text.split(";"))):
            en, bar, ar = part.partition("|")
            if not bar:
                raise CellError(fill(translate("TiersTable", "%1: «%2» needs its English and "
                                               "Arabic text as English | العربية"), where, part))
            features.append({"en": en.strip(), "ar": ar.strip()})
        return features
    if column == "currency":
        return text.upper()
    return text


def column_title(column: str) -> str:
    return {"key": translate("TiersTable", "Key"), "name_en": translate("TiersTable", "Name (English)"),
            "name_ar": translate("TiersTable", "Name (Arabic)"), "price": translate("TiersTable", "Price"),
            "currency": translate("TiersTable", "Currency"),
            "interval": translate("TiersTable", "Interval"),
            "trial_days": translate("TiersTable", "Trial days"),
            "grace_days": translate("TiersTable", "Grace days"),
            "limits": translate("TiersTable", "Limits"),
            "entity_limits": translate("TiersTable", "Records per entity"),
            "features": translate("TiersTable", "Features")}[column]


class TiersModel(QAbstractTableModel):
    edited = Signal(str, object)  # JSON Pointer, value
    refused = Signal(str)  # why typed text was not taken

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiers: list[dict[str, Any]] = []
        self.findings: list[Finding] = []

    def set_tiers(self, tiers: list[dict[str, Any]]) -> None:
        if len(tiers) == len(self.tiers):
            self.tiers = tiers
            if tiers:
                self.dataChanged.emit(self.index(0, 0), self.index(len(tiers) - 1, len(COLUMNS) - 1))
            return
        self.beginResetModel()
        self.tiers = tiers
        self.endResetModel()

    def set_findings(self, findings: list[Finding]) -> None:
        self.findings = [f for f in findings if f.path.startswith("/tiers/")]
        if self.tiers:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.tiers) - 1, len(COLUMNS) - 1))

    def pointer(self, row: int, column: int) -> str:
        name = COLUMNS[column]
        return f"/tiers/{row}/{ATTRIBUTE.get(name, name)}"

    def findings_at(self, row: int, column: int) -> list[Finding]:
        pointer = self.pointer(row, column)
        if COLUMNS[column] == "key":  # a finding about the whole tier shows on its key
            return [f for f in self.findings if f.path in (pointer, f"/tiers/{row}")]
        return [f for f in self.findings if f.path == pointer or f.path.startswith(pointer + "/")]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else len(self.tiers)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEditable)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.tiers):
            return None
        tier, column = self.tiers[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.EditRole:
            return cell_text(tier, column)
        hits = self.findings_at(index.row(), index.column())
        worst = ("error" if any(f.severity is Severity.error for f in hits)
                 else "warning" if hits else "")
        if role == Qt.ItemDataRole.DisplayRole:
            return MARKS[worst] + cell_text(tier, column)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            # Bilingual: the owner and a reviewer may read different languages.
            return "\n".join(f"{f.message('en')}\n{f.message('ar')}" for f in hits) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMBERS:
            return int(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = COLUMNS[index.column()]
        if str(value).strip() == cell_text(self.tiers[index.row()], column):
            return False
        try:
            stored = cell_value(column, str(value), index.row())
        except CellError as exc:
            self.refused.emit(str(exc))
            return False
        self.edited.emit(self.pointer(index.row(), index.column()), stored)
        return True

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return column_title(COLUMNS[section])
        return str(section + 1)


class TiersEditor(QWidget):
    """Stands where a node's form stands when the Tiers section is selected (same API)."""

    edited = Signal(str, object)
    remove_requested = Signal(str)  # the pointer of the tier to remove
    kind = "tiers"
    path = "/tiers"

    def __init__(self, document: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tiersEditor")
        self.model = TiersModel(self)
        self.model.edited.connect(self.edited)
        self.model.refused.connect(self._refused)
        self.table = QTableView(self)
        self.table.setObjectName("tiersTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setTabKeyNavigation(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.remove_action = QAction(self.table)
        self.remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_action.triggered.connect(self.remove_current)
        self.table.addAction(self.remove_action)
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("removeTier")
        self.remove_button.clicked.connect(self.remove_current)
        self.message = QLabel(self)
        self.message.setObjectName("tiersMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeading)
        self.retranslate()
        self.load(document)

    def load(self, document: dict[str, Any]) -> None:
        tiers = resolve(document, self.path)
        self.model.set_tiers([t for t in tiers if isinstance(t, dict)]
                             if isinstance(tiers, list) else [])
        self.table.resizeColumnsToContents()

    def set_document(self, document: dict[str, Any]) -> None:
        self.message.hide()
        self.load(document)

    def mark(self, findings: list[Finding]) -> None:
        self.model.set_findings(findings)

    def editable_controls(self) -> list[QWidget]:
        return [self.table, self.remove_button]

    def remove_current(self) -> None:
        row = self.table.currentIndex().row()
        if 0 <= row < self.model.rowCount():
            self.remove_requested.emit(f"/tiers/{row}")

    def _refused(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.remove_button.setText(self.tr("&Remove the selected tier"))
        self.remove_action.setText(self.tr("Remove the selected tier"))
        self.table.setAccessibleName(self.tr("Tiers: one row a tier; F2 edits a cell"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
