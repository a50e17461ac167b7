"""Sentences about failures, translated. Core errors carry English details (a host, a
user name); the translated sentence says what happened and the detail follows,
isolated so it keeps its own direction inside Arabic text."""

from __future__ import annotations

from app.domain.errors import (
    InvalidWorkspaceUrlError,
    SchemaOutdatedError,
    SchemaTooNewError,
    SecretStoreError,
    WebNovaError,
    WorkspaceAuthError,
    WorkspaceError,
    WorkspaceUnreachableError,
)
from app.gui.formatting import fill, ltr
from app.gui.qt import QCoreApplication


def headline(exc: BaseException) -> str:
    """What went wrong, in the console's language."""
    if isinstance(exc, WorkspaceAuthError):
        return QCoreApplication.translate(
            "Messages", "The database refused the sign-in. Check the user name and password."
        )
    if isinstance(exc, WorkspaceUnreachableError):
        return QCoreApplication.translate("Messages", "The database cannot be reached.")
    if isinstance(exc, SchemaTooNewError):
        return QCoreApplication.translate(
            "Messages",
            "This database was set up by a newer version of WebNova Console. "
            "Update the console to open it.",
        )
    if isinstance(exc, SchemaOutdatedError):
        return QCoreApplication.translate(
            "Messages", "This database needs an upgrade by its owner before it can be opened."
        )
    if isinstance(exc, InvalidWorkspaceUrlError):
        return QCoreApplication.translate("Messages", "The database address is not valid.")
    if isinstance(exc, SecretStoreError):
        return QCoreApplication.translate("Messages", "The system keyring could not be used.")
    if isinstance(exc, WorkspaceError):
        return QCoreApplication.translate("Messages", "The workspace cannot be opened.")
    return QCoreApplication.translate("Messages", "Something went wrong.")


def _connection_details() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Why a database connection failed, by WorkspaceError.reason: the sentence and the
    facts that fill it (hosts, users and paths read left to right inside Arabic)."""
    return {
        "password_refused": (QCoreApplication.translate(
            "Messages", "PostgreSQL at %1 refused the password for user %2."), ("where", "user")),
        "no_database": (QCoreApplication.translate(
            "Messages", "There is no database %1 at %2."), ("database", "where")),
        "no_user": (QCoreApplication.translate(
            "Messages", "There is no user %1 at %2."), ("user", "where")),
        "timeout": (QCoreApplication.translate(
            "Messages", "No answer from %1 (the connection timed out)."), ("where",)),
        "unknown_host": (QCoreApplication.translate(
            "Messages", "The host %1 is unknown."), ("host",)),
        "refused": (QCoreApplication.translate(
            "Messages", "Nothing is listening at %1 (the connection was refused)."), ("where",)),
        "no_file": (QCoreApplication.translate(
            "Messages", "The workspace file %1 cannot be opened."), ("path",)),
        "other": (QCoreApplication.translate(
            "Messages", "Cannot connect to %1 (%2)."), ("where", "kind")),
    }


def detail(exc: BaseException) -> str:
    """The error's own words; an unexpected error shows only its kind (its text may hold
    data the owner did not mean to display). A connection failure is said in the
    console's language."""
    if isinstance(exc, WorkspaceError) and exc.reason:
        known = _connection_details().get(exc.reason)
        if known is not None and all(name in exc.facts for name in known[1]):
            sentence, names = known
            return fill(sentence, *(ltr(exc.facts[name]) for name in names))
    if isinstance(exc, WebNovaError):
        return str(exc)
    return type(exc).__name__


def error_text(exc: BaseException) -> str:
    return fill(
        QCoreApplication.translate("Messages", "%1 Details: %2"), headline(exc), detail(exc)
    )


def open_failed_text(name: str, exc: BaseException, still_open: str | None) -> str:
    """Opening workspace ``name`` failed; ``still_open`` is the workspace that stays open.
    Without a name, the console itself could not be set up."""
    if not name:
        return error_text(exc)
    first = fill(QCoreApplication.translate("Messages", "Could not open workspace %1."), name)
    rest = error_text(exc)
    if still_open is None:
        return f"{first} {rest}"
    kept = fill(QCoreApplication.translate("Messages", "Workspace %1 is still open."), still_open)
    return f"{first} {rest} {kept}"
