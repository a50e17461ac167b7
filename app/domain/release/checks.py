"""Is a release what its manifest says, built from its lock, and signed by the owner who
built it? Each check returns the problems it found, each naming exactly what is wrong."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from app.domain.codegen.lock import PlatformLock, canonical_name
from app.domain.governance.keys import UserKey
from app.domain.release.manifest import (
    SIGNATURE_NAME,
    ReleaseError,
    ReleaseManifest,
    signed_message,
)
from app.domain.release.wheels import fits, parse_wheel_name

ALGORITHM = "ed25519"
_HEX = re.compile(r"^[0-9a-f]+$")

Verify = Callable[[str, str, bytes], bool]  # (public key hex, signature hex, message) -> valid


@dataclass(frozen=True)
class ReleaseSignature:
    key_id: str
    signature: str
    algorithm: str = ALGORITHM

    def to_bytes(self) -> bytes:
        return json.dumps({"algorithm": self.algorithm, "key_id": self.key_id,
                           "signature": self.signature}, sort_keys=True).encode("ascii") + b"\n"


def parse_signature(data: bytes) -> ReleaseSignature:
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ReleaseError(f"{SIGNATURE_NAME} is not JSON") from None
    if not isinstance(doc, dict) or doc.get("algorithm") != ALGORITHM:
        raise ReleaseError(f"{SIGNATURE_NAME} is not an {ALGORITHM} signature")
    key_id, signature = doc.get("key_id"), doc.get("signature")
    if not isinstance(key_id, str) or not _HEX.match(key_id):
        raise ReleaseError(f"{SIGNATURE_NAME}: key_id is missing or not hex")
    if not isinstance(signature, str) or not _HEX.match(signature):
        raise ReleaseError(f"{SIGNATURE_NAME}: signature is missing or not hex")
    return ReleaseSignature(key_id, signature)


def content_problems(manifest: ReleaseManifest, present: Mapping[str, tuple[str, int]]) -> list[str]:
    """Every file against the manifest: ``present`` maps each file of the archive (other
    than the manifest and its signature) to its SHA-256 and size."""
    problems = []
    for item in manifest.files:
        found = present.get(item.path)
        if found is None:
            problems.append(f"{item.path} is listed in the manifest but not in the release")
        elif found[0] != item.sha256:
            problems.append(f"{item.path} was changed: its SHA-256 is {found[0]}, the manifest says "
                            f"{item.sha256}")
        elif found[1] != item.size:
            problems.append(f"{item.path} is {found[1]} bytes, the manifest says {item.size}")
    listed = {f.path for f in manifest.files}
    problems += [f"{path} is in the release but not in the manifest" for path in sorted(present)
                 if path not in listed]
    return problems


def lock_problems(manifest: ReleaseManifest, lock: PlatformLock) -> list[str]:
    """The wheels against the lock: the platform's own wheel, then one wheel per locked
    package, each with a hash the lock allows, each for the release's target."""
    problems = []
    target = manifest.python_target
    platforms = manifest.with_role("platform")
    if len(platforms) != 1:
        problems.append(f"the release has {len(platforms)} platform wheels, not one")
    for item in platforms:
        wheel = parse_wheel_name(item.path.rpartition("/")[2])
        expected = canonical_name(f"{manifest.platform}-platform")
        if wheel is None or wheel.name != expected or wheel.version != manifest.platform_version:
            problems.append(f"{item.path} is not the wheel of {expected} {manifest.platform_version}")
        elif not fits(wheel, target):
            problems.append(f"{item.path} does not install on {target}")
    packages = {canonical_name(p.name): p for p in lock.packages}
    covered: set[str] = set()
    for item in manifest.with_role("dependency"):
        filename = item.path.rpartition("/")[2]
        wheel = parse_wheel_name(filename)
        if wheel is None:
            problems.append(f"{item.path} is not a wheel")
            continue
        package = packages.get(wheel.name)
        if package is None:
            problems.append(f"{filename}: {wheel.name} is not in the lock")
            continue
        if wheel.version != package.version:
            problems.append(f"{filename}: the lock pins {package.name} {package.version}, not {wheel.version}")
        elif f"sha256:{item.sha256}" not in package.hashes:
            problems.append(f"{filename}: its SHA-256 {item.sha256} is not one the lock allows for "
                            f"{package.name} {package.version}")
        elif not fits(wheel, target):
            problems.append(f"{filename} does not install on {target}")
        if wheel.name in covered:
            problems.append(f"{filename}: a second wheel of {package.name}")
        covered.add(wheel.name)
    problems += [f"{p.name} {p.version} is locked but has no wheel in the release"
                 for key, p in sorted(packages.items()) if key not in covered]
    return problems


def signature_problem(manifest: ReleaseManifest, manifest_bytes: bytes, signature: ReleaseSignature,
                      published: Mapping[str, str], keys: Iterable[UserKey],
                      verify: Verify) -> str | None:
    """None when the manifest is signed with the key of the owner who built it, a key
    this workspace publishes that was in force then; otherwise what is wrong, and whose."""
    if signature.key_id != manifest.key_id:
        return (f"{SIGNATURE_NAME} is made with key {signature.key_id}, but the manifest names key "
                f"{manifest.key_id}")
    public = published.get(signature.key_id)
    owner = next((k for k in keys if k.key_id == signature.key_id), None)
    if public is None:
        return (f"the signing key {signature.key_id} is unknown: this workspace publishes no such key "
                f"(the manifest says {manifest.built_by!r} built it)")
    if not verify(public, signature.signature, signed_message(manifest_bytes)):
        return (f"the signature does not match the manifest: manifest.json was changed after key "
                f"{signature.key_id} signed it")
    if owner is None:
        return f"the signing key {signature.key_id} is registered for nobody in this workspace"
    if owner.user_id != manifest.built_by:
        return (f"the manifest is signed with key {owner.key_id} of {owner.user_id!r}, but says "
                f"{manifest.built_by!r} built it")
    if owner.revoked:
        return f"the signing key {owner.key_id} of {owner.user_id!r} was revoked at {owner.retired_at}"
    if owner.retired_at is not None and _after(manifest.built_at, owner.retired_at):
        return (f"the release was signed at {manifest.built_at} with key {owner.key_id} of "
                f"{owner.user_id!r}, rotated at {owner.retired_at}")
    return None


def _after(moment: str, limit: str) -> bool:
    try:
        return datetime.fromisoformat(moment) >= datetime.fromisoformat(limit)
    except ValueError:
        return True  # an unreadable time is not trusted
