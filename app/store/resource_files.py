"""Files the console ships under resources/: blueprint templates and compliance packs.

Bundled files are read the same way as owner files (``parse_document``), so a damaged
installation is reported in words rather than as a crash.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from app.domain.blueprint.compliance import (
    ComplianceEngine,
    CompliancePack,
    CompliancePackError,
    parse_pack,
)
from app.domain.blueprint.document import parse_document
from app.domain.costs.anthropic import ModelPrice, parse_shipped
from app.domain.errors import WebNovaError
from app.paths import resources_dir

# ---------------------------------------------------------------- blueprint templates


class TemplateError(WebNovaError, ValueError):
    """A template is not among those shipped, or its file cannot be read."""


def _templates_dir() -> Path:
    return resources_dir() / "templates"


def list_templates() -> list[str]:
    """The domains a new blueprint can start from, in alphabetical order."""
    folder = _templates_dir()
    if not folder.is_dir():
        return []
    return sorted(path.stem for path in folder.glob("*.yaml") if path.is_file())


def load_template(domain: str) -> dict[str, Any]:
    """The parsed template document for ``domain`` (e.g. "healthcare")."""
    available = list_templates()
    # Only names from the listing reach the file system, so "../x" cannot escape the folder.
    if domain not in available:
        names = ", ".join(available) or "none"
        raise TemplateError(f"no template named {domain!r}; available templates: {names}")
    path = _templates_dir() / f"{domain}.yaml"
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TemplateError(f"template {domain!r} cannot be read: {exc.strerror or exc}") from exc
    parsed = parse_document(raw, "yaml")
    if parsed.data is None:
        problems = "; ".join(finding.message_en for finding in parsed.findings)
        raise TemplateError(f"template {domain!r} is damaged: {problems}")
    return parsed.data


# ---------------------------------------------------------------- compliance packs


def compliance_packs_dir() -> Path:
    return resources_dir() / "compliance"


def load_compliance_packs(folder: Path) -> list[CompliancePack]:
    """Every pack (``*.yaml``) in ``folder``, in file-name order; a new pack is a new file."""
    if not folder.is_dir():
        raise CompliancePackError(str(folder), "the folder of compliance packs does not exist")
    packs = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise CompliancePackError(path.name, f"cannot be read: {exc.strerror or exc}") from exc
        packs.append(parse_pack(raw, path.name))
    return packs


def load_compliance_engine(folder: Path) -> ComplianceEngine:
    return ComplianceEngine(load_compliance_packs(folder))


@functools.cache
def load_builtin_packs() -> ComplianceEngine:
    """The engine over the packs shipped in resources/compliance, loaded once."""
    return load_compliance_engine(compliance_packs_dir())


# ---------------------------------------------------------------- prices


def load_model_prices() -> list[ModelPrice]:
    """Anthropic's model prices shipped in resources/prices/anthropic.yaml."""
    path = resources_dir() / "prices" / "anthropic.yaml"
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise WebNovaError(f"the shipped model prices cannot be read: {exc.strerror or exc}") from exc
    parsed = parse_document(raw, "yaml")
    if parsed.data is None:
        problems = "; ".join(finding.message_en for finding in parsed.findings)
        raise WebNovaError(f"the shipped model prices are damaged: {problems}")
    return parse_shipped(parsed.data)
