"""A generated platform's locked packages, through pip: the lock the console ships, the
wheels it names, and (for the console's developers) resolving a new one.

``python -m app.integrations.platform_lock refresh`` resolves the newest versions within
the platform's ranges for every target (this needs the package index), writes
``resources/codegen/lock/`` and prints what changed; the test suite then runs every
template's generated tests against it, which is what makes it a tested lock.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from app.domain.codegen.lock import (
    BILLING_REQUIREMENTS,
    BUILD_REQUIREMENTS,
    DEFAULT_TARGETS,
    LOCK_FILES,
    RUNTIME_LOCK,
    RUNTIME_REQUIREMENTS,
    TEST_LOCK,
    TEST_REQUIREMENTS,
    LockedPackage,
    PlatformLock,
    canonical_name,
    lock_changes,
    parse_lock,
    render_lock,
)
from app.domain.codegen.spec import CodegenError
from app.paths import resources_dir

RUNTIME_PURPOSE = "What the platform runs: tested by WebNova Console with the platform's own tests."
TEST_PURPOSE = "What the platform's tests need: the runtime lock plus the test tools."
# pip's --platform tags for each target, most preferred first.
_PLATFORM_TAGS = {
    "manylinux_x86_64": ("manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64"),
    "manylinux_aarch64": ("manylinux_2_28_aarch64", "manylinux_2_17_aarch64", "manylinux2014_aarch64"),
}


def shipped_lock_dir() -> Path:
    return resources_dir() / "codegen" / "lock"


def target_options(target: str) -> list[str]:
    """pip's options that select wheels for ``target`` ("cp311-manylinux_x86_64"), or none
    for "native" (this interpreter and machine)."""
    if target == "native":
        return []
    interpreter, _, platform = target.partition("-")
    if not interpreter.startswith("cp") or platform not in _PLATFORM_TAGS:
        raise CodegenError(f"unknown target {target!r} (known: native, cp3XX-"
                           f"{', cp3XX-'.join(_PLATFORM_TAGS)})",
                           f"الهدف «{target}» غير معروف")
    version = interpreter[2:]
    options = ["--only-binary=:all:", "--implementation", "cp",
               "--python-version", f"{version[0]}.{version[1:]}"]
    for tag in _PLATFORM_TAGS[platform]:
        options += ["--platform", tag]
    return options


class PipLocks:
    """Implements the codegen service's LockSource port: the shipped lock, read from
    resources/codegen/lock (or another folder, for tests)."""

    def __init__(self, folder: Path | None = None, python: str = sys.executable) -> None:
        self.folder = folder or shipped_lock_dir()
        self.python = python

    def shipped(self) -> dict[str, str]:
        texts = {}
        for name in LOCK_FILES:
            path = self.folder / name
            try:
                texts[name] = path.read_text(encoding="utf-8")
            except OSError as exc:
                raise CodegenError(f"the console's platform lock {path} cannot be read: {exc.strerror}",
                                   f"تعذّرت قراءة قفل الحزم {path}: {exc.strerror}") from None
            parse_lock(texts[name], name)  # refuse a broken shipped lock before it spreads
        return texts

    # ------------------------------------------------------------ wheels
    def fetch_wheels(self, locks: Sequence[Path], dest: Path,
                     targets: Iterable[str] = ("native", *DEFAULT_TARGETS)) -> list[Path]:
        """Download the wheel of every locked package for each target into ``dest``,
        checked against the lock's hashes. Wheels already there are not fetched again."""
        dest.mkdir(parents=True, exist_ok=True)
        for target in targets:
            for lock in locks:
                command = [self.python, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
                           "--no-deps", "--require-hashes", "--only-binary=:all:", "--dest", str(dest),
                           "--find-links", str(dest), *target_options(target), "-r", str(lock)]
                done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=900)
                if done.returncode != 0:
                    raise CodegenError(
                        f"the wheels of {lock.name} for {target} could not be fetched: "
                        f"{_last_error(done.stderr)}",
                        f"تعذّر جلب حزم {lock.name} للهدف {target}: {_last_error(done.stderr)}",
                    )
        return sorted(dest.glob("*.whl"))

    # ------------------------------------------------------------ resolving (developers)
    def resolve(self, targets: Sequence[str] = DEFAULT_TARGETS) -> dict[str, str]:
        """A new lock: the newest versions within the ranges, the same on every target."""
        runtime = [*RUNTIME_REQUIREMENTS, *BILLING_REQUIREMENTS]
        everything = [*runtime, *TEST_REQUIREMENTS, *BUILD_REQUIREMENTS]
        first = self._report(runtime, targets[0], None)
        pins = {canonical_name(i["metadata"]["name"]): i["metadata"]["version"] for i in first["install"]}
        runtime_reports = [self._report(runtime, t, pins) for t in targets]
        full_reports = [self._report(everything, t, pins) for t in targets]
        return {
            RUNTIME_LOCK: render_lock(lock_from_reports(runtime_reports, targets), RUNTIME_PURPOSE),
            TEST_LOCK: render_lock(lock_from_reports(full_reports, targets), TEST_PURPOSE),
        }

    def _report(self, requirements: list[str], target: str, pins: dict[str, str] | None) -> dict[str, Any]:
        with tempfile.TemporaryDirectory(prefix="webnova-lock-") as folder:
            work = Path(folder)
            (work / "requirements.txt").write_text("\n".join(requirements) + "\n")
            command = [self.python, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
                       "--disable-pip-version-check", "--report", str(work / "report.json"),
                       "--target", str(work / "target"), *target_options(target),
                       "-r", str(work / "requirements.txt")]
            if pins:
                (work / "constraints.txt").write_text(
                    "".join(f"{name}=={version}\n" for name, version in sorted(pins.items())))
                command += ["-c", str(work / "constraints.txt")]
            done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=900)
            if done.returncode != 0:
                raise CodegenError(f"pip could not resolve the platform's packages for {target}: "
                                   f"{_last_error(done.stderr)}",
                                   f"تعذّر على pip حل حزم المنصة للهدف {target}")
            report: dict[str, Any] = json.loads((work / "report.json").read_text())
            return report


def lock_from_reports(reports: Sequence[dict[str, Any]], targets: Sequence[str]) -> PlatformLock:
    """One lock from pip's installation reports (one per target): the same version of each
    package on every target, with the hash of each target's file."""
    versions: dict[str, tuple[str, str]] = {}
    hashes: dict[str, set[str]] = {}
    for target, report in zip(targets, reports, strict=True):
        for item in report["install"]:
            name, version = item["metadata"]["name"], item["metadata"]["version"]
            key = canonical_name(name)
            known = versions.setdefault(key, (name, version))
            if known[1] != version:
                raise CodegenError(f"{name} resolves to {known[1]} on one target and {version} on {target}",
                                   f"الحزمة {name} تُحل إلى إصدارين مختلفين")
            digest = item["download_info"].get("archive_info", {}).get("hashes", {}).get("sha256")
            if not digest:
                raise CodegenError(f"pip reported no sha256 for {name} {version} on {target}",
                                   f"لم يذكر pip بصمة sha256 للحزمة {name}")
            hashes.setdefault(key, set()).add(f"sha256:{digest}")
    packages = tuple(LockedPackage(name, version, tuple(sorted(hashes[key])))
                     for key, (name, version) in sorted(versions.items()))
    return PlatformLock(packages, tuple(targets))


def _last_error(stderr: str) -> str:
    lines = [line for line in stderr.strip().splitlines()
             if line.strip() and "is ignored: it is neither a file nor a directory" not in line]
    return lines[-1].strip() if lines else "pip failed"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.integrations.platform_lock",
                                     description=__doc__)
    parser.add_argument("command", choices=("refresh",), help="resolve and write a new shipped lock")
    parser.add_argument("--out", type=Path, default=None, help="where to write (default: the shipped lock)")
    args = parser.parse_args(argv)
    locks = PipLocks(args.out)
    try:
        old = {name: parse_lock(text, name) for name, text in locks.shipped().items()}
    except CodegenError:
        old = {}
    new = locks.resolve()
    locks.folder.mkdir(parents=True, exist_ok=True)
    for name, text in new.items():
        (locks.folder / name).write_text(text, encoding="utf-8")
        changes = lock_changes(old.get(name), parse_lock(text, name))
        print(f"{name}: {len(changes)} change(s)")
        for change in changes:
            print(f"  {change.describe()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
