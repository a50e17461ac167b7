"""``webnova <command>``: the parser, logging for one run, and how failures become exit codes.

Exit codes: 0 success, 1 the operation failed or the data was invalid, 2 the command line
was wrong. Errors are one ``error: ...`` line on stderr, redacted; details go to the log.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NoReturn

from app import __version__
from app.cli import (
    assist_cmds,
    audit_cmds,
    backup_cmds,
    billing_cmds,
    blueprint_cmds,
    budgets_cmds,
    cloud_cmds,
    costs_cmds,
    db_cmds,
    deploy_cmds,
    domain_cmds,
    event_cmds,
    generate_cmds,
    governance_cmds,
    prices_cmds,
    release_cmds,
    usage_cmds,
    users_cmds,
    workspace_cmds,
)
from app.cli.output import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    UsageError,
    one_line,
    report_error,
)
from app.domain.errors import WebNovaError
from app.logs import configure_logging
from app.paths import data_dir

log = logging.getLogger(__name__)
PROG = "webnova"
EXIT_INTERRUPTED = 130


class CliParser(argparse.ArgumentParser):
    """argparse, but a usage error is one ``error:`` line and exit code 2, and it never
    leaves the process (``run_cli`` returns the code)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def workspace_option(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    # The same option on the top level and on each command; a command's copy must not
    # overwrite a value given before the command name, hence SUPPRESS there.
    parser.add_argument(
        "--workspace",
        metavar="NAME",
        default=None if top_level else argparse.SUPPRESS,
        help="use this workspace instead of the current one",
    )


def json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def build_parser() -> CliParser:
    parser = CliParser(
        prog=PROG,
        description="WebNova Console on the command line. Run 'webnova' without a command "
        "to open the desktop console.",
        epilog="Exit codes: 0 success, 1 the operation failed or the data was invalid, "
        "2 usage error.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    workspace_option(parser, top_level=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    workspace_cmds.register(commands, workspace_option, json_option)
    db_cmds.register(commands, workspace_option, json_option)
    event_cmds.register(commands, workspace_option, json_option)
    blueprint_cmds.register(commands, workspace_option, json_option)
    generate_cmds.register(commands, workspace_option, json_option)
    governance_cmds.register(commands, workspace_option, json_option)
    users_cmds.register(commands, workspace_option, json_option)
    audit_cmds.register(commands, workspace_option, json_option)
    assist_cmds.register(commands, workspace_option, json_option)
    cloud_cmds.register(commands, workspace_option, json_option)
    deploy_cmds.register(commands, workspace_option, json_option)
    release_cmds.register(commands, workspace_option, json_option)
    prices_cmds.register(commands, workspace_option, json_option)
    domain_cmds.register(commands, workspace_option, json_option)
    backup_cmds.register_backup(commands, workspace_option, json_option)
    usage_cmds.register(commands, workspace_option, json_option)
    costs_cmds.register(commands, workspace_option, json_option)
    budgets_cmds.register(commands, workspace_option, json_option)
    billing_cmds.register(commands, workspace_option, json_option)
    return parser


@contextmanager
def file_logging() -> Iterator[None]:
    """The console log (redacted) for the length of one command; handlers added here are
    closed again so an in-process caller is left as it was."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        configure_logging(level=logging.INFO, to_file=True)
    except OSError as exc:  # an unwritable data folder must not stop the command
        print(f"note: no log file ({type(exc).__name__})", file=sys.stderr)
    try:
        yield
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
        root.setLevel(level)


def log_file() -> str:
    return str(data_dir() / "logs" / "console.log")


def dispatch(handler: Callable[[argparse.Namespace], int], ns: argparse.Namespace) -> int:
    command = " ".join(filter(None, [ns.command, getattr(ns, "action", None)]))
    log.info("webnova %s", command)
    try:
        code = handler(ns)
        sys.stdout.flush()  # a closed pipe shows up here, not at interpreter exit
        return code
    except CliError as exc:
        log.info("%s failed: %s", command, exc)
        report_error(str(exc))
        return exc.exit_code
    except WebNovaError as exc:
        log.info("%s failed: %s", command, exc)
        report_error(str(exc))
        return EXIT_FAILED
    except KeyboardInterrupt:
        report_error("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (``webnova events tail | head``); stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return EXIT_FAILED
    except Exception as exc:
        log.exception("%s failed unexpectedly", command)
        detail = one_line(str(exc))
        report_error(f"unexpected {type(exc).__name__}: {detail} (details in {log_file()})")
        return EXIT_FAILED


def run_cli(args: list[str]) -> int:
    parser = build_parser()
    try:
        ns = parser.parse_args(args)
    except UsageError as exc:
        report_error(str(exc))
        return EXIT_USAGE
    except SystemExit as exc:  # --help and --version print, then "exit" here
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    with file_logging():
        code = dispatch(ns.handler, ns)
        audit_cmds.record_command(ns, code)
        return code
