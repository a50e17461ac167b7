"""Release files: one plain tar archive per release under the data folder
(``<data>/releases/<tenant>/<platform>/<platform>-release-<N>.tar``), written whole or not
at all and never replaced, and read back with every member checked to be a plain file at a
safe path, hashed as it is read."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import shutil
import tarfile
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePosixPath

from app.domain.release.manifest import (
    LOCK_NAME,
    MANIFEST_NAME,
    SIGNATURE_NAME,
    ReleaseError,
    release_path_problem,
)
from app.integrations.release_wheels import sha256_of
from app.paths import data_dir
from app.services.releases import ReleaseContents

_MEMBER_LIMIT = 512 * 1024 * 1024  # no single file of a release is this big
_SMALL_LIMIT = 16 * 1024 * 1024  # the manifest, its signature and the lock


def _safe(part: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", part) or "_"


class TarReleaseFiles:
    """Implements the release service's ReleaseFiles port."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or data_dir() / "releases"

    def release_path(self, tenant_id: str, platform: str, number: int) -> Path:
        return self.root / _safe(tenant_id) / _safe(platform) / f"{_safe(platform)}-release-{number}.tar"

    @contextlib.contextmanager
    def scratch(self) -> Iterator[Path]:
        self.root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".build-", dir=self.root) as folder:
            yield Path(folder)

    def digest(self, path: Path) -> tuple[str, int]:
        return sha256_of(path), path.stat().st_size

    def write(self, path: Path, manifest: bytes, signature: bytes,
              members: Sequence[tuple[str, Path]]) -> None:
        if path.exists():
            raise ReleaseError(f"{path} exists already; a release file is never replaced")
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(handle)
        try:
            with tarfile.open(temporary, "w", format=tarfile.PAX_FORMAT) as archive:
                _add_bytes(archive, MANIFEST_NAME, manifest)
                _add_bytes(archive, SIGNATURE_NAME, signature)
                for name, source in members:
                    info = _info(name, source.stat().st_size)
                    with source.open("rb") as stream:
                        archive.addfile(info, stream)
            with open(temporary, "rb") as stream:
                os.fsync(stream.fileno())
            try:
                os.link(temporary, path)  # fails, rather than replaces, when the name is taken
            except FileExistsError:
                raise ReleaseError(f"{path} exists already; a release file is never replaced") from None
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)

    def remove(self, path: Path) -> None:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()

    def read(self, path: Path) -> ReleaseContents:
        try:
            archive = tarfile.open(path, "r:")  # noqa: SIM115 - closed by the with below
        except FileNotFoundError:
            raise ReleaseError(f"there is no release file {path}") from None
        except (tarfile.TarError, OSError) as exc:
            raise ReleaseError(f"{path} is not a release archive: {exc}") from None
        small: dict[str, bytes] = {}
        files: dict[str, tuple[str, int]] = {}
        with archive:
            try:
                for member in archive:
                    name = member.name
                    if name in small or name in files:
                        raise ReleaseError(f"{path}: {name} is in the archive twice")
                    if not member.isreg():
                        raise ReleaseError(f"{path}: {name} is not a plain file (links and folders "
                                           "are not part of a release)")
                    if name in (MANIFEST_NAME, SIGNATURE_NAME):
                        small[name] = _read_small(archive, member, path)
                        continue
                    problem = release_path_problem(name)
                    if problem is not None:
                        raise ReleaseError(f"{path}: {problem}")
                    if member.size > _MEMBER_LIMIT:
                        raise ReleaseError(f"{path}: {name} is too big for a release file")
                    if name == LOCK_NAME:
                        small[name] = _read_small(archive, member, path)
                        files[name] = (hashlib.sha256(small[name]).hexdigest(), len(small[name]))
                        continue
                    files[name] = _hash_member(archive, member)
            except tarfile.TarError as exc:
                raise ReleaseError(f"{path} is damaged: {exc}") from None
        for required in (MANIFEST_NAME, SIGNATURE_NAME):
            if required not in small:
                raise ReleaseError(f"{path} has no {required}")
        return ReleaseContents(small[MANIFEST_NAME], small[SIGNATURE_NAME], files, small.get(LOCK_NAME))

    def unpack(self, path: Path, dest: Path, prefix: str = "") -> list[Path]:
        """The archive's files (those under ``prefix``) written under ``dest``; every member
        is checked as ``read`` checks it, so nothing lands outside ``dest``."""
        self.read(path)
        written = []
        with tarfile.open(path, "r:") as archive:
            for member in archive:
                if not member.name.startswith(prefix):
                    continue
                target = dest.joinpath(*PurePosixPath(member.name).parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                source = archive.extractfile(member)
                assert source is not None
                with source, target.open("wb") as out:
                    shutil.copyfileobj(source, out)
                written.append(target)
        return written


def _info(name: str, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = size, 0o644, 0
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    archive.addfile(_info(name, len(data)), io.BytesIO(data))


def _read_small(archive: tarfile.TarFile, member: tarfile.TarInfo, path: Path) -> bytes:
    if member.size > _SMALL_LIMIT:
        raise ReleaseError(f"{path}: {member.name} is too big")
    stream = archive.extractfile(member)
    assert stream is not None
    with stream:
        return stream.read()


def _hash_member(archive: tarfile.TarFile, member: tarfile.TarInfo) -> tuple[str, int]:
    stream = archive.extractfile(member)
    assert stream is not None
    digest, size = hashlib.sha256(), 0
    with stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size
