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


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if wants_gui(args):
        from app.gui.app import run_gui

        return run_gui(args)
    from app.cli.main import run_cli

    return run_cli(args)


if __name__ == "__main__":
    sys.exit(main())
