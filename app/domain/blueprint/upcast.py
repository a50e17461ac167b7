"""Blueprint documents of earlier format versions, lifted to the current one on read.

Stored versions are never rewritten: a blueprint stream keeps the document it was created
with and the JSON Patches of each revision, each patch made against the document in the
format its event records (the event's ``schema_version``; events before format 2 carry 1).
``replay`` applies them in order, lifting the document whenever the next patch was made
against a newer format, and lifts the result to the current format.

Format 1 → 2 (tiers that can be sold): a tier's ``limits`` held both quotas of the tenant
(``users``, ``storage_gb``, ``api_calls_per_month``) and counts of records
(``students: 400`` next to an entity ``student``). Format 2 keeps quotas in ``limits`` and
moves a limit named after an entity of the blueprint (its name or its plural: ``student``,
``students``, ``facilities`` for ``facility``) to ``entity_limits`` under the entity's name.
``trial_days``, ``features`` and ``grace_days`` are new and take their defaults.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from typing import Any

import jsonpatch

from app.domain.blueprint.model import SCHEMA_VERSION

Document = dict[str, Any]

# Quotas of a tenant as a whole, never a count of an entity's records, whatever the entities.
QUOTAS = frozenset({"users", "storage_gb", "api_calls_per_month", "api_calls_month",
                    "transfers_per_month", "emails_per_month", "sms_per_month"})


class BlueprintFormatError(ValueError):
    """A document whose format version this console cannot read."""


def _plurals(name: str) -> set[str]:
    forms = {name, name + "s", name + "es"}
    if name.endswith("y") and name[-2:-1] not in "aeiou":
        forms.add(name[:-1] + "ies")
    return forms


def _v1_to_v2(document: Document) -> Document:
    listed = document.get("entities")
    entities = [e.get("name") for e in listed if isinstance(e, dict)] if isinstance(listed, list) else []
    by_form: dict[str, str] = {}
    for name in entities:
        if isinstance(name, str):
            for form in _plurals(name):
                by_form.setdefault(form, name)
    given = document.get("tiers")
    tiers = []
    for tier in given if isinstance(given, list) else []:
        if (isinstance(tier, dict) and isinstance(tier.get("limits"), dict)
                and isinstance(tier.get("entity_limits", {}), dict)):
            tier = dict(tier)
            quotas: dict[str, Any] = {}
            counts: dict[str, Any] = dict(tier.get("entity_limits") or {})
            for key, value in tier["limits"].items():
                entity = by_form.get(key) if key not in QUOTAS else None
                if entity is not None and entity not in counts:
                    counts[entity] = value
                else:
                    quotas[key] = value
            tier["limits"] = quotas
            if counts:
                tier["entity_limits"] = counts
            if not quotas:
                del tier["limits"]
        tiers.append(tier)
    if isinstance(given, list):
        document["tiers"] = tiers
    document["schema_version"] = 2
    return document


STEPS: dict[int, Callable[[Document], Document]] = {1: _v1_to_v2}


def format_of(document: Document) -> int:
    version = document.get("schema_version", 1)
    if isinstance(version, bool) or not isinstance(version, int):
        raise BlueprintFormatError(f"schema_version {version!r} is not a format version")
    return version


def upcast(document: Document, to: int = SCHEMA_VERSION) -> Document:
    """The document in format ``to`` (a copy; the given one is left as it is). A document of
    a newer format than this console knows, or of no known format, is returned unchanged for
    validation to name."""
    try:
        version = format_of(document)
    except BlueprintFormatError:
        return document
    if version >= to or version < 1:
        return document
    lifted = copy.deepcopy(document)
    while version < to:
        lifted = STEPS[version](lifted)
        version += 1
    return lifted


def replay(created: Document, patches: Iterable[tuple[int, list[dict[str, Any]]]],
           lift: bool = True) -> Document:
    """The document after the revisions ``patches``: (event schema version, JSON Patch).
    ``lift=False`` leaves it in the format of the last patch (a read model that applies the
    next revision to it later)."""
    document = dict(created)
    for made_against, patch in patches:
        if made_against > 1:
            document = upcast(document, made_against)
        document = jsonpatch.apply_patch(document, patch)
    return upcast(document) if lift else document
