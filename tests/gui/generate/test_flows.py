"""The Qt-free parts of the pane: progress across phases, cancelling, the default folder,
conflict resolution on files, and the run state."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.codegen.manifest import CONFLICT_SUFFIX, MANIFEST_PATH, base_path
from app.domain.codegen.merge import ChangeKind
from app.domain.codegen.results import FileChange, GenerationProgress, GenerationResult
from app.gui.generate.conflicts import (
    ConflictFileError,
    OpenConflict,
    keep_mine,
    open_conflicts,
    take_generated,
)
from app.gui.generate.progress import GenerationRun, default_output
from app.gui.generate.run_state import Health, PlatformRun, RunState
from app.paths import data_dir
from app.services.runtime import RuntimeStatus


def test_progress_moves_across_the_phases(tmp_path: Path) -> None:
    run = GenerationRun("clinic", 1, tmp_path)
    assert run.fraction == 0.0
    fractions = []
    for phase in ("render", "compare", "write", "commit"):
        for done in (0, 5, 10):
            run.report(GenerationProgress(phase, done, 10, "a.py"))
            fractions.append(run.fraction)
    assert fractions == sorted(fractions)
    assert fractions[-1] == pytest.approx(1.0)
    run.report(GenerationProgress("render", 10, 10, ""))
    assert run.fraction == pytest.approx(0.55)

    dry = GenerationRun("clinic", 1, tmp_path, dry_run=True)
    dry.report(GenerationProgress("compare", 10, 10, ""))
    assert dry.fraction == pytest.approx(1.0)


def test_cancelling_is_only_offered_before_writing(tmp_path: Path) -> None:
    run = GenerationRun("clinic", 1, tmp_path)
    run.report(GenerationProgress("write", 1, 10, "a.py"))
    assert not run.cancellable
    assert not run.request_cancel()
    assert not run.cancel.is_set()
    other = GenerationRun("clinic", 1, tmp_path)
    other.report(GenerationProgress("compare", 1, 10, "a.py"))
    assert other.request_cancel()
    assert other.cancel.is_set() and not other.cancellable


def test_default_output_folder(tmp_path: Path) -> None:
    assert default_output("clinic", None) == data_dir() / "platforms" / "clinic"
    assert default_output("clinic", lambda key: tmp_path / key) == tmp_path / "clinic"
    assert default_output("clinic", lambda _key: None) == data_dir() / "platforms" / "clinic"


def _folder(tmp_path: Path, conflicts: list[str]) -> Path:
    """A platform folder whose manifest records ``conflicts``."""
    root = tmp_path / "platform"
    manifest = (
        '{"format": 1, "generator": "webnova-codegen/1", "blueprint": {"key": "clinic", '
        '"version": 2, "sha256": "x"}, "package": "clinic_api", "files": {}, "migrations": [], '
        f'"conflicts": {conflicts!r}, "schema": null}}'.replace("'", '"'))
    (root / MANIFEST_PATH).parent.mkdir(parents=True)
    (root / MANIFEST_PATH).write_text(manifest)
    for path in conflicts:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text("mine\n")
        (root / (path + CONFLICT_SUFFIX)).write_text("<<<<<<< yours\nmine\n=======\nnew\n>>>>>>> generated\n")
        (root / base_path(path)).parent.mkdir(parents=True, exist_ok=True)
        (root / base_path(path)).write_text("new\n")
    return root


def test_conflicts_from_the_manifest_and_keeping_mine(tmp_path: Path) -> None:
    root = _folder(tmp_path, ["app/a.py", "app/b.py"])
    found = open_conflicts(root)
    assert [c.path for c in found] == ["app/a.py", "app/b.py"]
    assert found[0].report is not None and found[0].report.startswith("<<<<<<< yours")
    assert found[0].generated == "new\n"
    keep_mine(root, found[0])
    assert (root / "app/a.py").read_text() == "mine\n"
    assert not (root / "app/a.py.conflict").exists()
    assert [c.path for c in open_conflicts(root)] == ["app/b.py"]
    keep_mine(root, found[0])  # twice is harmless


def test_taking_the_generated_file(tmp_path: Path) -> None:
    root = _folder(tmp_path, ["app/a.py"])
    (root / "app/a.py").chmod(0o640)
    [conflict] = open_conflicts(root)
    take_generated(root, conflict)
    assert (root / "app/a.py").read_text() == "new\n"
    assert (root / "app/a.py").stat().st_mode & 0o777 == 0o640
    assert open_conflicts(root) == []


def test_a_file_no_longer_generated(tmp_path: Path) -> None:
    """Such a conflict has no report; it is listed from the generation's result while the
    file exists, until it is dismissed (keep mine) or deleted (take generated)."""
    root = _folder(tmp_path, [])
    (root / "app").mkdir()
    (root / "app/old.py").write_text("# kept by the owner\n")
    change = FileChange("app/old.py", ChangeKind.conflict, "# kept by the owner\n",
                        "# kept by the owner\n", owner_edited=True,
                        reason="no longer generated, but you edited it; your copy is kept")
    result = GenerationResult("clinic", 2, root, "clinic_api", (change,), "c0ffee", 0.1)
    [conflict] = open_conflicts(root, result)
    assert conflict.report is None and conflict.generated is None
    assert open_conflicts(root, result, frozenset({"app/old.py"})) == []
    take_generated(root, conflict)
    assert not (root / "app/old.py").exists()
    assert open_conflicts(root, result) == []


def test_paths_never_leave_the_folder(tmp_path: Path) -> None:
    root = _folder(tmp_path, [])
    with pytest.raises(ConflictFileError):
        take_generated(root, OpenConflict("../outside.py", None, "x"))
    assert not (tmp_path / "outside.py").exists()


def test_run_states() -> None:
    run = PlatformRun()
    assert run.can_run and not run.can_stop and not run.busy
    run = run.starting()
    assert run.busy and not run.can_run
    # A status check while starting does not change the state.
    assert run.checked(RuntimeStatus("clinic", "running", "http://127.0.0.1:1")) == run
    run = run.started("http://127.0.0.1:1")
    assert run.state is RunState.RUNNING and run.health is Health.ANSWERING and run.can_stop
    sick = run.checked(RuntimeStatus("clinic", "unhealthy", "http://127.0.0.1:1"))
    assert sick.state is RunState.RUNNING and sick.health is Health.NOT_ANSWERING
    gone = sick.checked(RuntimeStatus("clinic", "stopped"))
    assert gone.state is RunState.FAILED and gone.can_run
    assert run.stopping().stopped() == PlatformRun()
    assert PlatformRun().failed("boom").reason == "boom"
    # A platform found running (started elsewhere) is shown as running.
    found = PlatformRun().checked(RuntimeStatus("clinic", "running", "http://127.0.0.1:2"))
    assert found.state is RunState.RUNNING and found.url == "http://127.0.0.1:2"
