"""One blueprint open for editing: the editing surface, its history and differences,
saving, reverting, and the draft that survives a crash."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from app.domain.blueprint.findings import Severity
from app.domain.errors import ConcurrencyError
from app.gui.background import BackgroundOp
from app.gui.blueprints.drafts import AUTOSAVE_INTERVAL_MS, Draft, DraftStore
from app.gui.blueprints.edit_surface import EditSurface
from app.gui.blueprints.files import current_actor
from app.gui.blueprints.history_view import DiffView, HistoryView
from app.gui.blueprints.notice import EditorNotice
from app.gui.blueprints.session import EditorSession, LocatedFinding
from app.gui.formatting import fill, format_datetime, format_number, isolate, language
from app.gui.messages import error_text
from app.gui.qt import (
    QAction,
    QEvent,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QMessageBox,
    QStyle,
    Qt,
    QTabWidget,
    QTimer,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.services.blueprints import InvalidBlueprintError, NothingToSaveError

if TYPE_CHECKING:
    from app.bootstrap import Workspace
    from app.domain.blueprint.diff import SemanticDiff
    from app.services.blueprints import BlueprintVersion, VersionInfo


class BlueprintEditor(QWidget):
    closed = Signal()  # back to the list
    saved = Signal(str)  # a version of this key was written
    export_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("blueprintEditor")
        self.workspace: Workspace | None = None
        self.session: EditorSession | None = None
        self.drafts: DraftStore | None = None
        self.version: BlueprintVersion | None = None  # the version the session started from
        self.saving = False
        self.last_draft: str | None = None
        self._build()
        self._autosave = QTimer(self)
        self._autosave.setInterval(AUTOSAVE_INTERVAL_MS)
        self._autosave.timeout.connect(self.autosave)
        self._update_icons()
        self.retranslate()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        def action(shortcuts: list[QKeySequence], slot: object) -> QAction:
            made = QAction(self)
            made.setShortcuts(shortcuts)
            made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            made.triggered.connect(slot)
            self.addAction(made)
            return made

        keys = QKeySequence.StandardKey
        self.back_action = action([QKeySequence("Alt+Left")], self.request_close)
        self.undo_action = action([QKeySequence(keys.Undo)], self.undo)
        self.redo_action = action(
            [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"), QKeySequence(keys.Redo)], self.redo
        )
        self.save_action = action([QKeySequence(keys.Save)], self.save)
        self.export_action = action([], lambda: self.export_requested.emit(self.key))
        self.title = QLabel(self)
        self.title.setObjectName("paneTitle")
        self.state_label = QLabel(self)
        self.state_label.setObjectName("editorState")
        header = QHBoxLayout()
        self.header_buttons: list[QToolButton] = []
        for made in (self.back_action,):
            header.addWidget(self._button(made))
        header.addWidget(self.title)
        header.addWidget(self.state_label, 1)
        for made in (self.undo_action, self.redo_action, self.save_action, self.export_action):
            header.addWidget(self._button(made))
        self.notice = EditorNotice(self)
        self.surface = EditSurface(self)
        self.surface.changed.connect(self._update_state)
        self.history = HistoryView(self)
        self.history.compare_requested.connect(self.compare)
        self.history.revert_requested.connect(self.confirm_revert)
        self.diff = DiffView(self)
        self.diff.compare_requested.connect(self.compare)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("editorTabs")
        self.tabs.addTab(self.surface, "")
        self.tabs.addTab(self.history, "")
        self.tabs.addTab(self.diff, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)

    def _button(self, made: QAction) -> QToolButton:
        button = QToolButton(self)
        button.setDefaultAction(made)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header_buttons.append(button)
        return button

    @property
    def key(self) -> str:
        return self.session.key if self.session is not None else ""

    # ------------------------------------------------------------------ opening, closing
    def open_version(self, workspace: Workspace, version: BlueprintVersion,
                     drafts: DraftStore | None = None) -> None:
        self.close_now()
        self.workspace = workspace
        self.version = version
        self.drafts = drafts or DraftStore(workspace.name)
        self.session = EditorSession(version.key, version.document, version.version,
                                     validator=workspace.blueprints.validate)
        self.last_draft = None
        self.notice.dismiss()
        self.tabs.setCurrentWidget(self.surface)
        self.surface.set_session(self.session)
        self.history.show_history([])
        self.diff.set_versions([])
        self._autosave.start()
        self.load_history()
        draft = self.drafts.recoverable(version.key, version.recorded_at, version.document)
        if draft is not None:
            self._offer_draft(draft)
        self._update_state()

    def _offer_draft(self, draft: Draft) -> None:
        def text() -> str:
            return fill(self.tr("Unsaved changes from %1 were kept as a draft (started from "
                                "version %2). Restore them?"),
                        format_datetime(draft.saved_at), format_number(draft.base_version or 0))

        self.notice.show_notice("draft", "info", text, [
            (lambda: self.tr("&Restore draft"), lambda: self.restore_draft(draft)),
            (lambda: self.tr("&Discard draft"), self.discard_draft),
        ])

    def restore_draft(self, draft: Draft) -> None:
        if self.session is None:
            return
        self.session.restore(draft.text, draft.fmt, draft.base_version)
        self.last_draft = draft.text
        self.notice.dismiss()
        self.surface.refresh("draft")

    def discard_draft(self) -> None:
        if self.drafts is not None and self.session is not None:
            self.drafts.remove(self.session.key)
        self.last_draft = None
        self.notice.dismiss()

    def request_close(self) -> None:
        """Back to the list; unsaved changes are saved, discarded or kept, as the owner says."""
        session = self.session
        if session is None:
            self.closed.emit()
            return
        self.surface.flush()
        if not session.dirty:
            self.close_now()
            self.closed.emit()
            return
        box = QMessageBox(self)
        box.setObjectName("unsavedChanges")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Unsaved changes"))
        box.setText(fill(self.tr("Blueprint %1 has changes that are not saved yet."), session.key))
        box.setInformativeText(self.tr("Save them as a new version before leaving?"))
        box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                               | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda result: self._close_answered(QMessageBox.StandardButton(result)))
        box.open()

    def _close_answered(self, answer: QMessageBox.StandardButton) -> None:
        if answer == QMessageBox.StandardButton.Save:
            self.save(then_close=True)
        elif answer == QMessageBox.StandardButton.Discard:
            self.discard_draft()
            self.close_now(keep_draft=False)
            self.closed.emit()

    def close_now(self, keep_draft: bool = True) -> None:
        """Stop editing at once; unsaved work stays in the draft unless told otherwise."""
        self._autosave.stop()
        self.surface.flush()
        if keep_draft:
            self.autosave()
        self.surface.stop()
        self.surface.set_session(None)
        self.session = None
        self.workspace = None
        self.version = None
        self.notice.dismiss()
        self._update_state()

    # ------------------------------------------------------------------ editing
    def undo(self) -> None:
        if self.session is not None:
            self.surface.flush()
            if self.session.undo():
                self.surface.refresh("undo")

    def redo(self) -> None:
        if self.session is not None:
            self.surface.flush()
            if self.session.redo():
                self.surface.refresh("redo")

    def autosave(self) -> None:
        """Keep the working text on disk while it differs from the saved version."""
        session, drafts = self.session, self.drafts
        if session is None or drafts is None:
            return
        text = self.surface.raw.text.toPlainText()
        if session.dirty or self.surface.raw.pending:
            if text != self.last_draft:
                drafts.write(session.key, text, session.fmt, session.base_version)
                self.last_draft = text
        elif self.last_draft is not None:
            drafts.remove(session.key)
            self.last_draft = None

    # ------------------------------------------------------------------ saving
    def save(self, then_close: bool = False, expected_version: int | None = None) -> None:
        session, workspace = self.session, self.workspace
        if session is None or workspace is None or self.saving:
            return
        self.surface.flush()
        if not session.readable:
            self._show_error(self.tr("The raw text cannot be read. Fix it (see the problems "
                                     "list) before saving."))
            return
        document = copy.deepcopy(session.document)
        expected = expected_version if expected_version is not None else session.base_version
        key = session.key
        self.saving = True
        self._update_state()
        BackgroundOp(self, lambda: workspace.blueprints.save(key, document, expected,
                                                             current_actor())).success(
            lambda version: self._saved(session, version, document, then_close)
        ).failure(lambda exc: self._save_failed(session, exc)).finished(self._save_done).run()

    def _save_done(self) -> None:
        self.saving = False
        self._update_state()

    def _saved(self, session: EditorSession, version: BlueprintVersion,
               document: dict[str, object], then_close: bool) -> None:
        if session is not self.session:
            return
        session.mark_saved(version.version, document)
        self.version = version
        self.autosave()  # removes the draft, or keeps edits made while saving
        number = version.version
        self.notice.show_notice("saved", "info",
                                lambda: fill(self.tr("Saved as version %1."), format_number(number)))
        self.saved.emit(session.key)
        self.load_history()
        if then_close:
            self.close_now()
            self.closed.emit()

    def _save_failed(self, session: EditorSession, exc: BaseException) -> None:
        if session is not self.session:
            return
        if isinstance(exc, ConcurrencyError):
            self.autosave()
            self._show_conflict(exc)
        elif isinstance(exc, NothingToSaveError):
            session.mark_saved(session.base_version or 0, session.document)
            self.autosave()
            self.notice.show_notice("saved", "info", lambda: self.tr(
                "Nothing to save: the newest version already has this content."))
        elif isinstance(exc, InvalidBlueprintError):
            self.surface.validate_now()
            # The count follows the edits; the notice goes once no error is left.
            self.notice.show_notice("invalid", "error", lambda: self.tr(
                "Not saved: the blueprint has %Ln errors. They are listed below; choose one to "
                "go to its place.", "", self.error_count()))
        else:
            self._show_error(error_text(exc))

    def _show_conflict(self, exc: ConcurrencyError) -> None:
        theirs = exc.actual_version

        def text() -> str:
            return fill(self.tr("Not saved: someone saved version %1 of this blueprint while "
                                "you were editing version %2. Your changes are still here and "
                                "in the draft."),
                        format_number(theirs or 0), format_number(exc.expected_version or 0))

        self.notice.show_notice("conflict", "error", text, [
            (lambda: self.tr("&Load the newest version"), self.reload_newest),
            (lambda: self.tr("Save &mine as the newest"), lambda: self.save(expected_version=theirs)),
            (lambda: self.tr("&Keep editing"), self.notice.dismiss),
        ])

    def _show_error(self, text: str) -> None:
        self.notice.show_notice("error", "error", lambda: text)

    def changed_elsewhere(self, version: int) -> None:
        """Version ``version`` of the open blueprint was recorded (by this window or any
        other writer). Without unsaved changes the editor moves to it; with them, the owner
        chooses."""
        session = self.session
        if session is None or self.saving or version <= (session.base_version or 0):
            return
        if not session.dirty:
            self.reload_newest()
            return

        def text() -> str:
            return fill(self.tr("Version %1 of this blueprint was saved elsewhere while you "
                                "were editing version %2. Your changes are still here and in "
                                "the draft."), format_number(version),
                        format_number(session.base_version or 0))

        self.notice.show_notice("elsewhere", "info", text, [
            (lambda: self.tr("&Load the newest version"), self.reload_newest),
            (lambda: self.tr("&Keep editing"), self.notice.dismiss),
        ])

    def reload_newest(self) -> None:
        """Replace the working document with the newest version (undo brings it back)."""
        session, workspace = self.session, self.workspace
        if session is None or workspace is None:
            return
        key = session.key

        def loaded(version: BlueprintVersion) -> None:
            if session is self.session:
                session.reload(version.document, version.version)
                self.version = version
                self.notice.dismiss()
                self.surface.refresh("reload")
                self.load_history()

        BackgroundOp(self, lambda: workspace.blueprints.get(key)).success(loaded).failure(
            lambda exc: self._show_error(error_text(exc))
        ).run()

    # ------------------------------------------------------------------ history
    def load_history(self) -> None:
        session, workspace = self.session, self.workspace
        if session is None or workspace is None:
            return
        key = session.key

        def show(versions: list[VersionInfo]) -> None:
            if session is self.session:
                self.history.show_history(versions)
                self.diff.set_versions([v.version for v in versions])

        BackgroundOp(self, lambda: workspace.blueprints.history(key)).success(show).failure(
            lambda exc: self._show_error(error_text(exc))
        ).run()

    def compare(self, old: int, new: int) -> None:
        session, workspace = self.session, self.workspace
        if session is None or workspace is None:
            return
        key = session.key
        self.tabs.setCurrentWidget(self.diff)

        def show(diff: SemanticDiff) -> None:
            if session is self.session:
                self.diff.show_diff(old, new, diff)

        BackgroundOp(self, lambda: workspace.blueprints.diff(key, old, new)).success(show).failure(
            lambda exc: self._show_error(error_text(exc))
        ).run()

    def confirm_revert(self, version: int) -> None:
        session = self.session
        if session is None:
            return
        box = QMessageBox(self)
        box.setObjectName("confirmRevert")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Revert blueprint"))
        box.setText(fill(self.tr("Save the content of version %1 as the newest version of %2?"),
                         format_number(version), session.key))
        informative = self.tr("Every version stays in the history.")
        if session.dirty:
            informative += " " + self.tr("Your unsaved changes will be replaced; Undo brings "
                                         "them back.")
        box.setInformativeText(informative)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(
            lambda result: self.revert_to(version)
            if result == QMessageBox.StandardButton.Yes else None
        )
        box.open()

    def revert_to(self, version: int) -> None:
        """Write ``version``'s content as the newest version (asked for confirmation first)."""
        session, workspace = self.session, self.workspace
        if session is None or workspace is None:
            return
        key, expected, service = session.key, session.base_version, workspace.blueprints

        def reverted(made: BlueprintVersion) -> None:
            if session is not self.session:
                return
            session.reload(made.document, made.version)
            self.version = made
            self.autosave()
            self.surface.refresh("revert")
            self.notice.show_notice("saved", "info", lambda: fill(
                self.tr("Version %1 now holds the content of version %2."),
                format_number(made.version), format_number(version)))
            self.saved.emit(key)
            self.load_history()

        BackgroundOp(self, lambda: workspace.runner.run(
            lambda: service.revert_now(key, version, current_actor(), expected_version=expected)
        )).success(reverted).failure(lambda exc: self._save_failed(session, exc)).run()

    # ------------------------------------------------------------------ drawing
    def error_count(self) -> int:
        return sum(1 for located in self.findings() if located.finding.severity is Severity.error)

    def _update_state(self) -> None:
        if self.notice.topic == "invalid":
            if self.error_count() == 0:
                self.notice.dismiss()
            else:
                self.notice.retranslate()
        session = self.session
        editing = session is not None
        self.undo_action.setEnabled(session is not None and session.can_undo)
        self.redo_action.setEnabled(session is not None and session.can_redo)
        self.save_action.setEnabled(editing and not self.saving)
        self.export_action.setEnabled(editing)
        if session is None or self.version is None:
            self.title.setText("")
            self.state_label.setText("")
            return
        name = session.value(f"/name/{language()}") or session.value("/name/en") or session.key
        self.title.setText(f"{name} ({isolate(session.key)})")
        base = format_number(session.base_version or 0)
        if self.saving:
            state = self.tr("Saving…")
        elif session.dirty:
            state = fill(self.tr("Version %1 · unsaved changes"), base)
        else:
            state = fill(self.tr("Version %1 · saved"), base)
        self.state_label.setText(state)

    def findings(self) -> list[LocatedFinding]:
        return self.surface.findings.findings

    def retranslate(self) -> None:
        self.back_action.setText(self.tr("Blueprints"))
        self.back_action.setToolTip(self.tr("Back to the list of blueprints (Alt+Left)"))
        self.undo_action.setText(self.tr("Undo"))
        self.undo_action.setToolTip(self.tr("Undo the last change (Ctrl+Z)"))
        self.redo_action.setText(self.tr("Redo"))
        self.redo_action.setToolTip(self.tr("Redo the change undone last (Ctrl+Shift+Z)"))
        self.save_action.setText(self.tr("Save"))
        self.save_action.setToolTip(self.tr("Save as a new version (Ctrl+S)"))
        self.export_action.setText(self.tr("Export…"))
        self.export_action.setToolTip(self.tr("Write the saved version to a YAML or JSON file"))
        for button in self.header_buttons:
            button.setAccessibleName(button.defaultAction().toolTip())
        self.tabs.setTabText(0, self.tr("&Editor"))
        self.tabs.setTabText(1, self.tr("&History"))
        self.tabs.setTabText(2, self.tr("C&ompare versions"))
        self.tabs.setAccessibleName(self.tr("Blueprint views"))
        self._update_state()

    def _update_icons(self) -> None:
        # "Back" points left in English and right in Arabic.
        self.back_action.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowBack, None, self)
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.LayoutDirectionChange:
            self._update_icons()
        super().changeEvent(event)
