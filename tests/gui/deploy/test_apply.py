"""Applying from the Deploy pane through the real deployments service, against the Hetzner
simulator: staging applied with live progress to the end, its status and drift badges,
its history with a rollback; production held for the owner's approval and applied once
approved, then destroyed with the typed confirmation; a cancel, a stale plan refused, and a
failed step retried."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from app.domain.governance.users import Role
from app.gui.deploy.environment_list import DRIFT, STATUS
from app.gui.deploy.history_view import KIND, NUMBER, STATE
from app.gui.deploy.pane import DeployPane
from app.gui.deploy.plan_tree import CHANGE as MARK
from app.gui.deploy.plan_tree import NAME
from app.gui.formatting import strip_isolation
from app.gui.qt import QApplication, QDialog, QMessageBox
from app.integrations.hetzner_sim import HetznerSimulator
from app.services.approvals import ApprovalRequest
from app.services.cloud_ports import ResourceKind
from tests.gui.conftest import wait_until
from tests.gui.deploy.conftest import add_blueprint, add_sandbox, plan, relist, settle, workspace_of

APPLY_TIMEOUT = 90_000
TOKEN = "hz-gui-apply-token-1f2e3d4c5b6a7980a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a7b8"


def plain(text: str) -> str:
    return strip_isolation(text)


def quick(pane: DeployPane) -> None:
    """The sandbox finishes its actions in hundredths of a second."""
    cloud = workspace_of(pane).cloud
    assert cloud is not None
    cloud.connector.sandbox_action_delay = 0.02  # type: ignore[attr-defined]
    cloud.connector.poll_interval = 0.02  # type: ignore[attr-defined]
    cloud.connector.backoff = 0.02  # type: ignore[attr-defined]


def status_of(pane: DeployPane, environment: str) -> str:
    row = next(i for i, r in zip(pane.environments.items, pane.environments.rows, strict=True)
               if r.environment == environment)
    return plain(row.text(STATUS))


def drift_of(pane: DeployPane, environment: str) -> str:
    row = next(i for i, r in zip(pane.environments.items, pane.environments.rows, strict=True)
               if r.environment == environment)
    return plain(row.text(DRIFT))


def apply(pane: DeployPane, qtbot: Any) -> Any:
    """Press Apply and wait for what comes back (an ApplyResult, a request or an error)."""
    deploying = pane.deploying
    with qtbot.waitSignal(deploying.finished, timeout=APPLY_TIMEOUT) as blocker:
        deploying.apply_button.click()
    wait_until(qtbot, lambda: deploying.running is None)
    return blocker.args[0]


def apply_confirmed(pane: DeployPane, qtbot: Any) -> Any:
    """Press Apply on a plan that destroys data: a warning asks first; confirm it."""
    deploying = pane.deploying
    deploying.apply_button.click()
    box = deploying.dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "delete hub/production with its data" in plain(box.text())
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    go = next(b for b in box.buttons() if "delete the data" in b.text())
    with qtbot.waitSignal(deploying.finished, timeout=APPLY_TIMEOUT) as blocker:
        go.click()
    wait_until(qtbot, lambda: deploying.running is None)
    return blocker.args[0]


def steps_said(pane: DeployPane) -> list[str]:
    steps = pane.deploying.panel.steps
    return [plain(steps.item(i).text()) for i in range(steps.count())]


@pytest.fixture
def operator(console: Any, monkeypatch: pytest.MonkeyPatch) -> str:
    """Amal (ADMIN) sits at the console; the root owner decides her requests."""
    workspace = console.open_current()
    try:
        workspace.governance.ensure_owner_now()
        workspace.users.add("amal", "Amal", Role.ADMIN, by="root")
    finally:
        workspace.close()
    monkeypatch.setenv("WEBNOVA_USER", "amal")
    return "amal"


def test_staging_is_applied_with_live_progress_then_checked_for_drift_and_rolled_back(
        pane: DeployPane, qtbot: Any) -> None:
    add_sandbox(pane, qtbot)
    quick(pane)
    add_blueprint(pane, qtbot, "enterprise", "hub")
    relist(pane, qtbot)
    assert status_of(pane, "staging") == "Not deployed"
    pane.environments.choose("hub", "staging")
    deploying = pane.deploying
    assert not deploying.drift_button.isEnabled() and not deploying.destroy_button.isEnabled()
    qtbot.keyClicks(pane.form.ssh_from, "203.0.113.0/24")
    priced = plan(pane, qtbot)
    wait_until(qtbot, lambda: deploying.apply_button.text() == "Appl&y")  # staging: no approval
    total = len(priced.plan.steps)

    seen: list[tuple[int, str]] = []
    deploying.panel.bar.valueChanged.connect(lambda n: seen.append((n, deploying.panel.message.text())))
    result = apply(pane, qtbot)
    assert result.outcome.value == "applied" and result.done == total
    # Live, step by step: the bar went up one step at a time while the panel said so.
    assert [n for n, _said in seen if n] == list(range(1, total + 1))
    assert plain(seen[-1][1]).startswith("Applying hub/staging: step ")
    panel = deploying.panel
    assert panel.bar.value() == panel.bar.maximum() == total
    said = steps_said(pane)
    assert len(said) == total and all(s.endswith(": done") for s in said)
    assert said[0] == "1. Create SSH key wn-hub-staging-key: done"
    assert plain(panel.message.text()) == f"Applied to hub/staging (steps done: {total})."
    assert pane.current_plan() is None  # applied: the plan no longer says what would change
    wait_until(qtbot, lambda: status_of(pane, "staging") == "Applied (#1)")
    assert status_of(pane, "production") == "Not deployed"

    # Drift: on demand, clean first; then someone opens SSH to everyone in Hetzner's console.
    assert deploying.drift_button.isEnabled()
    with qtbot.waitSignal(deploying.drift_checked, timeout=APPLY_TIMEOUT):
        deploying.drift_button.click()
    assert drift_of(pane, "staging") == "No drift"
    workspace = workspace_of(pane)
    cloud = workspace.cloud
    assert cloud is not None
    labels = priced.spec.labels()

    def open_ssh() -> None:
        with cloud.connect("demo") as provider:
            firewall = provider.list_by_labels(ResourceKind.FIREWALL, labels)[0]
            provider.change(ResourceKind.FIREWALL, firewall.id, "rules", [
                {"direction": "in", "protocol": "tcp", "port": port,
                 "addresses": ["0.0.0.0/0", "::/0"]} for port in ("22", "80", "443")])

    settle(qtbot, workspace.runner.run(open_ssh))
    with qtbot.waitSignal(deploying.drift_checked, timeout=APPLY_TIMEOUT) as checked:
        deploying.drift_button.click()
    drift = checked.args[0]
    assert not drift.clean
    assert drift_of(pane, "staging") == f"Drifted ({len(drift.items)})"
    assert pane.tabs.currentWidget() is deploying.drift_view
    shown = [plain(deploying.drift_view.items.item(i).text())
             for i in range(deploying.drift_view.items.count())]
    assert any("wn-hub-staging-fw" in line and "22" in line and "0.0.0.0/0" in line
               for line in shown), shown

    # A second deployment (SSH from another network too), then back to the first from history.
    pane.form.ssh_from.setText("203.0.113.0/24, 198.51.100.0/24")
    plan(pane, qtbot)
    firewall = next(i for i in pane.tree.step_items() if plain(i.text(NAME)) == "wn-hub-staging-fw")
    rules = [plain(firewall.child(i).text(3)) for i in range(firewall.childCount())]
    assert "~ tcp 22 from 0.0.0.0/0, ::/0 → 198.51.100.0/24, 203.0.113.0/24" in rules
    assert apply(pane, qtbot).outcome.value == "applied"
    wait_until(qtbot, lambda: status_of(pane, "staging") == "Applied (#2)")
    assert drift_of(pane, "staging") == ""  # the drift badge lasts until the next apply
    history = deploying.history
    wait_until(qtbot, lambda: history.table.topLevelItemCount() == 2)
    rows = [(plain(history.table.topLevelItem(i).text(NUMBER)),
             history.table.topLevelItem(i).text(KIND), history.table.topLevelItem(i).text(STATE))
            for i in range(2)]
    assert rows == [("1", "apply", "Applied"), ("2", "apply", "Applied")]
    history.table.setCurrentItem(history.table.topLevelItem(0))
    assert history.rollback.isEnabled()
    with qtbot.waitSignal(pane.planned, timeout=APPLY_TIMEOUT):
        history.rollback.click()
    assert pane.plan_kind.kind == "rollback" and pane.plan_kind.to == 1
    assert pane.tabs.currentIndex() == 0
    assert plain(pane.progress_label.text()) == "A plan back to deployment #1: review it, then apply it."
    marks = {plain(i.text(NAME)): plain(i.text(MARK)) for i in pane.tree.step_items()}
    assert marks == {"wn-hub-staging-fw": "~ Update in place"}
    assert apply(pane, qtbot).outcome.value == "applied"
    wait_until(qtbot, lambda: status_of(pane, "staging") == "Applied (#3)")
    wait_until(qtbot, lambda: history.table.topLevelItemCount() == 3)
    assert history.table.topLevelItem(2).text(KIND) == "rollback"


def test_production_waits_for_the_owner_then_is_applied_and_destroyed_with_the_data(
        operator: str, pane: DeployPane, qtbot: Any) -> None:
    add_sandbox(pane, qtbot)
    quick(pane)
    add_blueprint(pane, qtbot, "enterprise", "hub")
    relist(pane, qtbot)
    pane.environments.choose("hub", "production")
    deploying = pane.deploying
    plan(pane, qtbot)
    wait_until(qtbot, lambda: deploying.apply_button.text() == "Request appro&val")
    request = apply(pane, qtbot)
    assert isinstance(request, ApprovalRequest)
    panel = deploying.panel
    assert plain(panel.message.text()) == f"Waiting for the owner's approval (request {request.id})."
    assert panel.open_approvals.isVisible() and not panel.cancel.isVisible()
    with qtbot.waitSignal(pane.open_approvals, timeout=1_000):
        panel.open_approvals.click()
    assert status_of(pane, "production") == "Not deployed"

    workspace = workspace_of(pane)
    settle(qtbot, workspace.runner.run(
        lambda: workspace.approvals.decide_now(request.id, "root", True, "release 1")))
    wait_until(qtbot, lambda: deploying.apply_button.text() == "Appl&y approved plan", 20_000)
    assert plain(panel.message.text()).startswith(f"The owner approved request {request.id}")
    result = apply(pane, qtbot)
    assert result.outcome.value == "applied"
    wait_until(qtbot, lambda: status_of(pane, "production") == "Applied (#1)")

    # Destroy, volumes too: a dialog, then the owner types PLATFORM/ENV.
    assert deploying.destroy_button.isEnabled()
    deploying.destroy_button.click()
    dialog = deploying.dialog
    assert dialog.isVisible() and plain(dialog.windowTitle()) == "Destroy environment"
    dialog.delete_data.setChecked(True)
    dialog.plan_button.click()
    confirm = deploying.dialog
    assert confirm is not dialog and confirm.isVisible()
    assert not confirm.confirm.isEnabled()
    qtbot.keyClicks(confirm.typed, "hub/staging")
    assert not confirm.confirm.isEnabled()  # not this environment
    confirm.typed.setText("")
    with qtbot.waitSignal(pane.planned, timeout=APPLY_TIMEOUT) as planned:
        qtbot.keyClicks(confirm.typed, "hub/production")
        assert confirm.confirm.isEnabled()
        confirm.confirm.click()
    assert confirm.result() == QDialog.DialogCode.Accepted
    destroy = planned.args[0]
    assert destroy.plan.destroys_data and pane.plan_kind.kind == "destroy"
    assert pane.plan_kind.delete_data
    assert "destroy the environment and its data" in plain(pane.progress_label.text())
    wait_until(qtbot, lambda: deploying.apply_button.text() == "Request appro&val")
    waiting = apply_confirmed(pane, qtbot)  # destroying always goes to the owner
    assert isinstance(waiting, ApprovalRequest) and waiting.action.kind == "deploy.destroy"
    settle(qtbot, workspace.runner.run(
        lambda: workspace.approvals.decide_now(waiting.id, "root", True, "retired")))
    wait_until(qtbot, lambda: deploying.apply_button.text() == "Appl&y approved plan", 20_000)
    assert apply_confirmed(pane, qtbot).outcome.value == "applied"
    wait_until(qtbot, lambda: status_of(pane, "production") == "Destroyed (#2)")
    with cloud_of(pane).connect("demo") as provider:
        left = [r for kind in ResourceKind
                for r in provider.list_by_labels(kind, destroy.spec.labels())]
    assert left == []


def cloud_of(pane: DeployPane) -> Any:
    cloud = workspace_of(pane).cloud
    assert cloud is not None
    return cloud


@pytest.fixture
def simulator() -> Iterator[HetznerSimulator]:
    with HetznerSimulator(TOKEN, refill_per_second=50, action_delay=0.02) as sim:
        yield sim


def test_cancel_a_stale_plan_and_a_failed_step_retried(
        pane: DeployPane, qtbot: Any, simulator: HetznerSimulator) -> None:
    cloud = cloud_of(pane)
    cloud.connector.endpoint = simulator.url  # a real account's requests, to the simulator
    quick(pane)
    workspace = workspace_of(pane)
    settle(qtbot, workspace.runner.run(lambda: cloud.add("main", "hetzner", TOKEN, "root")))
    add_blueprint(pane, qtbot, "enterprise", "hub")
    relist(pane, qtbot)
    pane.environments.choose("hub", "staging")
    deploying = pane.deploying
    total = len(plan(pane, qtbot).plan.steps)

    # Cancel: after the step under way, nothing more.
    simulator.faults.slow_next_actions(3, 0.4)
    panel = deploying.panel
    with qtbot.waitSignal(deploying.finished, timeout=APPLY_TIMEOUT) as blocker:
        deploying.apply_button.click()
        wait_until(qtbot, lambda: "started" in panel.states.values())
        assert panel.cancel.isVisible() and not pane.plan_button.isEnabled()
        panel.cancel.click()
        assert plain(panel.message.text()) == "Cancelling after the step under way…"
        assert not panel.cancel.isEnabled()
    wait_until(qtbot, lambda: deploying.running is None)
    result = blocker.args[0]
    assert result.outcome.value == "cancelled" and 1 <= result.done < total
    assert plain(deploying.panel.message.text()).startswith("Cancelled between steps (steps done: ")
    wait_until(qtbot, lambda: status_of(pane, "staging") == "Cancelled (#1)")

    # The plan on screen was read before the cancelled run made things: it is refused.
    refused = apply(pane, qtbot)
    assert "the cloud changed since this plan was made" in str(refused)
    assert pane.error.isVisible() and "nothing was applied" in plain(pane.error.text())
    assert not deploying.panel.isVisible()

    # A failed step stops the run; Retry finishes it.
    plan(pane, qtbot)
    simulator.faults.fail_actions(1)
    stopped = apply(pane, qtbot)
    assert stopped.outcome is None and stopped.failed_step
    assert plain(panel.message.text()).startswith("Stopped at step ")
    assert panel.retry.isVisible() and panel.rollback.isVisible() and not panel.cancel.isVisible()
    assert any(": failed — " in line for line in steps_said(pane))
    wait_until(qtbot, lambda: status_of(pane, "staging") == "Stopped at a step (#2)")
    with qtbot.waitSignal(deploying.finished, timeout=APPLY_TIMEOUT) as blocker:
        panel.retry.click()
    assert blocker.args[0].outcome.value == "applied"
    wait_until(qtbot, lambda: status_of(pane, "staging") == "Applied (#2)")
    assert plain(panel.message.text()).startswith("Applied to hub/staging")
    QApplication.processEvents()


def test_a_rejected_request_applies_nothing_and_says_so(
        operator: str, pane: DeployPane, qtbot: Any) -> None:
    add_sandbox(pane, qtbot)
    quick(pane)
    add_blueprint(pane, qtbot, "enterprise", "hub")
    relist(pane, qtbot)
    pane.environments.choose("hub", "production")
    deploying = pane.deploying
    plan(pane, qtbot)
    wait_until(qtbot, lambda: deploying.apply_button.text() == "Request appro&val")
    request = apply(pane, qtbot)
    assert isinstance(request, ApprovalRequest)
    workspace = workspace_of(pane)
    settle(qtbot, workspace.runner.run(
        lambda: workspace.approvals.decide_now(request.id, "root", False, "not this quarter")))
    wait_until(qtbot, lambda: plain(pane.error.text()) ==
               f"The owner rejected request {request.id}: nothing was applied.", 20_000)
    assert pane.error.isVisible()
    assert deploying.apply_button.text() != "Appl&y approved plan"
    assert status_of(pane, "production") == "Not deployed"


class _Killed(BaseException):
    """The console stopping dead in the middle of an apply (nothing after it runs)."""


def test_an_interrupted_deployment_is_resumed_from_the_pane(
        pane: DeployPane, qtbot: Any, simulator: HetznerSimulator) -> None:
    from app.domain.cloud.from_blueprint import environment_spec

    cloud = cloud_of(pane)
    cloud.connector.endpoint = simulator.url
    quick(pane)
    workspace = workspace_of(pane)
    settle(qtbot, workspace.runner.run(lambda: cloud.add("main", "hetzner", TOKEN, "root")))
    add_blueprint(pane, qtbot, "enterprise", "hub")
    relist(pane, qtbot)

    def killed_midway() -> None:
        document = workspace.blueprints.get_now("hub").document
        spec = environment_spec(document, "staging", workspace=workspace.name, account="main")
        deployments = workspace.deployments
        doc = deployments.document(deployments.plan(spec))

        def die(report: Any) -> None:
            if report.index == 4 and report.state == "started":
                raise _Killed

        with pytest.raises(_Killed):
            deployments.apply(doc, "root", progress=die)

    settle(qtbot, workspace.runner.run(killed_midway))
    relist(pane, qtbot)
    pane.environments.choose("hub", "staging")
    deploying = pane.deploying
    wait_until(qtbot, lambda: status_of(pane, "staging") == "Interrupted (#1)")
    panel = deploying.panel
    wait_until(qtbot, lambda: panel.resume.isVisible())
    assert plain(panel.message.text()).startswith("Deployment #1 was interrupted")
    with qtbot.waitSignal(deploying.finished, timeout=APPLY_TIMEOUT) as blocker:
        panel.resume.click()
    assert blocker.args[0].outcome.value == "applied"
    wait_until(qtbot, lambda: status_of(pane, "staging") == "Applied (#1)")
    names = [s["name"] for s in simulator.state.resources["servers"].values()]
    assert sorted(names) == ["wn-hub-staging-app-1", "wn-hub-staging-db-1"]  # none twice
