"""The stable prefix of a request (system prompt, tools, current blueprint) is marked for
Anthropic's prompt cache; the fake checks the marks and reports cache writes and reads as
the API does, and the console records and prices them."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from app.bootstrap import Workspace
from app.domain.assist.pricing import cost
from app.services.ai_usage import UsageLedger, UsageRecord
from tests.assist.conftest import events_of, new_blueprint
from tests.assist.fake_anthropic import API_KEY, FakeAnthropic
from tests.assist.test_claude_flows import PHARMACIST, UNKNOWN_ENTITY, ask, propose
from tests.assist.test_cli_assist import Cli

EPHEMERAL = {"type": "ephemeral"}


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setenv("WEBNOVA_USER", "owner")
    monkeypatch.delenv("WEBNOVA_KEYRING", raising=False)
    return Cli(capsys, monkeypatch)


def test_prefix_is_cached_and_reread_on_the_repair_attempt(workspace: Workspace,
                                                           claude: FakeAnthropic) -> None:
    new_blueprint(workspace)
    claude.script(propose(UNKNOWN_ENTITY), propose(PHARMACIST))
    result = ask(workspace, "add a pharmacist role")
    assert result.status == "proposed"
    first, second = (r.body for r in claude.requests)
    for body in (first, second):
        assert body["system"][-1]["cache_control"] == EPHEMERAL
        assert "Blueprint JSON Schema" in body["system"][-1]["text"]
        assert body["tools"][-1]["cache_control"] == EPHEMERAL
        owner_turn = body["messages"][0]["content"]
        assert owner_turn[0]["cache_control"] == EPHEMERAL
        assert '"key":"clinic"' in owner_turn[0]["text"]
        assert "cache_control" not in owner_turn[1]  # the owner's words are not cached
        assert "add a pharmacist role" in owner_turn[1]["text"]
    # the first attempt writes the prefix, the repair attempt reads all of it back
    wrote, read = result.usage
    assert wrote.cache_creation_input_tokens > 0
    assert wrote.cache_read_input_tokens == 0
    assert read.cache_read_input_tokens == wrote.cache_creation_input_tokens
    assert read.cache_creation_input_tokens == 0
    recorded = [e.data for e in events_of(workspace, "ai-usage:")]
    assert [(d["cache_creation_input_tokens"], d["cache_read_input_tokens"]) for d in recorded] == [
        (wrote.cache_creation_input_tokens, 0), (0, read.cache_read_input_tokens)]
    assert recorded[1]["cost"] == str(cost("claude-sonnet-4-6", 120, 40, 0,
                                           read.cache_read_input_tokens))
    totals = workspace.orchestrator.gateway.usage.totals_now()
    assert totals["cache_creation_input_tokens"] == wrote.cache_creation_input_tokens
    assert totals["cache_read_input_tokens"] == read.cache_read_input_tokens


def test_a_new_message_on_the_same_blueprint_reads_the_cache(workspace: Workspace,
                                                             claude: FakeAnthropic) -> None:
    new_blueprint(workspace)
    claude.script(propose(PHARMACIST), propose(PHARMACIST))
    first = ask(workspace, "add a pharmacist role")
    second = ask(workspace, "add a pharmacist role, please")
    assert second.usage[0].cache_read_input_tokens == first.usage[0].cache_creation_input_tokens


def test_cache_reads_and_writes_are_priced() -> None:
    # sonnet: $3 a million input tokens; writes 1.25x ($3.75), reads 0.1x ($0.30)
    assert cost("claude-sonnet-4-6", 0, 0, 1_000_000, 0) == Decimal("3.75")
    assert cost("claude-sonnet-4-6", 0, 0, 0, 1_000_000) == Decimal("0.3")
    assert cost("claude-sonnet-4-6", 1_000_000, 1_000_000, 1_000_000, 1_000_000) == Decimal("22.05")
    assert cost("claude-unknown-1", 1, 1, 1, 1) is None


def test_usage_counts_cached_tokens_and_reads_old_records(workspace: Workspace) -> None:
    record = UsageRecord.for_call("claude-sonnet-4-6", 100, 50, "assist",
                                  cache_creation_input_tokens=2000, cache_read_input_tokens=8000)
    assert record.tokens == 10_150  # what the monthly budget counts
    assert UsageRecord.from_json(record.to_json()) == record
    old = {"model": "claude-sonnet-4-6", "input_tokens": 7, "output_tokens": 3, "cost": "0.000066",
           "currency": "USD", "engine": "claude", "purpose": "assist"}
    assert UsageRecord.from_json(old).cache_read_input_tokens == 0
    ledger = UsageLedger(workspace.store, workspace.orchestrator.gateway.tenant_id)
    ledger.record_now(record, "owner")
    assert ledger.tokens_used_now(ledger.tenant_id) == 10_150


def test_ai_status_reports_the_cache(cli: Cli) -> None:
    with FakeAnthropic() as fake:
        assert cli("ai", "key", "set", stdin=API_KEY + "\n")[0] == 0
        assert cli("ai", "config", "--base-url", fake.base_url)[0] == 0
        cli("blueprint", "new", "--template", "healthcare", "--key", "clinic")
        fake.script(propose(UNKNOWN_ENTITY), propose(PHARMACIST))
        code, out, err = cli("assist", "add a pharmacist role", "--blueprint", "clinic", "--json")
        assert code == 0, err
        usage = json.loads(out)["usage"]
    written, read = usage[0]["cache_creation_input_tokens"], usage[1]["cache_read_input_tokens"]
    assert written == read > 0
    code, out, _ = cli("ai", "status", "--json")
    totals = json.loads(out)["usage"]
    assert (totals["cache_creation_input_tokens"], totals["cache_read_input_tokens"]) == (written, read)
    assert totals["cost"] == str(sum((Decimal(u["cost"]) for u in usage), Decimal(0)))
    code, out, _ = cli("ai", "status")
    assert f"prompt cache {read} tokens read, {written} written" in " ".join(out.split())
