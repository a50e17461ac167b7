"""``webnova db status|upgrade`` on SQLite workspaces, including one made by an old schema."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from app.store.engine import create_workspace_engine
from app.store.migrations import script_directory
from tests.cli.conftest import Run

OLD_WORKSPACE = Path(__file__).resolve().parents[1] / "data" / "workspace-rev0001.sqlite3"
HEAD = script_directory().get_current_head()


def all_revisions() -> list[str]:
    scripts = script_directory()
    return [r.revision for r in reversed(list(scripts.walk_revisions()))]


def test_status_of_a_fresh_workspace(webnova: Run, local_db: Path) -> None:
    result = webnova("db", "status", "--json")
    assert result.code == 0, result.err
    assert result.json() == {
        "workspace": "local",
        "kind": "sqlite",
        "location": f"sqlite:///{local_db}",
        "current": None,
        "head": HEAD,
        "state": "empty",
        "pending": all_revisions(),
    }
    text = webnova("db", "status").out
    assert "revision   none (empty database)" in text
    assert "state      empty" in text
    assert "run 'webnova db upgrade --workspace local'" in text


def test_upgrade_an_empty_workspace(webnova: Run) -> None:
    result = webnova("db", "upgrade")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        f"upgraded workspace 'local' from an empty database to {HEAD}",
        "no copy was taken: the workspace was empty",
    ]
    status = webnova("db", "status", "--json").json()
    assert (status["state"], status["current"], status["pending"]) == ("current", HEAD, [])
    again = webnova("db", "upgrade")
    assert again.out.strip() == f"workspace 'local' is already at {HEAD}; nothing to do"
    assert webnova("db", "upgrade", "--json").json() == {
        "workspace": "local",
        "before": HEAD,
        "after": HEAD,
        "changed": False,
        "backup": None,
    }


@pytest.fixture
def old_local(local_db: Path) -> Path:
    local_db.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(OLD_WORKSPACE, local_db)
    return local_db


def test_upgrade_an_old_workspace_copies_it_aside_first(webnova: Run, old_local: Path) -> None:
    status = webnova("db", "status", "--json").json()
    assert status["state"] == "outdated"
    assert status["current"] == "0001_event_store"
    assert status["pending"] == all_revisions()[1:]

    result = webnova("db", "upgrade", "--json")
    assert result.code == 0, result.err
    upgrade = result.json()
    assert (upgrade["before"], upgrade["after"], upgrade["changed"]) == (
        "0001_event_store",
        HEAD,
        True,
    )
    backup = Path(upgrade["backup"])
    assert backup.parent == old_local.parent
    assert backup.name.startswith("local.sqlite3.0001_event_store.")
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
            "0001_event_store",
        )
        assert conn.execute("SELECT count(*) FROM events").fetchone() == (9,)
    conn.close()

    events = webnova("events", "tail", "--json").json()
    assert len(events) == 9
    assert events[0]["data"] == {"n": 1, "ar": "قديم"}


def test_upgrade_text_names_the_copy(webnova: Run, old_local: Path) -> None:
    lines = webnova("db", "upgrade").out.splitlines()
    assert lines[0] == f"upgraded workspace 'local' from 0001_event_store to {HEAD}"
    assert lines[1].startswith(f"the previous file was copied to {old_local}.0001_event_store.")
    assert Path(lines[1].rsplit(" ", 1)[1]).exists()


def test_a_workspace_from_a_newer_console(webnova: Run, local_db: Path) -> None:
    assert webnova("db", "upgrade").code == 0
    engine = create_workspace_engine(f"sqlite:///{local_db}")
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    engine.dispose()

    status = webnova("db", "status", "--json")
    assert status.code == 0
    assert status.json()["state"] == "newer"
    assert "newer WebNova Console" in webnova("db", "status").out

    upgrade = webnova("db", "upgrade")
    assert upgrade.code == 1
    assert "newer than this console knows" in upgrade.error
    tail = webnova("events", "tail")
    assert tail.code == 1
    assert "update WebNova Console" in tail.error


def test_an_unopenable_sqlite_file(webnova: Run, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert webnova("workspace", "add", "bad", f"sqlite:///{blocker}/ws.db").code == 0
    result = webnova("db", "status", "--workspace", "bad")
    assert result.code == 1
    assert result.error.startswith("error: ")
