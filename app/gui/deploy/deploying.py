"""Applying from the Deploy pane, as ``webnova deploy`` does: Apply (or Request approval)
beside Plan; the owner's pending request followed live until it is decided, when the button
becomes "Apply approved plan"; live progress with Cancel; a failed step with Retry and Roll
back; an interrupted deployment with Resume; the environment's history with "Roll back to
this"; Check drift; Destroy environment… with its confirmations.

Every service call runs off the GUI thread (:mod:`app.gui.deploy.operations`); step
reports come back from the worker thread through a queued Qt signal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.domain.cloud.journal import Outcome as RunOutcome
from app.gui.background import BackgroundOp
from app.gui.deploy import operations
from app.gui.deploy.apply_panel import ApplyPanel
from app.gui.deploy.destroy_dialog import ConfirmDataDialog, DestroyDialog
from app.gui.deploy.drift_view import DriftView
from app.gui.deploy.environments import EnvironmentRow, EnvironmentStatus, Standing
from app.gui.deploy.history_view import DeploymentHistory
from app.gui.deploy.operations import DESTROY, ROLLBACK, PlanKind
from app.gui.deploy.texts import step_words
from app.gui.formatting import fill, ltr
from app.gui.governance.approval_flow import utcnow
from app.gui.qt import QEvent, QMessageBox, QObject, QPushButton, Signal, is_alive
from app.gui.store_feed import follow
from app.services.approvals import ApprovalRequest, ApprovalState

if TYPE_CHECKING:
    from app.domain.cloud.drift import Drift
    from app.gui.deploy.pane import DeployPane
    from app.services.deploy_apply import ApplyResult, StepReport

Key = tuple[str, str]


@dataclass
class Waiting:
    """A plan held for the owner's decision: the request, the environment, the plan's hash."""

    request: str
    key: Key
    plan_hash: str
    approved: bool = False


@dataclass
class Run:
    key: Key
    cancel: threading.Event
    steps: list[str]  # the plan's step ids, as far as known before the first report


class Deploying(QObject):
    reported = Signal(object)  # a StepReport, from the worker thread
    finished = Signal(object)  # an ApplyResult, an ApprovalRequest or an exception, on screen
    drift_checked = Signal(object)  # a Drift, on screen

    def __init__(self, pane: DeployPane) -> None:
        super().__init__(pane)
        self.pane = pane
        self.apply_button = QPushButton(pane)
        self.apply_button.setObjectName("applyButton")
        self.apply_button.clicked.connect(self.apply)
        pane.add_plan_action(self.apply_button)
        self.drift_button = QPushButton(pane)
        self.drift_button.clicked.connect(self.check_drift)
        self.destroy_button = QPushButton(pane)
        self.destroy_button.clicked.connect(self.destroy)
        pane.environment_actions.addWidget(self.drift_button)
        pane.environment_actions.addWidget(self.destroy_button)
        pane.environment_actions.addStretch(1)
        self.panel = ApplyPanel(pane)
        pane.details_layout.insertWidget(pane.details_layout.indexOf(pane.error) + 1, self.panel)
        self.history = DeploymentHistory(pane)
        self.drift_view = DriftView(pane)
        pane.tabs.addTab(self.history, "")
        pane.tabs.addTab(self.drift_view, "")
        self.running: Run | None = None
        self.waiting: Waiting | None = None
        self.needs_owner = False  # the plan on screen goes to the owner first
        self.last: tuple[Key, Callable[[], None]] | None = None  # the latest run's ending
        self.drifts: dict[Key, Drift] = {}
        self.checking: Key | None = None
        self.dialog: Any = None  # the confirmation or destroy dialog open now
        self.reported.connect(self._reported)
        self.panel.cancel.clicked.connect(self.cancel)
        self.panel.retry.clicked.connect(self.resume)
        self.panel.resume.clicked.connect(self.resume)
        self.panel.rollback.clicked.connect(lambda: self.governed(PlanKind(ROLLBACK)))
        self.panel.open_approvals.clicked.connect(pane.open_approvals)
        self.history.rollback_to.connect(lambda n: self.governed(PlanKind(ROLLBACK, to=n)))
        pane.environments.chosen.connect(self._chosen)
        pane.listed.connect(self._listed)
        pane.planned.connect(lambda _priced: self._plan_shown())
        pane.session.workspace_changed.connect(lambda _w: self._forget())
        follow(self.panel, pane.session.feed, self._check_request, {"approval"})
        pane.installEventFilter(self)
        self.retranslate()

    # ------------------------------------------------------------------ state
    def key(self) -> Key | None:
        row = self.pane.environments.current()
        return row.key if row is not None else None

    def standing(self, key: Key | None) -> Standing:
        listing = self.pane.listing
        found = listing.statuses.get(key) if listing is not None and key is not None else None
        return found or Standing(EnvironmentStatus.NOT_DEPLOYED)

    def _forget(self) -> None:
        self.waiting = None
        self.last = None
        self.drifts = {}
        self.panel.clear()
        self.history.show_history([])
        self.drift_view.show_drift(None)

    def _update(self) -> None:
        key = self.key()
        standing = self.standing(key)
        idle = self.running is None and self.pane.planning is None
        deployed = standing.status is not EnvironmentStatus.NOT_DEPLOYED
        self.drift_button.setEnabled(idle and deployed and self.checking is None)
        self.destroy_button.setEnabled(idle and deployed)
        self.apply_button.setEnabled(idle and self.pane.current_plan() is not None)
        self._label()

    def _label(self) -> None:
        shown = self.pane.current_plan()
        waiting = self.waiting
        if (waiting is not None and waiting.approved and shown is not None
                and shown[1].plan.hash == waiting.plan_hash):
            self.apply_button.setText(self.tr("Appl&y approved plan"))
        elif self.needs_owner and shown is not None:
            self.apply_button.setText(self.tr("Request appro&val"))
        else:
            self.apply_button.setText(self.tr("Appl&y"))

    # ------------------------------------------------------------------ the environment
    def _chosen(self, row: EnvironmentRow | None) -> None:
        key = row.key if row is not None else None
        self.drift_view.show_drift(self.drifts.get(key) if key is not None else None)
        self._load_history()
        self._describe()

    def _listed(self) -> None:
        kept = self.pane.environments.drift
        self.drifts = {k: d for k, d in self.drifts.items() if k in kept}
        key = self.key()
        self.drift_view.show_drift(self.drifts.get(key) if key is not None else None)
        self._load_history()
        self._describe()

    def _load_history(self) -> None:
        workspace, key = self.pane.workspace, self.key()
        if workspace is None or key is None or workspace.cloud is None:
            self.history.show_history([])
            return

        def shown(deployments: list[Any]) -> None:
            if self.key() == key:
                self.history.show_history(deployments)

        BackgroundOp(self, lambda: operations.history(workspace, *key)).success(shown).failure(
            self.pane.show_problem).run()

    def _describe(self) -> None:
        """What the panel says of the chosen environment when nothing runs."""
        self._update()
        if self.running is not None:
            return
        key = self.key()
        waiting = self.waiting
        if waiting is not None and waiting.key == key:
            self._say_waiting(waiting)
            return
        if self.last is not None and self.last[0] == key:
            self.last[1]()
            return
        standing = self.standing(key)
        if standing.status is EnvironmentStatus.STOPPED:
            self.panel.clear()
            self.panel.say(lambda: fill(self.tr("Deployment #%1 stopped at step %2: %3"),
                                        standing.number, step_words(standing.failed_step),
                                        standing.error))
            self.panel.offer(self.panel.retry, self.panel.rollback)
        elif standing.status is EnvironmentStatus.INTERRUPTED:
            self.panel.clear()
            self.panel.say(lambda: fill(self.tr(
                "Deployment #%1 was interrupted (the console stopped during a step). Resume "
                "it: what the step made is found by its labels, nothing is made twice."),
                standing.number))
            self.panel.offer(self.panel.resume)
        elif standing.status is EnvironmentStatus.RUNNING:
            self.panel.clear()
            self.panel.say(lambda: fill(self.tr(
                "Deployment #%1 is being applied by another console right now; this one waits "
                "until it is done."), standing.number))
        else:
            self.panel.clear()

    # ------------------------------------------------------------------ applying
    def _plan_shown(self) -> None:
        self.needs_owner = False
        self._update()
        workspace, shown = self.pane.workspace, self.pane.current_plan()
        if workspace is None or shown is None or shown[1].plan.empty:
            return
        doc = operations.document(workspace, shown[1], self.pane.plan_kind)

        def judged(needed: bool) -> None:
            if self.pane.current_plan() is shown:
                self.needs_owner = needed
                self._label()

        BackgroundOp(self, lambda: operations.needs_approval(workspace, doc)).success(
            judged).failure(self.pane.show_problem).run()

    def apply(self) -> None:
        workspace, shown = self.pane.workspace, self.pane.current_plan()
        if workspace is None or shown is None or self.running is not None:
            return
        request, priced = shown
        doc = operations.document(workspace, priced, self.pane.plan_kind)
        if not priced.plan.destroys_data:
            self._start(doc, (request.platform, request.environment))
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Apply a plan that destroys data"),
                          fill(self.tr("Some steps of this plan delete %1 with its data, for "
                                       "good. Apply it?"), ltr(f"{request.platform}/"
                                                               f"{request.environment}")),
                          QMessageBox.StandardButton.Cancel, self.pane.window())
        go = box.addButton(self.tr("Apply and &delete the data"),
                           QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setObjectName("destroysDataConfirmation")
        box.buttonClicked.connect(lambda button: button is go and self._start(
            doc, (request.platform, request.environment)))
        self.dialog = box
        box.open()

    def _start(self, doc: dict[str, Any], key: Key) -> None:
        workspace = self.pane.workspace
        if workspace is None or self.running is not None:
            return
        cancel = threading.Event()
        self.panel.clear()
        steps = [f"{s['action']}:{s['kind']}:{s['name']}" for s in doc.get("steps", [])]
        self.panel.say(lambda: fill(self.tr("Checking the plan against the cloud, then applying "
                                            "it to %1…"), ltr(f"{key[0]}/{key[1]}")))
        self._run(key, cancel, lambda report: operations.apply(workspace, doc, report, cancel),
                  steps, str(doc.get("hash", "")))

    def resume(self) -> None:
        workspace = self.pane.workspace
        key = self.last[0] if self.last is not None else self.key()
        if workspace is None or key is None or self.running is not None:
            return
        cancel = threading.Event()
        self.panel.clear()
        self.panel.say(lambda: fill(self.tr("Going on with %1 from its journal…"),
                                    ltr(f"{key[0]}/{key[1]}")))
        self._run(key, cancel, lambda report: operations.resume(workspace, *key, report, cancel),
                  [], "")

    def _run(self, key: Key, cancel: threading.Event, work: Callable[[Any], Any],
             steps: list[str], plan_hash: str) -> None:
        self.running = Run(key, cancel, steps)
        self.last = None
        self.pane.applying = True
        self.pane._update()
        self._update()
        self.panel.offer(self.panel.cancel)
        self.panel.cancel.setEnabled(True)

        def report(step: StepReport) -> None:  # on the worker thread
            if is_alive(self):
                self.reported.emit(step)

        def done() -> None:
            self.running = None
            self.pane.applying = False
            self.pane._update()
            self._update()

        BackgroundOp(self, lambda: work(report)).success(
            lambda result: self._ended(key, result, plan_hash)).failure(
            lambda exc: self._refused(exc)).finished(done).run()

    def _reported(self, report: StepReport) -> None:
        run = self.running
        if run is None:
            return
        if self.panel.steps.count() != report.total and len(run.steps) == report.total:
            self.panel.start_steps(run.steps)
        self.panel.report(report.index, report.total, report.step, report.state, report.message)
        key = run.key
        if not run.cancel.is_set():
            self.panel.say(lambda: fill(self.tr("Applying %1: step %2 of %3."),
                                        ltr(f"{key[0]}/{key[1]}"), report.index, report.total))

    def cancel(self) -> None:
        if self.running is None:
            return
        self.running.cancel.set()
        self.panel.cancel.setEnabled(False)
        self.panel.say(lambda: self.tr("Cancelling after the step under way…"))

    def _ended(self, key: Key, result: ApplyResult | ApprovalRequest, plan_hash: str) -> None:
        if isinstance(result, ApprovalRequest):
            self.waiting = Waiting(result.id, key, plan_hash)
            self.panel.clear()
            self._say_waiting(self.waiting)
            self._label()
            self.finished.emit(result)
            return
        self.waiting = None
        done = result.done
        if result.outcome is RunOutcome.APPLIED:
            self.pane.take_down_plan()
            self.pane.environments.set_drift(key, None)
            self.drifts.pop(key, None)

            def ending() -> None:
                self.panel.say(lambda: fill(self.tr("Applied to %1 (steps done: %2)."),
                                            ltr(f"{key[0]}/{key[1]}"), done))
                self.panel.offer()
        elif result.outcome is RunOutcome.CANCELLED:
            def ending() -> None:
                self.panel.say(lambda: fill(self.tr(
                    "Cancelled between steps (steps done: %1). Plan again to see what is left."),
                    done))
                self.panel.offer()
        else:
            step, error = result.failed_step or "", result.error

            def ending() -> None:
                self.panel.say(lambda: fill(self.tr("Stopped at step %1: %2"),
                                            step_words(step), error))
                self.panel.offer(self.panel.retry, self.panel.rollback)
        self.last = (key, ending)
        ending()
        self.pane.refresh()
        self.finished.emit(result)

    def _refused(self, exc: BaseException) -> None:
        """Denied, a stale plan, a cloud that cannot be reached: nothing was applied."""
        self.panel.clear()
        self.pane.show_problem(exc)
        self.finished.emit(exc)

    # ------------------------------------------------------------------ approval
    def _say_waiting(self, waiting: Waiting) -> None:
        if waiting.approved:
            self.panel.say(lambda: fill(self.tr("The owner approved request %1: Apply approved "
                                                "plan applies it."), ltr(waiting.request)))
            self.panel.offer()
        else:
            self.panel.say(lambda: fill(self.tr("Waiting for the owner's approval (request %1)."),
                                        ltr(waiting.request)))
            self.panel.offer(self.panel.open_approvals)

    def _check_request(self) -> None:
        workspace, waiting = self.pane.workspace, self.waiting
        if workspace is None or waiting is None or waiting.approved:
            return
        BackgroundOp(self, lambda: operations.approval(workspace, waiting.request)).success(
            lambda request: self._decided(waiting, request)).failure(self.pane.show_problem).run()

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
            words = {ApprovalState.REJECTED: self.tr("The owner rejected request %1: nothing "
                                                     "was applied."),
                     ApprovalState.EXPIRED: self.tr("Request %1 expired before the owner "
                                                    "decided: nothing was applied."),
                     }.get(state, self.tr("Request %1 was withdrawn: nothing was applied."))
            self.pane.error.setText(fill(words, ltr(request.id)))
            self.pane.error.show()
            self.panel.clear()
        if self.key() == waiting.key and self.waiting is not None:
            self._say_waiting(waiting)
        self._label()

    # ------------------------------------------------------------------ rollback, destroy, drift
    def governed(self, kind: PlanKind) -> None:
        """Make a rollback or destroy plan of the chosen environment and show it for review."""
        workspace, key = self.pane.workspace, self.key()
        if workspace is None or key is None or self.running is not None:
            return
        self.pane.error.hide()
        BackgroundOp(self, lambda: operations.governed_plan(workspace, *key, kind)).success(
            self.pane.show_governed).failure(self.pane.show_problem).run()

    def destroy(self) -> None:
        key = self.key()
        if key is None:
            return
        dialog = DestroyDialog(*key, parent=self.pane.window())
        dialog.accepted.connect(lambda: self._destroy_chosen(key, dialog.delete_data.isChecked()))
        self.dialog = dialog
        dialog.open()

    def _destroy_chosen(self, key: Key, delete_data: bool) -> None:
        if not delete_data:
            self.governed(PlanKind(DESTROY))
            return
        confirm = ConfirmDataDialog(*key, parent=self.pane.window())
        confirm.accepted.connect(lambda: self.governed(PlanKind(DESTROY, delete_data=True)))
        self.dialog = confirm
        confirm.open()

    def check_drift(self) -> None:
        workspace, key = self.pane.workspace, self.key()
        if workspace is None or key is None or self.checking is not None:
            return
        self.checking = key
        self.pane.error.hide()
        self._update()

        def found(drift: Drift) -> None:
            self.drifts[key] = drift
            self.pane.environments.set_drift(key, len(drift.items))
            if self.key() == key:
                self.drift_view.show_drift(drift)
                self.pane.tabs.setCurrentWidget(self.drift_view)
            self.drift_checked.emit(drift)

        def done() -> None:
            self.checking = None
            self._update()

        BackgroundOp(self, lambda: operations.drift(workspace, *key)).success(found).failure(
            self.pane.show_problem).finished(done).run()

    # ------------------------------------------------------------------ language
    def retranslate(self) -> None:
        self._label()
        self.apply_button.setToolTip(self.tr("Apply the plan on screen; production and destroy "
                                             "plans wait for the owner's approval first"))
        self.drift_button.setText(self.tr("Check &drift"))
        self.drift_button.setToolTip(self.tr("Compare the cloud with what was last applied "
                                             "(reads the cloud account)"))
        self.destroy_button.setText(self.tr("Destroy e&nvironment…"))
        self.destroy_button.setToolTip(self.tr("Plan the deletion of the environment's "
                                               "resources; applied with the owner's approval"))
        self.pane.tabs.setTabText(self.pane.tabs.indexOf(self.history), self.tr("History"))
        self.pane.tabs.setTabText(self.pane.tabs.indexOf(self.drift_view), self.tr("Drift"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.pane and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False
