"""The list of blueprints, new blueprints from templates, and YAML / JSON files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.domain.blueprint.document import dump_document, parse_document
from app.gui.blueprints.list_model import DOMAIN, KEY, NAME, VERSION
from app.gui.blueprints.new_dialog import NewBlueprintDialog
from app.gui.blueprints.pane import BlueprintsPane
from app.gui.formatting import strip_isolation
from app.gui.qt import QDialogButtonBox, QFileDialog, Qt
from app.gui.shell import Shell
from tests.gui.blueprints.conftest import add_blueprint, workspace_of
from tests.gui.conftest import wait_until
from tests.services.blueprint_docs import clinic

DIALOG_WARNING = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def test_lists_the_workspaces_blueprints(
    pane: BlueprintsPane, qtbot: Any, qtmodeltester: Any
) -> None:
    assert pane.model.rowCount() == 0
    assert pane.empty.isVisible()
    assert not pane.table.isVisible()
    assert not pane.open_button.isEnabled()
    add_blueprint(pane)
    add_blueprint(
        pane, clinic(key="school", domain="education", name={"en": "School", "ar": "مدرسة"})
    )
    pane.refresh()
    wait_until(qtbot, lambda: pane.model.rowCount() == 2)
    model = pane.model
    assert [model.index(r, KEY).data() for r in range(2)] == ["clinic", "school"]
    assert model.index(1, NAME).data() == "School"
    assert model.index(1, DOMAIN).data() == "Education"
    assert model.index(0, VERSION).data() == "1"
    assert pane.table.isVisible()
    assert pane.open_button.isEnabled()
    qtmodeltester.check(model)


@DIALOG_WARNING
def test_new_blueprint_from_a_template(pane: BlueprintsPane, qtbot: Any) -> None:
    add_blueprint(pane)
    pane.refresh()
    wait_until(qtbot, lambda: pane.model.rowCount() == 1)
    pane.new_button.click()
    wait_until(qtbot, lambda: pane.findChild(NewBlueprintDialog) is not None)
    dialog = pane.findChild(NewBlueprintDialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    assert dialog.template.findData("healthcare") >= 0
    dialog.template.setCurrentIndex(dialog.template.findData("healthcare"))
    qtbot.keyClicks(dialog.key, "clinic")
    assert not ok.isEnabled()
    assert "already exists" in dialog.problem.text()
    dialog.key.clear()
    qtbot.keyClicks(dialog.key, "rawda-patients")
    assert ok.isEnabled()
    ok.click()

    wait_until(qtbot, lambda: pane.editor.key == "rawda-patients", 20_000)
    assert pane.stack.currentWidget() is pane.editor
    session = pane.editor.session
    assert session is not None
    assert session.value("/domain") == "healthcare"
    assert session.base_version == 1
    wait_until(qtbot, lambda: pane.model.row_of("rawda-patients") >= 0)
    wait_until(qtbot, lambda: pane.editor.history.versions != [])
    assert "Healthcare" in strip_isolation(pane.editor.history.list.topLevelItem(0).text(3))


def test_export_and_import_round_trip_through_files(
    pane: BlueprintsPane, qtbot: Any, tmp_path: Path
) -> None:
    stored = add_blueprint(pane)
    as_json = tmp_path / "clinic.json"
    pane.export_file("clinic", as_json)
    wait_until(qtbot, lambda: pane.notice.topic == "exported")
    assert json.loads(as_json.read_text(encoding="utf-8")) == stored.document
    as_yaml = tmp_path / "clinic-copy"
    pane.export_file("clinic", as_yaml)  # no suffix: YAML, and the file says so
    wait_until(qtbot, lambda: (tmp_path / "clinic-copy.yaml").exists())
    assert (
        parse_document((tmp_path / "clinic-copy.yaml").read_text(encoding="utf-8"), "yaml").data
        == stored.document
    )

    # The file, changed elsewhere, comes back as the next version.
    changed = dict(stored.document, owner="Changed in a file")
    edited = tmp_path / "edited.yaml"
    edited.write_text(dump_document(changed, "yaml"), encoding="utf-8")
    pane.import_file(edited)
    wait_until(qtbot, lambda: pane.notice.topic == "imported")
    service = workspace_of(pane).blueprints
    assert service.get_now("clinic").version == 2
    assert service.get_now("clinic").document["owner"] == "Changed in a file"
    assert "edited.yaml" in strip_isolation(pane.notice.text())

    # A new key becomes a new blueprint.
    other = tmp_path / "school.json"
    other.write_text(json.dumps(dict(stored.document, key="school")), encoding="utf-8")
    pane.import_file(other)
    wait_until(qtbot, lambda: pane.model.row_of("school") >= 0)


def test_an_invalid_file_is_refused_with_its_problems(
    pane: BlueprintsPane, qtbot: Any, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("key: clinic\nowner: [unclosed\ntenancy: x\n", encoding="utf-8")
    pane.import_file(broken)
    wait_until(qtbot, lambda: pane.notice.topic == "import")
    text = strip_isolation(pane.notice.text())
    assert "broken.yaml was not imported" in text
    assert "line 3" in text
    assert pane.notice.kind == "error"

    invalid = tmp_path / "invalid.json"
    invalid.write_text(json.dumps(clinic(tenancy="everyone")), encoding="utf-8")
    pane.import_file(invalid)
    wait_until(qtbot, lambda: "invalid.json" in pane.notice.text())
    assert "/tenancy" in pane.notice.text()
    assert workspace_of(pane).blueprints.list_now() == []


@DIALOG_WARNING
def test_the_file_dialogs_hand_their_choice_to_the_file_operations(
    pane: BlueprintsPane, qtbot: Any, tmp_path: Path
) -> None:
    source = tmp_path / "clinic.yaml"
    source.write_text(dump_document(clinic(), "yaml"), encoding="utf-8")
    pane.import_button.click()
    dialog = pane.findChild(QFileDialog, "blueprintFileDialog")
    assert dialog is not None
    assert dialog.isVisible()
    dialog.fileSelected.emit(str(source))
    dialog.reject()
    wait_until(qtbot, lambda: pane.model.row_of("clinic") >= 0)

    pane.table.setCurrentIndex(pane.model.index(0, 0))
    pane.export_button.click()
    dialog = next(d for d in pane.findChildren(QFileDialog, "blueprintFileDialog") if d.isVisible())
    target = tmp_path / "out.json"
    dialog.fileSelected.emit(str(target))
    dialog.reject()
    wait_until(qtbot, lambda: target.exists())
    assert json.loads(target.read_text(encoding="utf-8"))["key"] == "clinic"


def test_the_main_window_shows_the_pane(shell: Shell, qtbot: Any) -> None:
    window = shell.window
    assert not window.blueprints_page.is_built  # built on its first visit, not at start-up
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.blueprints_page
    assert window.blueprints_page.is_built
    pane = window.blueprints
    assert pane.workspace is shell.session.workspace
    assert window.navigation.currentItem().text() == "Blueprints"
    wait_until(qtbot, lambda: not pane.loading)
    add_blueprint(pane)
    pane.refresh()
    wait_until(qtbot, lambda: pane.model.rowCount() == 1)
    pane.open_blueprint("clinic")
    wait_until(qtbot, lambda: pane.editor.key == "clinic")
    window.close()  # closing the window stops the editor and keeps no timer running
    assert pane.editor.session is None


def test_an_empty_pane_keeps_its_controls_together(pane: BlueprintsPane, qtbot: Any) -> None:
    from app.gui.qt import QPoint

    assert pane.model.rowCount() == 0
    assert pane.empty.isVisible()
    buttons_bottom = pane.new_button.mapTo(pane, QPoint(0, pane.new_button.height())).y()
    empty_top = pane.empty.mapTo(pane, QPoint(0, 0)).y()
    title_bottom = pane.title.mapTo(pane, QPoint(0, pane.title.height())).y()
    # the title, the buttons and the message follow one another at the top of the pane
    assert pane.new_button.mapTo(pane, QPoint(0, 0)).y() - title_bottom < 40
    assert empty_top - buttons_bottom < 60
    assert empty_top < pane.height() / 3
