"""Jinja2 rendering of the code-generation templates under resources/codegen.

Rendering is strict (an unknown name is an error, not an empty string) and deterministic:
templates get only the data they are given, and output is normalised to LF line ends."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jinja2

from app.domain.codegen.spec import CodegenError
from app.paths import resources_dir


def codegen_templates_dir() -> Path:
    return resources_dir() / "codegen"


def _py(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class JinjaTemplates:
    """Implements the codegen service's TemplateRenderer port."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or codegen_templates_dir()
        self._env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(self.folder), encoding="utf-8"),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            newline_sequence="\n",
        )
        self._env.filters["py"] = _py
        self._env.globals["verbatim"] = self._verbatim

    def _verbatim(self, name: str) -> str:
        """A file under the templates folder as it is (not rendered): vendored assets."""
        loader = self._env.loader
        assert loader is not None
        source, _filename, _uptodate = loader.get_source(self._env, name)
        return source

    def render(self, template: str, context: dict[str, Any]) -> str:
        try:
            return self._env.get_template(template).render(**context)
        except jinja2.TemplateNotFound as exc:
            raise CodegenError(
                f"the code-generation template {exc.name!r} is missing from {self.folder}",
                f"قالب التوليد «{exc.name}» غير موجود في {self.folder}",
            ) from None
        except jinja2.TemplateError as exc:
            raise CodegenError(
                f"the code-generation template {template!r} failed: {exc}",
                f"فشل قالب التوليد «{template}»: {exc}",
            ) from None
