"""The README's "Releases" commands, run verbatim in a shell."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from app.paths import install_root
from tests.cli.test_readme_cloud import readme_blocks


def test_the_readme_release_commands_work_as_written(tmp_path: Path) -> None:
    # The first block builds; the blocks of the subsections need servers
    # (tests/release/test_release_faults_cli.py, test_release_rollback_cli.py).
    block = readme_blocks("## Releases")[0]
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "WEBNOVA_HOME": str(tmp_path), "WEBNOVA_KEYRING": "file",
           "WEBNOVA_KEYRING_PASSPHRASE": "test pass phrase", "WEBNOVA_USER": "owner",
           "PYTHONPATH": str(install_root()), "PATH": f"{bin_dir}:{os.environ.get('PATH', '')}"}
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", block], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "built release 1 of shop (blueprint version 1, commit " in out
    assert re.search(r"^1\s+1\s+[0-9a-f]{12}\s+owner\s", out, re.M), out
    assert "valid: release 1 of shop (blueprint version 1, commit " in out
    assert "signed by owner with key " in out
    release = tmp_path / "data" / "releases" / "default" / "shop" / "shop-release-1.tar"
    assert release.is_file()
    registry = json.loads((tmp_path / "data" / "platforms.json").read_text(encoding="utf-8"))
    assert registry == {"shop": str(tmp_path / "platforms" / "shop")}
