"""The console's main window: navigation, the panes, a message banner, the status bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app import __version__
from app.gui.assist.section import AssistantSection
from app.gui.banner import MessageBanner
from app.gui.costs.section import CostsSection
from app.gui.deploy.section import DeploySection
from app.gui.formatting import fill
from app.gui.generate.section import GenerateSection
from app.gui.governance.section import GovernanceSection
from app.gui.home_pane import HomePane
from app.gui.i18n import LanguageController
from app.gui.icons import icon
from app.gui.lazy_pane import LazyPane
from app.gui.messages import open_failed_text
from app.gui.qt import (
    QAction,
    QCloseEvent,
    QEvent,
    QFrame,
    QHBoxLayout,
    QKeySequence,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPalette,
    QSize,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.gui.session import WorkspaceSession
from app.gui.status_bar import WorkspaceStatusBar
from app.gui.theme import ThemeController

if TYPE_CHECKING:
    from app.bootstrap import Workspace
    from app.gui.blueprints.pane import BlueprintsPane
    from app.gui.event_log_pane import EventLogPane
    from app.gui.settings_pane import SavePreferences, SettingsPane

HOME, EVENT_LOG, SETTINGS, BLUEPRINTS = range(4)
PANE_ICONS = ("home", "event-log", "settings", "blueprints")


class MainWindow(QMainWindow):
    closing = Signal()

    def __init__(
        self,
        session: WorkspaceSession,
        languages: LanguageController,
        themes: ThemeController,
        save_preferences: SavePreferences,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.session = session
        self.resize(1180, 720)
        self.setMinimumSize(QSize(760, 480))
        self.home = HomePane(session)
        self.event_log_page = LazyPane(lambda: _event_log_pane(session))
        self.settings_page = LazyPane(
            lambda: _settings_pane(session, languages, themes, save_preferences))
        self.blueprints_page = LazyPane(lambda: _blueprints_pane(session))
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QSize(20, 20))
        self.navigation.setFixedWidth(190)
        self.navigation.setFrameShape(QFrame.Shape.NoFrame)
        for _ in PANE_ICONS:
            QListWidgetItem(self.navigation)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.home)
        self.stack.addWidget(self.event_log_page)
        self.stack.addWidget(self.settings_page)
        self.stack.addWidget(self.blueprints_page)
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.banner = MessageBanner()
        self.assistant = AssistantSection(session, self.navigation, self.stack)
        self.generate = GenerateSection(session, self.navigation, self.stack)
        self.deploy = DeploySection(session, self.navigation, self.stack,
                                    open_settings=lambda: self.show_pane(SETTINGS),
                                    open_approvals=lambda: self.governance.show_actions[0].trigger())
        self.costs = CostsSection(session, self.navigation, self.stack)
        # Approvals (with its pending badge), Audit Log, Users, Constitution
        self.governance = GovernanceSection(session, self.navigation, self.stack, self.banner)
        self.home.follow_approvals(self.governance.watch)
        self.home.open_blueprint.connect(self._open_blueprint)
        self.home.open_blueprints.connect(lambda: self.show_pane(BLUEPRINTS))
        self.home.open_approvals.connect(self.governance.show_actions[0].trigger)
        self.home.open_audit.connect(self.governance.show_actions[1].trigger)
        separator = QFrame()
        separator.setFrameShape(QFrame.Shape.VLine)
        separator.setFrameShadow(QFrame.Shadow.Plain)
        separator.setForegroundRole(QPalette.ColorRole.Mid)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(8, 8, 8, 0)
        column.addWidget(self.banner)
        column.addWidget(self.stack, 1)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.navigation)
        row.addWidget(separator)
        row.addWidget(content, 1)
        self.setCentralWidget(central)
        self.status = WorkspaceStatusBar(session, self)
        self.setStatusBar(self.status)
        self._build_actions()
        self.navigation.setCurrentRow(HOME)

        session.workspace_changed.connect(self._workspace_opened)
        session.open_failed.connect(self._open_failed)
        session.state_changed.connect(self._update_title)
        themes.changed.connect(lambda _scheme: self._update_icons())
        self._update_icons()
        self.retranslate()

    # ------------------------------------------------------------------ actions
    def _build_actions(self) -> None:
        def action(
            shortcut: QKeySequence | QKeySequence.StandardKey | str, slot: object
        ) -> QAction:
            made = QAction(self)
            made.setShortcut(QKeySequence(shortcut))
            made.triggered.connect(slot)
            self.addAction(made)
            return made

        self.show_home_action = action("Ctrl+0", lambda: self.show_pane(HOME))
        self.show_event_log_action = action("Ctrl+1", lambda: self.show_pane(EVENT_LOG))
        self.show_settings_action = action("Ctrl+2", lambda: self.show_pane(SETTINGS))
        self.show_blueprints_action = action("Ctrl+3", lambda: self.show_pane(BLUEPRINTS))
        self.focus_navigation_action = action("F6", self.navigation.setFocus)
        self.refresh_action = action(QKeySequence.StandardKey.Refresh, self.refresh)
        self.quit_action = action(QKeySequence.StandardKey.Quit, self.close)
        self.about_action = action("", self.show_about)
        menus = self.menuBar()
        self.console_menu = menus.addMenu("")
        self.console_menu.addAction(self.refresh_action)
        self.console_menu.addSeparator()
        self.console_menu.addAction(self.quit_action)
        self.view_menu = menus.addMenu("")
        self.view_menu.addAction(self.show_home_action)
        self.view_menu.addAction(self.show_event_log_action)
        self.view_menu.addAction(self.show_settings_action)
        self.view_menu.addAction(self.show_blueprints_action)
        self.view_menu.addAction(self.assistant.show_action)
        self.view_menu.addAction(self.generate.show_action)
        self.view_menu.addAction(self.deploy.show_action)
        self.view_menu.addAction(self.costs.show_action)
        self.view_menu.addActions(self.governance.show_actions)
        self.view_menu.addAction(self.focus_navigation_action)
        self.help_menu = menus.addMenu("")
        self.help_menu.addAction(self.about_action)

    @property
    def settings(self) -> SettingsPane:
        """The Settings pane, built on its first visit."""
        return self.settings_page.pane()  # type: ignore[return-value]

    @property
    def event_log(self) -> EventLogPane:
        """The Event Log pane, built on its first visit."""
        return self.event_log_page.pane()  # type: ignore[return-value]

    @property
    def blueprints(self) -> BlueprintsPane:
        """The Blueprints pane, built on its first visit."""
        return self.blueprints_page.pane()  # type: ignore[return-value]

    def show_pane(self, index: int) -> None:
        self.navigation.setCurrentRow(index)
        pane = self.stack.currentWidget()
        if pane is not None:
            pane.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def refresh(self) -> None:
        self.session.probe()
        self.home.refresh()
        if self.event_log_page.is_built:
            self.event_log.refresh()

    def _open_blueprint(self, key: str) -> None:
        self.show_pane(BLUEPRINTS)
        self.blueprints.open_blueprint(key)

    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setObjectName("aboutBox")
        box.setWindowTitle(self.tr("About WebNova Console"))
        box.setText(
            self.tr(
                "WebNova Console designs, generates, deploys and governs platforms on "
                "machines and accounts their owner controls."
            )
        )
        box.setInformativeText(fill(self.tr("Version %1"), __version__))
        box.setIconPixmap(icon("webnova").pixmap(64, 64))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # ------------------------------------------------------------------ workspace
    def _workspace_opened(self, _workspace: Workspace) -> None:
        if self.banner.isVisible() and self.banner.kind == "error":
            self.banner.dismiss()
        self._update_title()

    def _open_failed(self, name: str, exc: BaseException) -> None:
        if self.settings_page.is_built and self.settings.connect_form.is_reporting(name):
            return  # already said next to the form the owner just used
        still_open = self.session.state.name or None
        self.banner.show_message("error", lambda: open_failed_text(name, exc, still_open))

    def _update_title(self) -> None:
        # Qt appends the application's display name ("… — WebNova Console") itself: the
        # window's own title is only what is open in it.
        name = self.session.state.name
        if name:
            self.setWindowTitle(fill(self.tr("Workspace %1"), name))
        else:
            self.setWindowTitle("")

    def _update_icons(self) -> None:
        colour = self.palette().color(QPalette.ColorRole.WindowText)
        for row, name in enumerate(PANE_ICONS):
            self.navigation.item(row).setIcon(icon(name, colour))
        self.setWindowIcon(icon("webnova"))

    # ------------------------------------------------------------------ language
    def retranslate(self) -> None:
        titles = (self.tr("Home"), self.tr("Event Log"), self.tr("Settings"), self.tr("Blueprints"))
        for row, title in enumerate(titles):
            self.navigation.item(row).setText(title)
        self.navigation.setAccessibleName(self.tr("Sections"))
        self.stack.setAccessibleName(self.tr("Section content"))
        self.console_menu.setTitle(self.tr("&Console"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.show_home_action.setText(self.tr("&Home"))
        self.show_event_log_action.setText(self.tr("&Event Log"))
        self.show_settings_action.setText(self.tr("&Settings"))
        self.show_blueprints_action.setText(self.tr("&Blueprints"))
        self.focus_navigation_action.setText(self.tr("Go to &Sections"))
        self.refresh_action.setText(self.tr("&Refresh"))
        self.quit_action.setText(self.tr("&Quit"))
        self.about_action.setText(self.tr("&About WebNova Console"))
        self._update_title()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._update_icons()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.event_log_page.shutdown()
        self.blueprints_page.shutdown()
        self.assistant.shutdown()
        self.generate.shutdown()
        self.deploy.shutdown()
        self.costs.shutdown()
        self.governance.shutdown()
        self.closing.emit()
        super().closeEvent(event)


def _settings_pane(session: WorkspaceSession, languages: LanguageController,
                   themes: ThemeController, save_preferences: SavePreferences) -> SettingsPane:
    from app.gui.settings_pane import SettingsPane

    return SettingsPane(session, languages, themes, save_preferences)


def _event_log_pane(session: WorkspaceSession) -> EventLogPane:
    from app.gui.event_log_pane import EventLogPane

    return EventLogPane(session)


def _blueprints_pane(session: WorkspaceSession) -> BlueprintsPane:
    from app.gui.blueprints.pane import BlueprintsPane

    return BlueprintsPane(session)
