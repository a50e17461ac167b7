"""Generating and regenerating a platform folder: deterministic output, only changed files
rewritten, owner edits merged or reported as conflicts, one git commit per generation,
rollback, progress and cancellation."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from app.domain.codegen.manifest import MANIFEST_PATH, Manifest
from app.domain.codegen.merge import ChangeKind
from app.domain.codegen.results import GenerationCancelledError, GenerationProgress
from app.domain.codegen.spec import CodegenError
from app.services.codegen import CodegenService
from tests.codegen.conftest import blueprint_of, entity, files_of, template_document

PHONE = {"name": "phone", "label": {"en": "Phone", "ar": "الهاتف"}, "type": "string", "max_length": 20}


def with_phone(document: dict[str, Any]) -> dict[str, Any]:
    entity(document, "facility")["fields"].append(dict(PHONE))
    return document


def test_two_generations_are_byte_identical(codegen: CodegenService, tmp_path: Path) -> None:
    first = codegen.generate_now(blueprint_of(template_document("healthcare")), tmp_path / "a", version=4)
    second = codegen.generate_now(blueprint_of(template_document("healthcare")), tmp_path / "b", version=4)
    a, b = files_of(tmp_path / "a"), files_of(tmp_path / "b")
    assert a == b
    assert len(first.files) == len(second.files) > 80
    assert all(b"\r\n" not in content for content in a.values())
    assert first.counts()["added"] == len(first.files)
    manifest = Manifest.from_text(a[MANIFEST_PATH].decode())
    assert manifest.blueprint.key == "clinic"
    assert manifest.blueprint.version == 4
    assert set(manifest.files) == {c.path for c in first.files}


def test_output_does_not_depend_on_the_process(codegen: CodegenService, tmp_path: Path) -> None:
    """Another process with another string-hash seed writes the same bytes."""
    codegen.generate_now(blueprint_of(template_document("government")), tmp_path / "here", version=1)
    script = (
        "import sys; from pathlib import Path\n"
        "from app.domain.blueprint.model import Blueprint\n"
        "from app.integrations.codegen_templates import JinjaTemplates\n"
        "from app.integrations.git_repo import open_platform_repository\n"
        "from app.integrations.platform_lock import PipLocks\n"
        "from app.services.codegen import CodegenService\n"
        "from app.store.resource_files import load_template\n"
        "CodegenService(JinjaTemplates(), open_platform_repository, locks=PipLocks()).generate_now(\n"
        "    Blueprint.model_validate(load_template('government')), Path(sys.argv[1]), version=1)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "there")], check=True, timeout=120,
                   env={**os.environ, "PYTHONHASHSEED": "7"}, cwd=Path(__file__).resolve().parents[2])
    assert files_of(tmp_path / "here") == files_of(tmp_path / "there")


def test_generated_code_is_lint_clean(codegen: CodegenService, tmp_path: Path) -> None:
    out = tmp_path / "bank"
    codegen.generate_now(blueprint_of(template_document("financial")), out)
    checked = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--select", "E,F,W,I,B,UP",
         "--ignore", "E501", "--line-length", "120", "--exclude", ".webnova", "."],
        cwd=out, capture_output=True, text=True, timeout=120, check=False)
    assert checked.returncode == 0, checked.stdout


def test_regeneration_rewrites_only_what_changed(codegen: CodegenService, tmp_path: Path) -> None:
    out = tmp_path / "clinic"
    codegen.generate_now(blueprint_of(template_document("healthcare")), out, version=1)
    again = codegen.generate_now(blueprint_of(template_document("healthcare")), out, version=1)
    assert again.commit is None
    assert not again.touched

    changed = codegen.generate_now(blueprint_of(with_phone(template_document("healthcare"))), out, version=2)
    touched = sorted(c.path for c in changed.touched)
    assert touched == [
        "clinic_api/api/facility.py",  # the new field can be filtered and sorted on
        "clinic_api/models/facility.py",
        "clinic_api/schemas/facility.py",
        "migrations/versions/0002_alter_facility.py",
        "tests/samples/facility.json",
    ]
    assert changed.commit is not None
    migration = (out / "migrations/versions/0002_alter_facility.py").read_text()
    assert 'batch.add_column(sa.Column("phone", sa.String(20), nullable=True))' in migration
    assert 'down_revision = "0001"' in migration


def test_owner_edits_survive_regeneration(codegen: CodegenService, tmp_path: Path) -> None:
    out = tmp_path / "clinic"
    codegen.generate_now(blueprint_of(template_document("healthcare")), out, version=1)
    api = out / "clinic_api/api/facility.py"
    edited = api.read_text().replace('ROUTE = "/api/v1/facility"',
                                     'ROUTE = "/api/v1/facility"  # reviewed by the owner')
    api.write_text(edited)
    result = codegen.generate_now(blueprint_of(with_phone(template_document("healthcare"))), out, version=2)
    change = next(c for c in result.files if c.path == "clinic_api/api/facility.py")
    assert change.kind is ChangeKind.merged
    assert change.owner_edited
    text = api.read_text()
    assert "# reviewed by the owner" in text  # the edit survived
    assert '"phone"' in text  # and the new generation arrived
    assert not result.conflicts

    # An edit to a file the next generation leaves alone is simply kept.
    readme = out / "README.md"
    readme.write_text(readme.read_text() + "\nOur notes.\n")
    kept = codegen.generate_now(blueprint_of(with_phone(template_document("healthcare"))), out, version=3)
    assert readme.read_text().endswith("Our notes.\n")
    assert next(c for c in kept.files if c.path == "README.md").owner_edited


def test_a_conflicting_edit_is_reported_never_overwritten(codegen: CodegenService, tmp_path: Path) -> None:
    out = tmp_path / "clinic"
    codegen.generate_now(blueprint_of(template_document("healthcare")), out, version=1)
    model = out / "clinic_api/models/facility.py"
    mine = model.read_text().replace(
        'is_active: Mapped[bool | None] = mapped_column("is_active", sa.Boolean(), nullable=True)',
        'is_active: Mapped[bool | None] = mapped_column("is_active", sa.Boolean(), nullable=True, index=True)')
    assert mine != model.read_text()
    model.write_text(mine)
    result = codegen.generate_now(blueprint_of(with_phone(template_document("healthcare"))), out, version=2)
    assert [c.path for c in result.conflicts] == ["clinic_api/models/facility.py"]
    assert model.read_text() == mine  # untouched
    conflict = (out / "clinic_api/models/facility.py.conflict").read_text()
    assert "<<<<<<< yours" in conflict
    assert ">>>>>>> generated" in conflict
    assert '"phone"' in conflict
    assert result.conflicts[0].diff.startswith("--- a/clinic_api/models/facility.py")
    manifest = Manifest.from_text((out / MANIFEST_PATH).read_text())
    assert manifest.conflicts == ("clinic_api/models/facility.py",)

    # Still reported while the .conflict file is there; gone once resolved and deleted.
    again = codegen.generate_now(blueprint_of(with_phone(template_document("healthcare"))), out, version=2)
    assert [c.path for c in again.conflicts] == ["clinic_api/models/facility.py"]
    model.write_text((out / ".webnova/base/clinic_api/models/facility.py").read_text())  # resolved
    (out / "clinic_api/models/facility.py.conflict").unlink()
    resolved = codegen.generate_now(blueprint_of(with_phone(template_document("healthcare"))), out, version=2)
    assert not resolved.conflicts


def test_removed_entities_remove_their_files_unless_edited(codegen: CodegenService, tmp_path: Path) -> None:
    out = tmp_path / "clinic"
    codegen.generate_now(blueprint_of(template_document("healthcare")), out, version=1)
    (out / "clinic_api/schemas/payer.py").write_text("# kept by the owner\n")
    document = template_document("healthcare")
    document["entities"] = [e for e in document["entities"] if e["name"] != "payer"]
    entity(document, "patient")["fields"] = [f for f in entity(document, "patient")["fields"]
                                             if f["name"] != "payer"]
    for role in document["roles"]:
        role["permissions"] = [p for p in role["permissions"] if p["entity"] != "payer"]
    result = codegen.generate_now(blueprint_of(document), out, version=2)
    kinds = {c.path: c.kind for c in result.files if "payer" in c.path}
    assert kinds["clinic_api/models/payer.py"] is ChangeKind.removed
    assert not (out / "clinic_api/models/payer.py").exists()
    assert kinds["clinic_api/schemas/payer.py"] is ChangeKind.conflict
    assert (out / "clinic_api/schemas/payer.py").read_text() == "# kept by the owner\n"
    migration = next(p for p in (out / "migrations/versions").iterdir() if p.name.startswith("0002"))
    assert 'op.drop_table("payer")' in migration.read_text()


def test_progress_and_cancellation(codegen: CodegenService, tmp_path: Path) -> None:
    updates: list[GenerationProgress] = []
    result = codegen.generate_now(blueprint_of(template_document("healthcare")), tmp_path / "a",
                                  progress=updates.append)
    phases = [u.phase for u in updates]
    assert phases.index("render") < phases.index("compare") < phases.index("write") < phases.index("commit")
    renders = [u for u in updates if u.phase == "render"]
    assert renders[-1].done == renders[-1].total == len(result.files)
    assert any(u.current.endswith("models/patient.py") for u in renders)

    cancel = threading.Event()

    def stop_half_way(update: GenerationProgress) -> None:
        if update.phase == "render" and update.done == 10:
            cancel.set()

    with pytest.raises(GenerationCancelledError):
        codegen.generate_now(blueprint_of(template_document("healthcare")), tmp_path / "b",
                             progress=stop_half_way, cancel=cancel)
    assert [p.name for p in (tmp_path / "b").iterdir()] == [".git"]  # nothing written


def test_dry_run_writes_nothing(codegen: CodegenService, tmp_path: Path) -> None:
    out = tmp_path / "clinic"
    first = codegen.generate_now(blueprint_of(template_document("healthcare")), out, dry_run=True)
    assert first.counts()["added"] == len(first.files)
    assert not out.exists()
    codegen.generate_now(blueprint_of(template_document("healthcare")), out, version=1)
    before = files_of(out)
    preview = codegen.generate_now(blueprint_of(with_phone(template_document("healthcare"))), out,
                                   version=2, dry_run=True)
    assert preview.dry_run
    assert preview.commit is None
    assert len(preview.touched) == 5
    assert files_of(out) == before
    tree = preview.tree()
    folders = [child.name for child in tree.children if child.kind is None]
    assert folders == ["clinic_api", "deploy", "migrations", "tests"]
    clinic_api = next(child for child in tree.children if child.name == "clinic_api")
    models = next(child for child in clinic_api.children if child.name == "models")
    facility = next(child for child in models.children if child.name == "facility.py")
    assert facility.kind is ChangeKind.changed
    assert facility.path == "clinic_api/models/facility.py"


def test_history_and_rollback(codegen: CodegenService, tmp_path: Path) -> None:
    out = tmp_path / "clinic"
    first = codegen.generate_now(blueprint_of(template_document("healthcare")), out, version=1)
    second = codegen.generate_now(blueprint_of(with_phone(template_document("healthcare"))), out, version=2)
    history = codegen.history_now(out)
    assert [(h.id, h.version, h.blueprint) for h in history] == [
        (second.commit, 2, "clinic"), (first.commit, 1, "clinic")]
    assert first.commit is not None

    (out / "README.md").write_text("uncommitted\n")
    with pytest.raises(CodegenError, match="changed since the last commit"):
        codegen.rollback_now(out, first.commit[:10])
    rolled = codegen.rollback_now(out, first.commit[:10], force=True)
    assert not (out / "migrations/versions/0002_alter_facility.py").exists()
    assert '"phone"' not in (out / "clinic_api/models/facility.py").read_text()
    assert "README.md" in rolled.paths
    assert codegen.history_now(out)[0].summary.startswith("Roll back to generation")

    # Regenerating after the rollback builds on the restored generation.
    again = codegen.generate_now(blueprint_of(with_phone(template_document("healthcare"))), out, version=2)
    assert "migrations/versions/0002_alter_facility.py" in [c.path for c in again.touched]
    with pytest.raises(CodegenError, match="no generation"):
        codegen.rollback_now(out, "deadbeef")


def test_a_damaged_manifest_makes_every_file_yours(codegen: CodegenService, tmp_path: Path) -> None:
    out = tmp_path / "clinic"
    codegen.generate_now(blueprint_of(template_document("healthcare")), out, version=1)
    (out / MANIFEST_PATH).write_text("{broken")
    readme = out / "README.md"
    readme.write_text("my readme\n")
    result = codegen.generate_now(blueprint_of(template_document("healthcare")), out, version=1)
    assert result.warnings
    assert "could not be read" in result.warnings[0]
    assert readme.read_text() == "my readme\n"
    assert [c.path for c in result.conflicts] == ["README.md"]


def test_one_generation_at_a_time(codegen: CodegenService, tmp_path: Path) -> None:
    out = tmp_path / "clinic"
    (out / ".webnova").mkdir(parents=True)
    (out / ".webnova/lock").write_text(str(os.getpid()))
    with pytest.raises(CodegenError, match="another generation"):
        codegen.generate_now(blueprint_of(template_document("healthcare")), out)
    (out / ".webnova/lock").write_text("999999999")  # a crashed generation's lock
    assert codegen.generate_now(blueprint_of(template_document("healthcare")), out).commit
