"""What validation reports: findings with a path into the document."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    error = "error"  # the blueprint cannot be saved as valid
    warning = "warning"
    info = "info"


SEVERITY_ORDER = {Severity.error: 0, Severity.warning: 1, Severity.info: 2}


def pointer(*parts: str | int) -> str:
    """A JSON Pointer (RFC 6901) from path parts."""
    if not parts:
        return ""
    escaped = (str(p).replace("~", "~0").replace("/", "~1") for p in parts)
    return "/" + "/".join(escaped)


def pointer_parts(path: str) -> list[str]:
    if not path:
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in path.lstrip("/").split("/")]


@dataclass(frozen=True)
class Finding:
    path: str  # JSON Pointer into the document, "" for the whole document
    code: str  # e.g. "reference.unknown_entity" or "HIPAA-164.312(b)"
    severity: Severity
    message_en: str
    message_ar: str
    source: str = "rule"  # "parse", "schema", "rule" or a framework id
    remediation_en: str | None = None
    remediation_ar: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def message(self, language: str) -> str:
        return self.message_ar if language == "ar" else self.message_en

    def to_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "path": self.path,
            "code": self.code,
            "severity": self.severity.value,
            "source": self.source,
            "message": {"en": self.message_en, "ar": self.message_ar},
        }
        if self.remediation_en or self.remediation_ar:
            result["remediation"] = {"en": self.remediation_en, "ar": self.remediation_ar}
        for key in ("line", "column"):
            if key in self.extra:
                result[key] = self.extra[key]
        return result


@dataclass(frozen=True)
class ValidationReport:
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.error]

    @property
    def valid(self) -> bool:
        return not self.errors

    def sorted(self) -> list[Finding]:
        return sorted(self.findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.path, f.code))

    def to_json(self) -> dict[str, Any]:
        return {"valid": self.valid, "findings": [f.to_json() for f in self.sorted()]}
