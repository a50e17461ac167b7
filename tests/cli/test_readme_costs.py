"""The README's "Costs and budgets" commands, run verbatim in a shell."""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path

from app.paths import install_root
from tests.cli.test_readme_cloud import readme_blocks, run


def test_the_readme_costs_and_budgets_commands_work_as_written(tmp_path: Path) -> None:
    costs, budgets = readme_blocks("## Costs and budgets")
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "WEBNOVA_HOME": str(tmp_path), "WEBNOVA_KEYRING": "file",
           "WEBNOVA_KEYRING_PASSPHRASE": "test pass phrase", "WEBNOVA_USER": "owner",
           "PYTHONPATH": str(install_root()), "PATH": f"{bin_dir}:{os.environ.get('PATH', '')}"}
    done = run(costs, env, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    # 2,000,000 output tokens of Sonnet: 30 USD, at 3.75 SAR a dollar
    totals = [line.split() for line in out.splitlines() if line.startswith("TOTAL")]
    assert totals == [["TOTAL", "SAR112.50", "SAR0.00", "-SAR112.50"]]
    assert "platform.requests" in out and "no set of the owner's price models is in force" in out
    text = (tmp_path / "costs-2026-11.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines()))
    assert rows[0] == ["category", "cost", "revenue", "margin", "currency", "unpriced_rows"]
    assert rows[-1] == ["TOTAL", "112.50", "0.00", "-112.50", "SAR", "1"]
    report = json.loads(out[out.index("{\n"):out.rindex("}\n") + 1])
    assert (report["to"], report["total"]["cost"]) == ("2026-11-16", "112.50")
    assert "١١٢٫٥٠" in out and "الإجمالي" in out

    done = run(budgets, env, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == ("budget 'hub': 500 SAR each month for platform hub, warning at 50%, "
                        "80%, 100%")
    assert lines[1].startswith("budget 'q4': 2000 SAR 2026-10-01..2026-12-31 for the whole "
                               "workspace")
    assert lines[2].split()[:2] == ["NAME", "SCOPE"]
    assert lines[-1] == "removed budget 'q4'"
