"""The Deploy pane's Releases and Backups tabs with real parts: the world of
``tests/release/test_release_deploy_cli.py`` (a workspace with a cloud account on the
Hetzner simulator, staging's infrastructure applied, release 1 built, and staging's two
servers in a box of their own: real sshd, Caddy and PostgreSQL), opened by the console the
way it opens its workspace. Release 1 is deployed from the pane to staging's servers,
reached through "Reach servers at"; the step log, the outcome, the table, the backups and a
health check are what the servers and the journal say. A deploy held by another console
shows as running, then as interrupted once it lets go; production waits for the owner's
approval, bound to the release."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.bootstrap import Console
from app.domain.errors import LeaseHeldError
from app.domain.events import NewEvent
from app.gui.deploy import release_ops
from app.gui.deploy.pane import DeployPane
from app.gui.deploy.release_views import BLUEPRINT, DEPLOYED_BY, RELEASE, RUNS, STATUS
from app.gui.formatting import strip_isolation
from app.gui.i18n import LanguageController
from app.gui.qt import QApplication, QMessageBox, QPushButton
from app.paths import resources_dir
from app.services.approvals import ApprovalRequest
from app.services.release_deploy import STARTED, release_deploy_stream
from app.services.release_targets import ReleaseTargetError
from tests.gui.conftest import wait_until
from tests.gui.deploy.conftest import settle, workspace_of
from tests.release.test_release_deploy_cli import APP, DB, Box, World, box, world  # noqa: F401  (fixtures)
from tests.support.layout import clipped_text

DEPLOY_TIMEOUT = 300_000  # an install from the release's wheels, a backup, migrations
SHOTS = Path("/tmp/webnova-release-shots")  # screenshots to look at by eye


@pytest.fixture
def user() -> str:
    return "owner"  # the root owner, who made the world's workspace


@pytest.fixture
def console(world: World, user: str, monkeypatch: pytest.MonkeyPatch) -> Console:  # noqa: F811
    """The console on the world's workspace and keyring (where the deploy keys are)."""
    for name in ("WEBNOVA_HOME", "WEBNOVA_KEYRING", "WEBNOVA_KEYRING_PASSPHRASE",
                 "WEBNOVA_HETZNER_ENDPOINT"):  # the simulator, never the real API
        monkeypatch.setenv(name, world.cli.env[name])
    monkeypatch.setenv("WEBNOVA_USER", user)
    return Console()


def plain(text: str) -> str:
    return strip_isolation(text)


def choose(pane: DeployPane, qtbot: Any, environment: str) -> None:
    tab = pane.releases
    pane.environments.choose("hub", environment)
    pane.tabs.setCurrentWidget(tab)
    wait_until(qtbot, lambda: tab.view is not None and tab.view.environment == environment
               and tab.table.topLevelItemCount() > 0, 20_000)


def column(pane: DeployPane, which: int, row: int = 0) -> str:
    item = pane.releases.table.topLevelItem(row)
    assert item is not None
    return plain(item.text(which))


def shoot(pane: DeployPane, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    assert pane.window().grab().save(str(SHOTS / f"{name}.png"))


def test_a_release_is_deployed_from_the_pane_with_its_steps_logged_then_checked(
        pane: DeployPane, qtbot: Any, box: Box, languages: LanguageController) -> None:  # noqa: F811
    tab = pane.releases
    choose(pane, qtbot, "staging")
    assert (column(pane, RELEASE), column(pane, BLUEPRINT)) == ("1", "1")
    assert column(pane, STATUS) == "Not deployed here" and column(pane, RUNS) == ""
    assert tab.chosen_release() == 1 and plain(tab.choice.currentText()) == "Release 1 (blueprint version 1)"
    assert tab.backups.backups == []  # read from the database server once the tab is shown

    # A wrong entry is named under the field; nothing is deployed with it.
    tab.reach_field.setPlainText("app-1:22")
    assert tab.reach_error.isVisibleTo(tab)
    assert plain(tab.reach_error.text()) == (
        "Reach servers at: app-1:22 is not SERVER=[USER@]HOST:PORT (for example "
        "wn-hub-staging-app-1=127.0.0.1:2222).")
    tab.reach_field.setPlainText(f"{APP}=127.0.0.1:22, {APP}=127.0.0.1:23")
    assert plain(tab.reach_error.text()) == f"Reach servers at: {APP} is named twice."
    tab.deploy_button.click()
    assert tab.running is None

    entries = box.reach()[1::2]  # SERVER=USER@127.0.0.1:PORT, one per server
    tab.reach_field.setPlainText("\n".join(entries))
    assert not tab.reach_error.isVisibleTo(tab)
    seen: list[str | None] = []  # the statuses shown while the deploy runs
    tab.loaded.connect(lambda view: seen.extend(r.status for r in view.rows))
    with qtbot.waitSignal(tab.deployed, timeout=DEPLOY_TIMEOUT) as blocker:
        tab.deploy_button.click()
        assert not tab.deploy_button.isEnabled() and not tab.health_button.isEnabled()
    result = blocker.args[0]
    assert getattr(result, "outcome", result) == "deployed", result
    wait_until(qtbot, lambda: tab.running is None)
    lines = [plain(line) for line in tab.log.texts()]
    assert lines[0] == "Set the database logins' passwords: done"
    for line in (f"Upload the release to {APP}: done", f"Install it on {APP}: done",
                 "Back up the database: done", "Migrate the database: done",
                 f"Switch {APP} to the release: done", f"Restart the platform on {APP}: done",
                 f"Check health on {APP}: done"):
        assert line in lines, lines
    assert plain(tab.message.text()) == "Release 1 is deployed to hub/staging."
    wait_until(qtbot, lambda: column(pane, STATUS) == "Deployed", 20_000)
    assert "deploying" in seen and "running" not in seen  # this console's own deploy
    assert column(pane, RUNS) == "Runs now" and column(pane, DEPLOYED_BY) == "owner"
    backups = tab.backups
    with qtbot.waitSignal(pane.backup_actions.listed, timeout=120_000):
        pane.tabs.setCurrentWidget(backups)
    assert [(e.kind, e.release, e.server) for e in backups.entries] == [("before-deploy", 1, DB)]
    assert backups.entries[0].size and backups.table.topLevelItemCount() == 1
    pane.tabs.setCurrentWidget(tab)

    with qtbot.waitSignal(tab.health_checked, timeout=120_000) as checked:
        tab.health_button.click()
    assert [(h.server, h.healthy) for h in checked.args[0]] == [(APP, True)]
    wait_until(qtbot, lambda: tab.checking is None)
    assert plain(tab.health_label.text()).startswith(f"Healthy: {APP} (checked ")

    # The field is remembered for the environment, and another one starts from its own.
    choose(pane, qtbot, "development")
    assert tab.reach_field.toPlainText() != "\n".join(entries)
    assert tab.log.count() == 0 and column(pane, RUNS) == ""
    choose(pane, qtbot, "staging")
    assert tab.reach_field.toPlainText() == "\n".join(entries)
    assert plain(tab.message.text()) == "Release 1 is deployed to hub/staging."

    # In Arabic: mirrored, the steps, statuses and outcome in Arabic, addresses left to right.
    window = pane.window()
    for width, height in ((834, 560), (1090, 760)):
        window.resize(width, height)
        QApplication.processEvents()
        qtbot.wait(30)
        assert not clipped_text(window), clipped_text(window)
    shoot(pane, "releases-en")
    pane.tabs.setCurrentWidget(backups)
    shoot(pane, "backups-en")
    pane.tabs.setCurrentWidget(tab)
    languages.apply("ar")
    wait_until(qtbot, lambda: pane.tabs.tabText(pane.tabs.indexOf(tab)) == "الإصدارات")
    assert column(pane, STATUS) == "نُشر" and column(pane, RUNS) == "يعمل الآن"
    assert plain(tab.log.texts()[0]) == "ضبط كلمات مرور حسابات قاعدة البيانات: تمّ"
    assert plain(tab.message.text()) == "نُشر الإصدار ١ على hub/staging."
    assert tab.reach_field.layoutDirection().name == "LeftToRight"
    assert tab.layoutDirection().name == "RightToLeft"
    assert plain(tab.health_label.text()).startswith(f"سليمة: {APP} (فُحصت ")
    shoot(pane, "releases-ar")
    for width, height in ((834, 560), (1090, 760)):
        window.resize(width, height)
        QApplication.processEvents()
        qtbot.wait(30)
        assert not clipped_text(window), clipped_text(window)
    pane.tabs.setCurrentWidget(backups)
    shoot(pane, "backups-ar")


def test_a_deploy_of_another_console_shows_running_then_interrupted(
        pane: DeployPane, qtbot: Any) -> None:
    workspace = workspace_of(pane)
    stream = release_deploy_stream(workspace.entry.tenant_id, "hub", "development")
    if not workspace.store.read_stream(stream):
        workspace.store.append(stream, [NewEvent(
            STARTED, workspace.entry.tenant_id, {"release": 1, "sha256": "0" * 64,
                                                 "previous": None, "servers": ["app"]},
            {"actor": "owner"})], None)
    holding, letting_go = threading.Event(), threading.Event()

    def other_console() -> None:
        for _try in range(200):  # the pane looks at the lease now and then: wait for a gap
            try:
                with workspace.store.lease(stream):
                    holding.set()
                    letting_go.wait(60)
                    return
            except LeaseHeldError:
                time.sleep(0.05)

    holder = threading.Thread(target=other_console, name="other-console")
    holder.start()
    try:
        assert holding.wait(10)
        tab = pane.releases
        rollback, restore = QPushButton("Roll back", tab), QPushButton("Restore", tab)
        tab.add_release_action(rollback)  # where the rollback and restore actions go
        tab.add_backup_action(restore)
        assert rollback.parentWidget() is tab and restore.parentWidget() is tab.backups
        choose(pane, qtbot, "development")
        pane.releases.refresh()  # it may have been read before the journal was written
        wait_until(qtbot, lambda: column(pane, STATUS) == "Running (another console)")
        assert column(pane, RUNS) == ""
        assert plain(tab.message.text()).startswith("Another console is deploying a release")
        assert not tab.deploy_button.isEnabled()
        assert not rollback.isEnabled() and not restore.isEnabled()
    finally:
        letting_go.set()
        holder.join(10)
    pane.releases.refresh()
    wait_until(qtbot, lambda: column(pane, STATUS) == "Interrupted")
    assert tab.deploy_button.isEnabled() and rollback.isEnabled() and restore.isEnabled()


@pytest.mark.parametrize("user", ["op"])
def test_production_waits_for_the_owner_with_the_release_bound(
        world: World, pane: DeployPane, qtbot: Any) -> None:  # noqa: F811
    cli = world.cli
    if "op" not in cli.okay("users", "list"):
        cli.okay("users", "add", "op", "--name", "Omar", "--role", "OPERATOR")
    plan = str(world.home / "production.json")
    if json.loads(cli.okay("deploy", "status", "hub", "--env", "production", "--json")).get(
            "state") != "applied":
        cli.okay("deploy", "plan", "hub", "--env", "production", "--account", "main",
                 "--location", "fsn1", "--out", plan)
        held = cli.call("deploy", "apply", plan, "--json", user="op")
        assert held.returncode == 3, held.stdout + held.stderr
        cli.okay("approvals", "approve", json.loads(held.stdout)["approval"], "--reason", "servers")
        cli.okay("deploy", "apply", plan, user="op")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]  # nothing listens there once the probe is closed
    servers = sorted(s["name"] for s in world.sim.state.resources["servers"].values()
                     if s["labels"].get("webnova.environment") == "production")
    tab = pane.releases
    choose(pane, qtbot, "production")
    tab.reach_field.setPlainText(", ".join(f"{name}=127.0.0.1:{closed}" for name in servers))
    with qtbot.waitSignal(tab.deployed, timeout=60_000) as blocker:
        tab.deploy_button.click()
    request = blocker.args[0]
    assert isinstance(request, ApprovalRequest)
    assert request.action.context["release"] == 1
    wait_until(qtbot, lambda: tab.running is None)
    assert plain(tab.message.text()) == f"Waiting for the owner's approval (request {request.id})."
    assert tab.open_approvals.isVisible()
    with qtbot.waitSignal(pane.open_approvals, timeout=1_000):
        tab.open_approvals.click()
    assert column(pane, STATUS) == "Not deployed here"

    cli.okay("approvals", "approve", request.id, "--reason", "release 1 to production")
    wait_until(qtbot, lambda: tab.deploy_button.text() == "Deploy &approved release", 20_000)
    assert plain(tab.message.text()).startswith(f"The owner approved request {request.id}")

    # Approved: the deploy goes ahead, to servers that cannot be reached here, so it stops
    # before anything changed and says where.
    with qtbot.waitSignal(tab.deployed, timeout=120_000) as blocker:
        tab.deploy_button.click()
    assert not isinstance(blocker.args[0], ApprovalRequest)
    wait_until(qtbot, lambda: tab.running is None)
    said = plain(tab.message.text())
    assert said.startswith("Nothing was deployed: ") and f"127.0.0.1:{closed}" in said
    assert said.endswith("The running release was not touched.")
    assert column(pane, STATUS) == "Not deployed here"

    # Servers that do not answer are not healthy, and the check says why.
    with qtbot.waitSignal(tab.health_checked, timeout=120_000) as checked:
        tab.health_button.click()
    apps = [name for name in servers if "-app-" in name]
    assert [(h.server, h.healthy) for h in checked.args[0]] == [(n, False) for n in apps]
    wait_until(qtbot, lambda: tab.checking is None)
    health = plain(tab.health_label.text())
    assert health.startswith(f"Not healthy: {apps[0]}: ") and f"127.0.0.1:{closed}" in health


@given(st.lists(st.one_of(
    st.sampled_from([f"{APP}=127.0.0.1:2222", f"{DB}=deploy@[::1]:22", "app-1:22", "=1:2",
                     f"{APP}=127.0.0.1:70000", f"{APP}=host:0"]),
    st.text(max_size=12)), max_size=4), st.sampled_from([",", "\n", ", "]))
def test_the_reach_field_is_either_servers_or_one_named_problem(entries: list[str],
                                                               joiner: str) -> None:
    text = joiner.join(entries)
    problem = release_ops.reach_problem(text)
    if problem is None:
        found = release_ops.reach_of(text)
        assert set(found) == {e.split("=", 1)[0].strip() for e in release_ops.split_reach(text)}
    else:
        kind, value = problem
        assert kind in ("entry", "twice") and value
        with pytest.raises(ReleaseTargetError):
            release_ops.reach_of(text)


def test_a_rollback_from_the_pane_goes_back_to_the_release_before(
        world: World, pane: DeployPane, qtbot: Any, box: Box,  # noqa: F811
        languages: LanguageController) -> None:
    """Release 2 (a rebuild of the same commit: no migration since release 1) runs on
    staging; Roll back… goes to release 1 with a plain switch, its steps logged live."""
    cli, entries = world.cli, box.reach()
    status = json.loads(cli.okay("release", "status", "hub", "--env", "staging", "--json"))
    if status["current"] != 1:
        cli.okay("release", "deploy", "hub", "--env", "staging", "--release", "1", *entries)
    cli.okay("release", "build", "hub")
    cli.okay("release", "deploy", "hub", "--env", "staging", "--release", "2", *entries)
    tab, button = pane.releases, pane.release_rollback
    choose(pane, qtbot, "staging")
    tab.reach_field.setPlainText("\n".join(entries[1::2]))
    wait_until(qtbot, lambda: tab.view is not None and tab.view.current == 2, 20_000)
    assert button.parentWidget() is tab and button.isEnabled()
    assert plain(button.text()) == "Roll &back…"

    # The chosen release runs now: the rollback goes to the one before, and says so.
    tab.choice.setCurrentIndex(tab.choice.findData(2))
    button.click()
    asked = button.dialog
    assert asked is not None and asked.isVisible()
    assert plain(asked.text()) == ("Roll hub/staging back from release 2 to release 1, the "
                                   "release that ran before it?")
    asked.button(asked.StandardButton.Cancel).click()
    assert tab.running is None and column(pane, RUNS, 1) == "Runs now"

    tab.choice.setCurrentIndex(tab.choice.findData(1))  # chosen, and it ran here
    button.click()
    asked = button.dialog
    assert plain(asked.text()).endswith("to release 1, the release chosen above?")
    go = next(b for b in asked.buttons() if asked.buttonRole(b) == asked.ButtonRole.AcceptRole)
    with qtbot.waitSignal(button.rolled_back, timeout=DEPLOY_TIMEOUT) as blocker:
        go.click()
        assert tab.running == ("hub", "staging")
        assert not button.isEnabled() and not tab.deploy_button.isEnabled()
    result = blocker.args[0]
    assert (getattr(result, "outcome", result), getattr(result, "choice", None)) == (
        "deployed", "switch"), result
    wait_until(qtbot, lambda: tab.running is None)
    lines = [plain(line) for line in tab.log.texts()]
    assert lines == [f"Switch {APP} to the release: done", f"Restart the platform on {APP}: done",
                     f"Check health on {APP}: done"], lines
    assert plain(tab.message.text()) == ("hub/staging is rolled back to release 1 (was 2): no "
                                         "migration ran since, the database was not touched.")
    wait_until(qtbot, lambda: column(pane, STATUS) == "Rolled back", 20_000)
    assert column(pane, RUNS) == "Runs now" and column(pane, RUNS, 1) == ""
    assert column(pane, STATUS, 1) == "Deployed"
    assert json.loads(cli.okay("release", "status", "hub", "--env", "staging", "--json")
                      )["current"] == 1
    # Back to 2 is now the way back ("the release before" the current one is 2).
    assert button.target() == (2, False) and button.isEnabled()
    shoot(pane, "rollback-en")

    languages.apply("ar")
    wait_until(qtbot, lambda: column(pane, STATUS) == "أُرجع إليه")
    assert plain(button.text()) == "ا&رجع…"
    assert plain(tab.message.text()) == ("أُرجع hub/staging إلى الإصدار ١ (كان ٢): لم يجرِ أي "
                                         "ترحيل منذئذ، ولم تُمسّ قاعدة البيانات.")
    assert plain(tab.log.texts()[0]) == f"تحويل {APP} إلى الإصدار: تمّ"
    shoot(pane, "rollback-ar")


OPERATOR_ROLLBACK = """  - id: operator-rollback
    kind: require_approval
    description:
      en: An operator's rollback of a release needs the root owner's approval
      ar: إرجاع المشغّل إصدارًا سابقًا يحتاج إلى موافقة المالك الأعلى
    when: 'action.kind == "deploy.apply" && action.context.plan_kind == "rollback" && action.actor == "op"'
    approvers: [ROOT_OWNER]
"""


def operator_rollbacks_need_the_owner(world: World) -> None:  # noqa: F811
    """Omar, an operator, whose rollbacks (on staging too) wait for the root owner: a rule
    proposed and approved through the CLI, as an owner adds one."""
    cli = world.cli
    if "op" not in cli.okay("users", "list"):
        cli.okay("users", "add", "op", "--name", "Omar", "--role", "OPERATOR")
    if "operator-rollback" in cli.okay("governance", "show"):
        return
    stricter = world.home / "constitution-rollbacks.yaml"
    default = (resources_dir() / "constitution" / "default.yaml").read_text(encoding="utf-8")
    stricter.write_text(default + OPERATOR_ROLLBACK, encoding="utf-8")
    proposal = cli.call("governance", "propose", str(stricter), "--why", "rollbacks", "--json")
    assert proposal.returncode == 3, proposal.stdout + proposal.stderr
    cli.okay("approvals", "approve", json.loads(proposal.stdout)["approval"], "--reason",
             "rollbacks")


def staging_status(world: World) -> dict[str, Any]:  # noqa: F811
    found: dict[str, Any] = json.loads(world.cli.okay("release", "status", "hub", "--env",
                                                      "staging", "--json"))
    return found


def release_two_after_one(world: World, box: Box) -> None:  # noqa: F811
    """Release 2 runs on staging, deployed by the owner after release 1 (a rebuild of the
    same commit: no migration between them)."""
    cli, entries = world.cli, box.reach()
    if len(json.loads(cli.okay("release", "list", "hub", "--json"))) < 2:
        cli.okay("release", "build", "hub")
    if staging_status(world)["current"] != 1:
        cli.okay("release", "deploy", "hub", "--env", "staging", "--release", "1", *entries)
    cli.okay("release", "deploy", "hub", "--env", "staging", "--release", "2", *entries)


def row_of(pane: DeployPane, release: int) -> int:
    table = pane.releases.table
    return next(i for i in range(table.topLevelItemCount())
                if column(pane, RELEASE, i) == str(release))


def running_from(box: Box) -> str:  # noqa: F811
    """The release the platform's process runs from on the app server (its working
    directory, entered through the ``current`` link when it was started)."""
    root = box.srv / "webnova" / "hub"
    pid = int((root / "run" / "app.pid").read_text(encoding="utf-8"))
    os.kill(pid, 0)  # it is alive
    return Path(os.readlink(f"/proc/{pid}/cwd")).name


def ask_to_roll_back(pane: DeployPane, qtbot: Any) -> ApprovalRequest:
    """Roll back… and confirm, as the operator: the request held for the owner."""
    tab, button = pane.releases, pane.release_rollback
    button.click()
    asked = button.dialog
    assert isinstance(asked, QMessageBox) and asked.isVisible()
    go = next(b for b in asked.buttons() if asked.buttonRole(b) == asked.ButtonRole.AcceptRole)
    with qtbot.waitSignal(button.rolled_back, timeout=DEPLOY_TIMEOUT) as blocker:
        go.click()
    request = blocker.args[0]
    assert isinstance(request, ApprovalRequest), request
    wait_until(qtbot, lambda: tab.running is None)
    assert plain(tab.message.text()) == f"Waiting for the owner's approval (request {request.id})."
    assert tab.open_approvals.isVisible() and plain(button.text()) == "Roll &back…"
    return request


@pytest.mark.parametrize("user", ["op"])
def test_an_operators_rollback_waits_for_the_owner_then_roll_back_approved_goes_back(
        world: World, box: Box, pane: DeployPane, qtbot: Any) -> None:  # noqa: F811
    operator_rollbacks_need_the_owner(world)
    release_two_after_one(world, box)
    history = json.loads(world.cli.okay("release", "history", "hub", "--env", "staging", "--json"))
    tab, button = pane.releases, pane.release_rollback
    choose(pane, qtbot, "staging")
    tab.reach_field.setPlainText("\n".join(box.reach()[1::2]))
    wait_until(qtbot, lambda: tab.view is not None and tab.view.current == 2, 20_000)
    assert button.target() == (1, False) and running_from(box) == "2"

    request = ask_to_roll_back(pane, qtbot)
    context = request.action.context
    assert (request.action.kind, request.action.actor) == ("deploy.apply", "op")
    assert (context["plan_kind"], context["release"], context["from_release"],
            context["choice"]) == ("rollback", 1, 2, "switch")
    assert staging_status(world)["current"] == 2 and running_from(box) == "2"  # it waits

    workspace = workspace_of(pane)
    settle(qtbot, workspace.runner.run(lambda: workspace.governance.decide_now(
        request.id, "owner", True, "back to release 1")))
    wait_until(qtbot, lambda: button.text() == "Roll back (&approved)", 30_000)
    assert plain(tab.message.text()) == (
        f"The owner approved request {request.id}: Roll back (approved) rolls back.")
    assert not tab.open_approvals.isVisible() and button.isEnabled()

    live: list[tuple[str, str, bool]] = []  # each step as it is reported, and whether it ran
    tab.reported.connect(lambda r: live.append((r.step, r.state, tab.running is not None)))
    with qtbot.waitSignal(button.rolled_back, timeout=DEPLOY_TIMEOUT) as blocker:
        button.click()
        assert tab.running == ("hub", "staging") and not button.isEnabled()
    result = blocker.args[0]
    assert (getattr(result, "outcome", result), getattr(result, "choice", None)) == (
        "deployed", "switch"), result
    assert live and all(running for _s, _st, running in live), live
    assert (f"health:{APP}", "done", True) in live, live
    wait_until(qtbot, lambda: tab.running is None)
    assert [plain(line) for line in tab.log.texts()] == [
        f"Switch {APP} to the release: done", f"Restart the platform on {APP}: done",
        f"Check health on {APP}: done"]
    assert plain(tab.message.text()) == ("hub/staging is rolled back to release 1 (was 2): no "
                                         "migration ran since, the database was not touched.")
    assert tab.waiting is None and plain(button.text()) == "Roll &back…"
    wait_until(qtbot, lambda: column(pane, STATUS, row_of(pane, 1)) == "Rolled back", 20_000)
    assert column(pane, RUNS, row_of(pane, 1)) == "Runs now"
    assert column(pane, RUNS, row_of(pane, 2)) == ""

    # Release 1 runs and answers through Caddy on the app server.
    assert staging_status(world)["current"] == 1 and running_from(box) == "1"
    assert (box.srv / "webnova" / "hub" / "releases" / "current").resolve().name == "1"
    with qtbot.waitSignal(tab.health_checked, timeout=120_000) as checked:
        tab.health_button.click()
    assert [(h.server, h.healthy) for h in checked.args[0]] == [(APP, True)]
    after = json.loads(world.cli.okay("release", "history", "hub", "--env", "staging", "--json"))
    assert [(h["release"], h["previous"], h["outcome"], h["by"], h.get("rollback"))
            for h in after[len(history):]] == [(1, 2, "deployed", "op", True)]


@pytest.mark.parametrize("user", ["op"])
def test_a_rejected_rollback_request_says_so_and_nothing_is_rolled_back(
        world: World, box: Box, pane: DeployPane, qtbot: Any,  # noqa: F811
        languages: LanguageController) -> None:
    operator_rollbacks_need_the_owner(world)
    if staging_status(world)["current"] is None:
        release_two_after_one(world, box)
    tab, button = pane.releases, pane.release_rollback
    choose(pane, qtbot, "staging")
    tab.reach_field.setPlainText("\n".join(box.reach()[1::2]))
    wait_until(qtbot, lambda: tab.view is not None and tab.view.current is not None, 20_000)
    if button.target() is None:  # nothing ran before the current release here
        release_two_after_one(world, box)
        wait_until(qtbot, lambda: tab.view is not None and tab.view.current == 2, 20_000)
    current = staging_status(world)["current"]
    history = world.cli.okay("release", "history", "hub", "--env", "staging", "--json")

    request = ask_to_roll_back(pane, qtbot)
    workspace = workspace_of(pane)
    settle(qtbot, workspace.runner.run(lambda: workspace.governance.decide_now(
        request.id, "owner", False, "not now")))
    said = f"The owner rejected request {request.id}: nothing was rolled back."
    wait_until(qtbot, lambda: plain(tab.message.text()) == said, 30_000)
    assert tab.waiting is None and not tab.open_approvals.isVisible()
    assert plain(button.text()) == "Roll &back…" and button.isEnabled()
    assert tab.log.count() == 0
    assert staging_status(world)["current"] == current and running_from(box) == str(current)
    assert world.cli.okay("release", "history", "hub", "--env", "staging", "--json") == history

    languages.apply("ar")
    wait_until(qtbot, lambda: plain(button.text()) == "ا&رجع…")
    assert plain(tab.message.text()) == f"رفض المالك الطلب {request.id}: لم يُرجَع شيء."
