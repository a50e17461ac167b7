"""What the open workspace records, as it is recorded: the window's one live feed.

:class:`StoreFeed` follows the open workspace's event store on a thread of its own through
the store's catch-up subscription (LISTEN/NOTIFY on PostgreSQL, polling on SQLite) and
emits ``recorded`` on the GUI thread with each batch of newly committed events — whoever
wrote them: this window, the CLI, another console. Panes do not poll for themselves; they
:func:`follow` the feed: a relevant batch refreshes a visible pane (coalesced), and marks a
hidden one stale so it refreshes when next shown.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from app.domain.events import RecordedEvent
from app.gui.qt import QEvent, QObject, QTimer, QWidget, Signal

if TYPE_CHECKING:
    from app.bootstrap import Workspace

log = logging.getLogger(__name__)

WAIT_SECONDS = 0.5  # how long one poll waits for news (bounds how long a stop takes)
POLL_INTERVAL = 0.25  # SQLite: how often the store is asked while waiting
RETRY_SECONDS = 2.0  # after a failed read (database unreachable), before trying again
REFRESH_DELAY_MS = 120  # a burst of batches refreshes a pane once


def category(stream_id: str) -> str:
    """The kind of stream: ``blueprint`` for ``blueprint:<tenant>:<key>``, and so on."""
    return stream_id.split(":", 1)[0]


class _Follower(threading.Thread):
    def __init__(self, feed: StoreFeed, workspace: Workspace) -> None:
        super().__init__(name=f"store-feed-{workspace.name}", daemon=True)
        self.feed = feed
        self.workspace = workspace
        self.stopping = threading.Event()

    def run(self) -> None:
        store = self.workspace.store
        position: int | None = None
        while not self.stopping.is_set():
            try:
                if position is None:
                    position = store.head_position()
                subscription = store.subscribe(after=position, poll_interval=POLL_INTERVAL)
                try:
                    while not self.stopping.is_set():
                        events = subscription.poll(WAIT_SECONDS)
                        if events:
                            position = events[-1].position
                            if not self.stopping.is_set():
                                self.feed._arrived.emit(self.workspace, tuple(events))
                finally:
                    subscription.close()
            except Exception as exc:  # unreachable database, closed engine: try again later
                if self.stopping.is_set():
                    return
                log.warning("the live feed of workspace %r paused: %s", self.workspace.name, exc)
                self.stopping.wait(RETRY_SECONDS)


class StoreFeed(QObject):
    recorded = Signal(object)  # tuple[RecordedEvent, ...], in commit order
    _arrived = Signal(object, object)  # (workspace, events) from the follower thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace: Workspace | None = None
        self._follower: _Follower | None = None
        self._arrived.connect(self._deliver)

    def follow(self, workspace: Workspace | None) -> None:
        """Follow ``workspace`` from its current head (stopping the previous follower
        without waiting for it: :meth:`release` waits)."""
        previous = self._follower
        if previous is not None:
            previous.stopping.set()
        self.workspace = workspace
        self._follower = None
        if workspace is not None:
            self._follower = _Follower(self, workspace)
            self._follower.start()

    def release(self, workspace: Workspace, timeout: float = 5.0) -> None:
        """Block until no follower reads ``workspace`` (before it is closed); any thread."""
        for thread in threading.enumerate():
            if isinstance(thread, _Follower) and thread.workspace is workspace:
                thread.stopping.set()
                thread.join(timeout)

    def stop(self) -> None:
        workspace = self.workspace
        self.follow(None)
        if workspace is not None:
            self.release(workspace)

    def _deliver(self, workspace: Workspace, events: tuple[RecordedEvent, ...]) -> None:
        if workspace is self.workspace:
            self.recorded.emit(events)


class _PaneFollower(QObject):
    def __init__(self, widget: QWidget, feed: StoreFeed, refresh: Callable[[], None],
                 categories: frozenset[str] | None) -> None:
        super().__init__(widget)
        self.widget = widget
        self.refresh = refresh
        self.categories = categories
        self.stale = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REFRESH_DELAY_MS)
        self.timer.timeout.connect(self._fire)
        feed.recorded.connect(self._recorded)
        widget.installEventFilter(self)

    def _relevant(self, events: Iterable[RecordedEvent]) -> bool:
        return self.categories is None or any(
            category(event.stream_id) in self.categories for event in events)

    def _recorded(self, events: tuple[RecordedEvent, ...]) -> None:
        if not self._relevant(events):
            return
        if self.widget.isVisible():
            self.timer.start()
        else:
            self.stale = True

    def _fire(self) -> None:
        self.stale = False
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self.timer.start()
        return False


def follow(widget: QWidget, feed: StoreFeed, refresh: Callable[[], None],
           categories: Iterable[str] | None = None) -> None:
    """Call ``refresh`` when ``feed`` records events of ``categories`` (all when None):
    soon if ``widget`` is visible, else when it is next shown."""
    _PaneFollower(widget, feed, refresh, frozenset(categories) if categories is not None else None)
