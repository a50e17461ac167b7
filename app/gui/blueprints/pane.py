"""The Blueprints pane: the workspace's blueprints, and the editor for one of them.

Listing, creating, importing and exporting run on the workspace's database runner in the
background; file dialogs only choose paths, so every file operation can also be driven
by calling :meth:`import_file` and :meth:`export_file` directly.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.events import RecordedEvent
from app.gui.background import BackgroundOp
from app.gui.blueprints.files import (
    current_actor,
    format_for_path,
    path_with_format,
    write_atomically,
)
from app.gui.blueprints.list_model import (
    BY,
    DOMAIN,
    KEY,
    KEY_ROLE,
    NAME,
    UPDATED,
    VERSION,
    BlueprintListModel,
)
from app.gui.blueprints.new_dialog import NewBlueprintDialog
from app.gui.blueprints.notice import EditorNotice
from app.gui.empty_state import EmptyState
from app.gui.formatting import fill, format_number, language, ltr
from app.gui.messages import error_text
from app.gui.qt import (
    QAction,
    QEvent,
    QFileDialog,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QPushButton,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.gui.store_feed import follow
from app.gui.table_model import record_table
from app.services.blueprints import stream_for

if TYPE_CHECKING:
    from app.bootstrap import Workspace
    from app.gui.blueprints.editor import BlueprintEditor
    from app.gui.session import WorkspaceSession
    from app.services.blueprints import BlueprintVersion, InvalidBlueprintError
    from app.services.ports import BlueprintSummary

MAX_LISTED_PROBLEMS = 8


class BlueprintsPane(QWidget):
    listed = Signal()  # the list on screen is up to date
    opened = Signal(str)  # the editor shows this key

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("blueprintsPane")
        self.workspace: Workspace | None = None
        self.loading = False
        self.model = BlueprintListModel(self)
        self._build()
        session.workspace_changed.connect(self.set_workspace)
        follow(self, session.feed, self.refresh, {"blueprint"})
        session.feed.recorded.connect(self._recorded)
        self.retranslate()
        if session.workspace is not None:
            self.set_workspace(session.workspace)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setObjectName("paneTitle")
        self.new_button = QPushButton(self)
        self.new_button.clicked.connect(self.new_blueprint)
        self.import_button = QPushButton(self)
        self.import_button.clicked.connect(self.choose_import)
        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(lambda: self.choose_export(self.selected_key()))
        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(lambda: self.open_blueprint(self.selected_key()))
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.import_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.refresh_button)

        self.table = record_table(self, self.model, "blueprintTable", {KEY: 150, NAME: 300},
                                  compact_rows=False, stretch=(NAME,),
                                  fit=(DOMAIN, VERSION, UPDATED, BY))
        self.table.activated.connect(lambda index: self.open_blueprint(index.data(KEY_ROLE)))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.empty = EmptyState(self, "blueprintsEmpty")
        self.empty.action_clicked.connect(self.new_blueprint)
        self.notice = EditorNotice(self)

        self.list_page = QWidget(self)
        page = QVBoxLayout(self.list_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(self.title)
        page.addLayout(buttons)
        page.addWidget(self.notice)
        # With no blueprint the table is hidden: the message takes its place (and the spare
        # height below), so the controls stay together instead of spreading down the pane.
        page.addWidget(self.empty, 1)
        page.addWidget(self.table, 1)
        for before, after in pairwise([self.new_button, self.import_button, self.export_button,
                                       self.open_button, self.refresh_button, self.table]):
            QWidget.setTabOrder(before, after)

        self._editor: BlueprintEditor | None = None  # made when first needed
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.list_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.new_action = QAction(self)
        self.new_action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_action.triggered.connect(self.new_blueprint)
        self.list_page.addAction(self.new_action)
        self.import_action = QAction(self)
        self.import_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Open))
        self.import_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.import_action.triggered.connect(self.choose_import)
        self.list_page.addAction(self.import_action)

    @property
    def editor(self) -> BlueprintEditor:
        """The editor, built on first use: the window opens without loading the
        blueprint models."""
        if self._editor is None:
            from app.gui.blueprints.editor import BlueprintEditor

            self._editor = BlueprintEditor(self)
            self._editor.closed.connect(self.show_list)
            self._editor.saved.connect(lambda _key: self.refresh())
            self._editor.export_requested.connect(self.choose_export)
            self.stack.addWidget(self._editor)
        return self._editor

    def _recorded(self, events: tuple[RecordedEvent, ...]) -> None:
        """A new version of the blueprint open in the editor, written anywhere."""
        editor, workspace = self._editor, self.workspace
        if editor is None or workspace is None or not editor.key:
            return
        stream = stream_for(workspace.blueprints.tenant_id, editor.key)
        versions = [event.version for event in events if event.stream_id == stream]
        if versions:
            editor.changed_elsewhere(max(versions))

    # ------------------------------------------------------------------ workspace
    def set_workspace(self, workspace: Workspace | None) -> None:
        if self._editor is not None:
            self._editor.close_now()
        self.stack.setCurrentWidget(self.list_page)
        self.workspace = workspace
        self.model.set_blueprints([])
        self.notice.dismiss()
        self.refresh()

    def shutdown(self) -> None:
        """Closing the window: unsaved work goes to its draft, timers stop."""
        if self._editor is not None:
            self._editor.close_now()
        self.workspace = None

    def refresh(self, select: str | None = None) -> None:
        workspace = self.workspace
        self._update_buttons()
        if workspace is None:
            return
        chosen = select or self.selected_key()
        self.loading = True

        def show(rows: list[BlueprintSummary]) -> None:
            if workspace is not self.workspace:
                return
            self.model.set_blueprints(rows)
            row = self.model.row_of(chosen) if chosen else -1
            if row < 0 and rows:
                row = 0
            if row >= 0:
                # Not selectRow: right to left it looks for a column past the last one.
                self.table.setCurrentIndex(self.model.index(row, 0))
            self.listed.emit()

        def done() -> None:
            self.loading = False
            self._update_buttons()

        BackgroundOp(self, workspace.blueprints.list).success(show).failure(self._failed).finished(
            done
        ).run()

    def selected_key(self) -> str:
        return self.table.currentIndex().data(KEY_ROLE) or ""

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.list_page)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.refresh()

    # ------------------------------------------------------------------ opening, creating
    def open_blueprint(self, key: str) -> None:
        workspace = self.workspace
        if workspace is None or not key:
            return

        def show(version: BlueprintVersion) -> None:
            if workspace is not self.workspace:
                return
            self.editor.open_version(workspace, version)
            self.stack.setCurrentWidget(self.editor)
            self.editor.surface.tree.setFocus(Qt.FocusReason.OtherFocusReason)
            self.opened.emit(key)

        BackgroundOp(self, lambda: workspace.blueprints.get(key)).success(show).failure(
            self._failed
        ).run()

    def new_blueprint(self) -> None:
        workspace = self.workspace
        if workspace is None:
            return
        taken = self.model.keys()

        def ask(templates: list[str]) -> None:
            dialog = NewBlueprintDialog(templates, taken, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.accepted.connect(lambda: self.create_from_template(*dialog.chosen()))
            dialog.open()

        BackgroundOp(self, lambda: workspace.runner.run(workspace.blueprints.templates.list_templates)
                     ).success(ask).failure(self._failed).run()

    def create_from_template(self, template: str, key: str) -> None:
        workspace = self.workspace
        if workspace is None:
            return

        def made(version: BlueprintVersion) -> None:
            self.refresh(select=version.key)
            self.open_blueprint(version.key)

        BackgroundOp(self, lambda: workspace.blueprints.create_from_template(
            template, key, current_actor())).success(made).failure(self._failed).run()

    # ------------------------------------------------------------------ files
    def _file_dialog(self, title: str, saving: bool) -> QFileDialog:
        dialog = QFileDialog(self, title)
        dialog.setObjectName("blueprintFileDialog")
        dialog.setNameFilters([self.tr("YAML files (*.yaml *.yml)"), self.tr("JSON files (*.json)"),
                               self.tr("All files (*)")])
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if saving
                             else QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile if saving
                           else QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # The owner's own documents, not wherever the console happened to be started.
        dialog.setDirectory(str(Path.home()))
        return dialog

    def choose_import(self) -> None:
        if self.workspace is None:
            return
        dialog = self._file_dialog(self.tr("Import a blueprint"), saving=False)
        dialog.fileSelected.connect(lambda name: self.import_file(Path(name)))
        dialog.open()

    def import_file(self, path: Path) -> None:
        """A file becomes a new blueprint, or the next version of the one with its key."""
        workspace = self.workspace
        if workspace is None:
            return
        service, fmt, actor = workspace.blueprints, format_for_path(path), current_actor()

        def work() -> tuple[BlueprintVersion | None, list[str]]:
            from app.services.blueprints import InvalidBlueprintError

            data = path.read_bytes()
            try:
                return service.import_text_now(data, fmt, actor), []
            except InvalidBlueprintError as exc:
                return None, _located_problems(data, fmt, exc)

        def done(result: tuple[BlueprintVersion | None, list[str]]) -> None:
            version, problems = result
            if version is None:
                self._problems(path, problems)
                return
            number = version.version
            self.notice.show_notice("imported", "info", lambda: fill(
                self.tr("Imported %1 as version %2 of %3."), path.name, format_number(number),
                version.key))
            self.refresh(select=version.key)

        BackgroundOp(self, lambda: workspace.runner.run(work)).success(done).failure(
            self._failed
        ).run()

    def _problems(self, path: Path, problems: list[str]) -> None:
        def text() -> str:
            head = fill(self.tr("%1 was not imported: it is not a valid blueprint."), path.name)
            shown = problems[:MAX_LISTED_PROBLEMS]
            more = len(problems) - len(shown)
            lines = [head, *shown]
            if more > 0:
                lines.append(fill(self.tr("…and %1 more."), format_number(more)))
            return "\n".join(lines)

        self.notice.show_notice("import", "error", text)

    def choose_export(self, key: str) -> None:
        if self.workspace is None or not key:
            return
        dialog = self._file_dialog(fill(self.tr("Export %1"), key), saving=True)
        dialog.selectFile(f"{key}.yaml")
        dialog.fileSelected.connect(lambda name: self.export_file(
            key, Path(name), "json" if "json" in dialog.selectedNameFilter().lower() else None))
        dialog.open()

    def export_file(self, key: str, path: Path, fmt: str | None = None) -> None:
        """Write the newest version of ``key`` to ``path`` (YAML or JSON by the suffix)."""
        workspace = self.workspace
        if workspace is None:
            return
        fmt = format_for_path(path) or fmt or "yaml"
        target = path_with_format(path, fmt)
        service = workspace.blueprints

        def work() -> None:
            write_atomically(target, service.export_now(key, fmt))

        BackgroundOp(self, lambda: workspace.runner.run(work)).success(
            lambda _none: self._exported(key, target)
        ).failure(self._failed).run()

    def _exported(self, key: str, target: Path) -> None:
        editing = self._editor is not None and self.stack.currentWidget() is self._editor
        notice = self._editor.notice if editing and self._editor is not None else self.notice
        notice.show_notice("exported", "info",
                           lambda: fill(self.tr("Exported %1 to %2."), key, ltr(target)))

    # ------------------------------------------------------------------ drawing
    def _failed(self, exc: BaseException) -> None:
        editing = self._editor is not None and self.stack.currentWidget() is self._editor
        notice = self._editor.notice if editing and self._editor is not None else self.notice
        notice.show_notice("error", "error", lambda: error_text(exc))

    def _update_buttons(self) -> None:
        has_workspace = self.workspace is not None
        chosen = bool(self.selected_key())
        for button in (self.new_button, self.import_button, self.refresh_button):
            button.setEnabled(has_workspace)
        self.export_button.setEnabled(has_workspace and chosen)
        self.open_button.setEnabled(has_workspace and chosen)
        empty = has_workspace and not self.loading and self.model.rowCount() == 0
        self.empty.setVisible(empty)
        self.table.setVisible(not empty)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Blueprints"))
        self.new_button.setText(self.tr("&New from template…"))
        self.new_button.setToolTip(self.tr("Start a blueprint from a domain template (Ctrl+N)"))
        self.import_button.setText(self.tr("&Import…"))
        self.import_button.setToolTip(self.tr("Read a YAML or JSON file (Ctrl+O)"))
        self.export_button.setText(self.tr("E&xport…"))
        self.export_button.setToolTip(self.tr("Write the selected blueprint to a YAML or JSON file"))
        self.open_button.setText(self.tr("&Open"))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.table.setAccessibleName(self.tr("Blueprints of this workspace"))
        self.empty.show_state(
            self.tr("No blueprints yet"),
            self.tr("Start one from a domain template or import a YAML or JSON file."),
            self.tr("New from template…"))
        self.model.retranslate()
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _located_problems(data: bytes, fmt: str | None, exc: InvalidBlueprintError) -> list[str]:
    """Each blocking finding as "line:column message" in the console's language."""
    from app.domain.blueprint.document import parse_document

    parsed = parse_document(data, fmt)
    lines = []
    for finding in exc.report.errors:
        message = finding.message(language())
        place = parsed.position(finding.path) if parsed.data is not None else None
        if place is None or finding.source == "parse":
            lines.append(message)
        else:
            lines.append(f"{format_number(place[0])}:{format_number(place[1])} {message}")
    return lines
