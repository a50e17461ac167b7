"""The Blueprints pane in Arabic: mirrored, translated, with code kept left to right."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from app.gui.blueprints.pane import BlueprintsPane
from app.gui.formatting import strip_isolation
from app.gui.i18n import LanguageController
from app.gui.qt import QPoint, Qt
from tests.gui.blueprints.conftest import add_blueprint, open_editor
from tests.gui.conftest import wait_until
from tests.support.catalogue import ARABIC_CATALOGUE, messages, strings_of

RTL = Qt.LayoutDirection.RightToLeft
LTR = Qt.LayoutDirection.LeftToRight
ARABIC = re.compile("[\u0600-\u06ff]")


def test_switching_to_arabic_mirrors_the_editor(
    pane: BlueprintsPane, qtbot: Any, languages: LanguageController
) -> None:
    add_blueprint(pane)
    editor = open_editor(pane, qtbot)
    surface = editor.surface
    surface.select_node("field:/entities/0/fields/0")
    tree_x = surface.tree.mapTo(editor, QPoint(0, 0)).x()
    raw_x = surface.raw.mapTo(editor, QPoint(0, 0)).x()
    assert tree_x < raw_x

    languages.apply("ar")
    wait_until(qtbot, lambda: editor.tabs.tabText(0) == "ال&محرر")
    form = surface.form
    assert form is not None
    for widget in (pane, editor, editor.tabs, surface, surface.tree, form, surface.findings.list,
                   editor.history.list, editor.diff, editor.notice):
        assert widget.layoutDirection() == RTL, widget
    # Code reads left to right inside the mirrored window.
    assert surface.raw.text.layoutDirection() == LTR
    # The tree moved to the right of the raw text (once the mirrored layout has run).
    wait_until(qtbot, lambda: surface.tree.mapTo(editor, QPoint(0, 0)).x()
               > surface.raw.mapTo(editor, QPoint(0, 0)).x())

    assert surface.tree.topLevelItem(0).text(0) == "الهوية"
    assert strip_isolation(surface.tree.topLevelItem(2).text(0)) == "الكيانات (٢)"
    assert surface.tree.currentItem().text(0) == "الاسم الكامل"  # the label in Arabic
    assert form.labels["label"].text() == "التسمية"
    assert form.labels["type"].text() == "النوع"
    assert form.controls["type"].currentText() == "نص قصير"
    assert strip_isolation(surface.form_title.text()) == "حقل: الاسم الكامل"
    wait_until(qtbot, lambda: not surface.findings.checking)
    assert surface.findings.summary.text() == "لم يُعثر على مشكلات"
    assert surface.findings.list.headerItem().text(0) == "الخطورة"
    assert editor.save_action.text() == "حفظ"
    assert ARABIC.search(editor.state_label.text())
    assert editor.history.list.headerItem().text(0) == "الإصدار"
    assert ARABIC.search(editor.history.list.topLevelItem(0).text(3))

    # Findings speak Arabic too.
    form.controls["type"].setCurrentIndex(form.controls["type"].findData("string"))
    surface.select_node("environment:/environments/0")
    region = surface.form.controls["region"]
    region.setFocus()
    region.selectAll()
    qtbot.keyClicks(region, "X")
    wait_until(qtbot, lambda: bool(surface.findings.findings))
    assert ARABIC.search(surface.findings.list.topLevelItem(0).text(1))
    assert ARABIC.search(surface.findings.summary.text())

    languages.apply("en")
    wait_until(qtbot, lambda: editor.tabs.tabText(0) == "&Editor")
    assert surface.tree.layoutDirection() == LTR
    assert surface.tree.topLevelItem(0).text(0) == "Identity"
    assert surface.tree.mapTo(editor, QPoint(0, 0)).x() == tree_x


def test_the_list_in_arabic(pane: BlueprintsPane, qtbot: Any, languages: LanguageController) -> None:
    add_blueprint(pane)
    pane.refresh()
    wait_until(qtbot, lambda: pane.model.rowCount() == 1)
    languages.apply("ar")
    wait_until(qtbot, lambda: pane.title.text() == "المخططات")
    assert pane.table.layoutDirection() == RTL
    assert pane.model.index(0, 1).data() == "حجوزات العيادة"
    assert pane.model.index(0, 2).data() == "الرعاية الصحية"
    assert pane.model.headerData(3, Qt.Orientation.Horizontal) == "الإصدار"
    assert pane.new_button.text() == "جدي&د من قالب…"
    pane.refresh()
    wait_until(qtbot, lambda: pane.selected_key() == "clinic")
    assert pane.open_button.isEnabled()


def test_the_catalogue_holds_every_string_of_the_pane(tmp_path: Path) -> None:
    found = set(strings_of("blueprints", tmp_path))
    assert len(found) > 250
    missing = found - set(messages(ARABIC_CATALOGUE))
    assert not missing, f"run python -m app.gui.i18n update and translate: {missing}"
