"""Background operations: await a service call, then call back on the GUI thread.

::

    BackgroundOp(self, lambda: workspace.events.page(flt, 0, 100)) \\
        .success(self.show_page) \\
        .failure(self.show_error) \\
        .run()

The awaited coroutine does its blocking work elsewhere (a workspace's SerialRunner, an
executor); the callbacks run on the loop thread, which alone touches widgets. A failure
goes to the failure callback, or, without one, to the log and a message box: never
silently dropped. Callbacks are skipped when ``owner`` has been deleted meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

from app.gui.qt import QCoreApplication, QMessageBox, QObject, Qt, QWidget, is_alive

log = logging.getLogger(__name__)

T = TypeVar("T")
_running: set[asyncio.Task[None]] = set()


def pending_operations() -> int:
    return len(_running)


def cancel_all() -> None:
    for task in list(_running):
        task.cancel()


class BackgroundOp(Generic[T]):
    def __init__(self, owner: QObject | None, work: Callable[[], Awaitable[T]]) -> None:
        self._owner = owner
        self._work = work
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._on_done: Callable[[], None] | None = None

    def success(self, callback: Callable[[T], None]) -> BackgroundOp[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> BackgroundOp[T]:
        self._on_failure = callback
        return self

    def finished(self, callback: Callable[[], None]) -> BackgroundOp[T]:
        """Called after success or failure (not after cancellation), e.g. to stop a spinner."""
        self._on_done = callback
        return self

    def run(self) -> asyncio.Task[None]:
        task = asyncio.get_running_loop().create_task(self._run())
        _running.add(task)
        task.add_done_callback(_running.discard)
        return task

    def _owner_alive(self) -> bool:
        return self._owner is None or is_alive(self._owner)

    async def _run(self) -> None:
        try:
            result = await self._work()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            if self._owner_alive():
                self._fail(exc)
                self._done()
            else:
                log.info("background operation failed after its window closed", exc_info=exc)
            return
        if not self._owner_alive():
            return
        try:
            if self._on_success is not None:
                self._on_success(result)
        except Exception as exc:  # a bug in the callback itself: report, do not hide
            log.exception("a background operation's result could not be shown")
            show_failure(self._owner, exc)
        self._done()

    def _fail(self, exc: BaseException) -> None:
        if self._on_failure is None:
            log.error("background operation failed", exc_info=exc)
            show_failure(self._owner, exc)
            return
        try:
            self._on_failure(exc)
        except Exception as nested:
            log.exception("a background operation's failure could not be shown")
            show_failure(self._owner, nested)

    def _done(self) -> None:
        if self._on_done is not None:
            self._on_done()


def show_failure(owner: QObject | None, exc: BaseException) -> None:
    """A non-blocking message box about ``exc`` on ``owner``'s window."""
    from app.gui.messages import error_text

    parent = owner.window() if isinstance(owner, QWidget) else None
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Messages", "WebNova Console"))
    box.setText(error_text(exc))
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
