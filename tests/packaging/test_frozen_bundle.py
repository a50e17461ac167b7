"""The release build: packaging/build.py freezes the console, smoke-tests the binary and
writes the .tar.gz and .deb; the artifacts hold what the console loads at run time and
run on their own, against SQLite and PostgreSQL."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.packaging.plan import BUILD_SCRIPT, ROOT, bundle
from tests.support.pgserver import PASSWORD, SUPERUSER, PgServer

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.timeout(600),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux artifacts"),
]

VERSION = bundle.app_version()
HEAD = bundle.migration_head()
PACKAGE = bundle.PACKAGE_NAME


@dataclass(frozen=True)
class Build:
    output: str
    folder: Path
    tarball: Path
    deb: Path


def _shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the whole run: with pytest-xdist, every worker's temporary folder
    sits in a common parent, so the bundle is built once however tests are spread."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    shared = _shared_folder(tmp_path_factory)
    base = shared / "frozen-release"
    dist, work = base / "dist", base / "build"
    record = base / "build-result.json"
    with (shared / "frozen-release.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other workers wait for the one build
        if not record.exists():
            result = subprocess.run(
                [
                    sys.executable, str(BUILD_SCRIPT), "--dist", str(dist), "--work", str(work),
                    "--deb-compression", "gzip",
                ],
                cwd=ROOT, capture_output=True, text=True, timeout=540, check=False,
            )  # fmt: skip
            base.mkdir(parents=True, exist_ok=True)
            record.write_text(
                json.dumps({"code": result.returncode, "output": result.stdout + result.stderr})
            )
    outcome = json.loads(record.read_text())
    output = outcome["output"]
    assert outcome["code"] == 0, output[-8000:]
    tarballs = sorted(dist.glob(f"{PACKAGE}-{VERSION}-linux-*.tar.gz"))
    debs = sorted(dist.glob(f"{PACKAGE}_{VERSION}_*.deb"))
    assert len(tarballs) == 1, sorted(p.name for p in dist.iterdir())
    assert len(debs) == 1, sorted(p.name for p in dist.iterdir())
    return Build(output=output, folder=dist / bundle.NAME, tarball=tarballs[0], deb=debs[0])


def frozen(
    exe: Path, *args: str, home: Path, stdin: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run a frozen binary with a fresh home, outside the checkout and the venv."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "VIRTUAL_ENV", "WEBNOVA_", "QT_PLUGIN", "PG"))
    }
    clean.update(
        WEBNOVA_HOME=str(home), WEBNOVA_KEYRING="memory", QT_QPA_PLATFORM="offscreen", **env
    )
    return subprocess.run(
        [str(exe), *args],
        cwd=home.parent,
        env=clean,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, f"{result.args}\n{result.stdout}\n{result.stderr}"
    return result.stdout


# ------------------------------------------------------------------ the build


def test_the_frozen_binary_passed_the_smoke_test_before_anything_was_written(build: Build) -> None:
    lines = build.output.splitlines()
    for command in ("--version", "--smoke-test", "db status --json"):
        assert any(f"webnova {command}: ok" in line for line in lines), build.output
    passed = next(i for i, line in enumerate(lines) if "smoke test passed" in line)
    written = [i for i, line in enumerate(lines) if line.endswith((".tar.gz", ".deb"))]
    assert written
    assert min(written) > passed
    assert f"schema {HEAD}" in lines[passed]


def test_the_bundle_holds_what_the_console_loads_from_disk(build: Build) -> None:
    inner = build.folder / "_internal"
    migrations = inner / "migrations"
    assert (migrations / "env.py").is_file()
    assert (migrations / "script.py.mako").is_file()
    shipped = {p.name for p in (migrations / "versions").glob("*.py")}
    assert shipped == {p.name for p in (bundle.MIGRATIONS_DIR / "versions").glob("*.py")}
    assert not list(migrations.rglob("__pycache__"))
    for ts in bundle.translation_sources():
        assert (inner / "translations" / ts.with_suffix(".qm").name).is_file()
    for source in bundle.RESOURCES_DIR.rglob("*"):
        if source.is_file():
            assert (inner / "resources" / source.relative_to(bundle.RESOURCES_DIR)).is_file()


def test_unused_qt_and_development_packages_are_left_out(build: Build) -> None:
    inner = build.folder / "_internal"
    qt_modules = {p.name.split(".")[0] for p in (inner / "PySide6").glob("Qt*.so")}
    assert qt_modules <= bundle.qt_modules_kept()
    assert {"QtCore", "QtGui", "QtWidgets"} <= qt_modules
    qt_libs = {p.name for p in (inner / "PySide6" / "Qt" / "lib").iterdir()}
    for unwanted in ("Quick", "Qml", "Pdf", "WebEngineCore", "Multimedia", "3DCore"):
        assert f"libQt6{unwanted}.so.6" not in qt_libs
    for package in ("tkinter", "PyInstaller", "pytest", "mypy", "hypothesis", "eventsourcing"):
        assert not (inner / package).exists(), package
    names = {p.name for p in inner.iterdir()}
    assert not {n for n in names if n.startswith(("libstdc++", "libxcb", "libfontconfig"))}
    languages = {p.stem.split("_", 1)[1] for p in (inner / "PySide6/Qt/translations").glob("*.qm")}
    assert languages <= set(bundle.LANGUAGES)
    locales = {p.stem.split("_")[0] for p in (inner / "babel" / "locale-data").glob("*.dat")}
    assert locales <= {"root", *bundle.LANGUAGES}
    assert not [p for p in build.folder.rglob("*") if p.is_symlink() and not p.exists()]


# ------------------------------------------------------------------ the artifacts


def test_the_tarball_runs_from_anywhere(build: Build, tmp_path: Path) -> None:
    with tarfile.open(build.tarball) as archive:
        archive.extractall(tmp_path / "unpacked", filter="tar")
    exe = tmp_path / "unpacked" / f"{PACKAGE}-{VERSION}" / bundle.NAME
    assert os.access(exe, os.X_OK)
    home = tmp_path / "home"
    assert VERSION in ok(frozen(exe, "--version", home=home))
    upgraded = json.loads(ok(frozen(exe, "db", "upgrade", "--json", home=home)))
    assert HEAD in json.dumps(upgraded)
    status = json.loads(ok(frozen(exe, "db", "status", "--json", home=home)))
    assert (status["current"], status["state"]) == (HEAD, "current")


def test_the_frozen_console_upgrades_a_postgresql_workspace(
    build: Build, pg_server: PgServer, pg_database: str, tmp_path: Path
) -> None:
    exe = build.folder / bundle.NAME
    home = tmp_path / "home"
    # The in-memory keyring lives for one run; libpq reads the password from PGPASSWORD.
    env = {"PGPASSWORD": PASSWORD, "PSYCOPG_IMPL": "binary"}
    url = f"postgresql://{SUPERUSER}@127.0.0.1:{pg_server.port}/{pg_database}"
    ok(frozen(exe, "workspace", "add", "pg", url, "--password-stdin", home=home, stdin=PASSWORD))
    ok(frozen(exe, "db", "upgrade", "--workspace", "pg", "--json", home=home, **env))
    status = json.loads(
        ok(frozen(exe, "db", "status", "--workspace", "pg", "--json", home=home, **env))
    )
    assert (status["kind"], status["current"], status["state"]) == ("postgresql", HEAD, "current")


def test_the_deb_control_file(build: Build) -> None:
    info = ok(
        subprocess.run(["dpkg-deb", "--info", str(build.deb)], capture_output=True, text=True)
    )
    fields = dict(
        line.strip().split(": ", 1)
        for line in info.splitlines()
        if line.startswith(" ") and ": " in line
    )
    assert fields["Package"] == PACKAGE
    assert fields["Version"] == VERSION
    assert int(fields["Installed-Size"]) > 10_000
    depends = {item.strip().split()[0] for item in fields["Depends"].split(",")}
    for library in ("libc6", "libxkbcommon0", "libegl1", "libfontconfig1", "libdbus-1-3"):
        assert library in depends, fields["Depends"]
    assert "libxcb-cursor0" in depends  # the xcb platform plugin needs it since Qt 6.5
    assert not {d for d in depends if d.startswith(("libqt6", "python3", "libpython"))}


def test_the_deb_installs_the_console_the_command_and_the_menu_entry(build: Build) -> None:
    listing = ok(
        subprocess.run(["dpkg-deb", "--contents", str(build.deb)], capture_output=True, text=True)
    )
    entries = {}
    for line in listing.splitlines():
        mode, owner, *_rest = line.split()
        path = line.split(" ./", 1)[1]
        entries["./" + path.split(" -> ")[0].rstrip("/")] = (mode, owner, line)
    opt = f"./opt/{PACKAGE}"
    assert entries[f"{opt}/{bundle.NAME}"][0] == "-rwxr-xr-x"
    assert f"-> /opt/{PACKAGE}/{bundle.NAME}" in entries[f"./usr/bin/{bundle.NAME}"][2]
    assert f"./usr/share/applications/{PACKAGE}.desktop" in entries
    assert f"{opt}/_internal/migrations/env.py" in entries
    for revision in (bundle.MIGRATIONS_DIR / "versions").glob("*.py"):
        assert f"{opt}/_internal/migrations/versions/{revision.name}" in entries
    for ts in bundle.translation_sources():
        assert f"{opt}/_internal/translations/{ts.with_suffix('.qm').name}" in entries
    if bundle.find_icon((".svg", ".png")) is not None:
        assert any(path.startswith("./usr/share/icons/") or "pixmaps" in path for path in entries)
    assert {owner for _, owner, _ in entries.values()} == {"root/root"}


def test_the_menu_entry_starts_the_command(build: Build, tmp_path: Path) -> None:
    ok(
        subprocess.run(
            ["dpkg-deb", "-x", str(build.deb), str(tmp_path)], capture_output=True, text=True
        )
    )
    desktop = (tmp_path / f"usr/share/applications/{PACKAGE}.desktop").read_text(encoding="utf-8")
    assert "\nExec=webnova\n" in desktop
    assert f"\nIcon={PACKAGE}\n" in desktop
    if shutil.which("desktop-file-validate"):
        ok(
            subprocess.run(
                [
                    "desktop-file-validate",
                    str(tmp_path / f"usr/share/applications/{PACKAGE}.desktop"),
                ],
                capture_output=True,
                text=True,
            )
        )
    exe = tmp_path / "opt" / PACKAGE / bundle.NAME
    assert VERSION in ok(frozen(exe, "--version", home=tmp_path / "home"))
