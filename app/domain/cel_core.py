"""The CEL engine for constitution rules and compliance checks, loaded on first use.

``common-expression-language`` keeps its engine in a Rust extension (``cel.cel``), but its
package ``__init__`` also imports ``cel.cli``, and with it typer and prompt_toolkit
(about 120 ms, for a command line the console never uses). The console loads the extension
alone, the first time an expression is compiled; a later ``import cel`` elsewhere finds the
same module and does not load it twice.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any


@cache
def core() -> ModuleType:
    """The ``cel.cel`` extension: ``compile(text) -> Program`` and ``Program.execute``."""
    loaded = sys.modules.get("cel.cel")
    if loaded is not None:
        return loaded
    spec = importlib.util.find_spec("cel")  # locates the package without running it
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the CEL engine (common-expression-language) is not installed")
    folder = Path(next(iter(spec.submodule_search_locations)))
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        path = folder / f"cel{suffix}"
        if path.exists():
            extension = importlib.util.spec_from_file_location("cel.cel", path)
            assert extension is not None
            assert extension.loader is not None
            module = importlib.util.module_from_spec(extension)
            sys.modules["cel.cel"] = module
            extension.loader.exec_module(module)
            return module
    # Packaged differently (a frozen bundle, another layout): the package's own import.
    import cel

    return cel


def compile_expression(text: str) -> Any:
    """A compiled CEL program; ValueError (or RuntimeError) names a syntax error."""
    return core().compile(text)
