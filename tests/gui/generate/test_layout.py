"""The Generate pane's tabs line up: in Conflicts, the file list and the conflict report
start and end at the same height, and the list is as wide as the Files tab's tree, in
English and Arabic, at 1024×600 and 1180×720. With no blueprint, the pane's empty state
takes the results' place right under its controls."""

from __future__ import annotations

from typing import Any

import pytest

from app.gui.generate.pane import CONFLICTS, FILES, GeneratePane
from app.gui.i18n import LanguageController
from app.gui.qt import QPoint
from tests.gui.conftest import wait_until
from tests.gui.generate.conftest import generate
from tests.gui.generate.test_conflicts import edit_and_revise
from tests.support.layout import clipped_text


def top_left(widget: Any, pane: GeneratePane) -> QPoint:
    return widget.mapTo(pane, QPoint(0, 0))


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_conflicts_panel_lines_up(
    pane: GeneratePane, qtbot: Any, languages: LanguageController, language: str
) -> None:
    languages.apply(language)
    edit_and_revise(pane, qtbot)
    generate(pane, qtbot)
    wait_until(qtbot, lambda: pane.conflicts.conflicts != [])
    for size in ((1024, 600), (1180, 720)):
        pane.window().resize(*size)
        pane.tabs.setCurrentIndex(FILES)
        qtbot.wait(30)
        tree = pane.files.tree
        tree_left, tree_width = top_left(tree, pane).x(), tree.width()
        pane.tabs.setCurrentIndex(CONFLICTS)
        qtbot.wait(30)
        panel = pane.conflicts
        listed, report = panel.list, panel.report
        assert top_left(listed, pane).y() == top_left(report, pane).y(), size
        assert listed.height() == report.height(), size
        # the list sits where the Files tab's tree sits, as wide
        assert top_left(listed, pane).x() == tree_left, size
        assert abs(listed.width() - tree_width) <= 2, (size, listed.width(), tree_width)
        for button in (panel.keep_button, panel.take_button, panel.folder_button):
            assert top_left(button, pane).y() >= top_left(report, pane).y() + report.height()
        assert not clipped_text(panel), clipped_text(panel)
