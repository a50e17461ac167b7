"""Failures of generation, rollback and the local runtime in the console's language."""

from __future__ import annotations

from app.domain.codegen.spec import CodegenError
from app.gui.formatting import fill, language
from app.gui.messages import error_text
from app.gui.qt import QCoreApplication
from app.services.runtime import PlatformRuntimeError

translate = QCoreApplication.translate


def problem_text(exc: BaseException) -> str:
    if isinstance(exc, CodegenError):
        # The generator says what is wrong in both languages.
        return exc.message_ar if language() == "ar" else exc.message_en
    if isinstance(exc, PlatformRuntimeError):
        return fill(translate("Generate", "The platform could not be run. Details: %1"), str(exc))
    if isinstance(exc, OSError):
        return fill(translate("Generate", "A file could not be read or written. Details: %1"),
                    str(exc) or type(exc).__name__)
    return error_text(exc)


def is_uncommitted_changes(exc: BaseException) -> bool:
    """A rollback refused because files changed since the last generation."""
    return isinstance(exc, CodegenError) and "changed since the last commit" in exc.message_en
