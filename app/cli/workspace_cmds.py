"""``webnova workspace list|add|use|remove``: the catalogue of workspaces.

A URL is remembered without its password; the password goes to the OS keyring only.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from sqlalchemy import URL

from app.bootstrap import Console, workspace_file
from app.cli.context import open_console, safe_url
from app.cli.output import EXIT_FAILED, CliError, UsageError, emit, emit_json, emit_table, note
from app.domain.errors import InvalidWorkspaceUrlError, WebNovaError
from app.domain.redaction import redactor
from app.domain.workspace import (
    DEFAULT_TENANT,
    LOCAL_WORKSPACE,
    ConsoleConfig,
    WorkspaceEntry,
    WorkspaceNameError,
    check_workspace_name,
)
from app.store.engine import parse_workspace_url, split_password
from app.store.migrations import schema_status

Option = Callable[[argparse.ArgumentParser], None]


def register(commands: Any, workspace_option: Option, json_option: Option) -> None:
    group = commands.add_parser(
        "workspace",
        help="list, add, choose and remove workspaces",
        description="Workspaces are databases: the local SQLite file or a PostgreSQL server.",
    )
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = actions.add_parser("list", help="the known workspaces (never a password)")
    p.add_argument("--check", action="store_true", help="also probe whether each is reachable")
    p.add_argument("--timeout", type=_seconds, default=5, help="seconds per probe (default 5)")
    json_option(p)
    p.set_defaults(handler=list_workspaces)

    p = actions.add_parser(
        "add",
        help="remember a workspace (its password goes to the OS keyring)",
        description="Remember a PostgreSQL database (or a SQLite file) as a workspace. The "
        "URL is stored without its password; the password is kept in the OS keyring. "
        "Without a password in the URL or --password-stdin, a terminal prompts for it.",
    )
    p.add_argument("name", help="a short name: letters, digits, '.', '_' or '-'")
    p.add_argument("url", help="postgresql://user@host:port/database or sqlite:///path")
    p.add_argument("--tenant", default=DEFAULT_TENANT, help="tenant this console works as")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p.add_argument("--check", action="store_true", help="connect first; add only if that works")
    p.add_argument("--timeout", type=_seconds, default=5, help="seconds to wait when checking")
    p.add_argument("--use", action="store_true", help="also make it the current workspace")
    json_option(p)
    p.set_defaults(handler=add_workspace)

    p = actions.add_parser(
        "use", help="make a workspace the current one (after checking it can be reached)",
        description="Connect to the workspace first: an unreachable one (or one whose schema "
        "this console cannot use) is not made current, and the reason is shown. Exit codes: "
        "0 switched, 1 not switched (or switched with --force to a workspace that cannot "
        "be used now), 2 usage error.")
    p.add_argument("name", help="the workspace's name (see 'webnova workspace list')")
    p.add_argument("--timeout", type=_seconds, default=5, help="seconds to wait for the database (default 5)")
    p.add_argument("--force", action="store_true",
                   help="switch even when the workspace cannot be reached now")
    json_option(p)
    p.set_defaults(handler=use_workspace)

    p = actions.add_parser(
        "remove", help="forget a workspace and its stored password (its data is not touched)"
    )
    p.add_argument("name", help="the workspace's name (see 'webnova workspace list')")
    json_option(p)
    p.set_defaults(handler=remove_workspace)


def _seconds(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of seconds") from None
    if not 1 <= value <= 300:
        raise argparse.ArgumentTypeError("use between 1 and 300 seconds")
    return value


# ------------------------------------------------------------------------- probing
@dataclass(frozen=True)
class Probe:
    reachable: bool
    schema: str | None  # empty / current / outdated / newer, when reachable
    problem: str | None = None
    note: str | None = None


def probe_workspace(console: Console, entry: WorkspaceEntry, timeout: int) -> Probe:
    """Connect and read the schema state; a missing SQLite file is not created."""
    path = workspace_file(entry)
    if path is not None and not path.exists():
        return Probe(True, "empty", note=f"the file {path} does not exist yet")
    try:
        engine = console.connect(entry, connect_timeout=timeout)
    except WebNovaError as exc:
        return Probe(False, None, problem=str(exc))
    try:
        state = schema_status(engine).state
    except Exception as exc:
        return Probe(False, None, problem=f"cannot read the schema version ({type(exc).__name__})")
    finally:
        engine.dispose()
    return Probe(True, state)


def _status_text(probe: Probe) -> str:
    if not probe.reachable:
        return f"unreachable: {probe.problem}"
    return f"ok, schema {probe.schema}" + (" (not created yet)" if probe.note else "")


# ------------------------------------------------------------------------- list
def entry_json(entry: WorkspaceEntry, current: bool) -> dict[str, Any]:
    return {
        "name": entry.name,
        "kind": entry.kind,
        "url": safe_url(entry.url),
        "tenant_id": entry.tenant_id,
        "current": current,
    }


def list_workspaces(ns: argparse.Namespace) -> int:
    console = open_console()
    config = console.catalog.load()
    probes = [probe_workspace(console, e, ns.timeout) if ns.check else None
              for e in config.workspaces]  # fmt: skip
    rows = [entry_json(e, e.name == config.current) for e in config.workspaces]
    if ns.json:
        emit_json([row | asdict(p) if p else row for row, p in zip(rows, probes, strict=True)])
        return 0
    headers = ["", "NAME", "KIND", "TENANT", "URL"] + (["STATUS"] if ns.check else [])
    table = [
        ["*" if r["current"] else "", r["name"], r["kind"], r["tenant_id"], r["url"]]
        + ([_status_text(p)] if p else [])
        for r, p in zip(rows, probes, strict=True)
    ]
    emit_table(headers, table)
    return 0


# ------------------------------------------------------------------------- add
def _register_raw_password(raw: str) -> None:
    """Mask whatever sits where a URL keeps its password before anything can echo it, even
    if the URL turns out to be malformed."""
    _, sep, rest = raw.partition("://")
    netloc = rest.split("/", 1)[0] if sep else ""
    userinfo, at, _host = netloc.rpartition("@")
    if at and ":" in userinfo:
        secret = userinfo.split(":", 1)[1]
        redactor.register(secret)
        redactor.register(unquote(secret))


def parse_url_argument(raw: str) -> URL:
    try:
        url = parse_workspace_url(raw)
    except InvalidWorkspaceUrlError as exc:
        raise UsageError(f"invalid database URL: {exc}") from None
    except ValueError:  # the driver-level parser's own complaint (a port that is not a number)
        raise UsageError(
            "invalid database URL: the host or port cannot be read; expected "
            "postgresql://user@host:port/database"
        ) from None
    if "password" in url.query:
        raise UsageError(
            "invalid database URL: leave the password out of the query string; give it as "
            "user:password@host or with --password-stdin"
        )
    if url.host and "@" in url.host:
        raise UsageError(
            "invalid database URL: more than one '@' before the host; write an '@' inside the "
            "password as %40, or leave the password out and use --password-stdin"
        )
    return url


def stored_url(url: URL) -> str:
    bare, _ = split_password(url)
    if bare.get_backend_name() == "sqlite" and bare.database:
        # Absolute, so the workspace opens from any working directory.
        bare = bare.set(database=str(Path(bare.database).expanduser().resolve()))
    return bare.render_as_string(hide_password=False)


def _read_stdin_password() -> str:
    buffer = getattr(sys.stdin, "buffer", None)
    text = buffer.read().decode("utf-8") if buffer is not None else sys.stdin.read()
    return text.removesuffix("\n").removesuffix("\r")


def choose_password(ns: argparse.Namespace, url: URL) -> str | None:
    in_url = url.password or None
    if url.get_backend_name() == "sqlite":
        if ns.password_stdin or in_url:
            raise UsageError("a SQLite workspace has no password")
        return None
    if ns.password_stdin:
        if in_url:
            raise UsageError("give the password in the URL or on standard input, not both")
        password = _read_stdin_password()
        if not password:
            raise UsageError("--password-stdin was given but standard input holds no password")
        redactor.register(password)
        return password
    if in_url:
        redactor.register(in_url)
        note(
            "a password on the command line can end up in the shell history; "
            "--password-stdin avoids that"
        )
        return in_url
    if sys.stdin is not None and sys.stdin.isatty():
        password = getpass.getpass(f"Password for {url.username}@{url.host} (empty for none): ")
        redactor.register(password)
        return password or None
    return None


class _PendingConfig:
    """The catalogue as it would be after adding: nothing is saved while checking."""

    def __init__(self, entry: WorkspaceEntry) -> None:
        self.config = ConsoleConfig(workspaces=(entry,), current=entry.name)

    def load(self) -> ConsoleConfig:
        return self.config

    def save(self, config: ConsoleConfig) -> None:
        self.config = config


class _PendingSecrets:
    def __init__(self, name: str, value: str | None) -> None:
        self.values = {name: value} if value else {}

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, value: str) -> None:
        self.values[name] = value

    def delete(self, name: str) -> None:
        self.values.pop(name, None)


def check_before_adding(entry: WorkspaceEntry, password: str | None, timeout: int) -> Probe:
    pending = Console(_PendingConfig(entry), _PendingSecrets(entry.password_secret, password))
    probe = probe_workspace(pending, entry, timeout)
    if not probe.reachable:
        raise CliError(f"{probe.problem}; workspace {entry.name!r} was not added")
    if probe.schema == "newer":
        raise CliError(
            f"workspace {entry.name!r} has a schema newer than this console knows; update "
            "WebNova Console to use it. The workspace was not added"
        )
    return probe


def add_workspace(ns: argparse.Namespace) -> int:
    _register_raw_password(ns.url)
    try:
        name = check_workspace_name(ns.name)
    except WorkspaceNameError as exc:
        raise UsageError(str(exc)) from None
    if not ns.tenant.strip():
        raise UsageError("--tenant must not be empty")
    url = parse_url_argument(ns.url)
    console = open_console()
    if name == LOCAL_WORKSPACE:
        raise CliError("'local' is the built-in workspace; choose another name")
    if console.catalog.load().get(name) is not None:
        raise CliError(
            f"a workspace named {name!r} already exists; remove it first or choose another name"
        )
    password = choose_password(ns, url)
    entry = WorkspaceEntry(name=name, url=stored_url(url), tenant_id=ns.tenant)
    probe = check_before_adding(entry, password, ns.timeout) if ns.check else None
    entry = console.catalog.add(name, entry.url, password, ns.tenant)
    if ns.use:
        console.catalog.use(name)
    current = console.catalog.load().current == name
    if probe is not None and probe.schema in ("empty", "outdated") and not probe.note:
        note(
            f"workspace {name!r} has schema {probe.schema}: run "
            f"'webnova db upgrade --workspace {name}' before using it"
        )
    if ns.json:
        result = entry_json(entry, current)
        result["password_stored"] = password is not None
        if probe is not None:
            result.update(asdict(probe))
        emit_json(result)
        return 0
    if entry.kind != "postgresql":
        where = ""
    elif password:
        where = " (password stored in the OS keyring)"
    else:
        where = " (no password stored: the server must let this role in without one — trust, peer, ~/.pgpass or a client certificate)"
    emit(f"added workspace {name!r}: {safe_url(entry.url)}, tenant {entry.tenant_id!r}{where}")
    if probe is not None:
        emit(f"check: {_status_text(probe)}")
    if current:
        emit(f"current workspace: {name}")
    return 0


# ------------------------------------------------------------------------- use, remove
def use_workspace(ns: argparse.Namespace) -> int:
    console = open_console()
    entry = console.catalog.get(ns.name)
    probe = probe_workspace(console, entry, ns.timeout)
    usable = probe.reachable and probe.schema != "newer"
    if not usable and not ns.force:
        reason = probe.problem if not probe.reachable else (
            "its schema is newer than this console; upgrade the console")
        raise CliError(f"workspace {entry.name!r} was not made current: {reason} "
                       f"(the current workspace is still {console.catalog.load().current!r}; "
                       "--force switches anyway)")
    entry = console.catalog.use(ns.name)
    if ns.json:
        result = entry_json(entry, True)
        result.update(asdict(probe))
        emit_json(result)
    else:
        emit(f"current workspace: {entry.name} ({safe_url(entry.url)})")
        emit(f"check: {_status_text(probe)}")
    if probe.reachable and probe.schema in ("empty", "outdated") and not probe.note:
        note(f"workspace {entry.name!r} has schema {probe.schema}: run "
             f"'webnova db upgrade --workspace {entry.name}' before using it")
    return 0 if usable else EXIT_FAILED


def remove_workspace(ns: argparse.Namespace) -> int:
    catalog = open_console().catalog
    catalog.remove(ns.name)
    current = catalog.load().current
    if ns.json:
        emit_json({"removed": ns.name, "current": current})
    else:
        emit(f"removed workspace {ns.name!r} and its stored password; its database was not touched")
        emit(f"current workspace: {current}")
    return 0
