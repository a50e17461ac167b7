"""A workspace written before blueprint format 2: its stored versions (a format-1 document
and a patch made against it) still read, diff, save and revert, on SQLite and PostgreSQL."""

from __future__ import annotations

import copy

from app.domain.events import NewEvent
from app.services.blueprints import CREATED, REVISED, BlueprintService, stream_for
from tests.services.blueprint_docs import clinic
from tests.services.test_blueprints import service  # noqa: F401  # the fixture, on both databases


def _old_stream(service: BlueprintService) -> None:  # noqa: F811
    """What a console before format 2 wrote: the events carry schema version 1."""
    document = clinic()
    document["schema_version"] = 1
    document["tiers"] = [{"key": "basic", "name": {"en": "Basic", "ar": "أساسية"},
                          "price": "10.00", "currency": "SAR", "interval": "month",
                          "limits": {"users": 3, "patients": 100}}]
    patch = [{"op": "replace", "path": "/tiers/0/limits/patients", "value": 150}]
    service.store.append(stream_for("default", "clinic"), [
        NewEvent(CREATED, "default", {"key": "clinic", "document": document, "source": "editor"},
                 {"actor": "owner"}),
        NewEvent(REVISED, "default", {"key": "clinic", "patch": patch, "from_version": 1,
                                      "changes": {}}, {"actor": "owner"}),
    ], 0)


def test_old_versions_read_in_the_current_format(service: BlueprintService) -> None:  # noqa: F811
    _old_stream(service)
    current = service.get_now("clinic")
    tier = current.blueprint.tiers[0]
    assert current.document["schema_version"] == 2
    assert (dict(tier.limits), dict(tier.entity_limits)) == ({"users": 3}, {"patient": 150})
    assert service.diff_now("clinic", 1, 2).changes[0].describe("en").startswith(
        "tier basic changed (records per entity:")

    revised = copy.deepcopy(current.document)
    revised["tiers"][0].update(trial_days=14, entity_limits={"patient": 500})
    saved = service.save_now("clinic", revised, 2, "owner")
    assert saved.version == 3
    again = service.get_now("clinic")  # replays a format-1 patch, then a format-2 one
    assert again.blueprint.tiers[0].entity_limits == {"patient": 500}
    assert again.blueprint.tiers[0].trial_days == 14
    reverted = service.revert_now("clinic", 2, "owner")
    assert service.get_now("clinic", reverted.version).blueprint == current.blueprint
    (summary,) = service.list_now()
    assert summary.version == 4
