"""``webnova`` with no arguments opens the console; ``webnova <command>`` is the CLI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args == ["--smoke-test"] or args[0] in ("--lang", "--workspace"):
        from app.gui.app import run_gui

        return run_gui(args)
    from app.cli.main import run_cli

    return run_cli(args)


if __name__ == "__main__":
    sys.exit(main())
