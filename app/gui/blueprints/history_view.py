"""A blueprint's versions (who, when, what) and the semantic difference between two."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.gui.blueprints.labels import domain_name, section_name
from app.gui.formatting import fill, format_datetime, format_number, language
from app.gui.qt import (
    QAbstractItemView,
    QComboBox,
    QEvent,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from app.domain.blueprint.diff import SemanticDiff
    from app.services.blueprints import VersionInfo

VERSION_ROLE = Qt.ItemDataRole.UserRole + 1


class HistoryView(QWidget):
    compare_requested = Signal(int, int)  # older, newer
    revert_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.versions: list[VersionInfo] = []
        self.current_version: int | None = None
        self.list = QTreeWidget(self)
        self.list.setObjectName("versionList")
        self.list.setColumnCount(4)
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.list.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((80, 190, 140)):
            self.list.setColumnWidth(column, width)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.list.itemActivated.connect(lambda *_: self.compare_with_previous())
        self.compare_button = QPushButton(self)
        self.compare_button.clicked.connect(self.compare_with_previous)
        self.revert_button = QPushButton(self)
        self.revert_button.clicked.connect(self._revert)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.retranslate()

    def show_history(self, versions: list[VersionInfo]) -> None:
        chosen = self.selected_version()
        self.versions = list(versions)
        self.current_version = versions[-1].version if versions else None
        self._fill()
        self.select_version(chosen or self.current_version)

    def _fill(self) -> None:
        self.list.clear()
        for info in reversed(self.versions):
            item = QTreeWidgetItem(self.list)
            item.setData(0, VERSION_ROLE, info.version)
            item.setText(0, format_number(info.version))
            item.setText(1, format_datetime(info.recorded_at))
            item.setText(2, info.actor or self.tr("unknown"))
            item.setText(3, self.describe(info))
            item.setToolTip(3, self.describe(info))
        self._update_buttons()

    def describe(self, info: VersionInfo) -> str:
        if info.kind == "created":
            source = info.source or ""
            if source.startswith("template:"):
                what = fill(self.tr("Created from the %1 template"),
                            domain_name(source.partition(":")[2]))
            elif source == "import":
                what = self.tr("Created from an imported file")
            else:
                what = self.tr("Created")
        elif info.kind == "reverted":
            what = fill(self.tr("Reverted to version %1"), format_number(info.reverted_to or 0))
        else:
            what = self.tr("Revised")
        parts = []
        for section, counts in info.changes.items():
            numbers = []
            for kind, text in (("added", self.tr("%1 added")), ("removed", self.tr("%1 removed")),
                               ("changed", self.tr("%1 changed"))):
                if counts.get(kind):
                    numbers.append(fill(text, format_number(counts[kind])))
            if numbers:
                parts.append(fill("%1: %2", section_name(section),
                                  self.tr(", ").join(numbers)))
        return what if not parts else fill("%1 — %2", what, self.tr("; ").join(parts))

    def selected_version(self) -> int | None:
        item = self.list.currentItem()
        return item.data(0, VERSION_ROLE) if item is not None else None

    def select_version(self, version: int | None) -> None:
        for row in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(row)
            if item is not None and item.data(0, VERSION_ROLE) == version:
                self.list.setCurrentItem(item)
                return

    def compare_with_previous(self) -> None:
        version = self.selected_version()
        if version is not None and version > 1:
            self.compare_requested.emit(version - 1, version)

    def _revert(self) -> None:
        version = self.selected_version()
        if version is not None:
            self.revert_requested.emit(version)

    def _update_buttons(self) -> None:
        version = self.selected_version()
        self.compare_button.setEnabled(version is not None and version > 1)
        self.revert_button.setEnabled(version is not None and version != self.current_version)

    def retranslate(self) -> None:
        self.list.setHeaderLabels([self.tr("Version"), self.tr("When"), self.tr("Who"),
                                   self.tr("What changed")])
        self.list.setAccessibleName(self.tr("Versions"))
        self.compare_button.setText(self.tr("&Compare with previous"))
        self.revert_button.setText(self.tr("Re&vert to this version…"))
        self.revert_button.setToolTip(
            self.tr("Save this version's content as the newest version; nothing is deleted.")
        )
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class DiffView(QWidget):
    """What changed between two versions, named the way people speak of a blueprint."""

    compare_requested = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.old_label = QLabel(self)
        self.old_version = QComboBox(self)
        self.old_version.setObjectName("diffFrom")
        self.new_label = QLabel(self)
        self.new_version = QComboBox(self)
        self.new_version.setObjectName("diffTo")
        self.old_label.setBuddy(self.old_version)
        self.new_label.setBuddy(self.new_version)
        self.summary = QLabel(self)
        self.changes = QListWidget(self)
        self.changes.setObjectName("diffChanges")
        self.changes.setWordWrap(True)
        self.diff: SemanticDiff | None = None
        self._versions: list[int] = []
        for combo in (self.old_version, self.new_version):
            combo.activated.connect(lambda _index: self._choose())
        row = QHBoxLayout()
        row.addWidget(self.old_label)
        row.addWidget(self.old_version)
        row.addSpacing(12)
        row.addWidget(self.new_label)
        row.addWidget(self.new_version)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.changes, 1)
        self.retranslate()

    def set_versions(self, versions: list[int]) -> None:
        old, new = self.chosen()
        self._versions = list(versions)
        for combo in (self.old_version, self.new_version):
            combo.clear()
            for version in versions:
                combo.addItem(format_number(version), version)
        if versions:
            self.select(old or max(versions[-1] - 1, versions[0]), new or versions[-1])

    def select(self, old: int, new: int) -> None:
        for combo, version in ((self.old_version, old), (self.new_version, new)):
            index = combo.findData(version)
            if index >= 0:
                combo.setCurrentIndex(index)

    def chosen(self) -> tuple[int | None, int | None]:
        return self.old_version.currentData(), self.new_version.currentData()

    def _choose(self) -> None:
        old, new = self.chosen()
        if old is not None and new is not None:
            self.compare_requested.emit(old, new)

    def show_diff(self, old: int, new: int, diff: SemanticDiff) -> None:
        self.select(old, new)
        self.diff = diff
        self._fill()

    def _fill(self) -> None:
        self.changes.clear()
        diff = self.diff
        if diff is None:
            self.summary.setText(self.tr("Choose two versions to compare."))
            return
        old, new = self.chosen()
        for change in diff.changes:
            self.changes.addItem(change.describe(language()))
        if diff.empty:
            self.summary.setText(fill(self.tr("Versions %1 and %2 have the same content."),
                                      format_number(old or 0), format_number(new or 0)))
        else:
            self.summary.setText(fill(self.tr("Changes from version %1 to version %2: %3"),
                                      format_number(old or 0), format_number(new or 0),
                                      format_number(len(diff.changes))))

    def retranslate(self) -> None:
        self.old_label.setText(self.tr("&From version:"))
        self.new_label.setText(self.tr("&To version:"))
        self.old_version.setAccessibleName(self.tr("Older version"))
        self.new_version.setAccessibleName(self.tr("Newer version"))
        self.changes.setAccessibleName(self.tr("Changes between the versions"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
