"""Usage errors, exit codes, help and version, one-line redacted errors, the log file."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

import pytest

import app
from app.cli import event_cmds
from app.domain.redaction import redactor
from tests.cli.conftest import Run


def test_version(webnova: Run) -> None:
    result = webnova("--version")
    assert result.code == 0
    assert result.out == f"webnova {app.__version__}\n"


def test_help_lists_every_command(webnova: Run) -> None:
    result = webnova("--help")
    assert result.code == 0
    for command in ("workspace", "db", "events", "--workspace NAME", "--version"):
        assert command in result.out
    assert "Exit codes: 0 success" in result.out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["workspace", "--help"], ["list", "add", "use", "remove"]),
        (["workspace", "add", "--help"], ["--password-stdin", "--tenant", "--check", "--json"]),
        (["db", "--help"], ["status", "upgrade"]),
        (["db", "upgrade", "--help"], ["copied", "--workspace NAME"]),
        (["events", "--help"], ["append", "tail"]),
        (["events", "append", "--help"], ["one transaction", "FILE|-", "--json"]),
        (["events", "tail", "--help"], ["--limit N", "--json"]),
    ],
)
def test_every_command_has_help(webnova: Run, args: list[str], expected: list[str]) -> None:
    result = webnova(*args)
    assert result.code == 0
    for text in expected:
        assert text in result.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "the following arguments are required: COMMAND"),
        (["launch"], "invalid choice: 'launch'"),
        (["workspace"], "the following arguments are required: ACTION"),
        (["workspace", "rename", "a"], "invalid choice: 'rename'"),
        (["db", "status", "--colour"], "unrecognized arguments: --colour"),
        (["events", "append"], "the following arguments are required: FILE|-"),
        (["workspace", "list", "--timeout", "0"], "use between 1 and 300 seconds"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli.main import run_cli

    assert run_cli(args) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("error: ")
    assert message in err


def test_an_unexpected_failure_is_one_redacted_line_and_a_logged_traceback(
    webnova: Run, monkeypatch: pytest.MonkeyPatch, console_home: Path
) -> None:
    secret = f"reg-{uuid.uuid4().hex}"
    redactor.register(secret)

    def broken() -> None:
        raise RuntimeError(f"driver said: password={secret} and {secret}\nsecond line")

    monkeypatch.setattr(event_cmds, "open_console", broken)
    result = webnova("events", "tail")
    assert result.code == 1
    log_file = console_home / "data" / "logs" / "console.log"
    assert result.error == (
        f"error: unexpected RuntimeError: driver said: password=*** and *** (details in {log_file})"
    )
    assert secret not in result.err
    content = log_file.read_text(encoding="utf-8")
    assert "events tail failed unexpectedly" in content
    assert "Traceback" in content
    assert "RuntimeError" in content
    assert secret not in content


def test_failed_commands_are_logged_without_secrets(webnova: Run, console_home: Path) -> None:
    result = webnova("workspace", "add", "x", "postgresql://u:log-pw-123@h.example/db?x=1&y")
    assert result.code == 0
    assert webnova("workspace", "add", "x", "postgresql://u:log-pw-123@h.example/db").code == 1
    content = (console_home / "data" / "logs" / "console.log").read_text(encoding="utf-8")
    assert "workspace add failed: a workspace named 'x' already exists" in content
    assert "log-pw-123" not in content


def test_a_run_leaves_the_root_logger_as_it_was(webnova: Run) -> None:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    webnova("workspace", "list")
    webnova("workspace", "use", "nope")
    assert root.handlers == handlers
    assert root.level == level


def test_a_broken_settings_file(webnova: Run, config_file: Path) -> None:
    config_file.parent.mkdir(parents=True)
    config_file.write_text("{not json", encoding="utf-8")
    result = webnova("workspace", "list")
    assert result.code == 1
    assert result.error.startswith(f"error: cannot read settings file {config_file}")


def test_a_keyring_that_is_missing(webnova: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring
    from keyring.backends import fail

    monkeypatch.setattr(keyring, "get_keyring", fail.Keyring)
    result = webnova("workspace", "add", "x", "postgresql://u:kr-pw-5678@h.example/db")
    assert result.code == 1
    assert "no OS keyring is available" in result.error
    assert "kr-pw-5678" not in result.err
