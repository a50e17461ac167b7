"""The ``blueprints`` read model, projected from blueprint events."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from app.domain.blueprint.upcast import replay
from app.domain.events import RecordedEvent
from app.services.ports import BlueprintSummary
from app.store.event_store import SqlEventStore
from app.store.projections import ProjectionRunner

CREATED = "BlueprintCreated"
REVISED = "BlueprintRevised"


class BlueprintIndexProjection:
    name = "blueprints"

    def apply(self, conn: Connection, event: RecordedEvent) -> None:
        if event.type == CREATED:
            document = event.data["document"]
            self._write(conn, event, document, insert=True)
        elif event.type == REVISED:
            row = conn.execute(
                text("SELECT document FROM blueprints WHERE tenant_id = :t AND key = :k"),
                {"t": event.tenant_id, "k": event.data["key"]},
            ).scalar_one()
            document = row if isinstance(row, dict) else _loads(row)
            document = replay(document, [(event.schema_version, event.data["patch"])], lift=False)
            self._write(conn, event, document, insert=False)

    @staticmethod
    def _write(conn: Connection, event: RecordedEvent, document: dict[str, Any], insert: bool) -> None:
        name = document.get("name") or {}
        params = {
            "t": event.tenant_id,
            "k": event.data["key"],
            "v": event.version,
            "en": str(name.get("en", "")),
            "ar": str(name.get("ar", "")),
            "d": str(document.get("domain", "")),
            "doc": _dumps(document),
            "at": event.recorded_at.isoformat(),
            "by": event.actor,
        }
        if insert:
            conn.execute(
                text(
                    "INSERT INTO blueprints (tenant_id, key, version, name_en, name_ar, domain, "
                    "document, updated_at, updated_by) VALUES (:t, :k, :v, :en, :ar, :d, :doc, "
                    ":at, :by)"
                ),
                params,
            )
        else:
            conn.execute(
                text(
                    "UPDATE blueprints SET version = :v, name_en = :en, name_ar = :ar, "
                    "domain = :d, document = :doc, updated_at = :at, updated_by = :by "
                    "WHERE tenant_id = :t AND key = :k"
                ),
                params,
            )


def _dumps(document: dict[str, Any]) -> str:
    import json

    return json.dumps(document, ensure_ascii=False)


def _loads(raw: Any) -> dict[str, Any]:
    import json

    value: dict[str, Any] = json.loads(raw)
    return value


class SqlBlueprintIndex:
    def __init__(self, store: SqlEventStore, tenant_id: str) -> None:
        self.store = store
        self.tenant_id = tenant_id
        self.runner = ProjectionRunner(store, BlueprintIndexProjection(), tenant_id)

    def list_blueprints(self) -> list[BlueprintSummary]:
        self.runner.catch_up()
        with self.store.engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT key, version, name_en, name_ar, domain, updated_at, updated_by "
                    "FROM blueprints WHERE tenant_id = :t ORDER BY key"
                ),
                {"t": self.tenant_id},
            ).all()
        return [
            BlueprintSummary(
                key=r[0], version=r[1], name_en=r[2], name_ar=r[3], domain=r[4],
                updated_at=_as_datetime(r[5]), updated_by=r[6],
            )
            for r in rows
        ]


def _as_datetime(value: Any) -> Any:
    from datetime import datetime

    if isinstance(value, str):
        return datetime.fromisoformat(value)
    return value
