"""Running the generated platform from the pane: state, URL, health and log; stopping it;
a start that fails says why; a platform that stops by itself is noticed; closing the pane
stops it."""

from __future__ import annotations

import asyncio
import os
import signal
from typing import Any

import httpx

from app.gui.formatting import strip_isolation
from app.gui.generate.pane import RUN, GeneratePane
from app.gui.generate.run_state import Health, RunState
from tests.gui.conftest import wait_until
from tests.gui.generate.conftest import generate, out_of, settle, workspace_of

START = 60_000


def start(pane: GeneratePane, qtbot: Any) -> str:
    generate(pane, qtbot)
    panel = pane.runtime
    wait_until(qtbot, panel.run_button.isEnabled)
    pane.tabs.setCurrentIndex(RUN)
    panel.run_button.click()
    assert panel.run_state.state is RunState.STARTING
    assert not panel.run_button.isEnabled()
    assert "Starting" in panel.status_label.text()
    wait_until(qtbot, lambda: panel.run_state.state is RunState.RUNNING, START)
    url = panel.run_state.url
    assert url is not None
    return url


def test_run_shows_url_status_and_log_then_stops(pane: GeneratePane, qtbot: Any) -> None:
    panel = pane.runtime
    url = start(pane, qtbot)
    assert url.startswith("http://127.0.0.1:")
    status = strip_isolation(panel.status_label.text())
    assert status.startswith("<b>Running</b> at ")
    assert f'<a href="{url}">{url}</a>' in status
    assert f'<a href="{url}/docs">' in status
    assert panel.stop_button.isEnabled() and panel.browser_button.isEnabled()
    assert not panel.run_button.isEnabled()
    wait_until(qtbot, lambda: any("Uvicorn running on" in line for line in panel.log_lines()))
    assert strip_isolation(panel.log_lines()[0]).startswith("— Starting clinic from ")
    assert panel.log.maximumBlockCount() == 5_000

    health = settle(qtbot, asyncio.to_thread(lambda: httpx.get(f"{url}/health", timeout=5).json()))
    assert health["platform"] == "clinic"
    before = panel.run_state.checked_at
    panel.check_health()
    wait_until(qtbot, lambda: panel.run_state.checked_at != before)
    assert panel.run_state.health is Health.ANSWERING
    assert strip_isolation(panel.health_label.text()).startswith("Health: Answering (checked")

    running = panel.running
    assert running is not None
    panel.stop_button.click()
    assert panel.run_state.state is RunState.STOPPING
    wait_until(qtbot, lambda: panel.run_state.state is RunState.STOPPED, 20_000)
    assert running.process.poll() is not None
    assert panel.run_button.isEnabled() and not panel.stop_button.isEnabled()
    wait_until(qtbot, lambda: panel.log_lines()[-1] == "— Stopped —")
    assert settle(qtbot, workspace_of(pane).runtime.statuses()) == []


def test_a_platform_that_stops_by_itself_is_noticed(pane: GeneratePane, qtbot: Any) -> None:
    panel = pane.runtime
    start(pane, qtbot)
    running = panel.running
    assert running is not None
    os.kill(running.process.pid, signal.SIGKILL)
    running.process.wait(10)
    panel.check_health()
    wait_until(qtbot, lambda: panel.run_state.state is RunState.FAILED)
    assert "stopped by itself" in strip_isolation(panel.status_label.text())
    assert panel.run_button.isEnabled()


def test_a_start_that_fails_says_why(pane: GeneratePane, qtbot: Any) -> None:
    generate(pane, qtbot)
    main = out_of(pane) / "clinic_api" / "main.py"
    main.write_text(main.read_text() + "\nraise RuntimeError('broken on purpose')\n")
    panel = pane.runtime
    wait_until(qtbot, panel.run_button.isEnabled)
    panel.run_button.click()
    wait_until(qtbot, lambda: panel.run_state.state is RunState.FAILED, START)
    status = strip_isolation(panel.status_label.text())
    assert status.startswith("<b>Failed</b> — The platform could not be run. Details: ")
    assert "exited with code" in status
    assert any("broken on purpose" in line for line in panel.log_lines())
    assert panel.run_button.isEnabled()


def test_closing_the_pane_stops_the_platform(pane: GeneratePane, qtbot: Any) -> None:
    panel = pane.runtime
    start(pane, qtbot)
    running = panel.running
    assert running is not None
    pane.shutdown()
    assert panel.stop_thread is not None
    panel.stop_thread.join(30)
    assert not panel.stop_thread.is_alive()
    assert running.process.poll() is not None
    assert workspace_of_runtime_statuses(pane, qtbot) == []


def workspace_of_runtime_statuses(pane: GeneratePane, qtbot: Any) -> list[Any]:
    runtime = pane.runtime.runtime
    assert runtime is not None
    return settle(qtbot, runtime.statuses())
