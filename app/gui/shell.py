"""One running console: language, theme, the workspace session and the main window.

The window is shown before the database layer is even loaded; the session then sets up
the console and opens the workspace in the background.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.gui import background
from app.gui.formatting import fill
from app.gui.i18n import LanguageController, TranslationMissingError
from app.gui.main_window import MainWindow
from app.gui.messages import error_text
from app.gui.qt import QApplication, QCoreApplication
from app.gui.session import WorkspaceSession
from app.gui.theme import ThemeController

if TYPE_CHECKING:
    from app.bootstrap import Console
    from app.domain.workspace import ConsoleConfig

log = logging.getLogger(__name__)


def _stored_preferences() -> ConsoleConfig:
    """Language and theme before the console is set up; defaults if the settings file
    cannot be read (opening the console reports that problem itself)."""
    from app.domain.errors import WebNovaError
    from app.domain.workspace import ConsoleConfig
    from app.store.console_config import JsonConfigRepository

    try:
        return JsonConfigRepository().load()
    except WebNovaError as exc:
        log.warning("%s", exc)
        return ConsoleConfig()


class Shell:
    def __init__(
        self,
        app: QApplication,
        console: Console | None = None,
        console_factory: Callable[[], Console] | None = None,
        language: str | None = None,
        workspace: str | None = None,
    ) -> None:
        self.app = app
        self._workspace_name = workspace
        self._unsaved: dict[str, str] = {}
        config = console.catalog.load() if console is not None else _stored_preferences()
        self.languages = LanguageController(app)
        self.themes = ThemeController(app)
        self.themes.set_preference(config.theme)
        language_problem: TranslationMissingError | None = None
        try:
            self.languages.apply(language or config.language)
        except TranslationMissingError as exc:
            log.error("%s", exc)
            language_problem = exc
            self.languages.apply("en")
        self.session = WorkspaceSession(console, console_factory)
        self.session.console_ready.connect(self._flush_preferences)
        self.window = MainWindow(self.session, self.languages, self.themes, self.save_preferences)
        if language_problem is not None:
            problem = language_problem
            self.window.banner.show_message(
                "error",
                lambda: fill(
                    QCoreApplication.translate(
                        "Shell", "The chosen language could not be loaded. %1"
                    ),
                    error_text(problem),
                ),
            )
        self.window.closing.connect(self.session.close)
        self._closed = False

    def start(self) -> None:
        """Set up the console and open the workspace (in the background)."""
        self.session.start(self._workspace_name)

    def save_preferences(self, **changes: str) -> None:
        """Remember language / theme; before the console is set up, remember them later."""
        self._unsaved.update(changes)
        self._flush_preferences()

    def _flush_preferences(self) -> None:
        console = self.session.console
        if console is None or not self._unsaved:
            return
        changes, self._unsaved = self._unsaved, {}
        console.catalog.set_preferences(**changes)

    def close(self) -> None:
        """Close the window and the workspace, stop every timer; for tests and exit."""
        if self._closed:
            return
        self._closed = True
        self.window.close()
        self.session.close()
        background.cancel_all()
        self.themes.detach()
        self.window.deleteLater()
