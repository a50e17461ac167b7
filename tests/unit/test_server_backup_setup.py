"""What cloud-init gives the database server for backups: the drill hook, the daily dump
script and its systemd service and timer (checked by ``systemd-analyze verify``; systemd
itself cannot run in the tests — the script is run for real in
``tests/release/test_db_backups.py``), the retention from the blueprint's environment."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from app.domain.cloud.model import CloudSpecError
from app.domain.release import server_files as files
from app.domain.release import server_scripts as scripts
from app.domain.release.server_setup import PlatformSite, platform_site
from app.integrations.deploy_keys import DeployKeys
from tests.codegen.conftest import template_document
from tests.unit.test_server_setup import DB, keys, made, tool, written

__all__ = ["keys"]  # the fixture

SERVICE = f"/etc/systemd/system/{files.BACKUP_UNIT}.service"
TIMER = f"/etc/systemd/system/{files.BACKUP_UNIT}.timer"


def test_the_database_server_gets_the_drill_hook_the_dump_script_and_a_daily_timer(keys: DeployKeys) -> None:
    _text, parsed = made(keys, DB, PlatformSite("hub", backup_keep=30))
    assert written(parsed, scripts.DRILL_HOOK) == scripts.DB_DRILL
    assert written(parsed, scripts.SCHEDULED_BACKUP_PATH) == scripts.SCHEDULED_BACKUP
    service = written(parsed, SERVICE)
    assert f"ExecStart={scripts.SCHEDULED_BACKUP_PATH} {scripts.BACKUP_DIR} 30\n" in service
    assert "User=webnova\n" in service and "Type=oneshot\n" in service
    timer = written(parsed, TIMER)
    assert "OnCalendar=*-*-* 02:30:00\n" in timer and "RandomizedDelaySec=30min\n" in timer
    assert "Persistent=true\n" in timer and "WantedBy=timers.target\n" in timer
    runcmd = parsed["runcmd"]
    setup = next(i for i, c in enumerate(runcmd) if c[0] == "/usr/local/sbin/webnova-postgres-setup")
    enable = runcmd.index(["systemctl", "enable", "--now", f"{files.BACKUP_UNIT}.timer"])
    folder = runcmd.index(["install", "-d", "-o", "webnova", "-g", "webnova", "-m", "0700",
                           scripts.BACKUP_DIR])
    assert setup < folder < enable  # PostgreSQL and the folder first, then the timer
    _text, app = made(keys, "wn-hub-production-app-1")
    assert not any(f["path"] in (SERVICE, TIMER, scripts.DRILL_HOOK) for f in app["write_files"])


def test_the_service_and_timer_pass_systemd_analyze_verify(keys: DeployKeys, tmp_path: Path) -> None:
    analyze = tool("systemd-analyze")
    _text, parsed = made(keys, DB)
    root = tmp_path / "root"
    units = root / "etc/systemd/system"
    units.mkdir(parents=True)
    (units / Path(SERVICE).name).write_text(written(parsed, SERVICE), encoding="utf-8")
    (units / Path(TIMER).name).write_text(written(parsed, TIMER), encoding="utf-8")
    system = root / "usr/lib/systemd/system"
    system.mkdir(parents=True)
    for source in Path("/usr/lib/systemd/system").iterdir():
        if source.is_file() and source.suffix in (".target", ".slice"):
            shutil.copyfile(source, system / source.name)
    script = root / scripts.SCHEDULED_BACKUP_PATH.lstrip("/")
    script.parent.mkdir(parents=True)
    script.write_text(scripts.SCHEDULED_BACKUP, encoding="utf-8")
    script.chmod(0o755)

    def verify() -> list[str]:
        result = subprocess.run([analyze, "verify", f"--root={root}", TIMER, SERVICE],
                                capture_output=True, text=True, timeout=60)
        return [line for line in (result.stdout + result.stderr).splitlines()
                if files.BACKUP_UNIT in line]

    assert verify() == []
    (units / Path(TIMER).name).write_text(written(parsed, TIMER).replace(
        "OnCalendar=*-*-* 02:30:00", "OnCalendar=every night"), encoding="utf-8")
    assert verify() != []  # and the check bites


def test_the_retention_comes_from_the_blueprint_environment_or_is_fourteen_days() -> None:
    document = template_document("healthcare")
    for environment in document["environments"]:
        environment.pop("backup_retention_days", None)
    assert platform_site(document, "production").backup_keep == scripts.KEEP_DAILY == 14
    document["environments"][0]["backup_retention_days"] = 45
    name = document["environments"][0]["name"]
    assert platform_site(document, name).backup_keep == 45


def test_a_retention_below_one_is_refused_naming_the_setting() -> None:
    with pytest.raises(CloudSpecError) as raised:
        files.backup_service(scripts.BACKUP_DIR, 0, scripts.SCHEDULED_BACKUP_PATH)
    assert raised.value.setting == "backup_retention_days"


def test_the_dump_script_refuses_a_bad_keep_count(tmp_path: Path) -> None:
    script = tmp_path / "webnova-db-backup"
    script.write_text(scripts.SCHEDULED_BACKUP, encoding="utf-8")
    script.chmod(0o755)
    for keep in ("0", "-3", "many", ""):
        done = subprocess.run([str(script), str(tmp_path), keep], capture_output=True, text=True)
        assert done.returncode == 2 and "KEEP must be a whole number" in done.stderr, keep
