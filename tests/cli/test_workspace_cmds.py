"""``webnova workspace ...`` without a database server: the catalogue and the keyring."""

from __future__ import annotations

import getpass
import json
from pathlib import Path

import pytest

from app.cli.main import run_cli
from app.integrations.keyring_store import SERVICE, MemoryKeyring
from tests.cli.conftest import Run

SECRET_NAME = "workspace/{}/db-password"


def stored(config_file: Path) -> dict[str, dict[str, str]]:
    data = json.loads(config_file.read_text(encoding="utf-8"))
    return {w["name"]: w for w in data["workspaces"]}


def test_list_shows_the_local_workspace_as_current(webnova: Run, local_db: Path) -> None:
    result = webnova("workspace", "list")
    assert result.code == 0
    header, row = result.out.splitlines()
    assert header.split() == ["NAME", "KIND", "TENANT", "URL"]
    assert row.split() == ["*", "local", "sqlite", "default", f"sqlite:///{local_db}"]

    (entry,) = webnova("workspace", "list", "--json").json()
    assert entry == {
        "name": "local",
        "kind": "sqlite",
        "url": f"sqlite:///{local_db}",
        "tenant_id": "default",
        "current": True,
    }


def test_add_use_and_remove_a_sqlite_workspace(
    webnova: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config_file: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    result = webnova("workspace", "add", "files", "sqlite:///relative/ws.sqlite3", "--tenant", "t9")
    assert result.code == 0, result.err
    absolute = tmp_path / "relative" / "ws.sqlite3"
    assert f"sqlite:///{absolute}" in result.out
    assert stored(config_file)["files"] == {
        "name": "files",
        "url": f"sqlite:///{absolute}",
        "tenant_id": "t9",
    }

    assert webnova("workspace", "use", "files").out.strip().startswith("current workspace: files")
    listed = {w["name"]: w for w in webnova("workspace", "list", "--json").json()}
    assert listed["files"]["current"] is True
    assert listed["local"]["current"] is False

    removed = webnova("workspace", "remove", "files", "--json")
    assert removed.code == 0
    assert removed.json() == {"removed": "files", "current": "local"}
    assert "files" not in stored(config_file)


def test_add_then_use_in_one_step(webnova: Run, tmp_path: Path) -> None:
    result = webnova("workspace", "add", "w", f"sqlite:///{tmp_path}/w.db", "--use", "--json")
    assert result.code == 0
    assert result.json()["current"] is True
    assert result.json()["password_stored"] is False


def test_a_postgres_password_goes_to_the_keyring_only(
    webnova: Run, memory_keyring: MemoryKeyring, config_file: Path
) -> None:
    url = "postgresql://bank:Corr3ct-Horse@db.example:5432/ledger"
    result = webnova("workspace", "add", "bank", url, "--tenant", "tenant-a")
    assert result.code == 0, result.err
    assert "shell history" in result.err  # advice: prefer --password-stdin
    assert "Corr3ct-Horse" not in result.out + result.err
    assert "password stored in the OS keyring" in result.out
    assert "Corr3ct-Horse" not in config_file.read_text(encoding="utf-8")
    assert stored(config_file)["bank"]["url"] == "postgresql://bank@db.example:5432/ledger"
    assert memory_keyring.get_password(SERVICE, SECRET_NAME.format("bank")) == "Corr3ct-Horse"

    listing = webnova("workspace", "list", "--json")
    assert "Corr3ct-Horse" not in listing.out
    assert webnova("workspace", "remove", "bank").code == 0
    assert memory_keyring.get_password(SERVICE, SECRET_NAME.format("bank")) is None


def test_a_percent_encoded_password_is_stored_decoded(
    webnova: Run, memory_keyring: MemoryKeyring, config_file: Path
) -> None:
    url = "postgresql://bank:p%40ss%2Fword@db.example/ledger"
    assert webnova("workspace", "add", "bank", url).code == 0
    assert memory_keyring.get_password(SERVICE, SECRET_NAME.format("bank")) == "p@ss/word"
    assert "ss" not in stored(config_file)["bank"]["url"].split("@")[0]


def test_password_from_stdin(
    webnova: Run, memory_keyring: MemoryKeyring, config_file: Path
) -> None:
    url = "postgresql://bank@db.example/ledger"
    result = webnova(
        "workspace", "add", "bank", url, "--password-stdin", "--json", stdin="from stdin pw\n"
    )
    assert result.code == 0, result.err
    assert result.json()["password_stored"] is True
    assert memory_keyring.get_password(SERVICE, SECRET_NAME.format("bank")) == "from stdin pw"
    assert "from stdin pw" not in config_file.read_text(encoding="utf-8")


def test_password_prompt_on_a_terminal(
    webnova: Run, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return "typed-at-the-prompt"

    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    result = webnova("workspace", "add", "bank", "postgresql://bank@db.example/l", tty=True)
    assert result.code == 0, result.err
    assert prompts == ["Password for bank@db.example (empty for none): "]
    assert memory_keyring.get_password(SERVICE, SECRET_NAME.format("bank")) == "typed-at-the-prompt"


def test_without_a_terminal_no_password_is_asked_or_stored(
    webnova: Run, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_prompt(prompt: str = "") -> str:
        raise AssertionError("must not prompt without a terminal")

    monkeypatch.setattr(getpass, "getpass", no_prompt)
    result = webnova("workspace", "add", "trust", "postgresql://app@db.example/l", "--json")
    assert result.code == 0
    assert result.json()["password_stored"] is False
    assert memory_keyring.get_password(SERVICE, SECRET_NAME.format("trust")) is None


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["postgresql://u:inurl-pw@h/db", "--password-stdin"], "x-pw\n", "not both"),
        (["postgresql://u@h/db", "--password-stdin"], "\n", "holds no password"),
        (["sqlite:///x.db", "--password-stdin"], "pw\n", "SQLite workspace has no password"),
    ],
)
def test_password_usage_errors(
    webnova: Run, config_file: Path, args: list[str], stdin: str, message: str
) -> None:
    result = webnova("workspace", "add", "bad", *args, stdin=stdin)
    assert result.code == 2
    assert message in result.error
    assert "inurl-pw" not in result.err
    assert not config_file.exists()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("", "the database URL is empty"),
        ("not a url", "not a database URL"),
        ("mysql://u@h/db", "unsupported database 'mysql'"),
        ("postgresql://u@/db", "names no host"),
        ("postgresql://h.example/db", "names no user"),
        ("postgresql://u@h.example", "names no database"),
        ("postgresql://u@h.example:99999/db", "port 99999 is out of range"),
        ("postgresql://u@h.example:abc/db", "host or port cannot be read"),
        ("postgresql://u:p@ss-word-tail@h.example/db", "more than one '@'"),
        ("postgresql://u@h.example/db?password=qs-secret", "query string"),
        ("sqlite://", "needs a file path"),
    ],
)
def test_bad_urls_are_usage_errors_that_say_what_is_wrong(
    webnova: Run, config_file: Path, url: str, message: str
) -> None:
    result = webnova("workspace", "add", "bad", url)
    assert result.code == 2
    assert result.error.startswith("error: invalid database URL: ")
    assert message in result.error
    for fragment in ("ss-word-tail", "qs-secret"):
        assert fragment not in result.err
    assert not config_file.exists()


@pytest.mark.parametrize("name", ["-dash", "_under", "has space", "x" * 41])
def test_bad_names_are_usage_errors(webnova: Run, name: str) -> None:
    result = webnova("workspace", "add", "--", name, "sqlite:///x.db")
    assert result.code == 2
    assert "is not valid" in result.error


def test_existing_names_are_not_overwritten(webnova: Run, tmp_path: Path) -> None:
    assert webnova("workspace", "add", "w", f"sqlite:///{tmp_path}/a.db").code == 0
    result = webnova("workspace", "add", "w", f"sqlite:///{tmp_path}/b.db")
    assert result.code == 1
    assert "already exists" in result.error
    local = webnova("workspace", "add", "local", f"sqlite:///{tmp_path}/c.db")
    assert local.code == 1
    assert "built-in" in local.error


@pytest.mark.parametrize("action", ["use", "remove"])
def test_unknown_workspaces(webnova: Run, action: str) -> None:
    result = webnova("workspace", action, "nowhere")
    assert result.code == 1
    assert result.error == "error: no workspace named 'nowhere'"


def test_the_local_workspace_cannot_be_removed(webnova: Run) -> None:
    result = webnova("workspace", "remove", "local")
    assert result.code == 1
    assert "cannot be removed" in result.error


def test_list_check_probes_each_workspace(webnova: Run, tmp_path: Path, local_db: Path) -> None:
    from tests.support.pgserver import free_port

    port = free_port()  # nothing listens there
    assert webnova("workspace", "add", "gone", f"postgresql://u@127.0.0.1:{port}/db").code == 0
    result = webnova("workspace", "list", "--check", "--json")
    assert result.code == 0
    rows = {w["name"]: w for w in result.json()}
    assert rows["local"]["reachable"] is True
    assert rows["local"]["schema"] == "empty"
    assert "does not exist yet" in rows["local"]["note"]
    assert not local_db.exists()  # probing does not create the file
    assert rows["gone"]["reachable"] is False
    assert "connection refused" in rows["gone"]["problem"]

    assert webnova("db", "upgrade").code == 0
    text = webnova("workspace", "list", "--check").out
    assert "ok, schema current" in text
    assert "unreachable: nothing is listening" in text


def test_add_check_of_a_new_sqlite_file_is_fine(webnova: Run, tmp_path: Path) -> None:
    result = webnova("workspace", "add", "new", f"sqlite:///{tmp_path}/new.db", "--check")
    assert result.code == 0, result.err
    assert "check: ok, schema empty (not created yet)" in result.out
    assert not (tmp_path / "new.db").exists()


def test_the_workspace_option_works_before_the_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run_cli(["workspace", "add", "other", f"sqlite:///{tmp_path}/o.db"]) == 0
    capsys.readouterr()
    assert run_cli(["--workspace", "other", "db", "status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["workspace"] == "other"
    assert run_cli(["db", "status", "--json", "--workspace", "other"]) == 0
    assert json.loads(capsys.readouterr().out)["workspace"] == "other"


def test_an_unreachable_workspace_is_not_made_current(webnova: Run) -> None:
    from tests.support.pgserver import free_port

    port = free_port()  # nothing listens there
    added = webnova("workspace", "add", "gone", f"postgresql://u@127.0.0.1:{port}/db")
    assert added.code == 0, added.err
    assert "no password stored" in added.out  # no terminal, no password: it says so
    refused = webnova("workspace", "use", "gone", "--timeout", "2")
    assert refused.code == 1
    assert "workspace 'gone' was not made current" in refused.error
    assert "the current workspace is still 'local'" in refused.error
    assert webnova("workspace", "list", "--json").json()[0]["current"] is True  # local
    forced = webnova("workspace", "use", "gone", "--force", "--timeout", "2")
    assert forced.code == 1
    assert "current workspace: gone" in forced.out
    assert "check: unreachable" in forced.out
    current = [w["name"] for w in webnova("workspace", "list", "--json").json() if w["current"]]
    assert current == ["gone"]
