"""Errors and compliance findings of the working document; choosing one goes to its place."""

from __future__ import annotations

from app.domain.blueprint.findings import Finding, Severity
from app.gui.blueprints.session import LocatedFinding
from app.gui.formatting import fill, format_number, language, ltr
from app.gui.qt import (
    QAbstractItemView,
    QEvent,
    QHeaderView,
    QLabel,
    QStyle,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)

SEVERITY, MESSAGE, PATH, PLACE = range(4)
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
_ICONS = {
    Severity.error: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.warning: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.info: QStyle.StandardPixmap.SP_MessageBoxInformation,
}


class FindingsView(QWidget):
    chosen = Signal(object)  # LocatedFinding

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setObjectName("findingsSummary")
        self.list = QTreeWidget(self)
        self.list.setObjectName("findings")
        self.list.setColumnCount(4)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.list.header()
        header.setSectionResizeMode(MESSAGE, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for column, width in ((SEVERITY, 110), (PATH, 220), (PLACE, 90)):
            self.list.setColumnWidth(column, width)
        self.summary.setBuddy(self.list)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self.findings: list[LocatedFinding] = []
        self.checking = False
        self.retranslate()

    def show_findings(self, findings: list[LocatedFinding]) -> None:
        self.findings = list(findings)
        self.checking = False
        self._fill()

    def _fill(self) -> None:
        self.list.clear()
        style = self.style()
        for located in self.findings:
            finding = located.finding
            item = QTreeWidgetItem(self.list)
            item.setIcon(SEVERITY, style.standardIcon(_ICONS[finding.severity]))
            item.setText(SEVERITY, self._severity(finding.severity))
            item.setText(MESSAGE, message_text(finding))
            item.setToolTip(MESSAGE, self._tooltip(located))
            # A path is code: it reads left to right in either language.
            item.setText(PATH, ltr(finding.path or "/"))
            item.setData(SEVERITY, FINDING_ROLE, located)
            if located.line is not None:
                # line:column reads left to right: «12:5», never «5:12»
                item.setText(PLACE, ltr(f"{_coordinate(located.line)}:"
                                        f"{_coordinate(located.column or 1)}"))
        self._summarise()

    def _tooltip(self, located: LocatedFinding) -> str:
        finding = located.finding
        lines = [message_text(finding), finding.code]
        remedy = finding.remediation_ar if language() == "ar" else finding.remediation_en
        if remedy:
            lines.append(fill(self.tr("How to fix: %1"), remedy))
        return "\n".join(lines)

    def _severity(self, severity: Severity) -> str:
        return {
            Severity.error: self.tr("Error"),
            Severity.warning: self.tr("Warning"),
            Severity.info: self.tr("Note"),
        }[severity]

    def _summarise(self) -> None:
        errors = sum(1 for f in self.findings if f.finding.severity is Severity.error)
        warnings = sum(1 for f in self.findings if f.finding.severity is Severity.warning)
        notes = len(self.findings) - errors - warnings
        if self.checking:
            text = self.tr("Checking…")
        elif not self.findings:
            text = self.tr("No problems found")
        else:
            text = fill(self.tr("Errors: %1 · Warnings: %2 · Notes: %3"), format_number(errors),
                        format_number(warnings), format_number(notes))
        self.summary.setText(text)
        self.summary.setProperty("kind", "error" if errors else "ok")
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)

    def set_checking(self) -> None:
        self.checking = True
        self._summarise()

    def finding_at(self, row: int) -> LocatedFinding | None:
        item = self.list.topLevelItem(row)
        return item.data(SEVERITY, FINDING_ROLE) if item is not None else None

    def choose(self, row: int) -> None:
        item = self.list.topLevelItem(row)
        if item is not None:
            self.list.setCurrentItem(item)
            self._activated(item)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        located = item.data(SEVERITY, FINDING_ROLE)
        if located is not None:
            self.chosen.emit(located)

    def retranslate(self) -> None:
        self.list.setHeaderLabels(
            [self.tr("Severity"), self.tr("Message"), self.tr("Where"), self.tr("Line:column")]
        )
        self.list.setAccessibleName(self.tr("Problems and compliance findings"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def message_text(finding: Finding) -> str:
    """The finding's message in the active language; a leading document path (schema
    findings start with one) is kept left to right inside Arabic text."""
    text = finding.message(language())
    if text.startswith("/"):
        path, colon, rest = text.partition(": ")
        if colon:
            return f"{ltr(path)}{colon}{rest}"
    return text


def _coordinate(number: int) -> str:
    """A line or column number in the active language's digits, without grouping."""
    from app.domain.numerals import number as write

    return write(number, language(), "0")
