"""Logging for the console: a redacting filter on every handler, a rotating file."""

from __future__ import annotations

import logging
import logging.handlers
from typing import Any

from app.domain.redaction import redactor
from app.paths import data_dir


class RedactingFilter(logging.Filter):
    """Rewrites each record's message (and exception text) without secrets."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not hide the record
            message = str(record.msg)
        record.msg = redactor.redact(message)
        record.args = None
        if record.exc_info:
            formatter = logging.Formatter()
            record.exc_text = redactor.redact(formatter.formatException(record.exc_info))
            record.exc_info = None
        return True


def install_redaction(handler: logging.Handler) -> logging.Handler:
    if not any(isinstance(f, RedactingFilter) for f in handler.filters):
        handler.addFilter(RedactingFilter())
    return handler


def configure_logging(level: int = logging.INFO, to_file: bool = True, **_: Any) -> None:
    root = logging.getLogger()
    root.setLevel(level)
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    if to_file:
        log_dir = data_dir() / "logs"
        log_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            log_dir / "console.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(formatter)
        root.addHandler(install_redaction(handler))
    for existing in root.handlers:
        install_redaction(existing)
