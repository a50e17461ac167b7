"""The blueprint screens on a small window: the New-blueprint dialog shows its whole title
and a key field wide enough to read, and the English and Arabic name fields of the form
are at least 280 px wide at 1024×600 in either language."""

from __future__ import annotations

from typing import Any

import pytest

from app.gui.blueprints.form import LocalizedEdit
from app.gui.blueprints.new_dialog import NewBlueprintDialog
from app.gui.blueprints.pane import BlueprintsPane
from app.gui.i18n import LanguageController
from app.gui.qt import QRect
from app.gui.screen_fit import NAME_FIELD_WIDTH, title_width
from tests.gui.blueprints.conftest import add_blueprint, open_editor
from tests.support.layout import clipped_text, oversized

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_new_blueprint_dialog_shows_its_whole_title(
    pane: BlueprintsPane, qtbot: Any, languages: LanguageController, language: str
) -> None:
    languages.apply(language)
    dialog = NewBlueprintDialog(["healthcare", "finance", "government"], [], pane)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() >= title_width(dialog, dialog.windowTitle())
    assert dialog.key.width() >= NAME_FIELD_WIDTH
    assert dialog.template.width() >= NAME_FIELD_WIDTH
    assert not clipped_text(dialog), clipped_text(dialog)
    assert oversized(dialog, QRect(0, 0, 1024, 600)) is None
    dialog.reject()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_bilingual_name_fields_are_wide_enough_at_1024_by_600(
    pane: BlueprintsPane, qtbot: Any, languages: LanguageController, language: str
) -> None:
    languages.apply(language)
    pane.window().resize(1024, 600)
    add_blueprint(pane)
    editor = open_editor(pane, qtbot)
    qtbot.waitExposed(pane.window())
    checked = 0
    for node in ("identity:", "entity:/entities/0", "field:/entities/0/fields/0"):
        editor.surface.select_node(node)
        form = editor.surface.form
        assert form is not None
        qtbot.wait(20)
        for attr, control in form.controls.items():
            if isinstance(control, LocalizedEdit) and control.isVisible():
                for edit in (control.en, control.ar):
                    assert edit.width() >= NAME_FIELD_WIDTH, (node, attr, edit.width())
                checked += 1
        # nothing in the form sideways out of view either
        viewport = form.parentWidget()
        assert form.width() <= viewport.width(), (node, form.width(), viewport.width())
    assert checked >= 3
