"""The choice of a way back when migrations ran since the release a rollback goes to: a
plan as the rollback service makes it (a backup taken before release 2's deploy), both
ways with their consequences in the console's language, none chosen at first, the button
enabled only once one is, Escape cancelling; and which release "Roll back…" goes to."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.gui.deploy.release_ops import ReleasesView, rollback_target
from app.gui.deploy.rollback_dialog import RollbackChoiceDialog
from app.gui.formatting import strip_isolation
from app.gui.i18n import LanguageController
from app.gui.qt import QDialog, QMainWindow, Qt
from app.services.release_rollback import RollbackPlan

SHOTS = Path("/tmp/webnova-release-shots")


def plan(backup: bool = True) -> RollbackPlan:
    taken = {"id": "20261204T114500Z", "release": 2, "server": "wn-hub-staging-db-1",
             "path": "/srv/webnova-data/backups/hub/20261204T114500Z-before-release-2.dump",
             "size": 48213} if backup else None
    return RollbackPlan("hub", "staging", 1, 2, "a" * 64, "b7e1c2d3a4f5", "0001_initial", taken)


@pytest.fixture
def window(qtbot: Any) -> QMainWindow:
    made = QMainWindow()
    qtbot.addWidget(made)
    made.resize(900, 600)
    made.show()
    return made


def test_the_owner_must_choose_a_way_back_and_escape_cancels(
        qtbot: Any, window: QMainWindow) -> None:
    shown = plan()
    dialog = RollbackChoiceDialog(shown, window)
    dialog.open()
    qtbot.waitExposed(dialog)
    assert strip_isolation(dialog.text.text()).startswith(
        "Migrations ran on hub/staging since release 1")
    assert set(dialog.ways) == {"downgrade", "restore"}
    assert not any(button.isChecked() for button in dialog.ways.values())
    assert not dialog.confirm.isEnabled() and dialog.choice() is None
    said = {c.choice: c.en for c in shown.options()}
    for way in ("downgrade", "restore"):
        label = dialog.findChild(type(dialog.text), f"{way}Consequence")
        assert label is not None and label.text() == said[way]
    assert "2026-12-04 11:45:00 UTC" in said["restore"]
    dialog.confirm.click()  # nothing chosen: nothing happens
    assert dialog.isVisible() and dialog.result() == 0
    dialog.ways["restore"].click()
    assert dialog.confirm.isEnabled() and dialog.choice() == "restore"
    dialog.ways["downgrade"].click()
    assert dialog.choice() == "downgrade" and not dialog.ways["restore"].isChecked()
    SHOTS.mkdir(exist_ok=True)
    assert dialog.grab().save(str(SHOTS / "rollback-choice-en.png"))
    with qtbot.waitSignal(dialog.rejected, timeout=1_000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected

    again = RollbackChoiceDialog(shown, window)
    again.open()
    again.ways["restore"].click()
    with qtbot.waitSignal(again.accepted, timeout=1_000):
        again.confirm.click()
    assert again.choice() == "restore"


def test_without_a_backup_only_the_downgrade_is_offered(qtbot: Any, window: QMainWindow) -> None:
    dialog = RollbackChoiceDialog(plan(backup=False), window)
    dialog.open()
    assert list(dialog.ways) == ["downgrade"]
    assert strip_isolation(dialog.no_backup.text()) == (
        "Restoring a backup is not possible: none was taken before a deploy after release 1.")


def test_in_arabic_the_consequences_are_the_plans_arabic(
        qtbot: Any, window: QMainWindow, languages: LanguageController) -> None:
    languages.apply("ar")
    shown = plan()
    dialog = RollbackChoiceDialog(shown, window)
    dialog.open()
    qtbot.waitExposed(dialog)
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert dialog.windowTitle() == "اختر طريقة الرجوع"
    said = {c.choice: c.ar for c in shown.options()}
    for way in ("downgrade", "restore"):
        label = dialog.findChild(type(dialog.text), f"{way}Consequence")
        assert label is not None and label.text() == said[way]
    assert strip_isolation(dialog.ways["restore"].text()) == "ا&ستعادة النسخة الاحتياطية"
    assert strip_isolation(dialog.confirm.text()) == "ا&رجع بهذه الطريقة"
    dialog.ways["downgrade"].click()
    assert dialog.confirm.isEnabled()
    assert dialog.grab().save(str(SHOTS / "rollback-choice-ar.png"))


def view(current: int | None, ran: list[int]) -> ReleasesView:
    return ReleasesView("hub", "staging", [], current, False, [], ran)


@pytest.mark.parametrize(("current", "ran", "chosen", "expected"), [
    (2, [1, 2], 2, (1, False)),  # the chosen one runs now: the one before
    (2, [1, 2], None, (1, False)),
    (3, [1, 2, 3], 1, (1, True)),  # the chosen one ran here
    (3, [1, 2, 3], 4, (2, False)),  # never ran here: the one before
    (1, [1, 2, 1], None, (2, False)),  # after a rollback to 1, "before" is 2
    (1, [1], None, None),  # nothing ran before
    (None, [], 1, None),  # nothing runs
])
def test_the_rollback_goes_to_the_chosen_release_if_it_ran_here_else_the_one_before(
        current: int | None, ran: list[int], chosen: int | None,
        expected: tuple[int, bool] | None) -> None:
    assert rollback_target(view(current, ran), chosen) == expected
