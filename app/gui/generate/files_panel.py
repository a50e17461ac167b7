"""The result of the last generation: counts, the legend, the file tree and the diff of
the selected file."""

from __future__ import annotations

from app.domain.codegen.merge import ChangeKind
from app.domain.codegen.results import FileChange, GenerationResult
from app.gui.formatting import fill, format_number, ltr
from app.gui.generate.code_view import COLUMN_SIZES, CodeView
from app.gui.generate.files_model import CHANGE, NAME, PATH_ROLE, GenerationFilesModel
from app.gui.generate.kinds import ChangeKindLegend, scheme_of
from app.gui.generate.texts import kind_name, reading_order, reason_text
from app.gui.qt import (
    QAbstractItemView,
    QCheckBox,
    QEvent,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QModelIndex,
    QSplitter,
    Qt,
    QTreeView,
    QVBoxLayout,
    QWidget,
)


class GenerationFilesPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: GenerationResult | None = None
        self.summary = QLabel(self)
        self.summary.setObjectName("generationSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.legend = ChangeKindLegend(self)
        self.show_unchanged = QCheckBox(self)
        self.show_unchanged.toggled.connect(lambda _on: self._fill())

        self.model = GenerationFilesModel(self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("generatedFiles")
        self.tree.setModel(self.model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CHANGE, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.selectionModel().currentChanged.connect(lambda current, _old: self._show(current))

        self.file_title = QLabel(self)
        self.file_title.setObjectName("diffTitle")
        self.file_title.setWordWrap(True)
        self.file_title.setTextFormat(Qt.TextFormat.PlainText)
        self.diff = CodeView(self)
        self.diff.setObjectName("fileDiff")
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.file_title)
        column.addWidget(self.diff, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes(list(COLUMN_SIZES))  # the Conflicts tab's columns line up
        self.splitter.setChildrenCollapsible(False)

        top = QHBoxLayout()
        top.addWidget(self.legend, 1)
        top.addWidget(self.show_unchanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        QWidget.setTabOrder(self.show_unchanged, self.tree)
        QWidget.setTabOrder(self.tree, self.diff)
        self._update_colours()
        self.retranslate()

    # ------------------------------------------------------------------ content
    def show_result(self, result: GenerationResult | None) -> None:
        self.result = result
        self.legend.set_counts(result.counts() if result is not None else {})
        self._fill()

    def visible_changes(self) -> list[FileChange]:
        if self.result is None:
            return []
        files = self.result.files
        everything = self.show_unchanged.isChecked() or all(
            c.kind is ChangeKind.unchanged for c in files)
        return [c for c in files if everything or c.kind is not ChangeKind.unchanged or c.owner_edited]

    def _fill(self) -> None:
        chosen = self.selected_path()
        self.model.set_changes(self.visible_changes())
        self.tree.expandAll()
        target = self.model.index_of(chosen) if chosen else QModelIndex()
        if not target.isValid():
            target = self._first_file(QModelIndex())
        if target.isValid():
            self.tree.setCurrentIndex(target)
        else:
            self._show(QModelIndex())
        self._describe()

    def _first_file(self, parent: QModelIndex) -> QModelIndex:
        """The first conflict if there is one, else the first file."""
        conflicts = [c.path for c in self.visible_changes() if c.kind is ChangeKind.conflict]
        if conflicts:
            return self.model.index_of(conflicts[0])
        for row in range(self.model.rowCount(parent)):
            index = self.model.index(row, NAME, parent)
            if self.model.hasChildren(index):
                found = self._first_file(index)
                if found.isValid():
                    return found
            else:
                return index
        return QModelIndex()

    def select_path(self, path: str) -> bool:
        index = self.model.index_of(path)
        if index.isValid():
            self.tree.setCurrentIndex(index)
        return index.isValid()

    def selected_path(self) -> str:
        index = self.tree.currentIndex()
        return str(index.siblingAtColumn(NAME).data(PATH_ROLE) or "") if index.isValid() else ""

    def _show(self, index: QModelIndex) -> None:
        path = str(index.siblingAtColumn(NAME).data(PATH_ROLE) or "") if index.isValid() else ""
        change = self.model.change(path) if path else None
        self.file_title.setVisible(self.result is not None)
        if change is None:
            self.file_title.setText(self.tr("Choose a file to see what changed in it."))
            self.diff.setPlainText("")
            return
        if change.reason:
            title = fill("%1 — %2 (%3)", ltr(change.path), kind_name(change.kind),
                         reason_text(change.reason))
        else:
            title = fill("%1 — %2", ltr(change.path), kind_name(change.kind))
        self.file_title.setText(reading_order(title))
        diff = change.diff
        if diff:
            self.diff.setPlainText(diff)
        elif change.owner_edited:
            self.diff.setPlainText(self.tr("Your edits are kept; the generation did not change "
                                           "this file."))
        else:
            self.diff.setPlainText(self.tr("This file did not change."))

    def _describe(self) -> None:
        result = self.result
        if result is None:
            self.summary.setText(self.tr("Generate a blueprint version to see its files and what "
                                         "changed in each."))
            return
        files = len(result.files)
        seconds = format_number(round(result.seconds, 1))
        if result.dry_run:
            text = fill(self.tr("Dry run: %Ln files compared in %1 s. Nothing was written.", "",
                                files), seconds)
        elif result.commit:
            text = fill(self.tr("%Ln files generated into %1 in %2 s; recorded as commit %3.", "",
                                files), ltr(result.root), seconds, ltr(result.commit[:12]))
        else:
            text = fill(self.tr("%Ln files generated into %1 in %2 s; nothing changed, so "
                                "nothing was recorded.", "", files), ltr(result.root), seconds)
        self.summary.setText(text)

    # ------------------------------------------------------------------ drawing
    def _update_colours(self) -> None:
        self.model.set_scheme(scheme_of(self))
        self.legend.retranslate()

    def retranslate(self) -> None:
        self.show_unchanged.setText(self.tr("Show &unchanged files"))
        self.tree.setAccessibleName(self.tr("Generated files"))
        self.diff.setAccessibleName(self.tr("Changes in the selected file"))
        self.model.retranslate()
        self.legend.retranslate()
        self._describe()
        self._show(self.tree.currentIndex())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._update_colours()
        super().changeEvent(event)
