"""A proposal: a JSON Patch over a blueprint (or a template, for a new platform) with its
rationale, the validation of its result and the semantic diff the owner reviews.

A proposal is only ever a suggestion. It becomes a blueprint version when a person
accepts it; nothing here writes anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.domain.blueprint.diff import SemanticDiff, semantic_diff
from app.domain.blueprint.findings import Finding, Severity, ValidationReport
from app.domain.blueprint.model import HETZNER_REGIONS, Blueprint

Validate = Callable[[dict[str, Any]], tuple[Blueprint | None, ValidationReport]]
BLOCKING_SOURCES = ("parse", "schema", "rule")


@dataclass(frozen=True)
class ProposalBase:
    """What the patch applies to: a blueprint version, or a domain template."""

    kind: str  # "blueprint" or "template"
    key: str | None = None
    version: int | None = None
    template: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "key": self.key, "version": self.version, "template": self.template}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ProposalBase:
        return cls(str(data["kind"]), data.get("key"), data.get("version"), data.get("template"))


@dataclass(frozen=True)
class Judgement:
    report: ValidationReport
    blocking: tuple[Finding, ...]

    @property
    def valid(self) -> bool:
        return not self.blocking


def judge(base: dict[str, Any], proposed: dict[str, Any], validate: Validate) -> Judgement:
    """Schema and rule errors always block; compliance errors block unless the base had the
    same one already (a change is not refused for a problem it did not make)."""
    blueprint, report = validate(proposed)
    if blueprint is None:
        return Judgement(report, tuple(report.errors))
    _, before = validate(base)
    known = {(f.code, f.message_en) for f in before.errors}
    blocking = tuple(
        f for f in report.errors
        if f.source in BLOCKING_SOURCES or (f.code, f.message_en) not in known
    )
    return Judgement(report, blocking)


def describe_findings(findings: tuple[Finding, ...] | list[Finding], limit: int = 40) -> str:
    """Findings as lines a model (or a person) can act on: path, code and message."""
    lines = [f"- {f.path or '/'} [{f.code}] {f.message_en}"
             + (f" (fix: {f.remediation_en})" if f.remediation_en else "")
             for f in list(findings)[:limit]]
    if len(findings) > limit:
        lines.append(f"- ... and {len(findings) - limit} more")
    return "\n".join(lines)


@dataclass(frozen=True)
class Proposal:
    id: str
    conversation_id: str
    engine: str  # "claude" or "offline"
    model: str | None
    intent: str
    base: ProposalBase
    base_document: dict[str, Any]
    patch: list[dict[str, Any]]
    document: dict[str, Any]
    rationale_en: str
    rationale_ar: str
    report: ValidationReport
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return str(self.document.get("key", ""))

    @property
    def creates(self) -> bool:
        return self.base.kind == "template"

    @property
    def diff(self) -> SemanticDiff:
        return semantic_diff(self.base_document, self.document)

    @property
    def findings(self) -> list[Finding]:
        return self.report.sorted()

    def rationale(self, language: str) -> str:
        return self.rationale_ar if language == "ar" and self.rationale_ar else self.rationale_en

    def to_json(self) -> dict[str, Any]:
        """What the CLI prints and the chat shows."""
        return {
            "id": self.id,
            "conversation_id": self.conversation_id,
            "engine": self.engine,
            "model": self.model,
            "intent": self.intent,
            "key": self.key,
            "creates": self.creates,
            "base": self.base.to_json(),
            "summary": self.summary,
            "rationale": {"en": self.rationale_en, "ar": self.rationale_ar},
            "patch": self.patch,
            "diff": self.diff.to_json(),
            "validation": self.report.to_json(),
        }

    def record(self) -> dict[str, Any]:
        """What the conversation log keeps: enough to show it again and to accept it."""
        data = {k: v for k, v in self.to_json().items() if k not in ("diff", "validation")}
        data["findings"] = [f.to_json() for f in self.report.sorted()]
        data["valid"] = self.report.valid
        if self.creates:
            data["document"] = self.document  # templates change between releases
        return data


def summarise(document: dict[str, Any], entities: list[str] | None = None,
              roles: list[str] | None = None) -> dict[str, Any]:
    """Domain, frameworks, region, entities and roles of a proposed document."""
    envs = document.get("environments", [])
    env = next((e for e in envs if e.get("name") == "production"), envs[0] if envs else {})
    return {
        "domain": document.get("domain"),
        "frameworks": list(document.get("compliance", [])),
        "region": {"provider": env.get("provider"), "region": env.get("region"),
                   "country": env.get("country") or (HETZNER_REGIONS.get(str(env.get("region")))
                                                     if env.get("provider") == "hetzner" else None)},
        "data_residency": list(document.get("data_residency", [])),
        "entities": entities if entities is not None else [e.get("name") for e in document.get("entities", [])],
        "roles": roles if roles is not None else [r.get("name") for r in document.get("roles", [])],
        "default_locale": document.get("default_locale"),
    }


def severity_counts(report: ValidationReport) -> dict[str, int]:
    counts = {s.value: 0 for s in Severity}
    for finding in report.findings:
        counts[finding.severity.value] += 1
    return counts
