"""The assistant's settings: the API key goes to the keyring and is never shown again,
the model and API address are saved for the workspace, and this month's usage is shown
in tokens and money."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from app.bootstrap import Workspace
from app.gui.assist.pane import SETTINGS, AssistantPane
from app.gui.formatting import strip_isolation
from app.gui.qt import QComboBox, QLabel, QLineEdit, Qt
from app.services.assistant_model import API_KEY_SECRET
from tests.assist.fake_anthropic import API_KEY, FakeAnthropic, text
from tests.gui.assist.conftest import choose
from tests.gui.conftest import wait_until


def shown_texts(pane: AssistantPane) -> list[str]:
    found = [w.text() for w in pane.findChildren(QLabel)]
    found += [w.text() for w in pane.findChildren(QLineEdit)]
    found += [w.currentText() for w in pane.findChildren(QComboBox)]
    found.append(pane.chat.transcript.toPlainText())
    return found


def test_key_model_address_and_usage(pane: AssistantPane, clinic: str, qtbot: Any,
                                     workspace: Workspace) -> None:
    settings = pane.settings
    with qtbot.waitSignal(settings.loaded, timeout=10_000):
        pane.tabs.setCurrentIndex(SETTINGS)
    assert settings.key_state.text().startswith("No API key is set.")
    assert not settings.clear_key_button.isEnabled()
    assert settings.model_input.currentText() == "claude-sonnet-4-6"
    assert settings.key_input.echoMode() == QLineEdit.EchoMode.Password
    month = datetime.now(UTC).strftime("%Y-%m")
    assert strip_isolation(settings.usage_text.text()) == (
        f"{month}: 0 calls, 0 input tokens and 0 output tokens, $0.00")

    with FakeAnthropic() as fake:
        settings.key_input.setFocus()
        qtbot.keyClicks(settings.key_input, API_KEY)
        with qtbot.waitSignal(settings.loaded, timeout=10_000):
            qtbot.keyClick(settings.key_input, Qt.Key.Key_Return)
        assert workspace.orchestrator.gateway.secrets.get(API_KEY_SECRET) == API_KEY
        assert settings.key_input.text() == ""
        assert settings.key_state.text().startswith("An API key is set.")
        assert strip_isolation(settings.message.text()) == (
            "The API key is stored in the system keyring.")
        assert not any(API_KEY in t for t in shown_texts(pane))

        settings.model_input.setCurrentText("claude-haiku-4-5")
        settings.address_input.setText(fake.base_url)
        with qtbot.waitSignal(settings.loaded, timeout=10_000):
            settings.save_button.click()
        saved = workspace.orchestrator.gateway.settings_store.get_now()
        assert (saved.model, saved.base_url) == ("claude-haiku-4-5", fake.base_url)

        # Claude now answers, with that model, and the month's usage counts the call.
        fake.script(text("A pharmacist reads prescriptions.", input_tokens=1000,
                         output_tokens=500))
        pane.refresh()
        wait_until(qtbot, lambda: pane.picker.findData(clinic) > 0)
        choose(pane, qtbot, clinic)
        with qtbot.waitSignal(pane.chat.answered, timeout=20_000) as answered:
            assert pane.chat.send("what does a pharmacist do?")
        assert answered.args[0].engine == "claude"
        assert fake.requests[0].body["model"] == "claude-haiku-4-5"
        assert pane.chat.engine_label.text() == (
            "Answered by Claude, model \u2068claude-haiku-4-5\u2069")
    with qtbot.waitSignal(settings.loaded, timeout=10_000):
        settings.refresh_button.click()
    (record,) = workspace.orchestrator.gateway.usage.month_now()
    assert record.cost is not None
    assert strip_isolation(settings.usage_text.text()) == (
        f"{month}: 1 call, 1,000 input tokens and 500 output tokens, ${record.cost.normalize()}")
    assert not any(API_KEY in t for t in shown_texts(pane))

    with qtbot.waitSignal(settings.loaded, timeout=10_000):
        settings.clear_key_button.click()
    assert workspace.orchestrator.gateway.secrets.get(API_KEY_SECRET) is None
    assert settings.key_state.text().startswith("No API key is set.")
