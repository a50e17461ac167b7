"""``webnova release rollback`` end to end, in the world of ``test_release_deploy_cli`` (the
Hetzner simulator, staging applied through the console, its servers in a box of their
own with sshd, Caddy and PostgreSQL): a plain switch back where no migration ran; where
one ran, exit 5 with both ways back and what each loses; and, under a constitution that
wants the owner for rollbacks that destroy data, the downgrade waits for an approval
whose request says the consequence in English and Arabic, then runs; the README's rollback
commands run as written; and the backup taken and restored as the migrating login keeps
every tenant's rows."""

from __future__ import annotations

import json

import psycopg
import pytest

from app.domain.release import server_files as files
from app.paths import resources_dir
from tests.cli.test_readme_cloud import readme_blocks, run
from tests.release import test_release_deploy_cli as cli_tests
from tests.release.test_release_deploy_cli import Box, World
from tests.release.test_release_rollback import TAG
from tests.support.pgserver import PASSWORD, SUPERUSER, PgServer

world = cli_tests.world  # this module's own simulator, workspace and box
box = cli_tests.box

RULE = """  - id: rollback-destroying-data
    kind: require_approval
    description:
      en: A rollback that drops or replaces data needs the root owner's approval
      ar: الإرجاع الذي يحذف البيانات أو يستبدلها يحتاج إلى موافقة المالك الأعلى
    when: 'action.kind == "deploy.apply" && action.context.plan_kind == "rollback" && action.context.destroys_data == true'
    approvers: [ROOT_OWNER]
    requester_may_approve: true
"""


def tables(pg: PgServer) -> set[str]:
    with psycopg.connect(host="127.0.0.1", port=pg.port, user=SUPERUSER, password=PASSWORD,
                         dbname=files.database_names("hub").database) as conn:
        return {r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()}


def audit_total(world: World) -> int:
    """How many ``deploy.apply`` entries the audit log has done for staging."""
    page = json.loads(world.cli.okay("audit", "list", "--action", "deploy.apply", "--subject",
                                     "hub/staging", "--outcome", "done", "--json"))
    return int(page["total"])


@pytest.mark.postgres
def test_back_by_a_plain_switch_or_a_choice_of_two_ways(world: World, box: Box,
                                                        pg_server: PgServer) -> None:
    cli = world.cli
    reach = box.reach()
    cli.okay("release", "deploy", "hub", "--env", "staging", *reach)  # release 1
    cli.okay("release", "build", "hub")
    cli.okay("release", "deploy", "hub", "--env", "staging", *reach)  # release 2, same schema

    plain = cli.call("release", "rollback", "hub", "--env", "staging", *reach)
    assert plain.returncode == 0, plain.stdout + plain.stderr
    assert plain.stdout.splitlines()[-1] == ("hub staging: rolled back to release 1 (was 2; no "
                                             "migration ran since, the database was not touched)")
    table = cli.okay("release", "history", "hub", "--env", "staging")
    assert table.splitlines()[-1].split()[:4] == ["1", "2", "rollback", "deployed"]

    # Release 3 has one entity more: one more migration.
    blueprint = json.loads(cli.okay("blueprint", "export", "hub", "--format", "json"))
    blueprint["entities"].append(TAG)
    changed = world.home / "hub-v2.json"
    changed.write_text(json.dumps(blueprint, ensure_ascii=False), encoding="utf-8")
    cli.okay("blueprint", "import", str(changed))
    cli.okay("generate", "hub", "--out", str(world.home / "hub"))
    cli.okay("release", "build", "hub")
    cli.okay("release", "deploy", "hub", "--env", "staging", *reach)
    assert "asset_tag" in tables(pg_server)

    rollback = ("release", "rollback", "hub", "--env", "staging", "--to", "2", *reach)
    choose = cli.call(*rollback)
    assert choose.returncode == 5, choose.stdout + choose.stderr
    assert "--downgrade — downgrade: the database is migrated down" in choose.stderr
    assert "--restore-backup — restore the backup: the database is restored" in choose.stderr
    options = json.loads(cli.call(*rollback, "--json").stdout)["options"]
    assert [o["choice"] for o in options] == ["downgrade", "restore"]
    assert "تُحذف الأعمدة والجداول" in options[0]["ar"] and "يضيع كل تغيير" in options[1]["ar"]
    assert cli.call(*rollback, "--downgrade", "--restore-backup").returncode == 2  # one or other

    # The parts below go on from here: one test, so the workers of a parallel run never split
    # the story (each would build a world of its own, without what came before).
    the_readme_rollback_commands_work_as_written(world, box, pg_server)
    a_rollback_destroying_data_waits_for_the_owner_and_then_runs(world, box, pg_server)
    the_backup_restored_as_the_migrating_login_holds_every_tenants_rows(world, box, pg_server)


def the_readme_rollback_commands_work_as_written(world: World, box: Box,
                                                 pg_server: PgServer) -> None:
    """After the first part: release 3 runs, release 1 ran before it. The README's
    "Rolling back a release" block, run verbatim in a shell, ends with release 3 back."""
    [block] = readme_blocks("#### Rolling back a release")
    app_reach, db_reach = (box.reach()[i] for i in (1, 3))
    assert app_reach.startswith(f"{cli_tests.APP}=") and db_reach.startswith(f"{cli_tests.DB}=")
    env = {**world.cli.env, "WEBNOVA_USER": "owner", "APP_REACH": app_reach,
           "DB_REACH": db_reach}
    done = run(block, env, world.home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "--downgrade — downgrade: the database is migrated down" in done.stderr
    assert "--restore-backup — restore the backup: the database is restored" in done.stderr
    said = [line for line in done.stdout.splitlines() if line.startswith("hub staging:")]
    assert said == [
        "hub staging: rolled back to release 1 (was 3; the database was migrated down)",
        "hub staging: rolled back to release 3 (was 1; the database backup was restored)"]
    history = json.loads(world.cli.okay("release", "history", "hub", "--env", "staging",
                                        "--json"))
    assert [(h["release"], h.get("choice"), h["outcome"]) for h in history[-2:]] == [
        (1, "downgrade", "deployed"), (3, "restore", "deployed")]
    # The downgrade dropped release 3's table after a dump; restoring that dump brought it back.
    assert history[-2]["backup"]["id"].endswith("-before-rollback-to-1")
    assert "asset_tag" in tables(pg_server)


def a_rollback_destroying_data_waits_for_the_owner_and_then_runs(
        world: World, box: Box, pg_server: PgServer) -> None:
    """After the first part: release 3 (one migration more than 2) runs on staging."""
    cli = world.cli
    rollback = ("release", "rollback", "hub", "--env", "staging", "--to", "2", *box.reach())

    stricter = world.home / "constitution.yaml"
    default = (resources_dir() / "constitution" / "default.yaml").read_text(encoding="utf-8")
    stricter.write_text(default + RULE, encoding="utf-8")
    proposal = cli.call("governance", "propose", str(stricter), "--why", "rollbacks", "--json")
    assert proposal.returncode == 3, proposal.stdout + proposal.stderr
    cli.okay("approvals", "approve", json.loads(proposal.stdout)["approval"], "--reason", "yes")

    waiting = cli.call(*rollback, "--downgrade", "--json")
    assert waiting.returncode == 3, waiting.stdout + waiting.stderr
    shown = json.loads(cli.okay("approvals", "show", json.loads(waiting.stdout)["approval"],
                                "--json"))
    context = shown["action"]["context"]
    assert (context["plan_kind"], context["release"], context["from_release"], context["choice"],
            context["destroys_data"]) == ("rollback", 2, 3, "downgrade", True)
    assert "dropped with their data" in shown["attachments"]["plan"]
    assert "مع بياناتها" in shown["attachments"]["plan_ar"]
    assert "asset_tag" in tables(pg_server)  # nothing done while it waits
    cli.okay("approvals", "approve", shown["id"], "--reason", "back to 2")

    audited_before = audit_total(world)
    done = cli.call(*rollback, "--downgrade")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "downgrade done" in done.stdout
    assert done.stdout.splitlines()[-1] == ("hub staging: rolled back to release 2 (was 3; the "
                                            "database was migrated down)")
    assert "asset_tag" not in tables(pg_server)
    history = json.loads(cli.okay("release", "history", "hub", "--env", "staging", "--json"))
    assert [(h["release"], h.get("rollback", False), h.get("choice"), h["outcome"])
            for h in history[-2:]] == [(3, True, "restore", "deployed"),  # the README's last
                                       (2, True, "downgrade", "deployed")]
    audited = audit_total(world)
    assert audited == audited_before + 1  # the rollback's outcome is in the audit log


def departments(pg: PgServer, add: str = "") -> list[str]:
    """The department names (read as the superuser: every tenant); ``add`` one first."""
    with psycopg.connect(host="127.0.0.1", port=pg.port, user=SUPERUSER, password=PASSWORD,
                         dbname=files.database_names("hub").database) as conn:
        if add:
            at = "2026-01-01T00:00:00+00:00"
            conn.execute("INSERT INTO department (id, tenant_id, created_at, updated_at, name, "
                         "cost_centre) VALUES (%s, %s, %s, %s, %s, %s)",
                         (add, f"tenant-{add}", at, at, add, str(1000 + len(add))))
        return [r[0] for r in conn.execute("SELECT name FROM department ORDER BY name")]


def the_backup_restored_as_the_migrating_login_holds_every_tenants_rows(
        world: World, box: Box, pg_server: PgServer) -> None:
    """After the parts above: release 2 runs; the tables isolate tenants (forced row-level
    security), and the backup and the restore, both as the migrating login, keep them all."""
    cli = world.cli
    reach = box.reach()
    kept = departments(pg_server, add="north")
    cli.okay("release", "deploy", "hub", "--env", "staging", *reach)  # release 3, dump before
    assert departments(pg_server, add="south") == [*kept, "south"]
    rollback = ("release", "rollback", "hub", "--env", "staging", "--restore-backup", *reach)
    waiting = cli.call(*rollback, "--json")
    assert waiting.returncode == 3, waiting.stdout + waiting.stderr
    request = json.loads(waiting.stdout)["approval"]
    shown = json.loads(cli.okay("approvals", "show", request, "--json"))
    assert "every change written since" in shown["attachments"]["plan"]
    assert "يضيع كل تغيير" in shown["attachments"]["plan_ar"]
    cli.okay("approvals", "approve", request, "--reason", "back to the backup")
    done = cli.call(*rollback)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == ("hub staging: rolled back to release 2 (was 3; the "
                                            "database backup was restored)")
    assert "north" in kept and departments(pg_server) == kept  # "south" came after the dump
    assert "asset_tag" not in tables(pg_server)
