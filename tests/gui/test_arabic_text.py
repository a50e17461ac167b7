"""Arabic text inside widgets: typed text reads in its own direction, line edits leave room
for the dots below Arabic letters."""

from __future__ import annotations

from typing import Any

import pytest

from app.gui.assist.composer import Composer, text_direction
from app.gui.qt import QApplication, Qt

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # offscreen

RTL = Qt.LayoutDirection.RightToLeft
LTR = Qt.LayoutDirection.LeftToRight


def _start_x(composer: Composer) -> int:
    """Where the first character of the message is drawn, in viewport pixels."""
    cursor = composer.input.textCursor()
    cursor.setPosition(0)
    return composer.input.cursorRect(cursor).x()


@pytest.mark.parametrize("console_direction", [LTR, RTL])
def test_the_message_box_aligns_typed_text_by_its_own_direction(
    qapp: QApplication, qtbot: Any, console_direction: Qt.LayoutDirection
) -> None:
    composer = Composer()
    composer.setLayoutDirection(console_direction)
    qtbot.addWidget(composer)
    composer.resize(600, 200)
    composer.show()
    qtbot.waitExposed(composer)
    width = composer.input.viewport().width()

    composer.input.setPlainText("أضف الصيادلة")
    qapp.processEvents()
    # Arabic starts at the right edge: its first letter is drawn near the right side.
    assert _start_x(composer) > width * 0.8
    assert composer.input.document().defaultTextOption().textDirection() == RTL

    composer.input.setPlainText("Add pharmacists")
    qapp.processEvents()
    assert _start_x(composer) < width * 0.2
    assert composer.input.document().defaultTextOption().textDirection() == LTR

    composer.input.setPlainText("2026 أضف")  # digits are weak: the first letter decides
    qapp.processEvents()
    assert composer.input.document().defaultTextOption().textDirection() == RTL
    composer.close()


def test_text_direction_is_that_of_the_first_strong_letter() -> None:
    assert text_direction("مرحبا hello") == RTL
    assert text_direction("hello مرحبا") == LTR
    assert text_direction("  123 ، (") is None
    assert text_direction("") is None
