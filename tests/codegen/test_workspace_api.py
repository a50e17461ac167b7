"""The services as the GUI uses them from an open workspace: awaited calls, progress on
the event loop's thread, cancellation, and an audit entry for what changed."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import httpx
import pytest

from app.bootstrap import Console
from app.domain.codegen.results import GenerationCancelledError, GenerationProgress
from app.services.ports import AuditFilter


def test_generate_and_run_from_an_open_workspace(tmp_path: Path) -> None:
    workspace = Console().open_current()
    try:
        stored = workspace.blueprints.create_from_template_now("education", "campus", "owner")
        out = tmp_path / "campus"

        async def scenario() -> None:
            loop_thread = threading.get_ident()
            updates: list[tuple[int, GenerationProgress]] = []
            result = await workspace.codegen.generate(
                stored.blueprint, out, version=stored.version,
                progress=lambda update: updates.append((threading.get_ident(), update)))
            assert result.commit is not None
            assert result.counts()["added"] == len(result.files)
            assert updates
            assert all(thread == loop_thread for thread, _ in updates)
            assert {u.phase for _, u in updates} == {"render", "compare", "write", "commit"}

            cancel = threading.Event()
            cancel.set()
            with pytest.raises(GenerationCancelledError):
                await workspace.codegen.generate(stored.blueprint, tmp_path / "never", cancel=cancel)

            lines: list[str] = []
            running = await workspace.runtime.start("campus", on_log=lines.append, timeout=60)
            health = await asyncio.to_thread(lambda: httpx.get(f"{running.url}/health", timeout=5).json())
            assert health["platform"] == "campus"
            assert [s.state for s in await workspace.runtime.statuses()] == ["running"]
            assert (await workspace.runtime.stop("campus")).state == "stopped"
            running.process.wait(5)
            assert any("Uvicorn running" in line for line in lines)
            history = await workspace.codegen.history(out)
            assert history[0].version == 1

        asyncio.run(scenario())
        actions = [e.action for e in workspace.audit.entries(AuditFilter(), 0, 20).entries]
        assert actions[:3] == ["runtime.down", "runtime.up", "codegen.generate"]
    finally:
        workspace.close()
