"""``webnova release deploy`` faults end to end, in the box world of
``test_release_deploy_cli`` (the Hetzner simulator, the servers' sshd, Caddy and PostgreSQL
in a namespace of their own): a release file changed after it was built is refused before
anything is sent; a console killed by SIGKILL in the middle of a deploy (after the install,
before the switch; and after the switch, before the health check) leaves the deploy
"interrupted" (while the console lives, even stopped, it is "running"), the servers still
run a release the journal names, and the next deploy settles the interrupted one and
deploys. And the README's deploy and backup commands, run as written against the same box."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

import psycopg

from app.domain.release import server_files as files
from tests.cli.test_readme_cloud import readme_blocks, run
from tests.release import test_release_deploy_cli as base
from tests.support.pgserver import PASSWORD, SUPERUSER, PgServer

# The module fixtures of the CLI deploy tests, one instance for this module.
world, box = base.world, base.box
APP = base.APP


def status(world: base.World) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(world.cli.okay("release", "status", "hub", "--env",
                                                      "staging", "--json"))
    return found


def history(world: base.World) -> list[tuple[int, str]]:
    found = json.loads(world.cli.okay("release", "history", "hub", "--env", "staging", "--json"))
    return [(h["release"], h["state"]) for h in found]


def killed_at(world: base.World, box: base.Box, step: str, *args: str) -> list[str]:
    """Run ``release deploy`` and kill it with SIGKILL once it says ``step`` is done (it is
    stopped first, so the test can see it "running"); the steps it said were done."""
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "release", "deploy", "hub", "--env", "staging", "--json",
         *args, *box.reach()], env={**world.cli.env, "WEBNOVA_USER": "owner"},
        cwd=world.cli.home, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done: list[str] = []
    try:
        assert process.stdout is not None
        for line in process.stdout:
            said = json.loads(line)
            if said.get("event") == "step" and said["state"] == "done":
                done.append(said["step"])
                if said["step"] == step:
                    process.send_signal(signal.SIGSTOP)
                    break
        else:
            raise AssertionError(f"the deploy ended before {step}: {done}, "
                                 f"{process.stderr.read() if process.stderr else ''}")
        assert status(world)["state"] == "running"  # a live console holds the lease
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert process.returncode == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=30)
    return done


def current(box: base.Box) -> str:
    return os.readlink(box.srv / "webnova" / "hub" / "releases" / "current")


def app_alive(box: base.Box) -> bool:
    pid = int((box.srv / "webnova" / "hub" / "run" / "app.pid").read_text())
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_tampered_release_is_refused_and_nothing_is_sent(world: base.World,
                                                           box: base.Box) -> None:
    made = json.loads(world.cli.okay("release", "build", "hub", "--json"))
    path = Path(made["file"])
    with tarfile.open(path) as archive:
        wheel = next(m for m in archive if m.name.startswith("wheels/starlette-"))
    at = wheel.offset_data + wheel.size // 2
    original = path.read_bytes()
    spoilt = bytearray(original)
    spoilt[at] ^= 0x01
    path.write_bytes(bytes(spoilt))
    incoming = box.srv / "webnova" / "hub" / "incoming"
    before = sorted(incoming.iterdir()) if incoming.exists() else []
    deploys = history(world)
    try:
        refused = world.cli.call("release", "deploy", "hub", "--env", "staging", "--release",
                                 str(made["release"]), *box.reach())
    finally:
        path.write_bytes(original)
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert (f"error: release {made['release']} of hub is refused: {wheel.name} was changed: "
            "its SHA-256 is ") in refused.stderr
    assert refused.stdout == ""  # not a step was taken
    assert (sorted(incoming.iterdir()) if incoming.exists() else []) == before
    assert history(world) == deploys  # no deploy was started


def test_a_console_killed_mid_deploy_is_interrupted_and_the_next_deploy_settles_it(
        world: base.World, box: base.Box, pg_server: PgServer) -> None:
    world.cli.okay("release", "deploy", "hub", "--env", "staging", "--release", "1", *box.reach())
    assert status(world)["current"] == 1
    # Rows of two tenants, behind the row-level security the platform forces on its tables:
    # the next deploy's backup must hold both.
    names = files.database_names("hub")
    with psycopg.connect(f"host=127.0.0.1 port={pg_server.port} dbname={names.database} "
                         f"user={SUPERUSER} password={PASSWORD}") as conn:
        for n, tenant in ((1, "north"), (2, "south")):
            conn.execute("INSERT INTO announcement (id, tenant_id, owner_id, created_at, "
                         "updated_at, headline, body, audience, pinned) VALUES (%s, %s, %s, "
                         "now(), now(), %s, 'b', 'everyone', false)",
                         (f"00000000-0000-0000-0000-00000000000{n}", tenant,
                          f"00000000-0000-0000-0000-00000000010{n}", f"kept for {tenant}"))
    newest = max(r["release"] for r in json.loads(world.cli.okay("release", "list", "hub",
                                                                 "--json")))
    if newest == 1:
        newest = json.loads(world.cli.okay("release", "build", "hub", "--json"))["release"]
    start = len(history(world))

    # Killed after the install, before the switch: release 1 runs on, and the journal says so.
    done = killed_at(world, box, f"install:{APP}", "--release", str(newest))
    assert f"upload:{APP}" in done and not any(s.startswith("switch") for s in done)
    assert history(world)[start - 1:] == [(1, "deployed"), (newest, "interrupted")]
    now = status(world)
    assert (now["state"], now["current"], now["last"]["release"]) == ("interrupted", 1, newest)
    assert current(box) == "1" and app_alive(box)
    shown = world.cli.okay("release", "history", "hub", "--env", "staging")
    assert "interrupted" in shown.splitlines()[-1]

    again = world.cli.call("release", "deploy", "hub", "--env", "staging", "--release",
                           str(newest), *box.reach())
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stdout.splitlines()[-1] == f"hub staging: release {newest} deployed (was 1)"
    assert history(world)[start - 1:] == [(1, "deployed"), (newest, "failed"),
                                          (newest, "deployed")]
    reasons = json.loads(world.cli.okay("release", "history", "hub", "--env", "staging",
                                        "--json"))
    assert "before switching; the running release was not touched" in reasons[start]["reason"]
    assert current(box) == str(newest)
    backup = json.loads(world.cli.okay("backup", "list", "hub", "--env", "staging",
                                       "--json"))[-1]
    assert backup["release"] == newest
    dumped = subprocess.run([str(pg_server.bin_dir / "pg_restore"), "--data-only", "--table",
                             "announcement", "--file", "-",
                             str(box.srv / backup["path"].removeprefix("/srv/"))],
                            capture_output=True, text=True, check=True).stdout
    assert "kept for north" in dumped and "kept for south" in dumped

    # Killed after the switch, before the restart and health check (back to release 1):
    # the journal cannot say which one runs until the next deploy checks.
    done = killed_at(world, box, f"switch:{APP}", "--release", "1")
    assert f"switch:{APP}" in done and f"health:{APP}" not in done
    now = status(world)
    said = world.cli.okay("release", "status", "hub", "--env", "staging")
    assert now["state"] == "interrupted" and "interrupted" in said
    if now["last"]["steps"][-1] == f"switch:{APP}":  # stopped before the restart
        assert (now["current"], now["candidates"]) == (1, [1])
        assert "hub staging: release 1 is current" in said
    else:  # the restart ran first: its health check might have switched back
        assert now["last"]["steps"][-1] == f"restart:{APP}"
        assert (now["current"], now["candidates"]) == (None, sorted([1, newest]))
        assert f"release {min(1, newest)} or {max(1, newest)} is current" in said
    assert current(box) == "1"  # switched; the app still answers

    settled = world.cli.call("release", "deploy", "hub", "--env", "staging", "--release", "1",
                             *box.reach())
    assert settled.returncode == 0, settled.stdout + settled.stderr
    assert f"health {APP} done" in settled.stdout
    found = json.loads(world.cli.okay("release", "history", "hub", "--env", "staging",
                                      "--json"))
    assert [(h["release"], h["state"]) for h in found][-2:] == [(1, "deployed"), (1, "deployed")]
    assert "it was switched and is healthy, so it stands" in found[-2]["reason"]
    now = status(world)
    assert (now["state"], now["current"]) == ("deployed", 1)
    assert all(h["outcome"] is not None for h in found)  # nothing stays "in progress"
    assert world.cli.okay("release", "status", "hub", "--env", "staging").splitlines()[0] == \
        "hub staging: release 1 is current"


def test_the_readme_release_deploy_and_backup_commands_work_as_written(
        world: base.World, box: base.Box) -> None:
    """The README's "Deploying a release" block, then its "Backups" block, run verbatim in a
    shell against this box (here, with the servers reached through its forwarded ports)."""
    [deploy] = readme_blocks("### Deploying a release")[:1]
    [backups] = readme_blocks("### Backups")
    app_reach, db_reach = (box.reach()[i] for i in (1, 3))
    assert app_reach.startswith(f"{APP}=") and db_reach.startswith(f"{base.DB}=")
    env = {**world.cli.env, "WEBNOVA_USER": "owner", "APP_REACH": app_reach,
           "DB_REACH": db_reach}
    deploys = len(history(world))
    done = run(deploy, env, world.cli.home)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    newest = max(r["release"] for r in json.loads(world.cli.okay("release", "list", "hub",
                                                                 "--json")))
    assert f"hub staging: release {newest} deployed" in out
    assert "hub staging: release 1 deployed" in out
    assert "hub staging: release 1 is current" in out
    assert "last deploy: release 1 deployed" in out
    assert history(world)[deploys:] == [(newest, "deployed"), (1, "deployed")]
    assert re.search(r"^RELEASE\s+WAS\s+KIND\s+OUTCOME", out, re.M)
    assert re.search(r"^\S+\s+before-deploy \d+\s+\S+ \S+\s+\d+\s+yes\s+"
                     r"/srv/webnova-data/release-backups/hub/", out, re.M), out

    done = run(backups, env, world.cli.home)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    taken = re.search(r"^hub staging: backup (\S+-manual) taken \(", out, re.M)
    assert taken, out
    assert re.search(rf"^{taken[1]}\s+manual\s", out, re.M), out  # listed
    assert (f"drill of backup {taken[1]} in scratch database " in out  # the newest: that one
            and "(dropped): every table's rows match" in out)
    assert f"health {APP} done" in out
    assert out.splitlines()[-1] == f"hub staging: backup {taken[1]} restored"
