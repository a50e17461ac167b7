"""The Backups tab's life, as ``webnova backup list|create|restore|drill`` do it for the
chosen environment: the list read from the database server off the GUI thread (or the
console's records, said as such, when it is out of reach); "Back up now"; "Restore…" of the
chosen backup after a confirmation saying what is lost, governed like a deploy (a request
held for the owner shows the notice, then "Restore approved backup" goes ahead), its steps
logged live; "Drill" of the chosen (or newest) backup with each table's rows compared.

Servers are reached as the Releases tab's "Reach servers at" says. While any of this runs,
the Releases tab counts it as running (its ``running``), so no deploy, rollback or check
starts meanwhile, and no backup work starts while one of those runs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

from app.gui.background import BackgroundOp
from app.gui.deploy import backup_ops, operations
from app.gui.deploy.drill_dialog import DrillDialog, drill_verdict
from app.gui.deploy.releases_tab import Key, Waiting
from app.gui.deploy.texts import problem_text
from app.gui.formatting import fill, language, ltr
from app.gui.governance.approval_flow import utcnow
from app.gui.live_text import show_text
from app.gui.qt import QEvent, QMessageBox, QObject, QPushButton, Signal, is_alive
from app.gui.store_feed import follow
from app.services.approvals import ApprovalRequest, ApprovalState
from app.services.environment_backups import RESTORED, consequences

if TYPE_CHECKING:
    from app.gui.deploy.releases_tab import ReleasesTab
    from app.services.db_backups import DrillReport
    from app.services.environment_backups import BackupEntry, RestoreResult
    from app.services.release_deploy import Report

T = TypeVar("T")
RESTORE = "restore"


class BackupActions(QObject):
    listed = Signal(object)  # a BackupsView on screen, or an exception
    reported = Signal(object)  # a restore's Report, from the worker thread
    created = Signal(object)  # the backup taken (a dict) or an exception
    restored = Signal(object)  # a RestoreResult, an ApprovalRequest or an exception
    drilled = Signal(object)  # (BackupEntry, DrillReport) or an exception
    confirming = Signal(object)  # the restore confirmation, once shown

    def __init__(self, tab: ReleasesTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self.page = page = tab.backups
        self.pane = tab.pane
        self.doing: Key | None = None  # backup work of this tab runs for this environment
        self.reading: Key | None = None
        self.again = False  # read once more when the reading under way ends
        self.waiting: Waiting | None = None
        self.endings: dict[Key, Callable[[], str]] = {}
        self.logs: dict[Key, list[tuple[str, str, str]]] = {}
        self.select: str | None = None  # the backup to choose once listed (one just taken)
        self.dialog: QMessageBox | DrillDialog | None = None
        self.create_button = self._button("backupNowButton", self.create)
        self.restore_button = self._button("restoreBackupButton", self.restore)
        self.drill_button = self._button("drillBackupButton", self.drill)
        self.open_approvals = self._button("backupsOpenApprovals", self.pane.open_approvals)
        self.open_approvals.hide()
        self.reported.connect(lambda r: self.page.log.report(r.step, r.state, r.message))
        page.table.currentItemChanged.connect(lambda _now, _before: tab._update())
        tab.updated.connect(self._sync)
        self.pane.environments.chosen.connect(lambda _row: self._chosen())
        self.pane.session.workspace_changed.connect(lambda _w: self._forget())
        page.installEventFilter(self)
        follow(page, self.pane.session.feed, self.load, {"db-backups", "release-deploy"})
        follow(page, self.pane.session.feed, self._check_request, {"approval"})
        self.retranslate()

    def _button(self, name: str, clicked: Callable[[], None]) -> QPushButton:
        button = QPushButton(self.page)
        button.setObjectName(name)
        button.clicked.connect(clicked)
        self.tab.add_backup_action(button)
        return button

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.page:
            if event.type() == QEvent.Type.Show:
                self.load()
            elif event.type() == QEvent.Type.LanguageChange:
                self.retranslate()
        return False

    # ------------------------------------------------------------------ state
    def _approved(self) -> Waiting | None:
        waiting = self.waiting
        if waiting is not None and waiting.approved and waiting.key == self.tab.key():
            return waiting
        return None

    def _sync(self) -> None:
        """After the Releases tab enabled the controls (nothing runs): Restore needs a
        backup on the server chosen (or an approved request), Drill one on the server."""
        approved = self._approved()
        self.restore_button.setText(self.tr("Restore approved &backup") if approved
                                    else self.tr("Res&tore…"))
        chosen = self.page.chosen()
        if approved is None and (chosen is None or not chosen.present):
            self.restore_button.setEnabled(False)
        if (chosen is not None and not chosen.present) or not any(
                e.present for e in self.page.entries):
            self.drill_button.setEnabled(False)
        if (self.again and self.tab.running is None and self.reading is None
                and self.page.isVisible()):
            self.load()  # what was asked while a deploy or a check ran

    def _forget(self) -> None:
        self.waiting, self.endings, self.logs = None, {}, {}
        self.page.show_view(None)
        self._describe()

    def _chosen(self) -> None:
        key, view = self.tab.key(), self.page.view
        if view is not None and (view.platform, view.environment) != key:
            self.page.show_view(None)
            self.page.note.hide()
        self._describe()
        if self.page.isVisible():
            self.load()

    def _describe(self) -> None:
        key = self.tab.key()
        if self.doing is not None and self.doing == key:
            return
        waiting = self.waiting
        if key is not None and key in self.endings:
            show_text(self.page.message, self.endings[key])
        elif waiting is not None and waiting.key == key:
            request = ltr(waiting.request)
            show_text(self.page.message, (lambda: fill(self.tr(
                "The owner approved request %1: Restore approved backup restores it."), request))
                if waiting.approved else (lambda: fill(self.tr(
                    "Waiting for the owner's approval (request %1)."), request)))
        else:
            self.page.message.clear()
        self.open_approvals.setVisible(waiting is not None and waiting.key == key
                                       and not waiting.approved)
        self.page.log.show_lines(self.logs.get(key, []) if key is not None else [])
        self.tab._update()

    # ------------------------------------------------------------------ listing
    def load(self) -> None:
        workspace, key = self.pane.workspace, self.tab.key()
        if workspace is None or key is None or workspace.cloud is None:
            return
        if self.tab.running is not None or self.reading is not None:
            self.again = True  # read once what runs or is read now is done
            return
        self.again = False
        reach = self.tab.reach()
        if reach is None:
            show_text(self.page.note, lambda: self.tr(
                "Reach servers at (in the Releases tab) has a mistake: correct it to read the "
                "backups."))
            self.page.note.show()
            return
        self.reading = key
        where = ltr(f"{key[0]}/{key[1]}")
        show_text(self.page.note, lambda: fill(self.tr("Reading the backups of %1 on its "
                                                       "database server…"), where))
        self.page.note.show()

        def shown(view: backup_ops.BackupsView) -> None:
            if workspace is not self.pane.workspace or self.tab.key() != key:
                return
            self.page.show_view(view)
            if self.select is not None and (item := self.page.item_of(self.select)):
                self.page.table.setCurrentItem(item)
            self.select = None
            unreached = view.unreached
            if unreached is None:
                self.page.note.hide()
            else:
                show_text(self.page.note, lambda: fill(self.tr(
                    "The database server was not reached (%1). These are the backups this "
                    "console recorded: whether each file is still there is unknown, and the "
                    "daily ones are not listed. Name the servers' addresses in Reach servers "
                    "at, in the Releases tab."), unreached))
            self.tab._update()
            self.listed.emit(view)

        def failed(exc: BaseException) -> None:
            if self.tab.key() == key:
                text = problem_text(exc)
                show_text(self.page.note, lambda: fill(self.tr("The backups could not be "
                                                               "read: %1"), text))
            self.listed.emit(exc)

        def done() -> None:
            self.reading = None
            if self.again and self.page.isVisible():
                self.load()

        BackgroundOp(self.page, lambda: backup_ops.read_backups(workspace, *key, reach)).success(
            shown).failure(failed).finished(done).run()

    # ------------------------------------------------------------------ running
    def _run(self, key: Key, starting: Callable[[], str], work: Callable[[], Awaitable[T]],
             ended: Callable[[T], None], failed: Callable[[BaseException], None]) -> None:
        """Run backup work on the environment's servers; nothing else runs in the tabs
        meanwhile, and the backups are read again after."""
        if self.tab.running is not None:
            return
        self.tab.running = self.doing = key
        self.endings.pop(key, None)
        self.pane.error.hide()
        self.open_approvals.hide()
        self.page.log.clear()
        show_text(self.page.message, starting)
        self.tab._update()

        def done() -> None:
            self.tab.running = self.doing = None
            self.logs[key] = list(self.page.log.lines)
            self._describe()
            self.tab._describe()
            self.tab.refresh()
            self.load()

        BackgroundOp(self.page, work).success(ended).failure(failed).finished(done).run()

    def _where(self) -> tuple[Any, Key, Any] | None:
        workspace, key, reach = self.pane.workspace, self.tab.key(), self.tab.reach()
        if workspace is None or key is None or reach is None:
            return None
        return workspace, key, reach

    def create(self) -> None:
        found = self._where()
        if found is None:
            return
        workspace, key, reach = found
        where = ltr(f"{key[0]}/{key[1]}")

        def ended(taken: dict[str, Any]) -> None:
            self.page.log.report("backup", "done")
            backup, tables, rows = ltr(str(taken["id"])), int(taken["tables"]), int(taken["rows"])
            self.endings[key] = lambda: fill(self.tr(
                "Backup %1 of %2 is taken: %3 tables, %4 rows."), backup, where, tables, rows)
            self.select = str(taken["id"])
            self.created.emit(taken)

        def failed(exc: BaseException) -> None:
            text = problem_text(exc)
            self.page.log.report("backup", "failed", text)
            self.endings[key] = lambda: fill(self.tr("No backup was taken: %1"), text)
            self.created.emit(exc)

        self._run(key, lambda: fill(self.tr("Backing up the database of %1…"), where),
                  lambda: backup_ops.create(workspace, *key, reach), ended, failed)
        if self.doing == key:
            self.page.log.report("backup", "started")

    def drill(self) -> None:
        found = self._where()
        if found is None:
            return
        workspace, key, reach = found
        chosen = self.page.chosen()
        backup = chosen.id if chosen is not None else None
        named = ltr(backup) if backup is not None else None

        def ended(done: tuple[BackupEntry, DrillReport]) -> None:
            entry, report = done
            self.page.log.report("drill", "done" if report.ok else "failed")
            self.endings[key] = lambda: drill_verdict(entry, report)
            dialog = DrillDialog(entry, report, self.pane.window())
            self.dialog = dialog
            dialog.open()
            self.drilled.emit(done)

        def failed(exc: BaseException) -> None:
            text = problem_text(exc)
            self.page.log.report("drill", "failed", text)
            self.endings[key] = lambda: fill(self.tr("The drill failed: %1"), text)
            self.drilled.emit(exc)

        self._run(key, lambda: fill(self.tr("Rehearsing a restore of backup %1 in a scratch "
                                            "database…"), named) if named is not None else
                  self.tr("Rehearsing a restore of the newest backup in a scratch database…"),
                  lambda: backup_ops.drill(workspace, *key, backup, reach), ended, failed)
        if self.doing == key:
            self.page.log.report("drill", "started")

    # ------------------------------------------------------------------ restoring
    def restore(self) -> None:
        approved = self._approved()
        if approved is not None and approved.choice is not None:
            self._restore(approved.key, approved.choice)
            return
        key, entry = self.tab.key(), self.page.chosen()
        if key is None or entry is None or not entry.present:
            return
        english, arabic = consequences(entry, *key)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Restore a backup"),
                          arabic if language() == "ar" else english,
                          QMessageBox.StandardButton.Cancel, self.pane.window())
        box.setObjectName("restoreConfirmation")
        box.setInformativeText(self.tr("Where the constitution asks for it (production), the "
                                       "owner approves first; nothing is changed before."))
        go = box.addButton(self.tr("&Restore"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        backup = entry.id

        def clicked(button: object) -> None:
            if button is go:
                self._restore(key, backup)

        box.buttonClicked.connect(clicked)
        self.dialog = box
        box.open()
        self.confirming.emit(box)

    def _restore(self, key: Key, backup: str) -> None:
        found = self._where()
        if found is None or found[1] != key:
            return
        workspace, _key, reach = found
        where, named = ltr(f"{key[0]}/{key[1]}"), ltr(backup)

        def report(step: Report) -> None:  # on the worker thread
            if is_alive(self):
                self.reported.emit(step)

        def ended(result: RestoreResult | ApprovalRequest) -> None:
            if isinstance(result, ApprovalRequest):
                self.waiting = Waiting(result.id, key, None, kind=RESTORE, choice=backup)
                self.restored.emit(result)
                return
            if self.waiting is not None and self.waiting.key == key:
                self.waiting = None
            reason = result.reason
            if result.outcome == RESTORED:
                self.endings[key] = lambda: fill(self.tr(
                    "Backup %1 is restored on %2: everything written after it is gone."),
                    named, where)
            else:
                self.endings[key] = lambda: fill(self.tr(
                    "The restore of backup %1 on %2 failed: %3"), named, where, reason)
            self.restored.emit(result)

        def failed(exc: BaseException) -> None:
            text = problem_text(exc)
            self.endings[key] = lambda: fill(self.tr("Nothing was restored: %1"), text)
            self.restored.emit(exc)

        self._run(key, lambda: fill(self.tr("Restoring backup %1 on %2…"), named, where),
                  lambda: backup_ops.restore(workspace, *key, backup, reach, report),
                  ended, failed)

    # ------------------------------------------------------------------ approval
    def _check_request(self) -> None:
        workspace, waiting = self.pane.workspace, self.waiting
        if workspace is None or waiting is None or waiting.approved:
            return
        BackgroundOp(self.page, lambda: operations.approval(workspace, waiting.request)).success(
            lambda request: self._decided(waiting, request)).failure(
            self.pane.show_problem).run()

    def _decided(self, waiting: Waiting, request: ApprovalRequest) -> None:
        if self.waiting is not waiting:
            return
        state = request.state(utcnow())
        if state is ApprovalState.PENDING:
            return
        if state is ApprovalState.APPROVED:
            waiting.approved = True
        else:
            self.waiting = None
            named = ltr(request.id)
            self.endings[waiting.key] = {
                ApprovalState.REJECTED: lambda: fill(self.tr(
                    "The owner rejected request %1: nothing was restored."), named),
                ApprovalState.EXPIRED: lambda: fill(self.tr(
                    "Request %1 expired before the owner decided: nothing was restored."),
                    named),
            }.get(state, lambda: fill(self.tr("Request %1 was withdrawn: nothing was "
                                              "restored."), named))
        self._describe()

    # ------------------------------------------------------------------ language
    def retranslate(self) -> None:
        self.create_button.setText(self.tr("Bac&k up now"))
        self.create_button.setToolTip(self.tr("Dump the environment's database now, kept on "
                                              "its database server"))
        self.restore_button.setToolTip(self.tr(
            "Replace the environment's database with the chosen backup: everything written "
            "after it is lost; production waits for the owner's approval first"))
        self.drill_button.setText(self.tr("Dr&ill"))
        self.drill_button.setToolTip(self.tr(
            "Restore the chosen backup (none chosen: the newest) into a scratch database and "
            "compare each table's rows; the environment's database is not touched"))
        self.open_approvals.setText(self.tr("&Open Approvals"))
        self.open_approvals.setToolTip(self.tr("Show the request in the Approvals pane"))
        self._sync()
