"""The Deploy pane over a real workspace, with sandbox cloud accounts (the Hetzner
simulator behind the real adapter): the environments of the blueprints, planning one off the
GUI thread into a tree of steps with their costs, problems shown where they belong, and the
empty states."""

from __future__ import annotations

from typing import Any

from app.domain.cloud.from_blueprint import environment_spec
from app.domain.cloud.model import EnvironmentSpec, desired_state
from app.domain.cloud.plan import Action
from app.domain.numerals import money
from app.gui.deploy.costs import AFTER, CHANGE, NOW
from app.gui.deploy.environment_list import ENVIRONMENT, REGION, STATUS
from app.gui.deploy.pane import DeployPane
from app.gui.deploy.plan_tree import CHANGE as MARK
from app.gui.deploy.plan_tree import KIND, NAME, WHY
from app.gui.formatting import strip_isolation
from app.gui.qt import QPalette, QPushButton, Qt
from app.gui.theme import accent
from app.services.cloud_ports import ResourceKind, ResourceSpec
from tests.gui.conftest import wait_until
from tests.gui.deploy.conftest import (
    add_blueprint,
    add_sandbox,
    plan,
    relist,
    settle,
    workspace_of,
)


def plain(text: str) -> str:
    return strip_isolation(text)


def spec_of(pane: DeployPane, ssh_from: tuple[str, ...] = ()) -> EnvironmentSpec:
    """The production environment of blueprint "hub" in fsn1, as the CLI would plan it."""
    document = workspace_of(pane).blueprints.get_now("hub").document
    return environment_spec(document, "production", workspace="local", account="demo",
                            location="fsn1", overrides={"ssh_from": ssh_from})


def test_the_environments_are_listed_and_a_plan_shows_its_steps_and_costs(
        pane: DeployPane, qtbot: Any) -> None:
    add_sandbox(pane, qtbot)
    add_blueprint(pane, qtbot, "enterprise", "hub")
    relist(pane, qtbot)
    rows = [(plain(i.parent().text(0)), plain(i.text(ENVIRONMENT)), plain(i.text(REGION)),
             i.text(STATUS)) for i in pane.environments.items]
    assert rows == [("Nordwind Group Operations Hub", "development", "hel1 (Hetzner)", "Not deployed"),
                    ("Nordwind Group Operations Hub", "staging", "nbg1 (Hetzner)", "Not deployed"),
                    ("Nordwind Group Operations Hub", "production", "fsn1 (Hetzner)", "Not deployed")]
    assert [plain(p.text(0)) for p in pane.environments.platforms] == ["Nordwind Group Operations Hub"]
    assert pane.environments.choose("hub", "production")
    assert pane.form.account.currentText() == "demo"
    assert pane.form.location.currentData() == "fsn1"  # the blueprint's region
    assert not pane.form.location_error.isVisible() and not pane.error.isVisible()
    qtbot.keyClicks(pane.form.ssh_from, "203.0.113.0/24, 198.51.100.7/32")
    assert pane.plan_button.isEnabled()

    with qtbot.waitSignal(pane.planned, timeout=60_000) as blocker:
        pane.plan_button.click()
        # The plan is made off the GUI thread: the pane says it is busy and stays usable.
        assert pane.progress.isVisible() and not pane.plan_button.isEnabled()
        assert "Reading production of Nordwind Group Operations Hub on demo" in plain(
            pane.progress_label.text())
    wait_until(qtbot, lambda: pane.planning is None)
    priced = blocker.args[0]
    assert not pane.progress.isVisible() and pane.plan_button.isEnabled()

    spec = spec_of(pane, ("203.0.113.0/24", "198.51.100.7/32"))
    assert priced.spec.ssh_from == spec.ssh_from and priced.spec.location == "fsn1"
    expected = desired_state(spec)
    items = pane.tree.step_items()
    assert [(plain(i.text(MARK)), i.text(KIND), plain(i.text(NAME))) for i in items[:3]] == [
        ("+ Create", "SSH key", "wn-hub-production-key"),
        ("+ Create", "Network", "wn-hub-production-net"),
        ("+ Create", "Firewall", "wn-hub-production-fw")]
    assert len(items) == len(expected) == priced.plan.count(Action.CREATE)
    assert {plain(i.text(NAME)) for i in items} == {r.name for r in expected}
    assert all(i.text(WHY) == "not there yet" and i.childCount() == 0 for i in items)
    assert plain(pane.summary.text()) == (f"Plan: {len(expected)} to create. "
                                          "Already as they should be: 0 resources.")

    cost = priced.cost
    assert cost.currency == "EUR" and cost.after.monthly.net > 0
    cells = pane.costs.cells
    assert cells[("monthly_net", NOW)].text() == "€0.00"
    assert cells[("monthly_net", AFTER)].text() == money(cost.after.monthly.net, "EUR")
    assert plain(cells[("monthly_net", CHANGE)].text()) == "+" + money(cost.after.monthly.net, "EUR")
    assert cells[("monthly_gross", AFTER)].text() == money(cost.after.monthly.gross, "EUR")
    assert cost.after.monthly.gross > cost.after.monthly.net
    hourly = cells[("hourly_net", AFTER)].text()
    assert hourly.startswith("€0.") and len(hourly.split(".")[1]) == 4  # fractions of a cent
    assert "EUR" in plain(pane.costs.title())

    workspace = workspace_of(pane)
    token = workspace.cloud.token(workspace.cloud.get("demo"))  # type: ignore[union-attr]
    shown = " ".join([pane.summary.text(), pane.progress_label.text(), pane.error.text(),
                      pane.costs.text()] + [i.text(c) for i in items for c in range(4)])
    assert token not in shown


def test_steps_that_destroy_data_are_marked_and_changes_listed(pane: DeployPane, qtbot: Any) -> None:
    add_sandbox(pane, qtbot)
    add_blueprint(pane, qtbot, "enterprise", "hub")
    workspace = workspace_of(pane)
    cloud = workspace.cloud
    assert cloud is not None
    labels = spec_of(pane).labels()

    def stray_resources() -> None:
        with cloud.connect("demo") as provider:
            provider.create(ResourceSpec(ResourceKind.VOLUME, "wn-hub-production-old-data",
                                         labels, "fsn1", {"size_gb": 10}))
            provider.create(ResourceSpec(ResourceKind.FIREWALL, "wn-hub-production-fw", labels,
                                         attributes={"rules": [{"direction": "in", "protocol": "tcp",
                                                                "port": "5432",
                                                                "addresses": ["0.0.0.0/0"]}]}))

    settle(qtbot, workspace.runner.run(stray_resources))
    relist(pane, qtbot)
    pane.environments.choose("hub", "production")
    priced = plan(pane, qtbot)
    steps = {plain(i.text(NAME)): i for i in pane.tree.step_items()}

    stray = steps["wn-hub-production-old-data"]
    assert plain(stray.text(MARK)) == "− Delete — its data is lost"
    assert stray.text(KIND) == "Volume"
    assert stray.text(WHY) == "labelled for this environment but not in its desired state"
    assert not stray.icon(MARK).isNull()  # not colour alone
    scheme = "dark" if pane.tree.palette().color(QPalette.ColorRole.Base).lightness() < 128 else "light"
    assert stray.foreground(NAME).color() == accent(scheme, "error")
    assert "Warning: some steps destroy data" in plain(pane.summary.text())
    assert "1 to delete" in plain(pane.summary.text())

    firewall = steps["wn-hub-production-fw"]
    assert plain(firewall.text(MARK)) == "~ Update in place"
    assert firewall.text(WHY) == "rules changed"
    assert firewall.icon(MARK).isNull()  # destroys nothing
    # Rule by rule, in words, not as JSON: the port opened to everyone goes, 80 and 443 come.
    rules = [(plain(firewall.child(i).text(NAME)), plain(firewall.child(i).text(WHY)))
             for i in range(firewall.childCount())]
    assert rules == [("rules", "+ tcp 80 from 0.0.0.0/0, ::/0"),
                     ("rules", "+ tcp 443 from 0.0.0.0/0, ::/0"),
                     ("rules", "− tcp 5432 from 0.0.0.0/0")]
    assert priced.cost.before.monthly.net > 0  # the stray volume is billed now


def test_a_bad_network_is_named_at_its_field(pane: DeployPane, qtbot: Any) -> None:
    add_sandbox(pane, qtbot)
    add_blueprint(pane, qtbot, "enterprise", "hub")
    relist(pane, qtbot)
    pane.environments.choose("hub", "staging")
    qtbot.keyClicks(pane.form.ssh_from, "203.0.113.0/24, 0.0.0.0/0")
    assert pane.form.ssh_error.isVisible()
    assert pane.form.ssh_error.text() == ("'0.0.0.0/0' is not a single network in CIDR form "
                                          "(SSH is never open to everyone)")
    assert not pane.plan_button.isEnabled()
    pane.plan()  # Ctrl+Enter too: nothing is planned
    assert pane.planning is None
    pane.form.ssh_from.setText("10.1.2.3")
    assert "'10.1.2.3' is not a single network" in pane.form.ssh_error.text()
    pane.form.ssh_from.setText("10.1.2.3/32")
    assert not pane.form.ssh_error.isVisible() and pane.plan_button.isEnabled()


def test_a_location_the_blueprint_forbids_is_named_at_its_field(pane: DeployPane, qtbot: Any) -> None:
    add_sandbox(pane, qtbot)
    add_blueprint(pane, qtbot, "healthcare", "clinic")  # kept on premises in Saudi Arabia
    relist(pane, qtbot)
    pane.environments.choose("clinic", "production")
    assert plain(pane.environments.currentItem().text(REGION)) == "riyadh-dc1 (on premises)"
    assert pane.form.location.currentIndex() == -1  # no Hetzner region to start from
    pane.plan_button.click()
    assert pane.planning is None  # refused before anything is read
    assert pane.form.location_error.isVisible()
    assert "name a Hetzner location for it" in pane.form.location_error.text()

    pane.form.location.setCurrentIndex(pane.form.location.findData("fsn1"))
    assert not pane.form.location_error.isVisible()
    with qtbot.waitSignal(pane.plan_failed, timeout=60_000):
        pane.plan_button.click()
    wait_until(qtbot, lambda: pane.planning is None)
    text = pane.form.location_error.text()
    assert text.startswith("the production environment may not stand in fsn1:")
    assert "PDPL" in text and pane.form.location_error.isVisible()
    assert not pane.error.isVisible() and pane.tree.topLevelItemCount() == 0


def test_without_cloud_accounts_the_pane_points_to_settings(pane: DeployPane, qtbot: Any) -> None:
    assert pane.no_platforms.isVisible() and not pane.environments.isVisible()
    assert "No platforms yet" in pane.no_platforms.text()
    add_blueprint(pane, qtbot, "enterprise", "hub")
    relist(pane, qtbot)
    assert not pane.no_platforms.isVisible() and pane.environments.isVisible()
    assert pane.no_accounts.isVisible()
    assert pane.no_accounts.text() == (
        "No cloud accounts yet Add one under Settings → Cloud accounts. A sandbox account "
        "simulates Hetzner Cloud on this computer, with no token and nothing billed.")
    assert not pane.form.isVisible() and not pane.plan_button.isVisible()
    with qtbot.waitSignal(pane.open_settings, timeout=1_000):
        pane.no_accounts.button.click()
    add_sandbox(pane, qtbot)  # the live feed brings it in
    wait_until(qtbot, lambda: pane.form.isVisible() and pane.form.account.currentText() == "demo")
    assert not pane.no_accounts.isVisible()


def test_a_plan_action_is_enabled_only_with_a_plan_on_screen(pane: DeployPane, qtbot: Any) -> None:
    request = QPushButton("Request approval")
    pane.add_plan_action(request)
    add_sandbox(pane, qtbot)
    add_blueprint(pane, qtbot, "enterprise", "hub")
    relist(pane, qtbot)
    pane.environments.choose("hub", "development")
    assert request.isVisible() and not request.isEnabled()
    priced = plan(pane, qtbot)
    assert request.isEnabled()
    shown = pane.current_plan()
    assert shown is not None and shown[1] is priced and shown[0].environment == "development"
    pane.form.ssh_from.setText("203.0.113.0/24")  # the plan on screen no longer answers
    assert pane.current_plan() is None and not request.isEnabled()
    assert pane.tree.topLevelItemCount() == 0 and pane.costs.cells[("monthly_net", NOW)].text() == ""
    assert pane.summary.text() == ""
    plan(pane, qtbot)
    pane.environments.choose("hub", "staging")
    assert pane.current_plan() is None and not request.isEnabled()
    pane.environments.setFocus()
    qtbot.keyClick(pane.environments, Qt.Key.Key_Up)  # the keyboard moves between environments
    assert pane.environments.current().environment == "development"  # type: ignore[union-attr]
