"""The open workspace of this window: opening, switching, probing, closing.

Opening runs off the GUI thread (connect, schema check, upgrade of a local file). A
switch keeps the current workspace open until the new one has opened; if the new one
fails, the current one simply stays, and ``open_failed`` says why.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

from app.domain.errors import WebNovaError
from app.gui.background import BackgroundOp
from app.gui.qt import QObject, QTimer, Signal
from app.gui.store_feed import StoreFeed

if TYPE_CHECKING:
    from app.bootstrap import Console, Workspace
    from app.domain.workspace import WorkspaceEntry

log = logging.getLogger(__name__)
T = TypeVar("T")

PROBE_INTERVAL_MS = 15_000


class Phase(StrEnum):
    STARTING = "starting"  # the console itself is still being set up
    OPENING = "opening"
    CONNECTED = "connected"
    UNREACHABLE = "unreachable"
    FAILED = "failed"  # no workspace is open


@dataclass(frozen=True)
class SessionState:
    phase: Phase = Phase.STARTING
    name: str = ""  # the open workspace ("" when none)
    location: str = ""  # its URL without a password
    reason: str = ""  # why it is unreachable / why nothing is open
    pending: str = ""  # a workspace being opened in the background


class WorkspaceSession(QObject):
    state_changed = Signal()
    console_ready = Signal()
    workspace_changed = Signal(object)  # the new Workspace
    open_failed = Signal(str, object)  # name, exception

    def __init__(
        self,
        console: Console | None = None,
        console_factory: Callable[[], Console] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._console = console
        self._console_factory = console_factory
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="workspace-open")
        self.workspace: Workspace | None = None
        self.state = SessionState()
        self._probing = False
        self._closed = False
        self._probe_timer = QTimer(self)
        self._probe_timer.setInterval(PROBE_INTERVAL_MS)
        self._probe_timer.timeout.connect(self.probe)
        self.feed = StoreFeed(self)  # what the open workspace records, as it is recorded

    # ------------------------------------------------------------------ console
    @property
    def console(self) -> Console | None:
        return self._console

    async def _in_thread(self, fn: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn)

    def start(self, workspace_name: str | None = None) -> None:
        """Set up the console (off the GUI thread: it loads the database layer) and open
        ``workspace_name`` or the current workspace."""
        if self._console is not None:
            self._open_named(workspace_name)
            return
        factory = self._console_factory or _default_console
        BackgroundOp(self, lambda: self._in_thread(factory)).success(
            lambda console: self._console_built(console, workspace_name)
        ).failure(self._console_failed).run()

    def _console_built(self, console: Console, workspace_name: str | None) -> None:
        self._console = console
        self.console_ready.emit()
        self._open_named(workspace_name)

    def _console_failed(self, exc: BaseException) -> None:
        log.error("the console could not start", exc_info=exc)
        self._set(phase=Phase.FAILED, reason=str(exc))
        self.open_failed.emit("", exc)

    def _open_named(self, name: str | None) -> None:
        assert self._console is not None
        catalog = self._console.catalog
        try:
            entry = catalog.get(name) if name else catalog.current()
        except WebNovaError as exc:
            self._set(phase=Phase.FAILED, reason=str(exc))
            self.open_failed.emit(name or "", exc)
            return
        # A workspace named on the command line is for this run; it does not become
        # the current one.
        self.open(entry, remember=not name)

    # ------------------------------------------------------------------ opening
    @property
    def busy(self) -> bool:
        return bool(self.state.pending)

    def open(
        self,
        entry: WorkspaceEntry,
        prepare: Callable[[], None] | None = None,
        undo: Callable[[], None] | None = None,
        remember: bool = True,
    ) -> bool:
        """Open ``entry`` in the background. ``prepare`` runs first off the GUI thread (e.g.
        remember a new workspace and its password); ``undo`` runs there if opening fails.
        ``remember``: once open, it becomes the current workspace of later runs too.
        False when another workspace is still being opened."""
        console = self._console
        if console is None or self.busy or self._closed:
            return False
        phase = self.state.phase if self.workspace is not None else Phase.OPENING
        self._set(phase=phase, pending=entry.name)

        def work() -> Workspace:
            if prepare is not None:
                prepare()
            try:
                workspace = console.open_workspace(entry)
            except BaseException:
                if undo is not None:
                    undo()
                raise
            if self._closed:  # the window closed meanwhile
                workspace.close()
                raise asyncio.CancelledError
            return workspace

        BackgroundOp(self, lambda: self._in_thread(work)).success(
            lambda workspace: self._opened(workspace, remember)
        ).failure(lambda exc: self._open_failed(entry.name, exc)).run()
        return True

    def _opened(self, workspace: Workspace, remember: bool) -> None:
        if self._closed:
            workspace.close()
            return
        old, self.workspace = self.workspace, workspace
        assert self._console is not None
        if remember and self._console.catalog.current().name != workspace.name:
            self._console.catalog.use(workspace.name)
        self._set(
            phase=Phase.CONNECTED,
            name=workspace.name,
            location=workspace.location,
            reason="",
            pending="",
        )
        self._probe_timer.start()
        self.feed.follow(workspace)
        self.workspace_changed.emit(workspace)
        if old is not None:
            BackgroundOp(self, lambda: self._close_in_background(old)).run()

    async def _close_in_background(self, workspace: Workspace) -> None:
        # Its runner may be finishing a query and its feed a read: wait for those off the
        # GUI thread.
        def close() -> None:
            self.feed.release(workspace)
            workspace.close()

        if self._closed:
            close()
        else:
            await self._in_thread(close)

    def _open_failed(self, name: str, exc: BaseException) -> None:
        log.warning("workspace %r did not open: %s", name, exc)
        if self.workspace is None:
            self._set(phase=Phase.FAILED, reason=str(exc), pending="")
        else:
            self._set(pending="")
        self.open_failed.emit(name, exc)

    # ------------------------------------------------------------------ probing
    def probe(self) -> None:
        """Ask the open workspace's database whether it answers (on its own runner)."""
        workspace = self.workspace
        if workspace is None or self._probing or self._closed:
            return
        self._probing = True

        def answered(result: tuple[bool, str]) -> None:
            if workspace is not self.workspace:
                return
            reachable, reason = result
            self._set(
                phase=Phase.CONNECTED if reachable else Phase.UNREACHABLE,
                reason="" if reachable else reason,
            )

        def failed(exc: BaseException) -> None:
            if workspace is self.workspace:
                self._set(phase=Phase.UNREACHABLE, reason=str(exc) or type(exc).__name__)

        def done() -> None:
            self._probing = False

        BackgroundOp(self, lambda: workspace.runner.run(workspace.probe)).success(answered).failure(
            failed
        ).finished(done).run()

    # ------------------------------------------------------------------ closing
    def close(self) -> None:
        """Close the workspace and stop the session's timer and thread (blocking)."""
        if self._closed:
            return
        self._closed = True
        self._probe_timer.stop()
        self.feed.stop()
        workspace, self.workspace = self.workspace, None
        if workspace is not None:
            workspace.close()
        self._executor.shutdown(wait=True)  # lets a queued close of a workspace finish

    def _set(self, **changes: object) -> None:
        self.state = replace(self.state, **changes)  # type: ignore[arg-type]
        self.state_changed.emit()


def _default_console() -> Console:
    from app.bootstrap import Console

    return Console()
