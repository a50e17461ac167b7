"""Releases of a generated platform: build one from a generation commit and its lock, list
them, and verify a release file.

A release is one tar file: ``manifest.json`` (canonical JSON), ``manifest.sig`` (the
building owner's Ed25519 signature), ``requirements.lock`` (the commit's lock),
``wheels/`` (the platform's own wheel, built from a clean export of the commit, and one
wheel per locked package for the servers' target) and ``project/`` (what the server runs
beside the package: ``alembic.ini``, ``migrations/``, ``deploy/``). Each build is recorded
as a ``ReleaseBuilt`` event of the stream ``release:<tenant>:<platform>``.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from app.domain.codegen.lock import (
    RUNTIME_LOCK,
    TEST_LOCK,
    LockedPackage,
    PlatformLock,
    canonical_name,
    parse_lock,
)
from app.domain.codegen.results import GenerationCommit
from app.domain.codegen.spec import CodegenError
from app.domain.errors import ConcurrencyError
from app.domain.events import NewEvent
from app.domain.governance.keys import UserKey
from app.domain.release.checks import (
    ReleaseSignature,
    Verify,
    content_problems,
    lock_problems,
    parse_signature,
    signature_problem,
)
from app.domain.release.manifest import (
    LOCK_NAME,
    ReleaseError,
    ReleaseFile,
    ReleaseManifest,
    canonical_bytes,
    manifest_hash,
    parse_manifest,
    signed_message,
)
from app.domain.release.wheels import known_target, parse_wheel_name
from app.services.ports import EventStore, KeyDirectory

RELEASE_BUILT = "ReleaseBuilt"
# The servers' CPython and machine: the shipped lock's hashes (and this console's tests of
# the generated platforms) are for CPython 3.11, so the servers run 3.11 on Linux x86_64,
# not Ubuntu 24.04's own 3.12.
DEFAULT_TARGET = "cp311-manylinux_x86_64"
# What the server needs from the commit beside the platform's package.
PROJECT_FILES = ("alembic.ini",)
PROJECT_FOLDERS = ("migrations/", "deploy/")


def release_stream(tenant_id: str, platform: str) -> str:
    return f"release:{tenant_id}:{platform}"


class PlatformSource(Protocol):
    """The generated platforms' git repositories."""

    def folder(self, platform: str) -> Path | None: ...

    def generations(self, folder: Path) -> list[GenerationCommit]:
        """Newest first."""
        ...

    def read(self, folder: Path, commit: str, path: str) -> bytes | None:
        """A file as committed (not as it is in the working tree), or None."""
        ...

    def export(self, folder: Path, commit: str, dest: Path) -> list[str]:
        """Write the commit's files (only those) under ``dest``; their relative paths."""
        ...


class WheelSource(Protocol):
    """Wheels, from the console's wheel cache (filled from the package index once)."""

    def locked_wheels(self, packages: Sequence[LockedPackage], target: str) -> list[Path]:
        """One wheel per package for ``target``, each with a hash its lock line allows."""
        ...

    def build_platform(self, source: Path, build_packages: Sequence[LockedPackage], dest: Path,
                       epoch: int) -> Path:
        """The platform's wheel built from ``source`` with no network."""
        ...


@dataclass(frozen=True)
class ReleaseContents:
    manifest: bytes
    signature: bytes
    files: dict[str, tuple[str, int]]  # every other member: sha256, size
    lock: bytes | None


class ReleaseFiles(Protocol):
    """Where release files are kept and how they are written and read."""

    def release_path(self, tenant_id: str, platform: str, number: int) -> Path: ...

    def scratch(self) -> AbstractContextManager[Path]: ...

    def digest(self, path: Path) -> tuple[str, int]: ...

    def write(self, path: Path, manifest: bytes, signature: bytes,
              members: Sequence[tuple[str, Path]]) -> None:
        """Write the archive whole or not at all; an existing file is never replaced."""
        ...

    def remove(self, path: Path) -> None: ...

    def read(self, path: Path) -> ReleaseContents: ...


class ReleaseSigner(Protocol):
    """The building owner's own key (the private half stays in their keyring)."""

    @property
    def key_id(self) -> str: ...

    def sign(self, message: bytes) -> str: ...


class KeyOwners(Protocol):
    def signing_keys(self) -> list[UserKey]: ...


@dataclass(frozen=True)
class BuiltRelease:
    manifest: ReleaseManifest
    manifest_sha256: str
    path: Path

    def to_json(self) -> dict[str, Any]:
        return {"platform": self.manifest.platform, "release": self.manifest.release,
                "blueprint_version": self.manifest.blueprint_version, "commit": self.manifest.commit,
                "python_target": self.manifest.python_target, "built_by": self.manifest.built_by,
                "built_at": self.manifest.built_at, "key_id": self.manifest.key_id,
                "manifest_sha256": self.manifest_sha256, "file": str(self.path),
                "files": len(self.manifest.files)}


@dataclass(frozen=True)
class ReleaseSummary:
    release: int
    blueprint_version: int
    commit: str
    manifest_sha256: str
    built_by: str
    built_at: datetime
    file: Path
    present: bool

    def to_json(self) -> dict[str, Any]:
        return {"release": self.release, "blueprint_version": self.blueprint_version,
                "commit": self.commit, "manifest_sha256": self.manifest_sha256,
                "built_by": self.built_by, "built_at": self.built_at.isoformat(),
                "file": str(self.file), "present": self.present}


@dataclass(frozen=True)
class Verification:
    path: Path
    manifest: ReleaseManifest | None
    problems: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        facts: dict[str, Any] = {"file": str(self.path), "valid": self.valid, "problems": self.problems}
        if self.manifest is not None:
            m = self.manifest
            facts |= {"platform": m.platform, "release": m.release, "blueprint_version": m.blueprint_version,
                      "commit": m.commit, "built_by": m.built_by, "key_id": m.key_id,
                      "python_target": m.python_target, "files": len(m.files)}
        return facts


class Releases:
    def __init__(self, store: EventStore, source: PlatformSource, wheels: WheelSource,
                 files: ReleaseFiles, keys: KeyDirectory, owners: KeyOwners, verify: Verify,
                 tenant_id: str, target: str = DEFAULT_TARGET) -> None:
        if not known_target(target):
            raise ReleaseError(f"unknown release target {target!r}")
        self.store, self.source, self.wheels, self.files = store, source, wheels, files
        self.keys, self.owners, self.verify = keys, owners, verify
        self.tenant_id, self.target = tenant_id, target

    # ------------------------------------------------------------ build
    def build_now(self, platform: str, signer: ReleaseSigner, actor: str, version: int | None = None,
                  now: datetime | None = None) -> BuiltRelease:
        folder = self.source.folder(platform)
        if folder is None:
            raise ReleaseError(f"no platform {platform!r} was generated on this console "
                               f"(run 'webnova generate {platform}' first)")
        generation = self._generation(platform, folder, version)
        lock, build_packages, lock_bytes = self._locks(folder, generation.id)
        stream = release_stream(self.tenant_id, platform)
        previous = self.store.read_stream(stream)
        number = sum(1 for e in previous if e.type == RELEASE_BUILT) + 1
        built_at = (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
        with self.files.scratch() as work:
            exported = self.source.export(folder, generation.id, work / "source")
            epoch = int(generation.time.timestamp())
            platform_wheel = self.wheels.build_platform(work / "source", build_packages, work / "dist", epoch)
            wheel = parse_wheel_name(platform_wheel.name)
            if wheel is None or wheel.name != canonical_name(f"{platform}-platform"):
                raise ReleaseError(f"the platform's build made {platform_wheel.name}, not a wheel of "
                                   f"{platform}-platform")
            members = [(f"wheels/{platform_wheel.name}", platform_wheel, "platform")]
            members += [(f"wheels/{p.name}", p, "dependency")
                        for p in self.wheels.locked_wheels(lock.packages, self.target)]
            (work / LOCK_NAME).write_bytes(lock_bytes)
            members.append((LOCK_NAME, work / LOCK_NAME, "lock"))
            members += [(f"project/{rel}", work / "source" / rel, "project")
                        for rel in sorted(exported) if _project_file(rel)]
            files = []
            for name, path, role in members:
                digest, size = self.files.digest(path)
                files.append(ReleaseFile(name, digest, size, role))
            manifest = ReleaseManifest(
                platform=platform, tenant=self.tenant_id, release=number,
                blueprint_version=generation.version or 0, commit=generation.id,
                platform_version=wheel.version, python_target=self.target, built_by=actor,
                built_at=built_at, key_id=signer.key_id, files=tuple(files))
            data = canonical_bytes(manifest)
            signature = ReleaseSignature(signer.key_id, signer.sign(signed_message(data)))
            path = self.files.release_path(self.tenant_id, platform, number)
            self.files.write(path, data, signature.to_bytes(), [(n, p) for n, p, _ in members])
        digest = manifest_hash(data)
        event = NewEvent(RELEASE_BUILT, self.tenant_id, {
            "platform": platform, "release": number, "blueprint_version": manifest.blueprint_version,
            "commit": generation.id, "manifest_sha256": digest, "python_target": self.target,
            "key_id": manifest.key_id, "file": path.name, "built_by": actor}, {"actor": actor})
        try:
            self.store.append(stream, [event], previous[-1].version if previous else 0)
        except BaseException as exc:
            # Not recorded, so not a release: take its file away again.
            self.files.remove(path)
            if isinstance(exc, ConcurrencyError):
                raise ReleaseError(f"another release of {platform!r} was built at the same time; "
                                   "build again") from None
            raise
        return BuiltRelease(manifest, digest, path)

    def _generation(self, platform: str, folder: Path, version: int | None) -> GenerationCommit:
        try:
            history = self.source.generations(folder)
        except CodegenError as exc:
            raise ReleaseError(f"the platform folder of {platform!r} cannot be read: {exc}") from None
        versions = [g for g in history if g.version is not None]
        if not versions:
            raise ReleaseError(f"{folder} has no generation of a blueprint version to release")
        if version is None:
            return versions[0]
        chosen = next((g for g in versions if g.version == version), None)
        if chosen is None:
            known = ", ".join(str(v) for v in sorted({g.version for g in versions if g.version}))
            raise ReleaseError(f"blueprint version {version} of {platform!r} was never generated in "
                               f"{folder} (generated versions: {known})")
        return chosen

    def _locks(self, folder: Path, commit: str) -> tuple[PlatformLock, list[LockedPackage], bytes]:
        runtime = self.source.read(folder, commit, RUNTIME_LOCK)
        test = self.source.read(folder, commit, TEST_LOCK)
        for name, data in ((RUNTIME_LOCK, runtime), (TEST_LOCK, test)):
            if data is None:
                raise ReleaseError(f"commit {commit[:12]} of {folder} has no {name}; regenerate the "
                                   f"platform with a lock ('webnova generate KEY --upgrade-lock')")
        assert runtime is not None
        assert test is not None
        try:
            lock = parse_lock(runtime.decode("utf-8"), RUNTIME_LOCK)
            test_lock = parse_lock(test.decode("utf-8"), TEST_LOCK)
        except (CodegenError, UnicodeDecodeError) as exc:
            raise ReleaseError(f"the lock of commit {commit[:12]} is broken: {exc}") from None
        if self.target not in lock.targets:
            raise ReleaseError(f"the lock of commit {commit[:12]} has no wheels for {self.target} "
                               f"(its targets: {', '.join(lock.targets)})")
        build = [p for p in test_lock.packages if canonical_name(p.name) == "setuptools"]
        if not build:
            raise ReleaseError(f"{TEST_LOCK} of commit {commit[:12]} does not lock setuptools, which "
                               "builds the platform's wheel")
        return lock, build, runtime

    # ------------------------------------------------------------ list
    def list_now(self, platform: str) -> list[ReleaseSummary]:
        result = []
        for event in self.store.read_stream(release_stream(self.tenant_id, platform)):
            if event.type != RELEASE_BUILT:
                continue
            d = event.data
            path = self.files.release_path(self.tenant_id, platform, int(d["release"]))
            result.append(ReleaseSummary(int(d["release"]), int(d["blueprint_version"]), str(d["commit"]),
                                         str(d["manifest_sha256"]), str(d["built_by"]),
                                         event.recorded_at, path, path.is_file()))
        return result

    # ------------------------------------------------------------ verify
    def verify_now(self, path: Path) -> Verification:
        contents = self.files.read(path)
        manifest = parse_manifest(contents.manifest)
        problems = []
        if manifest.tenant != self.tenant_id:
            problems.append(f"the release was built for tenant {manifest.tenant!r}, not this "
                            f"workspace's {self.tenant_id!r}")
        try:
            signature = parse_signature(contents.signature)
        except ReleaseError as exc:
            problems.append(str(exc))
        else:
            problem = signature_problem(manifest, contents.manifest, signature, self.keys.public_keys(),
                                        self.owners.signing_keys(), self.verify)
            if problem:
                problems.append(problem)
        found = content_problems(manifest, contents.files)
        problems += found
        if contents.lock is not None and not any(p.startswith(f"{LOCK_NAME} ") for p in found):
            try:
                lock = parse_lock(contents.lock.decode("utf-8"), LOCK_NAME)
            except (CodegenError, UnicodeDecodeError) as exc:
                problems.append(f"{LOCK_NAME} cannot be read: {exc}")
            else:
                problems += lock_problems(manifest, lock)
        return Verification(path, manifest, problems)


def _project_file(path: str) -> bool:
    return path in PROJECT_FILES or path.startswith(PROJECT_FOLDERS)

