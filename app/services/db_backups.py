"""Database backups of a platform environment, on the database server.

``restore_backup`` puts the database back as a ``pg_dump`` (custom format) left it, in one
transaction, as the login of the server's database env file (the migrating login): first
every table, view, sequence, type and routine of the ``public`` schema that login owns is
dropped — objects made after the dump (a table a later release added) are not in the
dump, so ``pg_restore --clean`` alone would leave them behind and the next migration would
trip on them — then the dump's own script (``pg_restore --clean --if-exists``) runs. One
``psql --single-transaction`` with ``ON_ERROR_STOP`` carries both, so a restore that fails
anywhere leaves the database as it was.
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # release_deploy uses this module too
    from app.services.release_deploy import DatabaseServer

# Objects of extensions (pg_depend 'e') are left alone: they belong to the extension.
DROP_OWNED_OBJECTS = r"""
DO $restore$
DECLARE
    item record;
BEGIN
    FOR item IN
        SELECT c.relname AS name, c.relkind AS kind FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
          AND pg_get_userbyid(c.relowner) = current_user
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
        ORDER BY c.relkind = 'S', c.relname
    LOOP
        EXECUTE format('DROP %s IF EXISTS public.%I CASCADE',
                       CASE item.kind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                      WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'S' THEN 'SEQUENCE'
                                      ELSE 'TABLE' END, item.name);
    END LOOP;
    FOR item IN
        SELECT t.typname AS name FROM pg_type t
        JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'r', 'c')
          AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
          AND pg_get_userbyid(t.typowner) = current_user
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format('DROP TYPE IF EXISTS public.%I CASCADE', item.name);
    END LOOP;
    FOR item IN
        SELECT p.oid::regprocedure::text AS name FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) = current_user
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
    LOOP
        EXECUTE 'DROP ROUTINE IF EXISTS ' || item.name || ' CASCADE';
    END LOOP;
END
$restore$;
"""


def restore_command(database: DatabaseServer, path: str) -> str:
    """The shell command (the drop script on standard input) restoring ``path``."""
    q = shlex.quote
    return (f"set -eu; set -a; . {q(database.env_file)}; set +a; "
            f"if [ ! -f {q(path)} ]; then echo {q(f'the backup {path} is not on this server')} >&2; "
            "exit 3; fi; "
            f"{{ cat; pg_restore --clean --if-exists --file=- {q(path)}; }} | "
            f"psql -X -q --single-transaction -v ON_ERROR_STOP=1 --dbname={q(database.database)}")


async def restore_backup(database: DatabaseServer, path: str) -> None:
    """Restore ``path`` (a dump on ``database``'s server) into its database, whole or not at
    all. A failure raises the host's RemoteError with ``psql``'s message."""
    await database.host.run(restore_command(database, path), input=DROP_OWNED_OBJECTS,
                            check=True, timeout=3600)
