"""``webnova db status|upgrade``: the schema version of a workspace and moving it forward."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import DBAPIError

from app.cli.context import chosen_entry, open_console, safe_url
from app.cli.output import CliError, emit, emit_fields, emit_json, one_line
from app.store.migrations import schema_status, upgrade

Option = Callable[[argparse.ArgumentParser], None]


def register(commands: Any, workspace_option: Option, json_option: Option) -> None:
    group = commands.add_parser("db", help="schema version of a workspace and upgrades")
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = actions.add_parser(
        "status", help="current and latest schema revision, and what an upgrade would apply"
    )
    workspace_option(p)
    json_option(p)
    p.set_defaults(handler=db_status)

    p = actions.add_parser(
        "upgrade",
        help="upgrade the workspace's schema (a SQLite file is copied aside first)",
        description="Apply the pending schema revisions in one transaction. A SQLite "
        "workspace is first copied next to itself; a PostgreSQL workspace must be upgraded "
        "by a user that owns its tables.",
    )
    workspace_option(p)
    json_option(p)
    p.set_defaults(handler=db_upgrade)


def db_status(ns: argparse.Namespace) -> int:
    console = open_console()
    entry = chosen_entry(console, ns)
    engine = console.connect(entry)
    try:
        status = schema_status(engine)
    finally:
        engine.dispose()
    location, pending = safe_url(entry.url), status.pending()
    if ns.json:
        emit_json(
            {
                "workspace": entry.name,
                "kind": entry.kind,
                "location": location,
                "current": status.current,
                "head": status.head,
                "state": status.state,
                "pending": pending,
            }
        )
        return 0
    emit_fields(
        [
            ("workspace", f"{entry.name} ({location})"),
            ("revision", status.current or "none (empty database)"),
            ("head", status.head),
            ("state", status.state),
            ("pending", ", ".join(pending) or "none"),
        ]
    )
    if status.state in ("empty", "outdated"):
        emit(f"run 'webnova db upgrade --workspace {entry.name}' to bring it to {status.head}")
    elif status.state == "newer":
        emit("this workspace was written by a newer WebNova Console; update the console")
    return 0


def db_upgrade(ns: argparse.Namespace) -> int:
    console = open_console()
    entry = chosen_entry(console, ns)
    engine = console.connect(entry)
    try:
        try:
            result = upgrade(engine, where=f"workspace {entry.name!r}")
        except DBAPIError as exc:
            detail = one_line(str(exc.orig or exc))
            raise CliError(
                f"upgrading workspace {entry.name!r} failed, nothing was changed: {detail}"
                + (
                    " (upgrade as a user that owns the workspace's tables)"
                    if entry.kind == "postgresql"
                    else ""
                )
            ) from None
    finally:
        engine.dispose()
    changed = result.before != result.after
    if ns.json:
        emit_json(
            {
                "workspace": entry.name,
                "before": result.before,
                "after": result.after,
                "changed": changed,
                "backup": str(result.backup) if result.backup else None,
            }
        )
        return 0
    if not changed:
        emit(f"workspace {entry.name!r} is already at {result.after}; nothing to do")
        return 0
    emit(
        f"upgraded workspace {entry.name!r} from {result.before or 'an empty database'} "
        f"to {result.after}"
    )
    if result.backup is not None:
        emit(f"the previous file was copied to {result.backup}")
    elif entry.kind == "sqlite":
        emit("no copy was taken: the workspace was empty")
    return 0
