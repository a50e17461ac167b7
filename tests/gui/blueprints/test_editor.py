"""The blueprint editor over a real local workspace, driven as a person would."""

from __future__ import annotations

from typing import Any

import pytest

from app.domain.blueprint.document import parse_document
from app.gui.blueprints.editor import BlueprintEditor
from app.gui.blueprints.findings_view import PLACE
from app.gui.blueprints.form import FlagsEdit, LocalizedEdit
from app.gui.blueprints.pane import BlueprintsPane
from app.gui.formatting import strip_isolation
from app.gui.i18n import LanguageController
from app.gui.qt import QLineEdit, QMessageBox, Qt, QTextCursor
from tests.gui.blueprints.conftest import add_blueprint, open_editor, workspace_of
from tests.gui.conftest import wait_until
from tests.services.blueprint_docs import clinic

# The offscreen platform cannot size a dialog from its contents and says so.
DIALOG_WARNING = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def raw_text(editor: BlueprintEditor) -> str:
    return editor.surface.raw.text.toPlainText()


def form_control(editor: BlueprintEditor, attr: str) -> Any:
    form = editor.surface.form
    assert form is not None
    return form.controls[attr]


def press(widget: Any, qtbot: Any, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, key, modifiers)


def test_editing_a_label_in_the_form_changes_the_raw_text(pane: BlueprintsPane, qtbot: Any) -> None:
    add_blueprint(pane)
    editor = open_editor(pane, qtbot)
    assert "en: Full name" in raw_text(editor)

    editor.surface.select_node("field:/entities/0/fields/0")
    label = form_control(editor, "label")
    assert isinstance(label, LocalizedEdit)
    assert label.en.text() == "Full name"
    label.en.setFocus()
    label.en.end(False)
    qtbot.keyClicks(label.en, " (legal)")

    wait_until(qtbot, lambda: "en: Full name (legal)" in raw_text(editor))
    assert editor.session is not None
    assert editor.session.dirty
    assert "unsaved" in editor.state_label.text()
    # The tree follows the label.
    assert editor.surface.tree.currentItem().text(0) == "Full name (legal)"

    # Ctrl+Z in the line edit undoes the whole edit of the label, in form and raw text.
    press(label.en, qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_until(qtbot, lambda: "en: Full name (legal)" not in raw_text(editor))
    assert "en: Full name\n" in raw_text(editor)
    assert label.en.text() == "Full name"
    assert not editor.session.dirty
    press(
        label.en,
        qtbot,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    wait_until(qtbot, lambda: label.en.text() == "Full name (legal)")


def test_choices_and_check_boxes_write_the_document(pane: BlueprintsPane, qtbot: Any) -> None:
    add_blueprint(pane)
    editor = open_editor(pane, qtbot)
    editor.surface.select_node("field:/entities/0/fields/1")
    classification = form_control(editor, "classification")
    index = classification.findData("sensitive_health")
    classification.setCurrentIndex(index)
    classification.activated.emit(index)
    unique = form_control(editor, "unique")
    unique.setFocus()
    qtbot.keyClick(unique, Qt.Key.Key_Space)
    session = editor.session
    assert session is not None
    assert session.value("/entities/0/fields/1/classification") == "sensitive_health"
    assert session.value("/entities/0/fields/1/unique") is True
    assert "classification: sensitive_health" in raw_text(editor)

    editor.surface.select_node("environment:/environments/0")
    replicas = form_control(editor, "replicas")
    replicas.setValue(3)
    assert session.value("/environments/0/replicas") == 3
    replicas.setValue(1)  # the default is left out of the document
    assert "replicas" not in session.value("/environments/0")


def test_broken_raw_text_shows_an_error_at_its_line(pane: BlueprintsPane, qtbot: Any) -> None:
    add_blueprint(pane)
    editor = open_editor(pane, qtbot)
    raw = editor.surface.raw.text
    lines = raw_text(editor).splitlines()
    line = next(i for i, text in enumerate(lines) if text.startswith("tenancy:")) + 1

    cursor = raw.textCursor()
    cursor.setPosition(raw.document().findBlockByNumber(line - 1).position())
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    raw.setTextCursor(cursor)
    raw.setFocus()
    qtbot.keyClicks(raw, ": broken")

    findings = editor.surface.findings
    wait_until(qtbot, lambda: bool(findings.findings) and not findings.checking)
    located = findings.findings[0]
    assert located.finding.source == "parse"
    assert located.line == line
    item = findings.list.topLevelItem(0)
    assert strip_isolation(item.text(PLACE)).startswith(f"{line}:")
    assert "1" in strip_isolation(findings.summary.text())
    # The form shows the last readable document and cannot be edited meanwhile.
    assert editor.surface.form is not None
    assert not editor.surface.form.isEnabled()
    assert editor.session is not None
    assert editor.session.value("/tenancy") == "shared_schema"

    # Clicking the finding puts the cursor on its line.
    raw.moveCursor(QTextCursor.MoveOperation.Start)
    rect = findings.list.visualItemRect(item)
    qtbot.mouseClick(findings.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.surface.raw.cursor_place()[0] == line
    assert raw.hasFocus() or raw.textCursor().blockNumber() == line - 1

    # Undo brings back the readable text.
    editor.undo()
    wait_until(qtbot, lambda: not findings.findings and not findings.checking)
    assert editor.surface.form.isEnabled()


def test_a_schema_error_leads_to_its_field(pane: BlueprintsPane, qtbot: Any) -> None:
    add_blueprint(pane)
    editor = open_editor(pane, qtbot)
    editor.surface.select_node("environment:/environments/0")
    region = form_control(editor, "region")
    region.setFocus()
    region.selectAll()
    qtbot.keyClicks(region, "Not A Region")
    findings = editor.surface.findings
    wait_until(qtbot, lambda: bool(findings.findings) and not findings.checking)
    paths = [f.finding.path for f in findings.findings]
    assert "/environments/0/region" in paths
    # The field itself is marked: its label, its tool tip and what a screen reader says.
    form = editor.surface.form
    assert form is not None
    label = form.labels["region"]
    assert label.property("finding") == "error"
    assert label.text().startswith("✖ ")
    message = next(f.finding.message_en for f in findings.findings
                   if f.finding.path == "/environments/0/region")
    assert message in region.toolTip() and message in region.accessibleDescription()
    assert form.labels["provider"].property("finding") in (None, "")
    region.selectAll()
    qtbot.keyClicks(region, "fsn1")
    wait_until(qtbot, lambda: form.labels["region"].property("finding") == "", 10_000)
    assert not form.labels["region"].text().startswith("✖")
    region.selectAll()
    qtbot.keyClicks(region, "Not A Region")
    wait_until(qtbot, lambda: "/environments/0/region" in [f.finding.path for f in findings.findings]
               and not findings.checking)
    paths = [f.finding.path for f in findings.findings]
    editor.surface.select_node("identity:")
    findings.choose(paths.index("/environments/0/region"))
    assert editor.surface.tree.selected_id() == "environment:/environments/0"
    line, _column = editor.surface.raw.cursor_place()
    assert "region: Not A Region" in raw_text(editor).splitlines()[line - 1]


def test_saving_writes_a_version_that_history_and_diff_show(
    pane: BlueprintsPane, qtbot: Any
) -> None:
    add_blueprint(pane)
    editor = open_editor(pane, qtbot)
    editor.surface.select_node("identity:")
    owner = form_control(editor, "owner")
    owner.setFocus()
    owner.selectAll()
    qtbot.keyClicks(owner, "Riyadh Care Holding")
    editor.autosave()
    drafts = editor.drafts
    assert drafts is not None
    assert drafts.read("clinic") is not None

    press(owner, qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_until(qtbot, lambda: len(editor.history.versions) == 2)
    stored = workspace_of(pane).blueprints.get_now("clinic")
    assert stored.version == 2
    assert stored.document["owner"] == "Riyadh Care Holding"
    assert editor.session is not None
    assert not editor.session.dirty
    assert editor.session.base_version == 2
    assert drafts.read("clinic") is None
    assert "2" in editor.notice.text()
    newest = editor.history.list.topLevelItem(0)
    assert newest.text(0) == "2"
    assert newest.text(2)
    assert "Revised" in newest.text(3)
    wait_until(qtbot, lambda: pane.model.rowCount() == 1 and pane.model.summary_at(0).version == 2)

    editor.history.select_version(2)
    editor.history.compare_button.click()
    assert editor.tabs.currentWidget() is editor.diff
    wait_until(qtbot, lambda: editor.diff.changes.count() == 1)
    change = editor.diff.changes.item(0).text()
    assert "owner" in change
    assert "Riyadh Care Holding" in change
    assert editor.diff.chosen() == (1, 2)


def test_a_newer_version_saved_elsewhere_is_a_clear_conflict(
    pane: BlueprintsPane, qtbot: Any
) -> None:
    add_blueprint(pane)
    editor = open_editor(pane, qtbot)
    service = workspace_of(pane).blueprints
    service.save_now("clinic", clinic(owner="Saved elsewhere"), 1, "colleague")

    editor.surface.select_node("identity:")
    owner = form_control(editor, "owner")
    owner.setFocus()
    owner.selectAll()
    qtbot.keyClicks(owner, "Mine")
    editor.save()
    wait_until(qtbot, lambda: editor.notice.topic == "conflict")
    assert "version 2" in strip_isolation(editor.notice.text())
    assert editor.session is not None
    assert editor.session.dirty
    assert editor.session.value("/owner") == "Mine"
    assert editor.drafts is not None
    assert "Mine" in editor.drafts.read("clinic").text
    assert service.get_now("clinic").version == 2

    reload_button, save_mine, keep = editor.notice.buttons()
    save_mine.click()
    wait_until(qtbot, lambda: service.get_now("clinic").version == 3)
    assert service.get_now("clinic").document["owner"] == "Mine"
    wait_until(qtbot, lambda: not editor.session.dirty)
    del reload_button, keep


def test_loading_the_newest_version_after_a_conflict(pane: BlueprintsPane, qtbot: Any) -> None:
    add_blueprint(pane)
    editor = open_editor(pane, qtbot)
    editor.surface.select_node("identity:")
    owner = form_control(editor, "owner")
    owner.setFocus()
    owner.end(False)
    qtbot.keyClicks(owner, " and mine")
    # A colleague saves while the edits are unsaved (an editor without edits would simply
    # move to the colleague's version).
    workspace_of(pane).blueprints.save_now("clinic", clinic(owner="Theirs"), 1, "colleague")
    editor.save()
    wait_until(qtbot, lambda: editor.notice.topic == "conflict")
    editor.notice.buttons()[0].click()
    wait_until(qtbot, lambda: editor.session.base_version == 2)
    assert editor.session.value("/owner") == "Theirs"
    assert "owner: Theirs" in raw_text(editor)
    editor.undo()  # nothing is lost: the own edit is one undo away
    assert editor.session.value("/owner") == "Riyadh Care Group and mine"


@DIALOG_WARNING
def test_revert_to_an_older_version(pane: BlueprintsPane, qtbot: Any) -> None:
    add_blueprint(pane)
    service = workspace_of(pane).blueprints
    service.save_now("clinic", clinic(owner="Second"), 1, "tester")
    editor = open_editor(pane, qtbot)
    wait_until(qtbot, lambda: len(editor.history.versions) == 2)
    editor.tabs.setCurrentWidget(editor.history)
    editor.history.select_version(1)
    assert editor.history.revert_button.isEnabled()
    editor.history.revert_button.click()
    box = editor.findChild(QMessageBox, "confirmRevert")
    assert box is not None
    assert box.isVisible()
    box.button(QMessageBox.StandardButton.Yes).click()

    wait_until(qtbot, lambda: service.get_now("clinic").version == 3)
    assert service.get_now("clinic").document["owner"] == "Riyadh Care Group"
    wait_until(qtbot, lambda: len(editor.history.versions) == 3)
    assert "Reverted to version 1" in strip_isolation(editor.history.list.topLevelItem(0).text(3))
    assert editor.session is not None
    assert editor.session.base_version == 3
    assert editor.session.value("/owner") == "Riyadh Care Group"


def test_adding_and_removing_items(pane: BlueprintsPane, qtbot: Any) -> None:
    add_blueprint(pane)
    editor = open_editor(pane, qtbot)
    surface = editor.surface
    surface.select_node("entity:/entities/0")
    path = surface.add_item("field", "/entities/0/fields", surface.tree.outline[2].children[0])
    assert path == "/entities/0/fields/2"
    assert surface.tree.selected_id() == "field:/entities/0/fields/2"
    name = form_control(editor, "name")
    assert isinstance(name, QLineEdit)
    assert name.text() == "new_field"
    assert "name: new_field" in raw_text(editor)
    surface.tree.setFocus()
    qtbot.keyClick(surface.tree, Qt.Key.Key_Delete)
    assert surface.tree.selected_id() == "entity:/entities/0"
    assert "new_field" not in raw_text(editor)
    surface.select_node("roles:/roles")
    surface.add_item("role", "/roles")
    assert editor.session is not None
    assert editor.session.value("/roles/1/name") == "new_role"


def test_a_draft_survives_and_is_offered_again(pane: BlueprintsPane, qtbot: Any) -> None:
    add_blueprint(pane)
    editor = open_editor(pane, qtbot)
    editor.surface.select_node("identity:")
    owner = form_control(editor, "owner")
    owner.setFocus()
    owner.end(False)
    qtbot.keyClicks(owner, " (draft)")
    wait_until(
        qtbot, lambda: editor.drafts is not None and editor.drafts.read("clinic") is not None, 5000
    )  # the autosave timer writes it within a few seconds
    editor.close_now()  # as after a crash: the draft stays
    pane.show_list()

    editor = open_editor(pane, qtbot)
    assert editor.notice.topic == "draft"
    assert editor.notice.isVisible()
    assert editor.session is not None
    assert not editor.session.dirty
    editor.notice.buttons()[0].click()  # restore
    assert editor.session.value("/owner") == "Riyadh Care Group (draft)"
    assert editor.session.dirty
    editor.save()
    wait_until(qtbot, lambda: not editor.session.dirty)
    assert editor.drafts is not None
    assert editor.drafts.read("clinic") is None


@DIALOG_WARNING
def test_leaving_with_unsaved_changes_asks(pane: BlueprintsPane, qtbot: Any) -> None:
    add_blueprint(pane)
    editor = open_editor(pane, qtbot)
    editor.surface.select_node("identity:")
    owner = form_control(editor, "owner")
    owner.setFocus()
    qtbot.keyClicks(owner, "!")
    editor.back_action.trigger()
    box = editor.findChild(QMessageBox, "unsavedChanges")
    assert box is not None
    assert box.isVisible()
    assert pane.stack.currentWidget() is editor
    box.button(QMessageBox.StandardButton.Discard).click()
    wait_until(qtbot, lambda: pane.stack.currentWidget() is pane.list_page)
    assert editor.session is None
    assert workspace_of(pane).blueprints.get_now("clinic").version == 1


def test_switching_to_json_and_back(pane: BlueprintsPane, qtbot: Any) -> None:
    add_blueprint(pane)
    editor = open_editor(pane, qtbot)
    raw = editor.surface.raw
    raw.json_button.click()
    assert raw_text(editor).lstrip().startswith("{")
    assert editor.session is not None
    assert parse_document(raw_text(editor), "json").data == editor.session.saved_document
    assert editor.session is not None
    assert not editor.session.dirty
    raw.yaml_button.click()
    assert raw_text(editor).startswith("key: clinic")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_compliance_framework_is_visible_at_1024_by_600(
    pane: BlueprintsPane, qtbot: Any, languages: LanguageController, language: str
) -> None:
    from app.gui.qt import QPoint, QRect

    languages.apply(language)
    pane.window().resize(1024, 600)
    add_blueprint(pane)
    editor = open_editor(pane, qtbot)
    editor.surface.select_node("compliance:")
    form = editor.surface.form
    assert form is not None
    flags = form.controls["compliance"]
    assert isinstance(flags, FlagsEdit)
    qtbot.waitExposed(pane.window())
    visible = QRect(QPoint(0, 0), form.parentWidget().size())  # the form's viewport
    assert len(flags.boxes) == 4
    for box in flags.boxes.values():
        top_left = box.mapTo(form.parentWidget(), QPoint(0, 0))
        area = QRect(top_left, box.size())
        assert visible.contains(area), (box.text(), area, visible)
        assert box.width() >= box.sizeHint().width()  # the name is not clipped
