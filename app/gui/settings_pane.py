"""Settings: the workspaces this console knows, connecting a PostgreSQL workspace, and
the console's language and theme."""

from __future__ import annotations

from collections.abc import Callable

from app.domain.errors import WebNovaError
from app.domain.workspace import LOCAL_WORKSPACE
from app.gui.cloud_accounts import CloudAccountsBox
from app.gui.connect_form import ConnectForm
from app.gui.formatting import fill, ltr
from app.gui.i18n import AUTONYMS, LANGUAGES, LanguageController, TranslationMissingError
from app.gui.live_text import show_text
from app.gui.messages import error_text
from app.gui.qt import (
    QComboBox,
    QEvent,
    QFont,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    Qt,
    QVBoxLayout,
    QWidget,
)
from app.gui.session import WorkspaceSession
from app.gui.status_bar import elide_middle
from app.gui.theme import PREFERENCES, ThemeController

SavePreferences = Callable[..., None]  # save(language=..., theme=...)
MAX_WIDTH = 860  # long lines of form fields are hard to read


class SettingsPane(QScrollArea):
    def __init__(
        self,
        session: WorkspaceSession,
        languages: LanguageController,
        themes: ThemeController,
        save_preferences: SavePreferences,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsPane")
        self.setWidgetResizable(True)
        self._session = session
        self._languages = languages
        self._themes = themes
        self._save = save_preferences
        self._message: Callable[[], str] = str
        body = QWidget(self)
        self.title = QLabel(body)
        self.title.setObjectName("paneTitle")

        self.workspaces_box = QGroupBox(body)
        self.workspace_list = QListWidget(self.workspaces_box)
        self.workspace_list.setObjectName("workspaceList")
        self.workspace_list.setMaximumHeight(150)
        self.workspace_list.itemActivated.connect(lambda _item: self.use_selected())
        self.workspace_list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.use_button = QPushButton(self.workspaces_box)
        self.use_button.clicked.connect(self.use_selected)
        self.remove_button = QPushButton(self.workspaces_box)
        self.remove_button.clicked.connect(self.remove_selected)
        self.message = QLabel(self.workspaces_box)
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.use_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        box = QVBoxLayout(self.workspaces_box)
        box.addWidget(self.workspace_list)
        box.addLayout(buttons)
        box.addWidget(self.message)

        self.connect_form = ConnectForm(session, body)
        self.cloud_accounts = CloudAccountsBox(session, body)

        self.appearance_box = QGroupBox(body)
        self.language_combo = QComboBox(self.appearance_box)
        self.language_combo.setObjectName("languageChoice")
        for language in LANGUAGES:
            self.language_combo.addItem(AUTONYMS[language], language)
        self.theme_combo = QComboBox(self.appearance_box)
        self.theme_combo.setObjectName("themeChoice")
        for combo in (self.language_combo, self.theme_combo):
            # as wide as the longest choice in the language shown now, not the first one
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for preference in PREFERENCES:
            self.theme_combo.addItem("", preference)
        self.language_label = QLabel(self.appearance_box)
        self.language_label.setBuddy(self.language_combo)
        self.theme_label = QLabel(self.appearance_box)
        self.theme_label.setBuddy(self.theme_combo)
        self.appearance_error = QLabel(self.appearance_box)
        self.appearance_error.setObjectName("fieldError")
        self.appearance_error.setWordWrap(True)
        self.appearance_error.hide()
        form = QFormLayout(self.appearance_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.language_label, self.language_combo)
        form.addRow(self.theme_label, self.theme_combo)
        form.addRow(self.appearance_error)
        self.sync_appearance()
        self.language_combo.currentIndexChanged.connect(self._language_chosen)
        self.theme_combo.currentIndexChanged.connect(self._theme_chosen)

        body.setMaximumWidth(MAX_WIDTH)
        layout = QVBoxLayout(body)
        layout.addWidget(self.title)
        layout.addWidget(self.workspaces_box)
        layout.addWidget(self.connect_form)
        layout.addWidget(self.cloud_accounts)
        layout.addWidget(self.appearance_box)
        layout.addStretch(1)
        self.setWidget(body)
        self.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
        self.setFrameShape(QScrollArea.Shape.NoFrame)

        session.console_ready.connect(self.refresh_workspaces)
        session.state_changed.connect(self.refresh_workspaces)
        self.retranslate()
        if session.console is not None:  # built on a first visit, after start-up
            self.refresh_workspaces()

    # ------------------------------------------------------------------ workspaces
    def refresh_workspaces(self) -> None:
        console = self._session.console
        selected = self.selected_name()
        self.workspace_list.clear()
        if console is None:
            self._update_buttons()
            return
        state = self._session.state
        for entry in console.catalog.list():
            where = ltr(elide_middle(entry.url, 56))
            if entry.name == state.name:
                text = fill(
                    self.tr("%1 (open) — %2, tenant %3"), entry.name, where, entry.tenant_id
                )
            elif entry.name == state.pending:
                text = fill(
                    self.tr("%1 (opening…) — %2, tenant %3"), entry.name, where, entry.tenant_id
                )
            else:
                text = fill(self.tr("%1 — %2, tenant %3"), entry.name, where, entry.tenant_id)
            item = QListWidgetItem(text, self.workspace_list)
            item.setData(Qt.ItemDataRole.UserRole, entry.name)
            item.setToolTip(entry.url)
            if entry.name == state.name:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
        names = [self._name_at(row) for row in range(self.workspace_list.count())]
        keep = selected if selected in names else state.name
        self.workspace_list.setCurrentRow(names.index(keep) if keep in names else 0)
        self._update_buttons()

    def _name_at(self, row: int) -> str:
        item = self.workspace_list.item(row)
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def selected_name(self) -> str:
        return self._name_at(self.workspace_list.currentRow())

    def select_workspace(self, name: str) -> None:
        for row in range(self.workspace_list.count()):
            if self._name_at(row) == name:
                self.workspace_list.setCurrentRow(row)

    def _update_buttons(self) -> None:
        name = self.selected_name()
        state = self._session.state
        ready = self._session.console is not None and bool(name)
        self.use_button.setEnabled(ready and name != state.name and not self._session.busy)
        self.remove_button.setEnabled(ready and name not in (LOCAL_WORKSPACE, state.name))

    def use_selected(self) -> None:
        console, name = self._session.console, self.selected_name()
        if console is None or not name or name == self._session.state.name:
            return
        try:
            entry = console.catalog.get(name)
        except WebNovaError as exc:
            self._say_error(exc)
            return
        if self._session.open(entry):
            self._say("info", lambda: fill(self.tr("Opening %1…"), name))
        else:
            self._say(
                "info",
                lambda: self.tr("Another workspace is being opened; try again when it is done."),
            )

    def remove_selected(self) -> None:
        name = self.selected_name()
        if not name or name == LOCAL_WORKSPACE:
            return
        if name == self._session.state.name:
            self._say(
                "error",
                lambda: fill(self.tr("Switch to another workspace before removing %1."), name),
            )
            return
        box = QMessageBox(self.window())
        box.setObjectName("confirmRemove")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Remove workspace"))
        box.setText(
            fill(
                self.tr(
                    "Remove %1 from this console? Its database is not touched; its saved password is deleted."
                ),
                name,
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(
            lambda result: self._remove(name) if result == QMessageBox.StandardButton.Yes else None
        )
        box.open()

    def _remove(self, name: str) -> None:
        console = self._session.console
        if console is None or name == self._session.state.name:
            return
        try:
            console.catalog.remove(name)
        except WebNovaError as exc:
            self._say_error(exc)
            return
        self._say("ok", lambda: fill(self.tr("Removed %1."), name))
        self.refresh_workspaces()

    def _say_error(self, exc: BaseException) -> None:
        self._say("error", lambda: error_text(exc))

    def _say(self, kind: str, text: Callable[[], str]) -> None:
        self._message = text
        self.message.setProperty("kind", kind)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text())
        self.message.show()

    # ------------------------------------------------------------------ appearance
    def sync_appearance(self) -> None:
        """Show the language and theme in effect (without applying them again)."""
        for combo, value in (
            (self.language_combo, self._languages.language),
            (self.theme_combo, self._themes.preference),
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(value), 0))
            combo.blockSignals(False)

    def _language_chosen(self, _index: int) -> None:
        language = str(self.language_combo.currentData())
        try:
            self._languages.apply(language)
        except TranslationMissingError as exc:
            missing = exc
            show_text(self.appearance_error, lambda: error_text(missing))
            self.appearance_error.show()
            self.sync_appearance()
            return
        self.appearance_error.hide()
        self._save(language=language)

    def _theme_chosen(self, _index: int) -> None:
        preference = str(self.theme_combo.currentData())
        self._themes.set_preference(preference)
        self._save(theme=preference)

    # ------------------------------------------------------------------ language
    def retranslate(self) -> None:
        self.title.setText(self.tr("Settings"))
        self.workspaces_box.setTitle(self.tr("Workspaces"))
        self.workspace_list.setAccessibleName(self.tr("Known workspaces"))
        self.use_button.setText(self.tr("&Use"))
        self.use_button.setToolTip(self.tr("Open the selected workspace"))
        self.remove_button.setText(self.tr("&Remove"))
        self.remove_button.setToolTip(self.tr("Forget the selected workspace"))
        self.appearance_box.setTitle(self.tr("Appearance"))
        self.language_label.setText(self.tr("&Language:"))
        self.theme_label.setText(self.tr("T&heme:"))
        for index, text in enumerate((self.tr("System"), self.tr("Light"), self.tr("Dark"))):
            self.theme_combo.setItemText(index, text)
        self.language_combo.setAccessibleName(self.tr("Language"))
        self.theme_combo.setAccessibleName(self.tr("Theme"))
        if self.message.isVisible():
            self.message.setText(self._message())
        self.refresh_workspaces()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
