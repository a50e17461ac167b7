"""Secrets never survive redaction: in plain text, in log records and in the log file."""

from __future__ import annotations

import io
import logging
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.domain.redaction import MASK, Redactor, redactor
from app.logs import RedactingFilter, configure_logging, install_redaction


def fresh_secret() -> str:
    return f"s3cr3t-{uuid.uuid4().hex}"


# --------------------------------------------------------------------- patterns
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "postgresql://bank:hunter2@db.example:5432/ledger",
            "postgresql://bank:***@db.example:5432/ledger",
        ),
        ("postgresql+psycopg://u:p%40ss@h/db failed", "postgresql+psycopg://u:***@h/db failed"),
        ("connect to https://user:tok@example.org/x", "connect to https://user:***@example.org/x"),
    ],
)
def test_url_passwords_are_masked(text: str, expected: str) -> None:
    assert Redactor().redact(text) == expected


def test_urls_without_password_are_left_alone() -> None:
    text = "postgresql://bank@db.example:5432/ledger and sqlite:////home/u/ws.sqlite3"
    assert Redactor().redact(text) == text


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        ("password=hunter2 host=db", "hunter2"),
        ("PASSWORD: 'hunter2'", "hunter2"),
        ('{"password": "hunter2", "user": "u"}', "hunter2"),
        ("passwd=abc123;", "abc123"),
        ("pwd=abc123&x=1", "abc123"),
        ("token=ghp_abcdefgh12345", "ghp_abcdefgh12345"),
        ("api_key=AKIA1234567890", "AKIA1234567890"),
        ("api-key: AKIA1234567890", "AKIA1234567890"),
        ("Authorization: Bearer eyJhbGciOi.payload.sig", "eyJhbGciOi.payload.sig"),
        ("secret=topsecretvalue", "topsecretvalue"),
    ],
)
def test_credential_assignments_are_masked(text: str, hidden: str) -> None:
    redacted = Redactor().redact(text)
    assert hidden not in redacted
    assert MASK in redacted


@pytest.mark.parametrize(
    "key",
    [
        "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
        "sk_live_51HxYzAbCdEfGhIjKlMn",
        "rk_test_51HxYzAbCdEfGhIjKlMn",
        "pk_live_0123456789abcdef",
    ],
)
def test_api_key_shapes_are_masked_wherever_they_appear(key: str) -> None:
    redacted = Redactor().redact(f"calling the API with {key} failed")
    assert key not in redacted
    assert redacted == f"calling the API with {MASK} failed"


def test_private_key_blocks_are_masked() -> None:
    block = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----"
    redacted = Redactor().redact(f"key:\n{block}\ndone")
    assert "b3BlbnNzaC1rZXktdjEAAAAA" not in redacted
    assert redacted == f"key:\n{MASK}\ndone"


def test_ordinary_text_is_unchanged() -> None:
    text = "Appended 3 events to stream order-1 at position 42 (tenant bank)."
    assert Redactor().redact(text) == text


# --------------------------------------------------------------------- registered
def test_registered_secrets_are_masked_anywhere() -> None:
    r = Redactor()
    r.register("Kx9-unusual-value")
    assert r.redact("value Kx9-unusual-value and again(Kx9-unusual-value)") == (
        f"value {MASK} and again({MASK})"
    )


def test_short_or_empty_values_are_not_registered() -> None:
    r = Redactor()
    r.register(None)
    r.register("")
    r.register("abc")  # would mask ordinary words
    assert r.redact("abc and the abc") == "abc and the abc"


def test_longer_secret_wins_over_a_registered_prefix() -> None:
    r = Redactor()
    r.register("abcd")
    r.register("abcdefgh")
    assert r.redact("x abcdefgh y") == f"x {MASK} y"


def test_masking_cannot_rebuild_a_secret_from_its_surroundings() -> None:
    # "a" + mask spells the secret again once its occurrence is masked.
    r = Redactor()
    r.register("a***")
    assert "a***" not in r.redact("aa***")


@settings(max_examples=300, deadline=None, database=None)
@given(
    secret=st.text(min_size=4, max_size=40),
    before=st.text(max_size=40),
    after=st.text(max_size=40),
    repeat=st.integers(min_value=1, max_value=3),
)
@example(secret="a***", before="a", after="", repeat=1)
@example(secret="er:***", before="postgresql://us", after="@h/db", repeat=1)
@example(secret="hunter2!", before="postgresql://u:", after="@h/db password=", repeat=2)
def test_a_registered_secret_never_survives(
    secret: str, before: str, after: str, repeat: int
) -> None:
    r = Redactor()
    r.register(secret)
    text = before + (secret + after) * repeat
    assert secret not in r.redact(text)


# --------------------------------------------------------------------- log records
@pytest.fixture
def captured() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    stream = io.StringIO()
    handler = install_redaction(logging.StreamHandler(stream))
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger(f"test.redaction.{uuid.uuid4().hex}")
    logger.propagate = False
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield logger, stream
    finally:
        logger.removeHandler(handler)
        handler.close()


def test_log_messages_and_their_arguments_are_redacted(
    captured: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = captured
    secret = fresh_secret()
    redactor.register(secret)
    logger.info("connecting with %s to %s", secret, "postgresql://u:pw-in-url@h/db")
    logger.warning("password=%s", "literal-pw-1")
    out = stream.getvalue()
    assert secret not in out
    assert "pw-in-url" not in out
    assert "literal-pw-1" not in out
    assert "postgresql://u:***@h/db" in out


def test_exception_tracebacks_are_redacted(captured: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = captured
    secret = fresh_secret()
    redactor.register(secret)
    try:
        raise ConnectionError(f"login failed for dsn password={secret} (sk_live_abcdefgh1234)")
    except ConnectionError:
        logger.exception("opening the workspace failed")
    out = stream.getvalue()
    assert "Traceback" in out
    assert "ConnectionError" in out
    assert secret not in out
    assert "sk_live_abcdefgh1234" not in out


def test_chained_exceptions_are_redacted(captured: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = captured
    secret = fresh_secret()
    redactor.register(secret)
    try:
        try:
            raise KeyError(secret)
        except KeyError as inner:
            raise RuntimeError("lookup failed") from inner
    except RuntimeError:
        logger.error("failed", exc_info=True)
    out = stream.getvalue()
    assert "KeyError" in out
    assert secret not in out


def test_a_record_with_a_broken_format_string_is_still_logged_and_redacted() -> None:
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "token=%s and %s", ("only-one-arg-value",), None
    )
    assert RedactingFilter().filter(record)
    assert "only-one-arg-value" not in record.getMessage()


def test_every_handler_gets_the_filter_only_once() -> None:
    handler = logging.StreamHandler(io.StringIO())
    install_redaction(handler)
    install_redaction(handler)
    assert sum(isinstance(f, RedactingFilter) for f in handler.filters) == 1
    handler.close()


# --------------------------------------------------------------------- the log file
@pytest.fixture
def root_logging() -> Iterator[None]:
    """configure_logging changes the root logger; put it back afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
        root.setLevel(level)


def test_a_secret_never_reaches_the_log_file(console_home: Path, root_logging: None) -> None:
    configure_logging(level=logging.DEBUG, to_file=True)
    log_path = console_home / "data" / "logs" / "console.log"
    assert log_path.exists()
    secret = fresh_secret()
    redactor.register(secret)
    log = logging.getLogger("app.test.logfile")
    log.info("stored %s", secret)
    log.debug("url postgresql://owner:%s@db:5432/x", "url-password-77")
    log.warning("Authorization: Bearer %s", "bearer-token-value")
    try:
        raise ValueError(f"could not use {secret}")
    except ValueError:
        log.exception("while storing")
    for handler in logging.getLogger().handlers:
        handler.flush()
    content = log_path.read_text(encoding="utf-8")
    assert "while storing" in content
    assert "ValueError" in content
    for leaked in (secret, "url-password-77", "bearer-token-value"):
        assert leaked not in content


# --------------------------------------------------------------------- the console's own words
def test_a_message_naming_a_keyring_entry_keeps_its_words() -> None:
    text = ("no OS keyring is available to read 'workspace/bank/db-password': install and "
            "unlock a keyring (for example gnome-keyring) or set WEBNOVA_KEYRING=memory")
    assert Redactor().redact(text) == text


def _console_texts() -> list[tuple[str, str]]:
    """Every text in the console's code that names a credential (f-strings with their
    values left out), with where it stands."""
    import ast

    from app.paths import install_root

    words = ("password", "passwd", "pwd", "secret", "token", "api_key", "api-key", "apikey",
             "authorization")
    found = []
    root = install_root()
    for path in sorted((root / "app").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
            elif isinstance(node, ast.JoinedStr):
                text = "".join(v.value if isinstance(v, ast.Constant) else "value"
                               for v in node.values)
            else:
                continue
            if any(word in text.lower() for word in words):
                found.append((f"{path.relative_to(root)}:{node.lineno}", text))
    return found


# Texts that show a credential on purpose (a URL with a password, in a docstring).
_EXAMPLES_OF_CREDENTIALS = {"app/services/workspaces.py"}


def test_redaction_changes_no_text_the_console_writes() -> None:
    texts = _console_texts()
    assert len(texts) > 50  # the walk found the console's messages
    changed = [(where, text, Redactor().redact(text)) for where, text in texts
               if where.split(":")[0] not in _EXAMPLES_OF_CREDENTIALS and Redactor().redact(text) != text]
    assert changed == []


@pytest.mark.parametrize(("text", "expected"), [
    ("password: hunter2", f"password: {MASK}"),
    ("password: 'two words'", f"password: '{MASK}'"),
    ("the token: expired and refused", "the token: expired and refused"),
    ("secret_store: keyring", "secret_store: keyring"),
    ("db-password=hunter2", f"db-password={MASK}"),
    ("PGPASSWORD=hunter2 psql", f"PGPASSWORD={MASK} psql"),
])
def test_values_go_and_words_stay(text: str, expected: str) -> None:
    assert Redactor().redact(text) == expected
