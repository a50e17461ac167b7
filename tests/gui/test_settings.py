"""Settings: connecting PostgreSQL workspaces (and failing clearly), switching without a
restart, removing workspaces, and the theme override."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import make_url

from app.bootstrap import Console, build_store
from app.domain.events import NewEvent
from app.domain.workspace import WorkspaceEntry
from app.gui.formatting import strip_isolation
from app.gui.main_window import EVENT_LOG, SETTINGS
from app.gui.qt import QApplication, QMessageBox, QPalette, Qt
from app.gui.session import Phase
from app.gui.shell import Shell
from app.store.engine import create_workspace_engine
from app.store.migrations import upgrade
from tests.gui.conftest import wait_until
from tests.support.pgserver import PgServer, free_port


def connect(shell: Shell, qtbot: object, name: str, url: str, password: str = "") -> None:
    shell.window.show_pane(SETTINGS)
    form = shell.window.settings.connect_form
    for field, value in (("name", name), ("url", url), ("password", password)):
        form.inputs[field].clear()
        qtbot.keyClicks(form.inputs[field], value)  # type: ignore[attr-defined]
    qtbot.mouseClick(form.connect_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]


def visible_text(label: object) -> str:
    assert label.isVisible()  # type: ignore[attr-defined]
    return strip_isolation(label.text())  # type: ignore[attr-defined]


def test_rejects_a_bad_postgres_url_with_a_message(shell: Shell, qtbot: object) -> None:
    form = shell.window.settings.connect_form
    connect(shell, qtbot, "bank", "postgresql://app@/bank")
    assert visible_text(form.errors["url"]) == "The URL names no host (the server after “@”)."
    assert form.inputs["url"].hasFocus()
    assert not form.errors["name"].isVisible()

    connect(shell, qtbot, "bank", "mysql://app@db/bank")
    assert "Only PostgreSQL can be connected here" in visible_text(form.errors["url"])

    connect(shell, qtbot, "local", "postgresql://app@db:70000/bank")
    assert "port must be a number" in visible_text(form.errors["url"])
    assert "built-in workspace" in visible_text(form.errors["name"])

    qtbot.keyClicks(form.inputs["url"], "x")  # type: ignore[attr-defined]
    assert not form.errors["url"].isVisible()  # editing the field clears its message
    assert shell.session.state.pending == ""
    assert shell.session.console is not None
    assert [e.name for e in shell.session.console.catalog.list()] == ["local"]


def test_an_unreachable_server_leaves_the_current_workspace_open(
    shell: Shell, qtbot: object, memory_keyring: object
) -> None:
    port = free_port()  # nothing listens there
    connect(shell, qtbot, "bank", f"postgresql://app@127.0.0.1:{port}/bank", "pw-unreachable")
    form = shell.window.settings.connect_form
    wait_until(qtbot, lambda: form.status.property("kind") == "error", 20_000)
    message = visible_text(form.status)
    assert "Could not open workspace bank." in message
    assert "The database cannot be reached." in message
    assert f"127.0.0.1:{port}" in message
    assert "Workspace local is still open." in message
    assert not shell.window.banner.isVisible()  # said once, next to the form
    assert shell.session.workspace is not None
    assert shell.session.workspace.name == "local"
    assert shell.session.state.phase is Phase.CONNECTED
    console = shell.session.console
    assert console is not None
    assert [e.name for e in console.catalog.list()] == ["local"]  # not remembered
    assert console.secrets.get("workspace/bank/db-password") is None
    assert form.inputs["password"].text() == "pw-unreachable"  # kept to correct the URL


@pytest.mark.postgres
def test_a_wrong_password_leaves_the_current_workspace_open(
    shell: Shell, qtbot: object, pg_url: str
) -> None:
    url = make_url(pg_url)
    without = url.set(password=None).render_as_string(hide_password=False)
    connect(shell, qtbot, "bank", without.replace(f":{url.password}@", "@"), "wrong-password")
    form = shell.window.settings.connect_form
    wait_until(qtbot, lambda: form.status.property("kind") == "error", 20_000)
    message = visible_text(form.status)
    assert "The database refused the sign-in." in message
    assert "Workspace local is still open." in message
    assert shell.session.workspace is not None
    assert shell.session.workspace.name == "local"


@pytest.mark.postgres
def test_connects_to_postgres_and_switches_without_restart(
    shell: Shell, qtbot: object, pg_url: str, pg_server: PgServer, pg_database: str
) -> None:
    engine = create_workspace_engine(pg_url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    local = shell.session.workspace
    connect(shell, qtbot, "bank", pg_url)
    wait_until(qtbot, lambda: shell.session.state.name == "bank", 20_000)
    form = shell.window.settings.connect_form
    assert "Connected to bank." in visible_text(form.status)
    assert form.inputs["url"].text() == ""
    assert form.inputs["password"].text() == ""

    status = shell.window.status
    assert strip_isolation(status.workspace_label.text()) == "Workspace: bank"
    location = strip_isolation(status.location_label.text())
    assert f"127.0.0.1:{pg_server.port}/{pg_database}" in location
    assert "throwaway-test-password" not in location
    assert strip_isolation(status.state_label.text()).endswith("Connected")
    assert "bank" in shell.window.windowTitle()
    assert local is not None
    wait_until(qtbot, lambda: local.closed)

    console = shell.session.console
    assert console is not None
    entry = console.catalog.get("bank")
    assert "throwaway-test-password" not in entry.url
    assert console.secrets.get(entry.password_secret) == "throwaway-test-password"
    assert console.catalog.current().name == "bank"

    # The Event Log now reads the PostgreSQL workspace, and follows it live (LISTEN): events
    # appended by another writer on its own connection show without a refresh.
    pane = shell.window.event_log
    other = create_workspace_engine(pg_url)
    try:
        writer = build_store(other)
        with qtbot.waitSignal(shell.session.feed.recorded, timeout=10_000):  # type: ignore[attr-defined]
            for index in range(3):
                writer.append(f"ledger-{index}", [NewEvent(
                    type="InvoiceIssued", tenant_id="default", data={"n": index})], None)
    finally:
        other.dispose()
    shell.window.show_pane(EVENT_LOG)  # it was hidden: it follows once shown
    wait_until(qtbot, lambda: pane.browser.total >= 3 and not pane.browser.loading)

    # The probe sees the database vanish, and says so in the status bar.
    pg_server.drop_database(pg_database)
    shell.session.probe()
    wait_until(qtbot, lambda: shell.session.state.phase is Phase.UNREACHABLE, 20_000)
    assert "Unreachable" in strip_isolation(status.state_label.text())

    # Back to the local workspace from the list.
    settings = shell.window.settings
    settings.select_workspace("local")
    qtbot.mouseClick(settings.use_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    wait_until(qtbot, lambda: shell.session.state.name == "local", 20_000)
    assert shell.session.state.phase is Phase.CONNECTED


def test_a_newer_schema_is_refused_and_the_current_workspace_stays(
    shell: Shell, qtbot: object, console: Console, tmp_path: Path
) -> None:
    path = tmp_path / "future.sqlite3"
    entry = WorkspaceEntry(name="future", url=f"sqlite:///{path}")
    console.open_workspace(entry).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    console.catalog.add("future", entry.url, None, "default")
    settings = shell.window.settings
    settings.refresh_workspaces()
    settings.select_workspace("future")
    qtbot.mouseClick(settings.use_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    banner = shell.window.banner
    wait_until(qtbot, lambda: banner.isVisible())
    message = visible_text(banner.label)
    assert "set up by a newer version of WebNova Console" in message
    assert "Workspace local is still open." in message
    assert shell.session.workspace is not None
    assert shell.session.workspace.name == "local"
    assert console.catalog.current().name == "local"


# The offscreen platform cannot size a dialog from its contents and says so.
@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_removes_a_workspace_after_confirmation(
    shell: Shell, qtbot: object, console: Console
) -> None:
    console.catalog.add("archive", "postgresql://app@127.0.0.1:1/archive", "pw-archive", "acme")
    shell.window.show_pane(SETTINGS)
    settings = shell.window.settings
    settings.refresh_workspaces()
    settings.select_workspace("local")
    assert not settings.remove_button.isEnabled()  # the open workspace cannot go
    settings.select_workspace("archive")
    assert settings.remove_button.isEnabled()
    qtbot.mouseClick(settings.remove_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    box = shell.window.findChild(QMessageBox, "confirmRemove")
    assert box is not None
    assert "archive" in strip_isolation(box.text())
    box.button(QMessageBox.StandardButton.Yes).click()
    wait_until(qtbot, lambda: "archive" not in [e.name for e in console.catalog.list()])
    assert console.secrets.get("workspace/archive/db-password") is None
    assert settings.workspace_list.count() == 1
    assert "Removed archive." in visible_text(settings.message)


def test_theme_override_changes_the_palette(shell: Shell, qtbot: object, console: Console) -> None:
    combo = shell.window.settings.theme_combo
    combo.setCurrentIndex(combo.findData("dark"))
    window_colour = QApplication.palette().color(QPalette.ColorRole.Window)
    assert window_colour.lightness() < 60
    assert shell.window.palette().color(QPalette.ColorRole.Base).lightness() < 60
    assert console.catalog.load().theme == "dark"
    combo.setCurrentIndex(combo.findData("light"))
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 200
    combo.setCurrentIndex(combo.findData("system"))
    expected = shell.themes.os_scheme()
    assert shell.themes.scheme == expected
    assert console.catalog.load().theme == "system"
    del qtbot


def test_the_system_scheme_is_followed(shell: Shell) -> None:
    themes = shell.themes
    themes.set_preference("system")
    themes._on_os_scheme(Qt.ColorScheme.Dark)
    assert themes.scheme == themes.os_scheme()
    themes.set_preference("dark")
    themes._on_os_scheme(Qt.ColorScheme.Light)
    assert themes.scheme == "dark"  # an explicit choice wins over the OS


def test_keyboard_reaches_every_pane(shell: Shell, qtbot: object) -> None:
    window = shell.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # type: ignore[attr-defined]
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert window.stack.currentWidget() is window.settings_page
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert window.stack.currentWidget() is window.event_log_page
    window.event_log.table.setFocus()
    qtbot.keyClick(window.event_log.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert window.event_log.search.hasFocus()
    for widget in (window.navigation, window.event_log.table, window.event_log.search):
        assert widget.accessibleName()
