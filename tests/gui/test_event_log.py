"""The Event Log pane over a real local workspace: appended events appear, filters and
paging work, loading never blocks the window, and the table model is a valid Qt model."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

from app.gui.event_log_model import ACTOR, POSITION, STREAM, TENANT, TYPE
from app.gui.formatting import strip_isolation
from app.gui.main_window import EVENT_LOG
from app.gui.qt import QApplication, Qt, QTimer
from app.gui.shell import Shell
from tests.gui.conftest import append_events, wait_until


@pytest.fixture(autouse=True)
def _on_the_event_log(request: pytest.FixtureRequest) -> None:
    """The console opens on Home; these tests look at the Event Log."""
    if "shell" in request.fixturenames:
        request.getfixturevalue("shell").window.show_pane(EVENT_LOG)


def range_text(shell: Shell) -> str:
    return strip_isolation(shell.window.event_log.pages.range_label.text())


def wait_for_page(qtbot: object, shell: Shell) -> None:
    pane = shell.window.event_log
    wait_until(qtbot, lambda: not pane.browser.loading)


def test_shows_events_appended_to_the_store(shell: Shell, qtbot: object, qtmodeltester: Any) -> None:
    pane = shell.window.event_log
    workspace = shell.session.workspace
    assert workspace is not None
    base = pane.model.rowCount()  # opening a workspace may record events of its own
    assert range_text(shell) == (f"1–{base} of {base}" if base else "No events yet")

    append_events(workspace, 3)
    pane.refresh()
    wait_until(qtbot, lambda: pane.model.rowCount() == base + 3)
    newest = workspace.store.query(pane.browser.event_filter, 0, 1).events[0]
    assert pane.model.index(0, TYPE).data() == newest.type
    assert pane.model.index(0, STREAM).data() == newest.stream_id
    assert pane.model.index(0, TENANT).data() == newest.tenant_id
    assert pane.model.index(0, ACTOR).data() == newest.actor
    assert pane.model.index(0, POSITION).data() == str(newest.position)
    assert range_text(shell) == f"1–{base + 3} of {base + 3}"
    qtmodeltester.check(pane.model)

    # Appended later, without a refresh: the head check picks them up.
    append_events(workspace, 2, start=3)
    pane.check_for_new_events()
    wait_until(qtbot, lambda: pane.model.rowCount() == base + 5)
    assert range_text(shell) == f"1–{base + 5} of {base + 5}"


def test_pages_through_more_than_a_page_of_events(shell: Shell, qtbot: object) -> None:
    pane = shell.window.event_log
    workspace = shell.session.workspace
    assert workspace is not None
    base = pane.browser.total
    append_events(workspace, 250 - base)
    pane.refresh()
    wait_until(qtbot, lambda: pane.browser.total == 250)
    assert pane.model.rowCount() == 100
    assert range_text(shell) == "1–100 of 250"
    first, previous, next_, last = pane.pages.buttons
    assert not first.isEnabled()
    assert not previous.isEnabled()

    qtbot.mouseClick(next_, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    wait_until(qtbot, lambda: range_text(shell) == "101–200 of 250")
    assert pane.model.index(0, POSITION).data() == "150"

    qtbot.mouseClick(last, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    wait_until(qtbot, lambda: range_text(shell) == "201–250 of 250")
    assert pane.model.rowCount() == 50
    assert not next_.isEnabled()
    assert not last.isEnabled()

    qtbot.mouseClick(first, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    wait_until(qtbot, lambda: range_text(shell) == "1–100 of 250")

    # Events appended while on a later page are announced, not jumped to.
    qtbot.mouseClick(next_, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    wait_until(qtbot, lambda: range_text(shell) == "101–200 of 250")
    append_events(workspace, 1, start=250)
    pane.check_for_new_events()
    wait_until(qtbot, lambda: pane.pages.newer_button.isVisible())
    qtbot.mouseClick(pane.pages.newer_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    wait_until(qtbot, lambda: range_text(shell) == "1–100 of 251")


def test_filters_by_type_tenant_and_text(shell: Shell, qtbot: object) -> None:
    pane = shell.window.event_log
    workspace = shell.session.workspace
    assert workspace is not None
    types_before = pane.type_filter.count()
    tenants_before = pane.tenant_filter.count()
    base = pane.browser.total
    append_events(workspace, 150, tenant="acme")
    append_events(workspace, 150, start=150, tenant="globex")
    pane.refresh()
    wait_until(qtbot, lambda: pane.type_filter.count() == types_before + 3)
    wait_until(qtbot, lambda: pane.tenant_filter.count() == tenants_before + 2)
    wait_for_page(qtbot, shell)

    pane.type_filter.setCurrentIndex(pane.type_filter.findData("PolicyApproved"))
    wait_until(qtbot, lambda: pane.browser.total == 100 and not pane.browser.loading)
    types = {pane.model.index(row, TYPE).data() for row in range(pane.model.rowCount())}
    assert types == {"PolicyApproved"}
    assert range_text(shell) == "1–100 of 100"

    pane.tenant_filter.setCurrentIndex(pane.tenant_filter.findData("acme"))
    wait_until(qtbot, lambda: pane.browser.total == 50 and not pane.browser.loading)
    tenants = {pane.model.index(row, TENANT).data() for row in range(pane.model.rowCount())}
    assert tenants == {"acme"}
    assert range_text(shell) == "1–50 of 50"

    pane.type_filter.setCurrentIndex(0)
    pane.tenant_filter.setCurrentIndex(0)
    wait_until(qtbot, lambda: pane.browser.total == base + 300 and not pane.browser.loading)
    pane.search.setFocus()
    qtbot.keyClicks(pane.search, "owner-1")  # type: ignore[attr-defined]
    qtbot.keyClick(pane.search, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    wait_until(qtbot, lambda: pane.browser.total == 100 and not pane.browser.loading)
    actors = {pane.model.index(row, ACTOR).data() for row in range(pane.model.rowCount())}
    assert actors == {"owner-1"}

    pane.search.clear()
    qtbot.keyClicks(pane.search, "no-such-thing")  # type: ignore[attr-defined]
    wait_until(qtbot, lambda: pane.browser.total == 0 and not pane.browser.loading)  # debounced
    assert range_text(shell) == "No events match the filter"


def test_details_show_the_selected_event(shell: Shell, qtbot: object) -> None:
    pane = shell.window.event_log
    workspace = shell.session.workspace
    assert workspace is not None
    append_events(workspace, 2, actor="تغريد")
    pane.refresh()
    wait_until(qtbot, lambda: pane.model.index(1, ACTOR).data() == "تغريد")
    assert not pane.details.text.isVisible()
    pane.select_row(1)
    event = pane.selected_event()
    assert event is not None
    text = strip_isolation(pane.details.text.toPlainText())
    assert f'"position": {event.position}' in text
    assert '"actor": "تغريد"' in text
    assert '"title": "revision 0"' in text
    assert pane.details.text.isVisible()


def test_loading_never_blocks_the_window(shell: Shell, qtbot: object) -> None:
    pane = shell.window.event_log
    workspace = shell.session.workspace
    assert workspace is not None
    gate = threading.Event()
    # Keep the workspace's database thread busy, as a slow query would.
    blocker = asyncio.ensure_future(workspace.runner.run(lambda: gate.wait(10)))
    base = pane.model.rowCount()
    append_events(workspace, 5)
    pane.refresh()
    assert pane.browser.loading
    assert pane.pages.busy.isVisible()
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.wait(200)  # type: ignore[attr-defined]
    timer.stop()
    assert len(ticks) >= 5, "the event loop stalled while the page was loading"
    assert pane.browser.loading
    assert pane.model.rowCount() == base
    gate.set()
    wait_until(qtbot, lambda: pane.model.rowCount() == base + 5)
    assert not pane.pages.busy.isVisible()
    wait_until(qtbot, blocker.done)
    QApplication.processEvents()


def test_the_model_is_a_valid_qt_model(shell: Shell, qtbot: object, qtmodeltester: object) -> None:
    pane = shell.window.event_log
    workspace = shell.session.workspace
    assert workspace is not None
    base = pane.model.rowCount()
    append_events(workspace, 12)
    pane.refresh()
    wait_until(qtbot, lambda: pane.model.rowCount() == base + 12)
    qtmodeltester.check(pane.model)  # type: ignore[attr-defined]
    assert pane.model.headerData(TYPE, Qt.Orientation.Horizontal) == "Type"
    assert pane.model.headerData(0, Qt.Orientation.Vertical) is None


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("size", [(1180, 720), (1024, 600)])
def test_the_event_log_fits_its_window(shell: Shell, qtbot: object, language: str,
                                       size: tuple[int, int]) -> None:
    """Every column in view (no sideways scrolling at the window's size), no label squeezed
    below its text, the details heading clear of the table."""
    from app.gui.qt import QPoint

    shell.languages.apply(language)
    window = shell.window
    window.resize(*size)
    pane = window.event_log
    append_events(shell.session.workspace, 3)  # type: ignore[arg-type]
    pane.refresh()
    wait_until(qtbot, lambda: pane.model.rowCount() >= 3)
    QApplication.processEvents()
    header = pane.table.horizontalHeader()
    assert header.length() <= pane.table.viewport().width(), "the last column is cut off"
    for label in (pane.search_label, pane.type_label, pane.tenant_label):
        assert label.width() >= label.sizeHint().width(), label.text()
    table_left = pane.table.mapTo(pane, QPoint(0, 0)).x()
    table_right = table_left + pane.table.width()
    heading = pane.details.title
    heading_left = heading.mapTo(pane, QPoint(0, 0)).x()
    heading_right = heading_left + heading.width()
    if language == "en":
        assert heading_left >= table_right + 4
    else:
        assert heading_right <= table_left - 4
