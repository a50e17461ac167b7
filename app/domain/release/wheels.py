"""Wheel file names (PEP 427) and which of them a release target can install.

A release is built for one target, ``cp311-manylinux_x86_64``: the servers' CPython and
machine. A wheel fits when one of its tag triples is one that target's pip would accept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.codegen.lock import canonical_name

_NAME = re.compile(r"^(?P<name>[A-Za-z0-9](?:[A-Za-z0-9._]*[A-Za-z0-9])?)-(?P<version>[A-Za-z0-9_.!+]+)"
                   r"(?:-(?P<build>\d[A-Za-z0-9_.]*))?-(?P<python>[A-Za-z0-9_.]+)"
                   r"-(?P<abi>[A-Za-z0-9_.]+)-(?P<platform>[A-Za-z0-9_.]+)\.whl$")
_TARGET = re.compile(r"^cp3(?P<minor>\d{1,2})-manylinux_(?P<arch>x86_64|aarch64)$")
_MANYLINUX = re.compile(r"^manylinux_2_(?P<glibc>\d+)_(?P<arch>x86_64|aarch64)$")
_LEGACY_MANYLINUX = {"manylinux1": 5, "manylinux2010": 12, "manylinux2014": 17}
# The newest glibc a manylinux wheel may need on the servers (Debian 12, the servers'
# image, has 2.36).
SERVER_GLIBC = 36


@dataclass(frozen=True)
class WheelName:
    filename: str
    name: str  # canonical (PEP 503)
    version: str
    python: frozenset[str]
    abi: frozenset[str]
    platform: frozenset[str]


def parse_wheel_name(filename: str) -> WheelName | None:
    """The parts of a wheel's file name, or None when it is not one."""
    found = _NAME.match(filename)
    if found is None:
        return None
    return WheelName(filename, canonical_name(found["name"]), found["version"],
                     frozenset(found["python"].split(".")), frozenset(found["abi"].split(".")),
                     frozenset(found["platform"].split(".")))


def known_target(target: str) -> bool:
    return _TARGET.match(target) is not None


def fits(wheel: WheelName, target: str) -> bool:
    """Would ``target``'s pip install this wheel?"""
    found = _TARGET.match(target)
    if found is None:
        return False
    minor, arch = int(found["minor"]), found["arch"]
    return (any(_python_fits(tag, minor) for tag in wheel.python)
            and any(_abi_fits(abi, python, minor) for abi in wheel.abi for python in wheel.python)
            and any(_platform_fits(tag, arch) for tag in wheel.platform))


def _python_fits(tag: str, minor: int) -> bool:
    if tag in ("py3", f"py3{minor}", f"cp3{minor}"):
        return True
    # cp3X with abi3 installs on any later 3.Y; checked with the abi.
    return re.fullmatch(r"cp3\d{1,2}", tag) is not None and int(tag[3:]) <= minor


def _abi_fits(abi: str, python: str, minor: int) -> bool:
    if abi == "none":
        return python.startswith("py3") or python == f"cp3{minor}"
    if abi == "abi3":
        return re.fullmatch(r"cp3\d{1,2}", python) is not None and int(python[3:]) <= minor
    return abi == f"cp3{minor}" and python == f"cp3{minor}"


def _platform_fits(tag: str, arch: str) -> bool:
    if tag == "any":
        return True
    found = _MANYLINUX.match(tag)
    if found is not None:
        return found["arch"] == arch and int(found["glibc"]) <= SERVER_GLIBC
    legacy, _, legacy_arch = tag.partition("_")
    return legacy in _LEGACY_MANYLINUX and legacy_arch == arch
