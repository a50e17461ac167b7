"""Empty panes: one shared empty state (a title, a one-line hint, an optional action) right
under the pane's controls, aligned with them, in both languages and window sizes — not a
message floating in the middle of the pane."""

from __future__ import annotations

from typing import Any

import pytest

from app.gui.blueprints.new_dialog import NewBlueprintDialog
from app.gui.empty_state import EmptyState
from app.gui.main_window import BLUEPRINTS
from app.gui.qt import QPoint, QWidget
from app.gui.shell import Shell
from tests.gui.conftest import wait_until

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def test_the_empty_state_shows_a_title_a_hint_and_an_optional_action(qtbot: Any) -> None:
    state = EmptyState()
    qtbot.addWidget(state)
    state.show_state("No blueprints yet", "Start one from a template.", "New from template…")
    state.show()
    assert state.title.text() == "No blueprints yet"
    assert state.hint.isVisible() and state.button.isVisible()
    assert state.text() == "No blueprints yet Start one from a template."
    with qtbot.waitSignal(state.action_clicked, timeout=1000):
        state.button.click()
    state.show_state("Loading…")
    assert not state.hint.isVisible() and not state.button.isVisible()
    assert state.text() == "Loading…"


def edges(widget: QWidget, pane: QWidget) -> tuple[int, int, int]:
    """Left, right and top of ``widget`` in ``pane``."""
    corner = widget.mapTo(pane, QPoint(0, 0))
    return corner.x(), corner.x() + widget.width(), corner.y()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_empty_panes_say_so_under_their_controls(shell: Shell, qtbot: Any, language: str) -> None:
    shell.languages.apply(language)
    window = shell.window
    governance = window.governance
    for size in ((1024, 600), (1180, 720)):
        window.resize(*size)
        for show, pane_of, above in (
            (lambda: window.show_pane(BLUEPRINTS), lambda: window.blueprints, "new_button"),
            (lambda: window.generate.show_action.trigger(), lambda: window.generate.pane,
             "generate_button"),
            (lambda: window.navigation.setCurrentItem(governance.items[0]),
             lambda: governance.approvals, "refresh_button"),
        ):
            show()
            pane = pane_of()
            wait_until(qtbot, lambda p=pane: p.empty.isVisible() and p.empty.title.text() != ""
                       and not p.empty.title.text().startswith(("Loading", "جارٍ")))
            state: EmptyState = pane.empty
            # once laid out (a pane built on its first visit settles a moment later)
            aligned = ((lambda p=pane: edges(p.empty.title, p)[0] == edges(p.title, p)[0])
                       if language == "en" else
                       (lambda p=pane: edges(p.empty.title, p)[1] == edges(p.title, p)[1]))
            qtbot.waitUntil(aligned, timeout=2_000)
            title_left, title_right, title_top = edges(state.title, pane)
            pane_title_left, pane_title_right, _top = edges(pane.title, pane)
            control = getattr(pane, above)
            _left, _right, control_top = edges(control, pane)
            control_bottom = control_top + control.height()
            where = (pane.objectName() or type(pane).__name__, size, language)
            # right under the controls, in the upper part of the pane, not mid-pane
            assert control_bottom <= title_top <= control_bottom + 40, where
            assert title_top < pane.height() * 0.45, where
            # aligned with the pane's title on the reading side
            if language == "en":
                assert title_left == pane_title_left, where
            else:
                assert title_right == pane_title_right, where
            assert state.hint.isVisible(), where


def test_the_blueprints_empty_state_starts_a_new_blueprint(shell: Shell, qtbot: Any) -> None:
    window = shell.window
    window.show_pane(BLUEPRINTS)
    pane = window.blueprints
    wait_until(qtbot, lambda: pane.empty.isVisible())
    assert pane.empty.button.isVisible()
    pane.empty.button.click()
    wait_until(qtbot, lambda: pane.findChild(NewBlueprintDialog) is not None)
    dialog = pane.findChild(NewBlueprintDialog)
    assert dialog is not None
    dialog.reject()
