"""Database backups of a platform environment, on its database server: the one way to take
a dump, to restore one, to list what is there and to rehearse a restore (a drill).

- :func:`take_backup` runs ``pg_dump`` (custom format) as the migrating login, with the
  PG* settings of the environment file the console wrote (``DatabaseServer.env_file``),
  into ``<backup_dir>/<UTC time>-<label>.dump``, and in the very same snapshot counts the
  rows of every table into ``<dump>.counts.json``
  (:data:`app.domain.release.server_scripts.DUMP_FUNCTION`; the daily timer's script runs
  the same text). Labels: ``before-release-N`` (a deploy), ``manual``, ``scheduled``.
- :func:`restore_backup` replaces the platform database's contents with a dump, in one
  transaction, as the migrating login (which owns the platform's objects): the ``public``
  schema is dropped with everything in it and made again, then the dump's script runs
  (``pg_restore -f -`` into ``psql``) and the transaction commits only when the whole dump
  was read and applied. Restored: tables and their rows, sequences' positions, indexes and
  constraints, functions, row-level security (enabled, forced, the policies), grants on
  the schema, tables and functions, ownership, and the migration revision
  (``alembic_version``). Not touched: roles, their memberships and passwords (the
  server's, not the database's) and the database's own grants. A restore that fails —
  an unreadable or truncated dump, a refused statement — leaves the database as it was
  and says why. (``pg_restore --clean`` alone would leave objects made after the dump in
  place — a later migration's table — next to a migration revision that no longer knows
  them; dropping the schema first does not.)
- :func:`drill_backup` restores a dump into a scratch database made and dropped by the
  ``webnova-db-drill`` hook (``psql`` as ``postgres`` through ``sudo``; see
  :mod:`app.domain.release.server_scripts`) and compares each table's rows with the
  counts recorded beside the dump.
- :func:`server_backups` lists the dumps in the backup folder.

Async functions over the :class:`RemoteHost` port; nothing here blocks the loop.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from app.domain.errors import WebNovaError
from app.domain.release.server_scripts import DRILL_HOOK, DUMP_FUNCTION
from app.services.remote_ports import RemoteCommandError, tail

if TYPE_CHECKING:  # release_deploy takes its dumps here
    from app.services.release_deploy import DatabaseServer

COUNTS_SUFFIX = ".counts.json"
_LABEL = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
_NAME = re.compile(r"^(?P<stamp>[0-9]{8}T[0-9]{6}Z)-(?P<label>[a-z0-9][a-z0-9-]{0,39})\.dump$")
_STAMP = "%Y%m%dT%H%M%SZ"
_EXISTS = 17  # the dump function's exit code when the file is there already


class DatabaseBackupError(WebNovaError):
    pass


def backup_kind(label: str) -> str:
    """``before-deploy``, ``before-rollback``, ``manual``, ``scheduled`` (or the label itself)."""
    if label.startswith("before-release-"):
        return "before-deploy"
    if label.startswith("before-rollback-"):
        return "before-rollback"
    return re.sub(r"-[0-9]+$", "", label)


def parse_backup_name(name: str) -> tuple[str, str, datetime] | None:
    """``<UTC time>-<label>.dump`` -> (id, label, time); None for any other name."""
    match = _NAME.match(name)
    if match is None:
        return None
    at = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
    return name.removesuffix(".dump"), match["label"], at


async def take_backup(database: DatabaseServer, label: str,
                      clock: Callable[[], datetime]) -> dict[str, Any]:
    """A dump of the platform database now: ``{"id", "path", "size", "label", "kind", "at",
    "server", "tables", "rows"}`` (``rows``: all tables' rows, counted in the dump's
    snapshot). A failure is a :class:`RemoteError` naming the server and what went wrong."""
    if not _LABEL.match(label):
        raise DatabaseBackupError(f"backup label {label!r}: lowercase letters, digits and '-' "
                                  "only, at most 40")
    at = clock().astimezone(UTC)
    for attempt in range(1, 10):  # two dumps in the same second get names of their own
        named = label if attempt == 1 else f"{label}-{attempt}"
        backup_id = f"{at.strftime(_STAMP)}-{named}"
        path = f"{database.backup_dir}/{backup_id}.dump"
        result = await database.host.run(
            f"sh -s -- {shlex.quote(database.env_file)} {shlex.quote(path)} "
            f"{shlex.quote(database.database)}", timeout=6 * 3600,
            input=DUMP_FUNCTION + f'\nwebnova_dump "$1" "$2" "$3" && cat "$2{COUNTS_SUFFIX}"\n')
        if result.exit_code != _EXISTS:
            break
    if result.exit_code != 0:
        raise RemoteCommandError(database.host.host, result)
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    size, counts = int(lines[0]), _counts(lines[-1], path)
    return {"id": backup_id, "path": path, "size": size, "label": named,
            "kind": backup_kind(label), "at": at.isoformat(), "server": database.name,
            "tables": len(counts), "rows": sum(counts.values())}


def _counts(text: str, where: str) -> dict[str, int]:
    try:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not an object")
        return {str(k): int(v) for k, v in data.items()}
    except (ValueError, TypeError) as exc:
        raise DatabaseBackupError(f"the row counts of {where} are not readable ({exc})") from None


_RESTORE = r"""set -eu
env=$1; dump=$2
[ -f "$dump" ] || { echo "there is no backup file $dump on this server" >&2; exit 3; }
set -a; . "$env"; set +a
export PGDATABASE="$3"
failed=$(mktemp); trap 'rm -f "$failed"' EXIT
{
    printf '%s\n' 'BEGIN;' 'SET LOCAL client_min_messages = warning;' \
        'DROP SCHEMA public CASCADE;' 'CREATE SCHEMA public;' 'GRANT USAGE ON SCHEMA public TO PUBLIC;'
    # COMMIT only once the whole dump was read: a truncated one ends the session uncommitted
    if pg_restore --no-password --exit-on-error -f - "$dump"; then printf '\nCOMMIT;\n'; else echo x > "$failed"; fi
} | psql -X -q -v ON_ERROR_STOP=1 --no-password -d "$PGDATABASE" > /dev/null
if [ -s "$failed" ]; then
    echo "the backup $dump could not be read whole" >&2
    exit 4
fi
echo restored
"""


async def restore_backup(database: DatabaseServer, path: str) -> None:
    """Replace the platform database's contents with the dump at ``path`` (see the module's
    docstring), all or nothing. Failed: a :class:`DatabaseBackupError` saying why; the
    database is as it was."""
    q = shlex.quote
    try:
        result = await database.host.run(
            f"sh -s -- {q(database.env_file)} {q(path)} {q(database.database)}", check=True,
            timeout=6 * 3600, input=_RESTORE)
    except RemoteCommandError as exc:
        raise DatabaseBackupError(
            f"restoring {path} on {database.name} failed, and the database was left as it "
            f"was: {exc.stderr_tail or f'exit code {exc.exit_code}'}") from None
    if "restored" not in result.stdout:
        raise DatabaseBackupError(f"restoring {path} on {database.name} did not finish")


@dataclass(frozen=True)
class ServerBackup:
    """A dump found in the backup folder."""

    id: str
    label: str
    at: datetime
    path: str
    size: int
    counted: bool  # its .counts.json is there


async def server_backups(database: DatabaseServer) -> list[ServerBackup]:
    """The dumps in the database server's backup folder, oldest first (other files and
    unfinished ``.part`` files are left out)."""
    folder = shlex.quote(database.backup_dir)
    result = await database.host.run(
        f"[ -d {folder} ] || exit 0; find {folder} -maxdepth 1 -type f "
        "\\( -name '*.dump' -o -name '*.dump.counts.json' \\) -printf '%f\\t%s\\n'",
        check=True, timeout=120)
    sizes: dict[str, int] = {}
    for line in result.stdout.splitlines():
        name, _, count = line.partition("\t")
        if count.isdigit():
            sizes[name] = int(count)
    found = []
    for name, size in sizes.items():
        parsed = parse_backup_name(name)
        if parsed is not None:
            found.append(ServerBackup(parsed[0], parsed[1], parsed[2],
                                      f"{database.backup_dir}/{name}", size,
                                      name + COUNTS_SUFFIX in sizes))
    return sorted(found, key=lambda b: (b.at, b.id))


@dataclass(frozen=True)
class TableCheck:
    table: str
    expected: int | None  # None: the table is not in the recorded counts
    restored: int | None  # None: the restore has no such table

    @property
    def ok(self) -> bool:
        return self.expected is not None and self.expected == self.restored


@dataclass
class DrillReport:
    path: str
    scratch: str
    tables: list[TableCheck] = field(default_factory=list)
    problem: str = ""  # why the drill could not compare (no counts recorded)

    @property
    def ok(self) -> bool:
        return not self.problem and all(t.ok for t in self.tables)


async def drill_backup(database: DatabaseServer, path: str) -> DrillReport:
    """Restore ``path`` into a scratch database (made and dropped by the drill hook) and
    compare its tables' rows with the counts taken when the dump was made. A dump that
    cannot be restored is a :class:`DatabaseBackupError` saying why (the scratch database
    is dropped all the same)."""
    q = shlex.quote
    counts = await database.host.run(f"cat {q(path + COUNTS_SUFFIX)}", timeout=60)
    result = await database.host.run(
        f"[ -f {q(path)} ] || {{ echo 'there is no backup file {path} on this server' >&2; "
        f"exit 3; }}; sudo -n {DRILL_HOOK} < {q(path)}", timeout=6 * 3600)
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    scratch = next((line.split(" ", 1)[1] for line in lines if line.startswith("scratch ")), "")
    if result.exit_code != 0:
        dropped = (f"; the scratch database {scratch} was dropped" if scratch and
                   result.exit_code != 5 else "")
        raise DatabaseBackupError(f"the drill of {path} on {database.name} failed: "
                                  f"{tail(result.stderr) or f'exit code {result.exit_code}'}"
                                  f"{dropped}")
    restored = _counts(lines[-1], f"the drill's restore of {path}")
    report = DrillReport(path, scratch)
    if counts.exit_code != 0:
        report.problem = (f"no row counts were recorded with {path} (a dump made before "
                          "counts were kept); nothing to compare the restore with")
        expected: dict[str, int] = {}
    else:
        expected = _counts(counts.stdout.strip(), path + COUNTS_SUFFIX)
    for table in sorted(set(expected) | set(restored)):
        report.tables.append(TableCheck(table, expected.get(table), restored.get(table)))
    return report

