"""The README's "Prices" commands, run verbatim in a shell on a sandbox account."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from app.paths import install_root
from tests.cli.test_readme_cloud import readme_blocks, run


def test_the_readme_prices_commands_work_as_written(tmp_path: Path) -> None:
    providers, owner = readme_blocks("## Prices")
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "WEBNOVA_HOME": str(tmp_path), "WEBNOVA_KEYRING": "file",
           "WEBNOVA_KEYRING_PASSPHRASE": "test pass phrase", "WEBNOVA_USER": "owner",
           "PYTHONPATH": str(install_root()), "PATH": f"{bin_dir}:{os.environ.get('PATH', '')}"}
    done = run(providers, env, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "synced Hetzner prices of account 'lab'" in out
    assert "cx22" in out and "lb11" in out
    quotes = [line for line in out.splitlines() if line.endswith(tuple("0123456789"))
              and " on 20" in line]
    assert quotes[0].startswith("3.79 EUR on ")  # 800 h: the monthly price
    # 1.5 h: two hours of 0.0061 EUR, at 4.05 SAR a euro: 0.04941 SAR
    assert quotes[1].startswith("0.05 SAR on ")
    listed = json.loads(out[out.index("[\n"):])
    sonnet = next(r for r in listed if r["model"] == "claude-sonnet-4")
    assert (sonnet["source"], sonnet["cache_read"]) == ("owner", "0.30")

    done = run(owner, env, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "defined 1 price model from 2026-01-01: storage" in done.stdout
    assert "storage  tiered  SA" in done.stdout
    assert "50.00 SAR on " in done.stdout  # 100 × 0.40 + 50 × 0.20
    assert done.stdout.splitlines()[-1].split() == ["EUR", "SAR", "4.05", "2026-01-01"]
