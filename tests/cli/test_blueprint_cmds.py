"""``webnova blueprint ...`` in-process on a local workspace; exit codes scripts rely on."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.cli.conftest import Run
from tests.services.blueprint_docs import clinic


def write(path: Path, document: dict) -> Path:  # type: ignore[type-arg]
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_validate_file_exit_codes_and_paths(webnova: Run, tmp_path: Path) -> None:
    good = write(tmp_path / "good.yaml", clinic())
    result = webnova("blueprint", "validate", str(good))
    assert result.code == 0, result.err
    assert "valid: 0 errors" in result.out

    broken = clinic()
    broken["entities"][1]["fields"][0]["reference"] = "ghost"
    bad = write(tmp_path / "bad.yaml", broken)
    result = webnova("blueprint", "validate", str(bad))
    assert result.code == 1
    assert "/entities/1/fields/0/reference (line" in result.out
    assert "[reference.unknown_entity]" in result.out

    result = webnova("blueprint", "validate", str(bad), "--json")
    assert result.code == 1
    report = result.json()
    assert report["valid"] is False
    finding = report["findings"][0]
    assert finding["path"] == "/entities/1/fields/0/reference"
    line = bad.read_text(encoding="utf-8").splitlines()[finding["line"] - 1]
    assert "ghost" in line

    unreadable = tmp_path / "x.json"
    unreadable.write_text('{"key": "clinic",\n  "name": }', encoding="utf-8")
    result = webnova("blueprint", "validate", str(unreadable), "--json")
    assert result.code == 1
    assert result.json()["findings"][0]["line"] == 2

    assert webnova("blueprint", "validate", "--format", "toml", str(good)).code == 2
    assert webnova("blueprint", "validate", "-", stdin=good.read_text(encoding="utf-8")).code == 0


def test_import_history_diff_revert_export(webnova: Run, tmp_path: Path) -> None:
    source = write(tmp_path / "clinic.yaml", clinic())
    assert webnova("blueprint", "import", str(source)).code == 0
    changed = clinic(name={"en": "Clinic visits", "ar": "زيارات العيادة"})
    changed["entities"][0]["fields"].append(
        {
            "name": "email",
            "label": {"en": "Email", "ar": "البريد"},
            "type": "string",
            "classification": "personal",
        }
    )
    result = webnova("blueprint", "import", str(write(tmp_path / "v2.yaml", changed)), "--json")
    assert result.code == 0, result.err
    assert result.json()["version"] == 2

    history = webnova("blueprint", "history", "clinic", "--json").json()
    assert [h["version"] for h in history] == [1, 2]
    assert history[1]["changes"]["fields"]["added"] == 1

    diff = webnova("blueprint", "diff", "clinic", "1", "2")
    assert "+ field patient.email added" in diff.out
    diff_json = webnova("blueprint", "diff", "clinic", "1", "2", "--json").json()
    assert diff_json["summary"]["blueprint"]["changed"] == 1

    result = webnova("blueprint", "revert", "clinic", "1", "--json")
    assert result.json()["version"] == 3
    out = tmp_path / "exported.json"
    assert webnova("blueprint", "export", "clinic", "--format", "json", "--out", str(out)).code == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported["name"]["en"] == "Clinic bookings"
    assert webnova("blueprint", "diff", "clinic", "1", "3").out.startswith(
        "versions 1 and 3 are the same"
    )

    listed = webnova("blueprint", "list", "--json").json()
    assert [(b["key"], b["version"]) for b in listed] == [("clinic", 3)]


def test_invalid_import_writes_nothing_and_names_the_place(webnova: Run, tmp_path: Path) -> None:
    broken = clinic()
    del broken["roles"]
    result = webnova("blueprint", "import", str(write(tmp_path / "bad.yaml", broken)))
    assert result.code == 1
    assert "/roles" in result.out
    assert "not imported" in result.error
    assert webnova("blueprint", "list", "--json").json() == []
    assert webnova("blueprint", "history", "clinic").code == 1


def test_schema_command_prints_the_checked_in_schema(webnova: Run) -> None:
    result = webnova("blueprint", "schema")
    assert result.code == 0
    assert json.loads(result.out)["title"] == "Blueprint"
