"""A release's manifest: what the release is (platform, release number, blueprint version,
source commit, Python target, who built it) and every file in it with its SHA-256 and size.

The manifest is stored as its canonical JSON (sorted keys, no spaces, UTF-8), and the
owner's Ed25519 signature covers exactly those bytes behind a fixed prefix, so a release
signature can never be mistaken for (or replayed as) an audit-log signature.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from app.domain.errors import WebNovaError

FORMAT = "webnova-release/1"
MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig"
LOCK_NAME = "requirements.lock"
SIGNING_PREFIX = b"webnova release manifest v1\n"
ROLES = ("platform", "dependency", "lock", "project")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_HEX = re.compile(r"^[0-9a-f]+$")
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class ReleaseError(WebNovaError):
    """A release cannot be built, read or trusted; the message says what and where."""


@dataclass(frozen=True)
class ReleaseFile:
    path: str  # inside the archive, e.g. "wheels/fastapi-0.165.0-py3-none-any.whl"
    sha256: str
    size: int
    role: str  # platform | dependency | lock | project

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "sha256": self.sha256, "size": self.size, "role": self.role}


@dataclass(frozen=True)
class ReleaseManifest:
    platform: str
    tenant: str
    release: int
    blueprint_version: int
    commit: str
    platform_version: str
    python_target: str
    built_by: str
    built_at: str  # ISO 8601, UTC
    key_id: str
    files: tuple[ReleaseFile, ...]
    format: str = FORMAT

    def to_json(self) -> dict[str, Any]:
        return {"format": self.format, "platform": self.platform, "tenant": self.tenant,
                "release": self.release, "blueprint_version": self.blueprint_version,
                "commit": self.commit, "platform_version": self.platform_version,
                "python_target": self.python_target, "built_by": self.built_by,
                "built_at": self.built_at, "key_id": self.key_id,
                "files": [f.to_json() for f in self.files]}

    def file(self, path: str) -> ReleaseFile | None:
        return next((f for f in self.files if f.path == path), None)

    def with_role(self, role: str) -> list[ReleaseFile]:
        return [f for f in self.files if f.role == role]


def canonical_bytes(manifest: ReleaseManifest) -> bytes:
    return json.dumps(manifest.to_json(), sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def signed_message(manifest_bytes: bytes) -> bytes:
    """What the owner's key signs: the manifest file's bytes behind the release prefix."""
    return SIGNING_PREFIX + manifest_bytes


def manifest_hash(manifest_bytes: bytes) -> str:
    return hashlib.sha256(manifest_bytes).hexdigest()


def release_path_problem(path: str) -> str | None:
    """Why ``path`` may not be a file of a release, or None."""
    pure = PurePosixPath(path)
    if (not path or pure.is_absolute() or "\\" in path or any(p in ("", ".", "..") for p in path.split("/"))):
        return f"{path!r} is not a relative path inside the release"
    if path in (MANIFEST_NAME, SIGNATURE_NAME):
        return f"{path!r} cannot be listed in the manifest itself"
    if path != LOCK_NAME and pure.parts[0] not in ("wheels", "project"):
        return f"{path!r} is outside wheels/ and project/"
    return None


def parse_manifest(data: bytes) -> ReleaseManifest:
    """The manifest from its file's bytes; anything malformed is refused naming the field."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReleaseError(f"{MANIFEST_NAME} is not JSON: {exc}") from None
    if not isinstance(doc, dict):
        raise ReleaseError(f"{MANIFEST_NAME} is not a JSON object")

    def refuse(field: str, problem: str) -> ReleaseError:
        return ReleaseError(f"{MANIFEST_NAME}: {field} {problem}")

    def text(field: str, pattern: re.Pattern[str] | None = None) -> str:
        value = doc.get(field)
        if not isinstance(value, str) or not value:
            raise refuse(field, "is missing or not a text")
        if pattern is not None and not pattern.match(value):
            raise refuse(field, f"has an unexpected value {value!r}")
        return value

    def number(field: str) -> int:
        value = doc.get(field)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise refuse(field, "is not a whole number of at least 1")
        return value

    if doc.get("format") != FORMAT:
        raise refuse("format", f"is {doc.get('format')!r}, not {FORMAT!r} (a release of another kind or version)")
    known = {"format", "platform", "tenant", "release", "blueprint_version", "commit", "platform_version",
             "python_target", "built_by", "built_at", "key_id", "files"}
    extra = sorted(set(doc) - known)
    if extra:
        raise refuse(extra[0], "is not a field of a release manifest")
    items = doc.get("files")
    if not isinstance(items, list) or not items:
        raise refuse("files", "is missing or empty")
    files: list[ReleaseFile] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        where = f"files[{index}]"
        if not isinstance(item, dict) or set(item) != {"path", "sha256", "size", "role"}:
            raise refuse(where, "is not an object with path, sha256, size and role")
        path, digest, size, role = item["path"], item["sha256"], item["size"], item["role"]
        if not isinstance(path, str) or (problem := release_path_problem(path)) is not None:
            raise refuse(f"{where}.path", problem or "is not a text")
        if path in seen:
            raise refuse(f"{where}.path", f"lists {path!r} a second time")
        seen.add(path)
        if not isinstance(digest, str) or not _HEX64.match(digest):
            raise refuse(f"{where}.sha256", "is not 64 lower-case hex digits")
        if isinstance(size, bool) or not isinstance(size, int) or size < 0:
            raise refuse(f"{where}.size", "is not a size in bytes")
        if role not in ROLES:
            raise refuse(f"{where}.role", f"is {role!r}, not one of {', '.join(ROLES)}")
        files.append(ReleaseFile(path, digest, size, role))
    return ReleaseManifest(
        platform=text("platform", _KEY), tenant=text("tenant"), release=number("release"),
        blueprint_version=number("blueprint_version"), commit=text("commit", _HEX),
        platform_version=text("platform_version"), python_target=text("python_target"),
        built_by=text("built_by"), built_at=text("built_at"), key_id=text("key_id", _HEX),
        files=tuple(files))
