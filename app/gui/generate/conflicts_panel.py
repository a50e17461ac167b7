"""Files left in conflict by a generation, each with its .conflict report, and the
owner's ways out: keep mine, take the generated file (after a confirmation), or open the
folder to merge by hand. File work runs off the GUI thread."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from app.domain.codegen.manifest import CONFLICT_SUFFIX
from app.domain.codegen.merge import ChangeKind
from app.domain.codegen.results import GenerationResult
from app.gui.background import BackgroundOp
from app.gui.formatting import fill, ltr
from app.gui.generate.code_view import COLUMN_SIZES, CodeView
from app.gui.generate.conflicts import OpenConflict, keep_mine, open_conflicts, take_generated
from app.gui.generate.kinds import kind_colour, kind_icon, scheme_of
from app.gui.generate.texts import reading_order, reason_text
from app.gui.live_text import show_text
from app.gui.messages import error_text
from app.gui.qt import (
    QDesktopServices,
    QEvent,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    Qt,
    QUrl,
    QVBoxLayout,
    QWidget,
    Signal,
)

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


def open_folder(folder: Path) -> bool:
    """Show ``folder`` in the system's file manager."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))


class GenerationConflictsPanel(QWidget):
    changed = Signal(int)  # how many conflicts are open now
    resolved = Signal(str)  # a conflict's path, once resolved

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.root: Path | None = None
        self.result: GenerationResult | None = None
        self.conflicts: list[OpenConflict] = []
        self.loading = False
        self.confirm_box: QMessageBox | None = None
        self._dismissed: set[str] = set()
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("conflictList")
        self.list.currentItemChanged.connect(lambda *_: self._show_current())
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.report = CodeView(self)
        self.report.setObjectName("conflictReport")
        self.keep_button = QPushButton(self)
        self.keep_button.clicked.connect(lambda: self.keep_mine(self.selected_path()))
        self.take_button = QPushButton(self)
        self.take_button.clicked.connect(lambda: self.ask_take_generated(self.selected_path()))
        self.folder_button = QPushButton(self)
        self.folder_button.clicked.connect(lambda: self.open_containing_folder(self.selected_path()))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)

        buttons = QHBoxLayout()
        for button in (self.keep_button, self.take_button, self.folder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        # The list and the report side by side, top and bottom in line (as the Files tab
        # shows its tree and diff); what is said about the chosen file goes above both, the
        # ways out below.
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.report)
        self.splitter.setStretchFactor(0, 2)  # in proportion to the Files tab's columns
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes(list(COLUMN_SIZES))
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.reason)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        for before, after in ((self.list, self.report), (self.report, self.keep_button),
                              (self.keep_button, self.take_button),
                              (self.take_button, self.folder_button)):
            QWidget.setTabOrder(before, after)
        self.retranslate()

    # ------------------------------------------------------------------ loading
    def set_folder(self, root: Path | None, result: GenerationResult | None = None) -> None:
        if root != self.root:
            self._dismissed = set()
        self.root = root
        self.result = result
        self.reload()

    def reload(self) -> None:
        root = self.root
        if root is None:
            self._show([])
            return
        result, dismissed = self.result, frozenset(self._dismissed)
        self.loading = True

        def done(found: list[OpenConflict]) -> None:
            if root == self.root:
                self._show(found)

        def finished() -> None:
            self.loading = False

        BackgroundOp(self, lambda: asyncio.to_thread(open_conflicts, root, result, dismissed)
                     ).success(done).failure(self._failed).finished(finished).run()

    def _show(self, conflicts: list[OpenConflict]) -> None:
        chosen = self.selected_path()
        self.conflicts = conflicts
        self.list.clear()
        icon = kind_icon(ChangeKind.conflict, kind_colour(ChangeKind.conflict, scheme_of(self)))
        for conflict in conflicts:
            item = QListWidgetItem(icon, conflict.path, self.list)
            item.setData(PATH_ROLE, conflict.path)
            item.setToolTip(conflict.path)
        paths = [c.path for c in conflicts]
        self.select_path(chosen if chosen in paths else (paths[0] if paths else ""))
        self._show_current()
        self.changed.emit(len(conflicts))

    # ------------------------------------------------------------------ selection
    def selected_path(self) -> str:
        item = self.list.currentItem()
        return str(item.data(PATH_ROLE)) if item is not None else ""

    def select_path(self, path: str) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(PATH_ROLE) == path:
                self.list.setCurrentItem(item)
                return

    def conflict(self, path: str) -> OpenConflict | None:
        return next((c for c in self.conflicts if c.path == path), None)

    def _show_current(self) -> None:
        conflict = self.conflict(self.selected_path())
        for button in (self.keep_button, self.take_button, self.folder_button):
            button.setEnabled(conflict is not None)
        self._describe()
        if conflict is None:
            self.report.setPlainText("")
        elif conflict.report is not None:
            self.report.setPlainText(conflict.report)
            self._show_first_marker()
        else:
            self.report.setPlainText(fill(self.tr("There is no %1 file: the generation no longer "
                                                  "has this file, and your edited copy was kept."),
                                          CONFLICT_SUFFIX))

    def _show_first_marker(self) -> None:
        """Scroll the report to where the two sides first differ."""
        found = self.report.document().find("<<<<<<<")
        if not found.isNull():
            found.clearSelection()
            self.report.setTextCursor(found)
            self.report.centerCursor()

    def _describe(self) -> None:
        count = len(self.conflicts)
        if count:
            self.intro.setText(fill(self.tr(
                "%Ln files in conflict. Your files were kept as they are; each report shows "
                "your lines and the generated ones between the markers %1 and %2.", "", count),
                "<<<<<<<", ">>>>>>>"))
        else:
            self.intro.setText(self.tr("No conflicts: every file of the last generation is settled."))
        conflict = self.conflict(self.selected_path())
        if conflict is None:
            self.reason.setText("")
        elif conflict.reason:
            self.reason.setText(reading_order(fill("%1: %2", ltr(conflict.path),
                                                   reason_text(conflict.reason))))
        else:
            self.reason.setText(conflict.path)

    # ------------------------------------------------------------------ resolving
    def keep_mine(self, path: str) -> None:
        conflict = self.conflict(path)
        if conflict is None or self.root is None:
            return
        if conflict.report is None:
            self._dismissed.add(path)
        self._resolve(conflict, keep_mine, self.tr("Kept your %1; its conflict report was deleted."))

    def ask_take_generated(self, path: str) -> None:
        conflict = self.conflict(path)
        if conflict is None or self.root is None:
            return
        box = QMessageBox(self)
        box.setObjectName("takeGeneratedBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Take the generated file"))
        if conflict.generated is None:
            box.setText(fill(self.tr("Delete %1? The generation no longer has this file; your "
                                     "edits in it will be lost."), ltr(path)))
        else:
            box.setText(fill(self.tr("Replace %1 with the generated version? Your edits in it "
                                     "will be lost."), ltr(path)))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(lambda: self.take_generated(path))
        box.finished.connect(lambda _code: setattr(self, "confirm_box", None))
        self.confirm_box = box
        box.open()

    def take_generated(self, path: str) -> None:
        conflict = self.conflict(path)
        if conflict is None or self.root is None:
            return
        self._resolve(conflict, take_generated,
                      self.tr("Replaced your %1 with the generated version."))

    def _resolve(self, conflict: OpenConflict, action: Callable[[Path, OpenConflict], None],
                 done_text: str) -> None:
        root = self.root
        assert root is not None

        def done(_none: None) -> None:
            self.message.setText(fill(done_text, ltr(conflict.path)))
            self.resolved.emit(conflict.path)
            self.reload()

        BackgroundOp(self, lambda: asyncio.to_thread(action, root, conflict)).success(done).failure(
            self._failed).run()

    def open_containing_folder(self, path: str) -> None:
        if self.root is None or not path:
            return
        folder = (self.root / path).parent
        if not open_folder(folder):
            show_text(self.message, lambda: fill(self.tr("Could not open %1."), ltr(folder)))

    def _failed(self, exc: BaseException) -> None:
        show_text(self.message, lambda: error_text(exc))

    # ------------------------------------------------------------------ drawing
    def retranslate(self) -> None:
        self.keep_button.setText(self.tr("&Keep mine"))
        self.keep_button.setToolTip(self.tr("Keep your file as it is and delete the conflict report"))
        self.take_button.setText(self.tr("&Take generated…"))
        self.take_button.setToolTip(self.tr("Replace your file with the generated version"))
        self.folder_button.setText(self.tr("&Open folder"))
        self.folder_button.setToolTip(self.tr("Open the file's folder to merge by hand"))
        self.list.setAccessibleName(self.tr("Files in conflict"))
        self.report.setAccessibleName(self.tr("Conflict report"))
        self._show_current()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
