"""The local run of a generated platform as the pane shows it (Qt-free): its state, URL,
health and why it failed; and stopping it on a thread of its own when the pane closes."""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.services.runtime import RunningPlatform, RuntimeService, RuntimeStatus

log = logging.getLogger(__name__)

STOP_GRACE = 10.0


class RunState(StrEnum):
    STOPPED = "stopped"
    STARTING = "starting"
    RUNNING = "running"
    STOPPING = "stopping"
    FAILED = "failed"


class Health(StrEnum):
    UNKNOWN = "unknown"
    ANSWERING = "answering"
    NOT_ANSWERING = "not_answering"


@dataclass(frozen=True)
class PlatformRun:
    state: RunState = RunState.STOPPED
    url: str | None = None
    health: Health = Health.UNKNOWN
    checked_at: datetime | None = None
    reason: str = ""  # why it failed (the service's words)
    exit_code: int | None = None  # when it stopped by itself

    @property
    def busy(self) -> bool:
        return self.state in (RunState.STARTING, RunState.STOPPING)

    @property
    def can_run(self) -> bool:
        return self.state in (RunState.STOPPED, RunState.FAILED)

    @property
    def can_stop(self) -> bool:
        return self.state is RunState.RUNNING

    def starting(self) -> PlatformRun:
        return PlatformRun(RunState.STARTING)

    def started(self, url: str) -> PlatformRun:
        return PlatformRun(RunState.RUNNING, url, Health.ANSWERING, datetime.now(UTC))

    def failed(self, reason: str) -> PlatformRun:
        return PlatformRun(RunState.FAILED, reason=reason)

    def stopping(self) -> PlatformRun:
        return replace(self, state=RunState.STOPPING)

    def stopped(self) -> PlatformRun:
        return PlatformRun(RunState.STOPPED)

    def exited(self, code: int | None) -> PlatformRun:
        """It stopped by itself while it was running."""
        return PlatformRun(RunState.FAILED, exit_code=code)

    def checked(self, status: RuntimeStatus) -> PlatformRun:
        """A health check's answer: running (answering), unhealthy (the process is up but
        /health does not answer) or stopped."""
        now = datetime.now(UTC)
        if status.state == "stopped":
            if self.state is RunState.RUNNING:
                return self.exited(None)
            return self if self.state is RunState.FAILED else self.stopped()
        health = Health.ANSWERING if status.state == "running" else Health.NOT_ANSWERING
        if self.state in (RunState.STARTING, RunState.STOPPING):
            return self
        return PlatformRun(RunState.RUNNING, status.url or self.url, health, now)


def stop_when_closing(service: RuntimeService, key: str, running: RunningPlatform | None,
                      starting: threading.Event | None = None, patience: float = 90.0,
                      grace: float = STOP_GRACE) -> threading.Thread:
    """Stop ``key`` on a thread of its own (the window is closing and the event loop may
    stop before an awaited stop would finish). ``starting`` is set while a start is still
    under way: then wait until the platform has been started (or the start gave up) and
    stop it then. The thread is not a daemon, so the console's process waits for it."""

    def work() -> None:
        deadline = time.monotonic() + patience
        while starting is not None and starting.is_set() and time.monotonic() < deadline:
            if service.states.load(key) is not None:
                break  # its process exists: stopping it ends the start too
            time.sleep(0.1)
        try:
            service.down(key, grace, record=False)
        except Exception:
            log.exception("the platform %s could not be stopped", key)
        if running is not None:
            with contextlib.suppress(Exception):
                running.process.wait(5.0)

    thread = threading.Thread(target=work, name=f"platform-stop-{key}")
    thread.start()
    return thread
