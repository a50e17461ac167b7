"""The lock files of a generated platform: every package pinned, with its hashes.

A platform declares ranges in its ``pyproject.toml``; what it installs is its lock:
``requirements.lock`` (what the server runs) and ``requirements-test.lock`` (that plus what
its tests need). Each is a pip requirements file in hash-checking mode, so
``pip install --require-hashes --no-deps -r requirements.lock`` installs exactly the
packages the console tested, from an index or from a folder of wheels with no index at all
(``--no-index --find-links wheels``). The console ships the lock its own tests ran the
generated platforms with; a platform keeps the lock it was first generated with until the
owner upgrades it (``webnova generate KEY --upgrade-lock``), which is a generation of its
own, diffable and committed like any other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.bidi import ltr
from app.domain.codegen.spec import CodegenError
from app.domain.numerals import number as write_number

RUNTIME_LOCK = "requirements.lock"
TEST_LOCK = "requirements-test.lock"
LOCK_FILES = (RUNTIME_LOCK, TEST_LOCK)

# What a generated platform needs; the pyproject's ranges, the lock's input.
RUNTIME_REQUIREMENTS: tuple[str, ...] = (
    "fastapi>=0.110,<1",
    "starlette>=0.37,<2",
    "uvicorn>=0.29,<1",
    "SQLAlchemy>=2.0.30,<2.2",
    "alembic>=1.13,<2",
    "pydantic>=2.7,<3",
    "PyJWT>=2.8,<3",
    "cryptography>=42,<51",
    "psycopg[binary]>=3.2,<4",
)
TEST_REQUIREMENTS: tuple[str, ...] = ("pytest>=8,<10", "httpx2>=2,<3")
# What a platform that sells its tiers through Stripe needs besides (billing.py), and the
# packages of the lock only it installs: a platform that sells nothing is locked without them.
BILLING_REQUIREMENTS: tuple[str, ...] = ("stripe>=16,<17",)
BILLING_PACKAGES = frozenset({"stripe", "requests", "urllib3", "certifi", "charset-normalizer"})
# Installing the platform itself (pip builds it with these, also with no index).
BUILD_REQUIREMENTS: tuple[str, ...] = ("setuptools>=68",)

# Where the servers run: CPython 3.11 (the image and the server's runtime) on Linux.
DEFAULT_TARGETS: tuple[str, ...] = ("cp311-manylinux_x86_64", "cp311-manylinux_aarch64")

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_VERSION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+!_-]*$")
_HASH = re.compile(r"^sha256:[0-9a-f]{64}$")
_TARGETS = re.compile(r"^#\s*targets:\s*(.+)$")


def canonical_name(name: str) -> str:
    """PEP 503: names compare lower-case with runs of -, _ and . as one -."""
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass(frozen=True)
class LockedPackage:
    name: str
    version: str
    hashes: tuple[str, ...]  # "sha256:<hex>", one per file (wheel per target)


@dataclass(frozen=True)
class PlatformLock:
    packages: tuple[LockedPackage, ...]
    targets: tuple[str, ...] = DEFAULT_TARGETS

    def version_of(self, name: str) -> str | None:
        wanted = canonical_name(name)
        return next((p.version for p in self.packages if canonical_name(p.name) == wanted), None)

    def names(self) -> set[str]:
        return {canonical_name(p.name) for p in self.packages}


@dataclass(frozen=True)
class LockChange:
    name: str
    old: str | None  # None: added
    new: str | None  # None: removed

    def describe(self) -> str:
        if self.old is None:
            return f"+ {self.name} {self.new}"
        if self.new is None:
            return f"- {self.name} {self.old}"
        return f"~ {self.name} {self.old} → {self.new}"


def render_lock(lock: PlatformLock, purpose: str) -> str:
    """The lock as a pip requirements file; sorted, so the same lock is the same text."""
    lines = [
        f"# {purpose}",
        "# Every package pinned with the hashes of its wheels: install with",
        "#   pip install --require-hashes --no-deps -r <this file>",
        "# (add --no-index --find-links wheels where the servers reach no package index).",
        f"# targets: {' '.join(lock.targets)}",
    ]
    for package in sorted(lock.packages, key=lambda p: canonical_name(p.name)):
        hashes = sorted(set(package.hashes))
        lines.append(f"{package.name}=={package.version} \\")
        lines += [f"    --hash={h}" + (" \\" if i < len(hashes) - 1 else "") for i, h in enumerate(hashes)]
    return "\n".join(lines) + "\n"


def without_billing(text: str) -> str:
    """``text`` (a lock as ``render_lock`` writes it) without the packages only a platform
    that sells through Stripe installs; every other line as it was."""
    kept: list[str] = []
    skipping = False
    for line in text.splitlines(keepends=True):
        if not line.startswith((" ", "#")) and line.strip():
            skipping = canonical_name(line.split("==", 1)[0]) in BILLING_PACKAGES
        if not skipping:
            kept.append(line)
    return "".join(kept)


def parse_lock(text: str, source: str = RUNTIME_LOCK) -> PlatformLock:
    """Read a lock written by ``render_lock`` (or by hand in the same form). A line that is
    not a pinned requirement with hashes is refused, naming the file and the line."""
    targets: tuple[str, ...] = DEFAULT_TARGETS
    packages: list[LockedPackage] = []
    seen: set[str] = set()
    logical: list[tuple[int, str]] = []
    pending = ""
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not pending:
            found = _TARGETS.match(line)
            if found:
                targets = tuple(found.group(1).split())
                continue
            if not line or line.startswith("#"):
                continue
            start = number
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        logical.append((start, pending + line))
        pending = ""
    if pending:
        logical.append((start, pending))
    for number, line in logical:
        def refuse(problem: str, at: int = number) -> CodegenError:
            # the file name and the English detail read left to right in the Arabic text
            return CodegenError(f"{source}, line {at}: {problem}",
                                f"{ltr(source)}، السطر {write_number(at, 'ar')}: {ltr(problem)}")

        requirement, *options = line.split()
        if "==" not in requirement:
            raise refuse(f"{requirement!r} is not pinned with == (a lock pins every package)")
        name, version = requirement.split("==", 1)
        if not _NAME.match(name) or not _VERSION.match(version):
            raise refuse(f"{requirement!r} is not a package name and version")
        hashes = []
        for option in options:
            if not option.startswith("--hash="):
                raise refuse(f"unexpected {option!r} (only --hash=sha256:… may follow a package)")
            value = option.removeprefix("--hash=")
            if not _HASH.match(value):
                raise refuse(f"{option!r} is not a sha256 hash")
            hashes.append(value)
        if not hashes:
            raise refuse(f"{name} has no --hash (pip's hash-checking mode needs one per file)")
        if canonical_name(name) in seen:
            raise refuse(f"{name} is listed twice")
        seen.add(canonical_name(name))
        packages.append(LockedPackage(name, version, tuple(hashes)))
    if not packages:
        raise CodegenError(f"{source} lists no package", f"{ltr(source)} لا يذكر أي حزمة")
    return PlatformLock(tuple(packages), targets)


def lock_changes(old: PlatformLock | None, new: PlatformLock) -> list[LockChange]:
    """Packages added, removed and moved to another version, by name."""
    before = {canonical_name(p.name): p for p in old.packages} if old else {}
    after = {canonical_name(p.name): p for p in new.packages}
    changes = []
    for key in sorted(before.keys() | after.keys()):
        was, now = before.get(key), after.get(key)
        if was is not None and now is not None and was.version == now.version:
            continue
        named = now if now is not None else was
        assert named is not None
        changes.append(LockChange(named.name, was.version if was else None,
                                  now.version if now else None))
    return changes
