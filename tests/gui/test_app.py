"""Starting the console: the smoke test the packaged binary runs, and the qt shim."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.gui import qt
from app.gui.qt import QObject
from app.paths import install_root


def run_console(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "WEBNOVA_HOME": str(home),
        "WEBNOVA_KEYRING": "memory",
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=install_root(),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_smoke_test_opens_the_workspace_and_exits_0(tmp_path: Path) -> None:
    result = run_console(["--lang", "ar", "--smoke-test"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "smoke test: workspace 'local' opened" in result.stdout
    assert (tmp_path / "data" / "workspaces" / "local.sqlite3").exists()


def test_smoke_test_fails_clearly_when_the_workspace_does_not_open(tmp_path: Path) -> None:
    result = run_console(["--workspace", "nosuch", "--smoke-test"], tmp_path)
    assert result.returncode == 1
    assert "smoke test: workspace 'nosuch' did not open: no workspace named 'nosuch'" in (
        result.stderr
    )


def test_void_calls_and_emits_keep_none_and_true_alive() -> None:
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on every void call and to
    True on every emit, until the interpreter aborts; the supported versions do not."""

    class Pinger(QObject):
        ping = qt.Signal()

    pinger = Pinger()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(5_000):
        pinger.setObjectName("p")
        pinger.ping.emit()
    assert sys.getrefcount(None) >= none_before - 50
    assert sys.getrefcount(True) >= true_before - 50


def test_code_panes_use_the_bundled_monospace_face_whatever_the_machine_has(qapp) -> None:
    """fonts-noto-mono (installed by the test command) makes fontconfig's "monospace" a face Qt
    does not report as fixed pitch; the console picks its bundled face by family instead."""
    from pathlib import Path

    from app.gui.fonts import MONOSPACE_FAMILY, monospace_font
    from app.gui.qt import QFontInfo

    info = QFontInfo(monospace_font())
    assert info.family() == MONOSPACE_FAMILY
    assert info.fixedPitch()
    gui = Path(__file__).resolve().parents[2] / "app" / "gui"
    asking_the_system = [p.name for p in gui.rglob("*.py") if "SystemFont.FixedFont" in p.read_text()]
    assert asking_the_system == []


def test_the_first_window_imports_no_pane_it_does_not_show(tmp_path: Path) -> None:
    """Start-up pays for Home only: the other panes' modules (and the CEL engine's command
    line) are imported on their first visit."""
    script = (
        "import sys\n"
        "from app.gui.app import run_gui\n"
        "code = run_gui([])\n"
        "heavy = ('app.gui.event_log_pane', 'app.gui.settings_pane', 'app.gui.cloud_accounts', 'app.gui.assist.pane', 'app.gui.generate.pane', 'app.gui.blueprints.pane',\n"
        "         'app.gui.blueprints.editor', 'app.gui.governance.approvals_pane',\n"
        "         'app.gui.governance.audit_pane', 'app.gui.governance.users_pane',\n"
        "         'app.gui.governance.constitution_pane', 'cel.cli', 'prompt_toolkit')\n"
        "print('loaded', ' '.join(m for m in heavy if m in sys.modules))\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "WEBNOVA_HOME": str(tmp_path), "WEBNOVA_KEYRING": "memory",
           "QT_QPA_PLATFORM": "offscreen", "WEBNOVA_STARTUP_PROBE": "1"}
    result = subprocess.run([sys.executable, "-c", script], cwd=install_root(), env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "shown " in result.stdout
    loaded = next(line for line in result.stdout.splitlines() if line.startswith("loaded"))
    assert loaded.split()[1:] == []


def test_the_window_title_names_the_product_once(shell) -> None:  # type: ignore[no-untyped-def]
    from app.gui.qt import QApplication

    title = shell.window.windowTitle()
    assert "WebNova" not in title  # Qt adds the application's display name after it
    assert "local" in title
    assert QApplication.applicationDisplayName() == "WebNova Console"


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # offscreen dialogs
def test_the_about_box_says_the_version(shell, qtbot) -> None:  # type: ignore[no-untyped-def]
    from app import __version__
    from app.gui.formatting import strip_isolation
    from app.gui.qt import QMessageBox

    shell.window.show_about()
    box = shell.window.findChild(QMessageBox, "aboutBox")
    assert box is not None
    assert strip_isolation(box.informativeText()) == f"Version {__version__}"
    box.close()
