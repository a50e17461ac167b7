"""``webnova generate`` and ``webnova runtime`` on a local workspace: exit codes, JSON for
scripts, and the audit entries they leave."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
import yaml

from tests.cli.conftest import Run, _real_keyring_choice, webnova  # noqa: F401  (fixtures)
from tests.codegen.conftest import entity, template_document


def test_generate_regenerate_conflict_history_rollback(webnova: Run, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "clinic"
    assert webnova("blueprint", "new", "--template", "healthcare", "--key", "clinic").code == 0
    first = webnova("generate", "clinic", "--out", str(out), "--json")
    assert first.code == 0, first.err
    report = first.json()
    assert report["version"] == 1
    assert report["counts"]["added"] == len(report["files"])
    assert (out / "clinic_api/main.py").is_file()

    # A conflicting owner edit, then a new blueprint version.
    model = out / "clinic_api/models/facility.py"
    mine = model.read_text().replace('"updated_at", t.UTCDateTime(), nullable=False)',
                                     '"updated_at", t.UTCDateTime(), nullable=False)  # mine')
    model.write_text(mine)
    document = template_document("healthcare")
    entity(document, "facility")["fields"].insert(0, {
        "name": "phone", "label": {"en": "Phone", "ar": "الهاتف"}, "type": "string"})
    source = tmp_path / "clinic.yaml"
    source.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    assert webnova("blueprint", "import", str(source)).code == 0
    second = webnova("generate", "clinic", "--out", str(out))
    assert second.code == 1
    assert "conflict in clinic_api/models/facility.py" in second.err
    assert model.read_text() == mine
    assert (out / "clinic_api/models/facility.py.conflict").is_file()

    history = webnova("generate", "clinic", "--out", str(out), "--history", "--json")
    assert [h["version"] for h in history.json()] == [2, 1]
    rollback = webnova("generate", "clinic", "--out", str(out), "--rollback", history.json()[1]["commit"],
                       "--force")
    assert rollback.code == 0, rollback.err
    assert not (out / "clinic_api/models/facility.py.conflict").exists()
    assert webnova("generate", "clinic", "--force").code == 2

    audit = webnova("audit", "list", "--json").json()["entries"]
    actions = [e["action"] for e in audit]
    assert actions.count("cli.generate") == 3  # two generations and the rollback; not --history
    assert audit[0]["subject"] == "clinic"


def test_generate_from_a_file_and_refusals(webnova: Run, tmp_path: Path) -> None:  # noqa: F811
    source = tmp_path / "bank.yaml"
    source.write_text(yaml.safe_dump(template_document("financial"), allow_unicode=True), encoding="utf-8")
    result = webnova("generate", str(source), "--out", str(tmp_path / "bank"))
    assert result.code == 0, result.err
    assert "generated digital-bank into" in result.out
    assert (tmp_path / "bank/digital_bank_api/api/card.py").is_file()

    broken = template_document("financial")
    broken["entities"][0]["fields"][0]["type"] = "colour"
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    refused = webnova("generate", str(bad), "--out", str(tmp_path / "bad"))
    assert refused.code == 1
    assert "cannot be generated" in refused.error
    assert webnova("generate", "no-such-blueprint", "--out", str(tmp_path / "x")).code == 1
    assert webnova("generate", str(tmp_path / "missing.yaml")).code == 2
    assert webnova("generate", str(source), "--version", "2").code == 2


def test_runtime_up_status_down(webnova: Run, tmp_path: Path) -> None:  # noqa: F811
    source = tmp_path / "hub.yaml"
    source.write_text(yaml.safe_dump(template_document("enterprise"), allow_unicode=True), encoding="utf-8")
    out = tmp_path / "hub"
    assert webnova("generate", str(source), "--out", str(out)).code == 0
    up = webnova("runtime", "up", "enterprise-hub", "--detach", "--json")
    assert up.code == 0, up.err
    url = up.json()["url"]
    try:
        assert httpx.get(f"{url}/health", timeout=5).json()["platform"] == "enterprise-hub"
        status = webnova("runtime", "status", "--json").json()
        assert [(s["platform"], s["state"]) for s in status] == [("enterprise-hub", "running")]
        table = webnova("runtime", "status")
        assert "enterprise-hub" in table.out
        assert url in table.out
    finally:
        down = webnova("runtime", "down", str(out))
    assert down.code == 0
    assert "is stopped" in down.out
    assert webnova("runtime", "status").out.strip() == "no platform is running"
    missing = webnova("runtime", "up", "nothing-generated")
    assert missing.code == 1
    assert "webnova generate" in missing.error
    audit = [e["action"] for e in webnova("audit", "list", "--json").json()["entries"]]
    assert {"cli.runtime.up", "cli.runtime.down"} <= set(audit)


def test_a_blueprint_failing_compliance_is_generated_only_with_the_owners_approval(
    webnova: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    monkeypatch.setenv("WEBNOVA_USER", "root")
    assert webnova("users", "list").code == 0  # root becomes the root owner
    assert webnova("users", "add", "amal", "--name", "Amal", "--role", "ADMIN").code == 0
    assert webnova("blueprint", "new", "--template", "healthcare", "--key", "clinic").code == 0
    document = template_document("healthcare")
    entity(document, "patient")["audit_log"] = False  # HIPAA-164.312(b) now fails
    source = tmp_path / "clinic.yaml"
    source.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    assert webnova("blueprint", "import", str(source)).code == 0
    out = tmp_path / "clinic"

    monkeypatch.setenv("WEBNOVA_USER", "amal")
    refused = webnova("generate", "clinic", "--out", str(out))
    assert refused.code == 1
    assert "fails 1 compliance check, so nothing was generated" in refused.error
    assert "[HIPAA-164.312(b)]" in refused.error
    assert not out.exists()
    assert webnova("generate", "clinic", "--out", str(out), "--override-compliance").code == 2  # no --why

    asked = webnova("generate", "clinic", "--out", str(out), "--override-compliance",
                    "--why", "a pilot with synthetic data only")
    assert asked.code == 3, asked.err
    assert "waiting for approval: request" in asked.out
    assert not out.exists()
    request_id = webnova("approvals", "list", "--json").json()[0]["id"]

    monkeypatch.setenv("WEBNOVA_USER", "root")
    decided = webnova("approvals", "approve", request_id, "--reason", "synthetic data, two weeks")
    assert decided.code == 0, decided.err

    monkeypatch.setenv("WEBNOVA_USER", "amal")
    generated = webnova("generate", "clinic", "--out", str(out), "--override-compliance",
                        "--why", "a pilot with synthetic data only")
    assert generated.code == 0, generated.err
    assert f"approved in request {request_id}" in generated.err
    assert (out / "clinic_api/main.py").is_file()
    outcomes = [(e["action"], e["outcome"]) for e in webnova("audit", "list", "--json").json()["entries"]]
    assert ("cli.generate", "pending") in outcomes and ("cli.generate", "ok") in outcomes
