"""What every command needs: the console, the workspace it works on, an open workspace."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from app.bootstrap import Console, Workspace
from app.cli.output import note
from app.domain.errors import WebNovaError
from app.domain.redaction import redactor
from app.domain.workspace import WorkspaceEntry
from app.store.engine import display_url, parse_workspace_url


def open_console() -> Console:
    return Console()


def chosen_entry(console: Console, ns: argparse.Namespace) -> WorkspaceEntry:
    """The workspace named by ``--workspace``, else the current one."""
    name = getattr(ns, "workspace", None)
    return console.catalog.get(name) if name else console.catalog.current()


def safe_url(stored: str) -> str:
    """A stored URL as shown to a person: a password (there should be none) is hidden."""
    try:
        return display_url(parse_workspace_url(stored))
    except (WebNovaError, ValueError):
        return redactor.redact(stored)


@contextmanager
def opened_workspace(console: Console, entry: WorkspaceEntry) -> Iterator[Workspace]:
    """An open workspace (a SQLite file is upgraded on the way, as the GUI does), closed
    when the command is done."""
    workspace = console.open_workspace(entry)
    try:
        upgraded = workspace.upgraded
        if upgraded is not None:
            copied = (
                f"; the previous file was copied to {upgraded.backup}" if upgraded.backup else ""
            )
            note(
                f"workspace {entry.name!r} was upgraded from schema "
                f"{upgraded.before or 'none'} to {upgraded.after}{copied}"
            )
        yield workspace
    finally:
        workspace.close()
