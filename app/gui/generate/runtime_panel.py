"""Running the generated backend locally: Run and Stop, its state and URL, its health,
and its log streaming in (the last lines only). Starting, checking and stopping run off
the GUI thread; closing the pane stops the platform."""

from __future__ import annotations

import asyncio
import html
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.bidi import rtl
from app.domain.codegen.manifest import MANIFEST_PATH
from app.gui.background import BackgroundOp
from app.gui.formatting import fill, format_datetime, format_number, ltr
from app.gui.generate.code_view import CodeView
from app.gui.generate.problems import problem_text
from app.gui.generate.run_state import Health, PlatformRun, RunState, stop_when_closing
from app.gui.generate.texts import health_name, run_state_name
from app.gui.qt import (
    QApplication,
    QDesktopServices,
    QEvent,
    QHBoxLayout,
    QLabel,
    QPalette,
    QPushButton,
    Qt,
    QTimer,
    QUrl,
    QVBoxLayout,
    QWidget,
    Signal,
    is_alive,
)
from app.gui.theme import accent

if TYPE_CHECKING:
    from app.services.runtime import RunningPlatform, RuntimeService, RuntimeStatus

LOG_LINES = 5_000
HEALTH_INTERVAL_MS = 5_000
LOG_FLUSH_MS = 60
START_TIMEOUT = 60.0
STATE_ACCENTS = {RunState.RUNNING: "ok", RunState.FAILED: "error", RunState.STARTING: "warning",
                 RunState.STOPPING: "warning"}


class PlatformRunPanel(QWidget):
    state_changed = Signal()
    log_appended = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runtime: RuntimeService | None = None
        self.key = ""
        self.root: Path | None = None
        self.generated = False  # the folder holds a generated platform
        self.run_state = PlatformRun()
        self.running: RunningPlatform | None = None
        self.stop_thread: threading.Thread | None = None
        self._starting: threading.Event | None = None
        self._checking = False
        self._closed = False
        self._attempt = 0  # which start a finishing start belongs to
        self._shown_key = ""
        self._pending: list[str] = []
        self.open_conflicts = 0

        self.run_button = QPushButton(self)
        self.run_button.setObjectName("runPlatform")
        self.run_button.clicked.connect(self.run)
        self.stop_button = QPushButton(self)
        self.stop_button.setObjectName("stopPlatform")
        self.stop_button.clicked.connect(self.stop)
        self.browser_button = QPushButton(self)
        self.browser_button.clicked.connect(self.open_in_browser)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("runtimeStatus")
        self.status_label.setTextFormat(Qt.TextFormat.RichText)
        self.status_label.setOpenExternalLinks(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.status_label.setWordWrap(True)
        self.health_label = QLabel(self)
        self.health_label.setObjectName("runtimeHealth")
        self.health_label.setTextFormat(Qt.TextFormat.PlainText)
        self.log_title = QLabel(self)
        self.log = CodeView(self, highlight=False, max_lines=LOG_LINES)
        self.log.setObjectName("runtimeLog")
        self.log_title.setBuddy(self.log)
        self.clear_button = QPushButton(self)
        self.clear_button.clicked.connect(self.log.clear)

        buttons = QHBoxLayout()
        for button in (self.run_button, self.stop_button, self.browser_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        log_row = QHBoxLayout()
        log_row.addWidget(self.log_title)
        log_row.addStretch(1)
        log_row.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)
        layout.addWidget(self.health_label)
        layout.addLayout(log_row)
        layout.addWidget(self.log, 1)

        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(LOG_FLUSH_MS)
        self._flush_timer.timeout.connect(self._flush_log)
        self._health_timer = QTimer(self)
        self._health_timer.setInterval(HEALTH_INTERVAL_MS)
        self._health_timer.timeout.connect(self.check_health)
        self.retranslate()

    # ------------------------------------------------------------------ platform
    def set_platform(self, runtime: RuntimeService | None, key: str, root: Path | None) -> None:
        """Show the platform of ``key`` generated into ``root``; a platform of another key
        that this panel runs is stopped first."""
        if self.key and key != self.key and self.run_state.state is not RunState.STOPPED:
            self._stop_now()
        self.runtime, self.key, self.root = runtime, key, root
        if key != self._shown_key:
            self._set(PlatformRun())
            self._shown_key = key
        self.refresh()

    def refresh(self) -> None:
        """Whether the folder holds a generated platform, and whether it is running (it may
        have been started earlier or from the command line)."""
        runtime, key, root = self.runtime, self.key, self.root
        if runtime is None or root is None or not key or self._closed:
            self.generated = False
            self._update()
            return

        async def work() -> tuple[bool, list[RuntimeStatus]]:
            generated = await asyncio.to_thread((root / MANIFEST_PATH).is_file)
            return generated, await runtime.statuses()

        def show(answer: tuple[bool, list[RuntimeStatus]]) -> None:
            if (runtime, key, root) != (self.runtime, self.key, self.root):
                return
            self.generated, statuses = answer
            status = next((s for s in statuses if s.key == key), None)
            if status is not None and not self.run_state.busy:
                self._set(self.run_state.checked(status))
            self._update()

        BackgroundOp(self, work).success(show).failure(self._failed).run()

    # ------------------------------------------------------------------ run, stop
    def run(self) -> None:
        runtime, root, key = self.runtime, self.root, self.key
        if runtime is None or root is None or not self.run_state.can_run or self._closed:
            return
        self._attempt += 1
        attempt = self._attempt
        self._set(self.run_state.starting())
        self._note(fill(self.tr("— Starting %1 from %2 —"), key, ltr(root)))
        starting = self._starting = threading.Event()
        starting.set()
        task = asyncio.get_running_loop().create_task(
            runtime.start(str(root), on_log=self.append_log, timeout=START_TIMEOUT))

        def finished(done: asyncio.Task[RunningPlatform]) -> None:
            starting.clear()
            if done.cancelled():
                return
            exc = done.exception()
            if self._closed or not is_alive(self) or attempt != self._attempt:
                return  # the stop thread of a closing pane takes care of it
            if exc is not None:
                self._set(self.run_state.failed(problem_text(exc)))
            else:
                self._started(done.result())

        task.add_done_callback(finished)

    def _started(self, running: RunningPlatform) -> None:
        self.running = running
        self._set(self.run_state.started(running.url))
        self._note(fill(self.tr("— Running at %1 —"), ltr(running.url)))

    def stop(self) -> None:
        runtime, key, running = self.runtime, self.key, self.running
        if runtime is None or not self.run_state.can_stop:
            return
        self._set(self.run_state.stopping())

        async def work() -> RuntimeStatus:
            status = await runtime.stop(key)
            if running is not None:
                await asyncio.to_thread(running.process.wait, 5.0)
            return status

        def done(_status: RuntimeStatus) -> None:
            self.running = None
            self._set(self.run_state.stopped())
            self._note(self.tr("— Stopped —"))

        def failed(exc: BaseException) -> None:
            self._set(self.run_state.failed(problem_text(exc)))

        BackgroundOp(self, work).success(done).failure(failed).run()

    def check_health(self) -> None:
        runtime, key, running = self.runtime, self.key, self.running
        if runtime is None or self._checking or self.run_state.state is not RunState.RUNNING:
            return
        if running is not None and running.process.poll() is not None:
            self._exited(running.process.poll())
            return
        self._checking = True

        def show(statuses: list[RuntimeStatus]) -> None:
            if key != self.key or self.run_state.busy:
                return
            status = next((s for s in statuses if s.key == key), None)
            if status is None or status.state == "stopped":
                self._exited(running.process.poll() if running is not None else None)
            else:
                self._set(self.run_state.checked(status))

        def done() -> None:
            self._checking = False

        BackgroundOp(self, runtime.statuses).success(show).failure(self._failed).finished(done).run()

    def _exited(self, code: int | None) -> None:
        self.running = None
        self._set(self.run_state.exited(code))

    def set_open_conflicts(self, count: int) -> None:
        """Files of the folder still in conflict (the platform may not start with them)."""
        self.open_conflicts = count
        self._update()

    def open_in_browser(self) -> None:
        if self.run_state.url:
            QDesktopServices.openUrl(QUrl(self.run_state.url))

    def _stop_now(self) -> None:
        """Stop the platform without waiting (the pane closes or shows another one)."""
        runtime, state = self.runtime, self.run_state.state
        if runtime is None or state is RunState.STOPPED or state is RunState.FAILED:
            return
        starting = self._starting if state is RunState.STARTING else None
        self.stop_thread = stop_when_closing(runtime, self.key, self.running, starting)
        self._attempt += 1
        self.running = None
        self._set(PlatformRun())

    def shutdown(self) -> None:
        self._flush_timer.stop()
        self._health_timer.stop()
        self._stop_now()
        self._closed = True

    # ------------------------------------------------------------------ log
    def append_log(self, line: str) -> None:
        """A line of the platform's log (called on the GUI thread; shown in batches)."""
        if self._closed or not is_alive(self):
            return
        self._pending.append(line)
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def _note(self, text: str) -> None:
        """A line of the console's own about the run, in the console's language: the log
        reads left to right, so a right-to-left note is isolated as such."""
        mirrored = QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        self.append_log(rtl(text) if mirrored else text)

    def _flush_log(self) -> None:
        lines, self._pending = self._pending[-LOG_LINES:], []
        if not lines:
            return
        bar = self.log.verticalScrollBar()
        following = bar.value() >= bar.maximum() - 2
        self.log.appendPlainText("\n".join(lines))
        if following:
            bar.setValue(bar.maximum())
        self.log_appended.emit()

    def log_lines(self) -> list[str]:
        return self.log.toPlainText().splitlines()

    # ------------------------------------------------------------------ drawing
    def _set(self, run: PlatformRun) -> None:
        self.run_state = run
        if run.state is RunState.RUNNING and not self._closed:
            if not self._health_timer.isActive():
                self._health_timer.start()
        else:
            self._health_timer.stop()
        self._update()
        self.state_changed.emit()

    def _failed(self, exc: BaseException) -> None:
        self.health_label.setText(problem_text(exc))

    def status_text(self) -> str:
        run = self.run_state
        name = html.escape(run_state_name(run))
        if run.state is RunState.RUNNING and run.url:
            url = html.escape(run.url)
            link = f'<a href="{url}">{url}</a>'
            docs = f'<a href="{url}/docs">{url}/docs</a>'
            return fill(self.tr("%1 at %2 — API documents: %3"), f"<b>{name}</b>", link, docs)
        if run.state is RunState.FAILED:
            if run.reason:
                reason = run.reason
            elif run.exit_code is not None:
                reason = fill(self.tr("The platform stopped by itself (exit code %1)."),
                              format_number(run.exit_code))
            else:
                reason = self.tr("The platform stopped by itself.")
            return fill("%1 — %2", f"<b>{name}</b>", html.escape(reason))
        if run.state is RunState.STOPPED and not self.generated:
            return fill("%1 — %2", f"<b>{name}</b>",
                        html.escape(self.tr("Generate the platform first to run it.")))
        if run.can_run and self.open_conflicts:
            return fill("%1 — %2", f"<b>{name}</b>", html.escape(self.tr(
                "%Ln files are still in conflict; the platform may not start until they are "
                "resolved.", "", self.open_conflicts)))
        return f"<b>{name}</b>"

    def _update(self) -> None:
        run = self.run_state
        ready = self.runtime is not None and self.generated and not self._closed
        self.run_button.setEnabled(ready and run.can_run)
        self.stop_button.setEnabled(run.can_stop)
        self.browser_button.setEnabled(run.state is RunState.RUNNING and bool(run.url))
        self.status_label.setText(self.status_text())
        kind = STATE_ACCENTS.get(run.state)
        palette = self.palette()
        if kind is not None:
            scheme = "dark" if palette.color(QPalette.ColorRole.Window).lightness() < 128 else "light"
            palette.setColor(QPalette.ColorRole.WindowText, accent(scheme, kind))
        self.status_label.setPalette(palette)
        if run.state is RunState.RUNNING and run.checked_at is not None:
            self.health_label.setText(fill(self.tr("Health: %1 (checked %2)"),
                                           health_name(run.health),
                                           format_datetime(run.checked_at)))
        else:
            self.health_label.setText(fill(self.tr("Health: %1"), health_name(Health.UNKNOWN)))

    def retranslate(self) -> None:
        self.run_button.setText(self.tr("Run &locally"))
        self.run_button.setToolTip(self.tr("Start the generated backend on a free loopback port "
                                           "with a SQLite database in its folder"))
        self.stop_button.setText(self.tr("S&top"))
        self.browser_button.setText(self.tr("O&pen in browser"))
        self.clear_button.setText(self.tr("Cl&ear log"))
        self.log_title.setText(self.tr("L&og (the last %Ln lines)", "", LOG_LINES))
        self.log.setAccessibleName(self.tr("Platform log"))
        self.health_label.setToolTip(self.tr("While it runs, the console asks the platform's "
                                             "/health address every few seconds."))
        self.status_label.setAccessibleName(self.tr("Platform state"))
        self._update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.PaletteChange):
            self.retranslate()
        super().changeEvent(event)
