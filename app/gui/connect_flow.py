"""The "Connect to PostgreSQL" form as a flow without Qt: field values in, either a
connection request or a list of problems (one per field) out.

Problems are codes, not sentences: the form widget turns them into translated text.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from urllib.parse import urlsplit

from app.domain.errors import InvalidWorkspaceUrlError
from app.domain.events import MAX_IDENTIFIER_LENGTH
from app.domain.workspace import LOCAL_WORKSPACE, WorkspaceNameError, check_workspace_name


class Problem(Enum):
    NAME_EMPTY = "name-empty"
    NAME_INVALID = "name-invalid"
    NAME_RESERVED = "name-reserved"
    NAME_TAKEN = "name-taken"
    URL_EMPTY = "url-empty"
    URL_MALFORMED = "url-malformed"
    URL_NOT_POSTGRES = "url-not-postgres"
    URL_NO_HOST = "url-no-host"
    URL_NO_DATABASE = "url-no-database"
    URL_NO_USER = "url-no-user"
    URL_BAD_PORT = "url-bad-port"
    TENANT_EMPTY = "tenant-empty"
    TENANT_INVALID = "tenant-invalid"


@dataclass(frozen=True)
class FieldProblem:
    field: str  # "name", "url" or "tenant"
    problem: Problem
    detail: str = ""  # the parser's own words, shown after the translated sentence


@dataclass(frozen=True)
class ConnectRequest:
    name: str
    url: str  # without the password: this is what the console remembers
    password: str | None  # goes to the OS keyring only
    tenant_id: str


# The URL parser speaks English sentences; each is recognised by a phrase it contains.
_URL_PHRASES = (
    ("is empty", Problem.URL_EMPTY),
    ("unsupported database", Problem.URL_NOT_POSTGRES),
    ("names no host", Problem.URL_NO_HOST),
    ("names no database", Problem.URL_NO_DATABASE),
    ("names no user", Problem.URL_NO_USER),
    ("invalid port", Problem.URL_BAD_PORT),
    ("out of range", Problem.URL_BAD_PORT),
    ("invalid literal for int()", Problem.URL_BAD_PORT),
)


def _bad_port(raw: str) -> bool:
    """A port that is not a number from 1 to 65535 (checked before the full parse, which
    reports it only as an unreadable host or port)."""
    try:
        parts = urlsplit(raw)
    except ValueError:  # not a URL at all: the full parse says so
        return False
    try:
        port = parts.port
    except ValueError:
        return True
    return port == 0


def classify_url_error(message: str) -> Problem:
    lowered = message.lower()
    return next((p for phrase, p in _URL_PHRASES if phrase in lowered), Problem.URL_MALFORMED)


@dataclass
class PostgresConnectForm:
    existing_names: frozenset[str] = frozenset()
    name: str = ""
    url: str = ""
    password: str = ""
    tenant_id: str = "default"

    def problems(self) -> list[FieldProblem]:
        found: list[FieldProblem] = []
        name_problem = self._check_name()
        if name_problem:
            found.append(name_problem)
        url_problem = self._check_url()[1]
        if url_problem:
            found.append(url_problem)
        tenant_problem = self._check_tenant()
        if tenant_problem:
            found.append(tenant_problem)
        return found

    def request(self) -> ConnectRequest:
        """The request to connect; ValueError if :meth:`problems` is not empty."""
        if self.problems():
            raise ValueError("the form has problems; check problems() first")
        without_password, url_password = self._check_url()[0]
        return ConnectRequest(
            name=self.name.strip(),
            url=without_password,
            password=self.password or url_password,
            tenant_id=self.tenant_id.strip(),
        )

    # ------------------------------------------------------------------ fields
    def _check_name(self) -> FieldProblem | None:
        name = self.name.strip()
        if not name:
            return FieldProblem("name", Problem.NAME_EMPTY)
        if name == LOCAL_WORKSPACE:
            return FieldProblem("name", Problem.NAME_RESERVED)
        try:
            check_workspace_name(name)
        except WorkspaceNameError:
            return FieldProblem("name", Problem.NAME_INVALID)
        if name in self.existing_names:
            return FieldProblem("name", Problem.NAME_TAKEN)
        return None

    def _check_url(self) -> tuple[tuple[str, str | None], FieldProblem | None]:
        from app.store.engine import parse_workspace_url, split_password

        raw = self.url.strip()
        if raw.startswith("postgres://"):  # the short scheme many tools print
            raw = "postgresql://" + raw.removeprefix("postgres://")
        if _bad_port(raw):
            return ("", None), FieldProblem("url", Problem.URL_BAD_PORT)
        try:
            url = parse_workspace_url(raw)
        except InvalidWorkspaceUrlError as exc:
            return ("", None), FieldProblem("url", classify_url_error(str(exc)), str(exc))
        except ValueError as exc:  # odd input the URL parser itself trips over
            return ("", None), FieldProblem("url", classify_url_error(str(exc)), str(exc))
        if url.get_backend_name() != "postgresql":
            return ("", None), FieldProblem("url", Problem.URL_NOT_POSTGRES)
        without, password = split_password(url)
        return (without.render_as_string(hide_password=False), password), None

    def _check_tenant(self) -> FieldProblem | None:
        tenant = self.tenant_id.strip()
        if not tenant:
            return FieldProblem("tenant", Problem.TENANT_EMPTY)
        if len(tenant) > MAX_IDENTIFIER_LENGTH or any(ord(ch) < 32 for ch in tenant):
            return FieldProblem("tenant", Problem.TENANT_INVALID)
        return None
