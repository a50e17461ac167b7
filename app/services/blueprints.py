"""Blueprints as event streams: create, save (a JSON Patch per version), history, diff,
revert, import and export. A version is only written when the blueprint passes its schema
and cross-field rules; compliance findings are reported with it."""

from __future__ import annotations

import builtins
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

import jsonpatch

from app.domain.blueprint.diff import SemanticDiff, semantic_diff
from app.domain.blueprint.document import dump_document, parse_document
from app.domain.blueprint.findings import Finding, Severity, ValidationReport
from app.domain.blueprint.model import SCHEMA_VERSION, Blueprint
from app.domain.blueprint.upcast import replay
from app.domain.blueprint.validation import ComplianceCheck, canonical_document, validate_document
from app.domain.errors import ConcurrencyError, WebNovaError
from app.domain.events import NewEvent, RecordedEvent
from app.domain.plurals import count
from app.services.ports import (
    BlueprintIndex,
    BlueprintSummary,
    DatabaseRunner,
    EventStore,
    TemplateSource,
)

CREATED = "BlueprintCreated"
REVISED = "BlueprintRevised"
T = TypeVar("T")


class BlueprintError(WebNovaError):
    pass


class UnknownBlueprintError(BlueprintError):
    pass


class NothingToSaveError(BlueprintError):
    pass


class InvalidBlueprintError(BlueprintError):
    """The document cannot become a version; ``report`` holds every finding with its path."""

    def __init__(self, report: ValidationReport, message: str | None = None) -> None:
        errors = report.errors
        first = errors[0].message_en if errors else "invalid blueprint"
        super().__init__(message or f"{count(len(errors), 'error')}; the first: {first}")
        self.report = report


@dataclass(frozen=True)
class BlueprintVersion:
    key: str
    version: int
    document: dict[str, Any]
    recorded_at: datetime
    actor: str | None

    @property
    def blueprint(self) -> Blueprint:
        return Blueprint.model_validate(self.document)


@dataclass(frozen=True)
class VersionInfo:
    version: int
    recorded_at: datetime
    actor: str | None
    kind: str  # "created", "revised" or "reverted"
    reverted_to: int | None
    changes: dict[str, dict[str, int]]
    source: str | None


def stream_for(tenant_id: str, key: str) -> str:
    return f"blueprint:{tenant_id}:{key}"


class BlueprintService:
    def __init__(
        self,
        store: EventStore,
        runner: DatabaseRunner,
        index: BlueprintIndex,
        templates: TemplateSource,
        compliance: ComplianceCheck | None,
        tenant_id: str,
    ) -> None:
        self.store = store
        self.runner = runner
        self.index = index
        self.templates = templates
        self.compliance = compliance
        self.tenant_id = tenant_id

    async def _run(self, fn: Callable[[], T]) -> T:
        return await self.runner.run(fn)

    # ------------------------------------------------------------ validation (pure)
    def validate(self, document: dict[str, Any]) -> tuple[Blueprint | None, ValidationReport]:
        return validate_document(document, self.compliance)

    def validate_text(self, text: str | bytes, fmt: str | None = None) -> tuple[Blueprint | None, ValidationReport]:
        parsed = parse_document(text, fmt)
        if parsed.data is None:
            return None, ValidationReport(tuple(parsed.findings))
        return self.validate(parsed.data)

    def _require_valid(self, document: dict[str, Any]) -> tuple[Blueprint, ValidationReport]:
        blueprint, report = self.validate(document)
        blocking = [f for f in report.errors if f.source in ("parse", "schema", "rule")]
        if blueprint is None or blocking:
            raise InvalidBlueprintError(report)
        return blueprint, report

    # ------------------------------------------------------------ reading
    def _events(self, key: str) -> list[RecordedEvent]:
        events = self.store.read_stream(stream_for(self.tenant_id, key))
        if not events:
            raise UnknownBlueprintError(f"no blueprint {key!r} in this workspace")
        return events

    def get_now(self, key: str, version: int | None = None) -> BlueprintVersion:
        events = self._events(key)
        if version is not None and not 1 <= version <= len(events):
            raise UnknownBlueprintError(
                f"blueprint {key!r} has versions 1 to {len(events)}, not {version}"
            )
        target = events[: version or len(events)]
        document = replay(target[0].data["document"],
                          [(event.schema_version, event.data["patch"]) for event in target[1:]])
        last = target[-1]
        return BlueprintVersion(key, last.version, document, last.recorded_at, last.actor)

    async def get(self, key: str, version: int | None = None) -> BlueprintVersion:
        return await self._run(lambda: self.get_now(key, version))

    def history_now(self, key: str) -> list[VersionInfo]:
        result = []
        for event in self._events(key):
            reverted_to = event.data.get("reverted_to")
            kind = "created" if event.type == CREATED else ("reverted" if reverted_to else "revised")
            result.append(VersionInfo(
                version=event.version,
                recorded_at=event.recorded_at,
                actor=event.actor,
                kind=kind,
                reverted_to=reverted_to,
                changes=event.data.get("changes", {}),
                source=event.data.get("source"),
            ))
        return result

    async def history(self, key: str) -> list[VersionInfo]:
        return await self._run(lambda: self.history_now(key))

    def diff_now(self, key: str, old: int, new: int) -> SemanticDiff:
        return semantic_diff(self.get_now(key, old).document, self.get_now(key, new).document)

    async def diff(self, key: str, old: int, new: int) -> SemanticDiff:
        return await self._run(lambda: self.diff_now(key, old, new))

    def list_now(self) -> list[BlueprintSummary]:
        return self.index.list_blueprints()

    async def list(self) -> list[BlueprintSummary]:
        return await self._run(self.list_now)

    # ------------------------------------------------------------ writing
    def _metadata(self, actor: str | None, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        return {"actor": actor, **(extra or {})}

    def create_now(
        self, document: dict[str, Any], actor: str | None, source: str = "editor",
        metadata: dict[str, Any] | None = None,
    ) -> BlueprintVersion:
        blueprint, _report = self._require_valid(document)
        canonical = canonical_document(blueprint)
        event = NewEvent(
            CREATED, self.tenant_id,
            {"key": blueprint.key, "document": canonical, "source": source},
            self._metadata(actor, metadata), schema_version=SCHEMA_VERSION,
        )
        try:
            (recorded,) = self.store.append(stream_for(self.tenant_id, blueprint.key), [event], 0)
        except ConcurrencyError:
            raise BlueprintError(
                f"a blueprint {blueprint.key!r} already exists in this workspace"
            ) from None
        return BlueprintVersion(blueprint.key, 1, canonical, recorded.recorded_at, actor)

    async def create(self, document: dict[str, Any], actor: str | None, source: str = "editor") -> BlueprintVersion:
        return await self._run(lambda: self.create_now(document, actor, source))

    def create_from_template_now(self, template: str, key: str, actor: str | None) -> BlueprintVersion:
        document = self.templates.load_template(template)
        document = {**document, "key": key}
        return self.create_now(document, actor, source=f"template:{template}")

    async def create_from_template(self, template: str, key: str, actor: str | None) -> BlueprintVersion:
        return await self._run(lambda: self.create_from_template_now(template, key, actor))

    def save_now(
        self, key: str, document: dict[str, Any], expected_version: int | None, actor: str | None,
        reverted_to: int | None = None, metadata: dict[str, Any] | None = None,
    ) -> BlueprintVersion:
        """Write ``document`` as the next version of ``key``. ``expected_version`` is the
        version the editor started from (None: whatever is current); if another version
        was saved since, ConcurrencyError is raised and nothing is written."""
        blueprint, _report = self._require_valid(document)
        if blueprint.key != key:
            raise BlueprintError(
                f"the document's key is {blueprint.key!r}, not {key!r}; a blueprint's key cannot change"
            )
        current = self.get_now(key)
        if expected_version is not None and expected_version != current.version:
            raise ConcurrencyError(stream_for(self.tenant_id, key), expected_version, current.version)
        canonical = canonical_document(blueprint)
        patch = jsonpatch.make_patch(current.document, canonical).patch
        if not patch:
            raise NothingToSaveError(f"blueprint {key!r} is unchanged since version {current.version}")
        changes = semantic_diff(current.document, canonical).summary()
        data: dict[str, Any] = {"key": key, "patch": patch, "from_version": current.version,
                                "changes": changes}
        if reverted_to is not None:
            data["reverted_to"] = reverted_to
        # The patch is made against the current format: replay lifts older documents first.
        event = NewEvent(REVISED, self.tenant_id, data, self._metadata(actor, metadata),
                         schema_version=SCHEMA_VERSION)
        (recorded,) = self.store.append(stream_for(self.tenant_id, key), [event], current.version)
        return BlueprintVersion(key, recorded.version, canonical, recorded.recorded_at, actor)

    async def save(self, key: str, document: dict[str, Any], expected_version: int | None,
                   actor: str | None) -> BlueprintVersion:
        return await self._run(lambda: self.save_now(key, document, expected_version, actor))

    def revert_now(self, key: str, to_version: int, actor: str | None,
                   expected_version: int | None = None) -> BlueprintVersion:
        target = self.get_now(key, to_version)
        return self.save_now(key, target.document, expected_version, actor, reverted_to=to_version)

    async def revert(self, key: str, to_version: int, actor: str | None,
                     expected_version: int | None = None) -> BlueprintVersion:
        return await self._run(lambda: self.revert_now(key, to_version, actor, expected_version))

    async def list_templates(self) -> builtins.list[str]:
        return await self._run(self.templates.list_templates)

    # ------------------------------------------------------------ files
    def import_text_now(self, text: str | bytes, fmt: str | None, actor: str | None) -> BlueprintVersion:
        """A new blueprint, or the next version of an existing one with the same key."""
        parsed = parse_document(text, fmt)
        if parsed.data is None:
            raise InvalidBlueprintError(ValidationReport(tuple(parsed.findings)))
        # create_now and save_now validate the document; only its key decides which.
        key = parsed.data.get("key")
        if isinstance(key, str) and self.store.stream_version(stream_for(self.tenant_id, key)):
            return self.save_now(key, parsed.data, None, actor)
        return self.create_now(parsed.data, actor, source="import")

    async def import_text(self, text: str | bytes, fmt: str | None, actor: str | None) -> BlueprintVersion:
        return await self._run(lambda: self.import_text_now(text, fmt, actor))

    def export_now(self, key: str, fmt: str, version: int | None = None) -> str:
        return dump_document(self.get_now(key, version).document, fmt)

    async def export(self, key: str, fmt: str, version: int | None = None) -> str:
        return await self._run(lambda: self.export_now(key, fmt, version))


def blocking_findings(report: ValidationReport) -> list[Finding]:
    return [f for f in report.findings if f.severity is Severity.error and f.source in ("parse", "schema", "rule")]
