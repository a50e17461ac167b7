"""Start the desktop console: ``webnova`` (no arguments), ``--lang ar``, ``--workspace
NAME``, or ``--smoke-test`` (show the window, open the workspace, exit 0 if it opened)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import time
from collections.abc import Callable

from app.gui import background, formatting
from app.gui.fonts import apply_console_font
from app.gui.i18n import LANGUAGES, install_source_plurals
from app.gui.icons import icon
from app.gui.qt import (
    QApplication,
    QEvent,
    QLocale,
    QObject,
    QTimer,
    QWidget,
    asyncio_event_loop,
)
from app.gui.shell import Shell
from app.gui.theme import ConsoleStyle

log = logging.getLogger(__name__)

SMOKE_TEST_TIMEOUT_MS = 120_000
START_ANYWAY_MS = 1000
# Set by benchmarks/startup.py: print the monotonic time of the window's first expose
# ("shown <seconds>") and exit at once.
STARTUP_PROBE = "WEBNOVA_STARTUP_PROBE"


def parse_args(args: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="webnova", description="WebNova Console")
    parser.add_argument("--lang", choices=LANGUAGES, help="language for this run")
    parser.add_argument("--workspace", help="open this workspace instead of the current one")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="show the window, open the workspace, then exit (0 if it opened)",
    )
    return parser.parse_args(args)


class FirstExpose(QObject):
    """Calls ``then`` the first time a window is really on screen (and, for the start-up
    benchmark, prints the moment and quits)."""

    def __init__(self, window: QWidget, then: Callable[[], None] | None = None,
                 probe: bool = False) -> None:
        super().__init__(window)
        self._window = window
        self._then = then
        self._probe = probe
        self.seen = False

    def attach(self) -> None:
        handle = self._window.windowHandle()
        if handle is not None:
            handle.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.seen and event.type() == QEvent.Type.Expose and watched.isExposed():  # type: ignore[attr-defined]
            self.seen = True
            if self._probe:
                print(f"shown {time.monotonic():.6f}", flush=True)
                QTimer.singleShot(0, QApplication.quit)
            if self._then is not None:
                QTimer.singleShot(0, self._then)
        return False


def create_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication([sys.argv[0] if sys.argv else "webnova"])
    app.setApplicationName("webnova-console")
    app.setApplicationDisplayName("WebNova Console")
    app.setDesktopFileName("webnova-console")
    # Fusion, the one style that follows our palettes on every platform (with outlines
    # that show in the dark theme)
    app.setStyle(ConsoleStyle())
    apply_console_font(app)
    app.setWindowIcon(icon("webnova"))
    install_source_plurals(app)
    # Numbers Qt formats itself (%Ln) follow the console's language, English until one is
    # applied, not the system locale (a server's C locale does not group digits).
    QLocale.setDefault(QLocale(formatting.language()))
    return app


def run_gui(args: list[str]) -> int:
    options = parse_args(args)
    from app.logs import configure_logging

    configure_logging()
    app = create_application()
    loop = asyncio_event_loop(app)
    asyncio.set_event_loop(loop)
    shell = Shell(app, language=options.lang, workspace=options.workspace)
    outcome = {"code": 0}

    # The window comes first; setting up the console (the database layer, the workspace)
    # starts once it is on screen, so loading never delays or competes with the first paint.
    started = False

    def start_once() -> None:
        nonlocal started
        if not started:
            started = True
            shell.start()

    watcher = FirstExpose(shell.window, start_once, probe=bool(os.environ.get(STARTUP_PROBE)))
    shell.window.show()
    watcher.attach()
    QTimer.singleShot(START_ANYWAY_MS, start_once)  # a window never exposed (minimised) too

    if options.smoke_test:
        _arm_smoke_test(shell, outcome)
    try:
        loop.run_forever()
    finally:
        shell.close()
        _finish_pending(loop)
        loop.close()
        asyncio.set_event_loop(None)
    return outcome["code"]


def _arm_smoke_test(shell: Shell, outcome: dict[str, int]) -> None:
    def opened(workspace: object) -> None:
        name = getattr(workspace, "name", "?")
        location = getattr(workspace, "location", "?")
        print(f"smoke test: workspace {name!r} opened ({location})", flush=True)
        outcome["code"] = 0
        QTimer.singleShot(0, QApplication.quit)

    def failed(name: str, exc: BaseException) -> None:
        print(f"smoke test: workspace {name!r} did not open: {exc}", file=sys.stderr, flush=True)
        outcome["code"] = 1
        QTimer.singleShot(0, QApplication.quit)

    def timed_out() -> None:
        print("smoke test: the workspace did not open in time", file=sys.stderr, flush=True)
        outcome["code"] = 2
        QApplication.quit()

    shell.session.workspace_changed.connect(opened)
    shell.session.open_failed.connect(failed)
    timer = QTimer(shell.window)
    timer.setSingleShot(True)
    timer.timeout.connect(timed_out)
    timer.start(SMOKE_TEST_TIMEOUT_MS)


def _finish_pending(loop: asyncio.AbstractEventLoop) -> None:
    """Let cancelled background operations unwind before the loop closes."""
    background.cancel_all()
    tasks = [t for t in asyncio.all_tasks(loop) if not t.done()]
    if tasks:
        loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
