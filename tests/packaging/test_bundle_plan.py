"""What the spec puts into the bundle, computed from the source tree (fast; no build)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app.store.migrations import script_directory
from tests.packaging.plan import ROOT, bundle


def test_gui_qt_modules_are_kept_and_the_rest_excluded() -> None:
    kept = bundle.qt_modules_kept()
    assert {"QtCore", "QtGui", "QtWidgets"} <= kept
    excluded = set(bundle.qt_modules_excluded())
    available = bundle.qt_modules_available()
    assert "Qt3DCore" in available
    for name in ("QtWebEngineCore", "Qt3DCore", "QtQuick", "QtQml", "QtMultimedia", "QtPdf"):
        if name in available and name not in kept:
            assert f"PySide6.{name}" in excluded
    assert not {f"PySide6.{name}" for name in kept} & excluded


def test_qt_imports_are_found_in_every_form(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(
        "from PySide6 import QtCharts, QtSvg\n"
        "import PySide6.QtNetwork\n"
        "from PySide6.QtPrintSupport import QPrinter\n"
        "MODULE = 'PySide6.QtDBus'\n"
    )
    assert bundle.qt_modules_imported(tmp_path) == {
        "QtCharts",
        "QtSvg",
        "QtNetwork",
        "QtPrintSupport",
        "QtDBus",
    }


def test_migration_imports_become_hidden_imports() -> None:
    imports = bundle.migration_imports()
    assert {"alembic", "sqlalchemy"} <= imports
    assert "__future__" not in imports


def test_migration_head_matches_alembic() -> None:
    assert bundle.migration_head() == script_directory().get_current_head()


def test_version_is_read_without_importing() -> None:
    from app import __version__

    assert bundle.app_version() == __version__


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/translations/qtbase_ar.qm", True),
        ("PySide6/Qt/translations/qt_en.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", False),
        ("PySide6/Qt/translations/qt_help_ar.qm", False),
        ("PySide6/Qt/translations/qtmultimedia_ar.qm", False),
        ("translations/webnova_ar.qm", True),
        ("babel/locale-data/root.dat", True),
        ("babel/locale-data/ar_EG.dat", True),
        ("babel/locale-data/en_150.dat", True),
        ("babel/locale-data/fr.dat", False),
        ("babel/global.dat", True),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
        ("PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-kms-integration.so", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("resources/plugins/readme.txt", True),
    ],
)
def test_data_and_plugin_filters(dest: str, kept: bool) -> None:
    assert bundle.keep_entry(dest) is kept


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux library names")
@pytest.mark.parametrize(
    ("name", "system"),
    [
        ("libstdc++.so.6", True),
        ("libgcc_s.so.1", True),
        ("libxcb-cursor.so.0", True),
        ("libX11-xcb.so.1", True),
        ("libxkbcommon-x11.so.0", True),
        ("libfontconfig.so.1", True),
        ("libglib-2.0.so.0", True),
        ("libpangoft2-1.0.so.0", True),
        ("libdbus-1.so.3", True),
        ("libQt6Core.so.6", False),
        ("libicudata.so.73", False),
        ("libpython3.11.so.1.0", False),
        ("libssl.so.3", False),
        ("libsqlite3.so.0", False),
    ],
)
def test_system_libraries_come_from_the_system(name: str, system: bool) -> None:
    assert bundle.is_system_library(name) is system


def test_links_without_their_target_are_dropped() -> None:
    files = [("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY")]
    links = [
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK"),
        ("resources/x.txt", "/src/x.txt", "DATA"),
    ]
    assert bundle.drop_dangling_links(links, files) == [links[0], links[2]]


def test_data_trees_leave_caches_out(tmp_path: Path) -> None:
    (tmp_path / "versions" / "__pycache__").mkdir(parents=True)
    (tmp_path / "env.py").write_text("")
    (tmp_path / "versions" / "0001_x.py").write_text("")
    (tmp_path / "versions" / "__pycache__" / "0001_x.cpython-311.pyc").write_bytes(b"")
    pairs = bundle.data_tree(tmp_path, "migrations")
    assert sorted(Path(dest) / Path(src).name for src, dest in pairs) == [
        Path("migrations/env.py"),
        Path("migrations/versions/0001_x.py"),
    ]


def test_the_console_icon_is_found() -> None:
    icon = bundle.find_icon((".svg", ".png"))
    if any((ROOT / "resources" / "icons").glob("webnova.*")):
        assert icon is not None
        assert icon.stem == "webnova"
