"""The Deploy pane's Backups tab with real parts: the world of
``tests/release/test_release_deploy_cli.py`` (the Hetzner simulator, staging applied,
release 1 built and deployed, staging's two servers in a box of their own: real sshd, Caddy
and PostgreSQL), opened by the console as it opens its workspace. Backups are taken, listed,
drilled and restored from the pane on staging's database server; what the list, the log
and the database say is what the servers and the journal say.

Production's servers are not in the box (only staging's are), and a restore reads the
backups on the database server before it asks the owner, so the governed restore is shown
on staging under a constitution rule that puts an operator's restores to the root owner."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import psycopg
import pytest

from app.domain.release import server_files as files
from app.gui.deploy.backup_actions import BackupActions
from app.gui.deploy.backups_page import KIND, LAST, STATE
from app.gui.deploy.drill_dialog import DrillDialog
from app.gui.deploy.pane import DeployPane
from app.gui.i18n import LanguageController
from app.gui.qt import QApplication, QMessageBox, Qt
from app.paths import resources_dir
from app.services.approvals import ApprovalRequest
from app.services.environment_backups import consequences
from tests.gui.conftest import wait_until
from tests.gui.deploy.conftest import settle, workspace_of
from tests.gui.deploy.test_releases import choose, console, plain, user  # noqa: F401  (fixtures)
from tests.release.test_release_deploy_cli import APP, Box, World, box, world  # noqa: F401
from tests.support.layout import clipped_text
from tests.support.pgserver import PgServer

WORK_TIMEOUT = 300_000  # a dump, a restore with the app stopped and started, a drill
SHOTS = Path("/tmp")
RULE = """  - id: operator-restore
    kind: require_approval
    description:
      en: An operator's restore of a backup needs the root owner's approval
      ar: استعادة المشغّل نسخة احتياطية تحتاج إلى موافقة المالك الأعلى
    when: 'action.kind == "deploy.apply" && action.context.plan_kind == "restore" && action.actor == "op"'
    approvers: [ROOT_OWNER]
"""


def deployed(world: World, box: Box) -> None:  # noqa: F811
    """Release 1 runs on staging (a restore stops and starts it)."""
    cli = world.cli
    if not json.loads(cli.okay("release", "history", "hub", "--env", "staging", "--json")):
        cli.okay("release", "deploy", "hub", "--env", "staging", *box.reach())


def migrator(world: World, pg: PgServer) -> str:  # noqa: F811
    names = files.database_names("hub")
    return (f"host=127.0.0.1 port={pg.port} dbname={names.database} user={names.migrator} "
            f"password={world.secret('migrator')}")


def notes(world: World, pg: PgServer, sql: str = "") -> list[int]:  # noqa: F811
    with psycopg.connect(migrator(world, pg), autocommit=True) as conn:
        if sql:
            conn.execute(sql)
        return [row[0] for row in conn.execute("SELECT id FROM notes ORDER BY id").fetchall()]


def open_backups(pane: DeployPane, qtbot: Any, box: Box) -> BackupActions:  # noqa: F811
    """Staging chosen, its servers named in Reach servers at, the Backups tab shown and read."""
    actions = pane.backup_actions
    choose(pane, qtbot, "staging")
    pane.releases.reach_field.setPlainText("\n".join(box.reach()[1::2]))
    with qtbot.waitSignal(actions.listed, timeout=120_000) as blocker:
        pane.tabs.setCurrentWidget(actions.page)
    assert not isinstance(blocker.args[0], Exception), blocker.args[0]
    wait_until(qtbot, lambda: actions.reading is None, 120_000)  # a deploy's news reads it again
    return actions


def cell(actions: BackupActions, backup: str, column: int) -> str:
    item = actions.page.item_of(backup)
    assert item is not None, backup
    return plain(item.text(column))


def fits(pane: DeployPane, qtbot: Any) -> None:
    """No text of the window is cut short, small or large."""
    window = pane.window()
    for width, height in ((834, 560), (1180, 760)):
        window.resize(width, height)
        QApplication.processEvents()
        qtbot.wait(30)
        assert not clipped_text(window), clipped_text(window)


def idle(actions: BackupActions) -> bool:
    return actions.page.isEnabled() and actions.tab.running is None


def take(actions: BackupActions, qtbot: Any) -> str:
    """Back up now, from the pane: the new backup's id, once it is listed and chosen."""
    with qtbot.waitSignal(actions.listed, timeout=WORK_TIMEOUT,
                          check_params_cb=lambda v: not isinstance(v, Exception)), \
            qtbot.waitSignal(actions.created, timeout=WORK_TIMEOUT) as blocker:
        actions.create_button.click()
        assert not actions.create_button.isEnabled() and not actions.drill_button.isEnabled()
        assert not actions.tab.deploy_button.isEnabled()
    taken = blocker.args[0]
    assert isinstance(taken, dict), taken
    wait_until(qtbot, lambda: actions.page.chosen() is not None
               and actions.page.chosen().id == taken["id"])  # type: ignore[union-attr]
    return str(taken["id"])


def test_a_backup_taken_from_the_pane_is_listed_and_a_drill_of_it_matches(
        world: World, box: Box, pane: DeployPane, qtbot: Any,  # noqa: F811
        languages: LanguageController) -> None:
    deployed(world, box)
    actions = open_backups(pane, qtbot, box)
    page = actions.page
    before = [e.id for e in page.entries]
    first = next(e for e in page.entries if e.kind == "before-deploy" and e.release == 1)
    assert cell(actions, first.id, KIND) == "Before deploying release 1"
    assert not page.note.isVisibleTo(page)
    assert not actions.restore_button.isEnabled()  # nothing chosen yet

    backup = take(actions, qtbot)
    assert backup not in before and backup.endswith("-manual")
    assert (cell(actions, backup, KIND), cell(actions, backup, STATE)) == ("Taken by hand",
                                                                           "Recorded")
    assert [plain(line) for line in page.log.texts()] == ["Back up the database: done"]
    said = plain(page.message.text())
    assert said.startswith(f"Backup {backup} of hub/staging is taken: ") and " tables, " in said
    assert actions.restore_button.isEnabled() and actions.drill_button.isEnabled()

    with qtbot.waitSignal(actions.drilled, timeout=WORK_TIMEOUT) as blocker:
        actions.drill_button.click()
    entry, report = blocker.args[0]
    assert entry.id == backup and report.ok, report
    dialog = actions.dialog
    assert isinstance(dialog, DrillDialog) and dialog.isVisible()
    assert plain(dialog.verdict.text()) == (f"Drill of backup {backup}: the rows of every table "
                                            f"match ({len(report.tables)} tables).")
    rows = {plain(dialog.table.topLevelItem(i).text(0)): [
        plain(dialog.table.topLevelItem(i).text(c)) for c in (1, 2, 3)]
        for i in range(dialog.table.topLevelItemCount())}
    assert rows["public.alembic_version"] == ["1", "1", "Match"]
    assert all(verdict == "Match" for _e, _r, verdict in rows.values())
    assert dialog.grab().save(str(SHOTS / "s20-bk-drill-en.png"))
    dialog.buttons.button(dialog.buttons.StandardButton.Close).click()
    wait_until(qtbot, lambda: idle(actions) and cell(actions, backup, LAST).startswith(
        "Drill matched "), 60_000)
    assert plain(page.log.texts()[-1]) == "Rehearse a restore in a scratch database: done"

    # A daily dump the server's timer made (found on the server only) and a recorded dump
    # whose file is gone (MISSING: neither restored nor drilled).
    taken = box.srv / page.chosen().path.removeprefix("/srv/")  # type: ignore[union-attr]
    daily = taken.with_name("20250101T023000Z-scheduled.dump")
    shutil.copyfile(taken, daily)
    os.chown(daily, box.account.uid, box.account.gid)
    (box.srv / first.path.removeprefix("/srv/")).unlink()
    qtbot.wait(1_500)  # the drill's journal event reads the list once more: let it
    wait_until(qtbot, lambda: actions.reading is None, 60_000)
    with qtbot.waitSignal(actions.listed, timeout=120_000):
        actions.load()
    assert (cell(actions, daily.stem, KIND), cell(actions, daily.stem, STATE)) == (
        "Daily", "On the server only")
    assert cell(actions, first.id, STATE) == "MISSING on the server"
    page.table.setCurrentItem(page.item_of(first.id))
    assert not actions.restore_button.isEnabled() and not actions.drill_button.isEnabled()
    page.table.setCurrentItem(page.item_of(backup))
    assert actions.restore_button.isEnabled() and actions.drill_button.isEnabled()
    wait_until(qtbot, lambda: actions.reading is None and not page.note.isVisibleTo(page), 60_000)
    fits(pane, qtbot)
    assert pane.window().grab().save(str(SHOTS / "s20-bk-backups-en.png"))
    languages.apply("ar")
    wait_until(qtbot, lambda: cell(actions, backup, KIND) == "يدوية")
    fits(pane, qtbot)
    assert page.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert cell(actions, backup, STATE) == "مسجّلة"
    assert cell(actions, first.id, STATE) == "مفقودة من الخادم"
    assert cell(actions, backup, LAST).startswith("تطابق التمرين ")
    assert plain(actions.create_button.text()) == "&خذ نسخة احتياطية الآن"
    assert pane.window().grab().save(str(SHOTS / "s20-bk-backups-ar.png"))
    languages.apply("en")

    # Out of reach (no address named: the servers' public addresses answer nothing here):
    # the console's records, said as such; nothing to restore or drill.
    pane.releases.reach_field.setPlainText("")
    with qtbot.waitSignal(actions.listed, timeout=180_000, check_params_cb=lambda v: getattr(
            v, "unreached", None) is not None) as blocker:
        actions.load()  # after any reading under way
    view = blocker.args[0]
    assert view.unreached, view
    assert plain(page.note.text()).startswith("The database server was not reached (")
    assert page.note.isVisibleTo(page)
    assert cell(actions, backup, STATE) == "Recorded, not checked"
    page.table.setCurrentItem(page.item_of(backup))
    assert not actions.restore_button.isEnabled() and not actions.drill_button.isEnabled()


def test_a_restore_from_the_pane_brings_the_database_back_to_the_backup(
        world: World, box: Box, pane: DeployPane, qtbot: Any, pg_server: PgServer,  # noqa: F811
        languages: LanguageController) -> None:
    deployed(world, box)
    assert notes(world, pg_server, "DROP TABLE IF EXISTS notes; CREATE TABLE notes "
                                   "(id int PRIMARY KEY); INSERT INTO notes VALUES (1), (2)") == [1, 2]
    actions = open_backups(pane, qtbot, box)
    backup = take(actions, qtbot)
    assert notes(world, pg_server, "INSERT INTO notes VALUES (3)") == [1, 2, 3]
    entry = actions.page.chosen()
    assert entry is not None and entry.id == backup

    # Cancelled: nothing happens.
    actions.restore_button.click()
    box_ = actions.dialog
    assert isinstance(box_, QMessageBox) and box_.isVisible()
    english, arabic = consequences(entry, "hub", "staging")
    assert box_.text() == english and "every change written after" in english
    box_.button(QMessageBox.StandardButton.Cancel).click()
    assert actions.tab.running is None and notes(world, pg_server) == [1, 2, 3]

    actions.restore_button.click()
    asked = actions.dialog
    assert isinstance(asked, QMessageBox)
    go = next(b for b in asked.buttons() if asked.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    with qtbot.waitSignal(actions.restored, timeout=WORK_TIMEOUT) as blocker:
        go.click()
        assert actions.tab.running == ("hub", "staging")
        assert not actions.restore_button.isEnabled() and not actions.tab.deploy_button.isEnabled()
    result = blocker.args[0]
    assert getattr(result, "outcome", result) == "restored", result
    wait_until(qtbot, lambda: idle(actions) and cell(actions, backup, LAST).startswith(
        "Restored "), 120_000)
    assert notes(world, pg_server) == [1, 2]  # the row written after the backup is gone
    assert [plain(line) for line in actions.page.log.texts()] == [
        f"Stop the platform on {APP}: done", "Restore the database backup: done",
        f"Restart the platform on {APP}: done", f"Check health on {APP}: done"]
    assert plain(actions.page.message.text()) == (
        f"Backup {backup} is restored on hub/staging: everything written after it is gone.")

    # In Arabic: the confirmation says the consequence in Arabic, right to left.
    languages.apply("ar")
    wait_until(qtbot, lambda: plain(actions.restore_button.text()) == "ا&ستعد…")
    assert plain(actions.page.log.texts()[0]) == f"إيقاف المنصة على {APP}: تمّ"
    actions.page.table.setCurrentItem(actions.page.item_of(backup))
    actions.restore_button.click()
    shown = actions.dialog
    assert isinstance(shown, QMessageBox)
    qtbot.waitExposed(shown)
    assert shown.text() == arabic and shown.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert shown.grab().save(str(SHOTS / "s20-bk-restore-ar.png"))
    shown.button(QMessageBox.StandardButton.Cancel).click()
    languages.apply("en")
    actions.restore_button.click()
    shown = actions.dialog
    assert isinstance(shown, QMessageBox)
    qtbot.waitExposed(shown)
    assert shown.grab().save(str(SHOTS / "s20-bk-restore-en.png"))
    shown.button(QMessageBox.StandardButton.Cancel).click()


@pytest.mark.parametrize("user", ["op"])
def test_a_governed_restore_waits_for_the_owner_then_restore_approved_backup_restores(
        world: World, box: Box, pane: DeployPane, qtbot: Any, pg_server: PgServer) -> None:  # noqa: F811
    cli = world.cli
    deployed(world, box)
    if "op" not in cli.okay("users", "list"):
        cli.okay("users", "add", "op", "--name", "Omar", "--role", "OPERATOR")
    if "operator-restore" not in cli.okay("governance", "show"):
        stricter = world.home / "constitution-restores.yaml"
        default = (resources_dir() / "constitution" / "default.yaml").read_text(encoding="utf-8")
        stricter.write_text(default + RULE, encoding="utf-8")
        proposal = cli.call("governance", "propose", str(stricter), "--why", "restores",
                            "--json")
        assert proposal.returncode == 3, proposal.stdout + proposal.stderr
        cli.okay("approvals", "approve", json.loads(proposal.stdout)["approval"], "--reason",
                 "restores")
    notes(world, pg_server, "DROP TABLE IF EXISTS notes; CREATE TABLE notes (id int PRIMARY "
                            "KEY); INSERT INTO notes VALUES (10)")
    actions = open_backups(pane, qtbot, box)
    backup = take(actions, qtbot)
    assert notes(world, pg_server, "INSERT INTO notes VALUES (11)") == [10, 11]

    actions.restore_button.click()
    asked = actions.dialog
    assert isinstance(asked, QMessageBox)
    go = next(b for b in asked.buttons() if asked.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    with qtbot.waitSignal(actions.restored, timeout=WORK_TIMEOUT) as blocker:
        go.click()
    request = blocker.args[0]
    assert isinstance(request, ApprovalRequest), request
    assert (request.action.context["plan_kind"], request.action.context["backup"]) == (
        "restore", backup)
    wait_until(qtbot, lambda: idle(actions))
    assert plain(actions.page.message.text()) == (
        f"Waiting for the owner's approval (request {request.id}).")
    assert actions.open_approvals.isVisible()
    assert notes(world, pg_server) == [10, 11]  # nothing restored while it waits

    workspace = workspace_of(pane)
    settle(qtbot, workspace.runner.run(lambda: workspace.governance.decide_now(
        request.id, "owner", True, "back to the backup")))
    wait_until(qtbot, lambda: actions.restore_button.text() == "Restore approved &backup", 30_000)
    assert plain(actions.page.message.text()) == (
        f"The owner approved request {request.id}: Restore approved backup restores it.")
    assert not actions.open_approvals.isVisible()
    with qtbot.waitSignal(actions.restored, timeout=WORK_TIMEOUT) as blocker:
        actions.restore_button.click()
    result = blocker.args[0]
    assert getattr(result, "outcome", result) == "restored", result
    wait_until(qtbot, lambda: idle(actions))
    assert notes(world, pg_server) == [10]
    assert actions.restore_button.text() == "Res&tore…"
