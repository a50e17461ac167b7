"""Blueprint versions through the real event store, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.domain.errors import ConcurrencyError
from app.services.blueprints import (
    BlueprintError,
    BlueprintService,
    InvalidBlueprintError,
    NothingToSaveError,
    UnknownBlueprintError,
)
from app.services.runner import SerialRunner
from app.store.blueprint_index import SqlBlueprintIndex
from app.store.engine import create_workspace_engine
from app.store.event_store import PostgresEventStore, SqliteEventStore
from app.store.migrations import upgrade
from tests.services.blueprint_docs import clinic


class NoTemplates:
    def list_templates(self) -> list[str]:
        return []

    def load_template(self, name: str) -> dict[str, Any]:
        raise ValueError(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def service(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[BlueprintService]:
    if request.param == "sqlite":
        engine = create_workspace_engine(f"sqlite:///{tmp_path / 'w.sqlite3'}")
        store_cls: type = SqliteEventStore
    else:
        engine = create_workspace_engine(request.getfixturevalue("pg_url"))
        store_cls = PostgresEventStore
    upgrade(engine)
    store = store_cls(engine)
    runner = SerialRunner("test")
    try:
        yield BlueprintService(store, runner, SqlBlueprintIndex(store, "default"), NoTemplates(),
                               None, "default")
    finally:
        runner.shutdown()
        engine.dispose()


def add_field(doc: dict[str, Any], entity: int, name: str) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    doc["entities"][entity]["fields"].append(
        {"name": name, "label": {"en": name, "ar": "حقل"}, "type": "text"}
    )
    return doc


def test_versions_are_patches_and_replay_exactly(service: BlueprintService) -> None:
    v1 = service.create_now(clinic(), "owner")
    assert v1.version == 1
    doc2 = add_field(v1.document, 0, "notes")
    v2 = service.save_now("clinic", doc2, 1, "owner")
    assert v2.version == 2
    events = service.store.read_stream("blueprint:default:clinic")
    assert events[1].type == "BlueprintRevised"
    assert events[1].data["patch"] == [
        {"op": "add", "path": "/entities/0/fields/2", "value": {"name": "notes", "label": {"en": "notes", "ar": "حقل"}, "type": "text"}}
    ]
    assert events[1].data["changes"] == {"fields": {"added": 1, "removed": 0, "changed": 0}}
    assert service.get_now("clinic").document == v2.document
    assert service.get_now("clinic", 1).document == v1.document


def test_stale_editor_cannot_overwrite(service: BlueprintService) -> None:
    v1 = service.create_now(clinic(), "owner")
    service.save_now("clinic", add_field(v1.document, 0, "a"), 1, "alice")
    with pytest.raises(ConcurrencyError):
        service.save_now("clinic", add_field(v1.document, 0, "b"), 1, "bob")
    assert [f["name"] for f in service.get_now("clinic").document["entities"][0]["fields"]][-1] == "a"


def test_invalid_documents_write_nothing(service: BlueprintService) -> None:
    bad = clinic()
    bad["roles"][0]["permissions"][0]["entity"] = "ghost"
    with pytest.raises(InvalidBlueprintError) as info:
        service.create_now(bad, "owner")
    assert info.value.report.errors[0].path == "/roles/0/permissions/0/entity"
    assert service.store.head_position() == 0
    service.create_now(clinic(), "owner")
    with pytest.raises(InvalidBlueprintError):
        service.save_now("clinic", {"key": "clinic"}, None, "owner")
    with pytest.raises(NothingToSaveError):
        service.save_now("clinic", clinic(), None, "owner")
    with pytest.raises(BlueprintError, match="already exists"):
        service.create_now(clinic(), "owner")
    with pytest.raises(BlueprintError, match="cannot change"):
        service.save_now("clinic", clinic(key="other"), None, "owner")
    assert service.store.head_position() == 1


def test_history_diff_and_revert(service: BlueprintService) -> None:
    v1 = service.create_now(clinic(), "owner")
    doc2 = add_field(v1.document, 1, "room")
    doc2["roles"].append({"name": "doctor", "label": {"en": "Doctor", "ar": "طبيب"}})
    service.save_now("clinic", doc2, 1, "alice")
    doc3 = copy.deepcopy(doc2)
    doc3["entities"][0]["fields"][1]["type"] = "text"
    del doc3["entities"][1]
    doc3["roles"][0]["permissions"] = [p for p in doc3["roles"][0]["permissions"] if p["entity"] != "appointment"]
    service.save_now("clinic", doc3, 2, "bob")

    diff = service.diff_now("clinic", 1, 3)
    described = [c.describe() for c in diff.changes]
    assert "entity appointment removed" in described
    assert "role doctor added" in described
    plain = [d.replace("\u2068", "").replace("\u2069", "") for d in described]
    assert any(d.startswith("field patient.phone changed (type: string → text") for d in plain)
    assert diff.count("changed", "roles") == 1

    reverted = service.revert_now("clinic", 1, "owner")
    assert reverted.version == 4
    assert reverted.document == v1.document
    history = service.history_now("clinic")
    assert [(h.version, h.kind, h.actor) for h in history] == [
        (1, "created", "owner"), (2, "revised", "alice"), (3, "revised", "bob"), (4, "reverted", "owner")
    ]
    assert history[3].reverted_to == 1
    assert service.diff_now("clinic", 1, 4).empty


def test_export_import_round_trip(service: BlueprintService) -> None:
    v1 = service.create_now(clinic(), "owner")
    for fmt in ("yaml", "json"):
        text = service.export_now("clinic", fmt)
        assert service.validate_text(text, fmt)[0] == v1.blueprint
    changed = service.export_now("clinic", "yaml").replace("Clinic bookings", "Clinic visits")
    v2 = service.import_text_now(changed, "yaml", "owner")
    assert (v2.version, v2.document["name"]["en"]) == (2, "Clinic visits")
    new = service.export_now("clinic", "json").replace('"clinic"', '"clinic-two"', 1)
    created = service.import_text_now(new, "json", "owner")
    assert (created.key, created.version) == ("clinic-two", 1)
    with pytest.raises(InvalidBlueprintError) as info:
        service.import_text_now("key: [unclosed", "yaml", "owner")
    assert info.value.report.errors[0].extra["line"] == 1


def test_list_follows_the_events(service: BlueprintService) -> None:
    assert service.list_now() == []
    service.create_now(clinic(), "owner")
    service.create_now(clinic(key="lab", name={"en": "Lab", "ar": "مختبر"}), "owner")
    service.save_now("clinic", clinic(name={"en": "Clinic 2", "ar": "عيادة ٢"}), 1, "alice")
    listed = service.list_now()
    assert [(b.key, b.version, b.name_en, b.updated_by) for b in listed] == [
        ("clinic", 2, "Clinic 2", "alice"), ("lab", 1, "Lab", "owner")
    ]
    with pytest.raises(UnknownBlueprintError):
        service.get_now("nothing")
    with pytest.raises(UnknownBlueprintError, match="versions 1 to 2"):
        service.get_now("clinic", 3)


def test_async_api_runs_on_the_workspace_runner(service: BlueprintService) -> None:
    async def scenario() -> list[int]:
        await service.create(clinic(), "owner")
        await service.save("clinic", add_field(clinic(), 0, "x"), 1, "owner")
        return [h.version for h in await service.history("clinic")]

    assert asyncio.run(scenario()) == [1, 2]
