"""The Deploy pane as the workspace changes and when the cloud cannot be read: a plan made
before its blueprint changed is taken off the screen; a failure is said in the pane, never
with a secret in it."""

from __future__ import annotations

import copy
from typing import Any

from app.gui.deploy.pane import DeployPane
from app.gui.formatting import strip_isolation
from tests.gui.conftest import wait_until
from tests.gui.deploy.conftest import add_blueprint, add_sandbox, plan, relist, workspace_of


def test_a_plan_made_before_its_blueprint_changed_is_taken_down(pane: DeployPane, qtbot: Any) -> None:
    add_sandbox(pane, qtbot)
    add_blueprint(pane, qtbot, "enterprise", "hub")
    relist(pane, qtbot)
    pane.environments.choose("hub", "staging")
    plan(pane, qtbot)
    assert pane.current_plan() is not None
    assert "1 app server of type cx32" in strip_isolation(pane.heading.text())
    pane.form.location.setCurrentIndex(pane.form.location.findData("hel1"))  # not its region
    plan(pane, qtbot)
    add_sandbox(pane, qtbot, "second")  # the list follows, the plan stays: nothing it read moved
    wait_until(qtbot, lambda: pane.form.account.count() == 2)
    assert pane.current_plan() is not None and pane.form.account.currentText() == "demo"

    blueprints = workspace_of(pane).blueprints
    stored = blueprints.get_now("hub")
    document = copy.deepcopy(stored.document)
    staging = next(e for e in document["environments"] if e["name"] == "staging")
    staging["replicas"] = 3
    blueprints.save_now("hub", document, stored.version, "root")  # as from the CLI
    wait_until(qtbot, lambda: pane.current_plan() is None)
    assert pane.progress_label.text() == "The blueprint changed since the plan was made: plan again."
    assert pane.tree.topLevelItemCount() == 0
    assert pane.environments.current().environment == "staging"  # type: ignore[union-attr]
    assert "3 app servers" in strip_isolation(pane.heading.text())
    assert pane.form.location.currentData() == "hel1"  # the owner's choice stays


def test_a_token_missing_from_the_keyring_is_said_in_the_pane(pane: DeployPane, qtbot: Any) -> None:
    add_sandbox(pane, qtbot)
    add_blueprint(pane, qtbot, "enterprise", "hub")
    relist(pane, qtbot)
    cloud = workspace_of(pane).cloud
    assert cloud is not None and pane.session.console is not None
    token = cloud.token(cloud.get("demo"))
    pane.session.console.secrets.delete(cloud.token_secret("demo"))
    pane.environments.choose("hub", "development")
    with qtbot.waitSignal(pane.plan_failed, timeout=60_000) as blocker:
        pane.plan_button.click()
    wait_until(qtbot, lambda: pane.planning is None)
    assert pane.error.isVisible()
    text = strip_isolation(pane.error.text())
    assert "the token of cloud account 'demo' is not in this machine's keyring" in text
    assert strip_isolation(blocker.args[0]) == text
    assert token not in text and pane.tree.topLevelItemCount() == 0
    assert pane.plan_button.isEnabled() and not pane.progress.isVisible()
