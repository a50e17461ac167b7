"""Build WebNova Console for release: translations, the PyInstaller bundle, a smoke test of
the frozen binary, then the installers of this system (.tar.gz and .deb on Linux).

    python packaging/build.py [--dist DIR] [--work DIR] [--skip-smoke] [--untrimmed]

Nothing is called built before the frozen binary has passed the smoke test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
sys.path.insert(0, str(PACKAGING))

import webnova_bundle as bundle  # noqa: E402

ROOT = bundle.ROOT
SPEC = PACKAGING / "webnova.spec"
WINDOWS = sys.platform == "win32"
LINUX = sys.platform.startswith("linux")
EXE_NAME = f"{bundle.NAME}.exe" if WINDOWS else bundle.NAME
SMOKE_TIMEOUT = 180

# Environment that would let the frozen binary lean on this checkout or this venv.
LEAKY_ENV = (
    "PYTHONPATH",
    "PYTHONHOME",
    "PYTHONSTARTUP",
    "PYTHONSAFEPATH",
    "VIRTUAL_ENV",
    "QT_PLUGIN_PATH",
    "QT_QPA_PLATFORM_PLUGIN_PATH",
    "LD_LIBRARY_PATH",
    "WEBNOVA_HOME",
    "WEBNOVA_KEYRING",
    "WEBNOVA_STARTUP_PROBE",
)

DESKTOP_ENTRY = """\
[Desktop Entry]
Type=Application
Name={name}
GenericName=Platform factory console
Comment=Blueprints, code generation, deployment and governance on your own infrastructure
Exec=webnova
Icon={package}
Terminal=false
Categories=Development;Utility;
StartupNotify=true
"""

DEB_DESCRIPTION = """\
Desktop platform factory for sovereign owners
 WebNova Console creates blueprints, generates code, deploys and governs
 platforms on infrastructure the owner controls. Workspaces live in a local
 SQLite file or the owner's PostgreSQL server; secrets stay in the OS keyring."""

# Plugins that only add optional desktop integration: the system libraries they need are
# recommended, not required (Qt skips a plugin whose libraries are missing).
CORE_PLUGINS = (
    "platforms/libqxcb",
    "platforms/libqoffscreen",
    "platforms/libqminimal",
    "xcbglintegrations/",
    "imageformats/",
    "iconengines/",
)


# Renders the SVG application icon into the format the platform's executables use.
ICON_SCRIPT = """
import sys
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

app = QGuiApplication(sys.argv[:1])
source, target, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
image = QImage(size, size, QImage.Format.Format_ARGB32)
image.fill(Qt.GlobalColor.transparent)
painter = QPainter(image)
QSvgRenderer(source).render(painter)
painter.end()
sys.exit(0 if image.save(target) else 1)
"""


class BuildError(RuntimeError):
    pass


def log(message: str) -> None:
    print(f"[build] {message}", flush=True)


def run(
    command: Sequence[str | Path],
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    quiet: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Run a command; its output is captured (and shown only on failure) when ``quiet``."""
    args = [str(part) for part in command]
    result = subprocess.run(args, cwd=cwd, env=env, text=True, capture_output=quiet, check=False)
    if result.returncode != 0:
        detail = "\n".join(x for x in (result.stdout, result.stderr) if x)
        raise BuildError(f"{' '.join(args)} exited with {result.returncode}\n{detail[-6000:]}")
    return result


def human(size: int) -> str:
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{value:.1f} {unit}" if unit != "B" else f"{size} B"
        value /= 1024
    return f"{size} B"


def tree_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


# ------------------------------------------------------------------ translations


def lrelease() -> str:
    scripts = Path(sys.executable).parent
    found = shutil.which("pyside6-lrelease", path=str(scripts)) or shutil.which("pyside6-lrelease")
    if not found:
        raise BuildError("pyside6-lrelease not found (it comes with PySide6)")
    return found


def compile_translations() -> list[Path]:
    sources = bundle.translation_sources()
    if (ROOT / "app" / "gui" / "i18n.py").exists():
        run([sys.executable, "-m", "app.gui.i18n", "build"], cwd=ROOT)
    for ts in sources:
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            run([lrelease(), "-silent", ts, "-qm", qm])
    compiled = bundle.compiled_translations()
    log(f"translations: {', '.join(p.name for p in compiled) or 'none in translations/'}")
    return compiled


# ------------------------------------------------------------------ PyInstaller


def native_icon(work: Path) -> Path | None:
    """An .ico (Windows) or .icns (macOS) made from resources/icons/webnova.svg, unless
    resources/icons has one of its own (the spec then takes that)."""
    suffix = {"win32": ".ico", "darwin": ".icns"}.get(sys.platform)
    svg = bundle.find_icon((".svg",))
    if suffix is None or svg is None or bundle.find_icon((suffix,)) is not None:
        return None
    work.mkdir(parents=True, exist_ok=True)
    target = work / f"{bundle.NAME}{suffix}"
    size = "256" if suffix == ".ico" else "512"
    run(
        [sys.executable, "-c", ICON_SCRIPT, svg, target, size],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    return target


def run_pyinstaller(dist: Path, work: Path, trim: bool) -> Path:
    env = dict(os.environ, WEBNOVA_BUNDLE_TRIM="1" if trim else "0")
    icon = native_icon(work)
    if icon is not None:
        env["WEBNOVA_BUNDLE_ICON"] = str(icon)
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", dist, "--workpath", work, SPEC,
    ]  # fmt: skip
    log(f"PyInstaller {'(untrimmed) ' if not trim else ''}-> {dist}")
    result = subprocess.run(
        [str(c) for c in command], cwd=ROOT, env=env, text=True, capture_output=True, check=False
    )
    lines = (result.stdout + result.stderr).splitlines()
    for line in lines:
        if "WARNING" in line or "ERROR" in line or line.startswith("WebNova:"):
            print(f"  {line}")
    if result.returncode != 0:
        raise BuildError("PyInstaller failed:\n" + "\n".join(lines[-60:]))
    folder = dist / bundle.NAME
    if not (folder / EXE_NAME).exists():
        raise BuildError(f"PyInstaller produced no {folder / EXE_NAME}")
    return folder


def internal_dir(folder: Path) -> Path:
    """Where PyInstaller puts everything but the executable (sys._MEIPASS)."""
    inner = folder / "_internal"
    return inner if inner.is_dir() else folder


def check_layout(folder: Path) -> None:
    """The files the console loads from disk at run time are all there."""
    inner = internal_dir(folder)
    expected = [inner / "migrations" / "env.py", inner / "migrations" / "script.py.mako"]
    expected += [
        inner / "migrations" / "versions" / p.name
        for p in (bundle.MIGRATIONS_DIR / "versions").glob("*.py")
    ]
    expected += [inner / "translations" / p.name for p in bundle.compiled_translations()]
    expected += [
        inner / "resources" / p.relative_to(bundle.RESOURCES_DIR)
        for p in bundle.RESOURCES_DIR.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    ]
    missing = [str(p.relative_to(folder)) for p in expected if not p.exists()]
    if missing:
        raise BuildError(f"missing from the bundle: {', '.join(missing)}")


# ------------------------------------------------------------------ smoke test


def frozen_env(home: Path, qpa: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in LEAKY_ENV}
    env.update(
        WEBNOVA_HOME=str(home),
        WEBNOVA_KEYRING="memory",
        QT_QPA_PLATFORM=qpa,
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def run_frozen(
    exe: Path, args: list[str], home: Path, cwd: Path, qpa: str = "offscreen"
) -> subprocess.CompletedProcess[str]:
    started = time.monotonic()
    # xcb: a real X server (Xvfb) with the system's X11/xcb/GL libraries.
    prefix = ["xvfb-run", "-a"] if qpa == "xcb" else []
    try:
        result = subprocess.run(
            [*prefix, str(exe), *args],
            cwd=cwd,
            env=frozen_env(home, qpa),
            capture_output=True,
            text=True,
            timeout=SMOKE_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise BuildError(f"smoke test: 'webnova {' '.join(args)}' timed out") from exc
    if result.returncode != 0:
        logs = home / "data" / "logs" / "console.log"
        tail = logs.read_text(errors="replace")[-3000:] if logs.exists() else ""
        raise BuildError(
            f"smoke test: 'webnova {' '.join(args)}' exited with {result.returncode}\n"
            f"stdout:\n{result.stdout[-3000:]}\nstderr:\n{result.stderr[-3000:]}\nlog:\n{tail}"
        )
    where = f" on {qpa}" if qpa != "offscreen" else ""
    log(f"  webnova {' '.join(args)}{where}: ok ({time.monotonic() - started:.1f}s)")
    return result


def schema_revision(database: Path) -> str | None:
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        connection.close()
    return row[0] if row else None


def frozen_executable(folder: Path) -> Path:
    """The binary people start: inside the .app on macOS, else in the bundle folder."""
    app = folder.parent / f"{bundle.DISPLAY_NAME}.app" / "Contents" / "MacOS" / EXE_NAME
    return app if sys.platform == "darwin" and app.exists() else folder / EXE_NAME


def smoke_test(folder: Path) -> None:
    """Run the frozen console from a foreign folder, with a fresh home and no venv."""
    exe = frozen_executable(folder)
    head = bundle.migration_head()
    version = bundle.app_version()
    log(f"smoke test of {exe}")
    with tempfile.TemporaryDirectory(prefix="webnova-smoke-") as tmp:
        cwd = Path(tmp)
        home = cwd / "home"

        result = run_frozen(exe, ["--version"], home, cwd)
        if version not in result.stdout + result.stderr:
            raise BuildError(f"smoke test: --version printed {result.stdout!r}, not {version}")

        run_frozen(exe, ["--smoke-test"], home, cwd)
        workspace = home / "data" / "workspaces" / "local.sqlite3"
        if not workspace.exists():
            raise BuildError(f"smoke test: the GUI did not create {workspace}")
        revision = schema_revision(workspace)
        if revision != head:
            raise BuildError(f"smoke test: new workspace is at {revision}, not head {head}")

        result = run_frozen(exe, ["db", "status", "--json"], home, cwd)
        status = json.loads(result.stdout)
        if status.get("current") != head or status.get("head") != head:
            raise BuildError(f"smoke test: db status reports {status}, expected {head}")

        # The Arabic catalogue, Qt's own Arabic strings and Babel's Arabic data load too.
        if any(p.stem.endswith("_ar") for p in bundle.compiled_translations()):
            run_frozen(exe, ["--lang", "ar", "--smoke-test"], home, cwd)

        # The X11 platform plugin loads against the system's libraries, not bundled ones.
        if LINUX and shutil.which("xvfb-run"):
            run_frozen(exe, ["--smoke-test"], home, cwd, qpa="xcb")
        elif LINUX:
            log("  X11 check skipped: xvfb-run is not installed")
    log(f"smoke test passed: GUI opened a new workspace at schema {head}")


# ------------------------------------------------------------------ Linux artifacts


def deb_architecture() -> str:
    if shutil.which("dpkg"):
        return run(["dpkg", "--print-architecture"]).stdout.strip()
    return {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())


def make_tarball(folder: Path, dist: Path, version: str) -> Path:
    top = f"{bundle.PACKAGE_NAME}-{version}"
    target = dist / f"{top}-linux-{platform.machine()}.tar.gz"

    def owned_by_root(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    with tarfile.open(target, "w:gz", compresslevel=6) as archive:
        archive.add(folder, arcname=top, filter=owned_by_root)
    return target


def elf_files(folder: Path) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def external_packages(files: Iterable[Path], provided: set[str], strict: bool) -> set[str]:
    """Debian packages holding the libraries ``files`` link to that the bundle lacks.

    ``strict``: a library not installed on this machine fails the build; otherwise it is
    reported and left out (optional plugins).
    """
    cache = run(["ldconfig", "-p"]).stdout
    x86_64 = platform.machine() == "x86_64"
    locations: dict[str, str] = {}
    for line in cache.splitlines():
        name, _, rest = line.strip().partition(" (")
        if "=>" in rest and name not in locations and ("x86-64" in rest) == x86_64:
            locations[name] = rest.split("=>", 1)[1].strip()
    packages: set[str] = set()
    for needed in sorted({n for f in files for n in bundle.elf_needed(f)} - provided):
        path = locations.get(needed)
        owner = _owner(path) if path else None
        if owner:
            packages.add(owner)
        elif strict:
            raise BuildError(f"{needed} is needed by the bundle but no installed package has it")
        else:
            log(f"  {needed} (optional plugins) is not installed here: not recommended")
    return packages


def _owner(path: str) -> str | None:
    for candidate in dict.fromkeys((path, os.path.realpath(path))):
        result = subprocess.run(
            ["dpkg-query", "-S", candidate], capture_output=True, text=True, check=False
        )
        if result.returncode == 0:
            return result.stdout.split(":", 1)[0].split(",")[0].strip()
    return None


def shlib_dependencies(folder: Path) -> tuple[list[str], list[str]]:
    """(Depends, Recommends) for the system libraries the bundle links to.

    The bundle's own copies (Qt, ICU, OpenSSL, SQLite...) are left out, so only platform
    libraries remain; dpkg-shlibdeps, when installed, adds their minimal versions.
    """
    files = elf_files(folder)
    provided = {p.name for p in folder.rglob("*") if ".so" in p.name}
    core = [f for f in files if not _optional(f)]
    optional = [f for f in files if _optional(f)]
    required = external_packages(core, provided, strict=True)
    recommended = external_packages(optional, provided, strict=False) - required
    versions = _shlibdeps_versions(files) if shutil.which("dpkg-shlibdeps") else {}
    depends = [versions.get(name, name) for name in sorted(required)]
    recommends = [versions.get(name, name) for name in sorted(recommended)]
    return _with_t64(depends), _with_t64(recommends)


def _shlibdeps_versions(files: list[Path]) -> dict[str, str]:
    """Package name -> "name (>= version)" from dpkg-shlibdeps; empty if it cannot tell."""
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "debian").mkdir()
        (Path(tmp) / "debian" / "control").write_text(
            "Source: webnova-console\n\nPackage: webnova-console\nArchitecture: any\n"
        )
        result = subprocess.run(
            [
                "dpkg-shlibdeps", "-O", "--ignore-missing-info",
                *[f"-l{d}" for d in sorted({str(f.parent) for f in files})],
                *[str(f) for f in files],
            ],
            cwd=tmp, capture_output=True, text=True, check=False,
        )  # fmt: skip
    if result.returncode != 0:
        log("  dpkg-shlibdeps failed: dependencies without minimal versions")
        return {}
    versions: dict[str, str] = {}
    for line in result.stdout.splitlines():
        _, _, value = line.partition("=")
        for item in value.split(","):
            for alternative in item.split("|"):
                alternative = alternative.strip()
                if alternative:
                    versions.setdefault(alternative.split()[0], alternative)
    return versions


def _optional(path: Path) -> bool:
    text = path.as_posix()
    if "/plugins/" not in text:
        return False
    return not any(f"/plugins/{core}" in text for core in CORE_PLUGINS)


def _with_t64(items: list[str]) -> list[str]:
    """A package renamed for 64-bit time_t (Debian 13, Ubuntu 24.04) also accepts the old
    name, so one .deb installs on both sides of the rename."""
    out = []
    for item in items:
        name, _, rest = item.partition(" ")
        if name.endswith("t64"):
            out.append(f"{item} | {name[:-3]}{(' ' + rest) if rest else ''}")
        else:
            out.append(item)
    return out


def make_deb(folder: Path, dist: Path, work: Path, version: str, compression: str) -> Path:
    arch = deb_architecture()
    stage = work / "deb" / f"{bundle.PACKAGE_NAME}_{version}_{arch}"
    if stage.exists():
        shutil.rmtree(stage)
    install_dir = stage / "opt" / bundle.PACKAGE_NAME
    shutil.copytree(folder, install_dir, symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    (stage / "usr" / "bin" / bundle.NAME).symlink_to(f"/opt/{bundle.PACKAGE_NAME}/{bundle.NAME}")
    applications = stage / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    (applications / f"{bundle.PACKAGE_NAME}.desktop").write_text(
        DESKTOP_ENTRY.format(name=bundle.DISPLAY_NAME, package=bundle.PACKAGE_NAME),
        encoding="utf-8",
    )
    icon = bundle.find_icon((".svg", ".png"))
    if icon is not None:
        if icon.suffix == ".svg":
            icon_dir = stage / "usr/share/icons/hicolor/scalable/apps"
        else:
            icon_dir = stage / "usr/share/pixmaps"
        icon_dir.mkdir(parents=True)
        shutil.copy2(icon, icon_dir / f"{bundle.PACKAGE_NAME}{icon.suffix}")

    depends, recommends = shlib_dependencies(install_dir)
    control = [
        f"Package: {bundle.PACKAGE_NAME}",
        f"Version: {version}",
        "Section: devel",
        "Priority: optional",
        f"Architecture: {arch}",
        f"Maintainer: {bundle.MAINTAINER}",
        f"Installed-Size: {tree_size(stage) // 1024}",
        f"Depends: {', '.join(depends)}",
    ]
    if recommends:
        control.append(f"Recommends: {', '.join(recommends)}")
    control.append(f"Description: {DEB_DESCRIPTION}")
    debian = stage / "DEBIAN"
    debian.mkdir(mode=0o755)
    (debian / "control").write_text("\n".join(control) + "\n", encoding="utf-8")
    for path in [stage, *stage.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    target = dist / f"{bundle.PACKAGE_NAME}_{version}_{arch}.deb"
    level = ["-z6"] if compression == "xz" else []
    run(["dpkg-deb", "--root-owner-group", f"-Z{compression}", *level, "--build", stage, target])
    return target


# ------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="build folder")
    parser.add_argument(
        "--skip-smoke", action="store_true", help="do not run the frozen binary (no artifacts)"
    )
    parser.add_argument(
        "--untrimmed",
        action="store_true",
        help="build without Qt/library exclusions, to compare sizes (no artifacts)",
    )
    parser.add_argument(
        "--deb-compression",
        choices=("xz", "gzip", "zstd"),
        default="xz",
        help="compression of the .deb (default xz: smallest; gzip builds three times faster)",
    )
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    started = time.monotonic()
    try:
        compile_translations()
        folder = run_pyinstaller(dist, work, trim=not args.untrimmed)
        check_layout(folder)
        log(f"bundle: {folder} ({human(tree_size(folder))})")
        if args.skip_smoke or args.untrimmed:
            log("not smoke-tested: no installers written")
            return 0
        smoke_test(folder)
        artifacts: list[Path] = []
        if LINUX:
            version = bundle.app_version()
            artifacts.append(make_tarball(folder, dist, version))
            artifacts.append(make_deb(folder, dist, work, version, args.deb_compression))
    except BuildError as exc:
        print(f"[build] FAILED: {exc}", file=sys.stderr, flush=True)
        return 1
    log(f"bundle folder  {human(tree_size(folder)):>10}  {folder}")
    for path in artifacts:
        log(f"{path.suffix.lstrip('.'):<14} {human(path.stat().st_size):>10}  {path}")
    log(f"built in {time.monotonic() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
