"""Messages shown before a language switch are shown again in the new language."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from app.domain.errors import WebNovaError
from app.gui.event_log_pane import EventLogPane
from app.gui.formatting import fill, strip_isolation
from app.gui.i18n import LanguageController
from app.gui.live_text import show_text
from app.gui.qt import QApplication, QCoreApplication, QLabel
from app.gui.session import WorkspaceSession


@pytest.fixture
def languages(qapp: QApplication) -> Iterator[LanguageController]:
    controller = LanguageController(qapp)
    try:
        yield controller
    finally:
        controller.apply("en")


def loading_failed() -> str:
    return QCoreApplication.translate("UsersPane", "The users could not be loaded. %1")


def test_a_label_follows_the_language_until_another_text_is_set(
        languages: LanguageController, qtbot: Any) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    show_text(label, lambda: fill(loading_failed(), "x"))
    assert label.text().startswith("The users could not be loaded.")
    languages.apply("ar")
    QApplication.processEvents()
    assert label.text() == fill(loading_failed(), "x")
    assert "The users" not in label.text()
    label.setText("something else")
    languages.apply("en")
    QApplication.processEvents()
    assert label.text() == "something else"


def test_a_pane_error_shown_in_english_reads_arabic_after_the_switch(
        languages: LanguageController, qtbot: Any) -> None:
    pane = EventLogPane(WorkspaceSession())
    qtbot.addWidget(pane)
    pane._show_error(WebNovaError("disk full"))
    assert strip_isolation(pane.error_label.text()).startswith("The events could not be loaded.")
    languages.apply("ar")
    QApplication.processEvents()
    text = strip_isolation(pane.error_label.text())
    assert not text.startswith("The events"), text
    arabic = QCoreApplication.translate("EventLogPane", "The events could not be loaded. %1")
    assert text.startswith(arabic.split("%1")[0].strip()) and "disk full" in text
