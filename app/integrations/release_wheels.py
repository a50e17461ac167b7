"""Wheels for releases, through pip: a content-addressed wheel cache in the console's data
folder (``<data>/wheel-cache/<sha256>/<file>.whl``), filled from the package index the
first time with ``pip download --only-binary :all: --no-deps --require-hashes``, so a later
build needs no index at all; and the platform's own wheel, built by ``pip wheel`` from a
clean export with no index, its build backend (setuptools, from the lock) from the cache.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from app.domain.codegen.lock import LockedPackage, PlatformLock, canonical_name, render_lock
from app.domain.codegen.spec import CodegenError
from app.domain.release.manifest import ReleaseError
from app.domain.release.wheels import WheelName, fits, parse_wheel_name
from app.integrations.platform_lock import target_options
from app.paths import data_dir

Accept = Callable[[WheelName], bool]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pure(wheel: WheelName) -> bool:
    return wheel.platform == frozenset({"any"}) and wheel.abi == frozenset({"none"})


def _quiet_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """pip's environment with the machine's pip configuration left out (its extra indexes
    and find-links must not make an offline step look offline while it is not)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env |= {"PIP_CONFIG_FILE": os.devnull, "PIP_NO_INPUT": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    return env | (extra or {})


class PipWheels:
    """Implements the release service's WheelSource port."""

    def __init__(self, cache: Path | None = None, python: str = sys.executable) -> None:
        self.cache = cache or data_dir() / "wheel-cache"
        self.python = python

    # ------------------------------------------------------------ the cache
    def _cached(self, package: LockedPackage, accept: Accept) -> Path | None:
        for entry in package.hashes:
            folder = self.cache / entry.removeprefix("sha256:")
            if not folder.is_dir():
                continue
            for path in sorted(folder.glob("*.whl")):
                wheel = parse_wheel_name(path.name)
                if (wheel is not None and wheel.name == canonical_name(package.name)
                        and wheel.version == package.version and accept(wheel)):
                    if sha256_of(path) == folder.name:
                        return path
                    path.unlink()  # a damaged cache entry is fetched again
        return None

    def _wheels(self, packages: Sequence[LockedPackage], accept: Accept, options: list[str],
                what: str) -> list[Path]:
        found = {p.name: self._cached(p, accept) for p in packages}
        missing = [p for p in packages if found[p.name] is None]
        if missing:
            self._download(missing, options, what)
            found |= {p.name: self._cached(p, accept) for p in missing}
        absent = [p for p in packages if found[p.name] is None]
        if absent:
            names = ", ".join(f"{p.name} {p.version}" for p in absent)
            raise ReleaseError(f"no wheel with a locked hash for {what}: {names}")
        return [path for path in found.values() if path is not None]

    def _download(self, packages: Sequence[LockedPackage], options: list[str], what: str) -> None:
        self.cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="download-", dir=self.cache) as folder:
            work = Path(folder)
            requirements = work / "requirements.txt"
            requirements.write_text(render_lock(PlatformLock(tuple(packages)), "wanted"), encoding="utf-8")
            command = [self.python, "-m", "pip", "download", "--quiet", "--no-deps", "--require-hashes",
                       "--only-binary=:all:", "--dest", str(work / "wheels"), *options,
                       "-r", str(requirements)]
            # The index is the machine's own pip configuration (a mirror, an extra index).
            done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=900)
            if done.returncode != 0:
                raise ReleaseError(f"the wheels for {what} are not in the console's wheel cache and could "
                                   f"not be fetched from the package index: {_last_line(done.stderr)}")
            for path in sorted((work / "wheels").glob("*.whl")):
                digest = sha256_of(path)
                folder_for = self.cache / digest
                folder_for.mkdir(exist_ok=True)
                os.replace(path, folder_for / path.name)

    def locked_wheels(self, packages: Sequence[LockedPackage], target: str) -> list[Path]:
        try:
            options = target_options(target)
        except CodegenError as exc:
            raise ReleaseError(str(exc)) from None
        return self._wheels(packages, lambda w: fits(w, target), options, target)

    # ------------------------------------------------------------ the platform's own wheel
    def build_platform(self, source: Path, build_packages: Sequence[LockedPackage], dest: Path,
                       epoch: int) -> Path:
        backend = self._wheels(build_packages, _pure, [], "building the platform")
        with tempfile.TemporaryDirectory(prefix="build-links-") as folder:
            links = Path(folder)
            for path in backend:
                shutil.copy2(path, links / path.name)
            dest.mkdir(parents=True, exist_ok=True)
            command = [self.python, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-index",
                       "--find-links", str(links), "--wheel-dir", str(dest), str(source)]
            done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=900,
                                  cwd=source, env=_quiet_env({"SOURCE_DATE_EPOCH": str(max(epoch, 315532800))}))
        if done.returncode != 0:
            raise ReleaseError(f"the platform's wheel could not be built: {_last_line(done.stderr)}")
        built = sorted(dest.glob("*.whl"))
        if len(built) != 1:
            raise ReleaseError(f"building the platform made {len(built)} wheels, not one")
        return built[0]


def _last_line(stderr: str) -> str:
    lines = [line.strip() for line in stderr.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "pip failed"
