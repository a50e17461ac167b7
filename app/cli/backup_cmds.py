"""``webnova backup create|list|restore|drill``: the database backups of a platform
environment, on its database server (see :mod:`app.services.environment_backups`).

Exit codes: 0 done (a drill: every table's rows match), 1 failed (a drill: a mismatch, or
the dump could not be restored), 2 usage error, 3 a restore waits for the owner's approval.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable
from typing import Any

from app.cli.context import chosen_entry, open_console, opened_workspace
from app.cli.governance_cmds import report_waiting
from app.cli.output import EXIT_FAILED, EXIT_OK, CliError, emit, emit_json, emit_table, note
from app.cli.release_deploy_cmds import _progress
from app.domain.cloud.model import CloudSpecError
from app.services.remote_ports import RemoteError

Option = Callable[[argparse.ArgumentParser], None]
_ID = "ID"


def register_backup(commands: Any, workspace_option: Option, json_option: Option) -> None:
    group = commands.add_parser(
        "backup", help="database backups of a platform's environments",
        description="Backups of an environment's database (pg_dump, kept on the database "
        "server's volume): taken before each release deploy, by hand, and every day by the "
        "server's timer.")
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    def command(name: str, help_text: str, description: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = actions.add_parser(name, help=help_text,
                                                        description=description)
        workspace_option(p)
        json_option(p)
        p.add_argument("platform", help="the blueprint's key")
        p.add_argument("--env", required=True, help="the environment (e.g. staging, production)")
        p.add_argument("--reach", action="append", default=[], metavar="SERVER=[USER@]HOST:PORT",
                       help="reach a server over SSH at another address (repeat)")
        p.set_defaults(handler=backup_command, action=name)
        return p

    command("create", "dump the environment's database now",
            "Dump the environment's database now (pg_dump as the migrating login, with the rows "
            "of each table counted in the same snapshot), kept on the database server.")
    command("list", "every backup of the environment",
            "Every backup, oldest first: before deploys, by hand, and the daily ones found on "
            "the database server; RECORDED says whether the console's journal has it, and a "
            "recorded one whose file is gone is shown as missing.")
    p = command("restore", "replace the database with a backup (governed)",
                "Replace the environment's database with a backup, in one transaction: every "
                "change written after the backup is lost. Governed like 'deploy apply' "
                "(production waits for the owner's approval, bound to the backup). The app "
                "servers are stopped meanwhile and started again with a health check. Exit "
                "codes: 0 restored, 1 failed (the database was left as it was), 3 waiting for "
                "approval.")
    p.add_argument("--from", dest="backup", required=True, metavar=_ID,
                   help="the backup's id (see 'webnova backup list')")
    p.add_argument("--why", default="", help="the reason, shown to approvers")
    p.add_argument("--health-seconds", type=float, default=90.0, metavar="SECONDS",
                   help="how long the platform may take to answer its health check (default 90)")
    p = command("drill", "rehearse a restore into a scratch database",
                "Restore a backup (default: the newest) into a scratch database on the database "
                "server, compare each table's rows with the counts taken with the dump, and "
                "drop the scratch database. Exit code 0 only when every table matches.")
    p.add_argument("--from", dest="backup", metavar=_ID, help="the backup's id (default: the newest)")


def backup_command(ns: argparse.Namespace) -> int:
    from app.bootstrap import build_environment_backups
    from app.services.release_targets import parse_reach

    if ns.action == "restore" and ns.health_seconds <= 0:
        raise CliError("--health-seconds must be more than 0")
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        try:
            backups = build_environment_backups(ws)
            reach = parse_reach(ns.reach)
            if ns.action == "create":
                return _create(asyncio.run(backups.create(ns.platform, ns.env, reach)), ns)
            if ns.action == "list":
                return _list(*asyncio.run(backups.list_or_recorded(ns.platform, ns.env, reach)),
                             ns=ns)
            if ns.action == "drill":
                return _drill(*asyncio.run(backups.drill(ns.platform, ns.env, ns.backup, reach)),
                              ns=ns)
            ws.governance.ensure_owner_now()
            return _restore(asyncio.run(backups.restore(
                ns.platform, ns.env, ns.backup, reach, ws.current_user, ns.why,
                health_seconds=ns.health_seconds, progress=_progress(ns))), ns)
        except CloudSpecError as exc:
            raise CliError(f"{exc.setting}: {exc.message_en}") from None
        except RemoteError as exc:
            raise CliError(str(exc)) from None


def _create(taken: dict[str, Any], ns: argparse.Namespace) -> int:
    if ns.json:
        emit_json(taken)
    else:
        emit(f"{ns.platform} {ns.env}: backup {taken['id']} taken ({taken['size']} bytes, "
             f"{taken['tables']} tables, {taken['rows']} rows) at {taken['path']} on "
             f"{taken['server']}")
    return EXIT_OK


def _list(entries: list[Any], unreached: str | None, ns: argparse.Namespace) -> int:
    if unreached is not None:  # what the console knows, said as such (on standard error)
        note(f"the database server was not reached ({unreached}); these are the backups the "
             "console recorded, whether each file is still there is unknown, and the daily ones "
             "are not listed (reach the server with --reach)")
    if ns.json:
        emit_json([e.to_json() for e in entries])
    elif not entries:
        emit(f"{ns.platform} {ns.env}: no backup taken")
    else:
        emit_table(["ID", "KIND", "AT", "BYTES", "RECORDED", "FILE"],
                   [[e.id, e.kind + (f" {e.release}" if e.release is not None else ""),
                     e.at[:19].replace("T", " "), _size(e),
                     "yes" if e.recorded else "no", e.path] for e in entries])
    return EXIT_OK


def _mismatches(n: int) -> str:
    return "1 table does not match" if n == 1 else f"{n} tables do not match"


def _size(entry: Any) -> object:
    if entry.present is None:  # the server was not asked
        return f"{entry.size if entry.size is not None else '?'} (not checked)"
    return entry.size if entry.present else "MISSING"


def _drill(entry: Any, report: Any, ns: argparse.Namespace) -> int:
    if ns.json:
        emit_json({"id": entry.id, "ok": report.ok, "scratch": report.scratch,
                   "problem": report.problem,
                   "tables": [{"table": t.table, "expected": t.expected, "restored": t.restored,
                               "ok": t.ok} for t in report.tables]})
    else:
        emit_table(["TABLE", "AT DUMP", "RESTORED", ""],
                   [[t.table, "-" if t.expected is None else t.expected,
                     "-" if t.restored is None else t.restored, "ok" if t.ok else "MISMATCH"]
                    for t in report.tables])
        verdict = (report.problem if report.problem else
                   "every table's rows match" if report.ok else
                   _mismatches(sum(not t.ok for t in report.tables)))
        emit(f"{ns.platform} {ns.env}: drill of backup {entry.id} in scratch database "
             f"{report.scratch} (dropped): {verdict}")
    return EXIT_OK if report.ok else EXIT_FAILED


def _restore(result: Any, ns: argparse.Namespace) -> int:
    from app.services.approvals import ApprovalRequest
    from app.services.environment_backups import RESTORED

    if isinstance(result, ApprovalRequest):
        return report_waiting(ns, result, "run the same command again once it is approved")
    if ns.json:
        emit_json({"outcome": result.outcome, "backup": result.backup.id,
                   "reason": result.reason, "steps": result.steps})
    elif result.outcome == RESTORED:
        emit(f"{ns.platform} {ns.env}: backup {result.backup.id} restored")
    else:
        emit(f"{ns.platform} {ns.env}: the restore of backup {result.backup.id} failed: "
             f"{result.reason}")
    return EXIT_OK if result.outcome == RESTORED else EXIT_FAILED
