""""Roll back…" beside Deploy in the Releases tab, as ``webnova release rollback`` does it:
back to the chosen release when it ran on the environment and is not the current one,
else to the release that ran before the current one (the confirmation says which). The
first try is made without a way back; when migrations ran since, the owner chooses one
(:class:`~app.gui.deploy.rollback_dialog.RollbackChoiceDialog`) and it is tried again with
it. Governed as a deploy: a request held for the owner shows the same notice, and
"Roll back (approved)" goes ahead once approved. The steps are logged live in the tab."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.gui.deploy import release_ops
from app.gui.deploy.releases_tab import Key, Waiting
from app.gui.deploy.rollback_dialog import RollbackChoiceDialog
from app.gui.deploy.texts import problem_text
from app.gui.formatting import fill, ltr
from app.gui.qt import QDialog, QEvent, QMessageBox, QPushButton, Signal
from app.services.approvals import ApprovalRequest
from app.services.release_rollback import RollbackChoiceNeededError

if TYPE_CHECKING:
    from app.gui.deploy.releases_tab import ReleasesTab
    from app.services.release_rollback import RollbackResult

ROLLBACK = "rollback"


class RollbackButton(QPushButton):
    rolled_back = Signal(object)  # a RollbackResult, an ApprovalRequest or an exception
    choosing = Signal(object)  # the RollbackChoiceDialog, once shown

    def __init__(self, tab: ReleasesTab) -> None:
        super().__init__(tab)
        self.setObjectName("rollbackButton")
        self.tab = tab
        self.dialog: QDialog | QMessageBox | None = None
        self.clicked.connect(self.start)
        tab.updated.connect(self._sync)
        tab.add_release_action(self)
        self.retranslate()

    def target(self) -> tuple[int, bool] | None:
        """The release to go back to and whether it is the chosen one (None: nothing to
        go back to here)."""
        view, key = self.tab.view, self.tab.key()
        if view is None or (view.platform, view.environment) != key:
            return None
        return release_ops.rollback_target(view, self.tab.chosen_release())

    def _approved(self) -> Waiting | None:
        waiting = self.tab.waiting
        if (waiting is not None and waiting.kind == ROLLBACK and waiting.approved
                and waiting.key == self.tab.key()):
            return waiting
        return None

    def _sync(self) -> None:
        """After the tab enabled its controls: say whether the owner approved, and stay
        disabled when there is nothing to go back to."""
        approved = self._approved()
        self.setText(self.tr("Roll back (&approved)") if approved else self.tr("Roll &back…"))
        if approved is None and self.target() is None:
            self.setEnabled(False)

    # ------------------------------------------------------------------ asking
    def start(self) -> None:
        approved = self._approved()
        if approved is not None and approved.release is not None:
            self._run(approved.key, approved.release, approved.choice)
            return
        key, found, view = self.tab.key(), self.target(), self.tab.view
        if key is None or found is None or view is None or view.current is None:
            return
        target, chosen = found
        where, current = ltr(f"{key[0]}/{key[1]}"), view.current
        text = fill(self.tr("Roll %1 back from release %2 to release %3, the release chosen "
                            "above?") if chosen else
                    self.tr("Roll %1 back from release %2 to release %3, the release that ran "
                            "before it?"), where, current, target)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Roll back"), text,
                          QMessageBox.StandardButton.Cancel, self.tab.pane.window())
        box.setObjectName("rollbackConfirmation")
        go = box.addButton(self.tr("&Roll back"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def clicked(button: object) -> None:
            if button is go:
                self._run(key, target, None)

        box.buttonClicked.connect(clicked)
        self.dialog = box
        box.open()

    def _choose(self, key: Key, exc: RollbackChoiceNeededError) -> None:
        plan = exc.plan
        self.tab.endings[key] = lambda: fill(self.tr(
            "Migrations ran on %1 since release %2: choose how to go back."),
            ltr(f"{key[0]}/{key[1]}"), plan.target)
        dialog = RollbackChoiceDialog(plan, self.tab.pane.window())
        dialog.accepted.connect(lambda: self._run(key, plan.target, dialog.choice()))
        dialog.rejected.connect(lambda: self._not_chosen(key))
        self.dialog = dialog
        dialog.open()
        self.choosing.emit(dialog)

    def _not_chosen(self, key: Key) -> None:
        self.tab.endings[key] = lambda: self.tr("Nothing was rolled back: no way back was "
                                                "chosen.")
        self.tab._describe()

    # ------------------------------------------------------------------ running
    def _run(self, key: Key, target: int, choice: str | None) -> None:
        workspace, reach = self.tab.pane.workspace, self.tab.reach()
        if workspace is None or reach is None or self.tab.key() != key:
            return
        self.tab.start_remote(
            key, lambda: fill(self.tr("Rolling %1 back to release %2…"),
                              ltr(f"{key[0]}/{key[1]}"), target),
            lambda report: release_ops.rollback(workspace, *key, target, choice, reach, report),
            lambda result: self._ended(key, target, choice, result),
            lambda exc: self._failed(key, exc))

    def _ended(self, key: Key, target: int, choice: str | None,
               result: RollbackResult | ApprovalRequest) -> None:
        tab = self.tab
        if isinstance(result, ApprovalRequest):
            tab.waiting = Waiting(result.id, key, target, kind=ROLLBACK, choice=choice)
            self.rolled_back.emit(result)
            return
        if tab.waiting is not None and tab.waiting.key == key:
            tab.waiting = None
        where, reason = ltr(f"{key[0]}/{key[1]}"), result.reason
        release, previous, way = result.release, result.previous, result.choice
        if result.outcome == "deployed":
            tab.endings[key] = lambda: fill(self.tr("%1 is rolled back to release %2 (was %3): "
                                                    "%4"), where, release, previous,
                                            self.way_text(way))
        elif result.outcome == "switched_back":
            tab.endings[key] = lambda: fill(self.tr(
                "Release %1 was not healthy on %2 after the rollback, so %2 went back to "
                "release %3: %4"), release, where, previous, reason)
        else:
            tab.endings[key] = lambda: fill(self.tr("The rollback of %1 to release %2 failed: "
                                                    "%3"), where, release, reason)
        self.rolled_back.emit(result)

    def way_text(self, way: str) -> str:
        return {"downgrade": self.tr("the database was migrated down."),
                "restore": self.tr("the database backup was restored.")}.get(
            way, self.tr("no migration ran since, the database was not touched."))

    def _failed(self, key: Key, exc: BaseException) -> None:
        if isinstance(exc, RollbackChoiceNeededError):
            self._choose(key, exc)
        else:
            text = problem_text(exc)
            self.tab.endings[key] = lambda: fill(self.tr("Not rolled back: %1"), text)
        self.rolled_back.emit(exc)

    # ------------------------------------------------------------------ language
    def retranslate(self) -> None:
        self.setToolTip(self.tr("Go back to the release chosen above if it ran here, else to "
                                "the release that ran before the current one; production "
                                "waits for the owner's approval first"))
        self._sync()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
