"""The Deploy pane: the environments of the workspace's platforms on the left; on the
right, for the chosen one, the cloud account, location and SSH networks, then its plan —
read from the cloud off the GUI thread — as a tree of steps, with what it costs.

Planning only reads. Applying a plan (through the owner's approval), its live progress,
the history with rollback, drift and destroy are :class:`~app.gui.deploy.deploying.Deploying`,
wired in through :meth:`DeployPane.add_plan_action`, :meth:`DeployPane.current_plan` and
:meth:`DeployPane.show_governed`; the environments' statuses come through the ``status_of``
hook (:mod:`app.gui.deploy.environments`), by default their recorded deployments."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from app.domain.cloud.model import CloudSpecError
from app.domain.cloud.plan import Action
from app.gui.background import BackgroundOp
from app.gui.deploy.backup_actions import BackupActions
from app.gui.deploy.deploying import Deploying
from app.gui.deploy.environments import (
    DeployListing,
    EnvironmentRow,
    StatusOf,
    read_listing,
    recorded_statuses,
)
from app.gui.deploy.operations import DESTROY, GovernedPlan, PlanKind
from app.gui.deploy.pane_layout import build_pane
from app.gui.deploy.planning import MadePlan, PlanRequest, make_plan, spec_for
from app.gui.deploy.releases_tab import ReleasesTab
from app.gui.deploy.rollback_action import RollbackButton
from app.gui.deploy.texts import platform_name, problem_text
from app.gui.formatting import fill, ltr
from app.gui.live_text import show_text
from app.gui.qt import QAction, QEvent, QKeySequence, QShowEvent, Qt, QWidget, Signal
from app.gui.store_feed import follow

if TYPE_CHECKING:
    from app.bootstrap import Workspace
    from app.gui.session import WorkspaceSession
    from app.services.deploy_planning import PricedPlan


class DeployPane(QWidget):
    listed = Signal()  # the environments and accounts are on screen
    planned = Signal(object)  # a PricedPlan, now on screen
    plan_failed = Signal(str)
    open_settings = Signal()  # the owner asked for Settings → Cloud accounts
    open_approvals = Signal()  # the owner asked for the Approvals pane

    def __init__(self, session: WorkspaceSession, status_of: StatusOf = recorded_statuses,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deployPane")
        self.session = session
        self.status_of = status_of
        self.workspace: Workspace | None = None
        self.listing: DeployListing | None = None
        self.loading = False
        self.planning: PlanRequest | None = None
        self.shown: tuple[PlanRequest, PricedPlan] | None = None
        self.planned_from: Mapping[str, Any] | None = None  # the blueprint the plan was made from
        self.plan_kind = PlanKind()  # what the plan on screen does (apply, rollback, destroy)
        self.applying = False  # a plan is being applied: no planning meanwhile
        self._build()
        self.deploying = Deploying(self)
        self.releases = ReleasesTab(self)  # releases and backups of the chosen environment
        self.release_rollback = RollbackButton(self.releases)
        self.backup_actions = BackupActions(self.releases)  # the Backups tab's controls
        session.workspace_changed.connect(self.set_workspace)
        follow(self, session.feed, self.refresh, {"blueprint", "cloud", "deployment"})
        self.retranslate()
        if session.workspace is not None:
            self.set_workspace(session.workspace)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        build_pane(self)
        self.plan_action = QAction(self)
        self.plan_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.plan_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.plan_action.triggered.connect(self.plan)
        self.addAction(self.plan_action)

    # ------------------------------------------------------------------ extension
    def add_plan_action(self, widget: QWidget) -> None:
        """Put a control that acts on the plan on screen (such as requesting the owner's
        approval to apply it) beside Plan. It is enabled only while a plan of the chosen
        environment is shown and none is being made; it reads that plan from
        :meth:`current_plan`."""
        self.plan_actions.addWidget(widget)
        self._update()

    def current_plan(self) -> tuple[PlanRequest, PricedPlan] | None:
        """The plan on screen and the choices it was made from (what it does:
        :attr:`plan_kind`)."""
        return self.shown

    def show_governed(self, governed: GovernedPlan) -> None:
        """Show a rollback or destroy plan of the chosen environment for review (applied
        as any other plan)."""
        row = self.environments.current()
        if row is None or row.key != (governed.request.platform, governed.request.environment):
            return
        self.error.hide()
        self._show_plan((governed.request, governed.priced))
        self.plan_kind = governed.kind
        self.planned_from = row.document
        kind = governed.kind

        def said() -> str:
            if kind.kind == DESTROY and kind.delete_data:
                return self.tr("A plan to destroy the environment and its data: review it, "
                               "then apply it.")
            if kind.kind == DESTROY:
                return self.tr("A plan to destroy the environment (the volumes are kept): "
                               "review it, then apply it.")
            if kind.to is not None:
                return fill(self.tr("A plan back to deployment #%1: review it, then apply it."),
                            kind.to)
            return self.tr("A plan back to the state applied before: review it, then apply it.")

        show_text(self.progress_label, said)
        self.tabs.setCurrentIndex(0)
        self.planned.emit(governed.priced)

    def take_down_plan(self) -> None:
        """The plan on screen has been applied: it no longer says what would change."""
        self._show_plan(None)

    # ------------------------------------------------------------------ workspace
    def set_workspace(self, workspace: Workspace | None) -> None:
        self.workspace = workspace
        self.listing = None
        self.planning = None
        self._show_plan(None)
        self.environments.set_rows([], {})
        self.form.set_accounts([])
        self.refresh()

    def shutdown(self) -> None:
        self.workspace = None

    def refresh(self) -> None:
        workspace = self.workspace
        self._update()
        if workspace is None:
            return
        self.loading = True
        status_of = self.status_of

        def listed(listing: DeployListing) -> None:
            if workspace is not self.workspace:
                return
            self.listing = listing
            self.form.set_accounts(listing.accounts)
            self.environments.set_rows(listing.rows, listing.statuses)
            self._drop_outdated_plan()
            self.listed.emit()

        def done() -> None:
            self.loading = False
            self._update()

        BackgroundOp(self, lambda: workspace.runner.run(lambda: read_listing(workspace, status_of))
                     ).success(listed).failure(self._failed).finished(done).run()

    def _drop_outdated_plan(self) -> None:
        row = self.environments.current()
        if self.shown is None or row is None:
            return
        if row.document != self.planned_from:
            self._show_plan(None)
            show_text(self.progress_label, lambda: self.tr(
                "The blueprint changed since the plan was made: plan again."))

    # ------------------------------------------------------------------ planning
    def plan(self) -> None:
        workspace, row = self.workspace, self.environments.current()
        if workspace is None or row is None or self.planning is not None:
            return
        request = self.form.request()
        if request is None or not self.form.networks_ok:
            return
        self.error.hide()
        self.form.clear_problems()
        try:
            spec_for(row.document, request, workspace.name)
        except CloudSpecError as exc:
            self._problem(exc)
            return
        console = self.session.console
        if console is None:
            return
        secrets = console.secrets
        self.planning = request
        self._show_plan(None)
        show_text(self.progress_label, lambda: fill(
            self.tr("Reading %1 of %2 on %3 and pricing it…"), ltr(request.environment),
            platform_name(row), request.account))
        self._update()

        def still_chosen() -> bool:
            current = self.environments.current()
            return workspace is self.workspace and current is not None and current.key == row.key

        def planned(made: MadePlan) -> None:
            if not still_chosen():
                return
            self._show_plan((request, made.priced))
            self.tabs.setCurrentIndex(0)
            self.planned_from = made.document
            self.planned.emit(made.priced)

        def failed(exc: BaseException) -> None:
            if still_chosen():
                self._problem(exc)

        def done() -> None:
            if self.planning is request:
                self.planning = None
                self.progress_label.clear()
            self._update()

        BackgroundOp(self, lambda: make_plan(workspace, secrets, request)).success(
            planned).failure(failed).finished(done).run()

    def _problem(self, exc: BaseException) -> None:
        if isinstance(exc, CloudSpecError) and self.form.show_problem(exc):
            self.plan_failed.emit(problem_text(exc))
            return
        show_text(self.error, lambda: problem_text(exc))
        self.error.show()
        self.plan_failed.emit(problem_text(exc))

    def _failed(self, exc: BaseException) -> None:
        show_text(self.error, lambda: problem_text(exc))
        self.error.show()

    show_problem = _failed  # what stopped an apply, a rollback or destroy plan, a drift check

    # ------------------------------------------------------------------ drawing
    def _show_plan(self, shown: tuple[PlanRequest, PricedPlan] | None) -> None:
        self.shown = shown
        self.plan_kind = PlanKind()
        priced = shown[1] if shown is not None else None
        self.tree.show_plan(priced.plan if priced is not None else None)
        self.costs.show_cost(priced.cost if priced is not None else None)
        self._describe_plan()
        self._update()

    def _describe_plan(self) -> None:
        """One line: what the plan does, whether it destroys data, what stays as it is."""
        priced = self.shown[1] if self.shown is not None else None
        if priced is None:
            self.summary.clear()
            return
        plan = priced.plan
        if plan.empty:
            text = self.tr("No changes: the infrastructure is as it should be.")
        else:
            counts = {Action.CREATE: self.tr("%Ln to create", "", plan.count(Action.CREATE)),
                      Action.UPDATE: self.tr("%Ln to update in place", "", plan.count(Action.UPDATE)),
                      Action.REPLACE: self.tr("%Ln to replace", "", plan.count(Action.REPLACE)),
                      Action.DELETE: self.tr("%Ln to delete", "", plan.count(Action.DELETE))}
            parts = self.tr(", ").join(text for action, text in counts.items() if plan.count(action))
            text = fill(self.tr("Plan: %1."), parts)
            if plan.destroys_data:
                text = " ".join((text, self.tr("Warning: some steps destroy data (marked ⚠).")))
        unchanged = self.tr("Already as they should be: %Ln resources.", "", len(plan.unchanged))
        self.summary.setText(" ".join((text, unchanged)))

    def _environment_chosen(self, row: EnvironmentRow | None) -> None:
        self.form.set_environment(row)
        self.error.hide()
        if self.shown is not None and (row is None or self.shown[0].platform != row.platform
                                       or self.shown[0].environment != row.environment):
            self._show_plan(None)
        self._describe_environment()
        self._update()

    def _choices_changed(self) -> None:
        if self.shown is not None and self.shown[0] != self.form.request():
            self._show_plan(None)
        self._update()

    def _describe_environment(self) -> None:
        row = self.environments.current()
        if row is None:
            self.heading.setText(self.tr("Choose an environment to plan it on a cloud account."))
            return
        self.heading.setText(fill(self.tr("%1, environment %2: %Ln app servers of type %3.", "",
                                          row.replicas),
                                  platform_name(row), ltr(row.environment), ltr(row.server_size)))

    def _update(self) -> None:
        listing = self.listing
        has_rows = listing is not None and bool(listing.rows)
        no_rows = listing is not None and not listing.rows
        no_accounts = listing is not None and has_rows and not listing.accounts
        chosen = self.environments.current() is not None
        busy = self.planning is not None or self.applying
        self.environments.setVisible(not no_rows)
        self.environments_label.setVisible(not no_rows)
        self.no_platforms.setVisible(no_rows)
        self.no_accounts.setVisible(no_accounts)
        for widget in (self.form, self.plan_button, self.tabs):
            widget.setVisible(has_rows and not no_accounts)
        self.form.setEnabled(chosen and not busy)
        self.plan_button.setEnabled(chosen and not busy and self.form.request() is not None
                                    and self.form.networks_ok)
        self.progress.setVisible(busy)
        for index in range(self.plan_actions.count()):
            held = self.plan_actions.itemAt(index)
            control = held.widget() if held is not None else None
            if control is not None:
                control.setEnabled(self.shown is not None and not busy)
                control.setVisible(has_rows and not no_accounts)
        if not has_rows or no_accounts:
            self.error.hide()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Deploy"))
        self.environments_label.setText(self.tr("&Environments"))
        self.no_platforms.show_state(
            self.tr("No platforms yet"),
            self.tr("Create a blueprint in the Blueprints pane; its environments appear here."))
        self.no_accounts.show_state(
            self.tr("No cloud accounts yet"),
            self.tr("Add one under Settings → Cloud accounts. A sandbox account simulates "
                    "Hetzner Cloud on this computer, with no token and nothing billed."),
            self.tr("Open &Settings"))
        self.plan_button.setText(self.tr("&Plan"))
        self.plan_button.setToolTip(self.tr("Read the environment in the cloud, compare it with "
                                            "the blueprint and price the difference; nothing is "
                                            "changed (Ctrl+Enter)"))
        self.progress.setAccessibleName(self.tr("Planning"))
        self.error.setAccessibleName(self.tr("What stopped the plan"))
        self.summary.setAccessibleName(self.tr("Plan summary"))
        self.tabs.setTabText(0, self.tr("Plan"))
        self._describe_plan()
        self._describe_environment()
        self._update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.workspace is not None and not self.loading and self.planning is None:
            self.refresh()  # blueprints or accounts may have changed meanwhile
