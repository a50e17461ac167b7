"""Schema versions of a workspace: status, upgrade, and the copy taken before upgrading."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from app.domain.errors import SchemaTooNewError, WebNovaError
from app.paths import migrations_dir
from app.store.engine import WRITE


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


@dataclass(frozen=True)
class SchemaStatus:
    current: str | None  # None: an empty database
    head: str
    known: bool  # the current revision is one this console knows

    @property
    def state(self) -> str:
        if self.current is None:
            return "empty"
        if not self.known:
            return "newer"
        return "current" if self.current == self.head else "outdated"

    def pending(self) -> list[str]:
        if self.state not in ("empty", "outdated"):
            return []
        scripts = script_directory()
        revs = scripts.iterate_revisions(self.head, self.current or "base")
        return [r.revision for r in reversed(list(revs))]


def schema_status(engine: Engine) -> SchemaStatus:
    scripts = script_directory()
    head = scripts.get_current_head()
    assert head is not None
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        conn.rollback()
    known = current is None or _is_known(scripts, current)
    return SchemaStatus(current=current, head=head, known=known)


def _is_known(scripts: ScriptDirectory, revision: str) -> bool:
    try:
        return scripts.get_revision(revision) is not None
    except Exception:  # alembic raises several kinds for unknown ids
        return False


def require_not_newer(status: SchemaStatus, where: str) -> None:
    if status.state == "newer":
        raise SchemaTooNewError(
            f"{where} has schema revision {status.current}, newer than this console knows "
            f"(latest {status.head}); update WebNova Console to open it"
        )


def backup_sqlite(database: Path, revision: str | None) -> Path:
    """Copy a SQLite workspace aside with SQLite's online backup (consistent even in WAL)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = database.with_name(f"{database.name}.{revision or 'empty'}.{stamp}.bak")
    source = sqlite3.connect(str(database))
    try:
        dest = sqlite3.connect(str(target))
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target


@dataclass(frozen=True)
class UpgradeResult:
    before: str | None
    after: str
    backup: Path | None


class MissingPrivilegeError(WebNovaError):
    """The role upgrading a PostgreSQL workspace lacks a privilege the migrations need; the
    message names it and the statement (run as a superuser) that grants it."""


def check_upgrade_privileges(engine: Engine, where: str) -> None:
    """Before the first migration: may this role create the console's roles, its tables in
    schema public, and hand them to webnova_owner? Nothing is changed either way."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect() as conn:
        row = conn.execute(sa.text(
            "SELECT current_user, r.rolsuper, r.rolcreaterole, "
            "has_schema_privilege('public', 'CREATE'), "
            "pg_has_role(n.nspowner, 'USAGE'), "
            "(SELECT count(*) FROM pg_roles WHERE rolname IN ('webnova_owner', 'webnova_app')), "
            "current_database() "
            "FROM pg_roles r, pg_namespace n WHERE r.rolname = current_user AND n.nspname = 'public'"
        )).one()
    user, superuser, createrole, create_in_public, owns_public, known_roles, database = row
    if superuser:
        return
    problems = []
    if known_roles < 2 and not createrole:
        problems.append(f"it may not create roles (webnova_owner, webnova_app): run ALTER ROLE {user} CREATEROLE")
    if not create_in_public:
        problems.append(f"it may not create tables in schema public: run GRANT CREATE ON SCHEMA public TO {user}")
    if not owns_public:
        problems.append(
            "it does not own schema public, so it cannot let webnova_owner own the tables there: "
            f"run ALTER DATABASE {database} OWNER TO {user} (or create the database with OWNER {user})")
    if problems:
        raise MissingPrivilegeError(
            f"{where} cannot be upgraded by role {user!r}: " + "; ".join(problems)
            + " — as a superuser (for example: sudo -u postgres psql). Nothing was changed.")


def upgrade(engine: Engine, target: str = "head", where: str = "the workspace") -> UpgradeResult:
    """Upgrade to ``target``; a SQLite file with data is copied aside first."""
    status = schema_status(engine)
    require_not_newer(status, where)
    if status.current is None:
        check_upgrade_privileges(engine, where)
    backup: Path | None = None
    if engine.dialect.name == "sqlite" and status.current is not None and status.state != "current":
        database = engine.url.database
        assert database is not None
        backup = backup_sqlite(Path(database), status.current)
    config = alembic_config()
    with engine.connect().execution_options(**{WRITE: True}) as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, target)
        conn.commit()
    after = schema_status(engine).current
    assert after is not None
    return UpgradeResult(before=status.current, after=after, backup=backup)
