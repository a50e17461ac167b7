"""The README's "Preparing a PostgreSQL database", run verbatim against the session's
throwaway server: only the host, the port and the superuser's name are replaced."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from app.paths import install_root
from tests.support.pgserver import PASSWORD, SUPERUSER, PgServer

pytestmark = pytest.mark.postgres


def readme_block(heading: str) -> str:
    text = (install_root() / "README.md").read_text(encoding="utf-8")
    section = text[text.index(heading):]
    found = re.search(r"```sh\n(.*?)```", section, re.S)
    assert found is not None, f"no shell block under {heading!r}"
    return found.group(1)


def test_the_readme_steps_prepare_a_workspace_as_written(pg_server: PgServer, tmp_path: Path) -> None:
    script = readme_block("### Preparing a PostgreSQL database")
    for placeholder in ("PGHOST=db.example.org", "PGPORT=5432", "-U postgres"):
        assert placeholder in script  # what the test replaces is what a reader replaces
    script = (script.replace("PGHOST=db.example.org", "PGHOST=127.0.0.1")
              .replace("PGPORT=5432", f"PGPORT={pg_server.port}")
              .replace("-U postgres", f"-U {SUPERUSER}"))
    psql = shutil.which("psql") or next(Path("/usr/lib/postgresql").glob("*/bin/psql"))
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "WEBNOVA_HOME": str(tmp_path), "WEBNOVA_KEYRING": "file",
           "WEBNOVA_KEYRING_PASSPHRASE": "test pass phrase", "PGPASSWORD": PASSWORD,
           "PATH": f"{bin_dir}:{Path(psql).parent}:{os.environ.get('PATH', '')}"}
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "current workspace: bank" in done.stdout

    # The console's role appends and reads as its tenant, and sees no other tenant's rows.
    batch = tmp_path / "batch.json"
    batch.write_text('[{"stream_id": "s-1", "type": "Opened", "tenant_id": "bank-hq", "data": {}}]')
    webnova = [sys.executable, "-m", "app"]
    appended = subprocess.run([*webnova, "events", "append", str(batch)], cwd=install_root(), env=env,
                              capture_output=True, text=True, timeout=120, check=False)
    assert appended.returncode == 0, appended.stderr
    conninfo = f"host=127.0.0.1 port={pg_server.port} dbname=webnova user=console password=change-me-console"
    with psycopg.connect(conninfo) as conn:
        conn.execute("SELECT set_config('webnova.tenant_id', 'bank-hq', false)")
        assert conn.execute("SELECT count(*) FROM events").fetchone() == (1,)
        conn.execute("SELECT set_config('webnova.tenant_id', 'someone-else', false)")
        assert conn.execute("SELECT count(*) FROM events").fetchone() == (0,)
        owner = conn.execute("SELECT tableowner FROM pg_tables WHERE tablename = 'events'").fetchone()
    assert owner == ("webnova_owner",)
