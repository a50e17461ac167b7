"""The README's "Custom domains" `show` block, run verbatim in a shell after the "Applying"
block's first two commands (staging applied on the sandbox account); the block changing the
domain runs in the servers' world of tests/release/test_domain_cli.py."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from app.paths import install_root
from tests.cli.test_readme_cloud import readme_blocks


def test_the_readme_domain_commands_work_as_written(tmp_path: Path) -> None:
    *_accounts, plan, deploy = readme_blocks("## Cloud accounts")
    show, _change = readme_blocks("### Custom domains")
    script = plan + "\n".join(deploy.splitlines()[:2]) + "\n" + show
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "WEBNOVA_HOME": str(tmp_path), "WEBNOVA_KEYRING": "file",
           "WEBNOVA_KEYRING_PASSPHRASE": "test pass phrase", "WEBNOVA_USER": "owner",
           "PYTHONPATH": str(install_root()), "PATH": f"{bin_dir}:{os.environ.get('PATH', '')}"}
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "hub staging: domain staging.hub.nordwind-group.example" in done.stdout
    assert re.search(r"^entry point: app server wn-hub-staging-app-1 \(\S+, \S+\)$",
                     done.stdout, re.M), done.stdout
    assert '"type": "CAA"' in done.stdout
