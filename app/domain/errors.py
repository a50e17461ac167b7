"""Errors the domain and its ports speak in; adapters translate driver errors into these."""

from __future__ import annotations


class WebNovaError(Exception):
    """Base of every error meant to be shown to a person."""


class ConcurrencyError(WebNovaError):
    """A stream moved on since the caller read it; nothing was written."""

    def __init__(self, stream_id: str, expected_version: int | None, actual_version: int | None) -> None:
        self.stream_id = stream_id
        self.expected_version = expected_version
        self.actual_version = actual_version
        actual = "unknown" if actual_version is None else str(actual_version)
        super().__init__(
            f"stream {stream_id!r} is at version {actual}, not the expected "
            f"{expected_version}; nothing was written"
        )


class TenantNotPermittedError(WebNovaError):
    """The session may not write or read that tenant's rows."""


class WorkspaceError(WebNovaError):
    """A workspace cannot be opened or used; the message says why (in English, for logs and
    the CLI). ``reason`` and ``facts`` say it again as data (``"refused"``, ``where=
    "db:5432"``), so the GUI can say it in the owner's language."""

    def __init__(self, message: str = "", *, reason: str = "", **facts: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.facts = facts


class WorkspaceUnreachableError(WorkspaceError):
    pass


class WorkspaceAuthError(WorkspaceError):
    pass


class SchemaTooNewError(WorkspaceError):
    pass


class SchemaOutdatedError(WorkspaceError):
    pass


class InvalidWorkspaceUrlError(WorkspaceError):
    pass


class WorkspaceBusyError(WebNovaError):
    """Another writer held the workspace longer than this console waits; nothing was written."""


class SecretStoreError(WebNovaError):
    """The OS keyring is missing, locked or refused the operation."""


class LeaseHeldError(WebNovaError):
    """Another live console is doing this now (it holds the lease)."""

    def __init__(self, name: str, holder: str) -> None:
        super().__init__(f"{holder} is working on {name} right now; try again when it is done")
        self.name = name
        self.holder = holder
