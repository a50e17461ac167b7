"""The assistant's settings: the Anthropic API key (kept in the OS keyring; the console
only ever says whether one is set), the Claude model, an optional API address, and what
the assistant used this month in tokens and money."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.domain.assist.pricing import DEFAULT_MODEL
from app.gui.assist.texts import money
from app.gui.assist.tint import tint
from app.gui.background import BackgroundOp
from app.gui.formatting import fill
from app.gui.messages import error_text
from app.gui.qt import (
    QComboBox,
    QEvent,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QShowEvent,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from app.bootstrap import Workspace
    from app.services.assistant_model import AssistantSettings

MODELS = (DEFAULT_MODEL, "claude-opus-4-5", "claude-haiku-4-5")


class AssistantSettingsPanel(QWidget):
    loaded = Signal()
    saved = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assistSettings")
        self.workspace: Workspace | None = None
        self.has_key: bool | None = None
        self.usage: dict[str, Any] | None = None
        self._message: Callable[[], str] = str
        self._message_kind = "info"
        self._stale = True
        self._build()
        self.retranslate()
        self._update_controls()

    def _build(self) -> None:
        self.key_box = QGroupBox(self)
        self.key_state = QLabel(self.key_box)
        self.key_state.setObjectName("apiKeyState")
        self.key_state.setWordWrap(True)
        self.key_label = QLabel(self.key_box)
        self.key_input = QLineEdit(self.key_box)
        self.key_input.setObjectName("apiKeyInput")
        self.key_input.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_input.textChanged.connect(lambda _text: self._update_controls())
        self.key_input.returnPressed.connect(self.save_key)
        self.key_label.setBuddy(self.key_input)
        self.save_key_button = QPushButton(self.key_box)
        self.save_key_button.setAutoDefault(False)
        self.save_key_button.clicked.connect(self.save_key)
        self.clear_key_button = QPushButton(self.key_box)
        self.clear_key_button.setAutoDefault(False)
        self.clear_key_button.clicked.connect(self.clear_key)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_label)
        key_row.addWidget(self.key_input, 1)
        key_row.addWidget(self.save_key_button)
        key_row.addWidget(self.clear_key_button)
        key_layout = QVBoxLayout(self.key_box)
        key_layout.addWidget(self.key_state)
        key_layout.addLayout(key_row)

        self.model_box = QGroupBox(self)
        self.model_label = QLabel(self.model_box)
        self.model_input = QComboBox(self.model_box)
        self.model_input.setObjectName("modelName")
        self.model_input.setEditable(True)
        self.model_input.addItems(list(MODELS))
        self.model_label.setBuddy(self.model_input)
        self.address_label = QLabel(self.model_box)
        self.address_input = QLineEdit(self.model_box)
        self.address_input.setObjectName("apiAddress")
        self.address_label.setBuddy(self.address_input)
        self.save_button = QPushButton(self.model_box)
        self.save_button.setObjectName("saveAssistantSettings")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save_settings)
        form = QFormLayout(self.model_box)
        form.addRow(self.model_label, self.model_input)
        form.addRow(self.address_label, self.address_input)
        form.addRow("", self.save_button)

        self.usage_box = QGroupBox(self)
        self.usage_text = QLabel(self.usage_box)
        self.usage_text.setObjectName("usageThisMonth")
        self.usage_text.setWordWrap(True)
        self.refresh_button = QPushButton(self.usage_box)
        self.refresh_button.setAutoDefault(False)
        self.refresh_button.clicked.connect(self.refresh)
        usage_row = QHBoxLayout(self.usage_box)
        usage_row.addWidget(self.usage_text, 1)
        usage_row.addWidget(self.refresh_button)

        self.message = QLabel(self)
        self.message.setObjectName("assistSettingsMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.key_box)
        layout.addWidget(self.model_box)
        layout.addWidget(self.usage_box)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.setFocusProxy(self.key_input)

    # ------------------------------------------------------------------ loading
    def set_workspace(self, workspace: Workspace | None) -> None:
        self.workspace = workspace
        self.has_key = None
        self.usage = None
        self._say(str, "info")
        self._stale = True
        if self.isVisible():
            self.refresh()
        self._fill()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        workspace = self.workspace
        if workspace is None:
            return
        self._stale = False
        gateway = workspace.orchestrator.gateway

        async def load() -> tuple[AssistantSettings, bool, dict[str, Any]]:
            settings, has_key = await gateway.settings(), await gateway.has_api_key()
            return settings, has_key, await gateway.usage_this_month()

        BackgroundOp(self, load).success(lambda found: self._loaded(workspace, *found)).failure(
            self._failed).run()

    def _loaded(self, workspace: Workspace, settings: AssistantSettings, has_key: bool,
                usage: dict[str, Any]) -> None:
        if workspace is not self.workspace:
            return
        self.has_key, self.usage = has_key, usage
        self.model_input.setCurrentText(settings.model)
        self.address_input.setText(settings.base_url or "")
        self._fill()
        self.loaded.emit()

    # ------------------------------------------------------------------ saving
    def save_key(self) -> None:
        workspace, value = self.workspace, self.key_input.text().strip()
        if workspace is None or not value:
            return
        self.key_input.clear()  # the key is not kept on screen, not even hidden
        BackgroundOp(self, lambda: workspace.orchestrator.gateway.set_api_key(value)).success(
            lambda _none: self._changed(lambda: self.tr("The API key is stored in the system "
                                                        "keyring."))).failure(self._failed).run()

    def clear_key(self) -> None:
        workspace = self.workspace
        if workspace is None:
            return
        BackgroundOp(self, lambda: workspace.orchestrator.gateway.clear_api_key()).success(
            lambda _none: self._changed(lambda: self.tr("The API key was removed; the offline "
                                                        "planner answers from now on."))
        ).failure(self._failed).run()

    def save_settings(self) -> None:
        workspace = self.workspace
        if workspace is None:
            return
        model = self.model_input.currentText().strip()
        address = self.address_input.text().strip()
        gateway = workspace.orchestrator.gateway
        BackgroundOp(self, lambda: gateway.update_settings(
            workspace.current_user, model=model, base_url=address)).success(
            lambda _settings: self._changed(lambda: self.tr("The assistant's settings were saved."))
        ).failure(self._failed).run()

    def _changed(self, text: Callable[[], str]) -> None:
        self._say(text, "ok")
        self.saved.emit()
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self._say(lambda: fill(self.tr("That did not work. %1"), error_text(exc)), "error")

    # ------------------------------------------------------------------ drawing
    def _say(self, text: Callable[[], str], kind: str) -> None:
        self._message, self._message_kind = text, kind
        self.message.setText(text())
        tint(self.message, kind)

    def _fill(self) -> None:
        if self.has_key is None:
            self.key_state.setText(self.tr("Checking the system keyring…")
                                   if self.workspace is not None else "")
        elif self.has_key:
            self.key_state.setText(self.tr("An API key is set. Claude answers; without a "
                                           "network the offline planner does."))
        else:
            self.key_state.setText(self.tr("No API key is set. The offline planner answers; "
                                           "nothing leaves this computer."))
        usage = self.usage
        if usage is None:
            self.usage_text.setText("")
        else:
            text = fill(self.tr("%1: %2, %3 and %4, %5"), usage.get("month", ""),
                        self.tr("%Ln calls", "", int(usage.get("calls", 0))),
                        self.tr("%Ln input tokens", "", int(usage.get("input_tokens", 0))),
                        self.tr("%Ln output tokens", "", int(usage.get("output_tokens", 0))),
                        money(usage.get("cost", 0), str(usage.get("currency", "USD"))))
            if usage.get("unpriced_calls"):
                text += " " + self.tr("(%Ln calls to models without a known price)", "",
                                      int(usage["unpriced_calls"]))
            self.usage_text.setText(text)
        self._update_controls()

    def _update_controls(self) -> None:
        ready = self.workspace is not None
        self.save_key_button.setEnabled(ready and bool(self.key_input.text().strip()))
        self.clear_key_button.setEnabled(ready and bool(self.has_key))
        self.save_button.setEnabled(ready)
        self.refresh_button.setEnabled(ready)

    def retranslate(self) -> None:
        self.key_box.setTitle(self.tr("Anthropic API key"))
        self.key_label.setText(self.tr("New &key:"))
        self.key_input.setPlaceholderText(self.tr("Paste a key to store it; it is never shown"))
        self.save_key_button.setText(self.tr("&Store key"))
        self.clear_key_button.setText(self.tr("R&emove key"))
        self.model_box.setTitle(self.tr("Claude model"))
        self.model_label.setText(self.tr("&Model:"))
        self.address_label.setText(self.tr("API &address (optional):"))
        self.address_input.setPlaceholderText(self.tr("Your own gateway in front of the API"))
        self.save_button.setText(self.tr("Sa&ve settings"))
        self.usage_box.setTitle(self.tr("Usage this month"))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.message.setText(self._message())
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            tint(self.message, self._message_kind)
        super().changeEvent(event)
