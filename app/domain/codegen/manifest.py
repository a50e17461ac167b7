"""The manifest of a generation: which blueprint version it came from, each generated
file's SHA-256, the schema the migrations lead to, and the files left in conflict.

It lives in the platform folder (``.webnova/manifest.json``) beside a pristine copy of
each generated file (``.webnova/base/``), the common ancestor of the next three-way merge.
No timestamps: the same blueprint version gives the same manifest, byte for byte."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from app.domain.codegen.schema import Schema

FORMAT = 1
GENERATOR = "webnova-codegen/1"
STATE_DIR = ".webnova"
MANIFEST_PATH = f"{STATE_DIR}/manifest.json"
BASE_DIR = f"{STATE_DIR}/base"
CONFLICT_SUFFIX = ".conflict"


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=2, default=str) + "\n"


def document_hash(document: dict[str, Any]) -> str:
    return sha256_text(json.dumps(document, ensure_ascii=False, sort_keys=True,
                                  separators=(",", ":"), default=str))


def base_path(path: str) -> str:
    return f"{BASE_DIR}/{path}"


def is_state_path(path: str) -> bool:
    return path == STATE_DIR or path.startswith(f"{STATE_DIR}/")


@dataclass(frozen=True)
class BlueprintRef:
    key: str
    version: int | None
    sha256: str


@dataclass(frozen=True)
class Manifest:
    blueprint: BlueprintRef
    package: str
    files: dict[str, str]  # path -> sha256 of the generated content
    schema: Schema
    migrations: tuple[str, ...]  # paths, oldest first
    conflicts: tuple[str, ...] = ()
    generator: str = GENERATOR
    extra: dict[str, Any] = field(default_factory=dict)

    def to_text(self) -> str:
        return canonical_json({
            "format": FORMAT,
            "generator": self.generator,
            "blueprint": {"key": self.blueprint.key, "version": self.blueprint.version,
                          "sha256": self.blueprint.sha256},
            "package": self.package,
            "files": {path: self.files[path] for path in sorted(self.files)},
            "migrations": list(self.migrations),
            "conflicts": sorted(self.conflicts),
            "schema": self.schema.to_json(),
        })

    @classmethod
    def from_text(cls, text: str) -> Manifest:
        """Raises ValueError when the text is not a manifest this console can read."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"the manifest is not JSON ({exc.msg})") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("the manifest has an unknown format")
        try:
            blueprint = data["blueprint"]
            files = data["files"]
            if not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
                raise ValueError("the manifest's file list is damaged")
            return cls(
                blueprint=BlueprintRef(str(blueprint["key"]), blueprint.get("version"),
                                       str(blueprint["sha256"])),
                package=str(data["package"]),
                files=dict(files),
                schema=Schema.from_json(data.get("schema")),
                migrations=tuple(str(p) for p in data.get("migrations", [])),
                conflicts=tuple(str(p) for p in data.get("conflicts", [])),
                generator=str(data.get("generator", GENERATOR)),
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"the manifest is damaged ({type(exc).__name__}: {exc})") from None
