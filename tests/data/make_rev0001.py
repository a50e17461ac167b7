"""Writes workspace-rev0001.sqlite3: a workspace at schema revision 0001 with old events."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

from app.store.engine import create_workspace_engine
from app.store.migrations import upgrade


def main(path: Path) -> None:
    engine = create_workspace_engine(f"sqlite:///{path}")
    upgrade(engine, target="0001_event_store")
    engine.dispose()
    conn = sqlite3.connect(path)
    rows = []
    position = 0
    for stream in range(3):
        for version in range(1, 4):
            position += 1
            rows.append((
                position, f"legacy-{stream}", version, "default", "LegacyThing", 1,
                json.dumps({"n": position, "ar": "قديم"}, ensure_ascii=False),
                json.dumps({"actor": "owner", "correlation_id": None, "causation_id": None}),
                f"2026-01-0{stream + 1}T10:00:0{version}+00:00",
            ))
    conn.executemany(
        "INSERT INTO events (position, stream_id, version, tenant_id, type, schema_version, "
        "data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.execute("UPDATE event_position SET position = ?", (position,))
    conn.commit()
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("VACUUM")
    conn.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
