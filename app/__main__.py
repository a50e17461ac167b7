"""``webnova`` with no command opens the console; ``webnova <command>`` is the CLI.

The console's own options (``--lang ar``, ``--workspace NAME``, ``--smoke-test``) open the
window; as soon as a command name appears, the arguments belong to the CLI
(``webnova --workspace bank db status``).
"""

from __future__ import annotations

import sys

GUI_FLAGS = {"--smoke-test"}
GUI_OPTIONS = {"--lang", "--workspace"}


def wants_gui(args: list[str]) -> bool:
    rest = list(args)
    while rest:
        head = rest.pop(0)
        if head in GUI_FLAGS:
            continue
        if head in GUI_OPTIONS and rest:
            rest.pop(0)
            continue
        if any(head.startswith(f"{option}=") for option in GUI_OPTIONS):
            continue
        return False
    return True


def run_module(name: str, args: list[str]) -> int:
    """``webnova --run-module uvicorn ...``: run a bundled module as ``python -m`` would.
    An installed bundle has no separate Python; the local runtime of generated platforms
    starts uvicorn and alembic through this."""
    import runpy

    sys.argv = [name, *args]
    try:
        runpy.run_module(name, run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--run-module"] and len(args) >= 2:
        return run_module(args[1], args[2:])
    if wants_gui(args):
        from app.gui.app import run_gui

        return run_gui(args)
    from app.cli.main import run_cli

    return run_cli(args)


if __name__ == "__main__":
    sys.exit(main())
