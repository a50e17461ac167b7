"""The release rules without pip or git: which wheels a target installs, what a manifest
may say, the checks against the lock and the signature, and the archive's safety."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from dataclasses import replace
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.domain.codegen.lock import LockedPackage, PlatformLock
from app.domain.governance.keys import UserKey, key_id_for
from app.domain.release.checks import ReleaseSignature, lock_problems, signature_problem
from app.domain.release.manifest import (
    ReleaseError,
    ReleaseFile,
    ReleaseManifest,
    canonical_bytes,
    parse_manifest,
    signed_message,
)
from app.domain.release.wheels import fits, parse_wheel_name
from app.integrations.release_files import TarReleaseFiles
from app.integrations.signing import verify

TARGET = "cp311-manylinux_x86_64"


@pytest.mark.parametrize(("filename", "expected"), [
    ("fastapi-0.165.0-py3-none-any.whl", True),
    ("pydantic_core-2.50.5-cp311-cp311-manylinux2014_x86_64.manylinux_2_17_x86_64.whl", True),
    ("cryptography-50.0.2-cp311-abi3-manylinux_2_28_x86_64.whl", True),
    ("cryptography-50.0.2-cp39-abi3-manylinux_2_34_x86_64.whl", True),
    ("pydantic_core-2.50.5-cp311-cp311-manylinux_2_17_aarch64.whl", False),
    ("pydantic_core-2.50.5-cp312-cp312-manylinux_2_17_x86_64.whl", False),
    ("pydantic_core-2.50.5-cp311-cp311-musllinux_1_2_x86_64.whl", False),
    ("pydantic_core-2.50.5-cp311-cp311-manylinux_2_40_x86_64.whl", False),
    ("pydantic_core-2.50.5-cp311-cp311-win_amd64.whl", False),
    ("cryptography-50.0.2-cp312-abi3-manylinux_2_28_x86_64.whl", False),
])
def test_which_wheels_the_servers_target_installs(filename: str, expected: bool) -> None:
    wheel = parse_wheel_name(filename)
    assert wheel is not None
    assert fits(wheel, TARGET) is expected


def test_a_file_name_that_is_not_a_wheel() -> None:
    assert parse_wheel_name("fastapi-0.165.0.tar.gz") is None
    assert parse_wheel_name("../../etc/passwd") is None


def manifest(files: tuple[ReleaseFile, ...] = (), **changes: object) -> ReleaseManifest:
    base = ReleaseManifest(
        platform="hub", tenant="default", release=1, blueprint_version=2, commit="ab" * 20,
        platform_version="1.0.0", python_target=TARGET, built_by="owner",
        built_at="2026-01-02T03:04:05+00:00", key_id="0" * 16,
        files=files or (ReleaseFile("wheels/hub_platform-1.0.0-py3-none-any.whl", "a" * 64, 10, "platform"),))
    return replace(base, **changes)  # type: ignore[arg-type]


def test_a_manifest_reads_back_as_written() -> None:
    original = manifest()
    assert parse_manifest(canonical_bytes(original)) == original


@pytest.mark.parametrize(("edit", "named"), [
    (lambda d: d.pop("commit"), "manifest.json: commit is missing or not a text"),
    (lambda d: d.update(format="webnova-release/9"), "manifest.json: format is 'webnova-release/9'"),
    (lambda d: d.update(release=0), "manifest.json: release is not a whole number of at least 1"),
    (lambda d: d.update(extra=1), "manifest.json: extra is not a field of a release manifest"),
    (lambda d: d["files"][0].update(path="../evil.whl"),
     "manifest.json: files[0].path '../evil.whl' is not a relative path inside the release"),
    (lambda d: d["files"][0].update(path="/etc/passwd"),
     "manifest.json: files[0].path '/etc/passwd' is not a relative path inside the release"),
    (lambda d: d["files"][0].update(path="bin/run"), "manifest.json: files[0].path 'bin/run' is outside"),
    (lambda d: d["files"][0].update(sha256="XYZ"), "manifest.json: files[0].sha256 is not 64 lower-case"),
    (lambda d: d["files"][0].update(role="tool"), "manifest.json: files[0].role is 'tool', not one of"),
    (lambda d: d["files"].append(dict(d["files"][0])),
     "manifest.json: files[1].path lists 'wheels/hub_platform-1.0.0-py3-none-any.whl' a second time"),
])
def test_a_malformed_manifest_is_refused_naming_the_field(edit: object, named: str) -> None:
    doc = manifest().to_json()
    edit(doc)  # type: ignore[operator]
    with pytest.raises(ReleaseError) as caught:
        parse_manifest(json.dumps(doc).encode())
    assert str(caught.value).startswith(named)


def test_a_manifest_that_is_not_json() -> None:
    with pytest.raises(ReleaseError, match=r"manifest\.json is not JSON"):
        parse_manifest(b"\xff not json")


LOCK = PlatformLock((LockedPackage("fastapi", "0.165.0", ("sha256:" + "f" * 64,)),
                     LockedPackage("pydantic_core", "2.50.5", ("sha256:" + "c" * 64, "sha256:" + "d" * 64))),
                    (TARGET,))
PLATFORM = ReleaseFile("wheels/hub_platform-1.0.0-py3-none-any.whl", "a" * 64, 10, "platform")
FASTAPI = ReleaseFile("wheels/fastapi-0.165.0-py3-none-any.whl", "f" * 64, 10, "dependency")
CORE = ReleaseFile("wheels/pydantic_core-2.50.5-cp311-cp311-manylinux_2_17_x86_64.whl", "d" * 64, 10,
                   "dependency")


def test_wheels_that_match_the_lock_pass() -> None:
    assert lock_problems(manifest((PLATFORM, FASTAPI, CORE)), LOCK) == []


def test_wheels_against_the_lock_each_problem_named() -> None:
    other_hash = replace(FASTAPI, sha256="e" * 64)
    assert lock_problems(manifest((PLATFORM, other_hash, CORE)), LOCK) == [
        f"fastapi-0.165.0-py3-none-any.whl: its SHA-256 {'e' * 64} is not one the lock allows for "
        f"fastapi 0.165.0"]
    older = replace(FASTAPI, path="wheels/fastapi-0.110.0-py3-none-any.whl")
    assert lock_problems(manifest((PLATFORM, older, CORE)), LOCK) == [
        "fastapi-0.110.0-py3-none-any.whl: the lock pins fastapi 0.165.0, not 0.110.0"]
    assert lock_problems(manifest((PLATFORM, CORE)), LOCK) == [
        "fastapi 0.165.0 is locked but has no wheel in the release"]
    arm = replace(CORE, path="wheels/pydantic_core-2.50.5-cp311-cp311-manylinux_2_17_aarch64.whl")
    assert lock_problems(manifest((PLATFORM, FASTAPI, arm)), LOCK) == [
        f"pydantic_core-2.50.5-cp311-cp311-manylinux_2_17_aarch64.whl does not install on {TARGET}"]
    wrong_platform = replace(PLATFORM, path="wheels/other_platform-1.0.0-py3-none-any.whl")
    assert lock_problems(manifest((wrong_platform, FASTAPI, CORE)), LOCK) == [
        "wheels/other_platform-1.0.0-py3-none-any.whl is not the wheel of hub-platform 1.0.0"]


class Owner:
    def __init__(self, user: str, **key: object) -> None:
        self.private = Ed25519PrivateKey.generate()
        self.public = self.private.public_key().public_bytes_raw().hex()
        self.key = UserKey(key_id_for(self.public), self.public, user, "2025-01-01T00:00:00+00:00",
                           **key)  # type: ignore[arg-type]

    def signed(self, built_by: str = "owner", built_at: str = "2026-01-02T03:04:05+00:00",
               ) -> tuple[ReleaseManifest, bytes, ReleaseSignature]:
        m = manifest(key_id=self.key.key_id, built_by=built_by, built_at=built_at)
        data = canonical_bytes(m)
        return m, data, ReleaseSignature(self.key.key_id, self.private.sign(signed_message(data)).hex())


def check(owner: Owner, m: ReleaseManifest, data: bytes, sig: ReleaseSignature,
          *others: Owner) -> str | None:
    everyone = (owner, *others)
    return signature_problem(m, data, sig, {o.key.key_id: o.public for o in everyone},
                             [o.key for o in everyone], verify)


def test_signatures_whose_and_when() -> None:
    owner = Owner("owner")
    assert check(owner, *owner.signed()) is None
    m, data, sig = owner.signed()
    assert check(owner, m, data + b" ", sig) == (
        f"the signature does not match the manifest: manifest.json was changed after key "
        f"{owner.key.key_id} signed it")
    bob = Owner("bob")
    assert check(owner, *bob.signed(), bob) == (
        f"the manifest is signed with key {bob.key.key_id} of 'bob', but says 'owner' built it")
    stranger = Owner("owner")
    assert check(owner, *stranger.signed()) == (
        f"the signing key {stranger.key.key_id} is unknown: this workspace publishes no such key "
        f"(the manifest says 'owner' built it)")
    revoked = Owner("owner", retired_at="2026-06-01T00:00:00+00:00", revoked=True)
    assert check(revoked, *revoked.signed()) == (
        f"the signing key {revoked.key.key_id} of 'owner' was revoked at 2026-06-01T00:00:00+00:00")
    rotated = Owner("owner", retired_at="2026-06-01T00:00:00+00:00")
    assert check(rotated, *rotated.signed()) is None  # built while the key was in force
    assert check(rotated, *rotated.signed(built_at="2026-07-01T00:00:00+00:00")) == (
        f"the release was signed at 2026-07-01T00:00:00+00:00 with key {rotated.key.key_id} of "
        f"'owner', rotated at 2026-06-01T00:00:00+00:00")


# ---------------------------------------------------------------- the archive
def archive(path: Path, members: list[tarfile.TarInfo | tuple[str, bytes]]) -> Path:
    with tarfile.open(path, "w") as out:
        for item in members:
            if isinstance(item, tarfile.TarInfo):
                out.addfile(item)
            else:
                info = tarfile.TarInfo(item[0])
                info.size = len(item[1])
                out.addfile(info, io.BytesIO(item[1]))
    return path


def test_an_archive_is_read_only_when_every_member_is_a_safe_plain_file(tmp_path: Path) -> None:
    files = TarReleaseFiles(tmp_path / "releases")
    good = archive(tmp_path / "good.tar", [("manifest.json", b"{}"), ("manifest.sig", b"{}"),
                                           ("wheels/a-1-py3-none-any.whl", b"wheel")])
    contents = files.read(good)
    assert contents.files == {"wheels/a-1-py3-none-any.whl": (hashlib.sha256(b"wheel").hexdigest(), 5)}
    link = tarfile.TarInfo("wheels/b-1-py3-none-any.whl")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    cases = {
        "escape.tar": ([("manifest.json", b"{}"), ("manifest.sig", b"{}"), ("../evil", b"x")],
                       "'../evil' is not a relative path inside the release"),
        "link.tar": ([("manifest.json", b"{}"), ("manifest.sig", b"{}"), link],
                     "wheels/b-1-py3-none-any.whl is not a plain file"),
        "twice.tar": ([("manifest.json", b"{}"), ("manifest.json", b"{}"), ("manifest.sig", b"{}")],
                      "manifest.json is in the archive twice"),
        "unsigned.tar": ([("manifest.json", b"{}")], "has no manifest.sig"),
    }
    for name, (members, problem) in cases.items():
        with pytest.raises(ReleaseError, match=problem.replace("(", r"\(").replace(".", r"\.")):
            files.read(archive(tmp_path / name, members))
    (tmp_path / "text.tar").write_text("not an archive")
    with pytest.raises(ReleaseError, match="is not a release archive"):
        files.read(tmp_path / "text.tar")
    with pytest.raises(ReleaseError, match="there is no release file"):
        files.read(tmp_path / "absent.tar")


def test_a_release_file_is_never_replaced(tmp_path: Path) -> None:
    files = TarReleaseFiles(tmp_path / "releases")
    path = files.release_path("default", "hub", 1)
    wheel = tmp_path / "a-1-py3-none-any.whl"
    wheel.write_bytes(b"wheel")
    files.write(path, b"{}", b"{}", [("wheels/a-1-py3-none-any.whl", wheel)])
    before = path.read_bytes()
    with pytest.raises(ReleaseError, match="exists already; a release file is never replaced"):
        files.write(path, b"{ }", b"{}", [("wheels/a-1-py3-none-any.whl", wheel)])
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary left
