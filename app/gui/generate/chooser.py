"""What to generate and where: a blueprint of the workspace, one of its versions, the
output folder, and whether it is only a dry run."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.gui.formatting import fill, format_datetime, format_number, language
from app.gui.qt import (
    QCheckBox,
    QComboBox,
    QEvent,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    Qt,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from app.services.blueprints import VersionInfo
    from app.services.ports import BlueprintSummary


class GenerationChooser(QWidget):
    blueprint_chosen = Signal(str)  # a key ("" when there is none)
    folder_chosen = Signal(object)  # a Path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summaries: list[BlueprintSummary] = []
        self.versions: list[VersionInfo] = []
        self.blueprint_label = QLabel(self)
        self.blueprint = QComboBox(self)
        self.blueprint.setObjectName("generateBlueprint")
        self.blueprint.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.blueprint.setMinimumContentsLength(24)
        self.blueprint.activated.connect(lambda _index: self.blueprint_chosen.emit(self.key()))
        self.blueprint_label.setBuddy(self.blueprint)
        self.version_label = QLabel(self)
        self.version = QComboBox(self)
        self.version.setObjectName("generateVersion")
        self.version.setMinimumContentsLength(28)
        self.version.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.version_label.setBuddy(self.version)
        self.folder_label = QLabel(self)
        self.folder = QLineEdit(self)
        self.folder.setObjectName("generateFolder")
        self.folder.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # a path reads left to right
        self.folder.editingFinished.connect(self._folder_edited)
        self.folder_label.setBuddy(self.folder)
        self.browse_button = QPushButton(self)
        self.browse_button.clicked.connect(self.choose_folder)
        self.dry_run = QCheckBox(self)
        self.dry_run.setObjectName("generateDryRun")
        self._last_folder = ""

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.blueprint_label, 0, 0)
        first = QHBoxLayout()
        first.addWidget(self.blueprint)
        first.addSpacing(12)
        first.addWidget(self.version_label)
        first.addWidget(self.version)
        first.addStretch(1)
        grid.addLayout(first, 0, 1)
        grid.addWidget(self.folder_label, 1, 0)
        second = QHBoxLayout()
        second.addWidget(self.folder, 1)
        second.addWidget(self.browse_button)
        grid.addLayout(second, 1, 1)
        grid.addWidget(self.dry_run, 2, 1)
        grid.setColumnStretch(1, 1)
        self.folder.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for before, after in ((self.blueprint, self.version), (self.version, self.folder),
                              (self.folder, self.browse_button), (self.browse_button, self.dry_run)):
            QWidget.setTabOrder(before, after)
        self.retranslate()

    # ------------------------------------------------------------------ blueprints
    def set_blueprints(self, summaries: list[BlueprintSummary]) -> None:
        chosen = self.key()
        self.summaries = list(summaries)
        self._fill_blueprints()
        keys = [s.key for s in summaries]
        self.select_blueprint(chosen if chosen in keys else (keys[0] if keys else ""))

    def _fill_blueprints(self) -> None:
        chosen = self.key()
        self.blueprint.clear()
        for summary in self.summaries:
            name = summary.name_ar if language() == "ar" and summary.name_ar else summary.name_en
            self.blueprint.addItem(fill("%1 — %2", summary.key, name) if name else summary.key,
                                   summary.key)
        index = self.blueprint.findData(chosen)
        if index >= 0:
            self.blueprint.setCurrentIndex(index)

    def select_blueprint(self, key: str) -> None:
        index = self.blueprint.findData(key)
        if index >= 0:
            self.blueprint.setCurrentIndex(index)

    def key(self) -> str:
        return str(self.blueprint.currentData() or "")

    # ------------------------------------------------------------------ versions
    def set_versions(self, versions: list[VersionInfo]) -> None:
        self.versions = list(versions)
        self._fill_versions(versions[-1].version if versions else None)

    def _fill_versions(self, chosen: int | None) -> None:
        self.version.clear()
        latest = self.versions[-1].version if self.versions else None
        for info in reversed(self.versions):
            number = format_number(info.version)
            when = format_datetime(info.recorded_at)
            if info.version == latest:
                text = fill(self.tr("Version %1 (latest) — %2"), number, when)
            else:
                text = fill(self.tr("Version %1 — %2"), number, when)
            self.version.addItem(text, info.version)
        index = self.version.findData(chosen)
        if index >= 0:
            self.version.setCurrentIndex(index)

    def chosen_version(self) -> int | None:
        data = self.version.currentData()
        return int(data) if data is not None else None

    def select_version(self, version: int) -> None:
        index = self.version.findData(version)
        if index >= 0:
            self.version.setCurrentIndex(index)

    # ------------------------------------------------------------------ folder
    def set_folder(self, folder: Path) -> None:
        self.folder.setText(str(folder))
        self._last_folder = self.folder.text()

    def out(self) -> Path | None:
        text = self.folder.text().strip()
        return Path(text).expanduser() if text else None

    def _folder_edited(self) -> None:
        if self.folder.text() != self._last_folder:
            self._last_folder = self.folder.text()
            out = self.out()
            if out is not None:
                self.folder_chosen.emit(out)

    def choose_folder(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose the platform folder"))
        dialog.setObjectName("platformFolderDialog")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        out = self.out()
        if out is not None:
            dialog.setDirectory(str(out.parent if not out.is_dir() else out))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.choose(Path(name)))
        dialog.open()

    def choose(self, folder: Path) -> None:
        self.set_folder(folder)
        self.folder_chosen.emit(folder)

    def set_busy(self, busy: bool) -> None:
        for widget in (self.blueprint, self.version, self.folder, self.browse_button, self.dry_run):
            widget.setEnabled(not busy)

    # ------------------------------------------------------------------ drawing
    def retranslate(self) -> None:
        self.blueprint_label.setText(self.tr("&Blueprint:"))
        self.version_label.setText(self.tr("Ve&rsion:"))
        self.folder_label.setText(self.tr("Output &folder:"))
        self.browse_button.setText(self.tr("Bro&wse…"))
        self.dry_run.setText(self.tr("&Dry run: show what would change, write nothing"))
        self.folder.setAccessibleName(self.tr("Output folder"))
        self.folder.setToolTip(self.tr("The platform's folder, a git repository with one commit "
                                       "per generation"))
        self._fill_blueprints()
        self._fill_versions(self.chosen_version())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
