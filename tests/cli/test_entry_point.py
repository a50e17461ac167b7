"""The installed ``webnova`` console script and ``python -m app``, as separate processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import app

ROOT = Path(__file__).resolve().parents[2]
WEBNOVA = Path(sys.executable).parent / "webnova"


@pytest.fixture
def env(console_home: Path) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST_", "WEBNOVA_", "DBUS_"))
    }
    environment.update(WEBNOVA_HOME=str(console_home), WEBNOVA_KEYRING="memory")
    return environment


def run(
    args: list[str], env: dict[str, str], stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, env=env, cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=120
    )


def test_the_console_script_is_installed() -> None:
    assert WEBNOVA.exists(), f"{WEBNOVA} is missing: install the project (pip install -e .)"


def test_version(env: dict[str, str]) -> None:
    done = run([str(WEBNOVA), "--version"], env)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"webnova {app.__version__}\n"
    assert done.stderr == ""


def test_help(env: dict[str, str]) -> None:
    done = run([str(WEBNOVA), "--help"], env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: webnova")
    for command in ("workspace", "db", "events"):
        assert f"\n    {command} " in done.stdout


def test_a_usage_error(env: dict[str, str]) -> None:
    done = run([str(WEBNOVA), "workspace", "add", "x", "mysql://u:sub-pw-1@h/db"], env)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("error: invalid database URL: unsupported database 'mysql'")
    assert len(done.stderr.splitlines()) == 1
    assert "sub-pw-1" not in done.stderr


def test_append_and_tail_through_python_dash_m(env: dict[str, str], console_home: Path) -> None:
    batch = [
        {"stream_id": f"s-{i % 3}", "type": "Ping", "tenant_id": "t", "data": {"i": i}}
        for i in range(10)
    ]
    done = run([sys.executable, "-m", "app", "events", "append", "-"], env, json.dumps(batch))
    assert done.returncode == 0, done.stderr
    assert done.stdout == "appended 10 events to workspace 'local' (positions 1-10)\n"
    tail = run([sys.executable, "-m", "app", "events", "tail", "--json", "--limit", "4"], env)
    assert tail.returncode == 0, tail.stderr
    assert [e["position"] for e in json.loads(tail.stdout)] == [7, 8, 9, 10]
    assert (console_home / "data" / "logs" / "console.log").exists()


def test_a_pipe_closed_early_is_not_a_traceback(env: dict[str, str]) -> None:
    batch = [{"stream_id": "s", "type": "Ping", "tenant_id": "t", "data": {}}] * 500
    run([str(WEBNOVA), "events", "append", "-"], env, json.dumps(batch))
    reader = subprocess.Popen(
        f"'{WEBNOVA}' events tail --limit 500 | head -n 1",
        shell=True,
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    out, err = reader.communicate(timeout=120)
    assert out.startswith("POSITION")
    assert "Traceback" not in err
