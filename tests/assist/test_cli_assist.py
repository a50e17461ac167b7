"""``webnova assist`` and ``webnova ai``, in-process, as the console script runs them."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from app.__main__ import main
from tests.assist.fake_anthropic import API_KEY, Failure, FakeAnthropic, tool


class Cli:
    def __init__(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        self.capsys = capsys
        self.monkeypatch = monkeypatch

    def __call__(self, *args: str, stdin: str = "") -> tuple[int, str, str]:
        self.capsys.readouterr()
        self.monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(list(args))
        captured = self.capsys.readouterr()
        return code, captured.out, captured.err


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setenv("WEBNOVA_USER", "owner")
    monkeypatch.delenv("WEBNOVA_KEYRING", raising=False)
    return Cli(capsys, monkeypatch)


def test_assist_prints_the_proposal_without_applying_it(cli: Cli) -> None:
    code, out, _ = cli("assist", "clinic booking platform in Riyadh with Arabic UI", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["engine"] == "offline"
    assert data["intent"]["kind"] == "create"
    proposal = data["proposal"]
    assert proposal["summary"]["domain"] == "healthcare"
    assert proposal["summary"]["frameworks"] == ["hipaa", "pdpl"]
    assert proposal["summary"]["region"] == {"provider": "on_premises", "region": "riyadh-dc1",
                                             "country": "SA"}
    assert {"op": "replace", "path": "/key", "value": "clinic-riyadh"} in proposal["patch"]
    assert proposal["validation"]["valid"] is True
    assert data["accepted"] is None
    code, out, _ = cli("blueprint", "list", "--json")
    assert json.loads(out) == []


def test_assist_accept_in_arabic_and_then_modify(cli: Cli) -> None:
    code, out, _ = cli("assist", "منصة حجز مواعيد لعيادة في الرياض", "--accept")
    assert code == 0
    assert "offline planner" in out
    assert "accepted: blueprint 'clinic-riyadh' is now version 1" in out
    code, out, _ = cli("assist", "add pharmacists and rooms", "--blueprint", "clinic-riyadh",
                       "--accept", "--json")
    assert code == 0
    assert json.loads(out)["accepted"]["version"] == 2
    code, out, _ = cli("blueprint", "history", "clinic-riyadh", "--json")
    assert [h["source"] for h in json.loads(out)] == ["assistant:offline", None]
    code, out, _ = cli("ai", "history", "--blueprint", "clinic-riyadh")
    assert "owner accepted proposal" in out


def test_claude_through_the_cli_and_the_key_stays_secret(cli: Cli, tmp_path: Path,
                                                         console_home: Path) -> None:
    with FakeAnthropic() as fake:
        assert cli("ai", "key", "set", stdin=API_KEY + "\n")[0] == 0
        assert cli("ai", "config", "--base-url", fake.base_url, "--max-retries", "0")[0] == 0
        cli("blueprint", "new", "--template", "healthcare", "--key", "clinic")
        fake.script(tool("propose_blueprint_patch", {"rationale": "Pharmacists.", "operations": [
            {"op": "add", "path": "/roles/-", "value": {"name": "pharmacist",
                                                        "label": {"en": "Pharmacist", "ar": "صيدلي"}}}]}))
        code, out, err = cli("assist", "add pharmacists", "--blueprint", "clinic", "--json")
        assert code == 0, err
        data = json.loads(out)
        assert data["engine"] == "claude"
        assert data["usage"][0]["cost"] is not None
        code, out, _ = cli("assist", "add pharmacists", "--blueprint", "clinic", "--offline", "--json")
        assert json.loads(out)["engine"] == "offline"
        fake.script(Failure(401, "invalid x-api-key"))
        code, out, err = cli("assist", "add doctors", "--blueprint", "clinic")
        assert code == 1
        assert "API key was refused" in err
        code, out, _ = cli("ai", "status", "--json")
        status = json.loads(out)
        assert status["engine"] == "claude"
        assert status["usage"]["calls"] == 1
    everything = "".join(p.read_text(errors="replace") for p in console_home.rglob("*")
                         if p.is_file() and p.suffix in (".log", ".json", ".txt"))
    assert API_KEY not in everything
    code, out, _ = cli("audit", "export", "--out", str(tmp_path / "audit.jsonl"))
    assert code == 0
    exported = (tmp_path / "audit.jsonl").read_text()
    assert "ai.proposal" in exported or "governance.check" in exported
    assert API_KEY not in exported
    import sqlite3

    database = next(console_home.rglob("*.sqlite3"))
    with sqlite3.connect(database) as conn:
        dump = "\n".join(conn.iterdump())
    assert API_KEY not in dump


def test_ai_config_validates(cli: Cli) -> None:
    code, _, err = cli("ai", "config", "--max-attempts", "99")
    assert code == 1
    assert "max_attempts must be between 1 and 10" in err
    code, out, _ = cli("ai", "config", "--model", "claude-haiku-4-5", "--json")
    assert json.loads(out)["model"] == "claude-haiku-4-5"


def test_review_and_explain_commands(cli: Cli) -> None:
    cli("blueprint", "new", "--template", "education", "--key", "uni")
    code, out, _ = cli("ai", "review", "uni", "--offline", "--json")
    assert code == 0
    review: dict[str, Any] = json.loads(out)
    assert [c["category"] for c in review["categories"]] == ["security", "performance",
                                                             "compliance", "best_practice"]
    code, out, _ = cli("ai", "explain", "uni", "/environments/0", "--offline")
    assert code == 0
    assert "hel1" in out
    code, _, err = cli("ai", "explain", "uni", "no-such-thing", "--offline")
    assert code == 1
    assert "nothing called" in err
