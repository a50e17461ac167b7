"""Releases in the Deploy pane, as ``webnova release deploy|history`` and ``webnova backup
list`` do them, for the chosen environment: the platform's built releases with the one
that runs now and how each one's last deploy ended, "Check health" through the servers'
proxy, a release deployed with its steps logged live as they are reported, governed (a
production deploy waits for the owner's approval, bound to the release), and the database
backups in a tab of their own (:mod:`app.gui.deploy.backup_actions` gives it life). Servers reached at another address (a tunnel, a bastion)
are named in "Reach servers at", remembered per environment.

Where Rollback and the backups' controls go: :meth:`ReleasesTab.add_release_action`
puts a control beside Deploy (it reads :meth:`ReleasesTab.chosen_release` and
:meth:`ReleasesTab.reach`), :meth:`ReleasesTab.add_backup_action` one under the backups
(it reads :meth:`ReleasesTab.chosen_backup`); both are enabled only while nothing runs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TypeVar

from app.gui.background import BackgroundOp
from app.gui.deploy import operations, release_ops
from app.gui.deploy.backups_page import BackupsPage
from app.gui.deploy.release_layout import build_tab
from app.gui.deploy.texts import problem_text
from app.gui.formatting import fill, format_datetime, ltr
from app.gui.governance.approval_flow import utcnow
from app.gui.live_text import show_text
from app.gui.qt import QEvent, QWidget, Signal, is_alive
from app.gui.store_feed import follow
from app.services.approvals import ApprovalRequest, ApprovalState

if TYPE_CHECKING:
    from app.gui.deploy.pane import DeployPane
    from app.services.environment_backups import BackupEntry
    from app.services.release_deploy import ReleaseDeployResult, Report
    from app.services.release_rollout import ServerHealth
    from app.services.release_targets import Reach

Key = tuple[str, str]
T = TypeVar("T")


@dataclass
class Waiting:
    """A deploy (or a rollback, a restore: ``kind``) held for the owner's decision: the
    request, the environment, the release, and what else it was asked with."""

    request: str
    key: Key
    release: int | None
    approved: bool = False
    kind: str = "deploy"
    choice: str | None = None  # a rollback's way back; a restore's backup


class ReleasesTab(QWidget):
    loaded = Signal(object)  # a ReleasesView, on screen
    reported = Signal(object)  # a Report, from the worker thread
    deployed = Signal(object)  # a ReleaseDeployResult, an ApprovalRequest or an exception
    health_checked = Signal(object)  # the list of ServerHealth, or an exception
    updated = Signal()  # what can be done changed: the added controls follow

    def __init__(self, pane: DeployPane) -> None:
        super().__init__(pane)
        self.setObjectName("releasesTab")
        self.pane = pane
        self.view: release_ops.ReleasesView | None = None
        self.running: Key | None = None  # a deploy from this console
        self.checking: Key | None = None
        self.waiting: Waiting | None = None
        self.endings: dict[Key, Callable[[], str]] = {}  # how the latest deploy here ended
        self.logs: dict[Key, list[tuple[str, str, str]]] = {}  # its steps
        self.health: dict[Key, tuple[list[ServerHealth], datetime]] = {}
        build_tab(self)
        self.backups = BackupsPage(pane)
        pane.tabs.addTab(self, "")
        pane.tabs.addTab(self.backups, "")
        self.reported.connect(self._reported)
        pane.environments.chosen.connect(lambda _row: self._chosen())
        pane.listed.connect(self.refresh)
        pane.session.workspace_changed.connect(lambda _w: self._forget())
        follow(self, pane.session.feed, self.refresh, {"release", "release-deploy"})
        follow(self, pane.session.feed, self._check_request, {"approval"})
        self.retranslate()
        self._chosen()

    # ------------------------------------------------------------------ extension
    def add_release_action(self, widget: QWidget) -> None:
        """Put a control that acts on the chosen release (such as rolling back to it) beside
        Deploy; it is enabled only while no deploy or check runs here."""
        self.release_actions.addWidget(widget)
        self._update()

    def add_backup_action(self, widget: QWidget) -> None:
        """Put a control that acts on the chosen backup (such as restoring it) under the
        backups; it is enabled only while no deploy or check runs here."""
        self.backups.action_row.insertWidget(self.backups.action_row.count() - 1, widget)
        self._update()

    def chosen_release(self) -> int | None:
        """The release chosen to deploy (None: none is built)."""
        data = self.choice.currentData()
        return int(data) if data is not None else None

    def chosen_backup(self) -> BackupEntry | None:
        return self.backups.chosen()

    def reach(self) -> dict[str, Reach] | None:
        """The servers named in Reach servers at; None (and the field says why) when an
        entry is wrong."""
        return self.reach_box.reach()

    # ------------------------------------------------------------------ state
    def key(self) -> Key | None:
        row = self.pane.environments.current()
        return row.key if row is not None else None

    def _forget(self) -> None:
        self.view = None
        self.waiting = None
        self.endings = {}
        self.logs = {}
        self.health = {}
        self._show_view(None)

    def _actions(self) -> list[QWidget]:
        found = []
        for layout in (self.release_actions, self.backups.action_row):
            for index in range(layout.count()):
                held = layout.itemAt(index)
                widget = held.widget() if held is not None else None
                if widget is not None:
                    found.append(widget)
        return found

    def _update(self) -> None:
        key = self.key()
        view = self.view if self.view is not None and (self.view.platform,
                                                       self.view.environment) == key else None
        idle = self.running is None and self.checking is None
        busy_elsewhere = view is not None and view.busy and self.running is None
        self.deploy_button.setEnabled(idle and view is not None and not busy_elsewhere
                                      and self.chosen_release() is not None)
        self.health_button.setEnabled(idle and key is not None)
        self.choice.setEnabled(idle)
        self.reach_field.setReadOnly(not idle)
        for widget in self._actions():
            widget.setEnabled(idle and not busy_elsewhere and view is not None)
        waiting = self.waiting
        if (waiting is not None and waiting.approved and waiting.key == key
                and waiting.kind == "deploy" and waiting.release == self.chosen_release()):
            self.deploy_button.setText(self.tr("Deploy &approved release"))
        else:
            self.deploy_button.setText(self.tr("&Deploy release"))
        self.updated.emit()

    def _chosen(self) -> None:
        key, workspace = self.key(), self.pane.workspace
        if key is None or workspace is None:
            self.reach_box.clear_for_none()
        else:
            self.reach_box.show_for(workspace.name, *key)
        if self.view is not None and (self.view.platform, self.view.environment) != key:
            self._show_view(None)
        self._describe()
        self.refresh()

    # ------------------------------------------------------------------ loading
    def refresh(self) -> None:
        workspace, key = self.pane.workspace, self.key()
        if workspace is None or key is None or workspace.cloud is None:
            return

        def shown(view: release_ops.ReleasesView) -> None:
            if workspace is self.pane.workspace and self.key() == key:
                self._show_view(view)
                self.loaded.emit(self.view)  # as shown

        BackgroundOp(self, lambda: release_ops.read_releases(workspace, *key)).success(
            shown).failure(self.pane.show_problem).run()

    def _show_view(self, view: release_ops.ReleasesView | None) -> None:
        if view is not None and self.running == (view.platform, view.environment):
            view = replace(view, busy=False, rows=[  # the lease held is this console's own
                replace(r, status=release_ops.DEPLOYING) if r.status == release_ops.RUNNING
                else r for r in view.rows])
        self.view = view
        chosen = self.chosen_release()
        self.table.show_rows(view.rows if view is not None else [])
        self.choice.blockSignals(True)
        self.choice.clear()
        for row in reversed(view.rows if view is not None else []):  # the latest first
            if row.present:
                self.choice.addItem(fill(self.tr("Release %1 (blueprint version %2)"),
                                         row.release, row.blueprint_version), row.release)
        keep = self.choice.findData(chosen) if chosen is not None else -1
        self.choice.setCurrentIndex(keep if keep >= 0 else 0)
        self.choice.blockSignals(False)
        self._describe()

    def _describe(self) -> None:
        """What the tab says of the chosen environment when no deploy of ours runs."""
        self._update()
        key = self.key()
        checked = self.health.get(key) if key is not None else None
        if checked is None:
            self.health_label.clear()
            self.health_label.hide()
        else:
            results, at = checked
            show_text(self.health_label, lambda: self.health_text(results, at))
            self.health_label.show()
        if self.running is not None and self.running == key:
            return
        view = self.view
        waiting = self.waiting
        if view is not None and view.busy:  # the latest news first
            show_text(self.message, lambda: self.tr(
                "Another console is deploying a release to this environment right now; "
                "Deploy waits until it is done."))
            self.open_approvals.hide()
        elif key is not None and key in self.endings:
            show_text(self.message, self.endings[key])
            self.open_approvals.hide()
        elif waiting is not None and waiting.key == key:
            self._say_waiting(waiting)
        elif view is not None and not view.rows:
            show_text(self.message, lambda: self.tr(
                "No release of this platform is built yet: build one with "
                "'webnova release build'."))
            self.open_approvals.hide()
        else:
            self.message.clear()
            self.open_approvals.hide()
        if self.running is None:
            self.log.show_lines(self.logs.get(key, []) if key is not None else [])

    # ------------------------------------------------------------------ health
    def health_text(self, results: list[ServerHealth], at: datetime) -> str:
        when = format_datetime(at, "short")
        if not results:
            return fill(self.tr("No app server to check (checked %1)."), when)
        if all(r.healthy for r in results):
            return fill(self.tr("Healthy: %1 (checked %2)."),
                        self.tr(", ").join(ltr(r.server) for r in results), when)
        sick = self.tr("; ").join(fill("%1: %2", ltr(r.server), r.reason)
                                  for r in results if not r.healthy)
        return fill(self.tr("Not healthy: %1 (checked %2)."), sick, when)

    def check_health(self) -> None:
        workspace, key, reach = self.pane.workspace, self.key(), self.reach()
        if workspace is None or key is None or reach is None or self.checking is not None:
            return
        self.checking = key
        self.pane.error.hide()
        show_text(self.health_label, lambda: fill(self.tr("Checking the health of %1…"),
                                                  ltr(f"{key[0]}/{key[1]}")))
        self.health_label.show()
        self._update()

        def checked(results: list[ServerHealth]) -> None:
            self.health[key] = (results, datetime.now(UTC))
            self.health_checked.emit(results)

        def failed(exc: BaseException) -> None:
            self.pane.show_problem(exc)
            self.health_checked.emit(exc)

        def done() -> None:
            self.checking = None
            self._describe()

        BackgroundOp(self, lambda: release_ops.check_health(workspace, *key, reach)).success(
            checked).failure(failed).finished(done).run()

    # ------------------------------------------------------------------ deploying
    def deploy(self) -> None:
        workspace, key, reach = self.pane.workspace, self.key(), self.reach()
        number = self.chosen_release()
        if workspace is None or key is None or reach is None or number is None:
            return
        self.start_remote(key, lambda: fill(self.tr("Deploying release %1 to %2…"), number,
                                            ltr(f"{key[0]}/{key[1]}")),
                          lambda report: release_ops.deploy(workspace, *key, number, reach, report),
                          lambda result: self._ended(key, number, result),
                          lambda exc: self._refused(key, exc))

    def start_remote(self, key: Key, starting: Callable[[], str],
                     work: Callable[[Callable[[Report], None]], Awaitable[T]],
                     ended: Callable[[T], None], failed: Callable[[BaseException], None]) -> None:
        """Run ``work`` (a deploy, a rollback, a restore) on the environment's servers with its
        steps in the log as they are reported; nothing else runs here meanwhile, and the
        releases are read again after."""
        if self.running is not None:
            return
        self.running = key
        self.endings.pop(key, None)
        self.logs.pop(key, None)
        self.pane.error.hide()
        self.open_approvals.hide()
        self.log.clear()
        show_text(self.message, starting)
        self._update()

        def report(step: Report) -> None:  # on the worker thread
            if is_alive(self):
                self.reported.emit(step)

        def done() -> None:
            self.running = None
            self.logs[key] = list(self.log.lines)
            self._describe()
            self.refresh()

        BackgroundOp(self, lambda: work(report)).success(ended).failure(failed).finished(
            done).run()

    def _reported(self, report: Report) -> None:
        if self.running is not None:
            self.log.report(report.step, report.state, report.message)

    def _ended(self, key: Key, number: int,
               result: ReleaseDeployResult | ApprovalRequest) -> None:
        if isinstance(result, ApprovalRequest):
            self.waiting = Waiting(result.id, key, number)
            self.deployed.emit(result)
            return
        if self.waiting is not None and self.waiting.key == key:
            self.waiting = None
        where = ltr(f"{key[0]}/{key[1]}")
        outcome, reason, release = result.outcome, result.reason, result.release
        if outcome == "deployed":
            self.endings[key] = lambda: fill(self.tr("Release %1 is deployed to %2."),
                                             release, where)
        elif outcome == "switched_back":
            self.endings[key] = lambda: fill(self.tr(
                "Release %1 was not healthy on %2 and was switched back: %3"), release, where,
                reason)
        else:
            self.endings[key] = lambda: fill(self.tr("The deploy of release %1 to %2 failed: %3"),
                                             release, where, reason)
        self.deployed.emit(result)

    def _refused(self, key: Key, exc: BaseException) -> None:
        """Refused before anything changed: a release that does not verify, servers that
        cannot be reached, another console deploying, the owner's refusal."""
        text = problem_text(exc)
        self.endings[key] = lambda: fill(self.tr(
            "Nothing was deployed: %1 The running release was not touched."), text)
        self.deployed.emit(exc)

    # ------------------------------------------------------------------ approval
    def _say_waiting(self, waiting: Waiting) -> None:
        if waiting.approved:
            show_text(self.message, {
                "deploy": lambda: fill(self.tr(
                    "The owner approved request %1: Deploy approved release deploys it."),
                    ltr(waiting.request)),
                "rollback": lambda: fill(self.tr(
                    "The owner approved request %1: Roll back (approved) rolls back."),
                    ltr(waiting.request))}[waiting.kind])
            self.open_approvals.hide()
        else:
            show_text(self.message, lambda: fill(self.tr(
                "Waiting for the owner's approval (request %1)."), ltr(waiting.request)))
            self.open_approvals.show()

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
            self.endings[waiting.key] = self._not_approved(waiting.kind, state, ltr(request.id))
        self._describe()

    def _not_approved(self, kind: str, state: ApprovalState,
                      request_id: str) -> Callable[[], str]:
        """What the tab says once the request of a deploy (or a rollback: ``kind``) closed
        without the owner's approval: rejected, expired or withdrawn, and nothing done."""
        if kind == "rollback":
            return {
                ApprovalState.REJECTED: lambda: fill(self.tr(
                    "The owner rejected request %1: nothing was rolled back."), request_id),
                ApprovalState.EXPIRED: lambda: fill(self.tr(
                    "Request %1 expired before the owner decided: nothing was rolled back."),
                    request_id),
            }.get(state, lambda: fill(self.tr(
                "Request %1 was withdrawn: nothing was rolled back."), request_id))
        return {
            ApprovalState.REJECTED: lambda: fill(self.tr(
                "The owner rejected request %1: nothing was deployed."), request_id),
            ApprovalState.EXPIRED: lambda: fill(self.tr(
                "Request %1 expired before the owner decided: nothing was deployed."),
                request_id),
        }.get(state, lambda: fill(self.tr("Request %1 was withdrawn: nothing was deployed."),
                                  request_id))

    # ------------------------------------------------------------------ language
    def retranslate(self) -> None:
        self.choice_label.setText(self.tr("&Release to deploy:"))
        self.deploy_button.setToolTip(self.tr("Put the chosen release on the environment's app "
                                              "servers; production waits for the owner's "
                                              "approval first"))
        self.health_button.setText(self.tr("Check &health"))
        self.health_button.setToolTip(self.tr("Ask each app server's proxy for the platform's "
                                              "health now; nothing is changed"))
        self.open_approvals.setText(self.tr("&Open Approvals"))
        self.open_approvals.setToolTip(self.tr("Show the request in the Approvals pane"))
        self.message.setAccessibleName(self.tr("Release deploy state"))
        self.health_label.setAccessibleName(self.tr("Health of the environment"))
        tabs = self.pane.tabs
        tabs.setTabText(tabs.indexOf(self), self.tr("Releases"))
        tabs.setTabText(tabs.indexOf(self.backups), self.tr("Backups"))
        if self.view is not None:
            self._show_view(self.view)
        self._update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
