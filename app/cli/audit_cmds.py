"""``webnova audit verify|export|list|trust-key``, and the audit entry every command that
changes a workspace leaves behind.

``verify`` exits 0 when the chain is intact, 1 when it is broken (naming the first broken
entry), 2 on usage errors.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from datetime import UTC
from pathlib import Path
from typing import Any

from app.bootstrap import workspace_file
from app.cli.context import chosen_entry, open_console, opened_workspace
from app.cli.governance_cmds import EXIT_NEEDS_APPROVAL
from app.cli.output import (
    EXIT_FAILED,
    EXIT_OK,
    CliError,
    emit,
    emit_json,
    emit_table,
    note,
    one_line,
)
from app.domain.governance.audit import AuditEntry, AuditRecord
from app.domain.plurals import count
from app.domain.redaction import redactor
from app.services.ports import AuditFilter

Option = Callable[[argparse.ArgumentParser], None]
log = logging.getLogger(__name__)
DEFAULT_LIST = 20
MAX_LIST = 10_000
MAX_CELL = 48

# Commands that change a workspace, each recorded in that workspace's audit log as
# ``cli.<command>.<action>``. A new command that changes a workspace either joins this set
# or sets ``audited=True`` among its parser defaults. Changes to the console's own list of
# workspaces (``workspace add|use|remove``) touch no workspace and go to the console log.
AUDITED = frozenset({
    "events append",
    "blueprint new",
    "blueprint revert",
    "blueprint import",
    "db upgrade",
    "governance propose",
    "approvals approve",
    "approvals reject",
    "approvals withdraw",
    "users add",
    "users role",
    "users suspend",
    "users ban",
    "users reactivate",
    "users permissions",
    "users transfer-root",
    "users rotate-key",
    "users revoke-key",
    "audit trust-key",
})
_NOT_ARGUMENTS = frozenset({"handler", "command", "action", "json", "audited"})
_SECRET_WORDS = ("password", "secret", "token", "key_material", "private")


def register(commands: Any, workspace_option: Option, json_option: Option) -> None:
    group = commands.add_parser(
        "audit",
        help="verify, export and list the workspace's audit log",
        description="The audit log is append-only and hash-chained: each entry holds the "
        "previous entry's hash, and the owner's decisions carry an Ed25519 signature.",
    )
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = actions.add_parser(
        "verify",
        help="recompute the chain and signatures; exit 0 intact, 1 broken",
        description="Recompute every entry's hash and the owner's signatures, and compare "
        "the chain with the last head this console saw. Names the first broken entry.",
    )
    workspace_option(p)
    json_option(p)
    p.set_defaults(handler=audit_verify)

    p = actions.add_parser(
        "export",
        help="write the log as JSON Lines (docs/verify_audit.py checks it without the console)",
    )
    p.add_argument("--out", type=Path, metavar="FILE", help="file to write (default: stdout)")
    workspace_option(p)
    p.set_defaults(handler=audit_export)

    p = actions.add_parser("list", help="the latest entries, newest first")
    p.add_argument("--limit", type=_limit, default=DEFAULT_LIST, metavar="N",
                   help=f"how many entries (default {DEFAULT_LIST}, at most {MAX_LIST})")
    p.add_argument("--offset", type=_offset, default=0, metavar="N", help="skip N entries")
    p.add_argument("--action", dest="audit_action", default="", metavar="A",
                   help="only this action, e.g. cli.events.append")
    p.add_argument("--actor", default="", metavar="U", help="only entries by this actor")
    p.add_argument("--outcome", default="", help="only this outcome, e.g. ok, pending or failed")
    p.add_argument("--subject", default="", metavar="TEXT", help="subject contains TEXT")
    workspace_option(p)
    json_option(p)
    p.set_defaults(handler=audit_list)

    p = actions.add_parser(
        "trust-key",
        help="trust a signing key published in the workspace (compare its id with the owner's)",
    )
    p.add_argument("key_id", metavar="KEY_ID", help="the signing key's id, as 'audit verify' names it")
    workspace_option(p)
    json_option(p)
    p.set_defaults(handler=audit_trust_key)


def _number(text: str, low: int, high: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"use a number from {low} to {high}")
    return value


def _limit(text: str) -> int:
    return _number(text, 1, MAX_LIST)


def _offset(text: str) -> int:
    return _number(text, 0, 10**12)


# ------------------------------------------------------------------------- verify
def audit_verify(ns: argparse.Namespace) -> int:
    console = open_console()
    entry = chosen_entry(console, ns)
    with opened_workspace(console, entry) as workspace:
        result = workspace.audit.verify()
    if ns.json:
        emit_json({
            "workspace": entry.name,
            "tenant_id": entry.tenant_id,
            "ok": result.ok,
            "checked": result.checked,
            "first_broken_seq": result.first_broken_seq,
            "reason": result.reason,
            "head_seq": result.head_seq if result.ok else None,
            "head_hash": result.head_hash if result.ok else None,
            "message": result.describe(),
        })
    else:
        emit(result.describe())
        if not result.ok and result.reason and "does not trust" in result.reason:
            note("if that key is the owner's from another console, compare its id with the "
                 "owner's and run 'webnova audit trust-key KEY_ID'")
    return EXIT_OK if result.ok else EXIT_FAILED


# ------------------------------------------------------------------------- export
def audit_export(ns: argparse.Namespace) -> int:
    console = open_console()
    entry = chosen_entry(console, ns)
    with opened_workspace(console, entry) as workspace:
        if ns.out is None:
            workspace.audit.export_jsonl(sys.stdout)
            sys.stdout.flush()
            return EXIT_OK
        try:
            count = workspace.audit.export_jsonl(ns.out)
        except OSError as exc:
            raise CliError(
                f"cannot write {ns.out}: {exc.strerror or type(exc).__name__}"
            ) from None
    noun = "entry" if count == 1 else "entries"
    emit(f"exported {count} audit {noun} of workspace {entry.name!r} to {ns.out}")
    return EXIT_OK


# ------------------------------------------------------------------------- list
def _time(entry: AuditEntry) -> str:
    return entry.recorded_time.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def audit_list(ns: argparse.Namespace) -> int:
    console = open_console()
    entry = chosen_entry(console, ns)
    audit_filter = AuditFilter(actor=ns.actor, action=ns.audit_action, outcome=ns.outcome,
                               subject=ns.subject)
    with opened_workspace(console, entry) as workspace:
        page = workspace.audit.entries(audit_filter, ns.offset, ns.limit)
    if ns.json:
        emit_json({"total": page.total, "offset": page.offset,
                   "entries": [e.to_json() for e in page.entries]})
        return EXIT_OK
    if not page.entries:
        emit(f"no audit entries in workspace {entry.name!r}"
             + (" match" if page.total == 0 and audit_filter != AuditFilter() else ""))
        return EXIT_OK
    emit_table(
        ["SEQ", "TIME (UTC)", "ACTOR", "ACTION", "SUBJECT", "OUTCOME", "SIGNED BY"],
        [[e.seq, _time(e), e.actor, e.action, e.subject, e.outcome, e.key_id]
         for e in page.entries],
        max_width=MAX_CELL,
    )
    if page.total > page.offset + len(page.entries):
        note(f"{len(page.entries)} of {count(page.total, 'entry')} shown; use --offset and --limit")
    return EXIT_OK


# ------------------------------------------------------------------------- trust-key
def audit_trust_key(ns: argparse.Namespace) -> int:
    console = open_console()
    entry = chosen_entry(console, ns)
    with opened_workspace(console, entry) as workspace:
        public = workspace.audit.trust_key(ns.key_id)
    if ns.json:
        emit_json({"workspace": entry.name, "key_id": ns.key_id, "public_key": public})
    else:
        emit(f"this console now trusts signing key {ns.key_id} (public key {public}) "
             f"in workspace {entry.name!r}")
    return EXIT_OK


# ------------------------------------------------------------------------- recording commands
def command_name(ns: argparse.Namespace) -> str:
    return " ".join(filter(None, [getattr(ns, "command", None), getattr(ns, "action", None)]))


def command_arguments(ns: argparse.Namespace) -> dict[str, Any]:
    """The command's arguments as recorded: never anything that looks like a secret."""
    arguments: dict[str, Any] = {}
    for name, value in sorted(vars(ns).items()):
        if name in _NOT_ARGUMENTS or any(word in name for word in _SECRET_WORDS):
            continue
        if isinstance(value, Path):
            value = str(value)
        if isinstance(value, str):
            value = redactor.redact(value)
        elif not isinstance(value, (int, float, bool, type(None))):
            value = redactor.redact(str(value))
        arguments[name] = value
    return arguments


def _subject(ns: argparse.Namespace, workspace: str) -> str:
    for name in ("key", "key_id", "user_id", "id", "file", "target", "name"):
        value = getattr(ns, name, None)
        if value is not None and str(value):
            return redactor.redact(str(value))
    return workspace


def command_outcome(code: int) -> str:
    """``ok``, ``pending`` (the command opened an approval request and waits for it, exit 3)
    or ``failed``."""
    if code == EXIT_OK:
        return "ok"
    return "pending" if code == EXIT_NEEDS_APPROVAL else "failed"


def record_command(ns: argparse.Namespace, code: int) -> None:
    """Append ``cli.<command>.<action>`` with outcome ok, pending or failed to the audit log
    of the workspace a changing command worked on. Never changes the command's exit code."""
    name = command_name(ns)
    if name not in AUDITED and not getattr(ns, "audited", False):
        return
    outcome = command_outcome(code)
    try:
        console = open_console()
        entry = chosen_entry(console, ns)
        path = workspace_file(entry)
        if path is not None and not path.exists():
            return  # the command failed before creating the workspace; nothing to record in
        workspace = console.open_workspace(entry)
        try:
            arguments = command_arguments(ns)
            arguments["exit_code"] = code
            workspace.audit.append(AuditRecord(
                entry.tenant_id, workspace.current_user, "cli." + name.replace(" ", "."),
                _subject(ns, entry.name), arguments, outcome,
            ))
        finally:
            workspace.close()
    except Exception as exc:
        log.warning("audit entry for %r (%s) not written: %s", name, outcome, exc)
        if code in (EXIT_OK, EXIT_NEEDS_APPROVAL):
            note(f"the audit log could not record this command "
                 f"({type(exc).__name__}: {one_line(str(exc))})")
