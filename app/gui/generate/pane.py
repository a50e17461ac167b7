"""The Generate pane: choose a blueprint version and a folder, generate with progress (and
cancel), then see the files and their diffs, the conflicts to resolve, the folder's
generations with rollback, and run the platform locally."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.codegen.manifest import CONFLICT_SUFFIX
from app.domain.codegen.results import (
    GenerationCancelledError,
    GenerationProgress,
    GenerationResult,
)
from app.gui.background import BackgroundOp
from app.gui.blueprints.notice import EditorNotice
from app.gui.empty_state import EmptyState
from app.gui.formatting import fill, format_number
from app.gui.generate.chooser import GenerationChooser
from app.gui.generate.conflicts_panel import GenerationConflictsPanel
from app.gui.generate.files_panel import GenerationFilesPanel
from app.gui.generate.history_panel import GenerationHistoryPanel
from app.gui.generate.problems import problem_text
from app.gui.generate.progress import GenerationRun, default_output
from app.gui.generate.runtime_panel import PlatformRunPanel
from app.gui.generate.texts import phase_name
from app.gui.qt import (
    QAction,
    QEvent,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QProgressBar,
    QPushButton,
    QShowEvent,
    Qt,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.gui.store_feed import follow

if TYPE_CHECKING:
    from app.bootstrap import Workspace
    from app.gui.session import WorkspaceSession
    from app.services.blueprints import VersionInfo
    from app.services.ports import BlueprintSummary

FILES, CONFLICTS, HISTORY, RUN = range(4)
PROGRESS_STEPS = 1000


class GeneratePane(QWidget):
    listed = Signal()  # the blueprints and the chosen one's versions are on screen
    generated = Signal(object)  # a GenerationResult
    generation_failed = Signal(str)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("generatePane")
        self.workspace: Workspace | None = None
        self.run: GenerationRun | None = None
        self.result: GenerationResult | None = None
        self.loading = False
        self._build()
        session.workspace_changed.connect(self.set_workspace)
        follow(self, session.feed, self.refresh, {"blueprint"})
        self.retranslate()
        if session.workspace is not None:
            self.set_workspace(session.workspace)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setObjectName("paneTitle")
        self.chooser = GenerationChooser(self)
        self.chooser.blueprint_chosen.connect(lambda key: self._load_versions(key))
        self.chooser.folder_chosen.connect(lambda _out: self._show_folder())
        self.generate_button = QPushButton(self)
        self.generate_button.setObjectName("generateButton")
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(self.generate)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("generateProgress")
        self.progress.setRange(0, PROGRESS_STEPS)
        self.progress.setTextVisible(False)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("generateProgressText")
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress_label.setWordWrap(True)
        self.empty = EmptyState(self, "generateEmpty")
        self.notice = EditorNotice(self)

        actions = QHBoxLayout()
        actions.addWidget(self.generate_button)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.progress, 1)
        actions.addStretch(0)  # the buttons keep their size while the bar is hidden
        self.files = GenerationFilesPanel(self)
        self.conflicts = GenerationConflictsPanel(self)
        self.conflicts.changed.connect(self._conflicts_changed)
        self.history = GenerationHistoryPanel(self)
        self.history.rolled_back.connect(lambda _commit: self._folder_changed_on_disk())
        self.runtime = PlatformRunPanel(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("generateTabs")
        for page in (self.files, self.conflicts, self.history, self.runtime):
            self.tabs.addTab(page, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.chooser)
        layout.addLayout(actions)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.notice)
        layout.addWidget(self.empty, 1)  # in the results' place while there is nothing to show
        layout.addWidget(self.tabs, 1)
        QWidget.setTabOrder(self.chooser.dry_run, self.generate_button)
        QWidget.setTabOrder(self.generate_button, self.cancel_button)
        QWidget.setTabOrder(self.cancel_button, self.tabs)
        self.setFocusProxy(self.chooser.blueprint)

        self.generate_action = QAction(self)
        self.generate_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.generate_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.generate_action.triggered.connect(self.generate)
        self.addAction(self.generate_action)
        self.cancel_action = QAction(self)
        self.cancel_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.cancel_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.cancel_action.triggered.connect(self.cancel)
        self.addAction(self.cancel_action)

    # ------------------------------------------------------------------ workspace
    def set_workspace(self, workspace: Workspace | None) -> None:
        self.cancel()
        self.runtime.set_platform(None, "", None)
        self.workspace = workspace
        self.result = None
        self.files.show_result(None)
        self.chooser.set_blueprints([])
        self.chooser.set_versions([])
        self.notice.dismiss()
        self.refresh()

    def shutdown(self) -> None:
        """The window closes: a generation is cancelled, a running platform stopped."""
        if self.run is not None:
            self.run.request_cancel()
        self.runtime.shutdown()
        self.workspace = None

    def refresh(self) -> None:
        workspace = self.workspace
        self._update()
        if workspace is None:
            return
        self.loading = True

        def show(rows: list[BlueprintSummary]) -> None:
            if workspace is not self.workspace:
                return
            before = self.chooser.key()
            self.chooser.set_blueprints(rows)
            key = self.chooser.key()
            self._load_versions(key, keep_choice=key == before and bool(before))

        def failed(exc: BaseException) -> None:
            self.loading = False
            self._failed(exc)

        BackgroundOp(self, workspace.blueprints.list).success(show).failure(failed).run()

    def _load_versions(self, key: str, keep_choice: bool = False) -> None:
        """The versions of ``key``; a newly chosen blueprint also gets its default folder
        (``keep_choice``: the same blueprint, listed again, keeps version and folder)."""
        workspace = self.workspace
        if workspace is None or not key:
            self.chooser.set_versions([])
            self.loading = False
            self._update()
            self.listed.emit()
            return
        self.loading = True
        registry = workspace.codegen.registry
        lookup = registry.lookup if registry is not None else None

        async def work() -> tuple[list[VersionInfo], Path]:
            versions = await workspace.blueprints.history(key)
            return versions, await asyncio.to_thread(default_output, key, lookup)

        def show(answer: tuple[list[VersionInfo], Path]) -> None:
            if workspace is not self.workspace or key != self.chooser.key():
                return
            versions, out = answer
            chosen = self.chooser.chosen_version()
            was_latest = bool(self.chooser.versions) and chosen == self.chooser.versions[-1].version
            self.chooser.set_versions(versions)  # the latest is chosen
            if keep_choice and chosen is not None and not was_latest:
                self.chooser.select_version(chosen)  # an earlier version the owner chose
            if keep_choice:
                self.listed.emit()
                return
            self.chooser.set_folder(out)
            if self.result is not None and self.result.key != key:
                self.result = None
                self.files.show_result(None)
            self._show_folder()
            self.listed.emit()

        def done() -> None:
            self.loading = False
            self._update()

        BackgroundOp(self, work).success(show).failure(self._failed).finished(done).run()

    def _show_folder(self) -> None:
        """The chosen folder's conflicts, generations and running state."""
        workspace, out, key = self.workspace, self.chooser.out(), self.chooser.key()
        if workspace is None or out is None:
            return
        result = self.result if self.result is not None and self.result.root == out else None
        self.conflicts.set_folder(out, result)
        self.history.set_folder(workspace.codegen, out)
        self.runtime.set_platform(workspace.runtime, key, out)

    def _folder_changed_on_disk(self) -> None:
        self.conflicts.reload()
        self.runtime.refresh()

    # ------------------------------------------------------------------ generating
    def generate(self) -> None:
        workspace, key = self.workspace, self.chooser.key()
        version, out = self.chooser.chosen_version(), self.chooser.out()
        if workspace is None or not key or version is None or out is None or self.run is not None:
            return
        run = self.run = GenerationRun(key, version, out.resolve(), self.chooser.dry_run.isChecked())
        self.notice.dismiss()
        self._update()
        self._progress(None)

        def report(update: GenerationProgress) -> None:
            if run is self.run:
                run.report(update)
                self._progress(update)

        async def work() -> GenerationResult:
            stored = await workspace.blueprints.get(key, version)
            return await workspace.codegen.generate(stored.blueprint, run.out, version=stored.version,
                                                    progress=report, cancel=run.cancel,
                                                    dry_run=run.dry_run)

        def finished() -> None:
            if self.run is run:
                self.run = None
            self._update()

        BackgroundOp(self, work).success(self._generated).failure(self._generation_failed).finished(
            finished).run()

    def cancel(self) -> None:
        run = self.run
        if run is not None and run.request_cancel():
            self.progress_label.setText(self.tr("Cancelling…"))
            self._update()

    def _progress(self, update: GenerationProgress | None) -> None:
        run = self.run
        self.progress.setValue(int((run.fraction if run is not None else 0) * PROGRESS_STEPS))
        if update is None:
            self.progress_label.setText(self.tr("Reading the blueprint…"))
            return
        if run is not None and run.cancel.is_set():
            return
        text = fill(self.tr("%1: %2 of %3"), phase_name(update.phase),
                    format_number(update.done), format_number(update.total))
        if update.current:
            text = fill("%1 — %2", text, update.current)
        self.progress_label.setText(text)
        self.cancel_button.setEnabled(run is not None and run.cancellable)

    def _generated(self, result: GenerationResult) -> None:
        self.result = result
        self.progress.setValue(PROGRESS_STEPS)
        self.progress_label.setText(self._result_line(result))
        self.files.show_result(result)
        self.tabs.setCurrentIndex(FILES)
        if not result.dry_run:
            self.chooser.set_folder(result.root)
            self._show_folder()
        if result.conflicts and not result.dry_run:
            self._announce_conflicts(len(result.conflicts))
        self.generated.emit(result)

    def _result_line(self, result: GenerationResult) -> str:
        counts = result.counts()
        written = sum(counts[k] for k in ("added", "changed", "merged", "removed"))
        if result.dry_run:
            return fill(self.tr("Dry run done: %Ln files would be written, %1 in conflict.", "",
                                written), format_number(counts["conflict"]))
        return fill(self.tr("Generated: %Ln files written, %1 in conflict.", "", written),
                    format_number(counts["conflict"]))

    def _generation_failed(self, exc: BaseException) -> None:
        self.progress.setValue(0)
        if isinstance(exc, GenerationCancelledError):
            text = self.tr("Generation cancelled; nothing was written.")
            self.progress_label.setText(text)
        else:
            text = problem_text(exc)
            self.progress_label.setText("")
            self.notice.show_notice("failed", "error", lambda: problem_text(exc))
        self.generation_failed.emit(text)

    # ------------------------------------------------------------------ conflicts
    def _announce_conflicts(self, count: int) -> None:
        self.notice.show_notice("conflicts", "error", lambda: fill(self.tr(
            "In conflict: %Ln files. Your files were kept, and a %1 file beside each "
            "shows both sides. Decide for each one.", "", count), CONFLICT_SUFFIX),
            [(lambda: self.tr("&Show conflicts"), self.show_conflicts),
             (lambda: self.tr("Dismiss"), self.notice.dismiss)])

    def show_conflicts(self) -> None:
        self.tabs.setCurrentIndex(CONFLICTS)
        self.conflicts.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _conflicts_changed(self, count: int) -> None:
        self.runtime.set_open_conflicts(count)
        self._retitle_tabs()
        if count == 0 and self.notice.topic == "conflicts":
            self.notice.dismiss()

    # ------------------------------------------------------------------ drawing
    def _failed(self, exc: BaseException) -> None:
        self.notice.show_notice("failed", "error", lambda: problem_text(exc))

    def _update(self) -> None:
        has_workspace = self.workspace is not None
        running = self.run is not None
        has_blueprint = bool(self.chooser.key())
        self.chooser.set_busy(running or not has_workspace)
        self.generate_button.setEnabled(has_workspace and has_blueprint and not running
                                        and self.chooser.chosen_version() is not None)
        self.cancel_button.setEnabled(running and self.run is not None and self.run.cancellable)
        self.progress.setVisible(running)
        empty = has_workspace and not self.loading and not self.chooser.summaries
        self.empty.setVisible(empty)
        self.tabs.setVisible(not empty)
        self.progress_label.setVisible(not empty)  # nothing has run: no empty line above

    def _retitle_tabs(self) -> None:
        count = len(self.conflicts.conflicts)
        # No mnemonics on the tabs (Ctrl+Tab moves between them): the controls above use
        # the letters.
        self.tabs.setTabText(FILES, self.tr("Files"))
        self.tabs.setTabText(CONFLICTS, fill(self.tr("Conflicts (%1)"), format_number(count))
                             if count else self.tr("Conflicts"))
        self.tabs.setTabText(HISTORY, self.tr("History"))
        self.tabs.setTabText(RUN, self.tr("Run"))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Generate"))
        self.generate_button.setText(self.tr("&Generate"))
        self.generate_button.setToolTip(self.tr("Generate the platform of the chosen version "
                                                "(Ctrl+Enter)"))
        self.cancel_button.setText(self.tr("Ca&ncel"))
        self.cancel_button.setToolTip(self.tr("Stop before anything is written (Esc)"))
        self.progress.setAccessibleName(self.tr("Generation progress"))
        self.empty.show_state(
            self.tr("No blueprints yet"),
            self.tr("Create one in the Blueprints pane, then generate its platform here."))
        self.tabs.setAccessibleName(self.tr("Generation results"))
        if self.result is not None and self.run is None:
            self.progress_label.setText(self._result_line(self.result))
        self._retitle_tabs()
        self._update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.workspace is not None and not self.loading and self.run is None:
            self.refresh()  # blueprints may have been added or revised meanwhile
