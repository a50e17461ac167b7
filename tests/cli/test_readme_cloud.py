"""The README's "Cloud accounts" commands, run verbatim in a shell: the sandbox block as it
stands, the real-account block against the Hetzner simulator standing in for the API."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from app.integrations.hetzner_sim import HetznerSimulator
from app.paths import install_root

TOKEN = "hz-readme-token-V3nQ8rT1yU6iO0pA5sD9fG2hJ7kL4zX8cB1nM6qW3eR0tY5uI9o"


def readme_blocks(heading: str) -> list[str]:
    """The ```sh blocks of the README's section ``heading`` (e.g. "## Releases" or "#### Rolling
    back a release"): up to the next heading of its level or higher, so with its subsections."""
    text = (install_root() / "README.md").read_text(encoding="utf-8")
    section = text[text.index(heading + "\n"):]
    level = len(heading) - len(heading.lstrip("#"))
    # "# " lines are shell comments in the blocks; the README's one "# " heading is its title.
    end = re.search(rf"\n#{{2,{level}}} ", section[len(heading):])
    section = section[:len(heading) + end.start()] if end else section
    return re.findall(r"```sh\n(.*?)```", section, re.S)


def run(script: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def test_the_readme_cloud_commands_work_as_written(tmp_path: Path) -> None:
    sandbox, real, _plan, _deploy = readme_blocks("## Cloud accounts")
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "WEBNOVA_HOME": str(tmp_path), "WEBNOVA_KEYRING": "file",
           "WEBNOVA_KEYRING_PASSPHRASE": "test pass phrase", "WEBNOVA_USER": "owner",
           "PYTHONPATH": str(install_root()), "PATH": f"{bin_dir}:{os.environ.get('PATH', '')}"}
    done = run(sandbox, env, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "added cloud account 'demo' (hetzner): a simulated Hetzner Cloud" in done.stdout
    assert "cloud account 'demo' (hetzner, sandbox): token valid" in done.stdout
    assert "removed cloud account 'demo'" in done.stdout

    with HetznerSimulator(TOKEN) as sim:
        env |= {"HCLOUD_TOKEN": TOKEN, "WEBNOVA_HETZNER_ENDPOINT": sim.url}
        done = run(real, env, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    check = json.loads(done.stdout[done.stdout.index("{"):])
    assert (check["name"], check["token_valid"]) == ("prod", True)
    assert 3590 <= check["remaining"] < 3600  # add and check each spent one; a second refills one
    assert TOKEN not in done.stdout + done.stderr
    written = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert TOKEN.encode() not in written  # the file keyring holds it encrypted


def test_the_readme_plan_commands_work_as_written(tmp_path: Path) -> None:
    *_accounts, plan, _deploy = readme_blocks("## Cloud accounts")
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "WEBNOVA_HOME": str(tmp_path), "WEBNOVA_KEYRING": "file",
           "WEBNOVA_KEYRING_PASSPHRASE": "test pass phrase", "WEBNOVA_USER": "owner",
           "PYTHONPATH": str(install_root()), "PATH": f"{bin_dir}:{os.environ.get('PATH', '')}"}
    done = run(plan, env, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "+ firewall wn-hub-production-fw (not there yet)" in done.stdout
    assert "Monthly, net: €0.00 → €" in done.stdout
    written = json.loads((tmp_path / "hub-plan.json").read_text(encoding="utf-8"))
    assert written["environment"] == {"platform": "hub", "environment": "production",
                                      "account": "lab", "location": "fsn1"}
    assert written["summary"]["create"] == 11


def test_the_readme_deploy_commands_work_as_written(tmp_path: Path) -> None:
    *_accounts, plan, deploy = readme_blocks("## Cloud accounts")
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "WEBNOVA_HOME": str(tmp_path), "WEBNOVA_KEYRING": "file",
           "WEBNOVA_KEYRING_PASSPHRASE": "test pass phrase", "WEBNOVA_USER": "owner",
           "PYTHONPATH": str(install_root()), "PATH": f"{bin_dir}:{os.environ.get('PATH', '')}"}
    assert run(plan, env, tmp_path).returncode == 0
    done = run(deploy, env, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "create server wn-hub-staging-app-1 done" in out
    assert "hub staging: applied (deployment 1, apply, by owner" in out
    assert "host key wn-hub-staging-db-1: SHA256:" in out
    assert "No drift: the environment is as it was last applied." in out
    assert "~ firewall wn-hub-staging-fw" in out
    history = out[out.rindex("#"):].splitlines()
    assert [line.split()[:3] for line in history[1:]] == [
        ["1", "apply", "applied"], ["2", "apply", "applied"], ["3", "rollback", "applied"]]
    # The console's keys are only in the (encrypted) keyring, and in the cloud-init the
    # (simulated) cloud keeps for each server, as Hetzner does.
    written = b"".join(p.read_bytes() for p in tmp_path.rglob("*")
                       if p.is_file() and "cloud-sandbox" not in p.parts)
    assert b"PRIVATE KEY" not in written
