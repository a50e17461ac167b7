"""What goes into the frozen WebNova Console bundle, computed from the source tree.

``webnova.spec`` and ``build.py`` both use this module; it needs only the standard
library so it can be imported by PyInstaller while it reads the spec.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_DIR = ROOT / "app"
MIGRATIONS_DIR = ROOT / "migrations"
RESOURCES_DIR = ROOT / "resources"
TRANSLATIONS_DIR = ROOT / "translations"

NAME = "webnova"
DISPLAY_NAME = "WebNova Console"
PACKAGE_NAME = "webnova-console"
APP_ID = "org.webnova.console"
MAINTAINER = "WebNova Console maintainers <packaging@webnova.invalid>"

# Languages the console ships; Qt's own translations and Babel's locale data are cut to these.
LANGUAGES = ("ar", "en")

# Qt modules the GUI cannot run without, whatever app/ imports by name.
QT_BASE_MODULES = frozenset({"QtCore", "QtGui", "QtWidgets"})

# Qt platform plugins worth shipping on a desktop: X11, Wayland, and the headless ones.
QT_PLATFORMS = ("xcb", "wayland", "wayland-egl", "offscreen", "minimal", "windows", "cocoa")
# Plugin folders no desktop console needs (embedded displays, touch devices, 3D, QML).
QT_UNUSED_PLUGIN_DIRS = frozenset(
    {
        "egldeviceintegrations",
        "assetimporters",
        "canbus",
        "designer",
        "geometryloaders",
        "geoservices",
        "multimedia",
        "position",
        "qmltooling",
        "renderers",
        "renderplugins",
        "sceneparsers",
        "scxmldatamodel",
        "sensors",
        "sqldrivers",
        "texttospeech",
        "webview",
        "wayland-graphics-integration-server",
    }
)
# Image format plugins kept; the others (pdf pulls in QtPdf, tiff, tga, icns...) are dropped.
QT_IMAGE_FORMATS = ("gif", "ico", "jpeg", "svg", "webp")
# Input methods kept (compose keys, IBus); the virtual keyboard would pull in Qt Quick.
QT_INPUT_CONTEXTS = ("composeplatforminputcontextplugin", "ibusplatforminputcontextplugin")

# Python packages never wanted in the bundle: development tools, test suites, other Qt
# bindings, GUI toolkits the console does not use.
EXCLUDED_PACKAGES = (
    "tkinter",
    "_tkinter",
    "turtle",
    "turtledemo",
    "idlelib",
    "test",
    "lib2to3",
    "pydoc_data",
    "ensurepip",
    "venv",
    "pip",
    "setuptools",
    "pkg_resources",
    "wheel",
    "PyInstaller",
    "_pyinstaller_hooks_contrib",
    "pytest",
    "_pytest",
    "pytestqt",
    "pytest_timeout",
    "hypothesis",
    "mypy",
    "mypyc",
    "ruff",
    "importlinter",
    "grimp",
    "eventsourcing",
    "IPython",
    "PyQt5",
    "PyQt6",
    "PySide2",
    "sqlalchemy.testing",
    "sqlalchemy.dialects.mysql",
    "sqlalchemy.dialects.mssql",
    "sqlalchemy.dialects.oracle",
    "MySQLdb",
    "pymysql",
    "psycopg2",
    "pysqlite2",
    "tests",
)


# ------------------------------------------------------------------ Qt modules


def _python_files(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*.py")):
        if "__pycache__" not in path.parts:
            yield path


def qt_modules_imported(folder: Path = APP_DIR) -> set[str]:
    """Names of the PySide6 modules (``QtCore``...) the sources under ``folder`` import."""
    found: set[str] = set()
    for path in _python_files(folder):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                names = [node.value] if node.value.startswith("PySide6.Qt") else []
            else:
                continue
            for name in names:
                parts = name.split(".")
                if len(parts) >= 2 and parts[0] == "PySide6" and parts[1].startswith("Qt"):
                    found.add(parts[1])
    return found


def qt_modules_available() -> set[str]:
    """Every ``PySide6.Qt*`` module of the installed wheel (extension modules and packages)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return set()
    names: set[str] = set()
    for folder in spec.submodule_search_locations:
        for entry in Path(folder).iterdir():
            if not entry.name.startswith("Qt") or entry.name == "Qt":
                continue
            if entry.is_dir() and (entry / "__init__.py").exists():
                names.add(entry.name)
            elif entry.suffix in (".so", ".pyd") or entry.name.endswith(".abi3.so"):
                names.add(entry.name.split(".", 1)[0])
    return names


def qt_modules_kept(folder: Path = APP_DIR) -> set[str]:
    return set(QT_BASE_MODULES) | qt_modules_imported(folder)


def qt_modules_excluded(folder: Path = APP_DIR) -> list[str]:
    """``PySide6.<module>`` for every installed Qt module the console does not import."""
    kept = qt_modules_kept(folder)
    return sorted(f"PySide6.{name}" for name in qt_modules_available() - kept)


# ------------------------------------------------------------------ hidden imports


def imports_of(files: Iterable[Path]) -> set[str]:
    """Absolute modules imported by ``files`` (scripts loaded from disk at run time)."""
    modules: set[str] = set()
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules.update(alias.name for alias in node.names)
            elif (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.level == 0
                and node.module != "__future__"
            ):
                modules.add(node.module)
    return modules


def migration_imports() -> set[str]:
    """What Alembic's env.py and the revision scripts import; Alembic loads them from disk,
    so PyInstaller never sees these imports itself."""
    return imports_of(_python_files(MIGRATIONS_DIR))


# ------------------------------------------------------------------ data files


def data_tree(source: Path, dest: str) -> list[tuple[str, str]]:
    """(file, destination folder) pairs for everything under ``source``, caches left out."""
    pairs: list[tuple[str, str]] = []
    for path in sorted(source.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        if path.name in (".gitkeep", ".DS_Store"):
            continue
        parent = path.parent.relative_to(source)
        pairs.append((str(path), str(Path(dest) / parent)))
    return pairs


def compiled_translations(folder: Path = TRANSLATIONS_DIR) -> list[Path]:
    return sorted(folder.glob("*.qm"))


def translation_sources(folder: Path = TRANSLATIONS_DIR) -> list[Path]:
    return sorted(folder.glob("*.ts"))


_QM_LANG = re.compile(r"_(?P<lang>[a-z]{2,3})(?:_[A-Za-z]{2,4})?\.qm$")


# Qt's own catalogues for the modules the console uses (qt_xx.qm loads qtbase_xx.qm).
QT_CATALOGUES = ("qt", "qtbase")


def keep_qt_translation(dest: str) -> bool:
    """Qt's own catalogues (qtbase_de.qm...) are kept for the shipped languages only."""
    path = Path(dest)
    if path.suffix != ".qm" or "translations" not in path.parts or "PySide6" not in path.parts:
        return True
    match = _QM_LANG.search(path.name)
    if match is None:
        return True
    return path.name[: match.start()] in QT_CATALOGUES and match.group("lang") in LANGUAGES


def keep_babel_data(dest: str) -> bool:
    """Babel's locale data is cut to the root locale and the shipped languages."""
    parts = Path(dest).parts
    if len(parts) < 3 or parts[0] != "babel" or parts[1] != "locale-data":
        return True
    stem = Path(parts[-1]).stem
    return stem == "root" or stem.split("_")[0] in LANGUAGES


def keep_qt_plugin(dest: str) -> bool:
    parts = Path(dest).parts
    try:
        index = parts.index("plugins")
    except ValueError:
        return True
    if "PySide6" not in parts[:index] or len(parts) < index + 3:
        return True
    kind, filename = parts[index + 1], parts[-1]
    stem = filename.split(".")[0].removeprefix("lib")
    if kind in QT_UNUSED_PLUGIN_DIRS:
        return False
    if kind == "platforms":
        return stem.removeprefix("q") in QT_PLATFORMS
    if kind == "imageformats":
        return stem.removeprefix("q") in QT_IMAGE_FORMATS
    if kind == "platforminputcontexts":
        return stem in QT_INPUT_CONTEXTS
    return True


def keep_entry(dest: str) -> bool:
    return keep_qt_translation(dest) and keep_babel_data(dest) and keep_qt_plugin(dest)


# ------------------------------------------------------------------ shared libraries

# Libraries of the Linux desktop platform: the display server, GL, fonts, GLib/GTK, D-Bus
# and the C++ runtime. They come from the system (the .deb depends on them) so that they
# match its drivers, font configuration and GTK modules; a copy from the build machine
# shadowing them breaks GPU drivers (libstdc++) and font setup (fontconfig).
SYSTEM_LIBRARIES = re.compile(
    r"lib("
    r"X[A-Za-z0-9-]*|xcb(-[a-z0-9-]+)?|xkbcommon(-x11)?|xshmfence|wayland-[a-z]+"
    r"|drm|gbm|EGL|GL|GLX|GLdispatch|OpenGL|vulkan"
    r"|fontconfig|freetype|harfbuzz[a-z-]*|graphite2|png16|brotli[a-z]+"
    r"|(glib|gobject|gio|gmodule|gthread)-2\.0|pcre2-[0-9a-z]+"
    r"|gtk-3|gdk-3|gdk_pixbuf-2\.0|atk-1\.0|atk-bridge-2\.0|atspi|cairo(-gobject)?"
    r"|pango[a-z0-9]*-1\.0|epoxy|pixman-1|thai|datrie|fribidi"
    r"|dbus-1|systemd|udev|selinux|mount|blkid|gcrypt|gpg-error|lz4|cap"
    r"|stdc\+\+|gcc_s"
    r")"
)


def is_system_library(name: str) -> bool:
    """A library of the Linux desktop platform (matched on the name before ``.so``)."""
    if not sys.platform.startswith("linux"):
        return False
    stem = os.path.basename(name).split(".so", 1)[0]
    return SYSTEM_LIBRARIES.fullmatch(stem) is not None


def elf_needed(path: str | Path) -> list[str]:
    """DT_NEEDED entries of an ELF file (``objdump -p``); empty for anything else."""
    result = subprocess.run(
        ["objdump", "-p", str(path)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        return []
    return [
        line.split()[1]
        for line in result.stdout.splitlines()
        if line.strip().startswith("NEEDED") and len(line.split()) == 2
    ]


def _is_root(dest: str, typecode: str) -> bool:
    base = os.path.basename(dest)
    return typecode == "EXTENSION" or "plugins" in Path(dest).parts or base.startswith("libpython")


def prune_binaries(binaries: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Drop the system libraries, then every library nothing kept still links to.

    Roots are the Python extension modules, the Qt plugins and libpython; a library stays
    when a root reaches it through DT_NEEDED without passing through a system library.
    Only on Linux: PyInstaller already leaves the system's libraries out elsewhere.
    """
    if not sys.platform.startswith("linux"):
        return binaries
    kept = [entry for entry in binaries if not is_system_library(entry[0])]
    by_name: dict[str, list[tuple[str, str, str]]] = {}
    for entry in kept:
        by_name.setdefault(os.path.basename(entry[0]), []).append(entry)
    queue = [entry for entry in kept if _is_root(entry[0], entry[2]) and entry[2] != "SYMLINK"]
    reached: set[str] = set()
    seen_sources: set[str] = set()
    while queue:
        _, source, typecode = queue.pop()
        if typecode == "SYMLINK" or source in seen_sources:
            continue
        seen_sources.add(source)
        for name in elf_needed(source):
            if name in by_name and name not in reached:
                reached.add(name)
                queue.extend(by_name[name])
    kept = [
        entry
        for entry in kept
        if entry[2] == "SYMLINK"
        or _is_root(entry[0], entry[2])
        or os.path.basename(entry[0]) in reached
    ]
    return drop_dangling_links(kept, kept)


def drop_dangling_links(
    entries: list[tuple[str, str, str]], targets: list[tuple[str, str, str]]
) -> list[tuple[str, str, str]]:
    """A SYMLINK entry is (link, target inside the bundle, "SYMLINK"); it goes with its
    target, which must still be among ``targets``."""
    files = {os.path.normpath(entry[0]) for entry in targets if entry[2] != "SYMLINK"}
    return [
        entry
        for entry in entries
        if entry[2] != "SYMLINK"
        or os.path.normpath(os.path.join(os.path.dirname(entry[0]), entry[1])) in files
    ]


# ------------------------------------------------------------------ schema


def migration_head(folder: Path = MIGRATIONS_DIR / "versions") -> str:
    """The head revision id of the revision scripts (read, not imported)."""
    revisions: dict[str, set[str]] = {}
    for path in sorted(folder.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        values: dict[str, object] = {}
        for node in tree.body:
            if isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Name) and node.value is not None:
                        try:
                            values[target.id] = ast.literal_eval(node.value)
                        except ValueError:
                            continue
        revision = values.get("revision")
        if not isinstance(revision, str):
            continue
        down = values.get("down_revision")
        if isinstance(down, str):
            parents = {down}
        elif isinstance(down, tuple | list):
            parents = {str(item) for item in down}
        else:
            parents = set()
        revisions[revision] = parents
    referenced = set().union(*revisions.values()) if revisions else set()
    heads = sorted(set(revisions) - referenced)
    if len(heads) != 1:
        raise ValueError(f"expected one migration head in {folder}, found {heads}")
    return heads[0]


def app_version() -> str:
    tree = ast.parse((APP_DIR / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets
        ):
            value = ast.literal_eval(node.value)
            if isinstance(value, str):
                return value
    raise ValueError("app/__init__.py has no __version__")


def find_icon(suffixes: tuple[str, ...]) -> Path | None:
    """The application icon in resources/icons, preferring one named after the console."""
    folder = RESOURCES_DIR / "icons"
    if not folder.is_dir():
        return None
    candidates = [p for p in sorted(folder.rglob("*")) if p.suffix.lower() in suffixes]
    for preferred in ("webnova", "app-icon", "logo"):
        for path in candidates:
            if path.stem.lower().startswith(preferred):
                return path
    return candidates[0] if len(candidates) == 1 else None
