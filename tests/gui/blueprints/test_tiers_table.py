"""The blueprint editor's tiers table: every tier readable in one table, cells edited from the
keyboard into the document, the blueprint rules' findings marked on the cell with both
languages in its tool tip, unreadable text refused with a message, a tier removed with
Delete, Arabic headers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.domain.bidi import strip_isolation
from app.gui.blueprints.editor import BlueprintEditor
from app.gui.blueprints.pane import BlueprintsPane
from app.gui.blueprints.tiers_table import COLUMNS, TiersEditor, cell_value
from app.gui.i18n import LanguageController
from app.gui.qt import QAbstractItemView, QApplication, Qt
from tests.gui.blueprints.conftest import open_editor, workspace_of
from tests.gui.conftest import wait_until
from tests.support.catalogue import ARABIC_CATALOGUE, messages, strings_of

PRICE, CURRENCY, LIMITS, FEATURES = (COLUMNS.index(c) for c in
                                     ("price", "currency", "limits", "features"))


def tiers_of(pane: BlueprintsPane, qtbot: Any) -> tuple[BlueprintEditor, TiersEditor]:
    workspace_of(pane).blueprints.create_from_template_now("financial", "bank", "tester")
    editor = open_editor(pane, qtbot, "bank")
    editor.surface.select_node("tiers:/tiers")
    form = editor.surface.form
    assert isinstance(form, TiersEditor)
    return editor, form


def shown(form: TiersEditor, row: int, column: int) -> str:
    return str(form.model.index(row, column).data(Qt.ItemDataRole.DisplayRole))


def type_into(qtbot: Any, form: TiersEditor, row: int, column: int, text: str) -> None:
    table = form.table
    table.setFocus()
    table.setCurrentIndex(form.model.index(row, column))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not table and editor is not None
    editor.selectAll()
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:  # Arabic arrives through an input method, which QTest cannot drive
        editor.insert(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn
    wait_until(qtbot, lambda: table.state() != QAbstractItemView.State.EditingState)


def test_every_tier_is_a_readable_row(pane: BlueprintsPane, qtbot: Any,
                                      qtmodeltester: Any) -> None:
    _, form = tiers_of(pane, qtbot)
    assert form.model.rowCount() == 3
    assert [shown(form, 1, c) for c in range(len(COLUMNS))] == [
        "sme-growth", "SME Growth", "باقة النمو للمنشآت", "199", "SAR", "month", "0", "7",
        "users=15; transfers_per_month=2000; api_calls_per_month=250000", "account=10", ""]
    assert form.model.headerData(PRICE, Qt.Orientation.Horizontal) == "Price"
    qtmodeltester.check(form.model)


def test_cells_typed_from_the_keyboard_go_into_the_document(
        pane: BlueprintsPane, qtbot: Any) -> None:
    editor, form = tiers_of(pane, qtbot)
    type_into(qtbot, form, 1, PRICE, "249")
    session = editor.surface.session
    assert session is not None
    assert session.document["tiers"][1]["price"] == 249
    assert "249" in editor.surface.raw.text.toPlainText()
    form = editor.surface.form
    assert isinstance(form, TiersEditor)
    type_into(qtbot, form, 1, FEATURES, "Priority support | دعم ذو أولوية; API | واجهة برمجية")
    assert session.document["tiers"][1]["features"] == [
        {"en": "Priority support", "ar": "دعم ذو أولوية"}, {"en": "API", "ar": "واجهة برمجية"}]
    type_into(qtbot, form, 1, LIMITS, "users=20; storage_gb=50")
    assert session.document["tiers"][1]["limits"] == {"users": 20, "storage_gb": 50}
    editor.undo()
    assert session.document["tiers"][1]["limits"]["transfers_per_month"] == 2000


def test_the_rules_findings_are_marked_in_both_languages(pane: BlueprintsPane, qtbot: Any) -> None:
    editor, form = tiers_of(pane, qtbot)
    type_into(qtbot, form, 1, CURRENCY, "riyal")
    findings = editor.surface.findings
    wait_until(qtbot, lambda: bool(findings.findings) and not findings.checking)
    assert any(f.finding.path == "/tiers/1/currency" for f in findings.findings)
    form = editor.surface.form
    assert isinstance(form, TiersEditor)
    assert shown(form, 1, CURRENCY) == "✖ RIYAL"
    tip = str(form.model.index(1, CURRENCY).data(Qt.ItemDataRole.ToolTipRole))
    finding = next(f.finding for f in findings.findings if f.finding.path == "/tiers/1/currency")
    assert finding.message("en") in tip and finding.message("ar") in tip
    assert shown(form, 0, CURRENCY) == "SAR"


def test_unreadable_text_is_refused_and_nothing_changes(pane: BlueprintsPane, qtbot: Any) -> None:
    editor, form = tiers_of(pane, qtbot)
    session = editor.surface.session
    assert session is not None
    before = session.text
    assert not form.model.setData(form.model.index(2, LIMITS), "users five")
    assert session.text == before
    assert form.message.isVisibleTo(form)
    assert strip_isolation(form.message.text()) == ("tier 3, Limits: «users five» is not name=number "
                                   "(for example: users=5; storage_gb=10)")


def test_delete_removes_the_selected_tier(pane: BlueprintsPane, qtbot: Any) -> None:
    editor, form = tiers_of(pane, qtbot)
    form.table.setFocus()
    form.table.setCurrentIndex(form.model.index(0, 0))
    qtbot.keyClick(form.table, Qt.Key.Key_Delete)
    session = editor.surface.session
    assert session is not None
    assert [t["key"] for t in session.document["tiers"]] == ["sme-growth", "corporate"]
    form = editor.surface.form
    assert isinstance(form, TiersEditor) and form.model.rowCount() == 2


def test_empty_day_cells_fall_back_to_the_defaults() -> None:
    from app.gui.blueprints.session import REMOVE

    assert cell_value("trial_days", "", 0) is REMOVE
    assert cell_value("price", "9.50", 0) == "9.50"
    assert cell_value("price", "ninety", 0) == "ninety"  # the rules name what is wrong
    assert cell_value("limits", "users=٥; storage_gb=١٠", 0) == {"users": 5, "storage_gb": 10}


def test_arabic_headers(pane: BlueprintsPane, qtbot: Any) -> None:
    _, form = tiers_of(pane, qtbot)
    languages = LanguageController(QApplication.instance())
    try:
        languages.apply("ar")
        assert form.model.headerData(PRICE, Qt.Orientation.Horizontal) == "السعر"
        wait_until(qtbot, lambda: form.remove_button.text() == "ا&حذف الباقة المحددة")
    finally:
        languages.apply("en")


def test_the_catalogue_holds_the_table_s_strings(tmp_path: Path) -> None:
    found = {k for k in strings_of("blueprints", tmp_path) if k[0] in ("TiersTable", "TiersEditor")}
    assert len(found) == 17
    assert found <= set(messages(ARABIC_CATALOGUE))
