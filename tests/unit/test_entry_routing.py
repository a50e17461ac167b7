"""``webnova``: which arguments open the window, which run the CLI, and module running."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.__main__ import main, wants_gui


@pytest.mark.parametrize(("args", "gui"), [
    ([], True),
    (["--lang", "ar"], True),
    (["--workspace", "bank"], True),
    (["--workspace=bank", "--smoke-test"], True),
    (["--workspace", "bank", "db", "status"], False),
    (["--version"], False),
    (["events", "tail"], False),
    (["--lang"], False),
])
def test_console_options_open_the_window_commands_run_the_cli(args: list[str], gui: bool) -> None:
    assert wants_gui(args) is gui


def test_run_module_runs_a_bundled_module_like_python_dash_m(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "platform_tool.py").write_text(
        "import sys\n"
        "if __name__ == '__main__':\n"
        "    print('ran', sys.argv[1:])\n"
        "    sys.exit(3 if '--fail' in sys.argv else 0)\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr("sys.argv", ["webnova"])
    assert main(["--run-module", "platform_tool", "--port", "8000"]) == 0
    assert capsys.readouterr().out.strip() == "ran ['--port', '8000']"
    assert main(["--run-module", "platform_tool", "--fail"]) == 3
