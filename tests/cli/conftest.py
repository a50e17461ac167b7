"""Running ``webnova`` in-process (as the console script would) and reading what it said."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.__main__ import main


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    @property
    def error(self) -> str:
        """The one ``error:`` line of a failed command."""
        lines = self.err.splitlines()
        errors = [line for line in lines if line.startswith("error: ")]
        assert len(errors) == 1, f"expected one error line, got {lines!r}"
        return errors[0]


class FakeStdin(io.TextIOWrapper):
    def __init__(self, data: str | bytes, tty: bool = False) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        super().__init__(io.BytesIO(raw), encoding="utf-8")
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


Run = Callable[..., Result]


@pytest.fixture(autouse=True)
def _real_keyring_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    # The console's memory switch would bypass the test's keyring backend.
    monkeypatch.delenv("WEBNOVA_KEYRING", raising=False)


@pytest.fixture
def webnova(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    def run(*args: str, stdin: str | bytes | None = None, tty: bool = False) -> Result:
        capsys.readouterr()
        monkeypatch.setattr(sys, "stdin", FakeStdin(stdin or "", tty=tty))
        code = main(list(args))
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


@pytest.fixture
def config_file(console_home: Path) -> Path:
    return console_home / "config" / "console.json"


@pytest.fixture
def local_db(console_home: Path) -> Path:
    return console_home / "data" / "workspaces" / "local.sqlite3"


def event(n: int, stream: str = "order-1", tenant: str = "t1", **extra: Any) -> dict[str, Any]:
    return {
        "stream_id": stream,
        "type": "OrderPlaced",
        "tenant_id": tenant,
        "data": {"n": n},
        **extra,
    }


@pytest.fixture
def batch_file(tmp_path: Path) -> Callable[[list[Any]], Path]:
    counter = iter(range(1_000_000))

    def write(items: list[Any]) -> Path:
        path = tmp_path / f"batch-{next(counter)}.json"
        path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        return path

    return write
