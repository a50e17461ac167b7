"""``webnova release`` end to end: a template platform generated once for the module, its
release built (the wheel cache filled from the package index), built again with the index
unreachable, verified, tampered with in the ways an attacker or an accident would, and
installed into a fresh virtual environment from the release's wheels alone, where its
migrations run and its health check answers."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tarfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from app.domain.release.checks import ReleaseSignature
from app.domain.release.manifest import signed_message
from app.paths import install_root

BIN = Path(sys.executable).parent


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # nothing listens there once the probe is closed


class Console:
    def __init__(self, home: Path) -> None:
        self.home = home
        self.env = {**os.environ, "WEBNOVA_HOME": str(home), "WEBNOVA_KEYRING": "file",
                    "WEBNOVA_KEYRING_PASSPHRASE": "release test pass phrase", "WEBNOVA_USER": "owner",
                    "PYTHONPATH": str(install_root()), "PATH": f"{BIN}:{os.environ.get('PATH', '')}"}

    def run(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "app", *args], env={**self.env, **(env or {})},
                              cwd=self.home, capture_output=True, text=True, timeout=600, check=False)

    def ok(self, *args: str, env: dict[str, str] | None = None) -> str:
        done = self.run(*args, env=env)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> Console:
    home = tmp_path_factory.mktemp("release-home")
    c = Console(home)
    c.ok("blueprint", "new", "--template", "enterprise", "--key", "hub")
    c.ok("generate", "hub", "--out", str(home / "hub"))
    return c


@pytest.fixture(scope="module")
def release(console: Console) -> Path:
    """Release 1 of hub, built with the package index the machine is configured with."""
    built = json.loads(console.ok("release", "build", "hub", "--json"))
    assert (built["release"], built["blueprint_version"], built["built_by"]) == (1, 1, "owner")
    return Path(built["file"])


def rewrite(source: Path, target: Path, change: Callable[[str, bytes], bytes | None],
            add: dict[str, bytes] | None = None) -> Path:
    """A copy of a release archive with members changed (None drops one) or added."""
    with tarfile.open(source) as old, tarfile.open(target, "w") as new:
        for member in old:
            stream = old.extractfile(member)
            assert stream is not None
            data = change(member.name, stream.read())
            if data is None:
                continue
            info = tarfile.TarInfo(member.name)
            info.size = len(data)
            new.addfile(info, io.BytesIO(data))
        for name, data in (add or {}).items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            new.addfile(info, io.BytesIO(data))
    return target


def member(path: Path, name: str) -> bytes:
    with tarfile.open(path) as archive:
        stream = archive.extractfile(name)
        assert stream is not None
        return stream.read()


def verify(console: Console, path: Path) -> tuple[int, dict[str, object], str]:
    done = console.run("release", "verify", str(path), "--json")
    text = console.run("release", "verify", str(path))
    return done.returncode, json.loads(done.stdout), text.stdout + text.stderr


def resign(console: Console, manifest: bytes, user: str) -> bytes:
    """``manifest`` signed with ``user``'s own key from this console's keyring."""
    script = (
        "import sys; from app.bootstrap import Console; from app.domain.release.manifest import signed_message\n"
        "c = Console(); ws = c.open_current(); s = ws.approvals.signer(sys.argv[1])\n"
        "data = sys.stdin.buffer.read(); print(s.key_id, s.sign(signed_message(data)))\n"
        "ws.close()\n")
    done = subprocess.run([sys.executable, "-c", script, user], input=manifest, env=console.env,
                          cwd=console.home, capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr.decode()
    key_id, signature = done.stdout.decode().split()
    return ReleaseSignature(key_id, signature).to_bytes()


def test_a_built_release_is_valid_and_listed(console: Console, release: Path) -> None:
    code, result, text = verify(console, release)
    assert code == 0, text
    assert result["valid"] is True
    assert (result["platform"], result["release"], result["built_by"]) == ("hub", 1, "owner")
    assert text.startswith("valid: release 1 of hub (blueprint version 1, commit ")
    manifest = json.loads(member(release, "manifest.json"))
    wheels = {f["path"] for f in manifest["files"] if f["role"] == "dependency"}
    assert "wheels/fastapi-0.165.0-py3-none-any.whl" in wheels
    assert any(w.startswith("wheels/pydantic_core-") and "cp311-cp311-manylinux" in w for w in wheels)
    assert {"requirements.lock", "project/alembic.ini", "project/migrations/env.py"} <= {
        f["path"] for f in manifest["files"]}
    assert manifest["python_target"] == "cp311-manylinux_x86_64"
    listed = json.loads(console.ok("release", "list", "hub", "--json"))
    assert listed[0]["release"] == 1 and listed[0]["present"] is True
    events = json.loads(console.ok("events", "tail", "--limit", "100", "--json"))
    built = [e for e in events if e["stream_id"] == "release:default:hub"]
    assert [(e["type"], e["data"]["built_by"]) for e in built if e["data"]["release"] == 1] == [
        ("ReleaseBuilt", "owner")]
    digest = hashlib.sha256(member(release, "manifest.json")).hexdigest()
    assert built[0]["data"]["manifest_sha256"] == digest


def test_a_second_build_needs_no_package_index(console: Console, release: Path) -> None:
    offline = {"PIP_CONFIG_FILE": os.devnull, "PIP_INDEX_URL": f"http://127.0.0.1:{closed_port()}/simple",
               "PIP_EXTRA_INDEX_URL": "", "PIP_FIND_LINKS": "", "PIP_RETRIES": "0", "PIP_TIMEOUT": "2"}
    out = console.ok("release", "build", "hub", "--version", "1", env=offline)
    number = int(out.split()[2])
    assert number > 1
    assert out.startswith(f"built release {number} of hub (blueprint version 1, ")
    second = Path(out.splitlines()[1].strip())
    assert verify(console, second)[0] == 0
    # Same commit, same lock: the same wheels, byte for byte.
    first = {f["path"]: f["sha256"] for f in json.loads(member(release, "manifest.json"))["files"]}
    again = {f["path"]: f["sha256"] for f in json.loads(member(second, "manifest.json"))["files"]}
    assert first == again
    # And it really was offline: with an empty cache the same build cannot fetch anything.
    cache = console.home / "data" / "wheel-cache"
    hidden = cache.with_name("wheel-cache-aside")
    cache.rename(hidden)
    try:
        failed = console.run("release", "build", "hub", env=offline)
    finally:
        if cache.exists():
            shutil.rmtree(cache)
        hidden.rename(cache)
    assert failed.returncode == 1
    assert "could not be fetched from the package index" in failed.stderr
    listed = [r["release"] for r in json.loads(console.ok("release", "list", "hub", "--json"))]
    assert listed == list(range(1, number + 1))  # the failed build recorded nothing


def test_a_tampered_wheel_is_refused_by_name(console: Console, release: Path, tmp_path: Path) -> None:
    name = "wheels/starlette-1.10.0-py3-none-any.whl"
    bad = rewrite(release, tmp_path / "bad.tar",
                  lambda n, d: d[:-1] + bytes([d[-1] ^ 1]) if n == name else d)
    code, result, text = verify(console, bad)
    assert code == 1
    listed = next(f for f in json.loads(member(release, "manifest.json"))["files"] if f["path"] == name)
    now = hashlib.sha256(member(bad, name)).hexdigest()
    assert result["problems"] == [f"{name} was changed: its SHA-256 is {now}, the manifest says "
                                  f"{listed['sha256']}"]
    assert f"error: release refused: {name} was changed" in text


def test_a_changed_manifest_fails_its_signature(console: Console, release: Path, tmp_path: Path) -> None:
    def edit(name: str, data: bytes) -> bytes:
        return data.replace(b'"built_by":"owner"', b'"built_by":"owner "') if name == "manifest.json" else data

    code, result, text = verify(console, rewrite(release, tmp_path / "edited.tar", edit))
    assert code == 1
    assert result["problems"] == [
        f"the signature does not match the manifest: manifest.json was changed after key "
        f"{result['key_id']} signed it"]
    assert "error: release refused: the signature does not match the manifest" in text


def test_another_owners_signature_says_whose(console: Console, release: Path, tmp_path: Path) -> None:
    console.ok("users", "add", "bob", "--name", "Bob", "--role", "ADMIN")
    manifest = member(release, "manifest.json")
    signature = resign(console, manifest, "bob")
    bob_key = json.loads(signature)["key_id"]
    owner_key = json.loads(manifest)["key_id"]

    # The signature names bob's key while the manifest names the owner's.
    swapped = rewrite(release, tmp_path / "swapped.tar",
                      lambda n, d: signature if n == "manifest.sig" else d)
    code, result, _ = verify(console, swapped)
    assert code == 1
    assert result["problems"] == [f"manifest.sig is made with key {bob_key}, but the manifest names key {owner_key}"]

    # A manifest that names bob's key, signed by bob, but says the owner built it.
    claimed = manifest.replace(owner_key.encode(), bob_key.encode())
    signed = resign(console, claimed, "bob")
    forged = rewrite(release, tmp_path / "forged.tar", lambda n, d: {
        "manifest.json": claimed, "manifest.sig": signed}.get(n, d))
    code, result, text = verify(console, forged)
    assert code == 1
    assert result["problems"] == [f"the manifest is signed with key {bob_key} of 'bob', but says 'owner' built it"]
    assert "of 'bob'" in text


def test_a_key_the_workspace_does_not_publish_is_unknown(console: Console, release: Path,
                                                          tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from app.domain.governance.keys import key_id_for

    stranger = Ed25519PrivateKey.generate()
    key_id = key_id_for(stranger.public_key().public_bytes_raw().hex())
    manifest = member(release, "manifest.json")
    claimed = manifest.replace(json.loads(manifest)["key_id"].encode(), key_id.encode())
    signature = ReleaseSignature(key_id, stranger.sign(signed_message(claimed)).hex()).to_bytes()
    code, result, _ = verify(console, rewrite(release, tmp_path / "stranger.tar", lambda n, d: {
        "manifest.json": claimed, "manifest.sig": signature}.get(n, d)))
    assert code == 1
    assert result["problems"] == [f"the signing key {key_id} is unknown: this workspace publishes no such "
                                  f"key (the manifest says 'owner' built it)"]


def test_a_wheel_not_in_the_lock_is_refused_even_when_signed(console: Console, release: Path,
                                                             tmp_path: Path) -> None:
    extra = member(release, "wheels/h11-0.16.0-py3-none-any.whl")
    name = "wheels/requests-2.99.0-py3-none-any.whl"
    manifest = json.loads(member(release, "manifest.json"))
    manifest["files"].append({"path": name, "sha256": hashlib.sha256(extra).hexdigest(),
                              "size": len(extra), "role": "dependency"})
    claimed = json.dumps(manifest, sort_keys=True, separators=(",", ":")).encode()
    signature = resign(console, claimed, "owner")
    bad = rewrite(release, tmp_path / "extra.tar", lambda n, d: {
        "manifest.json": claimed, "manifest.sig": signature}.get(n, d), add={name: extra})
    code, result, text = verify(console, bad)
    assert code == 1
    assert result["problems"] == ["requests-2.99.0-py3-none-any.whl: requests is not in the lock"]
    assert "error: release refused: requests-2.99.0-py3-none-any.whl: requests is not in the lock" in text


def test_the_platform_installs_and_runs_from_the_release_alone(console: Console, release: Path,
                                                                tmp_path: Path) -> None:
    from app.integrations.release_files import TarReleaseFiles

    TarReleaseFiles().unpack(release, tmp_path / "release")
    wheels, project = tmp_path / "release" / "wheels", tmp_path / "release" / "project"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(tmp_path / "venv")],
                   check=True, capture_output=True, timeout=120)
    python = tmp_path / "venv" / "bin" / "python"
    offline = {**os.environ, "PIP_CONFIG_FILE": os.devnull, "PIP_NO_INDEX": "1",
               "PIP_INDEX_URL": f"http://127.0.0.1:{closed_port()}/simple"}
    offline.pop("PYTHONPATH", None)
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-index",
         "--find-links", str(wheels), "hub-platform"], env=offline, capture_output=True, text=True,
        timeout=600, check=False)
    assert installed.returncode == 0, installed.stderr
    env = {**offline, "DATABASE_URL": f"sqlite:///{tmp_path / 'hub.sqlite3'}",
           "JWT_SECRET": "j" * 40, "FIELD_INDEX_KEY": "i" * 40,
           "FIELD_ENCRYPTION_KEYS": base64.urlsafe_b64encode(b"k" * 32).decode()}
    where = subprocess.run([str(python), "-c", "import hub_api; print(hub_api.__file__)"], env=env,
                           cwd=tmp_path, capture_output=True, text=True, timeout=60, check=True)
    assert where.stdout.startswith(str(tmp_path / "venv"))
    migrated = subprocess.run([str(python), "-m", "alembic", "-c", str(project / "alembic.ini"), "upgrade",
                               "head"], env=env, cwd=project, capture_output=True, text=True, timeout=300,
                              check=False)
    assert migrated.returncode == 0, migrated.stderr
    port = closed_port()
    server = subprocess.Popen([str(python), "-m", "uvicorn", "--factory", "hub_api.main:create_app",
                               "--host", "127.0.0.1", "--port", str(port)], env=env, cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        answer = _health(f"http://127.0.0.1:{port}/health", server)
    finally:
        server.terminate()
        server.wait(timeout=30)
        assert server.stdout is not None
        server.stdout.close()
    assert (answer["status"], answer["platform"], answer["database"]) == ("ok", "hub", "ok")


def _health(url: str, server: subprocess.Popen[bytes]) -> dict[str, object]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            assert server.stdout is not None
            raise AssertionError(server.stdout.read().decode())
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                assert response.status == 200
                answer: dict[str, object] = json.loads(response.read())
                return answer
        except OSError:
            time.sleep(0.3)
    raise AssertionError("the platform did not answer its health check")



def test_a_release_another_console_numbered_first_leaves_no_file(console: Console, release: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from app.bootstrap import Console as Composition
    from app.bootstrap import build_releases
    from app.domain.events import NewEvent
    from app.domain.release.manifest import ReleaseError

    for name in ("WEBNOVA_HOME", "WEBNOVA_KEYRING", "WEBNOVA_KEYRING_PASSPHRASE", "WEBNOVA_USER"):
        monkeypatch.setenv(name, console.env[name])
    ws = Composition().open_current()
    try:
        releases = build_releases(ws)
        store = ws.store
        stream = "release:default:hub"
        before = store.read_stream(stream)
        taken = sum(1 for e in before if e.type == "ReleaseBuilt") + 1

        class Racing:
            """The workspace's store, with another console recording its release first."""

            def __getattr__(self, name: str) -> object:
                return getattr(store, name)

            def append(self, stream_id: str, events: list[NewEvent], expected: int | None) -> object:
                store.append(stream_id, [NewEvent("ReleaseBuilt", "default", {
                    "platform": "hub", "release": taken, "blueprint_version": 1, "commit": "0" * 40,
                    "manifest_sha256": "0" * 64, "python_target": "cp311-manylinux_x86_64",
                    "key_id": "0" * 16, "file": f"hub-release-{taken}.tar", "built_by": "other"},
                    {"actor": "other"})], None)
                return store.append(stream_id, events, expected)

        releases.store = Racing()  # type: ignore[assignment]
        folder = release.parent
        files_before = sorted(p.name for p in folder.iterdir())
        with pytest.raises(ReleaseError, match="another release of 'hub' was built at the same time"):
            releases.build_now("hub", ws.approvals.signer("owner"), "owner")
        assert sorted(p.name for p in folder.iterdir()) == files_before
        after = store.read_stream(stream)
        assert [e.actor for e in after[len(before):]] == ["other"]
    finally:
        ws.close()
