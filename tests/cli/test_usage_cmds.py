"""``webnova usage import|list|meter`` on a SQLite workspace, and the README's Usage block."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from app.paths import install_root
from tests.cli.conftest import Run
from tests.cli.test_readme_cloud import readme_blocks

HEADER = "resource,quantity,period_start,provider,platform,environment,tenant\n"
ROW = "platform.requests,{q},2026-{m:02d}-{d:02d}T10:00:00Z,owner,{p},production,acme\n"


def row(q: object, d: int, p: str = "hub", m: int = 11) -> str:
    return ROW.format(q=q, d=d, p=p, m=m)


def events_in(webnova: Run) -> int:
    result = webnova("events", "tail", "--json", "--limit", "10000")
    assert result.code == 0, result.err
    return len(result.json())


def test_import_then_list_by_month_and_platform(webnova: Run, tmp_path: Path) -> None:
    path = tmp_path / "usage.csv"
    path.write_text(HEADER + row(100, 3) + row("0.5", 3) + row(7, 4, "shop") + row(9, 1, m=12),
                    encoding="utf-8")
    result = webnova("usage", "import", str(path))
    assert result.code == 0, result.err
    assert result.out.strip() == "imported 4 usage records into workspace 'local'"

    audit = webnova("audit", "list", "--json", "--action", "cli.usage.import").json()
    assert [(e["subject"], e["outcome"]) for e in audit["entries"]] == [(str(path), "ok")]

    rows = webnova("usage", "list", "--period", "2026-11", "--json").json()
    assert [(r["day"], r["platform"], r["quantity"], r["records"]) for r in rows] == [
        ("2026-11-03", "hub", "100.5", 2), ("2026-11-04", "shop", "7", 1)]
    assert (rows[0]["unit"], rows[0]["category"], rows[0]["tenant"]) == ("request", "platform", "acme")
    only = webnova("usage", "list", "--period", "2026-11", "--platform", "shop").out.splitlines()
    assert only[0].split()[:3] == ["DAY", "PLATFORM", "ENV"]
    assert [line.split()[:2] for line in only[1:]] == [["2026-11-04", "shop"]]
    empty = webnova("usage", "list", "--period", "2026-01")
    assert empty.out.strip() == "no usage in workspace 'local' for that month"


def test_a_bad_csv_row_names_line_and_field_and_imports_nothing(webnova: Run, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text(HEADER + row(1, 3), encoding="utf-8")
    assert webnova("usage", "import", str(good)).code == 0
    before = events_in(webnova)
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + row(1, 3) + row(2, 3) + row(-2, 3), encoding="utf-8")
    result = webnova("usage", "import", str(bad))
    assert result.code == 1
    assert result.error == (f"error: {bad}: line 4, quantity: must not be negative; "
                            "nothing was imported")
    assert events_in(webnova) == before


def test_a_bad_json_item_names_its_index(webnova: Run, tmp_path: Path) -> None:
    path = tmp_path / "usage.json"
    item = {"resource": "cloud.traffic_gb", "quantity": "3.25", "period_start": "2026-11-03T10:00:00Z",
            "provider": "hetzner", "platform": "hub"}
    path.write_text(json.dumps([item, {**item, "unit": "MB"}]), encoding="utf-8")
    result = webnova("usage", "import", str(path), "--json")
    assert result.code == 1
    assert "[1], unit: cloud.traffic_gb is counted in 'GB', not 'MB'" in result.error
    path.write_text(json.dumps([item]), encoding="utf-8")
    done = webnova("usage", "import", str(path), "--json").json()
    assert done["records"] == 1 and done["stream_id"].startswith("usage:")


def test_other_extensions_and_months_are_refused(webnova: Run, tmp_path: Path) -> None:
    path = tmp_path / "usage.txt"
    path.write_text("x", encoding="utf-8")
    assert "use a .csv or .json file" in webnova("usage", "import", str(path)).error
    wrong = webnova("usage", "list", "--period", "2026-13")
    assert wrong.code == 2
    assert "'2026-13' is not a month" in wrong.error


def test_meter_with_nothing_deployed_records_nothing(webnova: Run) -> None:
    result = webnova("usage", "meter", "--json")
    assert result.code == 0, result.err
    assert result.json() == {"records": 0, "from": None, "until": None}


def test_the_readme_usage_commands_work_as_written(tmp_path: Path) -> None:
    block = readme_blocks("## Usage")[0]  # its subsection's block needs a platform's servers
    # (tests/release/test_release_deploy_cli.py runs it)
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "WEBNOVA_HOME": str(tmp_path), "WEBNOVA_KEYRING": "memory",
           "WEBNOVA_USER": "owner", "PYTHONPATH": str(install_root()),
           "PATH": f"{bin_dir}:{os.environ.get('PATH', '')}"}
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", block], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "imported 2 usage records into workspace 'local'"
    rows = [line.split() for line in lines[2:4]]
    assert [(r[0], r[1], r[6], r[8]) for r in rows] == [
        ("2026-11-03", "hub", "platform.requests", "125000"),
        ("2026-11-03", "hub", "platform.storage_gb", "42.5")]
    assert lines[4].startswith("no cloud usage to record")
